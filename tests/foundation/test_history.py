"""Which text belongs to which release-log entry, on fixture repositories."""

from __future__ import annotations

import subprocess

import pytest

from policynotice.errors import HistoryError
from policynotice.models import PolicyConfig
from policynotice.sources.git import GitRepo
from policynotice.sources.history import compare_published, read_policy_history

from ..conftest import LANGS, entry, release_log

PRIVACY = PolicyConfig("privacy", "privacy.md")

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2024-09-02", "2024-08-23", "2024-09-02")
E3 = entry("2025-03-08", "2025-02-05", "2025-03-08")


def history(fx, **kw):
    return read_policy_history(GitRepo(fx.root), PRIVACY, LANGS, **kw)


def codes(h):
    return sorted(f.code for f in h.findings)


def test_several_versions_each_get_the_text_of_their_commit(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    git_repo.commit({**git_repo.texts("v3"), "versions/privacy.yml": release_log(E1, E2, E3)}, "v3")
    h = history(git_repo)
    assert [v.id for v in h.versions["en"]] == ["2024-03-01", "2024-09-02", "2025-03-08"]
    assert ["version v1" in v.text for v in h.versions["ko"]] == [True, False, False]
    assert "version v3" in h.versions["en"][-1].text
    assert h.findings == ()


def test_web_editor_pull_request_merged_with_a_merge_commit(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "edit")
    # The web editor: one commit per file, text first, entry last.
    git_repo.commit(git_repo.texts("v2"), "Update privacy.md")
    git_repo.commit({"versions/privacy.yml": release_log(E1, E2)}, "Add release entry")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "edit", "-m", "Merge pull request #1")
    h = history(git_repo)
    assert "version v2" in h.versions["en"][-1].text
    assert "version v1" in h.versions["en"][0].text
    # The branch's intermediate commit is not on main's first-parent history.
    assert h.findings == ()


def test_squash_merge(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "edit")
    git_repo.commit(git_repo.texts("v2"), "text")
    git_repo.commit({"versions/privacy.yml": release_log(E1, E2)}, "entry")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--squash", "edit")
    git_repo.commit({}, "Privacy policy 2024-09-02 (#2)")
    h = history(git_repo)
    assert [("version v2" in v.text) for v in h.versions["ko"]] == [False, True]
    assert h.findings == ()


def test_rebase_merge_with_text_before_entry_warns_but_pins_right_text(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit(git_repo.texts("v2"), "text lands first")
    git_repo.commit({"versions/privacy.yml": release_log(E1, E2)}, "entry lands second")
    h = history(git_repo)
    assert "version v2" in h.versions["en"][-1].text
    assert codes(h) == ["unpublished-window", "unpublished-window"]  # one per language
    assert all(f.severity == "warning" for f in h.findings)


def test_rename_of_a_policy_file_is_followed(git_repo):
    old = {p.replace("privacy.md", "privacy-policy.md"): t for p, t in git_repo.texts("v1").items()}
    git_repo.commit({**old, "versions/privacy.yml": release_log(E1)}, "v1 under an old name")
    for lang in LANGS:
        git_repo.git("mv", f"docs/{lang}/privacy-policy.md", f"docs/{lang}/privacy.md")
    git_repo.commit({}, "rename")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    h = history(git_repo)
    assert [v.path for v in h.versions["en"]] == ["docs/en/privacy-policy.md", "docs/en/privacy.md"]
    assert "version v1" in h.versions["en"][0].text
    assert h.findings == ()


def test_a_policy_file_copied_from_another_starts_its_own_history(git_repo):
    # Terms drafted by copying the privacy policy: similar enough for git's
    # copy detection, but a new file, not the privacy policy renamed.
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    terms = {p.replace("privacy.md", "terms.md"): t.replace("version v2", "terms v1")
             for p, t in git_repo.texts("v2").items()}
    log = release_log(entry("2025-01-01", "2024-12-20", "2025-01-01"), policy="terms")
    git_repo.commit({**terms, "versions/terms.yml": log}, "terms: first version")
    h = read_policy_history(GitRepo(git_repo.root), PolicyConfig("terms", "terms.md"), LANGS)
    assert [(v.id, v.path) for v in h.versions["en"]] == [("2025-01-01", "docs/en/terms.md")]
    assert "terms v1" in h.versions["en"][0].text
    assert h.findings == ()
    assert [t.path for t in GitRepo(git_repo.root).touches("HEAD", "docs/en/terms.md")] == [
        "docs/en/terms.md"]


def test_shallow_clone_fails_with_the_fix(git_repo, tmp_path):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone)],
                   check=True)
    with pytest.raises(HistoryError) as err:
        GitRepo(clone)
    assert "shallow" in err.value.one_line()
    assert "fetch-depth: 0" in err.value.one_line()


