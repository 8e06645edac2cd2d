"""Issue 6, item 5: axe-core, injected into the page, finds no serious or
critical accessibility problem on the policy, version, history, redline,
compare and subscribe pages (Korean and English; the others share the
templates and differ only in words).

axe-core comes from npm: tests/browser/node_modules/axe-core when someone
has run `npm install` there, otherwise the copy that the Python package
axe-playwright-python (a test dependency) ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PRIVACY, prefix

HERE = Path(__file__).parent


def _axe_script() -> Path:
    npm = HERE / "node_modules" / "axe-core" / "axe.min.js"
    if npm.exists():
        return npm
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


AXE = _axe_script()
BLOCKING = {"serious", "critical"}

PAGES = {
    "policy": lambda lang: PRIVACY.url(lang),
    "archived version": lambda lang: PRIVACY.url(lang, PRIVACY.archived[0]),
    "history": lambda lang: PRIVACY.url(lang, "history"),
    "redline": lambda lang: PRIVACY.url(lang, PRIVACY.upcoming[0], "changes"),
    "compare": lambda lang: PRIVACY.url(lang, "compare"),
    "subscribe": lambda lang: f"/{prefix(lang)}subscribe/",
}


def axe_violations(page, impacts=BLOCKING) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} "
                         f"({len(violation['nodes'])}x: {', '.join(targets)})")
    return found


SCANS = [(kind, lang) for kind in PAGES for lang in ("ko", "en")
         if lang == "en" or kind in ("policy", "history", "redline", "subscribe")]


@pytest.mark.parametrize("kind,lang", SCANS, ids=[f"{k}-{lang}" for k, lang in SCANS])
def test_no_serious_accessibility_violations(page, kind, lang):
    page.goto(PAGES[kind](lang))
    if kind == "compare":  # scan the redline it loads, too
        page.wait_for_selector(".pn-compare-result .pn-redline")
    if kind == "redline":  # and the redline with a change selected
        page.locator(".pn-redline .pn-nav-next").click()
    assert axe_violations(page) == []


def test_no_serious_accessibility_violations_on_a_phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=1)
    try:
        tab = context.new_page()
        for url in (PRIVACY.url("ko"), PRIVACY.url("en", PRIVACY.current, "changes")):
            tab.goto(url)
            assert axe_violations(tab) == [], url
    finally:
        context.close()


def test_search_dialog_has_a_name(page):
    """mkdocs-material's search overlay is a dialog; redline.js names it."""
    page.goto(PRIVACY.url("zh"))
    name = page.get_attribute(".md-search[role=dialog]", "aria-label")
    assert name == page.get_attribute("input.md-search__input", "aria-label")
    assert name
