"""A hostile repository builds a site in which nothing from the repository
runs as script or takes over the theme or our banners: raw HTML in an H1, in
a docs page, in a file name, in front matter and in a release log;
`<div id="__config">`; an unclosed <details> before the "not the current
version" banner (issue 14, cases 1-3)."""

from __future__ import annotations

import os
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.cli import main
from policynotice.publish.sanitize import (
    USER_PREFIX, markdown_text, safe_heading_id, safe_title, sanitize_html, title_text,
)

from ..conftest import GitFixture, entry, release_log

PAYLOAD = "window.__pwned=1"
SCRIPT = f"<script>{PAYLOAD}</script>"
H1 = (f"# <img src=x onerror={PAYLOAD}> "
      f"&lt;/title&gt;&lt;script&gt;{PAYLOAD}&lt;/script&gt; <b>x</b>")
FILE_NAME = f"<img src=x onerror={PAYLOAD}>.md"


def hostile_text(lang: str, version: str) -> str:
    return ("<details>\n<summary>more</summary>\n\n"  # never closed: wraps the rest
            f"{H1} ({lang})\n\nIntro {version}.\n\n"
            '<div id="__config">{"base": "https://evil.example/"}</div>\n\n'
            '<div class="pn-banner pn-banner-current md-header">forged</div>\n\n'
            f"## 1. Items\n\n- email {version}\n\n[to the note](#note)\n\n"
            '<p id="note">a note</p>\n\n'
            "<details>\n<summary>more</summary>\n\n## 2. Contact\n\nWrite to us.\n")


def make_hostile_repo(root: Path) -> GitFixture:
    fx = GitFixture(root)
    e1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
    e2 = entry("2024-09-02", "2024-08-23", "2024-09-02").replace(
        "Summary of 2024-09-02 (en)", f'"{SCRIPT} <img src=x onerror={PAYLOAD}>"').replace(
        "Reason for 2024-09-02 (en)", f'"{SCRIPT}"')
    docs = {
        "docs/ko/index.md": f"# 홈\n\n{SCRIPT}\n",
        "docs/en/index.md": f"# Home\n\n{SCRIPT}\n\n<img src=x onerror={PAYLOAD}>\n",
        f"docs/en/{FILE_NAME}": "A page without a heading: its title is its file name.\n",
        "docs/en/faq.md": (f"---\ndescription: '\"><script>{PAYLOAD}</script>'\n"
                           f"author: '<img src=x onerror={PAYLOAD}>'\ntemplate: 404.html\n---\n"
                           f"# FAQ <img src=x onerror={PAYLOAD}>\n\n{SCRIPT}\n\n"
                           f"## &lt;img src=x onerror={PAYLOAD}&gt;\n\nText.\n\n"
                           '## Contact us\n\n[to the note](#note)\n\n<p id="note">a note</p>\n'),
    }
    docs["docs/en/evil.html"] = f"<!doctype html>{SCRIPT}"
    docs["docs/en/evil.svg"] = f'<svg xmlns="http://www.w3.org/2000/svg">{SCRIPT}</svg>'
    docs["docs/en/logo.png"] = b"\x89PNG\r\n\x1a\n"
    texts = {f"docs/{lang}/privacy.md": hostile_text(lang, "v1") for lang in ("ko", "en")}
    fx.commit({**docs, **texts, "versions/privacy.yml": release_log(e1)}, "v1")
    texts = {f"docs/{lang}/privacy.md": hostile_text(lang, "v2") for lang in ("ko", "en")}
    fx.commit({**texts, "versions/privacy.yml": release_log(e1, e2)}, "v2")
    return fx


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    fx = make_hostile_repo(tmp_path_factory.mktemp("hostile") / "repo")
    cwd = os.getcwd()
    os.chdir(fx.root)
    try:
        assert main(["build", "--today", "2026-11-25", "--quiet"]) == 0
    finally:
        os.chdir(cwd)
    return fx.root / "site"


