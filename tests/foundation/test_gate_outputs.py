"""Every error reaches every output format of `check` (issue 18): a release
log that cannot be read (effective before notice, versions out of order)
stops that policy's check, but the job summary (Markdown), the JSON and the
GitHub annotations still say so, with file and line, and the other policies
are still judged."""

from __future__ import annotations

import json

import pytest

from policynotice.cli import main

from ..conftest import MKDOCS_YML, entry, release_log

TODAY = "2026-11-25"
E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
TWO_POLICIES = MKDOCS_YML + "        - id: terms\n"


def terms_text(lang: str) -> str:
    return f"# Terms ({lang})\n\n## 1. Fees\n\nNone.\n"


@pytest.fixture
def broken(git_repo, monkeypatch):
    """privacy's log says a version takes effect before its notice; terms is fine."""
    files = {**git_repo.texts("v1"), "mkdocs.yml": TWO_POLICIES,
             "versions/terms.yml": release_log(E1, policy="terms"),
             **{f"docs/{lang}/terms.md": terms_text(lang) for lang in ("ko", "en")}}
    git_repo.commit({**files, "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(
        E1, entry("2026-12-20", "2026-12-28", "2026-12-20"))}, "PR")
    monkeypatch.chdir(git_repo.root)
    return git_repo


def run(capsys, fmt: str) -> tuple[int, str, str]:
    code = main(["check", "--base", "main", "--today", TODAY, "--format", fmt])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


EXPECTED = "versions/privacy.yml:12: version 2026-12-20: effective_date 2026-12-20 is before notice_date 2026-12-28"


def test_text_names_the_error_once_on_stderr(broken, capsys):
    code, out, err = run(capsys, "text")
    assert code == 1
    assert err.strip().splitlines() == [f"Error: {EXPECTED} (a change can only take effect after it is announced)"]
    assert out.rstrip().endswith("FAILED")


def test_markdown_job_summary_shows_the_error(broken, capsys):
    code, out, err = run(capsys, "markdown")
    assert code == 1
    assert out.startswith("## ❌ Notice check failed")
    assert "### Errors" in out
    assert "effective\\_date 2026-12-20 is before notice\\_date 2026-12-28" in out or \
        "effective_date 2026-12-20 is before notice_date 2026-12-28" in out
    assert err.count("Error: ") == 1


def test_json_shows_the_error_with_file_and_line(broken, capsys):
    code, out, _ = run(capsys, "json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    [finding] = [f for f in data["findings"] if f["code"] == "release-log"]
    assert finding["policy"] == "privacy"
    assert finding["path"] == "versions/privacy.yml" and finding["line"] == 12
    assert EXPECTED in finding["message"]


def test_github_annotation_points_at_the_release_log_line(broken, capsys):
    code, out, _ = run(capsys, "github")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("::error ")]
    assert any(line.startswith("::error file=versions/privacy.yml,line=12,")
               and "before notice_date 2026-12-28" in line for line in lines), out


def test_versions_out_of_order_reach_json(git_repo, capsys, monkeypatch):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(
        E1, entry("2023-01-01", "2022-12-01", "2023-01-01"))}, "v1")
    monkeypatch.chdir(git_repo.root)
    code = main(["check", "--today", TODAY, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert any("must be after the previous version's" in f["message"] for f in data["findings"])


def test_the_other_policy_is_still_judged(broken, capsys, git_repo):
    # terms gains a version in the same pull request: it is classified even
    # though privacy's log is broken.
    git_repo.commit({"docs/ko/terms.md": terms_text("ko").replace("None.", "None at all."),
                     "docs/en/terms.md": terms_text("en").replace("None.", "None at all."),
                     "versions/terms.yml": release_log(
                         E1, entry("2026-12-20", "2026-11-26", "2026-12-20"), policy="terms")},
                    "terms v2")
    code, out, _ = run(capsys, "json")
    data = json.loads(out)
    assert code == 1
    assert [(v["policy"], v["version"]) for v in data["versions"]] == [("terms", "2026-12-20")]


def test_an_error_before_any_policy_is_read_reaches_markdown(git_repo, capsys, monkeypatch):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1),
                     "mkdocs.yml": MKDOCS_YML + "          profile: no_such_profile\n"}, "v1")
    monkeypatch.chdir(git_repo.root)
    code = main(["check", "--today", TODAY, "--format", "markdown"])
    out = capsys.readouterr().out
    assert code == 1
    assert "### Errors" in out and "no\\_such\\_profile" in out


