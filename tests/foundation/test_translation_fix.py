"""A translation-only fix (issue 18): one language's text corrected, the
governing text and the other languages untouched. With `translation_fix:
[en]` the version is judged on English alone (no "changed in en but not in
ko"); anything else that changed is refused."""

from __future__ import annotations

import json

import pytest

from policynotice.cli import main

from ..conftest import entry, release_log

TODAY = "2026-11-25"
E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
KO = "# 개인정보 처리방침\n\n## 1. 수집 항목\n\n- 이메일\n\n## 2. 문의\n\nprivacy@example.test 로 연락하세요.\n"
EN = "# Privacy\n\n## 1. Items collected\n\n- email\n\n## 2. Contact\n\nWrite to privacy@example.test.\n"
EN_TYPO = EN.replace("Write to privacy@example.test.", "Send a letter to our head office.")


@pytest.fixture
def fix_pr(git_repo, monkeypatch):
    git_repo.commit({"docs/ko/privacy.md": KO, "docs/en/privacy.md": EN_TYPO,
                     "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(git_repo.root)

    def open_pr(files: dict, **extra):
        git_repo.commit({"docs/en/privacy.md": EN, **files, "versions/privacy.yml": release_log(
            E1, entry("2026-12-03", "2026-11-26", "2026-12-03", **extra))}, "PR")
    return open_pr


def check(capsys) -> tuple[int, dict]:
    code = main(["check", "--base", "main", "--today", TODAY, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_without_the_marker_it_is_a_lagging_translation(fix_pr, capsys):
    fix_pr({})
    code, data = check(capsys)
    assert code == 1
    assert any(f["code"] == "lagging-translation" for f in data["findings"])


def test_a_translation_fix_is_judged_on_that_language_alone(fix_pr, capsys):
    fix_pr({}, translation_fix="[en]")
    code, data = check(capsys)
    assert code == 0, data["findings"]
    [v] = data["versions"]
    assert v["class"] == "ordinary"
    assert v["reasons"]["ko"] == []  # the governing text did not change
    assert v["reasons"]["en"]  # the English correction is what was judged
    assert not any(f["code"] == "lagging-translation" for f in data["findings"])


def test_text_report_shows_the_reasons_of_the_fixed_language(fix_pr, capsys):
    fix_pr({}, translation_fix="[en]")
    assert main(["check", "--base", "main", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "privacy 2026-12-03: ordinary" in out
    assert "  - " in out  # a reason line, from the English text


def test_another_language_changing_too_is_refused(fix_pr, capsys):
    fix_pr({"docs/ko/privacy.md": KO.replace("이메일", "이메일 주소")}, translation_fix="[en]")
    code, data = check(capsys)
    assert code == 1
    [f] = [f for f in data["findings"] if f["code"] == "translation-fix-other"]
    assert "is a translation fix of en, but ko changed too" in f["message"]
    assert f["path"] == "versions/privacy.yml" and f["line"]


def test_the_governing_language_is_not_a_translation(fix_pr, capsys):
    fix_pr({}, translation_fix="[ko, en]")
    code, data = check(capsys)
    assert code == 1
    assert any(f["code"] == "translation-fix-governing" for f in data["findings"])


def test_an_unknown_language_is_refused_in_one_line(fix_pr, capsys):
    fix_pr({}, translation_fix="[fr]")
    code = main(["check", "--base", "main", "--today", TODAY])
    err = capsys.readouterr().err
    assert code == 1
    assert "'translation_fix' must list the corrected languages, of ko, en (got ['fr'])" in err