def test_not_a_git_repository(tmp_path):
    with pytest.raises(HistoryError) as err:
        GitRepo(tmp_path)
    assert err.value.one_line() == (
        f"{tmp_path}: not a git repository; policynotice reads every published version from "
        f"git history (run it inside a clone of the policy repository)"
    )


def test_unreleased_edit_is_an_error_and_becomes_a_draft(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit(git_repo.texts("v1", extra="\n- phone"), "edit without an entry")
    h = history(git_repo)
    assert codes(h) == ["unreleased-edit", "unreleased-edit"]
    assert "- phone" in h.drafts["en"]
    assert "- phone" not in h.versions["en"][-1].text
    assert next(f for f in h.findings).message == (
        "docs/ko/privacy.md: the text differs from the latest published version 2024-03-01; "
        "add a new entry to versions/privacy.yml in the same commit, or undo the edit"
    )


def test_missing_translation(git_repo):
    texts = git_repo.texts("v1")
    del texts["docs/en/privacy.md"]
    git_repo.commit({**texts, "versions/privacy.yml": release_log(E1)}, "v1 without English")
    h = history(git_repo)
    assert codes(h) == ["missing-translation"]
    assert h.findings[0].message.startswith(
        "docs/en/privacy.md: version 2024-03-01 of 'privacy' has no en text")


def test_removed_entry_is_reported(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    git_repo.commit({"versions/privacy.yml": release_log(E2)}, "drop v1")
    h = history(git_repo)
    assert "removed-version" in codes(h)


def test_uncommitted_entry_previews_from_the_working_tree(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.write({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)})
    h = history(git_repo)
    assert [v.commit for v in h.versions["en"]][-1] == "worktree"
    assert "version v2" in h.versions["en"][-1].text
    assert h.findings == ()
    committed_only = history(git_repo, worktree=False)
    assert [v.id for v in committed_only.versions["en"]] == ["2024-03-01"]


def test_history_rewrite_altering_a_published_version_is_caught(git_repo):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    base = git_repo.git("rev-parse", "HEAD")
    # Someone rewrites history: a new root commit with different v1 text.
    git_repo.git("checkout", "-q", "--orphan", "rewritten")
    git_repo.commit({**git_repo.texts("v1", extra="\n- secretly added"),
                     "versions/privacy.yml": release_log(E1)}, "rewritten v1")
    repo = GitRepo(git_repo.root)
    old = read_policy_history(repo, PRIVACY, LANGS, rev=base, worktree=False)
    new = read_policy_history(repo, PRIVACY, LANGS)
    found = compare_published(old, new)
    assert [f.code for f in found] == ["altered-version", "altered-version"]
    assert "version 2024-03-01" in found[0].message


def test_crlf_and_bom_from_a_web_editor_are_normalised(git_repo):
    texts = {p: ("\ufeff" + t.replace("\n", "\r\n")).encode() for p, t in git_repo.texts("v1").items()}
    git_repo.commit({**texts, "versions/privacy.yml": release_log(E1)}, "v1 with CRLF")
    h = history(git_repo)
    text = h.versions["en"][0].text
    assert "\r" not in text and not text.startswith("\ufeff")
    assert text.startswith("# Privacy (en)\n")
