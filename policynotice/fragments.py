"""Redline and side-by-side fragments, memoised by content.

The changes pages, the compare page and the email drafts all show the same
fragments of the same pairs of texts: each is computed once per build (this
module's memo, keyed by the renderer's code and the texts), kept on disk
between builds (ContentCache), and the in-memory memo is freed when the
phase that needs it ends (`release`), so a large archive's fragments do not
stay in memory for the rest of the build.
"""

from __future__ import annotations

from .cache import ContentCache, code_version

_MEMO: dict[str, str] = {}


def side_by_side(old: str, new: str, lang: str, cache: ContentCache) -> str:
    """The side-by-side table by section (the changes page's and the email's)."""
    from .redline.render import render_side_by_side_html

    key = cache.key(code_version("redline.render"), lang, old, new)
    if key not in _MEMO:
        _MEMO[key] = cache.memo("side-by-side", key,
                                lambda: render_side_by_side_html(old, new, lang))
    return _MEMO[key]


def redline(old: str, new: str, lang: str, cache: ContentCache) -> str:
    """The redline alone: what the compare page fetches."""
    from .redline.render import render_redline_html

    key = cache.key(code_version("redline.render"), "redline", lang, old, new)
    if key not in _MEMO:
        _MEMO[key] = cache.memo("redline", key, lambda: render_redline_html(old, new, lang))
    return _MEMO[key]


def release() -> None:
    """Forget the in-memory fragments (the disk cache keeps them)."""
    _MEMO.clear()
