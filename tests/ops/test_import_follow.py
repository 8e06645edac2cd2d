"""`import_history` on histories that cut a policy off: a commit that moves and
rewrites the file at once (git sees a deletion and an addition), commits to
skip (extraction artefacts), commit dates out of order, the title from the
front matter; and the command's flags."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policynotice.errors import PolicyNoticeError, UsageError
from policynotice.sources.importer import Filters, import_history
from policynotice.sources.releaselog import parse_release_log

from ..conftest import GitFixture

OLD = "Policies/privacy-statement.md"
NEW = "docs/en/general-privacy-statement.md"


def policy(edition: int, *, rewrite: bool = False, title: str = "") -> str:
    """A privacy statement; `rewrite` keeps about two thirds of its words."""
    front = f"---\ntitle: {title}\n---\n\n" if title else ""
    words = ["personal", "data", "collect", "account", "payment", "cookies", "retention",
             "rights", "access", "delete", "transfer", "processors", "security", "children"]
    if rewrite:
        words = words[:10] + ["controller", "lawful", "basis", "complaint", "authority"]
    sentence = "Here we describe how {} is handled" if rewrite else "We describe how {} is handled here"
    sections = [f"## {k}. {w.title()}\n\n{sentence.format(w)}.\n\n"
                for k, w in enumerate(words, 1)]
    return front + "# Privacy Statement\n\n" + "".join(sections) + f"Edition {edition}.\n"


@pytest.fixture
def moved(git_repo: GitFixture):
    """Two texts at OLD, then one commit deletes OLD and adds a rewrite at NEW
    (too different for git's rename detection), then one more edit."""
    g = git_repo
    c = {"v1": g.commit({OLD: policy(1)}, "first"), "v2": g.commit({OLD: policy(2)}, "second")}
    c["move"] = g.commit({OLD: None, NEW: policy(3, rewrite=True)}, "Privacy Statement update")
    assert "R" not in g.git("show", "--name-status", "--format=", c["move"])  # git sees no rename
    c["v4"] = g.commit({NEW: policy(4, rewrite=True)}, "fourth")
    return g, c


def test_a_similar_file_deleted_by_the_adding_commit_is_followed(moved):
    g, c = moved
    result = import_history(g.root, NEW, policy="privacy")
    assert [(v.commit, v.path) for v in result.versions] == [
        (c["v1"], OLD), (c["v2"], OLD), (c["move"], NEW), (c["v4"], NEW)]
    warning, reach = result.warnings
    assert warning.startswith(f"commit {c['move'][:7]} adds {NEW} and deletes {OLD} (similarity ")
    assert reach == (f"build and check follow only the renames git detects: for the 2 version(s) "
                     f"before commit {c['move'][:7]} (at {OLD}) check reports that the text is "
                     f"missing, until a release-log entry can name its file's path")
    assert warning.endswith(f"followed it as the same policy's earlier path; pass --no-guess to "
                            f"start the history at {c['move'][:7]}")
    assert f"# Followed: commit {c['move'][:7]} made {NEW} from {OLD} (guessed, similarity" \
        in result.yaml


def test_without_guessing_the_candidate_is_named(moved):
    g, c = moved
    result = import_history(g.root, NEW, policy="privacy", guess=False)
    assert [v.commit for v in result.versions] == [c["move"], c["v4"]]
    (warning,) = result.warnings
    assert warning.startswith(f"the history may be cut off: commit {c['move'][:7]} adds {NEW} "
                              f"and deletes {OLD} (similarity ")
    assert warning.endswith(f"if it is the same policy, pass --follow {OLD}")
    assert "# Warning: the history may be cut off" in result.yaml


def test_follow_names_the_earlier_path(moved):
    g, c = moved
    result = import_history(g.root, NEW, policy="privacy", follow=[OLD], guess=False)
    assert [v.commit for v in result.versions] == [c["v1"], c["v2"], c["move"], c["v4"]]
    assert [w.split(":")[0] for w in result.warnings] == [
        "build and check follow only the renames git detects"]
    assert f"# Followed: commit {c['move'][:7]} made {NEW} from {OLD} (--follow)." in result.yaml


def test_an_unused_follow_is_reported(moved):
    g, _ = moved
    result = import_history(g.root, NEW, policy="privacy", follow=["Policies/nothing.md"])
    assert any(w.startswith("--follow Policies/nothing.md was not used") for w in result.warnings)


def test_an_unrelated_deleted_file_is_neither_followed_nor_named(git_repo: GitFixture):
    g = git_repo
    g.commit({"docs/en/cookies.md": "# Cookies\n\nBanner, consent, analytics trackers.\n"}, "c")
    g.commit({"docs/en/cookies.md": None, NEW: policy(1)}, "replace cookies page by privacy")
    result = import_history(g.root, NEW, policy="privacy")
    assert len(result.versions) == 1 and result.warnings == ()


# -- dates -------------------------------------------------------------------
def test_a_commit_dated_before_its_parent_joins_the_previous_version(git_repo: GitFixture):
    g = git_repo
    g.commit({NEW: policy(1)}, "one")
    g.day += 3
    second = g.commit({NEW: policy(2)}, "two")     # 2024-01-06
    g.day -= 4
    third = g.commit({NEW: policy(3)}, "three")    # dated 2024-01-03: clock skew
    result = import_history(g.root, NEW, policy="privacy")
    assert [(v.version, v.commit) for v in result.versions] == [
        ("2024-01-02", result.versions[0].commit), ("2024-01-06", third)]
    assert f"it replaced the text(s) of commit {second[:7]} (2024-01-06)" in result.yaml
    parse_release_log(result.yaml, path="x.yml", policy="privacy", languages=["en"])


# -- filters -----------------------------------------------------------------
@pytest.fixture
def crawled(git_repo: GitFixture):
    """An archive made by a crawler: an error page captured then undone, and a
    tooling upgrade that changed the extraction, not the document."""
    g = git_repo
    c = {"v1": g.commit({NEW: policy(1)}, "Record new changes of Privacy")}
    c["error"] = g.commit({NEW: "# Access denied\n"}, "Record new changes of Privacy (error page)")
    c["back"] = g.commit({NEW: policy(1)}, "Record new changes of Privacy")
    c["tool"] = g.commit({NEW: policy(1).replace("##", "###"), "declarations/privacy.json": "{}"},
                         "Apply technical or declaration upgrade on Privacy")
    c["v2"] = g.commit({NEW: policy(2).replace("##", "###")}, "Record new changes of Privacy")
    return g, c


def test_unfiltered_every_change_is_a_version(crawled):
    g, c = crawled
    result = import_history(g.root, NEW, policy="privacy")
    assert [v.commit for v in result.versions] == [c[k] for k in ("v1", "error", "back", "tool", "v2")]


def test_skip_subject_and_an_undone_artefact_leaves_nothing(crawled):
    g, c = crawled
    filters = Filters.make(subject=["^Apply technical"])
    result = import_history(g.root, NEW, policy="privacy", filters=filters)
    assert [v.commit for v in result.versions] == [c[k] for k in ("v1", "error", "back", "v2")]
    assert result.skipped == (c["tool"],)
    assert (f"#   {c['tool'][:7]} {NEW}: subject matches --skip-subject '^Apply technical'"
            in result.yaml)


def test_skip_path_and_author(crawled):
    g, c = crawled
    by_path = import_history(g.root, NEW, policy="privacy",
                             filters=Filters.make(path=["declarations/*"]))
    assert by_path.skipped == (c["tool"],)
    with pytest.raises(PolicyNoticeError) as excinfo:  # every commit is by this author
        import_history(g.root, NEW, policy="privacy", filters=Filters.make(author=["legal@ex"]))
    assert excinfo.value.one_line() == (
        f"{NEW}: every commit that changed the text (5) was skipped by the filters; expected at "
        f"least one version (loosen --skip-subject, --skip-author or --skip-path)")
    by_author = import_history(g.root, NEW, policy="privacy",
                               filters=Filters.make(author=["^Somebody else"]))
    assert by_author.skipped == ()


def test_skipping_the_error_page_leaves_one_version_for_both_texts(crawled):
    g, c = crawled
    # The commit that restores the text is compared with the last version's
    # text, so it is no version either.
    result = import_history(g.root, NEW, policy="privacy",
                            filters=Filters.make(subject=[r"\(error page\)"]))
    assert [v.commit for v in result.versions] == [c["v1"], c["tool"], c["v2"]]
    assert result.skipped == (c["error"],)


def test_a_bad_regex_is_bad_usage():
    with pytest.raises(UsageError) as excinfo:
        Filters.make(subject=["(unclosed"])
    assert excinfo.value.one_line().startswith(
        "--skip-subject '(unclosed' is not a valid regular expression:")


# -- title -------------------------------------------------------------------
def test_the_title_comes_from_the_front_matter(git_repo: GitFixture):
    g = git_repo
    g.commit({NEW: policy(1, title="Old title")}, "one")
    g.commit({NEW: policy(1, title="GitHub General Privacy Statement")}, "front matter only")
    result = import_history(g.root, NEW, policy="privacy")
    assert result.title == "GitHub General Privacy Statement"
    assert len(result.versions) == 1  # a front-matter edit is no version
    assert result.yaml.splitlines()[0] == (
        f"# Imported by 'policynotice import' from the git history of {NEW} "
        f"(GitHub General Privacy Statement).")


# -- the command ---------------------------------------------------------------
def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policynotice", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_the_command_warns_and_follows(moved):
    g, c = moved
    r = _cli("import", "--file", NEW, "--policy", "privacy", "--no-guess", cwd=g.root)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0].startswith("Warning: the history may be cut off") and f"--follow {OLD}" in lines[0]
    assert lines[1].startswith(f"imported 2 version(s) of {NEW} (en)")
    r = _cli("import", "--file", NEW, "--policy", "privacy", "--follow", OLD,
             "--skip-subject", "^fourth$", cwd=g.root)
    assert r.returncode == 0, r.stderr
    last = r.stderr.splitlines()[-1]
    assert last.startswith(f"imported 3 version(s) (1 commit(s) skipped) of {NEW} (en)")


def test_the_command_rejects_a_bad_regex_in_one_line(moved):
    g, _ = moved
    r = _cli("import", "--file", NEW, "--skip-author", "[", cwd=g.root)
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("Error: --skip-author '[' is not a valid regular expression")


def test_a_text_undone_the_same_day_is_no_version(git_repo: GitFixture):
    g = git_repo
    first = g.commit({NEW: policy(1)}, "one")
    g.day += 1
    flip = g.commit({NEW: policy(2)}, "crawler saw another variant")
    g.day -= 1
    flop = g.commit({NEW: policy(1)}, "and back, the same day")
    g.day += 1
    last = g.commit({NEW: policy(3)}, "a real change")
    result = import_history(g.root, NEW, policy="privacy")
    assert [v.commit for v in result.versions] == [first, last]
    assert result.texts == 4  # one, two, one again, three
    assert (f"# 2 text(s) undone on the day they were committed (the day ended on the version "
            f"before them), so no version:\n#   {flip[:7]} (2024-01-04)\n#   {flop[:7]} (2024-01-04)"
            in result.yaml)
    parse_release_log(result.yaml, path="x.yml", policy="privacy", languages=["en"])
