"""The repository is data, never a path elsewhere: a link, pipe, device or
submodule under docs/ or versions/ (in the working tree or in git) is
refused by both commands with one line, and nothing it points at is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_inputs import EN, LOG, baseline, run_cli

SECRET = "extraheader = AUTHORIZATION: basic c2VjcmV0LXRva2Vu"


def _run(git_repo, capsys, monkeypatch, command: str) -> tuple[int, str, str]:
    monkeypatch.chdir(git_repo.root)
    monkeypatch.delenv("POLICYNOTICE_TODAY", raising=False)
    args = [command, "--today", "2026-11-25"] + (["--quiet"] if command == "build" else [])
    code = __import__("policynotice.cli", fromlist=["main"]).main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_refused(git_repo, capsys, monkeypatch, command: str, expected: str) -> None:
    code, out, err = _run(git_repo, capsys, monkeypatch, command)
    lines = [ln for ln in (out + err).splitlines() if ln.startswith("Error: ")]
    assert code == 1, out + err
    assert len(lines) == 1, out + err
    assert expected in lines[0], lines[0]
    assert "Traceback" not in err and SECRET not in out + err
    if command == "build":
        site = git_repo.root / "site"
        leaked = [p for p in site.rglob("*") if p.is_file()
                  and SECRET.encode() in p.read_bytes()] if site.exists() else []
        assert leaked == []


def _link(root: Path, rel: str, target: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(target, path)


@pytest.fixture
def repo_with_secret(git_repo):
    baseline(git_repo)
    # What actions/checkout leaves in .git/config.
    with open(git_repo.root / ".git" / "config", "a", encoding="utf-8") as handle:
        handle.write(f'[http "https://github.com/"]\n\t{SECRET}\n')
    return git_repo


@pytest.mark.parametrize("command", ["check", "build"])
def test_policy_file_committed_as_link_to_git_config(repo_with_secret, capsys, monkeypatch,
                                                     command):
    _link(repo_with_secret.root, EN, "../../.git/config")
    repo_with_secret.git("add", "-A")
    repo_with_secret.git("commit", "-q", "-m", "draft")
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/privacy.md is a symbolic link; policy files must be regular files")


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "../../.git/config"])
@pytest.mark.parametrize("command", ["check", "build"])
def test_other_docs_file_linking_elsewhere(repo_with_secret, capsys, monkeypatch, command, target):
    _link(repo_with_secret.root, "docs/en/notes.md", target)
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/notes.md is a symbolic link")


@pytest.mark.parametrize("command", ["check", "build"])
def test_language_folder_linking_elsewhere(repo_with_secret, capsys, monkeypatch, command,
                                           tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "privacy.md").write_text((repo_with_secret.root / EN).read_text())
    import shutil
    shutil.rmtree(repo_with_secret.root / "docs" / "en")
    _link(repo_with_secret.root, "docs/en", str(elsewhere))
    _assert_refused(repo_with_secret, capsys, monkeypatch, command, "docs/en is a symbolic link")


@pytest.mark.parametrize("command", ["check", "build"])
def test_release_log_as_link(repo_with_secret, capsys, monkeypatch, command):
    _link(repo_with_secret.root, LOG, "/dev/zero")
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "versions/privacy.yml is a symbolic link")


@pytest.mark.parametrize("command", ["check", "build"])
def test_fifo_in_docs(repo_with_secret, capsys, monkeypatch, command):
    os.mkfifo(repo_with_secret.root / "docs" / "en" / "pipe.md")
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/pipe.md is a named pipe (FIFO)")


@pytest.mark.parametrize("command", ["check", "build"])
def test_link_in_git_but_regular_file_in_working_tree(repo_with_secret, capsys, monkeypatch,
                                                      command):
    """The blob of a link is the target's name: git history must be checked
    too, not only what is checked out."""
    text = (repo_with_secret.root / EN).read_bytes()
    _link(repo_with_secret.root, EN, "../../.git/config")
    repo_with_secret.git("add", "-A")
    repo_with_secret.git("commit", "-q", "-m", "link")
    (repo_with_secret.root / EN).unlink()
    (repo_with_secret.root / EN).write_bytes(text)
    repo_with_secret.git("update-index", "--assume-unchanged", EN)
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/privacy.md is a symbolic link in git")


def test_link_in_an_old_commit_is_refused_when_read(repo_with_secret):
    """A release log that was a link in some commit of its history."""
    from policynotice.errors import PolicyNoticeError
    from policynotice.sources.git import GitRepo

    fx = repo_with_secret
    _link(fx.root, LOG, "../.git/config")
    fx.git("add", "-A")
    fx.git("commit", "-q", "-m", "link")
    commit = fx.git("rev-parse", "HEAD")
    with pytest.raises(PolicyNoticeError, match="versions/privacy.yml is a symbolic link in commit"):
        GitRepo(fx.root).read(commit, LOG)


@pytest.mark.parametrize("command", ["check", "build"])
def test_submodule_under_docs(repo_with_secret, capsys, monkeypatch, command):
    head = repo_with_secret.git("rev-parse", "HEAD")
    repo_with_secret.git("update-index", "--add", "--cacheinfo", f"160000,{head},docs/en/sub")
    repo_with_secret.git("commit", "-q", "-m", "submodule")
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/sub is a git submodule (gitlink)")


@pytest.mark.parametrize("command", ["check", "build"])
def test_huge_working_tree_file_is_not_read(repo_with_secret, capsys, monkeypatch, command):
    with open(repo_with_secret.root / EN, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                    "docs/en/privacy.md: the file is larger than 16 MB")


def test_docs_dir_outside_the_repository(repo_with_secret, capsys, monkeypatch):
    from ..conftest import MKDOCS_YML
    repo_with_secret.commit({"mkdocs.yml": "docs_dir: /etc\n" + MKDOCS_YML}, "docs elsewhere")
    _assert_refused(repo_with_secret, capsys, monkeypatch, "check",
                    "must be a folder inside the repository")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/module:os"])
@pytest.mark.parametrize("inherited", [False, True])
def test_mkdocs_yml_tags_that_run_code_are_refused(repo_with_secret, capsys, monkeypatch, tmp_path,
                                                   tag, inherited):
    """MkDocs reads mkdocs.yml with PyYAML's full Loader: a pull request's
    mkdocs.yml could run a command while `check` loads it."""
    from ..conftest import MKDOCS_YML
    marker = tmp_path / "ran"
    payload = f"extra:\n  x: {tag} ['touch {marker}']\n"
    if inherited:
        files = {"base.yml": payload, "mkdocs.yml": "INHERIT: base.yml\n" + MKDOCS_YML}
    else:
        files = {"mkdocs.yml": MKDOCS_YML + payload}
    repo_with_secret.commit(files, "tag")
    for command in ("check", "build"):
        _assert_refused(repo_with_secret, capsys, monkeypatch, command,
                        f"YAML tags ({tag}) are not allowed (they would run code")
        assert not marker.exists()


def test_mkdocs_yml_python_name_stays_allowed(repo_with_secret, capsys, monkeypatch):
    from ..conftest import MKDOCS_YML
    repo_with_secret.commit({"mkdocs.yml": MKDOCS_YML + (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")}, "emoji")
    code, out, err = _run(repo_with_secret, capsys, monkeypatch, "check")
    assert "YAML tags" not in out + err
