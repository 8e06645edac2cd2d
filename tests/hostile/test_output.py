"""Atomic output: a swap never leaves no site, a killed build's leftovers are
cleaned (and a lost site restored) by the next build, and every error writing
the output is one line naming the folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from policynotice import cli

from .test_inputs import EN, baseline, run_cli

DEAD_PID = 4_000_000  # above Linux's pid_max: never a running process


def _files(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(git_repo, capsys, monkeypatch):
    baseline(git_repo)
    monkeypatch.chdir(git_repo.root)
    monkeypatch.delenv("POLICYNOTICE_TODAY", raising=False)
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 0, err
    return git_repo


def test_swap_exchanges_without_a_moment_without_site(tmp_path, monkeypatch):
    final, new = tmp_path / "site", tmp_path / ".site-tmp-1-x"
    final.mkdir()
    (final / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    renames = []
    real = os.rename
    monkeypatch.setattr(cli.os, "rename", lambda a, b: (renames.append((a, b)), real(a, b)))
    cli._swap(new, final)
    assert _files(final) == {Path("new.html"): b"new"}
    assert not new.exists()
    assert renames == []  # one atomic exchange, not two renames


def test_crash_between_the_two_renames_is_repaired_by_the_next_build(built, capsys):
    """Where the exchange is not available: the old site was renamed to its
    backup and the build was killed before the new one was renamed in."""
    root = built.root
    before = _files(root / "site")
    (root / "site").rename(root / f".site-old-{DEAD_PID}")
    (root / f".site-tmp-{DEAD_PID}-abcd1234").mkdir()  # the killed build's half-written site
    (root / f".site-tmp-{DEAD_PID}-abcd1234" / "half.html").write_text("half")
    built.commit({EN: b"\x00binary"}, "and the next build fails")
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 1
    assert _files(root / "site") == before  # the last good site, restored
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site-")) == []


def test_stale_temporary_folders_are_cleaned_by_the_next_build(built, capsys):
    root = built.root
    for name in (f".site-tmp-{DEAD_PID}-zzzz9999", f".notices-tmp-{DEAD_PID}-yyyy8888",
                 f".site-old-{DEAD_PID}"):
        (root / name).mkdir()
    running = root / f".site-tmp-{os.getppid()}-live0000"  # a build still running: kept
    running.mkdir()
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 0, err
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith("."))
    assert leftovers == [".git", running.name]
    assert (root / "site" / "index.html").exists()


def test_renames_that_fail_after_the_backup_restore_the_site(built, monkeypatch, capsys):
    root = built.root
    before = _files(root / "site")
    monkeypatch.setattr(cli, "_exchange", lambda a, b: False)
    real = os.rename

    def rename(src, dst):
        if Path(dst).name == "site" and "-tmp-" in Path(src).name:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src), str(dst))
        return real(src, dst)

    monkeypatch.setattr(cli.os, "rename", rename)
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 1
    assert err.startswith(f"Error: {root / 'site'}: cannot write the output folder:"), err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    monkeypatch.setattr(cli.os, "rename", real)
    assert _files(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site-")] == []


@pytest.mark.parametrize("error, where", [
    (errno.ENOSPC, "write"),   # disk full while writing feeds and drafts
    (errno.EROFS, "mkdtemp"),  # read-only output folder
    (errno.EACCES, "mkdtemp"),
])
def test_output_errors_are_one_line_naming_the_folder(built, monkeypatch, capsys, error, where):
    root = built.root
    before = _files(root / "site")

    def fail(*args, **kwargs):
        raise OSError(error, os.strerror(error), str(args[0]) if args else None)

    if where == "write":
        monkeypatch.setattr(Path, "write_bytes", fail)
    else:
        monkeypatch.setattr(cli.tempfile, "mkdtemp", fail)
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 1
    assert err.startswith(f"Error: {root / 'site'}: cannot write the output folder: "
                          f"{os.strerror(error)}"), err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    monkeypatch.undo()
    assert _files(root / "site") == before


def test_a_mounted_output_folder_gets_its_contents_replaced(tmp_path, monkeypatch):
    final, new = tmp_path / "site", tmp_path / ".site-tmp-1-x"
    (final / "gone").mkdir(parents=True)
    (final / "gone" / "old.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    monkeypatch.setattr(cli.os.path, "ismount", lambda p: Path(p) == final)
    cli._swap(new, final)
    assert _files(final) == {Path("index.html"): b"new"}


@pytest.mark.parametrize("option, expected", [
    ("site_dir: .git", "'site_dir' in mkdocs.yml is {root}/.git, which holds the repository"),
    ("site_dir: versions", "'site_dir' in mkdocs.yml is {root}/versions, which holds the repository"),
    ("site_dir: ..", "'site_dir'"),  # MkDocs refuses it too
    ("site_dir: /tmp/elsewhere", "'site_dir' in mkdocs.yml is /tmp/elsewhere, outside the repository"),
    ("emails_dir: .git/hooks", "'emails_dir' in mkdocs.yml is {root}/.git/hooks, which holds"),
    ("emails_dir: ../../outside", "'emails_dir' in mkdocs.yml is {grand}/outside, outside the"),
])
def test_output_folders_from_mkdocs_yml_cannot_replace_the_repository(built, capsys, option,
                                                                     expected):
    from ..conftest import MKDOCS_YML
    root = built.root
    key, _, value = option.partition(": ")
    yml = (f"{option}\n" + MKDOCS_YML if key == "site_dir" else
           MKDOCS_YML.replace("  - policynotice:\n", f"  - policynotice:\n      {option}\n"))
    built.commit({"mkdocs.yml": yml}, "output elsewhere")
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 1, err
    assert expected.format(root=root, parent=root.parent, grand=root.parent.parent) in err, err
    assert (root / ".git" / "HEAD").exists() and (root / "versions" / "privacy.yml").exists()
