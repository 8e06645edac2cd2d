"""Issue 6, item 1: each language's policy page shows the text in force on
--today, its effective date, the banner of the announced upcoming version and
the list of earlier versions, with the words around the policy in the
reader's language too (the page's, policynotice's and the theme's)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from policynotice.publish.strings import t

from .conftest import (LANGS, long, POLICIES, POLICY_BLOCKS, POLICY_BLOCKS_JS, PRIVACY, TERMS, clean,
                       in_html, path_of)

# The theme's search box, in English; every other language must have its own.
ENGLISH_SEARCH = "Search"


def test_the_example_site_is_in_the_state_the_tests_expect():
    assert (PRIVACY.current, PRIVACY.upcoming) == ("2025-10-01", ["2027-01-04"])
    assert (TERMS.current, TERMS.upcoming) == ("2025-06-16", ["2026-12-28"])


# Everything the test looks at on a policy page, read in one round trip.
PAGE_FACTS_JS = """() => {
  const text = el => el ? el.textContent.replace(/\\u00b6/g, "").replace(/\\s+/g, " ").trim() : null;
  const links = root => root ? Array.from(root.querySelectorAll("a")).map(
      a => ({text: text(a), path: new URL(a.href).pathname})) : [];
  const banners = document.querySelectorAll("article .pn-banner-upcoming");
  const banner = banners[0];
  return {
    lang: document.documentElement.lang,
    effective: text(document.querySelector("article .pn-effective")),
    topLinks: links(document.querySelector("article .pn-effective + .pn-links")),
    bannerCount: banners.length,
    bannerRole: banner && banner.getAttribute("role"),
    bannerVisible: !!banner && banner.getBoundingClientRect().height > 0,
    bannerText: text(banner),
    bannerLinks: links(banner),
    previousHeading: text(document.getElementById("pn-previous-versions")),
    previous: Array.from(document.querySelectorAll("article .pn-previous li")).map(li => ({
      links: links(li), start: li.querySelector("time") && li.querySelector("time").dateTime})),
    searchPlaceholder: document.querySelector("input.md-search__input").placeholder,
  };
}"""


@pytest.mark.parametrize("policy_id", sorted(POLICIES))
@pytest.mark.parametrize("lang", LANGS)
def test_policy_page_shows_the_version_in_force(page, lang, policy_id):
    policy = POLICIES[policy_id]
    upcoming = policy.upcoming[0]
    notice, effective = policy.dates[upcoming]

    # The text is the one in force, not the newer one already in the file.
    page.goto(policy.url(lang))
    shown = page.evaluate(POLICY_BLOCKS_JS)
    in_force = in_html(page, policy.url(lang, policy.current), POLICY_BLOCKS)
    announced = in_html(page, policy.url(lang, upcoming), POLICY_BLOCKS)
    assert len(shown) > 10
    assert shown == in_force
    assert shown != announced

    facts = page.evaluate(PAGE_FACTS_JS)
    assert facts["lang"] == lang

    # Effective date and version, in the page's language.
    assert t(lang, "in_force_since", date=long(policy.dates[policy.current][1], lang)) in facts["effective"]
    assert f"{t(lang, 'version')} {policy.current}" in facts["effective"]
    top = {link["text"]: link["path"] for link in facts["topLinks"]}
    assert top[t(lang, "history")] == policy.url(lang, "history")
    assert top[t(lang, "compare")] == policy.url(lang, "compare")
    assert top[t(lang, "see_changes")] == policy.url(lang, policy.current, "changes")

    # The banner of the announced version, with its dates, class and links.
    assert facts["bannerCount"] == 1 and facts["bannerVisible"]
    assert facts["bannerRole"] == "note"
    title = clean(page.locator("article h1").first.inner_text())
    assert t(lang, "upcoming_banner", date=long(effective, lang), notice=long(notice, lang),
             title=title) in facts["bannerText"]
    assert t(lang, "material") in facts["bannerText"] or t(lang, "ordinary") in facts["bannerText"]
    assert facts["bannerLinks"] == [
        {"text": t(lang, "read_new"), "path": policy.url(lang, upcoming)},
        {"text": t(lang, "see_changes"), "path": policy.url(lang, upcoming, "changes")},
    ]

    # Earlier versions, newest first, each with the date it took effect.
    assert facts["previousHeading"] == t(lang, "previous_versions")
    assert facts["previous"] == [
        {"links": [{"text": v, "path": policy.url(lang, v)}], "start": policy.dates[v][1]}
        for v in reversed(policy.archived)
    ]

    # The theme speaks the reader's language too, and so does policynotice.
    if lang == "en":
        assert facts["searchPlaceholder"] == ENGLISH_SEARCH
    else:
        assert facts["searchPlaceholder"] != ENGLISH_SEARCH
        for key in ("previous_versions", "history", "compare", "read_new", "see_changes",
                    "in_force_since", "upcoming_banner"):
            assert t(lang, key) != t("en", key), (lang, key)


@pytest.mark.parametrize("lang", LANGS)
def test_reading_the_announced_version_from_the_banner(page, lang):
    page.goto(PRIVACY.url(lang))
    upcoming = PRIVACY.upcoming[0]
    page.locator(".pn-banner-upcoming").get_by_role("link", name=t(lang, "read_new")).click()
    page.wait_for_url(f"**{PRIVACY.url(lang, upcoming)}")
    banner = clean(page.inner_text(".pn-banner-upcoming"))
    assert t(lang, "upcoming_page_banner", date=long(PRIVACY.dates[upcoming][1], lang)) in banner
    # and back to the version in force
    page.locator(".pn-banner-upcoming").get_by_role("link", name=t(lang, "read_current")).click()
    page.wait_for_url(f"**{PRIVACY.url(lang)}")


@pytest.mark.parametrize("lang", LANGS)
def test_archived_version_says_it_is_not_in_force(page, lang):
    version, successor = PRIVACY.archived[-1], PRIVACY.current
    page.goto(PRIVACY.url(lang, version))
    banner = page.locator(".pn-banner-archived")
    assert banner.is_visible()
    start = PRIVACY.dates[version][1]
    end = (date.fromisoformat(PRIVACY.dates[successor][1]) - timedelta(days=1)).isoformat()
    text = clean(banner.inner_text())
    assert t(lang, "archived_banner", start=long(start, lang), end=long(end, lang)) in text
    link = banner.get_by_role("link", name=t(lang, "read_current"))
    assert path_of(link.evaluate("a => a.href")) == PRIVACY.url(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_history_page_lists_every_version_with_its_status(page, lang):
    page.goto(PRIVACY.url(lang, "history"))
    assert page.evaluate("document.documentElement.lang") == lang
    title = re.escape(t(lang, "history_title", title="TITLE")).replace("TITLE", ".+")
    assert re.fullmatch(title, clean(page.inner_text("article h1")))
    headers = [clean(h) for h in page.locator("table.pn-history th").all_inner_texts()]
    assert headers[:3] == [t(lang, "version"), t(lang, "notice_date"), t(lang, "effective_date")]
    rows = page.locator("table.pn-history tbody tr")
    assert rows.count() == len(PRIVACY.versions)
    statuses = [clean(s) for s in page.locator("table.pn-history .pn-status").all_inner_texts()]
    expected = []
    for version in reversed(PRIVACY.versions):
        key = ("current" if version == PRIVACY.current
               else "upcoming" if version in PRIVACY.upcoming else "archived")
        expected.append(t(lang, "status_" + key))
    assert statuses == expected
    first_cells = [clean(c) for c in page.locator("table.pn-history tbody td:first-child").all_inner_texts()]
    assert [c.split(" ")[0] for c in first_cells] == list(reversed(PRIVACY.versions))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_history_period_of_the_upcoming_version(page, lang):
    """A version that is not in force yet has a start and no "to present"
    (on TEST_TODAY, "2027-01-04 ~ present" would be a date in the past)."""
    page.goto(PRIVACY.url(lang, "history"))
    upcoming_row = page.locator("table.pn-history tbody tr").first
    period = clean(upcoming_row.locator("td").nth(3).inner_text())
    assert PRIVACY.dates[PRIVACY.upcoming[0]][1] in period
    assert t(lang, "until_now") not in period, period
    current_row = page.locator("table.pn-history tbody tr").nth(1)
    end = (date.fromisoformat(PRIVACY.dates[PRIVACY.upcoming[0]][1]) - timedelta(days=1)).isoformat()
    assert clean(current_row.locator("td").nth(3).inner_text()) == \
        f"{PRIVACY.dates[PRIVACY.current][1]} ~ {end}"
