"""The engine's chunked layout must give exactly sections.split_blocks' blocks
and split_sections' headings: it is a shortcut, not a second definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.redline.layout import layout
from policynotice.sources.sections import _title_of_whole, split_blocks, split_sections, title_of

from .seeds import seed_texts

LINES = [
    "# Title", "## 2. Section", "### Sub", "#### Deep", "####### not a heading", "#", "#no",
    "   ## indented heading", "1. Numbered title", "제3조 (목적)", "第三条 目的", "Article 4 Scope",
    "Paragraph text.", "continued line", "  indented continuation", "\tTabbed", "- item", "* item",
    "  - nested", "3) item", "| a | b |", "|---|---|", "<div>", "</div>", "```", "~~~", "",
    "   ", "\u00a0", "\u3000", "<!-- policynotice: purposes -->",
]
ENDS = ["\n", "\n", "\n", "\r\n", "\r", "\u2028", ""]


@st.composite
def markdown(draw) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(ENDS)), max_size=30))
    return "".join(a + b for a, b in lines)


def blocks_via_layout(text: str):
    lay = layout(text)
    per_chunk = [b for k in range(len(lay.chunks)) for b in lay.blocks(k, k + 1)]
    return lay, per_chunk


@settings(max_examples=500, deadline=None)
@given(text=markdown())
def test_chunks_split_like_split_blocks(text: str) -> None:
    lay, per_chunk = blocks_via_layout(text)
    assert "".join(lay.chunks) == text
    assert per_chunk == split_blocks(text)
    # Any run of consecutive chunks splits the same way as the chunks one by one.
    n = len(lay.chunks)
    for lo in range(n):
        for hi in range(lo + 1, min(n, lo + 4) + 1):
            assert lay.blocks(lo, hi) == [b for k in range(lo, hi) for b in lay.blocks(k, k + 1)]


@settings(max_examples=300, deadline=None)
@given(text=markdown())
def test_section_lookup_matches_split_sections(text: str) -> None:
    lay = layout(text)
    expected = []  # (start offset, heading) of each section
    for sec in split_sections(text):
        start = sec.blocks[0].start
        expected.append((start, sec.heading))
    for pos in range(len(text) + 1):
        want = ""  # the preamble, before the first heading
        for start, heading in expected:
            if start <= pos:
                want = heading
        assert lay.section_at(pos) == want, (pos, text)


def test_seed_texts_split_like_split_blocks() -> None:
    for name, _, text in seed_texts():
        for variant in (text, "# Title\n\n" + text, "\n\n  " + text, text.replace("\n", "\r\n")):
            assert blocks_via_layout(variant)[1] == split_blocks(variant), name


@settings(max_examples=500, deadline=None)
@given(text=markdown())
def test_title_from_the_top_is_the_title_of_the_whole_text(text: str) -> None:
    # title_of splits only the top of a text; it must agree with all of it.
    assert title_of(text) == _title_of_whole(text)
