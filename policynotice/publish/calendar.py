"""An iCalendar file per language (icalendar, used only here): one all-day
event on each version's effective date, so a subscriber's calendar shows
when a change takes effect.

Like the feeds, nothing comes from the clock: DTSTAMP is the notice date and
UIDs are made of ids, so re-importing the file never duplicates an event.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..models import SiteVersion
from .api import absolute_url, language_prefix, notice_moment, site_host
from .notice_strings import class_label, labelled, long_date, ns, with_site


def event_uid(v: SiteVersion, site_url: str) -> str:
    return f"{v.policy}/{v.version.id}/{v.lang}@{site_host(site_url)}"


def render_calendar(versions: Sequence[SiteVersion], *, lang: str, site_url: str,
                    timezone: str, site_title: str = "") -> dict[str, bytes]:
    """{"<prefix>feeds/calendar.ics": bytes}."""
    mine = sorted((v for v in versions if v.lang == lang),
                  key=lambda v: (v.entry.effective_date, v.policy, v.version.id))
    cal = Calendar()
    cal.add("prodid", "-//policynotice//policy changes//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", with_site(lang, site_title, ns(lang, "calendar_name")))
    cal.add("x-wr-timezone", timezone)
    for v in mine:
        cal.add_component(_event(v, lang, site_url, timezone))
    prefix = language_prefix(versions, lang)
    return {f"{prefix}feeds/calendar.ics": cal.to_ical()}


def _event(v: SiteVersion, lang: str, site_url: str, timezone: str) -> Event:
    e = v.entry
    key = "event_summary" if v.previous is not None else "event_summary_first"
    link = absolute_url(site_url, v.urls.changes or v.urls.page) or ""
    lines = [
        labelled(lang, "notice_date", long_date(e.notice_date, lang)),
        labelled(lang, "effective_date", long_date(e.effective_date, lang)),
        labelled(lang, "class", class_label(v.change_class.value if v.change_class else None, lang)),
    ]
    lines += [labelled(lang, key, e_map[lang]) for key, e_map in (("summary", e.summary),
                                                                  ("reason", e.reason))
              if e_map.get(lang)]
    lines.append(link)
    event = Event()
    event.add("uid", event_uid(v, site_url))
    # DTSTAMP must be UTC; the notice moment keeps it stable between builds.
    event.add("dtstamp", notice_moment(e.notice_date, timezone).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", e.effective_date)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", e.effective_date + timedelta(days=1))  # exclusive end
    event.add("summary", ns(lang, key, title=v.policy_title))
    event.add("description", "\n".join(lines))  # icalendar escapes , ; \ and newlines
    event.add("url", link)
    event.add("transp", "TRANSPARENT")  # informational: never blocks the day as busy
    event.add("categories", [v.policy, v.change_class.value if v.change_class else "first"])
    return event
