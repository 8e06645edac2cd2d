"""Split a policy's Markdown into blocks and sections.

Both the redline (block alignment, the side-by-side table) and the classifier
(what each section is about) work on this structure, so it lives in one place.

Invariant: ``"".join(b.text for b in split_blocks(md)) == md`` for any input,
so nothing is ever lost between the source and the redline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE_ROW = "table_row"
CODE = "code"
HTML = "html"
BLANK = "blank"

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_RE = re.compile(r"^([ \t]*)(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_TABLE_RE = re.compile(r"^[ \t]*\|")
# A table written without outer pipes ("a | b" over "---|---") is still a table.
_TABLE_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
_HTML_RE = re.compile(r"^[ \t]*<(?!!--)[A-Za-z/]")
# Explicit category tag for sections whose heading says nothing:
#   ## 7. Other matters
#   <!-- policynotice: retention, processors -->
# Plain-text policies (pasted from a web page, like the seeds) have no '#'
# headings; their numbered titles ("3. Retention", "제3조 (목적)", "第三条") act as
# headings so that sections still exist.
_PLAIN_HEADING_RE = re.compile(
    r"^(?:\d{1,2}\.(?!\d)|제\s*\d+\s*조|Article\s+\d+|Artículo\s+\d+|第[一二三四五六七八九十百\d]+[条條章])"
    r"[ \t\u00a0]*\S.{0,160}$"
)
_TAG_RE = re.compile(r"<!--\s*policynotice:\s*([a-z_,\s]+?)\s*-->")


@dataclass(frozen=True)
class Block:
    kind: str  # one of the constants above
    text: str  # exact source text, trailing newline and following blank lines included
    start: int  # offset of the block in the source
    level: int = 0  # heading level, or list indentation depth

    @property
    def content(self) -> str:
        """The block's text without Markdown markers or surrounding whitespace."""
        line = self.text.strip()
        if self.kind == HEADING:
            first = line.splitlines()[0]
            m = _HEADING_RE.match(first)
            return m.group(2).strip() if m else first
        if self.kind == LIST_ITEM:
            return _LIST_RE.sub("", line, count=1).strip()
        return line


@dataclass(frozen=True)
class Section:
    heading: str  # heading text without '#'; "" for the preamble before the first heading
    level: int  # heading level; 0 for the preamble
    blocks: tuple[Block, ...]  # the heading block first (when there is one)
    tags: tuple[str, ...] = ()  # explicit categories from a <!-- policynotice: ... --> comment

    @property
    def text(self) -> str:
        return "".join(b.text for b in self.blocks)

    @property
    def body(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind != HEADING)


def _line_kind(line: str, plain: bool) -> str:
    stripped = line.strip()
    if not stripped:
        return BLANK
    if _HEADING_RE.match(line) or (plain and _PLAIN_HEADING_RE.match(line.rstrip("\r\n"))):
        return HEADING
    if _TABLE_RE.match(line):
        return TABLE_ROW
    if _LIST_RE.match(line):
        return LIST_ITEM
    if _HTML_RE.match(line):
        return HTML
    return PARAGRAPH


def split_blocks(markdown: str) -> list[Block]:
    """Blocks in source order; blank lines are attached to the block before them."""
    lines = markdown.splitlines(keepends=True)
    plain = not any(_HEADING_RE.match(line) for line in lines)
    table_lines = _pipe_table_lines(lines)
    blocks: list[Block] = []
    pos = 0
    i = 0
    cur_kind: str | None = None
    cur_start = 0
    cur_level = 0
    cur_parts: list[str] = []

    def flush() -> None:
        nonlocal cur_kind, cur_parts
        if cur_parts:
            blocks.append(Block(cur_kind or BLANK, "".join(cur_parts), cur_start, cur_level))
        cur_kind, cur_parts = None, []

    while i < len(lines):
        line = lines[i]
        kind = TABLE_ROW if i in table_lines else _line_kind(line, plain)
        if _FENCE_RE.match(line):
            # A fenced code block is one block, whatever it contains.
            flush()
            fence = _FENCE_RE.match(line).group(1)
            cur_kind, cur_start, cur_level, cur_parts = CODE, pos, 0, [line]
            pos += len(line)
            i += 1
            while i < len(lines):
                cur_parts.append(lines[i])
                pos += len(lines[i])
                i += 1
                if lines[i - 1].strip().startswith(fence):
                    break
            continue
        if kind == BLANK:
            if cur_parts:
                cur_parts.append(line)
            else:
                # Leading blank lines of the document form their own block.
                cur_kind, cur_start, cur_level, cur_parts = BLANK, pos, 0, [line]
            pos += len(line)
            i += 1
            continue
        after_blank = bool(cur_parts) and not cur_parts[-1].strip()
        continues = (
            cur_kind in (PARAGRAPH, LIST_ITEM, HTML)
            and kind == PARAGRAPH
            and not after_blank
        ) or (
            # An indented paragraph after a list item (even after a blank line) belongs to it.
            cur_kind == LIST_ITEM and kind == PARAGRAPH and line[:1] in (" ", "\t")
        ) or (cur_kind == HTML and kind != BLANK and not after_blank)
        if not continues:
            flush()
            cur_kind, cur_start, cur_parts = kind, pos, []
            if kind == HEADING:
                m = _HEADING_RE.match(line)
                cur_level = len(m.group(1)) if m else 2
            elif kind == LIST_ITEM:
                indent = _LIST_RE.match(line).group(1).replace("\t", "    ")
                cur_level = len(indent) // 2
            else:
                cur_level = 0
        cur_parts.append(line)
        pos += len(line)
        i += 1
    flush()
    return blocks


