from __future__ import annotations

import pytest

from policynotice.errors import ConfigError
from policynotice.notice.profiles import BUILTIN_PROFILES, profile_from_config, resolve_profile


def test_builtins():
    assert set(BUILTIN_PROFILES) == {"kr_privacy", "kr_terms", "kr_efinance", "eu_p2b",
                                     "us_practice"}
    p = resolve_profile("kr_privacy")
    assert (p.days_ordinary, p.days_material, p.reading, p.timezone) == (7, 30, "practice", "Asia/Seoul")
    for profile in BUILTIN_PROFILES.values():
        assert {"ko", "en", "zh", "zh-Hant", "es"} <= set(profile.label)


def test_site_reading_and_timezone_apply_to_builtins():
    p = resolve_profile("kr_terms", reading="strict", timezone="Asia/Tokyo")
    assert (p.reading, p.timezone, p.days_ordinary) == ("strict", "Asia/Tokyo", 7)
    # The strict reading is the Korean Civil Act's: not for an EU profile.
    p = resolve_profile("eu_p2b", reading="strict", timezone="Europe/Berlin")
    assert (p.reading, p.timezone, p.days_ordinary) == ("practice", "Europe/Berlin", 15)


def test_custom_profile():
    custom = {"kr_finance": {"days_ordinary": 30, "days_material": 30, "reading": "strict",
                             "label": {"ko": "전자금융거래 약관", "en": "Electronic finance terms"}}}
    p = resolve_profile("kr_finance", custom, reading="practice", timezone="Asia/Seoul")
    assert (p.id, p.days_material, p.reading) == ("kr_finance", 30, "strict")
    assert p.label_in("ko") == "전자금융거래 약관" and p.label_in("es") == "Electronic finance terms"


def test_custom_profile_takes_site_reading_when_it_sets_none():
    p = resolve_profile("kr_x", {"kr_x": {"days_ordinary": 10, "days_material": 20}}, reading="strict")
    assert p.reading == "strict"
    p = resolve_profile("x", {"x": {"days_ordinary": 10, "days_material": 20, "jurisdiction": "kr"}},
                        reading="strict")
    assert p.reading == "strict"
    p = resolve_profile("x", {"x": {"days_ordinary": 10, "days_material": 20}}, reading="strict")
    assert p.reading == "practice"  # not a Korean profile


@pytest.mark.parametrize("data, words", [
    ({"days_material": 30}, "'days_ordinary' is missing"),
    ({"days_ordinary": "7", "days_material": 30}, "days_ordinary must be a whole number"),
    ({"days_ordinary": -1, "days_material": 30}, "days_ordinary must be a whole number"),
    ({"days_ordinary": True, "days_material": 30}, "days_ordinary must be a whole number"),
    ({"days_ordinary": 30, "days_material": 7}, "the material period (7 days) is shorter"),
    ({"days_ordinary": 7, "days_material": 30, "reading": "lenient"}, "reading must be 'practice' or 'strict'"),
    ({"days_ordinary": 7, "days_material": 30, "timezone": "Mars/Olympus"}, "unknown timezone"),
    ({"days_ordinary": 7, "days_material": 30, "days": 3}, "unknown key 'days'"),
    ({"days_ordinary": 7, "days_material": 30, "label": 3}, "label must be"),
])
def test_bad_custom_profiles_name_the_problem(data, words):
    with pytest.raises(ConfigError) as exc:
        profile_from_config(data, profile_id="mine")
    message = str(exc.value)
    assert words in message and "'mine'" in message and "\n" not in message


def test_unknown_profile():
    with pytest.raises(ConfigError, match="unknown notice profile 'kr_privcy'.*kr_privacy"):
        resolve_profile("kr_privcy")
