"""A privacy policy site must not tell anyone else who reads it: no page asks
another host for anything (no web fonts, no analytics, no CDN).

The site's own host (site_url) is first party: the published pages name it in
absolute feed links, and the theme looks for a sitemap beside each of them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import LANGS, PRIVACY, SITE_URL


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["current", "history", "compare"])
def test_pages_request_nothing_from_other_hosts(page, lang, kind):
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(urlsplit(r.url).hostname or r.url))
    page.goto(PRIVACY.url(lang, *(() if kind == "current" else (kind,))), wait_until="networkidle")
    own = {"127.0.0.1", urlsplit(SITE_URL).hostname}
    outside = sorted({h for h in hosts if h not in own and not h.startswith("data:")})
    assert outside == []
