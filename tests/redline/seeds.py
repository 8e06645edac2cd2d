"""The seed policies (real published texts) as test inputs, read from ../shared/seeds."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# Language of each seed (000 mixes four languages; its main language is English).
LANG_OF = {"000": "en", "001": "en", "002": "en", "003": "ko", "004": "en"}


@lru_cache(maxsize=None)
def seed_texts() -> list[tuple[str, str, str]]:
    """(file name, language, text) of each seed; skips the test when they are absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed policies not found at {SEEDS}")
    out = []
    for f in sorted(SEEDS.glob("*.txt")):
        out.append((f.name, LANG_OF.get(f.name[:3], "en"), f.read_text(encoding="utf-8")))
    return out


def seed(prefix: str) -> str:
    return next(t for name, _, t in seed_texts() if name.startswith(prefix))
