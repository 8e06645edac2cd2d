"""Issue 6, item 2: the theme's language selector keeps the reader on the
same policy, version, redline (or history, compare, subscribe) page."""

from __future__ import annotations

import pytest

from .conftest import LANGS, PRIVACY, TERMS, in_html, path_of, prefix

# Every kind of page, as a function of the language.
KINDS = {
    "current policy": lambda lang: PRIVACY.url(lang),
    "archived version": lambda lang: PRIVACY.url(lang, PRIVACY.archived[0]),
    "upcoming version": lambda lang: TERMS.url(lang, TERMS.upcoming[0]),
    "redline": lambda lang: PRIVACY.url(lang, PRIVACY.current, "changes"),
    "history": lambda lang: TERMS.url(lang, "history"),
    "compare": lambda lang: PRIVACY.url(lang, "compare"),
    "subscribe": lambda lang: f"/{prefix(lang)}subscribe/",
}

SELECTOR = """doc => Array.from(doc.querySelectorAll(".md-select a.md-select__link[hreflang]"))
  .map(a => [a.hreflang, new URL(a.href).pathname])"""


@pytest.mark.parametrize("kind", KINDS)
def test_every_language_link_leads_to_the_same_page(page, kind):
    url_of = KINDS[kind]
    page.goto(url_of("ko"))
    for lang in LANGS:
        links = dict(in_html(page, url_of(lang), SELECTOR))
        assert links == {other: url_of(other) for other in LANGS}, (kind, lang)


def _switch(page, lang: str) -> None:
    """What a reader does: open the selector in the header, pick a language."""
    page.locator(".md-header .md-select > button").click()
    link = page.locator(f".md-header a.md-select__link[hreflang='{lang}']")
    link.click()
    page.wait_for_function(f"document.documentElement.lang === {lang!r}")


@pytest.mark.parametrize("kind", ["current policy", "archived version", "redline"])
def test_switching_language_with_the_selector(page, kind):
    url_of = KINDS[kind]
    page.goto(url_of("ko"))
    for lang in ("en", "zh", "zh-Hant", "es", "ko"):
        _switch(page, lang)
        assert path_of(page.url) == url_of(lang)


def test_switching_language_keeps_the_compared_versions(page):
    old, new = PRIVACY.versions[0], PRIVACY.versions[2]
    page.goto(PRIVACY.url("en", "compare") + f"#{old}..{new}")
    page.wait_for_selector(".pn-compare-result .pn-redline")
    _switch(page, "es")
    assert path_of(page.url) == PRIVACY.url("es", "compare")
    assert page.url.endswith(f"#{old}..{new}")
    page.wait_for_selector(".pn-compare-result .pn-redline")
    assert page.input_value("select[name=from]") == old
    assert page.input_value("select[name=to]") == new
