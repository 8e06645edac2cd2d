from __future__ import annotations

from datetime import date

import pytest

from policynotice.models import ChangeClass, ReleaseEntry
from policynotice.notice.dates import assess_dates, earliest_effective, required_days
from policynotice.notice.profiles import resolve_profile

M, O = ChangeClass.MATERIAL, ChangeClass.ORDINARY


def entry(notice: str, effective: str, version: str = "v2") -> ReleaseEntry:
    return ReleaseEntry(version, date.fromisoformat(notice), date.fromisoformat(effective))


def codes(findings):
    return [(f.severity, f.code) for f in findings]


def test_seed_001_practice_on_time_strict_one_day_short():
    """Seed 001: noticed 2023-02-21, effective 2023-02-28, 7 days."""
    assert earliest_effective(date(2023, 2, 21), 7, "practice") == date(2023, 2, 28)
    assert earliest_effective(date(2023, 2, 21), 7, "strict") == date(2023, 3, 1)
    practice = resolve_profile("kr_privacy")
    strict = resolve_profile("kr_privacy", reading="strict")
    e = entry("2023-02-21", "2023-02-28")
    assert codes(assess_dates(e, O, practice)) == [("warning", "no-spare-day")]
    (f,) = assess_dates(e, O, strict)
    assert (f.severity, f.code) == ("error", "notice-too-short")
    assert "2023-03-01" in f.message and "1 short" in f.message


def test_one_day_to_spare_is_clean():
    assert assess_dates(entry("2023-02-21", "2023-03-01"), O, resolve_profile("kr_privacy")) == ()


def test_material_with_seven_days_names_days_class_and_earliest_date():
    (f,) = assess_dates(entry("2025-03-01", "2025-03-08", "2025-03-08"), M, resolve_profile("kr_privacy"))
    assert f.code == "notice-too-short" and f.is_error
    assert "30 days" in f.message and "material" in f.message and "2025-03-31" in f.message
    assert "2025-03-08" in f.message and "\n" not in f.message


def test_calendar_days_never_skip_weekends_or_holidays():
    # 2025-01-28..30 is Seollal; it counts like any other day.
    assert earliest_effective(date(2025, 1, 24), 7) == date(2025, 1, 31)
    assert earliest_effective(date(2024, 12, 31), 30) == date(2025, 1, 30)  # across a year end
    assert earliest_effective(date(2024, 1, 30), 30) == date(2024, 2, 29)  # leap day


def test_effective_before_notice():
    fs = assess_dates(entry("2025-03-10", "2025-03-01"), O, resolve_profile("kr_privacy"))
    assert codes(fs) == [("error", "effective-before-notice")]


def test_retroactive_only_when_today_is_given():
    e = entry("2025-01-01", "2025-02-01")
    profile = resolve_profile("kr_privacy")
    assert assess_dates(e, O, profile) == ()
    fs = assess_dates(e, O, profile, today=date(2025, 2, 10))
    assert ("error", "retroactive") in codes(fs)


def test_notice_date_in_the_past_for_a_new_entry_is_an_error():
    fs = assess_dates(entry("2025-03-01", "2025-04-15"), M, resolve_profile("kr_privacy"),
                      today=date(2025, 3, 20))
    assert codes(fs) == [("error", "notice-in-past")]
    assert "2025-04-19" in fs[0].message
    assert "backdated: true" in fs[0].message


def test_a_backdated_entry_may_have_a_notice_date_in_the_past():
    from dataclasses import replace

    e = replace(entry("2025-03-01", "2025-04-15"), backdated=True)
    assert assess_dates(e, M, resolve_profile("kr_privacy"), today=date(2025, 3, 20)) == ()


@pytest.mark.parametrize("profile_id, cls, days", [
    ("kr_privacy", O, 7), ("kr_privacy", M, 30), ("kr_terms", O, 7), ("kr_terms", M, 30),
    ("eu_p2b", O, 15), ("eu_p2b", M, 15),
])
def test_required_days(profile_id, cls, days):
    assert required_days(resolve_profile(profile_id), cls) == days


def test_profile_shortcuts_used_by_the_pipeline():
    p = resolve_profile("kr_privacy")
    assert p.days(M) == 30
    assert p.earliest_effective(date(2025, 3, 1), M) == date(2025, 3, 31)


def test_imported_entries_are_warned_not_failed():
    # Imported versions carry commit dates as placeholders (policynotice import).
    from dataclasses import replace

    e = replace(entry("2025-03-08", "2025-03-08"), imported=True)
    fs = assess_dates(e, M, resolve_profile("kr_privacy"), today=date(2026, 1, 1))
    assert [(f.severity, f.code) for f in fs] == [("warning", "notice-too-short"),
                                                  ("warning", "retroactive")]
    assert all("fill in the real notice date" in f.message for f in fs)
