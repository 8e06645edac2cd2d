"""The command line: exact error lines and exit codes, and the atomic build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import entry, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2024-09-02", "2024-08-23", "2024-09-02")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policynotice", *args], cwd=cwd,
                          capture_output=True, text=True)


def one_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_no_command_is_bad_usage(tmp_path):
    r = run(cwd=tmp_path)
    assert r.returncode == 2
    assert one_error(r) == ("Error: missing command: init, build, check, diff, classify, import, show, "
                            "export or send (see 'policynotice --help')")


def test_unknown_option_is_bad_usage(tmp_path):
    r = run("check", "--frmat", "json", cwd=tmp_path)
    assert r.returncode == 2
    assert one_error(r) == ("Error: unrecognized arguments: --frmat json "
                            "(see 'policynotice --help')")


def test_bad_today_is_bad_usage(tmp_path):
    r = run("build", "--today", "2026-13-01", cwd=tmp_path)
    assert r.returncode == 2
    assert one_error(r) == "Error: --today '2026-13-01' is not a date; expected YYYY-MM-DD"


def test_missing_mkdocs_yml(tmp_path):
    r = run("check", cwd=tmp_path)
    assert r.returncode == 1
    assert one_error(r) == ("Error: mkdocs.yml: no such file; expected the site's mkdocs.yml "
                            "(run in the repository root or pass -f)")


def test_not_a_git_repository(git_repo):
    git_repo.write({"docs/ko/index.md": "# 홈\n"})
    subprocess.run(["rm", "-rf", str(git_repo.root / ".git")], check=True)
    r = run("check", cwd=git_repo.root)
    assert r.returncode == 1
    assert one_error(r) == (f"Error: {git_repo.root}: not a git repository; policynotice reads "
                            f"every published version from git history (run it inside a clone "
                            f"of the policy repository)")


def test_shallow_clone(git_repo, tmp_path):
    git_repo.commit({**git_repo.texts("v1"), "versions/privacy.yml": release_log(E1)}, "v1")
    git_repo.commit({**git_repo.texts("v2"), "versions/privacy.yml": release_log(E1, E2)}, "v2")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone)],
                   check=True)
    r = run("check", cwd=clone)
    assert r.returncode == 1
    assert one_error(r) == (
        f"Error: {clone}: this clone is shallow, so earlier policy versions are missing (fetch "
        f"the full history with 'git fetch --unshallow', or in GitHub Actions use "
        f"actions/checkout with 'fetch-depth: 0')")


def test_broken_release_log_names_file_and_line(git_repo):
    git_repo.commit({**git_repo.texts("v1"),
                     "versions/privacy.yml": release_log(E1).replace("2024-02-20", "2024-02-31")},
                    "v1 with a typo")
    r = run("check", cwd=git_repo.root)
    assert r.returncode == 1
    assert one_error(r) == ("Error: versions/privacy.yml:3: version 2024-03-01: 'notice_date' "
                            "must be a date written YYYY-MM-DD (got '2024-02-31')")


@pytest.mark.parametrize("content, expected", [
    (None, "Error: {p}: no such file; expected a Markdown policy text"),
    (b"# T\n\x00\x01binary", "Error: {p}: the file is binary; expected Markdown text (save the "
                             "policy as a plain-text .md file in UTF-8)"),
    ("# T\ncaf\u00e9\n".encode("latin-1"), "Error: {p}:2: the file is not valid UTF-8 (save it "
                                           "again with UTF-8 encoding)"),
])
def test_diff_bad_files(tmp_path, content, expected):
    good = tmp_path / "good.md"
    good.write_text("# T\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    if content is not None:
        bad.write_bytes(content)
    for command in ("diff", "classify"):
        r = run(command, "good.md", "bad.md", cwd=tmp_path)
        assert r.returncode == 1
        assert one_error(r) == expected.format(p="bad.md")


def test_unknown_language_is_bad_usage(tmp_path):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    r = run("diff", "a.md", "a.md", "--lang", "fr", cwd=tmp_path)
    assert r.returncode == 2
    assert one_error(r) == "Error: --lang 'fr' is not supported; expected ko, en, zh, zh-Hant or es"


def test_diff_json_contract_reconstructs_both_files(tmp_path):
    import json

    old = "# 개인정보 처리방침\r\n\r\n- 이메일\r\n- 이름\r\n\r\n보유 기간: 1년\u00a0🙂\r\n"
    new = "# 개인정보 처리방침\n\n- 이메일\n- 휴대전화번호\n- 이름\n\n보유 기간: 3년\u00a0🙂\n"
    (tmp_path / "old.md").write_bytes(old.encode())
    (tmp_path / "new.md").write_bytes(new.encode())
    r = run("diff", "old.md", "new.md", "--lang", "ko", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    ops = json.loads(r.stdout)["ops"]
    assert {op for op, _ in ops} <= {"equal", "insert", "delete"}
    normalised_old = old.replace("\r\n", "\n")  # CRLF from a web editor is normalised
    assert "".join(t for op, t in ops if op != "insert") == normalised_old
    assert "".join(t for op, t in ops if op != "delete") == new
    assert ["insert", "휴대전화번호"] in [[op, t.strip(" -\n")] for op, t in ops]


def test_diff_text_and_html_formats(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\nWe keep logs for 1 year.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n\nWe keep logs for 3 years.\n", encoding="utf-8")
    text = run("diff", "a.md", "b.md", cwd=tmp_path)
    assert text.stdout == "# T\n\nWe keep logs for [-1 year-]{+3 years+}.\n"
    html = run("diff", "a.md", "b.md", "--format", "html", cwd=tmp_path)
    assert "<del" in html.stdout and "<ins" in html.stdout


def test_classify_json_contract(tmp_path):
    import json

    base = "# Privacy\n\n## 2. Items we collect\n\n- email address\n- name\n"
    (tmp_path / "a.md").write_text(base, encoding="utf-8")
    (tmp_path / "b.md").write_text(base + "- date of birth\n", encoding="utf-8")
    r = run("classify", "a.md", "b.md", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["class"] == "material"
    reason = next(x for x in data["reasons"] if x["material"])
    assert reason["category"] == "data_items"
    assert reason["section"] == "2. Items we collect"
    assert "date of birth" in reason["excerpt"]


def test_build_today_does_not_leak_into_the_next_command(tmp_path, monkeypatch):
    """--today is a value given to one build, not left in the environment."""
    import os

    from policynotice.cli import main
    from policynotice.config import TODAY_ENV

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    monkeypatch.delenv(TODAY_ENV, raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["build", "--quiet", "--today", "2026-11-25", "--site-dir", str(tmp_path / "site"),
                 "--notices-dir", str(tmp_path / "notices")]) == 0
    assert TODAY_ENV not in os.environ and "SOURCE_DATE_EPOCH" not in os.environ
