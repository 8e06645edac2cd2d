"""Merge methods that cannot break main (issue 18). The web editor makes one
commit per file, so a pull request may add the release-log entry before the
texts are final. Squash and merge commits land everything in one
first-parent commit; "Rebase and merge" replays the commits one by one, and
the entry would then publish the text of its own commit. The gate refuses
such a pull request; these fixture repositories show all three methods."""

from __future__ import annotations

import pytest

from policynotice.cli import main

from ..conftest import entry, release_log

TODAY = "2026-11-25"
E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2026-12-03", "2026-11-26", "2026-12-03")  # ordinary: 7 days


def texts(contact: str) -> dict[str, str]:
    return {f"docs/{lang}/privacy.md": f"# Privacy ({lang})\n\n## 1. Items collected\n\n- email\n"
            f"\n## 2. Privacy officer\n\nWrite to {contact}.\n" for lang in ("ko", "en")}


def web_editor_pr(git_repo, *, log_first: bool) -> None:
    """main has v1; branch pr changes the contact in both languages, one file
    per commit, with the release log first or last."""
    git_repo.commit({**texts("privacy@example.test"), "versions/privacy.yml": release_log(E1)},
                    "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    new = texts("dpo@example.test")
    steps = [{"versions/privacy.yml": release_log(E1, E2)},
             {"docs/ko/privacy.md": new["docs/ko/privacy.md"]},
             {"docs/en/privacy.md": new["docs/en/privacy.md"]}]
    for files in (steps if log_first else steps[1:] + steps[:1]):
        git_repo.commit(files, f"Update {next(iter(files))}")


def gate(capsys) -> tuple[int, str]:
    code = main(["check", "--base", "main", "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def check_main(git_repo, capsys, method: str) -> tuple[int, str]:
    git_repo.git("checkout", "-q", "main")
    if method == "squash":
        git_repo.git("merge", "-q", "--squash", "pr")
        git_repo.commit({}, "Squash and merge")
    elif method == "merge":
        git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request", "pr")
    else:  # rebase: the pull request's commits replayed onto main, one by one
        git_repo.git("merge", "-q", "--ff-only", "pr")
    code = main(["check", "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_gate_refuses_an_entry_committed_before_its_text(git_repo, capsys, monkeypatch):
    web_editor_pr(git_repo, log_first=True)
    monkeypatch.chdir(git_repo.root)
    code, out = gate(capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "Rebase and merge" in line]
    assert "version 2026-12-03's entry is added in commit" in line
    assert "docs/ko/privacy.md is edited again after it" in line
    assert "'Squash and merge' or 'Create a merge commit'" in line


@pytest.mark.parametrize("method", ["squash", "merge"])
def test_squash_and_merge_commit_publish_the_final_text(git_repo, capsys, monkeypatch, method):
    web_editor_pr(git_repo, log_first=True)
    monkeypatch.chdir(git_repo.root)
    code, out = check_main(git_repo, capsys, method)
    assert code == 0, out


def test_rebase_merge_of_the_refused_pull_request_would_break_main(git_repo, capsys,
                                                                   monkeypatch):
    # Why the gate refuses: after "Rebase and merge", main publishes the text
    # of the release-log commit and its check fails.
    web_editor_pr(git_repo, log_first=True)
    monkeypatch.chdir(git_repo.root)
    code, out = check_main(git_repo, capsys, "rebase")
    assert code == 1
    assert "the text differs from the latest published version 2026-12-03" in out


def test_entry_last_is_safe_under_every_method(git_repo, capsys, monkeypatch):
    web_editor_pr(git_repo, log_first=False)
    monkeypatch.chdir(git_repo.root)
    code, out = gate(capsys)
    assert code == 0, out
    code, out = check_main(git_repo, capsys, "rebase")
    assert code == 0, out  # the text-only commits before it are warnings at most
    assert "Error" not in out


def test_an_entry_edited_in_a_later_commit_is_refused(git_repo, capsys, monkeypatch):
    # Rebase-merged, main would publish the entry's first dates and then see
    # a published entry change.
    web_editor_pr(git_repo, log_first=False)
    later = E2.replace("notice_date: 2026-11-26", "notice_date: 2026-11-25")
    git_repo.commit({"versions/privacy.yml": release_log(E1, later)}, "Fix the dates")
    monkeypatch.chdir(git_repo.root)
    code, out = gate(capsys)
    assert code == 1
    assert "the entry itself is edited again after it" in out
