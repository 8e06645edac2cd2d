"""A text's blocks and sections, as the redline engine walks them.

The blocks are the document model's (``document.parse``, parsed once per
text and cached by content). The engine aligns *chunks*; here a chunk is a
block, so identical blocks are matched cheaply and only changed ones are
tokenized.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Block, is_section_heading, parse


@dataclass(frozen=True)
class Layout:
    text: str
    starts: tuple[int, ...]  # chunk i is text[starts[i]:starts[i + 1]]; starts[-1] == len(text)
    chunks: tuple[str, ...]
    whole: tuple[Block, ...]  # the document's blocks, one per chunk
    headings: tuple[int, ...]  # offsets of the blocks that start a section
    heading_text: dict[int, str]

    def blocks(self, lo: int, hi: int) -> list[Block]:
        """The blocks of chunks lo..hi-1."""
        return list(self.whole[lo:hi])

    def section_at(self, pos: int) -> str:
        """Heading of the section containing offset pos ("" for the preamble)."""
        i = bisect_right(self.headings, pos) - 1
        return self.heading_text[self.headings[i]] if i >= 0 else ""

    def heading_at(self, pos: int) -> str | None:
        """The heading of the section starting exactly at offset pos, if one does."""
        return self.heading_text.get(pos)

    def sections_within(self, start: int, end: int) -> list[str]:
        """Headings of the sections that start inside text[start:end]."""
        lo, hi = bisect_left(self.headings, start), bisect_left(self.headings, end)
        return [self.heading_text[c] for c in self.headings[lo:hi]]


def layout(text: str) -> Layout:
    blocks = parse(text).blocks
    starts = tuple(b.start for b in blocks) + (len(text),)
    heads = {b.start: b.content for b in blocks if is_section_heading(b)}
    return Layout(text, starts, tuple(b.text for b in blocks), blocks,
                  tuple(sorted(heads)), heads)
