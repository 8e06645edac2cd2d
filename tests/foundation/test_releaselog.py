"""The release log parser: each mistake gets one exact, actionable line."""

from __future__ import annotations

from datetime import date

import pytest

from policynotice.errors import ReleaseLogError
from policynotice.models import ChangeClass
from policynotice.sources.releaselog import parse_release_log

from ..conftest import LANGS, entry, release_log

PATH = "versions/privacy.yml"


def parse(text: str):
    return parse_release_log(text, path=PATH, policy="privacy", languages=LANGS)


def error(text: str) -> str:
    with pytest.raises(ReleaseLogError) as err:
        parse(text)
    return err.value.one_line()


def test_valid_log_with_override_and_unquoted_version():
    log = parse(release_log(
        entry("2024-03-01", "2024-02-20", "2024-03-01"),
        entry("v2", "2024-08-23", "2024-09-02", **{"class": "material"}),
    ).replace('"2024-03-01"', "2024-03-01", 1))
    assert [e.version for e in log.entries] == ["2024-03-01", "v2"]
    assert log.entries[0].notice_date == date(2024, 2, 20)
    assert log.entries[1].class_override is ChangeClass.MATERIAL
    assert log.entries[0].summary["ko"] == "Summary of 2024-03-01 (ko)"
    assert log.entries[1].line == 12


@pytest.mark.parametrize("text, expected", [
    ("", "versions/privacy.yml: the release log is empty; expected 'policy:' and a 'versions:' "
         "list (e.g. - version: \"2025-03-08\" / notice_date: 2025-02-05 / effective_date: 2025-03-08)"),
    ("policy: privacy\nversions: [\n", "versions/privacy.yml:3: invalid YAML: expected the node "
     "content, but found '<stream end>' (check indentation and quote text that contains ': ')"),
    ("- a\n- b\n", "versions/privacy.yml:1: expected a mapping with 'policy:' and 'versions:' at "
                   "the top level"),
    ("policy: terms\nversions: []\n", "versions/privacy.yml:1: 'policy: terms' does not match the "
                                      "file name; expected 'policy: privacy'"),
    ("policy: privacy\nversion: []\n", "versions/privacy.yml:1: unknown key 'version' at the top "
                                       "level; expected one of: policy, versions"),
])
def test_structural_errors(text, expected):
    assert error(text) == expected


def test_missing_date():
    text = release_log(entry("v1", "2024-02-20", "2024-03-01")).replace(
        "    effective_date: 2024-03-01\n", "")
    assert error(text) == ("versions/privacy.yml:3: version v1: missing 'effective_date' "
                           "(add 'effective_date: YYYY-MM-DD')")


def test_unparseable_date():
    text = release_log(entry("v1", "2024-02-30", "2024-03-01"))
    assert error(text) == ("versions/privacy.yml:3: version v1: 'notice_date' must be a date "
                           "written YYYY-MM-DD (got '2024-02-30')")


def test_effective_before_notice():
    assert error(release_log(entry("v1", "2024-03-02", "2024-03-01"))) == (
        "versions/privacy.yml:3: version v1: effective_date 2024-03-01 is before notice_date "
        "2024-03-02 (a change can only take effect after it is announced)")


def test_versions_out_of_order():
    text = release_log(entry("v2", "2024-08-01", "2024-09-02"), entry("v1", "2024-02-01", "2024-03-01"))
    assert error(text) == (
        "versions/privacy.yml:12: version v1: effective_date 2024-03-01 must be after the previous "
        "version's (v2: 2024-09-02) (list versions oldest first, newest at the end)")


def test_duplicate_version():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01"), entry("v1", "2024-08-01", "2024-09-02"))
    assert error(text) == ("versions/privacy.yml:12: duplicate version id 'v1' (first used on line "
                           "3) (give every version its own id)")


def test_version_id_with_a_slash():
    assert error(release_log(entry("../etc", "2024-02-01", "2024-03-01"))) == (
        "versions/privacy.yml:3: 'version' must be a short id of letters, digits, '.', '_' or '-' "
        "(got '../etc') (e.g. version: \"2025-03-08\")")


def test_summary_missing_a_language():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01", langs=("ko",)))
    assert error(text) == ("versions/privacy.yml:3: version v1: 'summary' has no text for en "
                           "(every language needs its own notice text)")


def test_unknown_language():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01", langs=("ko", "en", "fr")))
    assert error(text) == ("versions/privacy.yml:3: version v1: unknown language 'fr' in "
                           "'summary'; expected one of: ko, en")


def test_unknown_entry_key():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01", effective_on="2024-03-01"))
    assert error(text).startswith("versions/privacy.yml:3: unknown key 'effective_on' in a version entry")


def test_bad_class():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01", **{"class": "minor"}))
    assert error(text) == ("versions/privacy.yml:3: version v1: 'class' must be 'material' or "
                           "'ordinary' (got 'minor')")


def test_summary_newline_stays_data():
    text = release_log(entry("v1", "2024-02-01", "2024-03-01")).replace(
        "Summary of v1 (en)", '"line one\\nBcc: evil@example.test"')
    log = parse(text)
    assert log.entries[0].summary["en"] == "line one\nBcc: evil@example.test"
