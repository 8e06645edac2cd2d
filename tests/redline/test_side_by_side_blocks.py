"""The side-by-side table (신구대조표) shows blocks as a reader sees them
(issue 17): lists as lists, tables as tables, no Markdown as typed; its note
says new / deleted / amended / moved in the page's language."""

from __future__ import annotations

import re

import pytest

from policynotice.redline.render import render_side_by_side_html

from .test_render import parse

OLD = """# Policy

## 1. Items

- Name
  - Nickname
- Email

| Item | Period |
|---|---|
| Name | 1 year |

## 2. Retention

We keep data for **one year**.

## 3. Contact

Write to [us](mailto:a@example.com).

## 4. Old clause

Going away.
"""

NEW = """# Policy

## 1. Items

- Name
  - Nickname
- Email
- Date of birth

| Item | Period |
|---|---|
| Name | 1 year |
| Birth date | 3 years |

## 3. Contact

Write to [us](mailto:a@example.com).

## 2. Retention

We keep data for **two years**.

## 5. New clause

| A | B |
|---|---|
| 1 | 2 |
"""


def _visible_text(html: str) -> str:
    html = re.sub(r'<span class="pn-sr">.*?</span>', "", html)
    return re.sub(r"<[^>]+>", "\n", html)


def test_cells_show_lists_and_tables_not_markdown() -> None:
    html = render_side_by_side_html(OLD, NEW, "en")
    parse(html)
    text = _visible_text(html)
    for typed in ("|", "---", "**", "](", "\n- ", "\n  - "):
        assert typed not in text, (typed, text)
    after = re.findall(r'<td class="pn-sbs-after"[^>]*>(.*?)</td><td class="pn-sbs-note"', html, re.S)
    assert any('<ul class="pn-list">' in a and 'class="pn-depth-1"' in a for a in after)
    assert any("<table" in a and "Birth date" in a for a in after)
    assert "<strong>" in html and 'href="mailto:a@example.com"' not in html  # contact unchanged: not listed
    assert ' id="' not in html  # the table shares a page with the redline: no duplicate ids


@pytest.mark.parametrize("lang, new, deleted, amended, moved", [
    ("ko", "신설", "삭제", "변경", "이동"),
    ("en", "New", "Deleted", "Amended", "Moved"),
    ("zh", "新增", "删除", "修改", "移动"),
    ("zh-Hant", "新增", "刪除", "修改", "移動"),
    ("es", "Nuevo", "Eliminado", "Modificado", "Trasladado"),
])
def test_the_note_says_what_happened(lang, new, deleted, amended, moved) -> None:
    html = render_side_by_side_html(OLD, NEW, lang)
    notes = re.findall(r'<td class="pn-sbs-note"[^>]*>(.*?)</td>', html)
    assert new in notes and deleted in notes and amended in notes, notes
    assert any(moved in n for n in notes), notes
    assert len(set(notes)) >= 3, notes
