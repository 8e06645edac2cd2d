"""The side-by-side table (신구대조표) as a reader sees it (issue 17): blocks
rendered (no Markdown as typed), a readable note column, and on a 390 px phone
a stacked layout where words wrap between words, never letter by letter."""

from __future__ import annotations

import pytest

from .conftest import LANGS, PRIVACY

WORDS_SPLIT_JS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector(".pn-sbs"), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest(".pn-sr")) continue;
    const re = /[^\\s()\\[\\],.:;/·\\p{Script=Han}，。、；：（）「」]{2,18}/gu;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

LAYOUT_JS = """() => {
  const table = document.querySelector(".pn-sbs");
  const width = table.getBoundingClientRect().width;
  const cells = Array.from(table.querySelectorAll(":scope > tbody > tr > td"));
  return {
    narrowest: Math.min(...cells.map(c => c.getBoundingClientRect().width)) / width,
    labels: cells.slice(0, 3).map(c => getComputedStyle(c, "::before").content),
    height: document.documentElement.scrollHeight,
    sbsHeight: table.getBoundingClientRect().height,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    typed: table.innerText.match(/\\|\\s*-{3}|^\\s*- |\\*\\*|\\]\\(/m),
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_side_by_side_on_a_phone_is_stacked_and_words_stay_whole(page, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(PRIVACY.url(lang, "2025-03-08", "changes"))
    layout = page.evaluate(LAYOUT_JS)
    assert layout["narrowest"] > 0.9, layout  # each part spans the phone's width
    assert all(label not in ("none", "normal", "") for label in layout["labels"]), layout
    assert layout["typed"] is None, layout
    assert layout["overflow"] <= 1, layout
    # The whole page was 30,000 px tall in Spanish; stacked it is about half.
    assert layout["sbsHeight"] < 9000 and layout["height"] < 20000, layout
    assert page.evaluate(WORDS_SPLIT_JS) == []


@pytest.mark.parametrize("lang", ["ko", "es"])
def test_side_by_side_on_a_desktop_has_a_readable_note_and_rendered_blocks(page, lang):
    page.goto(PRIVACY.url(lang, "2025-03-08", "changes"))
    note = page.evaluate("""() => Array.from(document.querySelectorAll(".pn-sbs td.pn-sbs-note"))
        .map(td => ({w: td.getBoundingClientRect().width, h: td.getBoundingClientRect().height,
                     lh: parseFloat(getComputedStyle(td).lineHeight) || 20, text: td.innerText.trim()}))""")
    assert note, note
    for cell in note:
        assert cell["w"] > 30, cell
    assert len({c["text"] for c in note}) >= 1
    assert page.locator(".pn-sbs td.pn-sbs-after ul.pn-list li").count() > 0
    assert page.locator(".pn-sbs td.pn-sbs-after table.pn-table tr.pn-block-ins").count() == 1
    assert page.evaluate(WORDS_SPLIT_JS) == []
