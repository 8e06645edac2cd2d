"""History is evidence: `check --base` fails when a version published at the
base is gone from the head's log, when anything a published entry said
changed (summary, reason, class, justification, dates), when the history
that published it was rewritten, when a configured policy disappears, and
when the pull request changes the mkdocs.yml options that decide what is in
force."""

from __future__ import annotations

import pytest

from ..conftest import MKDOCS_YML, entry, release_log
from .test_gate import E1, check, pr, texts  # noqa: F401 - pr is a fixture

E2 = entry("2026-12-26", "2026-11-26", "2026-12-26")
LOG = "versions/privacy.yml"


def _errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("Error: ")]


@pytest.mark.parametrize("field, old, new", [
    ("summary", "Summary of 2024-03-01 (en)", "Nothing changed, really"),
    ("reason", "Reason for 2024-03-01 (ko)", "다른 이유"),
])
def test_what_a_published_entry_said_cannot_change(git_repo, pr, capsys, field, old, new):
    git_repo.commit({LOG: release_log(E1.replace(old, new))}, f"edit published {field}")
    code, out = check(capsys)
    assert code == 1
    assert any(f"the '{field}' of published version 2024-03-01 changed" in e
               for e in _errors(out)), out


@pytest.mark.parametrize("extra, key", [
    ({"class": "material"}, "class"),
    ({"class": "ordinary", "justification": "{ko: 사소함, en: trivial}"}, "justification"),
])
def test_class_and_justification_of_a_published_entry_cannot_change(git_repo, pr, capsys, extra,
                                                                    key):
    git_repo.commit({LOG: release_log(entry("2024-03-01", "2024-02-20", "2024-03-01", **extra))},
                    "edit published class")
    code, out = check(capsys)
    assert code == 1
    assert any(f"the '{key}' of published version 2024-03-01 changed" in e
               for e in _errors(out)), out


def test_force_pushed_history_without_the_published_version_fails(git_repo, pr, capsys):
    """A rewritten branch whose log never listed the published version: no
    commit of the head's history 'removed' it, so only the base can tell."""
    git_repo.git("checkout", "-q", "--orphan", "rewrite")
    git_repo.commit({**texts("- email address\n- name"),
                     LOG: release_log(entry("2026-12-26", "2026-11-26", "2026-12-26"))},
                    "history without 2024-03-01")
    code, out = check(capsys)
    assert code == 1
    errors = _errors(out)
    assert any("version 2024-03-01, published at the base revision, is missing from the release "
               "log" in e for e in errors), out


def test_identical_but_rewritten_history_fails(git_repo, pr, capsys):
    """Same text, same log, but not the commits that published them."""
    git_repo.git("checkout", "-q", "--orphan", "rewrite")
    git_repo.day += 5  # another commit id for the same content
    git_repo.commit({**texts("- email address\n- name"), LOG: release_log(E1)}, "rewritten")
    code, out = check(capsys)
    assert code == 1
    assert any("is not in this branch's history; the history was rewritten" in e
               for e in _errors(out)), out


def test_a_pull_request_that_merged_the_base_passes(git_repo, pr, capsys):
    git_repo.git("checkout", "-q", "main")
    git_repo.commit({"docs/ko/index.md": "# 홈\n"}, "main moves on")
    git_repo.git("checkout", "-q", "pr")
    git_repo.git("merge", "-q", "--no-edit", "main")
    code, out = check(capsys)
    assert code == 0, out


def test_a_policy_id_that_disappears_fails(git_repo, pr, capsys):
    renamed = MKDOCS_YML.replace("- id: privacy", "- id: terms")
    git_repo.commit({
        "mkdocs.yml": renamed,
        **{f"docs/{lang}/terms.md": text for lang, text in
           zip(("ko", "en"), texts("- email address\n- name").values())},
        "versions/terms.yml": release_log(E1, policy="terms"),
    }, "rename the policy")
    code, out = check(capsys)
    assert code == 1
    assert any("policy 'privacy' is published at the base revision but no longer configured" in e
               for e in _errors(out)), out


@pytest.mark.parametrize("option", [
    "today: \"2030-01-01\"",
    "governing_language: en",
    "notice_profiles: {lenient: {material: 1}}",
    "notice_reading: strict",
    "versions_dir: other",
    "timezone: Pacific/Kiritimati",
])
def test_changing_the_rules_in_force_fails(git_repo, pr, capsys, option):
    key = option.split(":")[0]
    files = {"mkdocs.yml": MKDOCS_YML.replace("  - policynotice:\n",
                                              f"  - policynotice:\n      {option}\n")}
    if key == "versions_dir":
        files["other/privacy.yml"] = release_log(E1)
    git_repo.commit(files, f"change {key}")
    code, out = check(capsys)
    assert code == 1
    assert any(f"mkdocs.yml: the pull request changes '{key}'" in e for e in _errors(out)), out


def test_changing_a_policy_profile_fails(git_repo, pr, capsys):
    git_repo.commit({"mkdocs.yml": MKDOCS_YML.replace(
        "- id: privacy", "- id: privacy\n          profile: kr_terms")}, "weaker profile")
    code, out = check(capsys)
    assert code == 1
    assert any("changes 'policies: privacy: profile'" in e for e in _errors(out)), out


def test_adding_a_policy_is_not_a_rule_change(git_repo, pr, capsys):
    git_repo.commit({
        "mkdocs.yml": MKDOCS_YML.replace("- id: privacy", "- id: privacy\n        - id: terms"),
        **{f"docs/{lang}/terms.md": text for lang, text in
           zip(("ko", "en"), texts("- email address").values())},
        "versions/terms.yml": release_log(E1, policy="terms"),
    }, "a new policy")
    code, out = check(capsys)
    assert not any("changed-rules" in e or "pull request changes" in e for e in _errors(out)), out


def test_alias_bomb_in_mkdocs_yml_is_one_line(git_repo, pr, capsys):
    bomb = ('x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"x-{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n"
                      for p, n in zip("abcdefgh", "bcdefghi")))
    git_repo.commit({"mkdocs.yml": bomb + MKDOCS_YML}, "bomb")
    from policynotice.cli import main

    code = main(["check", "--base", "main", "--today", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Error: mkdocs.yml:") and len(err.splitlines()) == 1, err
    assert "expands to more than 200000 values" in err


@pytest.mark.parametrize("hook_at_base", [False, True])
def test_the_gate_does_not_run_a_pull_requests_hook(git_repo, pr, capsys, tmp_path, hook_at_base):
    """MkDocs runs `hooks:` files while loading mkdocs.yml."""
    from policynotice.cli import main

    marker = tmp_path / "ran"
    with_hook = MKDOCS_YML + "hooks:\n  - hook.py\n"
    if hook_at_base:
        git_repo.git("checkout", "-q", "main")
        git_repo.commit({"mkdocs.yml": with_hook, "hook.py": "x = 1\n"}, "a reviewed hook")
        git_repo.git("checkout", "-q", "pr")
        git_repo.git("merge", "-q", "--no-edit", "main")
        code = main(["check", "--base", "main", "--today", "2026-11-25"])
        assert code == 0, capsys.readouterr()
    git_repo.commit({"mkdocs.yml": with_hook,
                     "hook.py": f"open({str(marker)!r}, 'w').close()\n"}, "evil hook")
    code = main(["check", "--base", "main", "--today", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Error: mkdocs.yml: hooks: hook.py is new or changed in this pull "
                          "request"), err
    assert not marker.exists()
