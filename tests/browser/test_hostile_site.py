"""Issue 14, case 7: a site built from a hostile repository, read in real
headless chromium. Script in an H1, in a docs page, in a file name, in front
matter and in a release-log summary and reason; `<div id="__config">`; an
unclosed <details> before the "not the current version" banner. No script
of the repository runs on any page, the archived page still says it is not
the current version, and the theme (its configuration intact) still searches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policynotice.cli import main

from ..hostile.test_site_markup import make_hostile_repo
from .conftest import _watch, serve
from .test_search import search


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    fx = make_hostile_repo(tmp_path_factory.mktemp("hostile-browser") / "repo")
    cwd = os.getcwd()
    os.chdir(fx.root)
    try:
        assert main(["build", "--today", "2026-11-25", "--quiet"]) == 0
    finally:
        os.chdir(cwd)
    site = fx.root / "site"
    for url in serve(site):
        yield url, site


@pytest.fixture
def tab(browser, hostile_url):
    base, _ = hostile_url
    ctx = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900},
                              service_workers="block")
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    errors: list[str] = []
    _watch(page, errors)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    # The payloads set window.__pwned; a trap on it catches even a script
    # that deletes it afterwards.
    page.add_init_script("""Object.defineProperty(window, "__pwned", {
        set(v) { document.documentElement.dataset.pwned = "yes"; }, get() { return undefined; },
        configurable: false });
      window.alert = () => { document.documentElement.dataset.pwned = "alert"; };""")
    yield page
    ctx.close()
    # Only the image the payloads point at ("x") may fail to load.
    assert not [e for e in errors if not e.rstrip(")").endswith("/x") and "/x " not in e], errors


def test_no_script_from_the_repository_runs_on_any_page(tab, hostile_url):
    _, site = hostile_url
    paths = sorted("/" + str(p.relative_to(site).parent).replace("\\", "/") + "/"
                   for p in site.rglob("index.html"))
    paths = [p.replace("/./", "/") for p in paths]
    assert len(paths) > 10 and any("onerror" in p for p in paths)  # the file-name page
    for path in paths:
        tab.goto(path.replace("<", "%3C").replace(">", "%3E"))
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(50)  # an onerror fires once the broken image has failed
        assert tab.evaluate("document.documentElement.dataset.pwned") is None, path
        assert tab.dialogs == [], path
        # Material's configuration is its own, not the policy's <div id="__config">
        assert tab.evaluate("document.getElementById('__config').tagName") == "SCRIPT", path


def test_archived_page_still_says_it_is_not_current(tab):
    tab.goto("/en/privacy/2024-03-01/")
    banner = tab.locator(".pn-banner-archived")
    assert banner.is_visible()
    assert "not the current version" in banner.inner_text()
    assert tab.evaluate("document.querySelector('.pn-banner-archived').closest('details')") is None


def test_search_still_works(tab):
    pages, _ = search(tab, "en", "Intro")
    assert "/en/privacy/" in pages
    assert tab.evaluate("document.documentElement.dataset.pwned") is None
