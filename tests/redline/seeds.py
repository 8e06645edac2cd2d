"""Policy texts with the structure of real published ones, as test inputs.

They are the project's own texts in tests/classify/pairs/doc_*.txt, written on
the structure of real Korean companies' policies (plain-text numbered titles,
bullets, tab and pipe tables, mixed scripts, notice and effective dates, lists
of previous versions) without their sentences, so the tests need nothing from
outside the repository. Each is named by its number: 000 is a consent template
in four languages (English first), 001, 002 and 004 are English, 003 Korean.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEXTS = Path(__file__).resolve().parents[1] / "classify" / "pairs"

# Language of each text (000 mixes four languages; its main language is English).
LANG_OF = {"000": "en", "001": "en", "002": "en", "003": "ko", "004": "en"}


@lru_cache(maxsize=None)
def seed_texts() -> list[tuple[str, str, str]]:
    """(name, language, text) of each text, in the order of their numbers."""
    out = []
    for f in sorted(TEXTS.glob("doc_*.txt")):
        name = f.name.removeprefix("doc_")
        out.append((name, LANG_OF.get(name[:3], "en"), f.read_text(encoding="utf-8")))
    assert [n[:3] for n, _, _ in out] == sorted(LANG_OF), f"missing texts in {TEXTS}"
    return out


def seed(prefix: str) -> str:
    return next(t for name, _, t in seed_texts() if name.startswith(prefix))
