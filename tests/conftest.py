"""Shared fixtures: tiny git repositories built in tmp dirs with fixed
authors and dates (as simonw/git-history does), so history is reproducible."""

from __future__ import annotations

import os
import sys
import subprocess
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

LANGS = ("ko", "en")

MKDOCS_YML = textwrap.dedent("""\
    site_name: Fixture
    site_url: https://example.test/
    theme:
      name: material
    plugins:
      - search
      - i18n:
          docs_structure: folder
          fallback_to_default: false
          languages:
            - locale: ko
              name: 한국어
              default: true
            - locale: en
              name: English
      - policynotice:
          policies:
            - id: privacy
""")


def entry(version: str, notice: str, effective: str, langs=LANGS, **extra) -> str:
    lines = [f'  - version: "{version}"', f"    notice_date: {notice}",
             f"    effective_date: {effective}", "    summary:"]
    lines += [f"      {lang}: Summary of {version} ({lang})" for lang in langs]
    lines += ["    reason:"]
    lines += [f"      {lang}: Reason for {version} ({lang})" for lang in langs]
    for key, value in extra.items():
        lines.append(f"    {key}: {value}")
    return "\n".join(lines) + "\n"


def release_log(*entries: str, policy: str = "privacy") -> str:
    return f"policy: {policy}\nversions:\n" + "".join(entries)


def policy_text(title: str, *sections: tuple[str, str]) -> str:
    body = "".join(f"\n## {h}\n\n{b}\n" for h, b in sections)
    return f"# {title}\n\nIntro paragraph.\n{body}"


class GitFixture:
    """A git repository with a fixed author and a clock that advances one
    day per commit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.write({"mkdocs.yml": MKDOCS_YML})

    def env(self) -> dict[str, str]:
        stamp = f"2024-01-{1 + self.day % 28:02d}T12:00:00+09:00"
        return {
            **os.environ,
            "GIT_AUTHOR_NAME": "Legal Editor", "GIT_AUTHOR_EMAIL": "legal@example.test",
            "GIT_COMMITTER_NAME": "Legal Editor", "GIT_COMMITTER_EMAIL": "legal@example.test",
            "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
        }

    def git(self, *args: str) -> str:
        out = subprocess.run(["git", *args], cwd=self.root, env=self.env(), check=True,
                             capture_output=True, text=True)
        return out.stdout.strip()

    def write(self, files: dict[str, str | bytes | None]) -> None:
        for path, content in files.items():
            target = self.root / path
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    def commit(self, files: dict[str, str | bytes | None], message: str) -> str:
        self.write(files)
        self.git("add", "-A")
        self.day += 1
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def texts(self, version: str, langs=LANGS, extra: str = "") -> dict[str, str]:
        return {f"docs/{lang}/privacy.md": policy_text(
            f"Privacy ({lang})",
            ("1. Items collected", f"- email\n- name{extra}"),
            ("2. Contact", f"Write to privacy@example.test about version {version}."),
        ) for lang in langs}


@pytest.fixture(autouse=True, scope="session")
def _cache_home(tmp_path_factory):
    """Content caches (and their HMAC key) in a folder of this test session,
    not in the user's ~/.cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture
def git_repo(tmp_path: Path) -> GitFixture:
    return GitFixture(tmp_path / "repo")


# -- the example site, built once per test session ---------------------------
TEST_TODAY = "2026-11-25"  # an upcoming version of each policy is announced but not in force


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """`policynotice build` of this repository's own example site."""
    out = tmp_path_factory.mktemp("example")
    result = subprocess.run(
        [sys.executable, "-m", "policynotice", "build", "--today", TEST_TODAY, "--strict",
         "--site-dir", str(out / "site"), "--notices-dir", str(out / "notices"), "--quiet"],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return out
