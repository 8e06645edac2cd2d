"""The words a reader reads in a piece of Markdown, apart from link targets,
image sources, HTML tags, comments and emphasis markers: a change of URL or
of markup is formatting, not content.
"""

from __future__ import annotations

from functools import lru_cache

from .reader import inline_tokens


@lru_cache(maxsize=65536)
def reader_text(markdown: str) -> str:
    """Inline Markdown -> the text shown, whitespace collapsed."""
    if not any(c in markdown for c in "[]<>*_`!\\&"):
        return " ".join(markdown.split())
    out: list[str] = []
    for tok in inline_tokens(markdown):
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "image":
            out.append(tok.content)  # the alt text
        elif tok.type == "html_inline" and tok.content.lower().startswith("<br"):
            out.append(" ")
    return " ".join("".join(out).split())
