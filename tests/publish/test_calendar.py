from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar

from policynotice.publish.api import notice_moment
from policynotice.publish.calendar import render_calendar

from .conftest import LANGS, SITE_URL, TZ, prefix, site_versions, with_summary


def render(versions, lang="ko"):
    return render_calendar(versions, lang=lang, site_url=SITE_URL, timezone=TZ)


def events(out, lang="ko"):
    cal = Calendar.from_ical(out[f"{prefix(lang)}feeds/calendar.ics"])
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize("lang", LANGS)
def test_one_all_day_event_per_version(all_versions, lang):
    out = render(all_versions, lang)
    assert list(out) == [f"{prefix(lang)}feeds/calendar.ics"]
    evs = events(out, lang)
    mine = site_versions(lang)
    assert len(evs) == len(mine)
    by_uid = {str(e["uid"]): e for e in evs}
    for v in mine:
        e = by_uid[f"{v.policy}/{v.version.id}/{lang}@policies.example.com"]
        start = e.decoded("dtstart")
        assert type(start) is date and start == v.entry.effective_date  # all day, not a datetime
        assert e.decoded("dtend") == date.fromordinal(v.entry.effective_date.toordinal() + 1)
        assert e.decoded("dtstamp") == notice_moment(v.entry.notice_date, TZ)
        assert str(e["url"]) == SITE_URL + (v.urls.changes or v.urls.page)
        assert v.entry.summary[lang] in str(e["description"])
    raw = out[f"{prefix(lang)}feeds/calendar.ics"]
    assert raw.count(b"DTSTART;VALUE=DATE:") == len(mine)


def test_dtstamp_is_the_notice_date_at_midnight_in_the_time_zone(all_versions):
    evs = events(render(all_versions))
    e = next(e for e in evs if str(e["uid"]).startswith("privacy/2025-03-08/"))
    # 2025-02-06 00:00 in Seoul is 2025-02-05 15:00 UTC.
    assert e.decoded("dtstamp") == datetime(2025, 2, 5, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("lang, summary", [
    ("ko", "개인정보 처리방침 개정 시행"),
    ("en", "Privacy Policy: changes take effect"),
    ("zh", "隐私政策修订生效"),
    ("zh-Hant", "隱私權政策修訂生效"),
    ("es", "Política de privacidad: entran en vigor los cambios"),
])
def test_summary_is_localised(all_versions, lang, summary):
    evs = events(render(all_versions, lang), lang)
    e = next(e for e in evs if str(e["uid"]).startswith("privacy/2025-03-08/"))
    assert str(e["summary"]) == summary


def test_text_is_escaped_and_round_trips(all_versions):
    tricky = "Retention, purposes; and \\ backslash\nBEGIN:VEVENT"
    versions = [with_summary(v, tricky) for v in all_versions]
    raw = render(versions)["feeds/calendar.ics"]
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == 5  # the summary did not add an event
    evs = events({"feeds/calendar.ics": raw})
    assert all(tricky in str(e["description"]) for e in evs)


def test_two_renders_are_byte_identical(all_versions):
    assert render(all_versions) == render(list(reversed(all_versions)))
