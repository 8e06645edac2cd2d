"""What a reader sees of a redline's structure (issue 17): tables with their
header's columns, nested list depth, inline Markdown rendered safely."""

from __future__ import annotations

import re

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
