"""What a reader sees of a redline's structure (issue 17): tables with their
header's columns, nested list depth, inline Markdown rendered safely."""

from __future__ import annotations

import re

import pytest

from policynotice.redline.render import render_redline_html

from .test_render import parse

TABLE = """Intro.

| Processor | Task | Country |
|---|---|---|
| Hanbit | Payments | Korea |
| Brightwave | Push | United States |

## Next
"""


def _rows(html: str) -> list[list[str]]:
    """Each table row's cells as the text a reader sees (screen-reader labels dropped)."""
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([re.sub(r"<[^>]+>", "", re.sub(r'<span class="pn-sr">.*?</span>', "", c)).strip()
                     for c in cells])
    return rows


def test_an_inserted_row_has_the_header_columns() -> None:
    new = TABLE.replace("| United States |\n", "| United States |\n| Lumenstream | CDN | Singapore |\n")
    html = render_redline_html(TABLE, new, "en")
    parse(html)
    rows = _rows(html)
    assert rows[0] == ["Processor", "Task", "Country"]
    assert rows[-1] == ["Lumenstream", "CDN", "Singapore"]
    assert all(len(r) == 3 for r in rows), rows
    assert re.search(r'<tr class="pn-block-ins"><td><ins[^>]*>', html)


def test_an_inserted_table_is_a_table_without_a_delimiter_row() -> None:
    new = TABLE.replace("Intro.\n", "Intro.\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n")
    html = render_redline_html(TABLE, new, "en")
    parse(html)
    assert "---" not in html and "--:" not in html
    assert html.count("<table") == 2
    rows = _rows(html)
    assert ["A", "B"] in rows and ["1", "2"] in rows
    assert all(len(r) in (2, 3) for r in rows)


def test_a_deleted_table_and_a_changed_alignment() -> None:
    html = render_redline_html(TABLE, "Intro.\n\n## Next\n", "en")
    parse(html)
    assert "---" not in html and html.count("<table") == 1
    assert _rows(html)[1] == ["Hanbit", "Payments", "Korea"]
    aligned = TABLE.replace("|---|---|---|", "|:--|---|---|")
    html = render_redline_html(TABLE, aligned, "en")
    assert "---" not in html and ":--" not in html
    assert 'class="pn-fmt"' in html and 'id="pn-change-1"' in html


def _text(html: str) -> str:
    """What a sighted reader reads (screen-reader-only labels dropped)."""
    html = re.sub(r'<span class="pn-sr">.*?</span>', "", html)
    return re.sub(r"<[^>]+>", "", html)


def test_inline_markdown_is_rendered_not_shown_as_typed() -> None:
    old = "See [our page](https://a.example/x) and **bold** text.<br>Next line.\n"
    new = "See [our page](https://a.example/x) and **bold** words.<br>Next line.\n"
    html = render_redline_html(old, new, "en")
    parse(html)
    assert '<a href="https://a.example/x" rel="nofollow noopener">our page</a>' in html
    assert "<strong>bold</strong>" in html and "<br>Next line." in html
    body = _text(html[html.index("pn-redline-body"):])
    for typed in ("](", "**", "&lt;br"):
        assert typed not in body, body


def test_a_changed_link_target_is_a_formatting_change() -> None:
    old = "Write to [the team](mailto:a@example.com) today.\n"
    new = "Write to [the team](mailto:b@example.com) today.\n"
    html = render_redline_html(old, new, "en")
    assert '<a href="mailto:b@example.com"' in html
    assert html.count('class="pn-fmt"') == 1 and "formatting changed" in html
    assert re.findall(r'id="(pn-change-\d+)"', html) == ["pn-change-1"]
    assert "mailto:a@" not in html and "1 change" in html


def test_comments_are_never_shown_and_are_no_change() -> None:
    old = "Text one.\n\nText two.\n"
    new = "Text one. <!-- reviewer: check -->\n\n<!-- a block comment -->\n\nText two.\n"
    html = render_redline_html(old, new, "en")
    assert "reviewer" not in html and "block comment" not in html and "&lt;!--" not in html
    assert "pn-change-" not in html and "pn-summary-none" in html


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVa&#x09;script:alert(1)", "data:text/html,<b>1</b>",
    "vbscript:x", "file:///etc/passwd", "java%0ascript:x"])
def test_unsafe_link_targets_are_never_links(href: str) -> None:
    old = f"See [this]({href}) and <a href=\"{href}\">that</a>.\n"
    html = render_redline_html(old, old.replace("See", "Read"), "en")
    parse(html)
    for m in re.findall(r'href="([^"]*)"', html):
        assert m.startswith("#"), m


def test_safe_link_targets_and_escaping_inside_markup() -> None:
    old = "A [x](https://e.example/?a=1&b=\"2\") **<script>y</script>** [t](tel:+821012345678) [r](../terms/).\n"
    html = render_redline_html(old, old.replace("A ", "B "), "en")
    parse(html)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="tel:+821012345678"' in html and 'href="../terms/"' in html
    assert 'href="https://e.example/?a=1&amp;b=%222%22"' in html


from hypothesis import given, settings, strategies as st  # noqa: E402

_BITS = ["[", "]", "(", ")", "**", "*", "_", "`", "<br>", "<!--", "-->", "<a href='javascript:x'>",
         "</a>", "<script>", "javascript:", "https://e.example/", "mailto:a@b", "data:x", "\\", "&amp;",
         "&#x09;", " ", "\n", "word", "단어", "- ", "| a | b |\n", "|---|---|\n", "\"", "'", "#"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_BITS), max_size=30), st.lists(st.sampled_from(_BITS), max_size=30))
def test_any_inline_markdown_renders_safely(a, b) -> None:
    old, new = "".join(a), "".join(b)
    html = render_redline_html(old, new, "en")
    parse(html)  # balanced
    assert "<script" not in html and "<a href='" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("#", "https:", "mailto:")) or not re.match(r"[a-zA-Z][\w+.-]*:", href), href
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"div", "p", "strong", "span", "nav", "button", "ul", "li", "ins", "del", "em", "code",
                    "a", "br", "h3", "h4", "h5", "h6", "h7", "table", "thead", "tbody", "tr", "th", "td",
                    "pre"}, tags
