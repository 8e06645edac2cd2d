"""Invisible characters in policy text: `check` names file, line, column and
code point; texts are NFC-normalised where they are read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.cli import main
from policynotice.sources.text import decode_policy, find_invisible

from ..conftest import entry, policy_text, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
E2 = entry("2026-12-26", "2026-11-26", "2026-12-26")
LOG = "versions/privacy.yml"


def texts(retention: str) -> dict[str, str]:
    return {f"docs/{lang}/privacy.md": policy_text(
        f"Privacy ({lang})", ("1. Retention", f"We keep your data for {retention}."),
        ("2. Contact", "Write to privacy@example.test."),
    ) for lang in ("ko", "en")}


@pytest.fixture
def pr(git_repo, monkeypatch):
    git_repo.commit({**texts("1 year"), LOG: release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(git_repo.root)
    return git_repo


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202a", "\u202e",
             "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u180e", "\U000e0031"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_check_names_file_line_column_and_code_point(pr, capsys, char):
    """On screen "1\u200b year" reads like "1 year"; the attack turned
    "1 year" into "10 years" for readers while the classifier saw otherwise."""
    new = texts("1 year")
    new["docs/en/privacy.md"] = new["docs/en/privacy.md"].replace("1 year", f"1{char}0 years")
    pr.commit({**new, LOG: release_log(E1, E2)}, "hidden character")
    code = main(["check", "--base", "main", "--today", "2026-11-25"])
    out = capsys.readouterr().out
    errors = [ln for ln in out.splitlines() if "invisible character" in ln]
    assert code == 1
    text_line = new["docs/en/privacy.md"].splitlines().index(
        f"We keep your data for 1{char}0 years.") + 1
    column = len("We keep your data for 1") + 1
    assert errors == [f"Error: docs/en/privacy.md:{text_line}:{column}: invisible character "
                      f"U+{ord(char):04X} {find_invisible(char).__next__().name} in version "
                      f"2026-12-26 (en); remove it — it changes what readers see without "
                      f"showing itself"], out


def test_invisible_character_in_an_uncommitted_draft_is_reported(pr, capsys):
    (pr.root / "docs/ko/privacy.md").write_text(texts("1\u200b년")["docs/ko/privacy.md"])
    main(["check", "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert "docs/ko/privacy.md:7:24: invisible character U+200B ZERO WIDTH SPACE in the draft" in out


def test_texts_are_nfc_normalised_where_read():
    decomposed = "\u1100\u1161 cafe\u0301"  # 가 and café, as a macOS editor writes them
    assert decode_policy(decomposed.encode(), where="x.md") == "\uac00 caf\u00e9"


def test_a_policy_saved_decomposed_is_not_an_edit(pr, capsys):
    import unicodedata
    nfd = {path: unicodedata.normalize("NFD", text.replace("Privacy", "개인정보 처리방침"))
           for path, text in texts("1 year").items()}
    nfc = {path: unicodedata.normalize("NFC", text) for path, text in nfd.items()}
    pr.commit({**nfc, LOG: release_log(E1, E2)}, "v2 in NFC")
    pr.commit(nfd, "saved again by a macOS editor (NFD)")
    main(["check", "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert "unreleased-edit" not in out and "differs from the latest published" not in out, out


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_every_reported_position_points_at_the_character(text):
    lines = text.split("\n")
    for bad in find_invisible(text):
        assert lines[bad.line - 1][bad.column - 1] == bad.char
        assert bad.char not in "\n\t"