class _Scan(HTMLParser):
    """What a browser would run or trust in one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "title"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "title":
            self.title += data


def scan(path: Path) -> _Scan:
    s = _Scan()
    s.feed(path.read_text(encoding="utf-8"))
    return s


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 10
    return found


def test_no_page_runs_repository_script(hostile_site):
    for path in pages(hostile_site):
        s = scan(path)
        assert not [c for c in s.scripts if "__pwned" in c], path
        for tag, attrs in s.tags:
            assert not [k for k in attrs if k.startswith("on")], (path, tag, attrs)
            if tag == "meta":
                assert "<" not in attrs.get("content", ""), (path, attrs)
        # the entity-encoded H1 must not leave <title>
        assert "<" not in s.title and ">" not in s.title, (path, s.title)


def test_html_and_svg_from_docs_are_not_published(hostile_site):
    assert (hostile_site / "en/logo.png").is_file()
    assert not (hostile_site / "en/evil.html").exists()
    assert not (hostile_site / "en/evil.svg").exists()


def test_titles_and_nav_are_text(hostile_site):
    history = (hostile_site / "en/privacy/history/index.html").read_text(encoding="utf-8")
    assert "\u2039img src=x onerror=window.__pwned=1\u203a" in history  # shown, not run
    faq = hostile_site / "en/faq/index.html"
    assert scan(faq).tags  # the page was built with the theme's template, not 404.html
    assert "404" not in scan(faq).title
    # the file name is a nav title on every page: text, not an element
    home = (hostile_site / "en/index.html").read_text(encoding="utf-8")
    assert "\u2039img src=x onerror=window.__pwned=1\u203a" in home
    assert "<img src=x" not in home


def test_repository_ids_and_classes_cannot_take_over(hostile_site):
    for path in pages(hostile_site):
        s = scan(path)
        configs = [a for t, a in s.tags if a.get("id") == "__config"]
        assert len(configs) <= 1 and all(t == "script" for t, a in s.tags
                                         if a.get("id") == "__config"), path
        assert not [a for t, a in s.tags if "md-header" in a.get("class", "")
                    and "pn-banner" in a.get("class", "")], path
    page = (hostile_site / "en/privacy/index.html").read_text(encoding="utf-8")
    assert f'id="{USER_PREFIX}__config"' in page
    # in-page links follow the ids they point to; the toc's ids are kept
    faq = (hostile_site / "en/faq/index.html").read_text(encoding="utf-8")
    assert f'href="#{USER_PREFIX}note"' in faq and f'id="{USER_PREFIX}note"' in faq
    assert 'id="contact-us"' in faq and faq.count('href="#contact-us"') >= 2  # toc, permalink


def test_unclosed_details_cannot_swallow_the_archived_banner(hostile_site):
    s = scan(hostile_site / "en/privacy/2024-03-01/index.html")
    depth: list[str] = []
    html = (hostile_site / "en/privacy/2024-03-01/index.html").read_text(encoding="utf-8")

    class Outer(HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            if "pn-banner-archived" in (dict(attrs).get("class") or ""):
                Outer.found = list(depth)
            if tag not in ("br", "img", "hr", "meta", "link", "input"):
                depth.append(tag)

        def handle_endtag(self, tag):
            if tag in depth:
                while depth.pop() != tag:
                    pass

    Outer().feed(html)
    assert s.tags and Outer.found is not None, "the archived banner is missing"
    assert "details" not in Outer.found, Outer.found


# -- the functions, for any text ------------------------------------------------

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;/title&gt;&lt;script&gt;",
    "&amp;lt;", "</title>", "\x1b[8m", "&#60;", "&#x3c;", "& < > \" '",
])
TEXT = st.one_of(st.text(max_size=40), HOSTILE,
                 st.builds(lambda a, b, c: a + b + c, st.text(max_size=10), HOSTILE,
                           st.text(max_size=10)))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_safe_title_is_safe_everywhere_the_theme_prints_it(text):
    from markupsafe import Markup

    title = safe_title(text)
    for shown in (title, str(Markup(title).striptags()), unescape(title)):
        assert "<" not in shown and ">" not in shown
    assert '"' not in title
    assert safe_title(title) == title  # idempotent: the plugin may see a title twice


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_markdown_text_renders_as_the_same_text(a, b):
    import markdown

    html = markdown.markdown(f"# {markdown_text(a + b)}")
    assert html.startswith("<h1>") and html.endswith("</h1>")
    inner = html[4:-5]
    assert "<" not in inner
    assert unescape(inner) == title_text(a + b)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.sampled_from(["__config", "__search", "pn-banner", "md-x",
                                             "user-content-x", "ok-id", "_x"]))
def test_only_toc_ids_survive_and_never_reserved_ones(text, ident):
    html = sanitize_html(f'<div id="{ident}" class="pn-banner note">{text}</div>'
                         f'<a href="#{ident}">x</a>', [ident])
    if safe_heading_id(ident):
        assert f'id="{ident}"' in html
    else:
        assert f'id="{USER_PREFIX}{ident}"' in html and f'href="#{USER_PREFIX}{ident}"' in html
    assert 'class="note"' in html and '"pn-banner' not in html
