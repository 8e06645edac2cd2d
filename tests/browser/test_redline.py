"""Issue 6, item 4: redlines and the compare page in the browser.

Inserted and deleted text is visible and told apart without colour
(underline / line-through, and words for screen readers); "previous / next
change" moves the focus and the view and updates the counter; the compare
page shows the redline of whichever two versions the reader picks."""

from __future__ import annotations

import itertools

import pytest

from .conftest import LANGS, PRIVACY, TERMS, path_of

MARKS_JS = """root => Array.from(document.querySelectorAll(root + " :is(ins, del)")).map(el => {
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const sr = el.querySelector(".pn-sr");
  return {
    tag: el.tagName.toLowerCase(),
    moved: el.classList.contains("pn-moved"),
    decoration: style.textDecorationLine,
    visible: rect.width > 0 && rect.height > 0 && style.visibility !== "hidden"
             && style.display !== "none" && parseFloat(style.opacity) > 0.5,
    srText: sr ? sr.textContent.trim() : null,
    srHidden: sr ? sr.getBoundingClientRect().width <= 1 : null,
    text: el.textContent.trim(),
  };
})"""

NAV_JS = """() => {
  const nav = document.querySelector(".pn-redline .pn-redline-nav");
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const active = document.activeElement;
  const rect = active.getBoundingClientRect();
  return {
    navHidden: nav.hidden,
    label: nav.querySelector(".pn-nav-position").textContent,
    live: nav.querySelector(".pn-nav-position").getAttribute("aria-live"),
    active: active.id,
    current: Array.from(document.querySelectorAll(".pn-redline .pn-current")).map(e => e.id),
    inView: rect.top >= nav.getBoundingClientRect().bottom - 1 && rect.top >= header.bottom
            && rect.top < window.innerHeight,
    scrollY: window.scrollY,
  };
}"""


def _changes_url(lang: str) -> str:
    return PRIVACY.url(lang, PRIVACY.upcoming[0], "changes")


@pytest.mark.parametrize("lang", LANGS)
def test_inserted_and_deleted_text_is_visible_and_not_told_by_colour_alone(page, lang):
    page.goto(_changes_url(lang))
    for root in (".pn-redline", ".pn-sbs"):
        marks = page.evaluate(MARKS_JS, root)
        tags = {m["tag"] for m in marks}
        assert tags == {"ins", "del"}, (root, tags)
        for mark in marks:
            assert mark["visible"], mark
            expected = "underline" if mark["tag"] == "ins" else "line-through"
            assert expected in mark["decoration"], mark
    # Each redline change also says what it is, to screen readers only.
    for mark in page.evaluate(MARKS_JS, ".pn-redline"):
        assert mark["srText"], mark
        assert mark["srHidden"], mark
    # The legend explains the convention in words.
    assert page.locator(".pn-redline .pn-legend").is_visible()
    # Whole inserted / deleted blocks get a bar too (solid / dotted).
    styles = page.eval_on_selector_all(
        ".pn-redline :is(.pn-block-ins, .pn-block-del)",
        "els => els.map(e => [e.className, getComputedStyle(e).borderLeftStyle])")
    for cls, style in styles:
        assert style == ("solid" if "pn-block-ins" in cls else "dotted"), (cls, style)


@pytest.mark.parametrize("lang", ["ko", "en", "zh"])
def test_next_and_previous_change_navigation(page, lang):
    page.goto(_changes_url(lang))
    count = page.locator(".pn-redline [id^='pn-change-']").count()
    assert count > 3
    template = page.get_attribute(".pn-redline", "data-pn-position")
    position = lambda i: template.replace("{i}", str(i)).replace("{n}", str(count))  # noqa: E731

    state = page.evaluate(NAV_JS)
    assert not state["navHidden"]
    assert state["live"] == "polite"
    assert state["label"] == position("\u2013")
    next_button = page.locator(".pn-redline .pn-nav-next")
    prev_button = page.locator(".pn-redline .pn-nav-prev")
    assert next_button.is_visible() and prev_button.is_visible()

    seen = []
    for i in range(1, count + 1):
        next_button.click()
        state = page.evaluate(NAV_JS)
        assert state["label"] == position(i)
        assert state["active"] == f"pn-change-{i}", "the focus moves to the change"
        assert state["current"] == [f"pn-change-{i}"]
        assert state["inView"], f"change {i} is scrolled into view, below the sticky bars"
        seen.append(state["scrollY"])
    assert seen[-1] > seen[0], "the page scrolls down to later changes"

    next_button.click()  # past the last: back to the first
    assert page.evaluate(NAV_JS)["active"] == "pn-change-1"
    prev_button.click()  # before the first: the last
    state = page.evaluate(NAV_JS)
    assert (state["active"], state["label"]) == (f"pn-change-{count}", position(count))
    prev_button.click()
    assert page.evaluate(NAV_JS)["label"] == position(count - 1)

    # From the keyboard: the buttons are real buttons.
    prev_button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(NAV_JS)["label"] == position(count - 2)