# -- annotations and the pull-request comment --------------------------------
def test_workflow_command_escaping():
    from policynotice.publish.report import (_command, escape_command_data,
                                             escape_command_property)

    assert escape_command_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_command_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = _command("error", "x\n::warning::forged", "docs/en/a,b:c.md", 3, "t")
    assert line.count("\n") == 0
    assert line.startswith("::error file=docs/en/a%2Cb%3Ac.md,line=3,title=t::")
    assert "::warning::forged" in line  # inside the message, where it starts nothing


def test_hostile_message_cannot_start_a_command(git_repo, capsys, monkeypatch):
    # A version id cannot hold a newline, but a summary can hold '%0A': it
    # must arrive escaped, not decoded into a second command.
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(
        E1, entry("2026-12-20", "2026-12-28", "2026-12-20"))}, "PR")
    git_repo.write({"docs/en/privacy.md": git_repo.texts("v2")["docs/en/privacy.md"]
                    + "\n100%0A::error::forged\n"})
    monkeypatch.chdir(git_repo.root)
    main(["check", "--base", "main", "--today", TODAY, "--format", "github"])
    out = capsys.readouterr().out
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())


def material_pr(git_repo, monkeypatch, new_entry):
    items = "- email\n- name\n- mobile phone number"
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    files = {path: text.replace("- email\n- name", items)
             for path, text in git_repo.texts("v1").items()}
    git_repo.commit({**files, "versions/privacy.yml": release_log(E1, new_entry)}, "PR")
    monkeypatch.chdir(git_repo.root)


def test_comment_in_the_governing_language_with_the_latest_notice_date(git_repo, capsys,
                                                                         monkeypatch, tmp_path):
    material_pr(git_repo, monkeypatch, entry("2027-01-10", "2026-11-26", "2027-01-10"))
    comment, summary = tmp_path / "comment.md", tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code = main(["check", "--base", "main", "--today", TODAY, "--format", "github",
                 "--comment-file", str(comment), "--summary-file", str(summary)])
    out = capsys.readouterr().out
    assert code == 0, out
    body = comment.read_text(encoding="utf-8")
    assert body.startswith("<!-- policynotice-check -->\n## ✅ 고지 점검 통과")
    # material: 30 days; effective 2027-01-10 keeps if noticed by 2026-12-11
    assert "| privacy | 2027-01-10 | **중요한 변경** | 2026-11-26 | 2027-01-10 | 30일 | 2026-12-26 | 2026-12-11 |" in body
    assert "mobile phone number" in body  # the reason, from the governing text
    # the job summary was appended to, not replaced
    assert summary.read_text(encoding="utf-8").startswith("earlier step\n## ✅ Notice check passed")
    # the annotation on the release-log entry
    assert any(line.startswith("::notice file=versions/privacy.yml,line=")
               and "latest notice date for effective 2027-01-10: 2026-12-11" in line
               for line in out.splitlines())


def test_comment_lists_errors(git_repo, capsys, monkeypatch):
    material_pr(git_repo, monkeypatch, entry("2026-12-03", "2026-11-26", "2026-12-03"))
    code = main(["check", "--base", "main", "--today", TODAY, "--format", "comment"])
    body = capsys.readouterr().out
    assert code == 1
    assert "## ❌ 고지 점검 실패" in body and "### 오류" in body
    assert "earliest lawful effective date is 2026-12-26" in body
