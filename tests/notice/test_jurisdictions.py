"""Notice profiles for other jurisdictions: periods in calendar months, the
strict Korean reading and its warning only for Korean profiles, the
built-in EU, US and Korean e-finance profiles."""

from __future__ import annotations

from datetime import date

import pytest

from policynotice.errors import ConfigError
from policynotice.models import ChangeClass, ReleaseEntry
from policynotice.notice.dates import assess_dates
from policynotice.notice.profiles import Period, add_months, profile_from_config, resolve_profile

M, O = ChangeClass.MATERIAL, ChangeClass.ORDINARY


def entry(notice: str, effective: str, version: str = "v2") -> ReleaseEntry:
    return ReleaseEntry(version, date.fromisoformat(notice), date.fromisoformat(effective))


def codes(findings):
    return [(f.severity, f.code) for f in findings]


@pytest.mark.parametrize("day, months, want", [
    ("2026-07-31", 1, "2026-08-31"),
    ("2026-08-31", 1, "2026-09-30"),   # September is shorter: its last day
    ("2026-01-31", 1, "2026-02-28"),
    ("2028-01-31", 1, "2028-02-29"),   # leap year
    ("2026-12-15", 1, "2027-01-15"),   # across a year end
    ("2026-11-30", 3, "2027-02-28"),
    ("2026-03-10", 0, "2026-03-10"),
    ("2026-05-31", 12, "2027-05-31"),
])
def test_add_months(day, months, want):
    assert add_months(date.fromisoformat(day), months) == date.fromisoformat(want)


def test_a_month_profile_counts_calendar_months():
    p = resolve_profile("kr_efinance")
    assert p.period(M) == p.period(O) == Period(1, "months") and str(p.period(M)) == "1 month"
    assert p.earliest_effective(date(2026, 7, 31), O) == date(2026, 8, 31)
    assert p.days(O, date(2026, 7, 31)) == 31 and p.days(O, date(2026, 2, 1)) == 28
    assert assess_dates(entry("2026-07-31", "2026-09-01"), O, p) == ()
    (f,) = assess_dates(entry("2026-07-31", "2026-08-30"), O, p)
    assert (f.code, f.params["earliest"], f.params["period"]) == ("notice-too-short", "2026-08-31",
                                                                  "1 month")
    assert "an ordinary change needs 1 month's notice (practice reading)" in f.message
    # Korean: on the last possible day it warns about the strict reading.
    (w,) = assess_dates(entry("2026-07-31", "2026-08-31"), O, p)
    assert w.code == "no-spare-day" and "(effective 2026-09-01 or later" in w.message
    strict = resolve_profile("kr_efinance", reading="strict")
    assert strict.earliest_effective(date(2026, 7, 31), M) == date(2026, 9, 1)


def test_custom_month_profile():
    p = profile_from_config({"days_ordinary": 7, "months_material": 2}, profile_id="mine")
    assert p.period(O) == Period(7) and p.period(M) == Period(2, "months")
    assert p.earliest_effective(date(2026, 12, 31), M) == date(2027, 2, 28)
    assert p.earliest_effective(date(2026, 12, 31), O) == date(2027, 1, 7)


@pytest.mark.parametrize("data, words", [
    ({"days_ordinary": 7, "months_ordinary": 1, "days_material": 30},
     "give either 'days_ordinary' or 'months_ordinary', not both"),
    ({"months_ordinary": 2, "days_material": 30}, "the material period (30 days) is shorter than "
                                                  "the ordinary one (2 months)"),
    ({"months_ordinary": 1.5, "months_material": 2}, "months_ordinary must be a whole number of months"),
    ({"days_ordinary": 0, "days_material": 30, "jurisdiction": 3}, "jurisdiction must be"),
    ({"days_ordinary": 0}, "'days_material' is missing (a number of calendar days; or "
                           "'months_material' for calendar months)"),
])
def test_bad_month_profiles(data, words):
    with pytest.raises(ConfigError) as exc:
        profile_from_config(data, profile_id="mine")
    assert words in str(exc.value) and "\n" not in str(exc.value)


def test_a_us_profile_without_ordinary_notice_gives_no_korean_warning():
    custom = {"us_saas": {"days_ordinary": 0, "days_material": 30}}
    p = resolve_profile("us_saas", custom, reading="practice")
    assert not p.korean
    # Same-day ordinary changes are lawful and nothing warns about them.
    assert assess_dates(entry("2026-07-01", "2026-07-01"), O, p) == ()
    assert assess_dates(entry("2026-07-01", "2026-07-31"), M, p) == ()
    # The site's strict reading is the Korean Civil Act's: not applied here.
    assert resolve_profile("us_saas", custom, reading="strict").reading == "practice"


def test_builtin_us_and_eu_profiles():
    us = resolve_profile("us_practice", reading="strict", timezone="America/New_York")
    assert (us.period(O), us.period(M), us.reading, us.timezone) == (
        Period(0), Period(30), "practice", "America/New_York")
    assert assess_dates(entry("2026-07-01", "2026-07-01"), O, us) == ()
    (f,) = assess_dates(entry("2026-07-01", "2026-07-20"), M, us)
    assert f.code == "notice-too-short" and "the earliest lawful effective date is 2026-07-31" \
        in f.message
    eu = resolve_profile("eu_p2b", reading="strict")
    assert eu.reading == "practice"
    assert assess_dates(entry("2026-07-01", "2026-07-16"), O, eu) == ()  # exactly 15: no warning
    assert codes(assess_dates(entry("2026-07-01", "2026-07-15"), O, eu)) == [
        ("error", "notice-too-short")]


def test_korean_profiles_keep_the_strict_warning():
    for pid in ("kr_privacy", "kr_terms"):
        p = resolve_profile(pid)
        assert p.korean
        assert codes(assess_dates(entry("2026-07-01", "2026-07-08"), O, p)) == [
            ("warning", "no-spare-day")]
    custom = resolve_profile("kr_finance", {"kr_finance": {"days_ordinary": 30,
                                                           "days_material": 30}})
    assert custom.korean
    assert codes(assess_dates(entry("2026-07-01", "2026-07-31"), O, custom)) == [
        ("warning", "no-spare-day")]


def test_every_builtin_is_labelled_in_five_languages():
    from policynotice.notice.profiles import BUILTIN_PROFILES

    for profile in BUILTIN_PROFILES.values():
        assert {"ko", "en", "zh", "zh-Hant", "es"} <= set(profile.label)
