"""`import_history`: one version per distinct text along HEAD's first-parent
history, on a fixture with renames, merge commits, sibling branches carrying
the same text, a revert and a whitespace-only commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from policynotice.errors import PolicyNoticeError
from policynotice.sources.importer import ImportResult, import_history, write_import
from policynotice.sources.releaselog import parse_release_log

from ..conftest import GitFixture

LANGS = ("ko", "en", "zh", "zh-Hant", "es")


def text(n: int, extra: str = "") -> str:
    lines = [f"# Privacy policy\n", "\n", "Intro paragraph that stays the same.\n", "\n"]
    lines += [f"## {k}. Section {k}\n\nBody of section {k}, edition {n if k == 3 else 1}.\n\n"
              for k in range(1, 8)]
    return "".join(lines) + extra


OLD = "docs/en/old-privacy.md"
MID = "docs/en/privacy.md"
NEW = "docs/en/privacy-policy.md"


@pytest.fixture
def history(git_repo: GitFixture):
    g = git_repo
    c = {}
    c["created"] = g.commit({OLD: text(1)}, "first text")                    # 2024-01-02: v1
    g.commit({"README.md": "hello\n"}, "unrelated")                           # no version
    g.git("mv", OLD, MID)
    c["renamed"] = g.commit({}, "rename, same text")                          # no version
    c["edit2"] = g.commit({MID: text(2)}, "second text")                      # 2024-01-05: v2
    # Two sibling branches both arrive at text 3; one has an intermediate text.
    g.git("checkout", "-q", "-b", "feature-a")
    g.commit({MID: text(99)}, "draft on a branch")                            # not first-parent
    g.commit({MID: text(3)}, "text 3 on branch a")
    g.git("checkout", "-q", "main")
    g.git("checkout", "-q", "-b", "feature-b")
    g.commit({MID: text(3)}, "text 3 on branch b")
    g.git("checkout", "-q", "main")
    g.commit({"README.md": "hello again\n"}, "unrelated on main")
    g.day += 1
    g.git("merge", "-q", "--no-ff", "-m", "merge a", "feature-a")
    c["merge_a"] = g.git("rev-parse", "HEAD")                                 # 2024-01-10: v3
    g.day += 1
    g.git("merge", "-q", "--no-ff", "-m", "merge b", "feature-b")             # same text: nothing
    c["merge_b"] = g.git("rev-parse", "HEAD")
    c["spaces"] = g.commit({MID: text(3, extra="\n")}, "whitespace only")     # 2024-01-12: v4
    c["revert"] = g.commit({MID: text(2)}, "back to text 2")                  # 2024-01-13: v5
    g.git("mv", MID, NEW)
    c["rename_edit"] = g.commit({NEW: text(2).replace("Intro", "Opening")}, "rename and edit")  # v6
    g.day -= 1  # the next commit has the same date
    c["same_day"] = g.commit({NEW: text(4).replace("Intro", "Opening")}, "same day")  # v6 again
    g.commit({"README.md": "bye\n"}, "unrelated at the end")
    return g, c


def test_one_version_per_distinct_first_parent_text(history):
    g, c = history
    result = import_history(g.root, NEW, policy="privacy", languages=LANGS)
    assert isinstance(result, ImportResult)
    assert [(v.version, v.commit, v.path) for v in result.versions] == [
        ("2024-01-02", c["created"], OLD),
        ("2024-01-05", c["edit2"], MID),
        ("2024-01-10", c["merge_a"], MID),  # the merge, not the branch commits
        ("2024-01-12", c["spaces"], MID),   # whitespace-only: a distinct text
        ("2024-01-13", c["revert"], MID),   # back to text 2: published again
        # Two texts on 2024-01-14: the one in force at the end of the day.
        ("2024-01-14", c["same_day"], NEW),
    ]
    assert result.texts == 7
    assert c["merge_b"] not in {v.commit for v in result.versions}
    assert result.lang == "en" and result.file == NEW


def test_each_version_is_the_text_at_its_commit(history):
    g, _ = history
    result = import_history(g.root, NEW, policy="privacy")
    texts = [subprocess.run(["git", "show", f"{v.commit}:{v.path}"], cwd=g.root, check=True,
                            capture_output=True).stdout for v in result.versions]
    assert len(set(texts[:4])) == 4
    assert texts[4] == texts[1]  # the revert
    for before, after in zip(texts, texts[1:]):
        assert before != after


def test_the_release_log_parses_and_is_marked_imported(history):
    g, c = history
    result = import_history(g.root, NEW, policy="privacy", lang="en", languages=LANGS)
    log = parse_release_log(result.yaml, path="versions/privacy.yml", policy="privacy",
                            languages=LANGS)
    assert [e.version for e in log.entries] == [v.version for v in result.versions]
    assert all(e.imported for e in log.entries)
    first = log.entries[0]
    assert first.notice_date.isoformat() == first.effective_date.isoformat() == "2024-01-02"
    short = c["created"][:7]
    assert first.summary["en"] == (f"Imported from git history (commit {short}); fill in the "
                                   f"notice date, summary and reason.")
    assert short in first.summary["ko"] and "공고일" in first.summary["ko"]
    assert all(short in first.reason[lang] for lang in LANGS)
    # Two texts on one day: the real date, never a later one; the log names
    # the commit whose text the last one replaced.
    same = log.entry("2024-01-14")
    assert same.notice_date.isoformat() == same.effective_date.isoformat() == "2024-01-14"
    assert log.entries[-1] is same
    assert f"# commit {c['same_day'][:7]} {NEW}: same day" in result.yaml
    assert (f"# the last text of 2024-01-14; it replaced the text(s) of commit "
            f"{c['rename_edit'][:7]} (2024-01-14)") in result.yaml


def test_the_yaml_looks_like_a_hand_written_release_log(history):
    g, c = history
    result = import_history(g.root, NEW, policy="privacy", languages=("ko", "en"))
    lines = result.yaml.splitlines()
    i = lines.index('  - version: "2024-01-02"')
    assert lines[i:i + 6] == [
        '  - version: "2024-01-02"', "    notice_date: 2024-01-02",
        "    effective_date: 2024-01-02", f'    commit: "{c["created"]}"', "    imported: true",
        "    summary:",
    ]
    assert lines[i + 6].startswith('      ko: "git 기록에서 가져온 버전입니다')
    assert "policy: privacy" in lines and "versions:" in lines


def test_commit_dates_are_read_in_the_committers_time_zone(git_repo: GitFixture):
    git_repo.write({MID: text(1)})
    git_repo.git("add", "-A")
    env = {**git_repo.env(), "GIT_AUTHOR_DATE": "2024-03-10T23:30:00-05:00",
           "GIT_COMMITTER_DATE": "2024-03-10T23:30:00-05:00"}  # 2024-03-11 in UTC
    subprocess.run(["git", "commit", "-q", "-m", "late"], cwd=git_repo.root, env=env, check=True)
    result = import_history(git_repo.root, MID, policy="privacy")
    assert [v.version for v in result.versions] == ["2024-03-10"]


def test_language_defaults_to_the_docs_folder(git_repo: GitFixture):
    git_repo.commit({"docs/ko/privacy.md": text(1)}, "ko")
    result = import_history(git_repo.root, "docs/ko/privacy.md", policy="privacy")
    assert result.lang == "ko" and result.languages == ("ko",)
    log = parse_release_log(result.yaml, path="x.yml", policy="privacy", languages=["ko"])
    assert "가져온" in log.entries[0].summary["ko"]


# -- errors ------------------------------------------------------------------
def _error(excinfo) -> str:
    return excinfo.value.one_line()


def test_a_file_that_never_existed(history):
    g, _ = history
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(g.root, "docs/en/cookies.md", policy="cookies")
    assert _error(excinfo) == (
        "docs/en/cookies.md: the file never existed on the first-parent history of HEAD; "
        "expected a policy file tracked in git, e.g. docs/en/privacy.md")


def test_a_file_renamed_away_names_its_last_commit(history):
    g, c = history
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(g.root, MID, policy="privacy")
    assert _error(excinfo) == (
        f"{MID}: the file is not in HEAD (it was last there in commit {c['revert'][:7]}); "
        f"import follows a policy file back from HEAD (restore the file, or pass its current "
        f"name with --file)")


def test_not_a_git_repository(tmp_path: Path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(tmp_path / "plain", "docs/en/privacy.md", policy="privacy")
    assert "not a git repository" in _error(excinfo)
    assert "\n" not in _error(excinfo)


def test_a_shallow_clone_names_the_fix(history, tmp_path: Path):
    g, _ = history
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{g.root}", str(shallow)],
                   check=True, capture_output=True, env={**os.environ, **g.env()})
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(shallow, NEW, policy="privacy")
    assert "shallow" in _error(excinfo) and "fetch-depth: 0" in _error(excinfo)


def test_a_repository_without_commits(tmp_path: Path):
    subprocess.run(["git", "init", "-q", str(tmp_path / "empty")], check=True)
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(tmp_path / "empty", "docs/en/privacy.md", policy="privacy")
    assert "no commits yet" in _error(excinfo)


def test_a_bad_policy_id(history):
    g, _ = history
    with pytest.raises(PolicyNoticeError) as excinfo:
        import_history(g.root, NEW, policy="Privacy Policy")
    assert "policy id 'Privacy Policy' is not valid" in _error(excinfo)


def test_paths_outside_the_repository_are_refused(history):
    g, _ = history
    with pytest.raises(PolicyNoticeError):
        import_history(g.root, "../elsewhere.md", policy="privacy")
    absolute = import_history(g.root, str(g.root / NEW), policy="privacy")
    assert absolute.file == NEW


# -- writing -----------------------------------------------------------------
def test_write_refuses_to_overwrite_unless_forced(history, tmp_path: Path):
    g, _ = history
    result = import_history(g.root, NEW, policy="privacy")
    out = tmp_path / "versions" / "privacy.yml"
    assert write_import(result, out, force=False) == out
    assert out.read_text(encoding="utf-8") == result.yaml
    out.write_text("policy: privacy\n# hand-written\n", encoding="utf-8")
    with pytest.raises(PolicyNoticeError) as excinfo:
        write_import(result, out, force=False)
    assert _error(excinfo) == (f"{out}: a release log already exists; refusing to overwrite it "
                               f"(move it away or pass --force to replace it)")
    assert "hand-written" in out.read_text(encoding="utf-8")
    write_import(result, out, force=True)
    assert out.read_text(encoding="utf-8") == result.yaml


# -- the command, end to end: import, commit the log, build and check ----------
def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", "policynotice", *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture
def adopting(git_repo: GitFixture):
    """A ko+en site whose policy has three years of history but no release log."""
    g = git_repo
    commits = []
    for n, extra in enumerate(("", "\n- phone", "\n- phone\n- address")):
        commits.append(g.commit(g.texts(f"v{n}", extra=extra), f"policy edit {n}"))
        g.commit({"README.md": f"note {n}\n"}, "unrelated")
    return g, commits


def test_import_command_writes_a_log_that_check_and_build_accept(adopting, tmp_path):
    g, commits = adopting
    r = _cli("import", "--file", "docs/en/privacy.md", "--languages", "ko,en",
             "--out", "versions/privacy.yml", cwd=g.root)
    assert r.returncode == 0, r.stderr
    assert "imported 3 version(s) of docs/en/privacy.md (en) into versions/privacy.yml" in r.stderr
    log = (g.root / "versions/privacy.yml").read_text(encoding="utf-8")
    assert [f'commit: "{c}"' in log for c in commits] == [True, True, True]
    g.commit({}, "adopt policynotice: imported release log")

    # Each imported version publishes the text of its own commit, in both
    # languages, not the text of the commit that added the log.
    from policynotice.config import resolve_site_config  # noqa: F401 - import check
    from policynotice.models import PolicyConfig
    from policynotice.sources.git import GitRepo
    from policynotice.sources.history import read_policy_history

    history = read_policy_history(GitRepo(g.root), PolicyConfig("privacy", "privacy.md"), ("ko", "en"))
    for lang in ("ko", "en"):
        got = [v.text for v in history.versions[lang]]
        want = [g.git("show", f"{c}:docs/{lang}/privacy.md") + "\n" for c in commits]
        assert got == want
    assert not [f for f in history.findings if f.is_error]

    check = _cli("check", "--today", "2026-11-25", cwd=g.root)
    assert check.returncode == 0, check.stdout + check.stderr
    build = _cli("build", "--today", "2026-11-25", "--site-dir", str(tmp_path / "site"), cwd=g.root)
    assert build.returncode == 0, build.stderr
    archived = (tmp_path / "site/en/privacy/2024-01-02/index.html").read_text(encoding="utf-8")
    assert "version v0" in archived and "phone" not in archived.split("<article")[-1]


def test_import_command_prints_when_no_out(adopting):
    g, _ = adopting
    r = _cli("import", "--file", "docs/ko/privacy.md", cwd=g.root)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Imported by 'policynotice import'")
    assert "(printed above)" in r.stderr and "docs/ko/privacy.md (ko)" in r.stderr
    assert parse_release_log(r.stdout, path="x.yml", policy="privacy", languages=["ko"]).entries


def test_import_command_refuses_to_overwrite(adopting):
    g, _ = adopting
    g.write({"versions/privacy.yml": "policy: privacy\nversions: []\n"})
    r = _cli("import", "--file", "docs/en/privacy.md", "--out", "versions/privacy.yml", cwd=g.root)
    assert r.returncode == 1
    assert r.stderr.strip() == ("Error: versions/privacy.yml: a release log already exists; "
                                "refusing to overwrite it (move it away or pass --force to "
                                "replace it)")


def test_import_command_without_file_is_bad_usage(adopting):
    g, _ = adopting
    r = _cli("import", cwd=g.root)
    assert r.returncode == 2
    assert r.stderr.strip() == ("Error: the following arguments are required: --file "
                                "(see 'policynotice import --help')")


def test_a_pinned_commit_off_history_is_an_error(adopting):
    g, commits = adopting
    g.git("checkout", "-q", "-b", "side")
    side = g.commit({"README.md": "side\n"}, "side branch")
    g.git("checkout", "-q", "main")
    from ..conftest import entry, release_log

    g.commit({"versions/privacy.yml": release_log(
        entry("v1", "2024-01-02", "2024-01-02", commit=f'"{commits[0]}"'),
        entry("v2", "2024-01-04", "2024-01-04", commit=f'"{side}"'))}, "log")
    check = _cli("check", "--today", "2026-11-25", cwd=g.root)
    assert check.returncode == 1
    assert (f"versions/privacy.yml:{_line_of(g, 'v2')}: version v2 names commit {side}, which is "
            f"not on the first-parent history of main") in check.stdout


def test_a_pinned_commit_after_its_entry_is_an_error(adopting):
    g, commits = adopting
    from ..conftest import entry, release_log

    g.commit({"versions/privacy.yml": release_log(
        entry("v1", "2024-01-02", "2024-01-02"))}, "log")
    later = g.commit({"README.md": "later\n"}, "later")
    g.commit({"versions/privacy.yml": release_log(
        entry("v1", "2024-01-02", "2024-01-02", commit=f'"{later}"'))}, "pin to a later commit")
    check = _cli("check", "--today", "2026-11-25", cwd=g.root)
    assert check.returncode == 1
    assert f"names commit {later[:7]}, which is later than the commit that added the entry" \
        in check.stdout


def _line_of(g: GitFixture, version: str) -> int:
    lines = (g.root / "versions/privacy.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if f'version: "{version}"' in line)
