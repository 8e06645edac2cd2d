"""A policy with more versions than `compare_all_pairs_up_to`: the compare
page prebuilds a number of pairs linear in the archive, and for any other
pair explains that and offers each version against the one in force."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import GitFixture, entry, release_log
from .conftest import serve

VERSIONS = [f"2024-01-{d:02d}" for d in (3, 5, 7, 9, 11, 13, 15)]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    g = GitFixture(tmp_path_factory.mktemp("long") / "repo")
    g.write({"mkdocs.yml": (g.root / "mkdocs.yml").read_text(encoding="utf-8")
             + "      compare_all_pairs_up_to: 3\n"})
    entries = []
    for n, version in enumerate(VERSIONS):
        entries.append(entry(version, version, version))
        g.commit({**g.texts(version, extra="".join(f"\n- item {k}" for k in range(n))),
                  "versions/privacy.yml": release_log(*entries)}, f"version {version}")
    out = g.root.parent / "site"
    r = subprocess.run([sys.executable, "-m", "policynotice", "build", "--today", "2026-11-25",
                        "--site-dir", str(out), "--quiet"], cwd=g.root, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def long_url(long_site):
    yield from serve(long_site)


def test_only_a_linear_number_of_pairs_is_prebuilt(long_site):
    fragments = sorted(p.name for p in (long_site / "en/privacy/compare").glob("*..*.html"))
    n = len(VERSIONS)
    assert len(fragments) < n * (n - 1) // 2
    v = VERSIONS
    for i in range(1, n):  # each against the previous and the one in force (the newest here)
        assert f"{v[i - 1]}..{v[i]}.html" in fragments
        assert f"{v[i - 1]}..{v[-1]}.html" in fragments
    assert f"{v[1]}..{v[3]}.html" not in fragments
    assert f"{v[0]}..{v[4]}.html" not in fragments  # the first one is not a hub any more
    # Linear: the consecutive pairs (shared with the changes pages) plus
    # each older version against the one in force.
    assert len(fragments) == (n - 1) + (n - 2)


def test_a_pair_not_prebuilt_is_explained_with_a_way_on(page, long_url):
    v = VERSIONS
    page.goto(long_url + f"en/privacy/compare/#{v[1]}..{v[3]}")
    message = page.locator(".pn-compare-result .pn-compare-message")
    message.wait_for()
    assert f"the pair {v[1]} \u2192 {v[3]} is not among them" in message.inner_text()
    links = page.locator(".pn-compare-result li a")
    assert links.all_inner_texts() == [f"compare {v[1]} with the version in force",
                                       f"compare {v[3]} with the version in force"]
    links.nth(1).click()
    page.wait_for_selector(".pn-compare-result .pn-redline-body")
    assert page.input_value("select[name=from]") == v[3]
    assert page.input_value("select[name=to]") == v[-1]
    inserted = " ".join(page.locator(".pn-compare-result ins").all_inner_texts())
    assert "item 5" in inserted and "item 2" not in inserted


def test_a_prebuilt_pair_loads(page, long_url):
    v = VERSIONS
    page.goto(long_url + f"privacy/compare/#{v[0]}..{v[-1]}")  # Korean, the default language
    page.wait_for_selector(".pn-compare-result .pn-redline-body")
    assert page.locator(".pn-compare-result .pn-compare-message").count() == 0
