"""The side-by-side table by section: the Korean 신구대조표 (section | before |
after | note), listing only the sections that changed.

Sections are paired by the document model's one section alignment
(document/align.py), as the classifier and the emails pair them.
"""

from __future__ import annotations

import re
from html import escape
from typing import Mapping

from ..document import Section
from ..document.align import section_pairs
from .engine import diff_texts
from .labels import labels_for
from .model import Op
from .tokens import count_words, tokenize



def render_side_by_side_html(old: str, new: str, lang: str) -> str:
    labels = labels_for(lang)
    rows = []
    for pair in section_pairs(old, new):
        a, b = pair.old, pair.new
        if a is not None and b is not None and a.text == b.text:
            continue
        rows.append(_row(a, b, lang, labels))
    head = (f'<th scope="col">{escape(labels["sbs_section"])}</th>'
            f'<th scope="col">{escape(labels["sbs_before"])}</th>'
            f'<th scope="col">{escape(labels["sbs_after"])}</th>'
            f'<th scope="col">{escape(labels["sbs_note"])}</th>')
    if not rows:
        return f'<div class="pn-sbs-wrap"><p class="pn-sbs-none">{escape(labels["sbs_none"])}</p></div>'
    return (f'<div class="pn-sbs-wrap"><table class="pn-sbs">'
            f'<caption>{escape(labels["sbs_caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _row(a: Section | None, b: Section | None, lang: str, labels: Mapping[str, str]) -> str:
    if a is None:
        assert b is not None
        note, cls = labels["sbs_new"], "pn-sbs-new"
        section = _section_name(b.heading, labels)
        before = f'<span class="pn-sbs-absent">({escape(labels["sbs_new"])})</span>'
        after = _cell((Op("insert", b.body),), "insert", labels)
    elif b is None:
        note, cls = labels["sbs_deleted"], "pn-sbs-deleted"
        section = _section_name(a.heading, labels)
        before = _cell((Op("delete", a.body),), "delete", labels)
        after = f'<span class="pn-sbs-absent">({escape(labels["sbs_deleted"])})</span>'
    else:
        note, cls = labels["sbs_changed"], "pn-sbs-changed"
        if a.heading == b.heading:
            section = _section_name(b.heading, labels)
        else:
            heading_ops = diff_texts(a.heading, b.heading, lang).ops
            section = (_cell(heading_ops, "delete", labels, "span") + " → "
                       + _cell(heading_ops, "insert", labels, "span"))
        ops = diff_texts(a.body, b.body, lang).ops
        before = _cell(ops, "delete", labels)
        after = _cell(ops, "insert", labels)
    return (f'<tr class="{cls}"><th scope="row">{section}</th>'
            f'<td class="pn-sbs-before">{before}</td><td class="pn-sbs-after">{after}</td>'
            f'<td class="pn-sbs-note">{escape(note)}</td></tr>')


def _section_name(heading: str, labels: Mapping[str, str]) -> str:
    return escape(heading) if heading else escape(labels["preamble"])


def _cell(ops, side: str, labels: Mapping[str, str], wrapper: str = "div") -> str:
    """One side of a diff (side: "delete" for before, "insert" for after) with its changes marked."""
    tag = "del" if side == "delete" else "ins"
    sr = escape(labels["deleted" if side == "delete" else "inserted"])
    shown = [o for o in ops if o.op in ("equal", side)]
    # Blank lines that end a section are layout, not content.
    while shown and shown[-1].op == "equal" and not shown[-1].text.strip():
        shown.pop()
    out = []
    for k, o in enumerate(shown):
        text = o.text.rstrip() if k == len(shown) - 1 else o.text
        if not text:
            continue
        if o.op == "equal":
            out.append(escape(text))
        else:
            out.append(f'<{tag}><span class="pn-sr">{sr}: </span>{escape(text)}</{tag}>')
    return f'<{wrapper} class="pn-sbs-text">{"".join(out)}</{wrapper}>'
