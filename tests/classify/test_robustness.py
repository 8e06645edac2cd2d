"""Whatever the edit, the classifier answers: no crash, short excerpts, the
same answer twice, and deleting then restoring text gives symmetric classes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.classify.rules import classify_texts

# The project's own texts: the made-up Nurilab policies and the texts written on
# the structure of real published policies (tables, plain-text headings, mixed scripts).
PAIRS = Path(__file__).parent / "pairs"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(PAIRS.glob("doc_*.txt"))]
TEXTS += [p.read_text(encoding="utf-8") for p in sorted(PAIRS.glob("*.md"))]


@st.composite
def edited(draw):
    text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["drop", "dup", "insert", "swap"]))
        if action == "drop" and lines:
            del lines[i]
        elif action == "dup" and lines:
            lines.insert(i, lines[i])
        elif action == "insert":
            lines.insert(i, draw(st.text(min_size=0, max_size=80)) + "\n")
        elif action == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return text, "".join(lines), draw(st.sampled_from(["ko", "en", "zh", "zh-Hant", "es", "fr"]))


@settings(max_examples=60, deadline=None)
@given(edited())
def test_any_edit_is_classified(case):
    old, new, lang = case
    a = classify_texts(old, new, lang)
    assert a == classify_texts(old, new, lang)
    for r in a.reasons:
        assert len(r.excerpt) <= 120
        assert r.section is not None and r.category and r.kind
    if old != new:
        assert a.reasons
