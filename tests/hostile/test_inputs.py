"""Hostile and broken input: every mistake gets one clear line (file, what was
expected, how to fix it), exit code 1, no traceback, and a failing build
leaves the previous site untouched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from policynotice.cli import main

from ..conftest import MKDOCS_YML, GitFixture, entry, policy_text, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2024-09-02", "2024-08-23", "2024-09-02")
LOG = "versions/privacy.yml"
EN = "docs/en/privacy.md"
KO = "docs/ko/privacy.md"


def baseline(fx: GitFixture) -> None:
    fx.commit({"docs/ko/index.md": "# 홈\n", "docs/en/index.md": "# Home\n",
               **fx.texts("v1"), LOG: release_log(E1)}, "v1")
    fx.commit({**fx.texts("v2"), LOG: release_log(E1, E2)}, "v2")


def run_cli(capsys, *args: str) -> tuple[int, str]:
    """Exit code and the lines a user sees about errors: stderr, plus the
    `Error:` lines of check's report (which goes to stdout)."""
    code = main(list(args))
    captured = capsys.readouterr()
    report_errors = [ln for ln in captured.out.splitlines() if ln.startswith("Error: ")]
    return code, "\n".join([*report_errors, captured.err.strip()]).strip()


# (id, files to write and commit, expected fragment of the one error line)
CASES = [
    ("invalid-yaml", {LOG: "policy: privacy\nversions:\n  - version: [\n"},
     "versions/privacy.yml:4: invalid YAML"),
    ("unknown-top-key", {LOG: release_log(E1, E2) + "notes: x\n"},
     "unknown key 'notes' at the top level"),
    ("unknown-entry-key", {LOG: release_log(E1, E2.replace("    summary:", "    sumary:"))},
     "unknown key 'sumary' in a version entry"),
    ("entry-without-dates", {LOG: release_log(E1, E2.replace("    notice_date: 2024-08-23\n", ""))},
     "version 2024-09-02: missing 'notice_date' (add 'notice_date: YYYY-MM-DD')"),
    ("unparseable-date", {LOG: release_log(E1, E2.replace("2024-08-23", "23/08/2024"))},
     "'notice_date' must be a date written YYYY-MM-DD (got '23/08/2024')"),
    ("impossible-date", {LOG: release_log(E1, E2.replace("2024-08-23", "2024-02-30"))},
     "(got '2024-02-30')"),
    ("duplicate-version", {LOG: release_log(E1, E1.replace("2024-02-20", "2024-08-23")
                                            .replace("effective_date: 2024-03-01",
                                                     "effective_date: 2024-09-02"))},
     "duplicate version id '2024-03-01'"),
    ("unknown-language", {LOG: release_log(E1, E2.replace("      en: Summary", "      fr: Summary"))},
     "unknown language 'fr' in 'summary'"),
    ("missing-language-text", {LOG: release_log(E1, E2.replace("      en: Reason for 2024-09-02 (en)\n", ""))},
     "'reason' has no text for en"),
    ("version-id-traversal", {LOG: release_log(E1, E2.replace('"2024-09-02"', '"../../etc"'))},
     "'version' must be a short id"),
    ("version-id-slash", {LOG: release_log(E1, E2.replace('"2024-09-02"', '"a/b"'))},
     "'version' must be a short id"),
    ("effective-before-notice", {LOG: release_log(E1, E2.replace("2024-08-23", "2024-09-03"))},
     "effective_date 2024-09-02 is before notice_date 2024-09-03"),
    ("summary-not-a-mapping", {LOG: release_log(E1, E2.replace(
        "    summary:\n      ko: Summary of 2024-09-02 (ko)\n      en: Summary of 2024-09-02 (en)\n",
        "    summary: just text\n"))},
     "'summary' must map each language to a text"),
    ("bad-class", {LOG: release_log(E1, entry("2024-09-02", "2024-08-23", "2024-09-02",
                                              **{"class": "huge"}))},
     "'class' must be 'material' or 'ordinary' (got 'huge')"),
    ("imported-not-bool", {LOG: release_log(E1, entry("2024-09-02", "2024-08-23", "2024-09-02",
                                                      imported="maybe"))},
     "'imported' must be true or false"),
    ("log-is-a-list", {LOG: "- 1\n- 2\n"}, "expected a mapping with 'policy:' and 'versions:'"),
    ("log-empty", {LOG: ""}, "the release log is empty"),
    ("log-wrong-policy", {LOG: release_log(E1, E2, policy="terms")},
     "'policy: terms' does not match the file name"),
    ("log-not-utf8", {LOG: "policy: privacy\n# caf\xe9\n".encode("latin-1")},
     "versions/privacy.yml:2: the file is not valid UTF-8"),
    ("log-missing", {LOG: None}, "missing release log for policy 'privacy'"),
    ("missing-translation", {EN: None}, "docs/en/privacy.md: the file is missing"),
    ("empty-policy-file", {EN: ""}, "docs/en/privacy.md: the file is empty"),
    ("policy-not-utf8", {EN: "# Privacy\ncaf\xe9\n".encode("latin-1")},
     "docs/en/privacy.md:2: the file is not valid UTF-8"),
    ("binary-policy", {EN: b"\x89PNG\r\n\x1a\n\x00\x00binary"},
     "docs/en/privacy.md: the file is binary"),
    ("huge-policy", {EN: b"# Big\n" + b"word " * (2 * 1024 * 1024)},
     "docs/en/privacy.md: the file is 10.0 MB"),
    ("mkdocs-policy-id-slash", {"mkdocs.yml": MKDOCS_YML.replace("- id: privacy", "- id: a/b")},
     "policy id 'a/b' must be lower-case letters"),
    ("mkdocs-policy-id-dotdot", {"mkdocs.yml": MKDOCS_YML.replace("- id: privacy", "- id: ..")},
     "policy id '..' must be lower-case letters"),
    ("mkdocs-file-traversal", {"mkdocs.yml": MKDOCS_YML.replace(
        "- id: privacy", "- id: privacy\n          file: ../secret.md")},
     "file '../secret.md' must be a relative .md path"),
    ("mkdocs-bad-timezone", {"mkdocs.yml": MKDOCS_YML.replace(
        "  - policynotice:\n", "  - policynotice:\n      timezone: Mars/Olympus\n")},
     "unknown timezone 'Mars/Olympus'"),
    ("mkdocs-invalid-yaml", {"mkdocs.yml": "site_name: [unclosed\n"}, "mkdocs.yml"),
    ("mkdocs-unknown-plugin-key", {"mkdocs.yml": MKDOCS_YML.replace(
        "  - policynotice:\n", "  - policynotice:\n      polices: []\n")},
     "mkdocs.yml"),
    ("mkdocs-unknown-policy-key", {"mkdocs.yml": MKDOCS_YML.replace(
        "- id: privacy", "- id: privacy\n          profil: kr_terms")},
     "unknown option 'profil' in a policy; expected one of: file, id, profile"),
    ("mkdocs-compare-pairs-too-small", {"mkdocs.yml": MKDOCS_YML.replace(
        "  - policynotice:\n", "  - policynotice:\n      compare_all_pairs_up_to: 1\n")},
     "mkdocs.yml: 'compare_all_pairs_up_to' must be 2 or more (got 1)"),
]


