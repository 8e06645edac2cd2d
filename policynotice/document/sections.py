"""Sections of a parsed text: a section starts at every heading of level 1-3
(deeper headings stay inside), and may carry explicit category tags:

    ## 7. Other matters
    <!-- policynotice: retention, processors -->
"""

from __future__ import annotations

import re

from .model import COMMENT, HEADING, Block, Section

SECTION_LEVELS = 3
_TAG_RE = re.compile(r"<!--\s*policynotice:\s*([a-z_,\s]+?)\s*-->")


def sections_of(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading, level, current = "", 0, []
    for block in blocks:
        if is_section_heading(block):
            if current:
                sections.append(_make_section(heading, level, current))
            heading, level, current = block.content, block.level, [block]
        else:
            current.append(block)
    if current:
        sections.append(_make_section(heading, level, current))
    return tuple(sections)


def is_section_heading(block: Block) -> bool:
    return block.kind == HEADING and block.level <= SECTION_LEVELS


def title_of_blocks(blocks: tuple[Block, ...]) -> str:
    return next((b.content for b in blocks if b.kind == HEADING and b.level == 1), "")


def _make_section(heading: str, level: int, blocks: list[Block]) -> Section:
    tags: list[str] = []
    for b in blocks:
        if b.kind == COMMENT or "<!--" in b.text:
            for m in _TAG_RE.finditer(b.text):
                tags.extend(t.strip() for t in m.group(1).split(",") if t.strip())
    return Section(heading, level, tuple(blocks), tuple(dict.fromkeys(tags)))
