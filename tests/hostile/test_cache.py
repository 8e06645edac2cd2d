"""Never trust a cache that came from git: a crafted classification or
redline entry is not used, and a repository that tracks cache files is
refused by `check` (and `build`) with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policynotice.cache import ContentCache, cache_home, default_cache_dir
from policynotice.cli import main

from ..conftest import MKDOCS_YML, entry, policy_text, release_log

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
# Seven days' notice: enough for an ordinary change, not for a material one.
E2 = entry("2026-12-03", "2026-11-26", "2026-12-03")
LOG = "versions/privacy.yml"


def texts(items: str) -> dict[str, str]:
    return {f"docs/{lang}/privacy.md": policy_text(
        f"Privacy ({lang})", ("1. Items collected", items),
        ("2. Privacy officer", "Write to privacy@example.test."),
    ) for lang in ("ko", "en")}


V1 = texts("- email address\n- name")
V2 = texts("- email address\n- name\n- date of birth\n- precise location")


def check(capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", "--base", "main", "--today", "2026-11-25", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def pr(git_repo, monkeypatch):
    git_repo.commit({**V1, LOG: release_log(E1)}, "v1")
    git_repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(git_repo.root)
    return git_repo


def _forge_classifications(folder: Path, *, keep_mac: bool) -> int:
    """Rewrite every classification entry to 'ordinary, no reasons'."""
    forged = 0
    for path in (folder / "classify").rglob("*.json"):
        stored = json.loads(path.read_text(encoding="utf-8"))
        value = {"class": "ordinary", "reasons": []}
        path.write_text(json.dumps({**stored, "value": value} if keep_mac else value),
                        encoding="utf-8")
        forged += 1
    return forged


def test_default_cache_is_outside_the_work_tree(pr):
    folder = default_cache_dir(pr.root)
    assert pr.root not in folder.parents
    assert folder.parent == cache_home()


def test_committed_cache_entries_are_refused(pr, capsys):
    """The attack: a pull request commits .cache/policynotice/ with an
    'ordinary' classification for a change that adds date of birth."""
    pr.commit({**V2, LOG: release_log(E1, E2)}, "adds date of birth and precise location")
    code, out = check(capsys)
    assert code == 1 and "material" in out
    default = default_cache_dir(pr.root)
    assert _forge_classifications(default, keep_mac=False) > 0
    forged = {f".cache/policynotice/{p.relative_to(default).as_posix()}": p.read_text()
              for p in default.rglob("*.json")}
    pr.commit(forged, "a cache that says ordinary")
    for command in (["check", "--base", "main"], ["build", "--quiet"]):
        code = main([*command, "--today", "2026-11-25"])
        captured = capsys.readouterr()
        errors = [ln for ln in (captured.out + captured.err).splitlines()
                  if ln.startswith("Error: ")]
        assert code == 1
        assert len(errors) == 1, captured
        assert "is a cache file committed to git" in errors[0]
        assert "git rm -r --cached .cache/policynotice" in errors[0]


@pytest.mark.parametrize("keep_mac", [False, True])
def test_forged_entries_in_a_cache_dir_inside_the_repository_are_not_used(pr, capsys, keep_mac):
    """A cache_dir inside the work tree (allowed, untracked): an entry this
    machine did not write, or whose value was changed, is ignored."""
    pr.commit({"mkdocs.yml": MKDOCS_YML.replace(
        "  - policynotice:\n", "  - policynotice:\n      cache_dir: .pncache\n")}, "local cache")
    pr.commit({**V2, LOG: release_log(E1, E2)}, "adds date of birth and precise location")
    code, out = check(capsys)
    assert code == 1 and "material change needs 30 days' notice" in out
    assert _forge_classifications(pr.root / ".pncache", keep_mac=keep_mac) > 0
    code, out = check(capsys)
    assert code == 1 and "material change needs 30 days' notice" in out


def test_tracked_in_repository_cache_dir_is_refused(pr, capsys):
    pr.commit({"mkdocs.yml": MKDOCS_YML.replace(
        "  - policynotice:\n", "  - policynotice:\n      cache_dir: .pncache\n"),
        ".pncache/redline/ab/x.json": '{"value": "<script>alert(1)</script>"}'}, "cache")
    code, out = check(capsys)
    assert code == 1
    assert ".pncache/redline/ab/x.json is a cache file committed to git" in out


def test_forged_redline_entry_is_not_served(tmp_path):
    cache = ContentCache(tmp_path / "c")
    key = cache.key("redline", "old", "new")
    cache.put("redline", key, "<ins>safe</ins>")
    assert cache.get("redline", key) == "<ins>safe</ins>"
    path = next((tmp_path / "c").rglob("*.json"))
    stored = json.loads(path.read_text())
    path.write_text(json.dumps({**stored, "value": "<script>alert(1)</script>"}))
    assert cache.get("redline", key) is None
    path.write_text(json.dumps("<script>alert(1)</script>"))  # the old, unsigned format
    assert cache.get("redline", key) is None
    assert cache.memo("redline", key, lambda: "<ins>recomputed</ins>") == "<ins>recomputed</ins>"
    # Another machine's key does not verify either.
    other = ContentCache(tmp_path / "c", key=b"k" * 32)
    assert other.get("redline", key) is None


def test_batched_entries_are_packed_and_still_verified(tmp_path):
    """A batch writes one pack file per kind; each entry in it keeps its
    own HMAC: an entry whose value was changed in the pack is not served."""
    from policynotice import cache as cache_module

    cache = ContentCache(tmp_path / "c")
    keys = [cache.key("redline", str(n)) for n in range(50)]
    with cache_module.batch():
        for n, key in enumerate(keys):
            cache.put("redline", key, f"<ins>{n}</ins>")
        assert cache.get("redline", keys[3]) == "<ins>3</ins>"  # before the flush too
    packs = list((tmp_path / "c" / "redline").glob("pack-*.json"))
    assert len(packs) == 1 and not list((tmp_path / "c").rglob("??/*.json"))
    cache_module._PACK_INDEX.clear()  # as a new process sees it
    assert [cache.get("redline", k) for k in keys] == [f"<ins>{n}</ins>" for n in range(50)]
    data = packs[0].read_text(encoding="utf-8")
    packs[0].write_text(data.replace("<ins>7</ins>", "<script>alert(7)</script>"),
                        encoding="utf-8")
    cache_module._PACK_INDEX.clear()
    assert cache.get("redline", keys[7]) is None
    assert cache.get("redline", keys[8]) == "<ins>8</ins>"
    other = ContentCache(tmp_path / "c", key=b"k" * 32)
    assert other.get("redline", keys[8]) is None
    # Many packs are merged into one, every entry kept.
    for round_ in range(cache_module.PACKS_BEFORE_MERGE + 1):
        with cache_module.batch():
            cache.put("redline", cache.key("more", str(round_)), "x")
    assert len(list((tmp_path / "c" / "redline").glob("pack-*.json"))) <= 2
    cache_module._PACK_INDEX.clear()
    assert cache.get("redline", keys[8]) == "<ins>8</ins>"
    assert cache.get("redline", cache.key("more", "0")) == "x"