@pytest.mark.parametrize("case_id, files, expected", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_input_gets_one_clear_line(git_repo, capsys, monkeypatch, case_id, files, expected,
                                       command):
    baseline(git_repo)
    git_repo.commit(files, f"hostile: {case_id}")
    monkeypatch.chdir(git_repo.root)
    monkeypatch.delenv("POLICYNOTICE_TODAY", raising=False)
    args = [command, "--today", "2026-11-25"]
    if command == "build":
        args += ["--quiet"]
    code, err = run_cli(capsys, *args)
    assert code == 1, err
    error_lines = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(error_lines) == 1, err
    assert "Traceback" not in err
    assert expected.format(MB="") in error_lines[0]
    if command == "build":
        assert not (git_repo.root / "site").exists()  # nothing half-written


def test_failed_build_leaves_the_previous_site_untouched(git_repo, capsys, monkeypatch):
    baseline(git_repo)
    monkeypatch.chdir(git_repo.root)
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 0, err
    site = git_repo.root / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    git_repo.commit({EN: b"\x00binary"}, "break the English text")
    code, err = run_cli(capsys, "build", "--today", "2026-11-25", "--quiet")
    assert code == 1
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in git_repo.root.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_bom_and_crlf_are_accepted(git_repo, capsys, monkeypatch, variant):
    baseline(git_repo)
    text = policy_text("Privacy (en)", ("1. Items collected", "- email\n- name"),
                       ("2. Contact", "Write to privacy@example.test about version v2."))
    data = ("\ufeff" + text) if variant == "bom" else text.replace("\n", "\r\n")
    git_repo.commit({EN: data.encode()}, f"web editor saved with {variant}")
    monkeypatch.chdir(git_repo.root)
    code, err = run_cli(capsys, "check", "--today", "2026-11-25")
    assert code == 0, err


def test_repository_that_is_not_git(tmp_path, capsys, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs" / "ko").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "build"):
        code, err = run_cli(capsys, command, "--today", "2026-11-25")
        assert code == 1
        assert err == (f"Error: {tmp_path}: not a git repository; policynotice reads every "
                       f"published version from git history (run it inside a clone of the "
                       f"policy repository)")


def test_shallow_clone_for_both_commands(git_repo, tmp_path, capsys, monkeypatch):
    baseline(git_repo)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone)],
                   check=True)
    monkeypatch.chdir(clone)
    for command in ("check", "build"):
        code, err = run_cli(capsys, command, "--today", "2026-11-25")
        assert code == 1
        assert "fetch-depth: 0" in err and len(err.splitlines()) == 1
