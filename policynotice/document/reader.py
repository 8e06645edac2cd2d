"""Markdown -> blocks with exact source ranges (the only markdown-it-py user).

A CommonMark parser (with tables, as MkDocs' ``tables`` extension) decides
what is a heading, a fence, a list, a quote or an HTML block, so that fences
of four backticks, setext headings, indented code and quotes are what MkDocs
renders, not what a line regex guesses. Its tokens carry line maps; each block
is cut from the source at line starts, blank lines joining the block before
them, so that the blocks join back to the text byte for byte.

Texts without any Markdown heading (pasted from a web page) get sections from
numbered titles on a line of their own ("3. Retention", "제3조 (목적)",
"第三条", "Article 4"): see ``numbering.PLAIN_TITLE_RE``.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from .model import (
    BLANK, CODE, COMMENT, HEADING, HTML, LINK_DEF, LIST_ITEM, PARAGRAPH, QUOTE, RULE,
    TABLE_ROW, Block,
)
from .numbering import PLAIN_TITLE_RE

# Python-Markdown (MkDocs) has no HTML-block interruption rules of its own
# that matter here; CommonMark's are the closest well-specified reading.
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
# Inline parsing is not needed for the structure: only the block rules run.
_LINE_ENDS = str.maketrans({"\r": "\n", "\x0b": " ", "\x0c": " ", "\x1c": " ", "\x1d": " ",
                            "\x1e": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})


def read_blocks(text: str) -> tuple[Block, ...]:
    return _read_blocks(text)


@lru_cache(maxsize=256)
def _read_blocks(text: str) -> tuple[Block, ...]:
    # The parser splits lines at "\n" only; every other line end becomes a
    # same-length character, so offsets in the parsed copy are the source's.
    parsed = text.replace("\r\n", " \n").translate(_LINE_ENDS)
    line_starts = [0]
    pos = parsed.find("\n")
    while pos >= 0:
        line_starts.append(pos + 1)
        pos = parsed.find("\n", pos + 1)
    n_lines = len(line_starts) if line_starts[-1] < len(text) else len(line_starts) - 1
    tokens: list = []
    _PARSER.block.parse(parsed, _PARSER, {}, tokens)
    starts = _block_starts(tokens, parsed, line_starts, n_lines)
    return _cut(text, parsed, starts, line_starts, n_lines)


def _block_starts(tokens, parsed: str, line_starts: list[int], n_lines: int
                  ) -> dict[int, tuple[str, int, bool]]:
    """Line number -> (kind, level, setext) of the block starting there."""
    starts: dict[int, tuple[str, int, bool]] = {}
    covered: list[tuple[int, int]] = []
    depth = 0  # list nesting
    in_item = 0
    quote = 0
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            continue
        if t in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            continue
        if t == "list_item_open":
            if not quote:
                a, b = tok.map
                starts[a] = (LIST_ITEM, depth - 1, False)
                covered.append((a, b))
            in_item += 1
            continue
        if t == "list_item_close":
            in_item -= 1
            continue
        if t == "blockquote_open":
            if not quote and not in_item:
                a, b = tok.map
                starts[a] = (QUOTE, 0, False)
                covered.append((a, b))
            quote += 1
            continue
        if t == "blockquote_close":
            quote -= 1
            continue
        if quote or not tok.map:
            continue
        a, b = tok.map
        if t == "heading_open":
            if in_item:
                continue
            starts[a] = (HEADING, int(tok.tag[1]), tok.markup in ("=", "-"))
        elif t == "paragraph_open":
            if in_item:
                # A paragraph after a nested list continues its item.
                if a not in starts and _inside_nested(a, covered):
                    starts[a] = (PARAGRAPH, max(depth - 1, 0), False)
                continue
            starts[a] = (PARAGRAPH, 0, False)
        elif in_item:
            continue  # code, tables and HTML inside an item are part of it
        elif t == "table_open":
            for line in range(a, b):
                starts[line] = (TABLE_ROW, 0, False)
        elif t in ("fence", "code_block"):
            starts[a] = (CODE, 0, False)
        elif t == "html_block":
            kind = COMMENT if tok.content.lstrip().startswith("<!--") and \
                tok.content.rstrip().endswith("-->") else HTML
            starts[a] = (kind, 0, False)
        elif t == "hr":
            starts[a] = (RULE, 0, False)
        else:
            continue
        covered.append((a, b))
    # Lines no token covers and that are not blank: link reference
    # definitions (markdown-it keeps them in env, not in tokens).
    covered.sort()
    line = 0
    for a, b in covered + [(n_lines, n_lines)]:
        for k in range(line, a):
            if k not in starts and _line(parsed, line_starts, k).strip():
                starts[k] = (LINK_DEF, 0, False)
        line = max(line, b)
    return starts


def _inside_nested(line: int, covered: list[tuple[int, int]]) -> bool:
    return bool(covered) and covered[-1][1] <= line


def _line(parsed: str, line_starts: list[int], k: int) -> str:
    end = line_starts[k + 1] if k + 1 < len(line_starts) else len(parsed)
    return parsed[line_starts[k]:end]


def _cut(text: str, parsed: str, starts: dict[int, tuple[str, int, bool]],
         line_starts: list[int], n_lines: int) -> tuple[Block, ...]:
    plain = not any(kind == HEADING for kind, _, _ in starts.values())
    if plain:
        starts = _plain_titles(parsed, starts, line_starts, n_lines)
    order = sorted(k for k in starts if k < n_lines)
    blocks: list[Block] = []
    if not order or order[0] > 0:
        first = order[0] if order else n_lines
        end = line_starts[first] if first < len(line_starts) else len(text)
        if end > 0:
            blocks.append(Block(BLANK, text[:end], 0))
    for i, k in enumerate(order):
        kind, level, setext = starts[k]
        a = line_starts[k]
        b = line_starts[order[i + 1]] if i + 1 < len(order) else len(text)
        blocks.append(Block(kind, text[a:b], a, level, setext))
    return tuple(blocks)


def _plain_titles(parsed: str, starts: dict, line_starts: list[int], n_lines: int) -> dict:
    """In a text without Markdown headings, a numbered title on a line of its
    own inside a paragraph or list starts a section (level 2)."""
    out = dict(starts)
    current = None
    for k in range(n_lines):
        if k in starts:
            current = starts[k][0]
        if current not in (PARAGRAPH, LIST_ITEM):
            continue
        line = _line(parsed, line_starts, k).rstrip("\n")
        if line[:1] not in (" ", "\t") and PLAIN_TITLE_RE.match(line):
            out[k] = (HEADING, 2, False)
            if k + 1 < n_lines and k + 1 not in starts and _line(parsed, line_starts, k + 1).strip():
                out[k + 1] = (current, starts.get(k, (current, 0, False))[1] if k in starts else 0, False)
    return out


def inline_tokens(markdown: str) -> list:
    """The inline tokens of a piece of Markdown, flattened (links, images and
    emphasis as their own tokens, text between them)."""
    flat = []
    for tok in _PARSER.parseInline(markdown):
        flat.extend(tok.children or ())
    return flat