def _pipe_table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of tables without outer pipes: a header line with
    '|', a delimiter line, and the following lines that contain '|'."""
    rows: set[int] = set()
    for i in range(1, len(lines)):
        if _TABLE_DELIMITER_RE.match(lines[i]) and "|" in lines[i - 1] and \
                not _TABLE_RE.match(lines[i - 1]):
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                rows.add(j)
                j += 1
    return rows


def split_sections(markdown: str) -> list[Section]:
    """Sections start at every heading of level 1-3; deeper headings stay inside."""
    sections: list[Section] = []
    heading, level, current = "", 0, []
    for block in split_blocks(markdown):
        if block.kind == HEADING and block.level <= 3:
            if current:
                sections.append(_make_section(heading, level, current))
            heading, level, current = block.content, block.level, [block]
        else:
            current.append(block)
    if current:
        sections.append(_make_section(heading, level, current))
    return sections


def _make_section(heading: str, level: int, blocks: list[Block]) -> Section:
    tags: list[str] = []
    for b in blocks:
        for m in _TAG_RE.finditer(b.text):
            tags.extend(t.strip() for t in m.group(1).split(",") if t.strip())
    return Section(heading, level, tuple(blocks), tuple(dict.fromkeys(tags)))


# A line that may be a level-1 heading; split_blocks has the last word.
_H1_CANDIDATE_RE = re.compile(r"^ {0,3}#(?:[ \t]|$)", re.M)
_H1_TRIES = 3
_LONE_CR_RE = re.compile("\r(?!\n)")
_ODD_LINE_ENDS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def has_odd_line_end(text: str) -> bool:
    """Whether text ends a line with something other than "\\n" or "\\r\\n"
    (str.splitlines, and so split_blocks, honours them; "^" in a regex does not)."""
    if "\r" in text and _LONE_CR_RE.search(text):
        return True
    return any(c in text for c in _ODD_LINE_ENDS)


def title_of(markdown: str) -> str:
    """The first level-1 heading, or "" when there is none.

    The title is near the top, so only the text up to a candidate line and
    the line after it is split: whether a line is a heading depends on the
    lines before it (a fence, an HTML block) and on the one after it (a table
    delimiter), never on later ones. Lines are found by "\\n" here, so a
    text with other line ends (which splitlines honours) is split whole."""
    if has_odd_line_end(markdown):
        return _title_of_whole(markdown)
    candidates = list(islice(_H1_CANDIDATE_RE.finditer(markdown), _H1_TRIES + 1))
    for m in candidates[:_H1_TRIES]:
        end = markdown.find("\n", m.end())
        end = markdown.find("\n", end + 1) if end >= 0 else -1
        if end < 0:
            return _title_of_whole(markdown)  # the candidate is on the last two lines
        for block in split_blocks(markdown[:end + 1]):
            if block.start > m.start():
                break
            if block.kind == HEADING and block.level == 1:
                return block.content
    # No candidate was a heading: none is left, or (fenced examples?) split it all.
    return _title_of_whole(markdown) if len(candidates) > _H1_TRIES else ""


def _title_of_whole(markdown: str) -> str:
    for block in split_blocks(markdown):
        if block.kind == HEADING and block.level == 1:
            return block.content
    return ""
