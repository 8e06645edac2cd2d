"""What a reader sees of a redline's structure (issue 17): an inserted table
row's cells under their headers, no delimiter row, nested lists indented."""

from __future__ import annotations

import pytest

from .conftest import LANGS, PRIVACY

ROW_BOXES_JS = """() => {
  const row = document.querySelector(".pn-redline table tr.pn-block-ins");
  const table = row.closest("table");
  const heads = Array.from(table.querySelectorAll("thead th")).map(c => c.getBoundingClientRect());
  const cells = Array.from(row.children).map(c => ({
    left: c.getBoundingClientRect().left, right: c.getBoundingClientRect().right,
    text: c.textContent.replace(/\\s+/g, " ").trim()}));
  const tableBox = table.getBoundingClientRect();
  return {heads: heads.map(h => ({left: h.left, right: h.right})), cells,
          inside: cells.every(c => c.left >= tableBox.left - 1 && c.right <= tableBox.right + 1),
          rowTexts: Array.from(document.querySelectorAll(".pn-redline tr"))
                      .map(r => r.textContent.replace(/\\s+/g, "").trim())};
}"""

DEPTHS_JS = """() => Array.from(document.querySelectorAll(".pn-redline li[class*=pn-depth-]")).map(li => ({
  depth: Number(/pn-depth-(\\d)/.exec(li.className)[1]),
  left: li.getBoundingClientRect().left,
}))"""


@pytest.mark.parametrize("lang", LANGS)
def test_an_inserted_row_sits_under_its_headers(page, lang):
    page.goto(PRIVACY.url(lang, "2025-03-08", "changes"))
    boxes = page.evaluate(ROW_BOXES_JS)
    assert len(boxes["cells"]) == len(boxes["heads"]) == 3, boxes
    for head, cell in zip(boxes["heads"], boxes["cells"]):
        assert abs(head["left"] - cell["left"]) < 1 and abs(head["right"] - cell["right"]) < 1, boxes
        assert cell["text"], boxes  # no empty first cell, no value pushed out of the table
    assert boxes["inside"], boxes
    assert "Lumenstream" in boxes["cells"][0]["text"] or lang != "en"
    assert not any(set(t) <= set("-:|") for t in boxes["rowTexts"] if t), boxes["rowTexts"]


@pytest.mark.parametrize("lang", ["ko", "en", "es"])
def test_nested_list_items_are_indented_by_depth(page, lang):
    page.goto(PRIVACY.url(lang, "2025-03-08", "changes"))
    items = page.evaluate(DEPTHS_JS)
    lefts = {}
    for item in items:
        lefts.setdefault(item["depth"], set()).add(round(item["left"]))
    assert 0 in lefts and 1 in lefts, lefts
    assert min(lefts[1]) > max(lefts[0]) + 10, lefts
