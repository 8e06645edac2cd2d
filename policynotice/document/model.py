"""The document model's data: blocks and sections of one policy text.

Everything that reads a policy (classifier, redline, side-by-side table,
emails, titles, translations) works on these, built once per text by
``document.parse``; nobody else reads Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Block kinds. A block is what a reader sees as one unit.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"  # level: nesting depth (0 for a top-level item)
TABLE_ROW = "table_row"  # one line of a table (the delimiter line too)
QUOTE = "quote"
CODE = "code"  # fenced or indented
HTML = "html"  # a raw HTML block
COMMENT = "comment"  # an HTML comment block: never policy content
LINK_DEF = "link_def"  # "[label]: url": a link target, never policy content
RULE = "rule"  # a thematic break
BLANK = "blank"  # leading blank lines of the text

# Kinds whose text a reader never sees as words of the policy.
NOT_CONTENT = frozenset({COMMENT, LINK_DEF, RULE, BLANK})

_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_MARKER_RE = re.compile(r"^ {0,3}> ?", re.M)


@dataclass(frozen=True)
class Block:
    kind: str  # one of the constants above
    text: str  # exact source text, trailing newline and following blank lines included
    start: int  # offset of the block in the source
    level: int = 0  # heading level, or list nesting depth
    setext: bool = False  # a heading underlined with '=' or '-'

    @property
    def content(self) -> str:
        """The block's text without Markdown markers or surrounding whitespace."""
        if self.kind in NOT_CONTENT:
            return ""
        text = self.text.strip()
        if self.kind == HEADING:
            lines = text.splitlines() or [""]
            if self.setext:
                return " ".join(line.strip() for line in lines[:-1])  # the last is the underline
            m = _ATX_RE.match(lines[0])
            return m.group(2).strip() if m else lines[0]
        if self.kind == LIST_ITEM:
            return _LIST_MARKER_RE.sub("", text, count=1).strip()
        if self.kind == QUOTE:
            return _QUOTE_MARKER_RE.sub("", text).strip()
        return text

    @property
    def marker_end(self) -> int:
        """Length of the Markdown marker that opens the block ("## ", "- ",
        the first "|"), kept out of a rendering. Numbers of numbered list
        items stay text, so that a renumbering shows in a redline."""
        m = None
        if self.kind == HEADING and not self.setext:
            m = _ATX_MARKER_RE.match(self.text)
        elif self.kind == LIST_ITEM:
            m = _BULLET_MARKER_RE.match(self.text) or _NUMBER_MARKER_RE.match(self.text)
        elif self.kind == TABLE_ROW:
            m = _PIPE_MARKER_RE.match(self.text)
        elif self.kind == QUOTE:
            m = _QUOTE_START_RE.match(self.text)
        return m.end() if m else 0

    @property
    def content_end(self) -> int:
        """Where the block's closing marker starts: an underlined heading's
        underline (its text up to there is the title); else the block's end."""
        if self.kind != HEADING or not self.setext:
            return len(self.text)
        body = self.text.rstrip("\n")
        return body.rfind("\n") + 1

    @property
    def numbered(self) -> bool:
        return self.kind == LIST_ITEM and _NUMBER_MARKER_RE.match(self.text) is not None


_ATX_MARKER_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]+|(?=\n)|$)")
_BULLET_MARKER_RE = re.compile(r"[ \t]*[-*+•][ \t]+")
_NUMBER_MARKER_RE = re.compile(r"[ \t]*(?=\d{1,9}[.)][ \t])")
_PIPE_MARKER_RE = re.compile(r"[ \t]*\|")
_QUOTE_START_RE = re.compile(r" {0,3}> ?")


@dataclass(frozen=True)
class Section:
    heading: str  # heading text without markers; "" for the preamble before the first heading
    level: int  # heading level; 0 for the preamble
    blocks: tuple[Block, ...]  # the heading block first (when there is one)
    tags: tuple[str, ...] = ()  # explicit categories from a <!-- policynotice: ... --> comment

    @property
    def text(self) -> str:
        return "".join(b.text for b in self.blocks)

    @property
    def body(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind != HEADING)

    @property
    def start(self) -> int:
        return self.blocks[0].start if self.blocks else 0


@dataclass(frozen=True)
class Document:
    """One policy text, parsed. ``"".join(b.text for b in blocks) == text``."""

    text: str  # the policy text (front matter already removed, see frontmatter.py)
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    title: str  # the first level-1 heading, "" when there is none


