"""Version and policy ids become folder names: anchored at the true end, no
'..', no generated page's name, no two differing only in case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.errors import ReleaseLogError
from policynotice.sources.releaselog import (
    POLICY_ID_RE, RESERVED_VERSION_IDS, VERSION_ID_RE, parse_release_log,
)

from ..conftest import MKDOCS_YML, entry, release_log
from .test_inputs import baseline, run_cli

LOG = "versions/privacy.yml"


def parse(text: str):
    return parse_release_log(text, path=LOG, policy="privacy", languages=("ko", "en"))


@pytest.mark.parametrize("version", ["v3\n", "v3\\n", "a..b", "1..2", "v1\r"])
def test_ids_with_a_trailing_newline_or_dotdot_are_refused(version):
    # Written as a double-quoted YAML escape: "v3\n" is v3 and a newline.
    raw = version.replace("\n", "\\n").replace("\r", "\\r")
    with pytest.raises(ReleaseLogError, match="'version' must be a short id"):
        parse(release_log(entry("v1", "2024-01-01", "2024-02-01").replace('"v1"', f'"{raw}"')))


def test_patterns_are_anchored_at_the_true_end():
    assert VERSION_ID_RE.match("v3\n") is None
    assert POLICY_ID_RE.match("privacy\n") is None


@pytest.mark.parametrize("version", sorted(RESERVED_VERSION_IDS) + ["History", "COMPARE", "Draft"])
def test_generated_page_names_are_refused(version):
    with pytest.raises(ReleaseLogError, match=f"version id '{version}' is the name of a generated"):
        parse(release_log(entry(version, "2024-01-01", "2024-02-01")))


def test_ids_differing_only_in_case_are_refused():
    with pytest.raises(ReleaseLogError,
                       match="duplicate version id 'V1' \\(first used as 'v1'; ids differing only in case are one folder on line 3\\)"):
        parse(release_log(entry("v1", "2024-01-01", "2024-02-01"),
                          entry("V1", "2024-03-01", "2024-04-01")))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09._-\n\r/\\ \u00e9\u0130\u212a"), max_size=12))
def test_accepted_version_ids_are_safe_folder_names(version):
    text = release_log(entry("v0", "2024-01-01", "2024-02-01")).replace(
        '"v0"', '"' + version.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"')
    try:
        log = parse(text)
    except ReleaseLogError as exc:
        assert "\n" not in exc.one_line()
        return
    (only,) = log.entries
    assert only.version.isascii() and only.version == only.version.strip()
    assert "/" not in only.version and ".." not in only.version and "\n" not in only.version
    assert only.version.casefold() not in RESERVED_VERSION_IDS


@pytest.mark.parametrize("policies, expected", [
    ("- id: privacy\n        - id: terms\n          file: Privacy.md",
     "policies 'privacy' and 'terms' would be published at the same address privacy/"),
    ("- id: subscribe", "file 'subscribe.md' would be published at subscribe/"),
    ("- id: en", "file 'en.md' would be published at en/"),
    ("- id: privacy\n          file: feeds.md", "file 'feeds.md' would be published at feeds/"),
])
def test_policy_addresses_that_collide_are_refused(git_repo, capsys, monkeypatch, policies,
                                                   expected):
    baseline(git_repo)
    git_repo.commit({"mkdocs.yml": MKDOCS_YML.replace("- id: privacy", policies)}, "policies")
    monkeypatch.chdir(git_repo.root)
    for command in ("check", "build"):
        code, err = run_cli(capsys, command, "--today", "2026-11-25")
        assert code == 1, err
        assert len(err.splitlines()) == 1 and expected in err, err
