"""`policynotice init DIR`: a new site that checks and builds as it is, in a
tmp dir, before and after its first commit; and what it refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from policynotice.errors import PolicyNoticeError, UsageError
from policynotice.scaffold import init_site


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policynotice", *args], cwd=cwd,
                          capture_output=True, text=True)


def _commit(root: Path, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.test",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.test",
           "GIT_AUTHOR_DATE": "2026-12-03T12:00:00+09:00",
           "GIT_COMMITTER_DATE": "2026-12-03T12:00:00+09:00"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


@pytest.mark.slow
def test_init_then_build_then_check(tmp_path: Path):
    r = _cli("init", "site", "--languages", "ko,en", "--company", "Nuri Books",
             "--today", "2026-12-03", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("created a policy site in site (8 files; languages ko, en; "
                               "profile kr_privacy)")
    root = tmp_path / "site"
    assert (root / ".git").is_dir()
    for name in ("mkdocs.yml", "README.md", ".gitignore", "versions/privacy.yml",
                 "docs/ko/privacy.md", "docs/en/privacy.md", "docs/ko/index.md"):
        assert (root / name).is_file(), name
    assert "개인정보 처리방침" in (root / "docs/ko/privacy.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "docs/ko/privacy.md" in readme and "versions/privacy.yml" in readme

    # Before the first commit (a preview) and after it.
    for stage in ("working tree", "committed"):
        check = _cli("check", "--today", "2026-12-03", cwd=root)
        assert check.returncode == 0, f"{stage}: {check.stdout}{check.stderr}"
        assert "privacy 2026-12-03: first version" in check.stdout
        build = _cli("build", "--today", "2026-12-03", "--strict", "-q", cwd=root)
        assert build.returncode == 0, f"{stage}: {build.stderr}"
        page = (root / "site/privacy/index.html").read_text(encoding="utf-8")
        assert "개인정보 처리방침" in page
        assert (root / "site/en/privacy/index.html").is_file()
        if stage == "working tree":
            _commit(root, "policy site from policynotice init")

    # A second version, the way the README tells the legal team.
    for lang in ("ko", "en"):
        path = root / f"docs/{lang}/privacy.md"
        path.write_text(path.read_text(encoding="utf-8").replace("30", "60"), encoding="utf-8")
    log = root / "versions/privacy.yml"
    log.write_text(log.read_text(encoding="utf-8") + (
        '  - version: "2027-01-10"\n    notice_date: 2026-12-04\n    effective_date: 2027-01-10\n'
        "    summary: {ko: 보유 기간 변경, en: Longer retention}\n"
        "    reason: {ko: 법령 개정, en: A change in the law}\n"), encoding="utf-8")
    _commit(root, "privacy: keep data 60 days")
    check = _cli("check", "--today", "2026-12-04", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "privacy 2027-01-10: material" in check.stdout


def test_the_files_for_five_languages_and_another_policy(tmp_path: Path):
    written = init_site(tmp_path / "s", languages=["en", "ko", "zh", "zh-Hant", "es"],
                        policy="terms", profile="eu_p2b", company="ACME: \"quoted\"",
                        today=date(2026, 12, 3), git=False)
    root = tmp_path / "s"
    assert len(written) == 3 + 1 + 2 * 5
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8").replace("!!", ""))
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in config["plugins"]}
    languages = plugins["i18n"]["i18n"]["languages"]
    assert [lang["locale"] for lang in languages] == ["en", "ko", "zh", "zh-Hant", "es"]
    assert languages[0]["default"] is True
    notice = plugins["policynotice"]["policynotice"]
    assert notice["policies"] == [{"id": "terms", "profile": "eu_p2b"}]
    assert notice["timezone"] == "UTC" and notice["company"]["name"] == 'ACME: "quoted"'
    log = yaml.safe_load((root / "versions/terms.yml").read_text(encoding="utf-8"))
    assert set(log["versions"][0]["summary"]) == {"en", "ko", "zh", "zh-Hant", "es"}
    assert (root / "docs/zh-Hant/terms.md").read_text(encoding="utf-8").startswith(
        '---\ntitle: "服務條款"\n---\n\n# 服務條款\n')
    assert not (root / ".git").exists()


def test_init_overwrites_nothing(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    with pytest.raises(PolicyNoticeError) as excinfo:
        init_site(tmp_path, languages=["en"], today=date(2026, 12, 3))
    assert excinfo.value.one_line() == (
        f"{tmp_path}: already holds mkdocs.yml; init writes a new site and overwrites nothing "
        f"(choose an empty or new folder)")
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"


@pytest.mark.parametrize("kwargs, words", [
    ({"languages": ["fr"]}, "--languages: 'fr' is not supported"),
    ({"languages": []}, "--languages needs at least one language"),
    ({"languages": ["en"], "policy": "Privacy Policy"}, "--policy 'Privacy Policy' is not valid"),
    ({"languages": ["en"], "profile": "gdpr"}, "--profile 'gdpr' is not a built-in profile"),
])
def test_bad_usage(tmp_path: Path, kwargs, words):
    with pytest.raises(UsageError) as excinfo:
        init_site(tmp_path / "s", today=date(2026, 12, 3), **kwargs)
    assert words in excinfo.value.one_line()
    assert not (tmp_path / "s").exists()


def test_the_command_fails_in_one_line(tmp_path: Path):
    r = _cli("init", "s", "--languages", "en,xx", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("Error: --languages: 'xx' is not supported")
    r = _cli("init", "s", "--timezone", "Mars/Olympus", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("Error: --timezone 'Mars/Olympus' is unknown")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "docs").mkdir()
    r = _cli("init", "t", cwd=tmp_path)
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
    assert "already holds docs" in r.stderr
