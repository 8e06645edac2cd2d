"""Notice dates that happened (issue 18): a notice date earlier than the day
its entry reaches main (the commit date of the first-parent commit that added
it; for a pull request, today) is an error, unless the entry says
`backdated: true` with a justification (the notice was posted elsewhere),
which is published."""

from __future__ import annotations

import json

from policynotice.cli import main

from ..conftest import entry, release_log

TODAY = "2026-11-25"
WHERE = "\n      ko: 2023-12-20 기존 웹사이트에 공고\n      en: Posted on the old website on 2023-12-20"


def findings(capsys, *args):
    code = main(["check", "--today", TODAY, "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_a_notice_before_the_commit_that_added_the_entry_fails(git_repo, capsys, monkeypatch):
    # The fixture's first commit is dated 2024-01-02 (+09:00).
    sha = git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(
        entry("2024-01-20", "2023-12-20", "2024-01-20"))}, "v1")
    monkeypatch.chdir(git_repo.root)
    code, found = findings(capsys)
    assert code == 1
    [f] = [f for f in found if f["code"] == "notice-in-past"]
    assert f["path"] == "versions/privacy.yml" and f["line"] == 3
    assert f"before commit {sha[:7]} (2024-01-02)" in f["message"]
    assert "backdated: true" in f["message"]


def test_a_backdated_entry_with_a_justification_passes_and_publishes_it(git_repo, capsys,
                                                                        monkeypatch):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(
        entry("2024-01-20", "2023-12-20", "2024-01-20", backdated="true",
              justification=WHERE))}, "v1")
    monkeypatch.chdir(git_repo.root)
    code, found = findings(capsys)
    assert code == 0, found
    from policynotice.publish.pages import _justification
    from policynotice.sources.releaselog import parse_release_log

    log = parse_release_log((git_repo.root / "versions/privacy.yml").read_text(encoding="utf-8"),
                            path="versions/privacy.yml", policy="privacy", languages=["ko", "en"])
    assert log.entries[0].backdated

    class V:  # the little of a SiteVersion that _justification reads
        entry = log.entries[0]
        change_class = None
    html = _justification(V, "en")
    assert "Where and when the notice was first posted" in html
    assert "Posted on the old website on 2023-12-20" in html


def test_backdated_without_a_justification_is_refused_in_one_line(git_repo, capsys, monkeypatch):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(
        entry("2024-01-20", "2023-12-20", "2024-01-20", backdated="true"))}, "v1")
    monkeypatch.chdir(git_repo.root)
    code = main(["check", "--today", TODAY])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        "Error: versions/privacy.yml:3: version 2024-01-20: 'backdated: true' needs a "
        "'justification' in every language saying where and when the notice was posted (it is "
        "published) (e.g. justification: {en: Posted on the old website on 2024-02-20, ...})"]


def test_a_pull_request_is_held_to_today(git_repo, capsys, monkeypatch):
    e1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(e1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    late = entry("2027-01-10", "2026-11-20", "2027-01-10")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(e1, late)}, "PR")
    monkeypatch.chdir(git_repo.root)
    code, found = findings(capsys, "--base", "main")
    assert code == 1
    assert any(f["code"] == "notice-in-past" and "before today (2026-11-25)" in f["message"]
               for f in found)
    # The same pull request, its entry backdated (in one commit: an entry
    # edited in a later commit is refused as unsafe under rebase-merge).
    git_repo.git("checkout", "-q", "-b", "pr2", "main")
    late = entry("2027-01-10", "2026-11-20", "2027-01-10", backdated="true", justification=WHERE)
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(e1, late)}, "PR")
    code, found = findings(capsys, "--base", "main")
    assert code == 0, found


def test_a_published_backdated_flag_cannot_change(git_repo, capsys, monkeypatch):
    e1 = entry("2024-03-01", "2023-12-20", "2024-03-01", backdated="true", justification=WHERE)
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(e1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit({"versions/privacy.yml": release_log(
        e1.replace("backdated: true", "backdated: false"))}, "PR")
    monkeypatch.chdir(git_repo.root)
    code, found = findings(capsys, "--base", "main")
    assert code == 1
    assert any("'backdated' of published version" in f["message"] for f in found)
