import json
import random
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from policynotice.errors import ConfigError
from policynotice.models import ChangeClass
from policynotice.publish.api import notice_moment
from policynotice.publish.feeds import feed_links, render_feeds
from policynotice.publish.notice_strings import long_date

from .conftest import LANGS, SITE_URL, TZ, prefix, site_versions, with_summary

FEED_NAMES = ("all", "material", "privacy", "terms")


def render(versions, lang="en"):
    return render_feeds(versions, lang=lang, site_url=SITE_URL, timezone=TZ,
                        site_title="Nuri Books")


def tag(v):
    return f"tag:policies.example.com,2024:policynotice/{v.policy}/{v.version.id}/{v.lang}"


def newest_first(versions):
    return sorted(versions, key=lambda v: (v.entry.notice_date, v.entry.effective_date,
                                           v.policy, v.version.id), reverse=True)


@pytest.mark.parametrize("lang", LANGS)
def test_paths_under_language_prefix(all_versions, lang):
    p = prefix(lang)
    expected = {f"{p}feeds/{name}.{ext}" for name in FEED_NAMES for ext in ("rss.xml", "atom.xml")}
    expected.add(f"{p}feeds/all.json")
    assert set(render(all_versions, lang)) == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["rss.xml", "atom.xml"])
def test_feeds_parse_and_entries_match_the_release_log(all_versions, lang, fmt):
    out = render(all_versions, lang)
    mine = newest_first(site_versions(lang))
    parsed = feedparser.parse(out[f"{prefix(lang)}feeds/all.{fmt}"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == lang
    assert [e.id for e in parsed.entries] == [tag(v) for v in mine]
    for entry, v in zip(parsed.entries, mine):
        assert v.policy_title in entry.title
        assert long_date(v.entry.effective_date, lang) in entry.title
        published = (parsedate_to_datetime(entry.published) if fmt == "rss.xml"
                     else datetime.fromisoformat(entry.published))
        assert published == notice_moment(v.entry.notice_date, TZ)
        assert published.utcoffset().total_seconds() == 9 * 3600  # Asia/Seoul midnight
        assert entry.link == f"{SITE_URL}{v.urls.page}"
        html = entry.content[0].value if fmt == "atom.xml" else entry.content[0].value
        assert f"{SITE_URL}{v.urls.history}" in html
        if v.urls.changes:
            assert f"{SITE_URL}{v.urls.changes}" in html
        assert v.entry.summary[lang] in html
        assert v.entry.reason[lang] in html
        assert long_date(v.entry.notice_date, lang) in html


def test_atom_entry_links_keep_their_relations(all_versions):
    parsed = feedparser.parse(render(all_versions)["en/feeds/all.atom.xml"])
    entry = parsed.entries[0]  # privacy 2025-03-08
    links = {(link.rel, link.href) for link in entry.links}
    assert links == {
        ("alternate", f"{SITE_URL}en/privacy/2025-03-08/"),
        ("related", f"{SITE_URL}en/privacy/2025-03-08/changes/"),
        ("related", f"{SITE_URL}en/privacy/history/"),
    }


def test_feed_updated_is_the_newest_notice_date_not_the_clock(all_versions):
    out = render(all_versions)
    newest = notice_moment(max(v.entry.notice_date for v in site_versions("en")), TZ)
    rss = feedparser.parse(out["en/feeds/all.rss.xml"])
    atom = feedparser.parse(out["en/feeds/all.atom.xml"])
    assert parsedate_to_datetime(rss.feed.updated) == newest  # lastBuildDate
    assert datetime.fromisoformat(atom.feed.updated) == newest
    assert b"python-feedgen" not in out["en/feeds/all.rss.xml"]
    assert b"python-feedgen" not in out["en/feeds/all.atom.xml"]
    # The terms feed's newest notice is its own, not the site's.
    terms = feedparser.parse(out["en/feeds/terms.atom.xml"])
    assert datetime.fromisoformat(terms.feed.updated) == notice_moment(
        max(v.entry.notice_date for v in site_versions("en") if v.policy == "terms"), TZ)
    # Every entry's updated equals its published: a version never changes.
    for entry in atom.entries:
        assert entry.updated == entry.published


def test_two_renders_are_byte_identical_whatever_the_input_order(all_versions):
    first = render(all_versions)
    shuffled = list(all_versions)
    random.Random(7).shuffle(shuffled)
    assert render(shuffled) == first
    assert render(all_versions) == first


def test_ids_do_not_depend_on_file_paths_or_commits(all_versions):
    renamed = [replace(v, version=replace(v.version, path=f"docs/{v.lang}/renamed/policy.md",
                                          commit="f" * 40))
               for v in all_versions]
    before = feedparser.parse(render(all_versions)["en/feeds/all.atom.xml"])
    after = feedparser.parse(render(renamed)["en/feeds/all.atom.xml"])
    assert [e.id for e in after.entries] == [e.id for e in before.entries]


def test_same_version_in_two_languages_has_two_ids(all_versions):
    ko = feedparser.parse(render(all_versions, "ko")["feeds/all.atom.xml"])
    en = feedparser.parse(render(all_versions, "en")["en/feeds/all.atom.xml"])
    assert not {e.id for e in ko.entries} & {e.id for e in en.entries}


def test_material_feed_only_has_material_versions(all_versions):
    out = render(all_versions)
    material = {tag(v) for v in site_versions("en") if v.change_class is ChangeClass.MATERIAL}
    assert material  # the fixture has one
    for fmt in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse(out[f"en/feeds/material.{fmt}"])
        assert not parsed.bozo
        assert {e.id for e in parsed.entries} == material


def test_policy_feed_only_has_that_policy(all_versions):
    parsed = feedparser.parse(render(all_versions)["en/feeds/terms.rss.xml"])
    assert {e.id for e in parsed.entries} == {tag(v) for v in site_versions("en")
                                              if v.policy == "terms"}
    assert parsed.feed.link == f"{SITE_URL}en/terms/history/"


def test_empty_material_feed_is_still_valid(all_versions):
    ordinary = [v for v in all_versions if v.change_class is not ChangeClass.MATERIAL]
    parsed = feedparser.parse(render(ordinary)["en/feeds/material.atom.xml"])
    assert not parsed.bozo
    assert parsed.entries == []


def test_json_feed(all_versions):
    out = render(all_versions, "zh")
    doc = json.loads(out["zh/feeds/all.json"])
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["feed_url"] == f"{SITE_URL}zh/feeds/all.json"
    mine = newest_first(site_versions("zh"))
    assert [i["id"] for i in doc["items"]] == [tag(v) for v in mine]
    for item, v in zip(doc["items"], mine):
        assert datetime.fromisoformat(item["date_published"]) == notice_moment(
            v.entry.notice_date, TZ)
        assert item["url"] == f"{SITE_URL}{v.urls.page}"
        assert item["_policynotice"]["effective_date"] == v.entry.effective_date.isoformat()
    assert "隐私政策修订（2025年3月8日生效）" == doc["items"][0]["title"]


def test_values_from_the_release_log_are_escaped(all_versions):
    evil = "<script>alert(1)</script> & more"
    versions = [with_summary(v, evil) if v.lang == "en" else v for v in all_versions]
    atom = render(versions)["en/feeds/all.atom.xml"]
    root = etree.fromstring(atom)
    content = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content")
    assert content.get("type") == "html"
    # The HTML inside the element is escaped once more by XML.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in content.text
    assert "<script>" not in content.text


def test_reserved_policy_ids_are_refused(all_versions):
    clash = [replace(v, policy="all") for v in site_versions("en")]
    with pytest.raises(ConfigError, match="'all'"):
        render(clash)


def test_feed_links_point_at_rendered_files(all_versions):
    out = render(all_versions, "es")
    links = feed_links("es", SITE_URL, {"privacy": "Política de privacidad",
                                        "terms": "Términos del servicio"})
    head = [link for link in links if link.in_head]
    assert {link.path for link in head} == set(out)
    for link in links:
        assert link.href == SITE_URL + link.path
    types = {link.type for link in head}
    assert types == {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    calendar = [link for link in links if not link.in_head]
    assert [(c.path, c.type) for c in calendar] == [("es/feeds/calendar.ics", "text/calendar")]
    assert any("Política de privacidad" in link.title for link in head)
    assert feed_links("ko", SITE_URL, ["privacy"])[0].path == "feeds/all.rss.xml"


def test_site_url_with_sub_path(all_versions):
    out = render_feeds(all_versions, lang="en", site_url="https://example.com/legal",
                       timezone=TZ, site_title="")
    parsed = feedparser.parse(out["en/feeds/all.atom.xml"])
    assert parsed.entries[0].link == "https://example.com/legal/en/privacy/2025-03-08/"
    assert parsed.entries[0].id.startswith("tag:example.com,2024:")
