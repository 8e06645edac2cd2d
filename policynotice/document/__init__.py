"""THE model of a policy text: front matter, blocks with exact source ranges,
sections, title, the words a reader reads. Everything that reads a policy
goes through ``parse``; nobody else reads Markdown.

Invariant: ``"".join(b.text for b in parse(t).blocks) == parse(t).text``, so
nothing is lost between the source and a redline.
"""

from __future__ import annotations

from functools import lru_cache

from .frontmatter import FrontMatterError, split_front_matter
from .inline import reader_text
from .model import (
    BLANK, CODE, COMMENT, HEADING, HTML, LINK_DEF, LIST_ITEM, NOT_CONTENT, PARAGRAPH, QUOTE,
    RULE, TABLE_ROW, Block, Document, Section,
)
from .numbering import CITATION_RE, PLAIN_TITLE_RE, section_number, strip_number
from .reader import read_blocks
from .sections import SECTION_LEVELS, is_section_heading, sections_of, title_of_blocks

__all__ = [
    "BLANK", "CODE", "COMMENT", "HEADING", "HTML", "LINK_DEF", "LIST_ITEM", "NOT_CONTENT",
    "PARAGRAPH", "QUOTE", "RULE", "TABLE_ROW", "Block", "Document", "Section",
    "FrontMatterError", "split_front_matter", "reader_text",
    "CITATION_RE", "PLAIN_TITLE_RE", "section_number", "strip_number", "SECTION_LEVELS",
    "is_section_heading", "parse", "body_of", "split_blocks", "split_sections", "title_of",
]


@lru_cache(maxsize=512)
def parse(text: str) -> Document:
    """A policy text (front matter already removed, see ``body_of``) parsed.
    Cached by content: a text is parsed once however many pages use it."""
    blocks = read_blocks(text)
    return Document(text, blocks, sections_of(blocks), title_of_blocks(blocks))


def body_of(source: str) -> tuple[str, dict]:
    """(the policy text, its front matter) of a file's content."""
    meta, start = split_front_matter(source)
    return source[start:], dict(meta)


def split_blocks(text: str) -> list[Block]:
    return list(parse(text).blocks)


def split_sections(text: str) -> list[Section]:
    return list(parse(text).sections)


def title_of(text: str) -> str:
    return parse(text).title
