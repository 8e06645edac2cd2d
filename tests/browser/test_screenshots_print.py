"""Issue 6, item 6: screenshots of the main pages at desktop (1280 px) and
phone (390 px) width, and printing: chromium's print-to-PDF of a policy and
of a redline has the text and none of the site's navigation.

Screenshots go to tests/browser/screenshots/ (ignored by git). With
POLICYNOTICE_README_SCREENSHOTS=1 the ones the README shows are also written
to readme-screenshots/ at the top of the repository."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from policynotice.publish.strings import t

from .conftest import (POLICY_BLOCKS_JS, long, PRIVACY, README_SCREENSHOTS, SCREENSHOTS, TERMS, _watch,
                       clean)
from .pdftext import pdf_pages

WIDTHS = {"desktop": (1280, 800), "mobile": (390, 844)}

# name -> (URL, what to do before the picture)
SHOTS = {
    "policy-ko": (PRIVACY.url("ko"), None),
    "policy-en": (PRIVACY.url("en"), None),
    "terms-es": (TERMS.url("es"), None),
    "version-ko": (PRIVACY.url("ko", PRIVACY.archived[-1]), None),
    "history-zh": (PRIVACY.url("zh", "history"), None),
    "redline-en": (PRIVACY.url("en", PRIVACY.upcoming[0], "changes"), "next-change"),
    "redline-zh-Hant": (PRIVACY.url("zh-Hant", PRIVACY.current, "changes"), "next-change"),
    "compare-es": (PRIVACY.url("es", "compare") + f"#{PRIVACY.archived[0]}..{PRIVACY.current}",
                   "compare"),
    "subscribe-en": ("/en/subscribe/", None),
}

# What the README shows.
README = {
    "policy-ko-desktop.png": "policy-ko-desktop.png",
    "redline-en-desktop.png": "redline-en-desktop.png",
    "history-zh-mobile.png": "history-zh-mobile.png",
    "compare-es-desktop.png": "compare-es-desktop.png",
}
README_LIMIT = 300 * 1024


@pytest.fixture(scope="module", params=list(WIDTHS))
def sized_page(request, browser, base_url):
    width, height = WIDTHS[request.param]
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=request.param == "mobile",
                                  has_touch=request.param == "mobile", reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    _watch(tab, errors)
    yield request.param, width, tab, errors
    context.close()


def _prepare(tab, action: str | None) -> None:
    if action == "next-change":
        tab.locator(".pn-redline .pn-nav-next").click()
        tab.locator(".pn-redline .pn-nav-next").click()
    elif action == "compare":
        tab.wait_for_selector(".pn-compare-result .pn-redline")
    # Let the theme settle (web fonts fail at once here; no animations).
    tab.evaluate("document.fonts.ready")


@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(sized_page, name):
    size, width, tab, errors = sized_page
    url, action = SHOTS[name]
    tab.goto(url)
    _prepare(tab, action)
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{name}-{size}.png"
    tab.screenshot(path=str(target))
    assert target.stat().st_size > 10_000  # not a blank page
    # Nothing sticks out sideways: the page does not scroll horizontally (wide
    # tables scroll inside their own box).
    overflow = tab.evaluate("document.documentElement.scrollWidth") - width
    assert overflow <= 0, f"{name} is {overflow}px wider than the {size} screen"
    assert not errors, errors
    if target.name in README:
        assert target.stat().st_size < README_LIMIT, f"{target.name} is too big for the README"
        if os.environ.get("POLICYNOTICE_README_SCREENSHOTS"):
            README_SCREENSHOTS.mkdir(exist_ok=True)
            shutil.copyfile(target, README_SCREENSHOTS / README[target.name])


# -- print -------------------------------------------------------------------

def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


CHROME_JS = """() => Array.from(document.querySelectorAll(
    ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .pn-links, .pn-redline-nav"))
  .filter(el => getComputedStyle(el).display !== "none").map(el => el.className)"""


def _print(page, url: str) -> tuple[list[str], list[str]]:
    page.goto(url)
    blocks = page.evaluate(POLICY_BLOCKS_JS)
    page.emulate_media(media="print")
    try:
        assert page.evaluate(CHROME_JS) == [], "navigation is hidden in print"
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
    return pdf_pages(pdf), blocks


# Words of the site around a policy (header, language selector, footer) that
# a printed policy must not carry.
def _chrome_words(lang: str) -> list[str]:
    site_names = {"ko": "누리책방 정책", "en": "Nuri Books Policies"}
    return ["简体中文", "Español", "Material for MkDocs", site_names[lang]]


PRIVACY_TITLES = {"ko": "개인정보 처리방침", "en": "Privacy Policy"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_printing_a_policy(page, lang):
    pages, blocks = _print(page, PRIVACY.url(lang))
    text = _squash(" ".join(pages))
    assert len(pages) >= 2
    # The whole policy text is there: every heading, paragraph and list item.
    missing = [b for b in blocks if _squash(b) not in text]
    assert not missing, missing[:5]
    # With the date it took effect and the announced version.
    assert _squash(t(lang, "in_force_since", date=long(PRIVACY.dates[PRIVACY.current][1], lang))) in text
    notice, effective = PRIVACY.dates[PRIVACY.upcoming[0]]
    assert _squash(t(lang, "upcoming_banner", date=long(effective, lang), notice=long(notice, lang),
                     title=PRIVACY_TITLES[lang])) in text
    # And none of the site around it.
    first_page = _squash(pages[0])
    for word in _chrome_words(lang):
        assert _squash(word) not in text, word
    # The page starts with the policy's title.
    assert first_page.startswith(_squash(clean(page.inner_text("article h1"))))


def test_printing_a_redline(page):
    url = PRIVACY.url("en", PRIVACY.upcoming[0], "changes")
    pages, _ = _print(page, url)
    text = _squash(" ".join(pages))
    # Inserted and deleted words are both printed...
    marks = page.eval_on_selector_all(
        ".pn-redline-body :is(ins, del)",
        "els => els.map(e => [e.tagName, Array.from(e.childNodes).filter(n => !(n.classList && "
        "n.classList.contains('pn-sr'))).map(n => n.textContent).join('')])")
    assert any(tag == "INS" for tag, _ in marks) and any(tag == "DEL" for tag, _ in marks)
    for _tag, words in marks:
        assert _squash(words) in text, words
    # ...still underlined / struck through on paper.
    page.emulate_media(media="print")
    decorations = page.eval_on_selector_all(
        ".pn-redline-body :is(ins, del)",
        "els => els.map(e => [e.tagName, getComputedStyle(e).textDecorationLine])")
    page.emulate_media(media="screen")
    for tag, decoration in decorations:
        assert ("underline" if tag == "INS" else "line-through") in decoration
    # The buttons and the site's navigation are not printed.
    for word in ("Previous change", "Next change", *_chrome_words("en")):
        assert _squash(word) not in text, word
    assert _squash(clean(page.inner_text("article h1"))) in _squash(pages[0])
