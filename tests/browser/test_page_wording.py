"""Dates in banners read as the language writes them and never wrap on a
390 px phone; Korean pages wrap between words (issue 17)."""

from __future__ import annotations

import re

import pytest

from .conftest import LANGS, PRIVACY, TERMS

DATES_JS = """() => Array.from(document.querySelectorAll("article time.pn-date")).map(el => ({
  text: el.textContent,
  lines: new Set(Array.from(el.getClientRects()).map(r => Math.round(r.top))).size,
  inBanner: !!el.closest(".pn-banner, .pn-effective"),
}))"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("policy", [PRIVACY, TERMS], ids=["privacy", "terms"])
def test_banner_dates_are_localised_and_never_wrap_on_a_phone(page, lang, policy):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(policy.url(lang))
    dates = page.evaluate(DATES_JS)
    prose = [d for d in dates if d["inBanner"]]
    assert prose, dates
    for d in dates:
        assert d["lines"] == 1, d
    for d in prose:
        assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["text"]), d
    banner = page.locator(".pn-banner-upcoming").first.inner_text()
    if lang == "ko":
        assert "이 방침" not in banner


def test_korean_keeps_words_whole(page):
    page.goto(PRIVACY.url("ko"))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).wordBreak") == "keep-all"
