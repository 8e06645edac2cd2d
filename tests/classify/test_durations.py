from __future__ import annotations

import math

import pytest

from policynotice.classify.durations import compare_periods, parse_periods


@pytest.mark.parametrize("text, lang, days", [
    ("3 years", "en", 3 * 365),
    ("3년", "ko", 3 * 365),
    ("3年", "zh", 3 * 365),
    ("三年", "zh", 3 * 365),
    ("3 años", "es", 3 * 365),
    ("13 months", "en", 395.4),
    ("6개월", "ko", 182.5),
    ("6个月", "zh", 182.5),
    ("六個月", "zh-Hant", 182.5),
    ("30 días", "es", 30),
    ("30일", "ko", 30),
    ("30天", "zh", 30),
    ("two (2) years", "en", 730),
    ("a year", "en", 365),
    ("un año", "es", 365),
    ("seis meses", "es", 182.5),
    ("1주일", "ko", 7),
])
def test_fixed_periods(text, lang, days):
    (p,) = parse_periods(text, lang)
    assert p.days == days and p.anchor == "fixed"


@pytest.mark.parametrize("text, lang", [
    ("until withdrawal", "en"), ("Until the member withdraws", "en"), ("회원 탈퇴 시까지", "ko"),
    ("直至注销账号", "zh"), ("hasta que elimine su cuenta", "es"),
])
def test_until_an_event(text, lang):
    (p,) = parse_periods(text, lang)
    assert p.anchor == "event" and p.days == 0


def test_permanent():
    (p,) = parse_periods("kept permanently", "en")
    assert math.isinf(p.days)


@pytest.mark.parametrize("text, lang", [
    ("2021년 11월 9일", "ko"), ("2024年3月1日", "zh"), ("1 de marzo de 2025", "es"),
    ("children under the age of 14 years", "en"), ("users 14 years old", "en"),
])
def test_dates_and_ages_are_not_periods(text, lang):
    assert parse_periods(text, lang) == ()


def test_several_periods_in_order():
    ps = parse_periods("5 years(Records on contracts), 3 years(complaints), 6 months(ads)", "en")
    assert [p.days for p in ps] == [1825, 1095, 182.5]


@pytest.mark.parametrize("old, new, verdict", [
    ("3 months", "1 year", "longer"),
    ("1 year", "6 months", "shorter"),
    ("3 years", "36 months", "same"),
    ("36 months", "3 years", "same"),
    ("1 year", "365 days", "same"),
    ("until withdrawal", "1 year", "unclear"),
    ("1 year", "permanently", "longer"),
    ("5 years, 3 years", "5 years, 1 year", "shorter"),
    ("5 years, 3 years", "5 years, 3 years, 1 year", "longer"),
])
def test_compare(old, new, verdict):
    assert compare_periods(parse_periods(old), parse_periods(new)) == verdict
