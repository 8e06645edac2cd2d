"""A text's block structure, computed only where a redline needs it.

``sections.split_blocks`` is the single definition of blocks. Calling it on two
200 KB texts costs more than the whole rest of a redline, and most of a text is
unchanged between versions, so a text is first cut into *chunks* at places
where split_blocks is certain to start a new block: the first non-blank line,
and every non-blank, non-indented line after a blank line. Identical chunks are
matched cheaply; only the chunks in changed regions are split into blocks.

That shortcut is valid only when block boundaries are local. Fenced code (a
fence far away changes what every later line is) and line separators other
than ``\\n`` / ``\\r\\n`` (which ``str.splitlines`` honours but ``^`` in a regex
does not) make the layout fall back to split_blocks on the whole text, whose
blocks then serve as the chunks. tests/redline/test_layout.py checks that both
ways give exactly split_blocks' blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..sources.sections import HEADING, Block, has_odd_line_end, split_blocks

_FENCE_LINE_RE = re.compile(r"^[ \t]*(?:```|~~~)", re.M)
_ATX_START_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.M)
# Line starts that can be a heading in a text without '#' headings. A superset
# of the start of sections._PLAIN_HEADING_RE: candidates are verified against
# split_blocks, so a superset only costs time, never correctness.
_PLAIN_START_RE = re.compile(
    r"^(?:\d{1,2}\.|제\s*\d+\s*조|Article\s+\d+|Artículo\s+\d+|第[一二三四五六七八九十百\d]+[条條章])",
    re.M,
)
_PLAIN_START_CHARS = frozenset("0123456789제A第")
# Forces split_blocks into '#'-heading mode for a region of a text that has
# '#' headings elsewhere; it becomes one block of its own, which is dropped.
_MODE_PREFIX = "#\n\n"
# split_sections starts a section at headings of these levels.
_SECTION_LEVELS = 3


@dataclass
class Layout:
    text: str
    starts: list[int]  # chunk i is text[starts[i]:starts[i + 1]]; starts[-1] == len(text)
    chunks: list[str]
    plain: bool  # no '#' headings: numbered titles act as headings (see sections.py)
    whole: list[Block] | None  # split_blocks(text) when the shortcut is not valid
    _split: dict[int, list[Block]] = field(default_factory=dict)
    _headings: dict[int, str | None] = field(default_factory=dict)
    _candidates: list[int] | None = None

    def blocks(self, lo: int, hi: int) -> list[Block]:
        """split_blocks' blocks of chunks lo..hi-1, with offsets in the whole text."""
        if self.whole is not None:
            return self.whole[lo:hi]
        if hi - lo == 1 and lo in self._split:
            return self._split[lo]
        start, end = self.starts[lo], self.starts[hi]
        region = self.text[start:end]
        if self.plain or not region.strip() or _ATX_START_RE.search(region):
            found = split_blocks(region)
            shift = start
        elif start == 0 and not self.chunks[0].strip():
            # The prefix would swallow the text's leading blank lines.
            return self.blocks(0, 1) + self.blocks(1, hi)
        else:
            found = split_blocks(_MODE_PREFIX + region)[1:]
            shift = start - len(_MODE_PREFIX)
        out = [Block(b.kind, b.text, b.start + shift, b.level) for b in found]
        if hi - lo == 1:
            self._split[lo] = out
        return out

    def section_at(self, pos: int) -> str:
        """Heading of the section (as split_sections defines it) containing offset pos."""
        cands = self._heading_candidates()
        i = bisect_right(cands, pos) - 1
        while i >= 0:
            heading = self._verified_heading(cands[i])
            if heading is not None:
                return heading
            i -= 1
        return ""

    def heading_at(self, pos: int) -> str | None:
        """The heading of the section starting exactly at offset pos, if one does."""
        cands = self._heading_candidates()
        i = bisect_left(cands, pos)
        return self._verified_heading(pos) if i < len(cands) and cands[i] == pos else None

    def sections_within(self, start: int, end: int) -> list[str]:
        """Headings of the sections that start inside text[start:end]."""
        cands = self._heading_candidates()
        out = []
        for c in cands[bisect_left(cands, start):]:
            if c >= end:
                break
            heading = self._verified_heading(c)
            if heading is not None:
                out.append(heading)
        return out

    def _heading_candidates(self) -> list[int]:
        if self._candidates is None:  # set by layout() unless the text was split whole
            assert self.whole is not None
            self._candidates = [b.start for b in self.whole if _is_section_heading(b)]
        return self._candidates

    def _verified_heading(self, pos: int) -> str | None:
        if pos not in self._headings and self.whole is None and not self.plain and (
                pos == 0 or not self.text[self.text.rfind("\n", 0, pos - 1) + 1:pos].strip()):
            # A '#' line after a blank line always starts a heading block (only an
            # HTML block could have absorbed it), so no need to split its chunk.
            end = self.text.find("\n", pos)
            line = self.text[pos:] if end < 0 else self.text[pos:end + 1]
            level = len(line.lstrip(" ")) - len(line.lstrip(" ").lstrip("#"))
            block = Block(HEADING, line, pos, level)
            self._headings[pos] = block.content if _is_section_heading(block) else None
        if pos not in self._headings:
            k = bisect_right(self.starts, pos) - 1
            block = next((b for b in self.blocks(k, k + 1) if b.start == pos), None)
            self._headings[pos] = block.content if block and _is_section_heading(block) else None
        return self._headings[pos]


def _is_section_heading(b: Block) -> bool:
    return b.kind == HEADING and b.level <= _SECTION_LEVELS


def layout(text: str) -> Layout:
    if _has_fence(text) or has_odd_line_end(text):
        whole = split_blocks(text)
        starts = [b.start for b in whole] + [len(text)]
        return Layout(text, starts, [b.text for b in whole], not _atx_starts(text), whole)
    atx = _atx_starts(text)
    plain = not atx
    plain_heads: list[int] = []
    starts = [0]
    pos = 0
    prev_blank = True  # so that the first non-blank line starts a chunk
    at_start = True  # leading blank lines form a block of their own
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if not blank:
            if prev_blank and pos and (at_start or line[:1] not in (" ", "\t")):
                starts.append(pos)
            at_start = False
            if plain and line[:1] in _PLAIN_START_CHARS and _PLAIN_START_RE.match(line):
                plain_heads.append(pos)
        prev_blank = blank
        pos += len(line)
    if starts[-1] != len(text):
        starts.append(len(text))
    chunks = [text[a:b] for a, b in zip(starts, starts[1:])]
    found = Layout(text, starts, chunks, plain, None)
    found._candidates = plain_heads if plain else atx
    return found


# Scanning 200 KB with a multi-line regex anchored at '^' tries every offset and
# costs milliseconds; finding the rare marker characters first costs microseconds.
def _atx_starts(text: str) -> list[int]:
    """Offsets of lines that are '#' headings (sections._HEADING_RE)."""
    out = []
    i = text.find("#")
    while i >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        j = i
        while j < len(text) and text[j] == "#":
            j += 1
        if (not text[line_start:i].strip(" ") and i - line_start <= 3 and j - i <= 6
                and (j == len(text) or text[j] in " \t\n")):
            out.append(line_start)
        i = text.find("#", j)
    return out


def _has_fence(text: str) -> bool:
    return ("```" in text or "~~~" in text) and _FENCE_LINE_RE.search(text) is not None

