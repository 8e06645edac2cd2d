"""Postponing a noticed version before its effective date (issue 18): the
effective date moves later with `postponed_from:` naming the date first
announced; the gate accepts it only before that date, and the feeds say so."""

from __future__ import annotations

import json

import pytest

from policynotice.cli import main

from ..conftest import entry, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2026-12-20", "2026-11-10", "2026-12-20")


@pytest.fixture
def main_with_v2(git_repo, monkeypatch):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    git_repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(git_repo.root)

    def pr(new_e2: str):
        git_repo.commit({"versions/privacy.yml": release_log(E1, new_e2)}, "postpone")
    return pr


def check(capsys, today: str) -> tuple[int, list[dict]]:
    code = main(["check", "--base", "main", "--today", today, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


POSTPONED = E2.replace("effective_date: 2026-12-20", "effective_date: 2027-01-15") \
    + "    postponed_from: 2026-12-20\n"


def test_postponing_before_the_effective_date_passes(main_with_v2, capsys):
    main_with_v2(POSTPONED)
    code, findings = check(capsys, "2026-11-25")
    assert code == 0, findings


def test_moving_the_date_without_postponed_from_is_refused_with_the_fix(main_with_v2, capsys):
    main_with_v2(E2.replace("effective_date: 2026-12-20", "effective_date: 2027-01-15"))
    code, findings = check(capsys, "2026-11-25")
    assert code == 1
    assert any(f["code"] == "altered-dates" and "postponed_from: 2026-12-20" in f["message"]
               for f in findings)


def test_a_version_in_force_cannot_be_postponed(main_with_v2, capsys):
    main_with_v2(POSTPONED)
    code, findings = check(capsys, "2026-12-20")
    assert code == 1
    assert any(f["code"] == "late-postponement" for f in findings)


def test_postponed_from_must_be_earlier(main_with_v2, capsys):
    main_with_v2(E2 + "    postponed_from: 2027-02-01\n")
    assert main(["check", "--base", "main", "--today", "2026-11-25"]) == 1
    assert "'postponed_from' 2027-02-01 must be before the new effective_date" in \
        capsys.readouterr().err


def test_the_feed_entry_says_it_was_postponed():
    from dataclasses import replace
    from datetime import date

    from policynotice.publish.feeds import entry_html

    from ..publish.conftest import SITE_URL, site_versions

    v = site_versions("en")[-1]
    entry_ = replace(v.entry, postponed_from=date(2026, 12, 20))
    v = replace(v, version=replace(v.version, entry=entry_))
    html = entry_html(v, "en", SITE_URL)
    assert "Originally announced effective date" in html and "December 20, 2026" in html
