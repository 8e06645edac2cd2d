"""Sanitize what the repository puts into pages and text files (the only nh3 user).

Trust model: policy files, docs pages, file names, front matter and release
logs are text written by legal editors, and pull requests may come from
outside. Markdown formatting is honoured; raw HTML is reduced to a safe
allowlist: no scripts, styles, event handlers, iframes or forms, and links
only to http(s), mailto, tel and relative URLs. Every page of the site goes
through `sanitize_html` (not only the policy pages), with one policy.

Ids and classes from the repository must not collide with the theme's or
ours: Material reads its configuration from `#__config`, and our banners are
recognised by their `pn-` classes. So, as forges do, an id is prefixed with
`user-content-` (and in-page links `#x` with it) unless it is one the table
of contents links to; classes are limited to the ones Markdown extensions
emit.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any, Iterable

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
}
USER_PREFIX = "user-content-"

# What the Markdown extensions a site may use emit (toc permalinks,
# admonitions, footnotes, code highlighting). Anything else, `pn-*` (our
# banners) and `md-*` (the theme's components) above all, is dropped.
_ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
}
_CLASSES = {
    "headerlink", "toclink", "admonition", "admonition-title", "footnote", "footnote-ref",
    "footnote-backref", "highlight", "codehilite", "linenos", "arithmatex", "critic",
} | _ADMONITIONS
_CLASS_RE = re.compile(r"(language|lang)-[A-Za-z0-9_+#-]{1,32}")

# Ids a heading may keep unprefixed: the shape of the toc extension's slugs,
# never the theme's (`__config`, `__search` ...) nor ours (`pn-...`).
_HEADING_ID = re.compile(r"[^\W_][\w-]{0,127}")
_RESERVED_ID = re.compile(r"(pn|md|user-content)-|_", re.IGNORECASE)

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a
# terminal or a reviewer sees; \t and \n are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sanitize_html(html: str, heading_ids: Iterable[str] = ()) -> str:
    """Sanitized HTML; ids not in `heading_ids` (the page's table of contents)
    get the user-content- prefix, and so do the in-page links to them."""
    keep = {i for i in heading_ids if safe_heading_id(i)}

    def attribute(element: str, name: str, value: str) -> str | None:
        if name == "id":
            return value if value in keep else USER_PREFIX + value
        if name == "class":
            kept = [c for c in value.split() if c in _CLASSES or _CLASS_RE.fullmatch(c)]
            return " ".join(kept) or None
        if name == "href" and value.startswith("#") and len(value) > 1:
            target = value[1:]
            return value if target in keep else f"#{USER_PREFIX}{target}"
        return value

    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


def safe_heading_id(value: str) -> bool:
    return bool(_HEADING_ID.fullmatch(value)) and not _RESERVED_ID.match(value)


def strip_controls(text: str) -> str:
    """Text without control characters (ESC sequences hide or rewrite what a
    terminal shows), \\n and \\t kept; CR becomes \\n."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def title_text(value: str) -> str:
    """A title as plain text: entities decoded, one line, no controls.
    (Tags are kept as text: the title says what the file says.)"""
    return " ".join(strip_controls(unescape(str(value))).split())


def safe_title(value: str) -> str:
    """Title text for the theme's templates, which print titles as HTML in
    some places, escape them in others and run them through `striptags`
    (which decodes entities again) for <title>. So the result holds no
    `<` or `>` at all, even decoded: they become ‹ ›; `&` and quotes are
    escaped. Idempotent."""
    text = title_text(value).replace("<", "\u2039").replace(">", "\u203a")
    return escape(text, quote=True)


def safe_meta(value: Any) -> Any:
    """Front matter as the theme may print it raw (description, author,
    title ...): every string escaped, recursively."""
    if isinstance(value, str):
        return safe_title(value)
    if isinstance(value, dict):
        return {str(k): safe_meta(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe_meta(v) for v in value]
    return value


# Python-Markdown's backslash escapes (others would show the backslash).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


def markdown_text(value: str) -> str:
    """Text that Markdown shows as it is: no emphasis, link, image, heading,
    raw HTML or table cell; one line."""
    text = title_text(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


# Inline Markdown that can do something: emphasis, code, strikethrough,
# table cells, raw HTML and entities. Brackets only where they would make a
# link or an image: "[x]" alone is text, as no definition can be written
# (the text is one line, never at the start of one).
_INLINE_SPECIAL = re.compile(r"([\\`*_~|])|(\]\s*[(\[])|(!\[)|([<>&])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_BLOCK_START = re.compile(r"^(\d+(?=[.)])|)([#+\-.)])")


def commonmark_text(value: str) -> str:
    """One line of text that CommonMark and GitHub's Markdown (job summaries,
    review copies) show as it is: no heading, emphasis, link, image, raw
    HTML or table cell of its own; controls dropped, line breaks folded."""
    def escape_one(m: re.Match[str]) -> str:
        if m.group(1):
            return "\\" + m.group(1)
        if m.group(2):
            return "\\" + m.group(2)
        if m.group(3):
            return "!\\["
        return _ENTITIES[m.group(4)]
    text = _INLINE_SPECIAL.sub(escape_one, " ".join(strip_controls(str(value)).split()))
    # Placed after "- " or "> ", a leading "#", "-", "+" or "1." would
    # still start a heading or a list.
    return _BLOCK_START.sub(r"\1\\\2", text, count=1)
