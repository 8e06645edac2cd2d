"""The pull-request gate on fixture repositories: a branch adds a version and
`check --base main` judges it."""

from __future__ import annotations

import json

import pytest

from policynotice.cli import main

from ..conftest import entry, policy_text, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
TODAY = "2026-11-25"


def texts(items: str, contact: str = "privacy@example.test", langs=("ko", "en")) -> dict[str, str]:
    return {f"docs/{lang}/privacy.md": policy_text(
        f"Privacy ({lang})",
        ("1. Items collected", items),
        ("2. Privacy officer", f"Write to {contact}."),
    ) for lang in langs}


@pytest.fixture
def pr(git_repo, monkeypatch):
    """main has one version; the returned function opens a pull request."""
    git_repo.commit({**texts("- email address\n- name"), "versions/privacy.yml": release_log(E1)},
                    "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(git_repo.root)

    def open_pr(files: dict, new_entry: str):
        git_repo.commit({**files, "versions/privacy.yml": release_log(E1, new_entry)}, "PR")
    return open_pr


def check(capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", "--base", "main", "--today", TODAY, *extra])
    return code, capsys.readouterr().out


def test_material_change_with_seven_days_fails_naming_change_and_date(pr, capsys):
    pr(texts("- email address\n- name\n- mobile phone number"),
       entry("2026-12-03", "2026-11-26", "2026-12-03"))
    code, out = check(capsys)
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1
    line = errors[0]
    assert "material change needs 30 days' notice" in line
    assert "earliest lawful effective date is 2026-12-26" in line
    assert "mobile phone number" in line  # names the change
    assert "privacy 2026-12-03: material" in out


def test_material_change_with_thirty_days_passes(pr, capsys):
    pr(texts("- email address\n- name\n- mobile phone number"),
       entry("2026-12-26", "2026-11-26", "2026-12-26"))
    code, out = check(capsys)
    assert code == 0, out
    assert "needs 30 days' notice; earliest lawful effective date 2026-12-26" in out


def test_ordinary_contact_change_with_seven_days_passes(pr, capsys):
    pr(texts("- email address\n- name", contact="dpo@example.test"),
       entry("2026-12-03", "2026-11-26", "2026-12-03"))
    code, out = check(capsys)
    assert code == 0, out
    assert "privacy 2026-12-03: ordinary" in out


def test_retroactive_effective_date_fails(pr, capsys):
    pr(texts("- email address\n- name", contact="dpo@example.test"),
       entry("2026-11-20", "2026-11-10", "2026-11-20"))
    code, out = check(capsys)
    assert code == 1
    assert any("2026-11-20" in line and line.startswith("Error: ") for line in out.splitlines())


def test_lowering_a_material_change_needs_a_justification(pr, capsys):
    files = texts("- email address\n- name\n- mobile phone number")
    pr(files, entry("2026-12-03", "2026-11-26", "2026-12-03", **{"class": "ordinary"}))
    code, out = check(capsys)
    assert code == 1
    assert "without a 'justification'" in out


def test_justified_lowering_passes_and_is_shown(pr, capsys):
    justification = ("\n      ko: 휴대전화번호는 기존 동의 범위에 포함됩니다"
                     "\n      en: The phone number was already covered by existing consent")
    files = texts("- email address\n- name\n- mobile phone number")
    pr(files, entry("2026-12-03", "2026-11-26", "2026-12-03",
                    **{"class": "ordinary", "justification": justification}))
    code, out = check(capsys, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [v["class"] for v in data["versions"]] == ["ordinary"]


def test_lagging_translation_fails(pr, capsys):
    files = texts("- email address\n- name")
    files["docs/ko/privacy.md"] = files["docs/ko/privacy.md"].replace(
        "- name", "- name\n- 휴대전화번호")
    pr(files, entry("2026-12-28", "2026-11-26", "2026-12-28"))
    code, out = check(capsys)
    assert code == 1
    assert "but not in en" in out


def test_markdown_summary_for_ci(pr, capsys):
    pr(texts("- email address\n- name\n- mobile phone number"),
       entry("2026-12-03", "2026-11-26", "2026-12-03"))
    code, out = check(capsys, "--format", "markdown")
    assert code == 1
    assert out.startswith("## ❌ Notice check failed")
    assert "| privacy | 2026-12-03 | **material** | 2026-11-26 | 2026-12-03 | 30 days | 2026-12-26 |" in out


def test_published_version_rewritten_in_the_pull_request_fails(git_repo, pr, capsys):
    # The PR edits the published v1 text in history: simulate with a branch
    # that starts from a rewritten root.
    git_repo.git("checkout", "-q", "--orphan", "rewrite")
    git_repo.commit({**texts("- email address"), "versions/privacy.yml": release_log(E1)},
                    "rewritten v1")
    code, out = check(capsys)
    assert code == 1
    assert "published text of version 2024-03-01" in out