# -- the compare page --------------------------------------------------------

RESULT_JS = """([a, b]) => {
  const result = document.querySelector(".pn-compare-result");
  const body = result.querySelector(".pn-redline-body");
  return !result.hasAttribute("aria-busy") && location.hash === "#" + a + ".." + b
      && !!body && document.querySelector("select[name=from]").value === a
      && document.querySelector("select[name=to]").value === b;
}"""

FRAGMENT_MATCHES_JS = """async ([a, b]) => {
  const html = await (await fetch(a + ".." + b + ".html")).text();
  const div = document.createElement("div");
  div.innerHTML = html;
  const norm = el => el.textContent.replace(/\\s+/g, " ").trim();
  const shown = document.querySelector(".pn-compare-result .pn-redline-body");
  return norm(div.querySelector(".pn-redline-body")) === norm(shown);
}"""


def _choose(page, old: str, new: str, versions: list[str]) -> None:
    """Pick the two versions as a reader would, one select after the other,
    in the order that does not make the page swap them."""
    current_to = page.input_value("select[name=to]")
    if versions.index(old) > versions.index(current_to):
        page.select_option("select[name=to]", new)
        page.select_option("select[name=from]", old)
    else:
        page.select_option("select[name=from]", old)
        page.select_option("select[name=to]", new)
    page.wait_for_function(RESULT_JS, arg=[old, new])


@pytest.mark.parametrize("lang,policy", [("en", PRIVACY), ("es", PRIVACY), ("ko", TERMS)],
                         ids=["en-privacy", "es-privacy", "ko-terms"])
def test_compare_page_shows_the_redline_of_any_two_versions(page, lang, policy):
    page.goto(policy.url(lang, "compare"))
    # The two newest versions are shown at once.
    default = page.eval_on_selector("form.pn-compare", "f => [f.dataset.defaultFrom, f.dataset.defaultTo]")
    assert default == policy.versions[-2:]
    page.wait_for_selector(".pn-compare-result .pn-redline-body")
    for old, new in itertools.combinations(policy.versions, 2):
        _choose(page, old, new, policy.versions)
        assert page.evaluate(FRAGMENT_MATCHES_JS, [old, new]), (old, new)
    assert path_of(page.url) == policy.url(lang, "compare")

    # The redline shown works like the one on a changes page.
    nav = page.locator(".pn-compare-result .pn-redline-nav")
    assert nav.is_visible()
    nav.locator(".pn-nav-next").click()
    assert page.evaluate("document.activeElement.id") == "pn-change-1"
    count = page.locator(".pn-compare-result [id^='pn-change-']").count()
    template = page.get_attribute(".pn-compare-result .pn-redline", "data-pn-position")
    assert nav.locator(".pn-nav-position").inner_text() == \
        template.replace("{i}", "1").replace("{n}", str(count))

def test_compare_page_orders_the_pair_and_explains_a_same_version_choice(page):
    versions = PRIVACY.versions
    page.goto(PRIVACY.url("es", "compare") + f"#{versions[0]}..{versions[1]}")
    page.wait_for_function(RESULT_JS, arg=versions[:2])
    # Picking a "from" newer than "to" swaps them: older -> newer.
    page.select_option("select[name=from]", versions[3])
    page.wait_for_function(RESULT_JS, arg=[versions[1], versions[3]])
    # The same version twice: a message in the page's language, no redline.
    page.select_option("select[name=from]", versions[3])
    message = page.locator(".pn-compare-result .pn-compare-message")
    message.wait_for()
    assert message.inner_text() == "Elija dos versiones distintas para ver los cambios."
    assert page.locator(".pn-compare-result .pn-redline").count() == 0


def test_compare_page_opens_the_pair_in_the_address(page):
    old, new = PRIVACY.versions[1], PRIVACY.versions[3]
    page.goto(PRIVACY.url("zh", "compare") + f"#{old}..{new}")
    page.wait_for_function(RESULT_JS, arg=[old, new])
    assert page.evaluate(FRAGMENT_MATCHES_JS, [old, new])
    # Editing the address to another pair follows it.
    page.evaluate("h => { location.hash = h; }", f"#{PRIVACY.versions[0]}..{PRIVACY.versions[4]}")
    page.wait_for_function(RESULT_JS, arg=[PRIVACY.versions[0], PRIVACY.versions[4]])
