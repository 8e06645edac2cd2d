"""The side-by-side table by section: the Korean 신구대조표 (section | before |
after | note), listing only the sections that changed.

Sections are paired by the document model's one section alignment
(document/align.py), as the classifier and the emails pair them. Each cell
shows its side's blocks as the redline does (lists as lists, tables as
tables, inline Markdown rendered), with that side's changes marked; the note
says new, deleted, amended or moved. On a phone the rows stack (redline.css),
each cell labelled with its column's name (data-label).
"""

from __future__ import annotations

from html import escape
from typing import Mapping


from ..document.align import SectionPair, section_pairs
from .engine import diff_texts
from .labels import labels_for
from .model import Op
from .pieces import segment


def render_side_by_side_html(old: str, new: str, lang: str) -> str:
    labels = labels_for(lang)
    rows = []
    for pair in section_pairs(old, new):
        a, b = pair.old, pair.new
        if a is not None and b is not None and a.text == b.text and not pair.moved:
            continue
        rows.append(_row(pair, lang, labels))
    if not rows:
        return f'<div class="pn-sbs-wrap"><p class="pn-sbs-none">{escape(labels["sbs_none"])}</p></div>'
    head = "".join(f'<th scope="col" class="pn-sbs-col-{key[4:]}">{escape(labels[key])}</th>'
                   for key in ("sbs_section", "sbs_before", "sbs_after", "sbs_note"))
    return (f'<div class="pn-sbs-wrap"><table class="pn-sbs">'
            f'<caption>{escape(labels["sbs_caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def note_keys(pair: SectionPair) -> tuple[str, ...]:
    """The note of a pair: sbs_new, sbs_deleted, sbs_moved and/or sbs_changed."""
    if pair.old is None:
        return ("sbs_new",)
    if pair.new is None:
        return ("sbs_deleted",)
    keys = ("sbs_moved",) if pair.moved else ()
    if pair.old.text != pair.new.text:
        keys += ("sbs_changed",)
    return keys or ("sbs_changed",)


def _row(pair: SectionPair, lang: str, labels: Mapping[str, str]) -> str:
    a, b = pair.old, pair.new
    keys = note_keys(pair)
    absent = '<span class="pn-sbs-absent">({})</span>'
    if a is None:
        assert b is not None
        section = _section_name(b.heading, labels)
        before = absent.format(escape(labels["sbs_new"]))
        after = _side("", b.body, (Op("insert", b.body),), "insert", labels)
    elif b is None:
        section = _section_name(a.heading, labels)
        before = _side(a.body, "", (Op("delete", a.body),), "delete", labels)
        after = absent.format(escape(labels["sbs_deleted"]))
    else:
        if a.heading == b.heading:
            section = _section_name(b.heading, labels)
        else:
            heading_ops = diff_texts(a.heading, b.heading, lang).ops
            section = (_side(a.heading, b.heading, heading_ops, "delete", labels, inline=True) + " → "
                       + _side(a.heading, b.heading, heading_ops, "insert", labels, inline=True))
        seg = segment(a.body, b.body, diff_texts(a.body, b.body, lang).ops)
        before = _side(a.body, b.body, (), "delete", labels, seg=seg)
        after = _side(a.body, b.body, (), "insert", labels, seg=seg)
    cls = {"sbs_new": "pn-sbs-new", "sbs_deleted": "pn-sbs-deleted", "sbs_moved": "pn-sbs-moved"}.get(
        keys[0], "pn-sbs-changed")
    note = " · ".join(escape(labels[k]) for k in keys)
    return (f'<tr class="{cls}"><th scope="row" data-label="{escape(labels["sbs_section"])}">{section}</th>'
            f'<td class="pn-sbs-before" data-label="{escape(labels["sbs_before"])}">{before}</td>'
            f'<td class="pn-sbs-after" data-label="{escape(labels["sbs_after"])}">{after}</td>'
            f'<td class="pn-sbs-note" data-label="{escape(labels["sbs_note"])}">{note}</td></tr>')


def _section_name(heading: str, labels: Mapping[str, str]) -> str:
    from .render import inline_html

    return inline_html(heading) if heading else escape(labels["preamble"])


def _side(old: str, new: str, ops, side: str, labels: Mapping[str, str], inline: bool = False,
          seg=None) -> str:
    """One side of a diff (side: "delete" for before, "insert" for after) with its changes marked."""
    from .render import inline_side_html, render_blocks_html

    if inline:  # a heading
        return f'<span class="pn-sbs-text">{inline_side_html(ops, labels, side)}</span>'
    seg = seg if seg is not None else segment(old, new, tuple(ops))
    return f'<div class="pn-sbs-text">{render_blocks_html(seg, labels, side)}</div>'
