"""Browser tests: the example site (built once per session by the
`example_build` fixture) served on 127.0.0.1 and read in headless chromium.

Chromium is Debian's /usr/bin/chromium (installed by scripts/test), driven by
Playwright; Playwright's own browser download is not used. One browser and
one context per session; every test opens its own tab. The browser can only
reach the local server: every other host name resolves to nothing, so the
theme's web fonts fail at once instead of leaving the machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("POLICYNOTICE_CHROMIUM", "/usr/bin/chromium")
SITE_URL = "https://policies.nuribooks.example/"  # site_url in mkdocs.yml
LANGS = ("ko", "en", "zh", "zh-Hant", "es")
SCREENSHOTS = Path(__file__).parent / "screenshots"
README_SCREENSHOTS = Path(__file__).resolve().parents[2] / "readme-screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def prefix(lang: str) -> str:
    """Site-root-relative folder of a language ("" for the default, Korean)."""
    return "" if lang == "ko" else f"{lang}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops requests it no longer needs when it moves on.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_dir(example_build) -> Path:
    return example_build / "site"


def serve(directory: Path):
    """http://127.0.0.1:<ephemeral port>/ serving `directory`, until closed."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The built example site on the local server."""
    yield from serve(site_dir)


def local(url: str, base_url: str) -> str:
    """An absolute URL of the published site mapped onto the local server."""
    assert url.startswith(SITE_URL), url
    return base_url + url[len(SITE_URL):]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run scripts/test (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                  "--font-render-hinting=none"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def context(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                              reduced_motion="reduce", service_workers="block")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


def _watch(tab, errors: list[str]) -> None:
    """Script errors and failed requests to the local server are failures.

    Two kinds of failed request are the theme's, not the site's, and are let
    through: web fonts from outside (blocked here) and the sitemap.xml that
    mkdocs-material looks for beside every <link rel="alternate"> (only the
    site root has one)."""
    tab.on("pageerror", lambda exc: errors.append(f"script error on {tab.url}: {exc}"))

    def response(r):
        path = urlsplit(r.url).path
        if (r.status >= 400 and urlsplit(r.url).hostname == "127.0.0.1"
                and not path.endswith("/sitemap.xml")):
            errors.append(f"HTTP {r.status} for {r.url} (from {tab.url})")

    tab.on("response", response)


@pytest.fixture
def page(context):
    """A fresh tab; script errors and broken local requests fail the test."""
    tab = context.new_page()
    errors: list[str] = []
    _watch(tab, errors)
    yield tab
    tab.close()
    assert not errors, "\n".join(errors)


def long(iso: str, lang: str) -> str:
    """A date as the site writes it in a sentence (Babel's long format)."""
    from datetime import date

    from policynotice.publish.notice_strings import long_date

    return long_date(date.fromisoformat(iso), lang)


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00b6", "")).strip()


def path_of(url: str) -> str:
    return urlsplit(url).path


# -- what the example site holds on TEST_TODAY --------------------------------

def _release_logs() -> dict[str, list[dict]]:
    import yaml

    root = Path(__file__).resolve().parents[2] / "versions"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["versions"]
            for p in sorted(root.glob("*.yml"))}


RELEASES = _release_logs()


class Policy:
    """One policy's versions as the site shows them on TEST_TODAY."""

    def __init__(self, policy_id: str, entries: list[dict]) -> None:
        from datetime import date

        from ..conftest import TEST_TODAY

        today = date.fromisoformat(TEST_TODAY)
        self.id = policy_id
        published = [e for e in entries if e["notice_date"] <= today]
        self.dates = {str(e["version"]): (e["notice_date"].isoformat(), e["effective_date"].isoformat())
                      for e in published}
        self.versions = [str(e["version"]) for e in published]  # oldest first
        in_force = [str(e["version"]) for e in published if e["effective_date"] <= today]
        self.current = in_force[-1]
        self.archived = in_force[:-1]
        self.upcoming = [v for v in self.versions if v not in in_force]

    def url(self, lang: str, *rest: str) -> str:
        """Site-root-relative URL of this policy's page, version, redline..."""
        return "/" + prefix(lang) + "/".join((self.id, *rest)) + "/"


POLICIES = {pid: Policy(pid, entries) for pid, entries in RELEASES.items()}
PRIVACY, TERMS = POLICIES["privacy"], POLICIES["terms"]

# The policy text of the page (headings, paragraphs, list items, table cells)
# without what policynotice puts around it (every such element has a pn- class).
POLICY_BLOCKS = """doc => Array.from(doc.querySelectorAll(
    "article.md-content__inner :is(h2, h3, h4, p, li, td, th)"))
  .filter(el => !el.closest('[class^="pn-"], [class*=" pn-"]'))
  .map(el => el.textContent.replace(/\\u00b6/g, "").replace(/\\s+/g, " ").trim())
  .filter(text => text)"""
POLICY_BLOCKS_JS = f"() => ({POLICY_BLOCKS})(document)"


def in_html(page, url: str, function: str):
    """`function(doc)` run on another page's HTML, fetched and parsed (not
    rendered, no scripts) from the page open in `page`: quicker than a visit
    for what the server sends."""
    return page.evaluate(
        """async ([url, source]) => {
          const response = await fetch(url);
          if (!response.ok) throw new Error(url + ": HTTP " + response.status);
          const doc = new DOMParser().parseFromString(await response.text(), "text/html");
          const base = doc.createElement("base");
          base.href = new URL(url, location.href).href;
          doc.head.prepend(base);
          return (0, eval)("(" + source + ")")(doc);
        }""", [url, function])
