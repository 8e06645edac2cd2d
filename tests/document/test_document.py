"""The document model: one reading of a policy's Markdown, exact to the byte,
whose sections are the headings MkDocs renders in its table of contents."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown as python_markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from policynotice.document import (
    CODE, COMMENT, HEADING, LINK_DEF, LIST_ITEM, QUOTE, body_of, parse, reader_text,
    split_blocks, split_sections, title_of,
)
from policynotice.redline.layout import layout

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    "# Title", "## 2. Section", "### Sub", "#### Deep", "####### not a heading", "#", "#no",
    "   ## indented heading", "Underlined", "=====", "-----", "1. Numbered title", "제3조 (목적)",
    "第三条 目的", "Article 4 Scope", "Paragraph text.", "continued line", "  indented continuation",
    "\tTabbed", "    indented code", "- item", "* item", "  - nested", "3) item", "| a | b |",
    "|---|---|", "<div>", "</div>", "```", "````", "~~~", "> quoted", "[ref]: https://example.com",
    "", "   ", "\u00a0", "\u3000", "<!-- policynotice: purposes -->", "---", "title: x",
]
ENDS = ["\n", "\n", "\n", "\r\n", "\r", "\u2028", ""]


@st.composite
def markdown(draw) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(ENDS)), max_size=30))
    return "".join(a + b for a, b in lines)


@settings(max_examples=500, deadline=None)
@given(text=markdown())
def test_blocks_join_back_to_the_text(text: str) -> None:
    blocks = split_blocks(text)
    assert "".join(b.text for b in blocks) == text
    assert all(b.text for b in blocks)
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)


@settings(max_examples=300, deadline=None)
@given(text=markdown())
def test_redline_section_lookup_is_the_documents_sections(text: str) -> None:
    lay = layout(text)
    sections = [(s.start, s.heading) for s in split_sections(text)]
    for pos in range(0, len(text) + 1, 3):
        want = ""
        for start, heading in sections:
            if start <= pos:
                want = heading
        assert lay.section_at(pos) == want, (pos, text)


@settings(max_examples=200, deadline=None)
@given(text=markdown())
def test_front_matter_is_what_mkdocs_removes(text: str) -> None:
    body, meta = body_of(text.replace("\r", "").replace("\u2028", "\n"))
    expected_body, expected_meta = get_data(text.replace("\r", "").replace("\u2028", "\n"))
    assert body == expected_body
    assert meta == expected_meta


FIXTURE = """---
title: Privacy at Example Co
updated: 2026-01-01
---
Privacy at Example Co
=====================

Last updated: 3 days ago <!-- widget text -->

What we collect
---------------

We collect your [name](https://example.com/a?utm=1) and **email address**.

````markdown
```
# not a heading inside a four-backtick fence
```
````

> Quoted notice.

    indented code, not a heading
    ## still code

## Who receives it

| Recipient | Purpose |
|---|---|
| Courier Ltd | delivery |

<!-- policynotice: recipients -->

### Sub-section

Text.

[terms]: https://example.com/terms
"""


def _toc_headings(source: str) -> list[tuple[int, str]]:
    """The headings (level <= 3) in the table of contents MkDocs renders for
    a page, with the site's Markdown extensions."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0]
                            .split("markdown_extensions:")[1].join(["markdown_extensions:", ""]))
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    body, _ = get_data(source)
    md = python_markdown.Markdown(extensions=extensions, extension_configs=configs)
    md.convert(body)
    out: list[tuple[int, str]] = []

    def walk(tokens):
        for t in tokens:
            if t["level"] <= 3:
                out.append((t["level"], html.unescape(re.sub(r"<[^>]+>", "", t["name"]))))
            walk(t["children"])
    walk(md.toc_tokens)
    return out


def _model_headings(source: str) -> list[tuple[int, str]]:
    body, _ = body_of(source)
    return [(s.level, reader_text(s.heading)) for s in parse(body).sections if s.level]


def test_sections_match_mkdocs_toc_on_a_fixture_with_front_matter_setext_and_fences() -> None:
    assert _model_headings(FIXTURE) == _toc_headings(FIXTURE) == [
        (1, "Privacy at Example Co"), (2, "What we collect"), (2, "Who receives it"),
        (3, "Sub-section")]


def test_sections_match_mkdocs_toc_on_the_example_site() -> None:
    pages = sorted((ROOT / "docs").glob("*/*.md"))
    assert pages
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert _model_headings(source) == _toc_headings(source), page


def test_front_matter_is_not_policy_text_but_names_the_policy() -> None:
    body, meta = body_of(FIXTURE)
    assert meta["title"] == "Privacy at Example Co"
    assert not body.startswith("---") and "updated: 2026" not in body
    assert title_of(body) == "Privacy at Example Co"


def test_block_kinds_of_the_fixture() -> None:
    body, _ = body_of(FIXTURE)
    blocks = parse(body).blocks
    kinds = [b.kind for b in blocks]
    assert kinds.count(CODE) == 2  # the four-backtick fence is one block; the indented code another
    fence = next(b for b in blocks if b.kind == CODE)
    assert "not a heading inside" in fence.text and fence.text.rstrip().endswith("````")
    assert next(b for b in blocks if b.kind == QUOTE).content == "Quoted notice."
    assert COMMENT in kinds and LINK_DEF in kinds
    assert [b.content for b in blocks if b.kind == COMMENT] == [""]
    headings = [b for b in blocks if b.kind == HEADING]
    assert [h.content for h in headings] == [
        "Privacy at Example Co", "What we collect", "Who receives it", "Sub-section"]
    # An underlined heading's underline is a marker, not title text.
    h = headings[0]
    assert h.text[h.content_end:].startswith("=====")


def test_nested_list_items_keep_their_depth() -> None:
    text = "- Courier Ltd\n  - Korea\n  - Japan\n- Payments Inc\n  - United States\n"
    items = [(b.level, b.content) for b in parse(text).blocks if b.kind == LIST_ITEM]
    assert items == [(0, "Courier Ltd"), (1, "Korea"), (1, "Japan"), (0, "Payments Inc"),
                     (1, "United States")]


def test_plain_text_policies_get_sections_from_numbered_titles() -> None:
    text = "개인정보 처리방침\n제1조 (목적)\n회사는 다음의 목적으로 처리합니다.\n제2조 (보유기간)\n1년간 보관합니다.\n"
    headings = [s.heading for s in parse(text).sections]
    assert headings == ["", "제1조 (목적)", "제2조 (보유기간)"]


def test_reader_text_leaves_out_link_targets_markup_and_comments() -> None:
    assert reader_text("See [our partners](https://ads.example.com/x?id=1) and **all** "
                       "<!-- note --> ![map](map.png)<br>now") == "See our partners and all map now"
