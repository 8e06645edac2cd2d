"""The raw text of every published version: the Markdown as published (front
matter removed, as `Version.text` holds it), one file per version and
language, beside the version's page.

Address: `<version page>text.md`, e.g. `en/privacy/2025-03-08/text.md`
(no prefix for the default language), derived from the policy and version
ids only. The files are written after MkDocs has built the pages
(on_post_build), so MkDocs never renders them; they are served as they are.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from ..models import SiteVersion
from .sanitize import strip_controls

TEXT_NAME = "text.md"


def text_path(v: SiteVersion) -> str:
    """Site-root-relative path of a version's raw text."""
    return f"{v.urls.page}{TEXT_NAME}"


def text_bytes(v: SiteVersion) -> bytes:
    """The published bytes: UTF-8, LF line ends, no BOM, no front matter and,
    as in every text file the site serves, no control characters but newline
    and tab (a terminal obeys them). A policy without any is published as is."""
    return strip_controls(v.version.text).encode("utf-8")


def text_sha256(v: SiteVersion) -> str:
    """Hex SHA-256 of `text_bytes(v)`: what a client checks a download against."""
    return hashlib.sha256(text_bytes(v)).hexdigest()


def render_raw_texts(versions: Sequence[SiteVersion], *, lang: str) -> dict[str, bytes]:
    """{"<prefix><policy>/<version>/text.md": bytes} for `lang`'s versions."""
    return {text_path(v): text_bytes(v) for v in versions if v.lang == lang}
