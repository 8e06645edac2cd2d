"""Issue 6, item 7: feeds are discoverable from every page's head (absolute
URLs, so that feed readers find them from any page) and the subscribe page
lists them; every feed, and every link in a feed, works. The site's absolute
URLs (site_url) are mapped onto the local server to follow them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from policynotice.publish.strings import t

from .conftest import LANGS, PRIVACY, SITE_URL, TERMS, in_html, local, path_of, prefix

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
ATOM = "{http://www.w3.org/2005/Atom}"

HEAD_FEEDS = """doc => Array.from(doc.head.querySelectorAll('link[rel="alternate"][type]'))
  .map(l => ({type: l.type, href: l.getAttribute("href"), title: l.title}))"""


def _head_feeds(page, url: str | None = None) -> list[dict]:
    """The feeds in the head of the page shown, or of another page's HTML."""
    found = in_html(page, url, HEAD_FEEDS) if url else page.evaluate(f"({HEAD_FEEDS})(document)")
    return [f for f in found if f["type"] in FEED_TYPES]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_announces_its_language_feeds(page, lang):
    pages = [PRIVACY.url(lang), PRIVACY.url(lang, PRIVACY.archived[0]),
             PRIVACY.url(lang, PRIVACY.current, "changes"), TERMS.url(lang, "history"),
             TERMS.url(lang, "compare"), f"/{prefix(lang)}subscribe/", f"/{prefix(lang)}"]
    page.goto(pages[0])
    first = _head_feeds(page)
    for url in pages[1:]:
        assert _head_feeds(page, url) == first, f"{url} announces other feeds"
    types = {f["type"] for f in first}
    assert {"application/rss+xml", "application/atom+xml"} <= types
    for feed in first:
        assert feed["href"].startswith(f"{SITE_URL}{prefix(lang)}feeds/"), feed
        assert feed["title"], feed
    names = {f["href"].rsplit("/", 1)[1] for f in first}
    assert {"all.rss.xml", "all.atom.xml", "privacy.rss.xml", "privacy.atom.xml",
            "terms.rss.xml", "terms.atom.xml"} <= names


def _get(page, url: str, base_url: str):
    response = page.request.get(local(url, base_url))
    assert response.status == 200, url
    return response


def _feed_links(body: bytes, kind: str) -> tuple[str | None, list[str]]:
    """(language, links of the items) of an RSS, Atom or JSON feed."""
    if kind == "application/feed+json":
        data = json.loads(body)
        return data.get("language"), [i["url"] for i in data["items"]]
    root = ET.fromstring(body)
    if root.tag == "rss":
        channel = root.find("channel")
        return (channel.findtext("language"),
                [i.findtext("link") for i in channel.findall("item")])
    assert root.tag == ATOM + "feed", root.tag
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    links = [link.get("href") for entry in root.findall(ATOM + "entry")
             for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
    return lang, links


@pytest.mark.parametrize("lang", LANGS)
def test_feeds_load_and_their_links_resolve(page, base_url, lang):
    page.goto(PRIVACY.url(lang))
    checked = set()
    for feed in _head_feeds(page):
        body = _get(page, feed["href"], base_url).body()
        feed_lang, links = _feed_links(body, feed["type"])
        if feed_lang is not None:
            assert feed_lang.lower() == lang.lower(), (feed["href"], feed_lang)
        assert links or "material" in feed["href"], f"{feed['href']} has no items"
        for link in links:
            assert link.startswith(f"{SITE_URL}{prefix(lang)}"), link
            if link not in checked:
                _get(page, link, base_url)
                checked.add(link)
    # The versions of the privacy policy are all in the feeds.
    for version in PRIVACY.versions[1:]:
        assert any(path_of(link) in (PRIVACY.url(lang, version), PRIVACY.url(lang, version, "changes"))
                   for link in checked), version


@pytest.mark.parametrize("lang", LANGS)
def test_subscribe_page_lists_the_feeds(page, base_url, lang):
    # Reached from the site's navigation...
    page.goto(PRIVACY.url(lang))
    nav = page.locator(f".md-sidebar--primary a.md-nav__link[href$='subscribe/']")
    assert nav.count() >= 1
    head = {f["href"] for f in _head_feeds(page)}
    nav.first.click()
    page.wait_for_url(f"**/{prefix(lang)}subscribe/")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.inner_text("article h1").strip().rstrip("\u00b6") == t(lang, "subscribe")
    assert t(lang, "subscribe_intro") in page.inner_text("article")

    # ...it lists every feed of the head, and the calendar, with its address.
    items = page.eval_on_selector_all(
        ".pn-feeds li", "lis => lis.map(li => ({href: li.querySelector('a').href, "
        "text: li.querySelector('a').textContent, url: li.querySelector('code').textContent}))")
    listed = {item["url"] for item in items}
    assert head <= listed, head - listed
    assert any(url.endswith(".ics") for url in listed)
    for item in items:
        assert item["text"].strip()
        # The link goes where the address shown says, and it works.
        assert path_of(item["href"]) == path_of(local(item["url"], base_url))
        response = page.request.get(item["href"])
        assert response.status == 200, item
        body = response.body()
        if item["url"].endswith(".ics"):
            assert body.startswith(b"BEGIN:VCALENDAR")
        elif item["url"].endswith(".json"):
            assert json.loads(body)["items"]
        else:
            assert ET.fromstring(body).tag in ("rss", ATOM + "feed")
