"""Change feeds per language: RSS 2.0 and Atom (feedgen, used only here) and
JSON Feed 1.1 (plain json).

Per language prefix ("" for the default language, "en/" ...):

    feeds/all.rss.xml  feeds/all.atom.xml  feeds/all.json     every policy
    feeds/material.rss.xml  feeds/material.atom.xml          material changes only
    feeds/<policy>.rss.xml  feeds/<policy>.atom.xml          one policy

A feed reader must see each version once, forever: entry ids are tag URIs made
of the policy id, version id and language (never a path or URL), and every
date comes from the release log, never from the clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Mapping, Sequence

from feedgen.feed import FeedGenerator
from lxml import etree  # feedgen's own XML library

from ..errors import ConfigError
from ..models import ChangeClass, SiteVersion
from .api import (TAG_DATE, absolute_url, language_prefix, newest_first, notice_moment,
                  site_host, version_tag)
from ..classify.labels import public_reasons
from .notice_strings import class_label, long_date, ns, reason_text, with_site

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
ICAL = "text/calendar"

# Names of the feeds of several policies; a policy with one of these ids
# would overwrite them.
RESERVED = ("all", "material", "calendar")

_EPOCH = date(1970, 1, 1)  # "updated" of a feed with no versions at all: still no clock


@dataclass(frozen=True)
class FeedLink:
    """One subscription a language offers, for <link rel="alternate"> in page
    heads (where `in_head`) and for the subscribe page."""

    title: str
    href: str  # absolute
    type: str  # MIME type
    path: str  # site-root-relative, for links relative to a page
    in_head: bool = True  # calendars are not feeds: listed, not advertised in <head>


@dataclass(frozen=True)
class _Feed:
    name: str  # file stem under feeds/
    title: str
    home: str  # absolute URL of the page the feed is about
    entries: tuple[SiteVersion, ...]


def feed_links(lang: str, site_url: str, policies: Mapping[str, str] | Sequence[str], *,
               site_title: str = "", default_lang: str = "ko") -> list[FeedLink]:
    """Feeds of one language. `policies`: policy id -> title in `lang` (a
    plain sequence of ids uses the ids as titles)."""
    titles = dict(policies) if isinstance(policies, Mapping) else {p: p for p in policies}
    prefix = "" if lang == default_lang else f"{lang}/"
    links: list[FeedLink] = []

    def add(name: str, label: str, suffix: str, kind: str, mime: str, in_head: bool = True) -> None:
        path = f"{prefix}feeds/{name}{suffix}"
        links.append(FeedLink(f"{label} ({kind})", absolute_url(site_url, path) or "",
                              mime, path, in_head))

    for name, label in (("all", ns(lang, "feed_all")), ("material", ns(lang, "feed_material"))):
        label = with_site(lang, site_title, label)
        add(name, label, ".rss.xml", "RSS", RSS)
        add(name, label, ".atom.xml", "Atom", ATOM)
        if name == "all":
            add(name, label, ".json", "JSON Feed", JSON_FEED)
    for policy, title in sorted(titles.items()):
        label = with_site(lang, site_title, ns(lang, "feed_policy", title=title))
        add(policy, label, ".rss.xml", "RSS", RSS)
        add(policy, label, ".atom.xml", "Atom", ATOM)
    add("calendar", with_site(lang, site_title, ns(lang, "calendar_name")), ".ics",
        "iCalendar", ICAL, in_head=False)
    return links


def render_feeds(versions: Sequence[SiteVersion], *, lang: str, site_url: str, timezone: str,
                 site_title: str) -> dict[str, bytes]:
    """Every feed of one language, as {site-root-relative path: bytes}."""
    mine = newest_first([v for v in versions if v.lang == lang])
    prefix = language_prefix(versions, lang)
    home = absolute_url(site_url, prefix) or ""
    feeds = [
        _Feed("all", with_site(lang, site_title, ns(lang, "feed_all")), home, tuple(mine)),
        _Feed("material", with_site(lang, site_title, ns(lang, "feed_material")), home,
              tuple(v for v in mine if v.change_class is ChangeClass.MATERIAL)),
    ]
    for policy in sorted({v.policy for v in mine}):
        if policy in RESERVED:
            raise ConfigError(
                f"policy id '{policy}' clashes with the feed feeds/{policy}.rss.xml",
                path="mkdocs.yml", hint=f"rename the policy; {', '.join(RESERVED)} are reserved",
            )
        entries = tuple(v for v in mine if v.policy == policy)
        title = with_site(lang, site_title, ns(lang, "feed_policy", title=entries[0].policy_title))
        feeds.append(_Feed(policy, title, absolute_url(site_url, entries[0].urls.history) or "",
                           entries))
    # A feed with no entries (no material change yet) still needs an "updated"
    # that does not come from the clock.
    fallback = mine[0].entry.notice_date if mine else _EPOCH
    # A version is an entry of several feeds (all, its policy, material; RSS,
    # Atom and JSON): its body is built once.
    bodies = {id(v): entry_html(v, lang, site_url) for v in mine}
    out: dict[str, bytes] = {}
    for feed in feeds:
        updated = notice_moment(feed.entries[0].entry.notice_date if feed.entries else fallback,
                                timezone)
        fg = _generator(feed, lang=lang, site_url=site_url, timezone=timezone,
                        site_title=site_title, updated=updated, bodies=bodies)
        # Each file names itself as rel="self" (RSS via atom:link). feedgen
        # takes the RSS <link> from the last link, so the page goes last.
        for suffix, render in ((".rss.xml", fg.rss_str), (".atom.xml", fg.atom_str)):
            path = f"{prefix}feeds/{feed.name}{suffix}"
            fg.link([{"href": absolute_url(site_url, path), "rel": "self"},
                     {"href": feed.home, "rel": "alternate"}], replace=True)
            out[path] = render(pretty=True)
        atom_path = f"{prefix}feeds/{feed.name}.atom.xml"
        out[atom_path] = _restore_entry_link_rels(out[atom_path], feed, lang, site_url)
        if feed.name == "all":
            out[f"{prefix}feeds/all.json"] = _json_feed(feed, lang=lang, site_url=site_url,
                                                        prefix=prefix, timezone=timezone,
                                                        site_title=site_title, bodies=bodies)
    return out


def _feed_id(site_url: str, name: str, lang: str) -> str:
    return f"tag:{site_host(site_url)},{TAG_DATE}:policynotice/feeds/{name}/{lang}"


def entry_title(v: SiteVersion, lang: str) -> str:
    key = "entry_title" if v.previous is not None else "entry_title_first"
    return ns(lang, key, title=v.policy_title, date=long_date(v.entry.effective_date, lang))


def entry_html(v: SiteVersion, lang: str, site_url: str) -> str:
    """The body of an entry: dates, class with its reasons, summary, reason
    and links. Every value from the repository is escaped."""
    e = v.entry

    def row(key: str, value: str) -> str:
        return f"<strong>{escape(ns(lang, key))}</strong>{escape(ns(lang, 'sep'))}{escape(value)}"

    dates = "<br>".join([
        row("notice_date", long_date(e.notice_date, lang)),
        row("effective_date", long_date(e.effective_date, lang)),
        *([row("postponed_from", long_date(e.postponed_from, lang))] if e.postponed_from else []),
        row("class", class_label(v.change_class.value if v.change_class else None, lang)),
    ])
    parts = [f"<p>{dates}</p>"]
    reasons = public_reasons(v.classification.reasons) if v.classification else ()
    if reasons:
        items = "".join(f"<li>{escape(reason_text(r, lang))}</li>" for r in reasons)
        parts.append(f"<p>{escape(ns(lang, 'reasons'))}</p><ul>{items}</ul>")
    for key, text in (("summary", e.summary.get(lang, "")), ("reason", e.reason.get(lang, "")),
                      ("backdated" if e.backdated else "justification",
                       e.justification.get(lang, ""))):
        if text:
            parts.append(f"<p>{row(key, text)}</p>")
    links = [(ns(lang, "link_page"), v.urls.page), (ns(lang, "link_changes"), v.urls.changes),
             (ns(lang, "link_history"), v.urls.history)]
    parts.append("<p>" + " · ".join(
        f'<a href="{escape(absolute_url(site_url, url) or "")}">{escape(label)}</a>'
        for label, url in links if url) + "</p>")
    return "".join(parts)


def _generator(feed: _Feed, *, lang: str, site_url: str, timezone: str,
               site_title: str, updated: datetime, bodies: dict[int, str]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(_feed_id(site_url, feed.name, lang))
    fg.title(feed.title)
    fg.subtitle(ns(lang, "feed_description"))  # also the RSS <description>
    fg.author({"name": site_title or site_host(site_url)})
    fg.language(lang)
    # feedgen stamps its own version and the current time by default; both
    # would make two builds differ.
    fg.generator("policynotice")
    fg.updated(updated)  # atom:updated and rss:lastBuildDate
    for v in feed.entries:
        moment = notice_moment(v.entry.notice_date, timezone)
        fe = fg.add_entry(order="append")  # keep newest-first order
        fe.id(version_tag(v, site_url))  # also the RSS guid (isPermaLink="false")
        fe.title(entry_title(v, lang))
        fe.link(href=absolute_url(site_url, v.urls.page), rel="alternate")
        if v.urls.changes:
            fe.link(href=absolute_url(site_url, v.urls.changes), rel="related",
                    title=ns(lang, "link_changes"))
        fe.link(href=absolute_url(site_url, v.urls.history), rel="related",
                title=ns(lang, "link_history"))
        fe.published(moment)
        fe.updated(moment)  # a version never changes once published
        fe.summary(v.entry.summary.get(lang) or entry_title(v, lang))
        fe.content(bodies[id(v)], type="html")
        kind = v.change_class.value if v.change_class else "first"
        fe.category(term=kind, label=class_label(v.change_class.value if v.change_class else None,
                                                 lang))
        fe.category(term=v.policy, label=v.policy_title)
    return fg


_ATOM_NS = "{http://www.w3.org/2005/Atom}"


def _restore_entry_link_rels(xml: bytes, feed: _Feed, lang: str, site_url: str) -> bytes:
    """feedgen 1.0 drops rel and title from entry links (a shadowed variable
    in FeedEntry.atom_entry), which would make every link an "alternate" and
    let readers open the history page instead of the version. Put them back."""
    related: dict[str, str] = {}
    for v in feed.entries:
        if v.urls.changes:
            related[absolute_url(site_url, v.urls.changes) or ""] = ns(lang, "link_changes")
        related[absolute_url(site_url, v.urls.history) or ""] = ns(lang, "link_history")
    root = etree.fromstring(xml)
    for link in root.iter(f"{_ATOM_NS}link"):
        if link.getparent().tag != f"{_ATOM_NS}entry":
            continue
        href = link.get("href")
        if href in related:
            link.set("rel", "related")
            link.set("title", related[href])
        else:
            link.set("rel", "alternate")
            link.set("type", "text/html")
    return etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)


def _json_feed(feed: _Feed, *, lang: str, site_url: str, prefix: str, timezone: str,
               site_title: str, bodies: dict[int, str]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for v in feed.entries:
        moment = notice_moment(v.entry.notice_date, timezone).isoformat()
        kind = v.change_class.value if v.change_class else "first"
        items.append({
            "id": version_tag(v, site_url),
            "url": absolute_url(site_url, v.urls.page),
            "title": entry_title(v, lang),
            "summary": v.entry.summary.get(lang, ""),
            "content_html": bodies[id(v)],
            "date_published": moment,
            "date_modified": moment,
            "tags": [class_label(v.change_class.value if v.change_class else None, lang),
                     v.policy_title],
            # Extension keys start with "_" (JSON Feed 1.1, "Extensions").
            "_policynotice": {
                "policy": v.policy,
                "version": v.version.id,
                "class": kind,
                "notice_date": v.entry.notice_date.isoformat(),
                "effective_date": v.entry.effective_date.isoformat(),
                "changes_url": absolute_url(site_url, v.urls.changes),
                "history_url": absolute_url(site_url, v.urls.history),
            },
        })
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": ns(lang, "feed_description"),
        "home_page_url": feed.home,
        "feed_url": absolute_url(site_url, f"{prefix}feeds/{feed.name}.json"),
        "language": lang,
        "authors": [{"name": site_title or site_host(site_url)}],
        "items": items,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
