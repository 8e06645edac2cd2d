"""The side-by-side table by section: the Korean 신구대조표 (section | before |
after | note), listing only the sections that changed.

Sections are aligned by heading (exactly, then ignoring numbering, so that a
renumbered "3. Retention" still meets "4. Retention"), then by similarity of
their text, then they count as new or deleted.
"""

from __future__ import annotations

import re
from html import escape
from typing import Mapping

from ..sources.sections import Section, split_sections
from .align import match_identical, pair_similar
from .engine import diff_texts
from .labels import labels_for
from .model import Op
from .tokens import count_words, tokenize

# Numbering in front of a heading: "3.", "3.1", "제3조", "第三条", "Article 4", "IV.", "(2)".
_NUMBERING_RE = re.compile(
    r"^\s*(?:제\s*\d+\s*조(?:의\s*\d+)?|第[一二三四五六七八九十百\d]+[条條章節节]|Art(?:icle|ículo)?\.?\s*\d+"
    r"|\(?\d+(?:\.\d+)*[.)]?|[IVXLC]+\.|[①-⑳])\s*"
)
_SIMILAR = 0.3


def render_side_by_side_html(old: str, new: str, lang: str) -> str:
    labels = labels_for(lang)
    rows = []
    for a, b in align_sections(split_sections(old), split_sections(new), lang):
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


def align_sections(old: list[Section], new: list[Section], lang: str
                   ) -> list[tuple[Section | None, Section | None]]:
    """Pairs (old, new) in document order; None on one side for a deleted or new section."""
    pairs = _match(old, new, lambda s: s.heading)
    pairs = _refine(old, new, pairs, lambda s: _heading_key(s.heading))
    out: list[tuple[Section | None, Section | None]] = []
    pi = pj = 0
    for i, j in pairs + [(len(old), len(new))]:
        if i > pi or j > pj:
            out.extend(_by_similarity(old[pi:i], new[pj:j], lang))
        if i < len(old):
            out.append((old[i], new[j]))
        pi, pj = i + 1, j + 1
    return out


def _match(old, new, key) -> list[tuple[int, int]]:
    return match_identical([key(s) for s in old], [key(s) for s in new])


def _refine(old, new, pairs, key) -> list[tuple[int, int]]:
    """Add matches by a looser key inside the gaps left by pairs."""
    out = []
    pi = pj = 0
    for i, j in pairs + [(len(old), len(new))]:
        if i > pi and j > pj:
            out.extend((pi + a, pj + b) for a, b in _match(old[pi:i], new[pj:j], key))
        if i < len(old):
            out.append((i, j))
        pi, pj = i + 1, j + 1
    return out


def _by_similarity(old: list[Section], new: list[Section], lang: str):
    osig = [_signature(s, lang) for s in old]
    nsig = [_signature(s, lang) for s in new]

    def sim(i: int, j: int) -> float:
        a, b = osig[i], nsig[j]
        return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0

    out = []
    po = pn = 0
    for i, j in pair_similar(len(old), len(new), sim, _SIMILAR) + [(len(old), len(new))]:
        out.extend((s, None) for s in old[po:i])
        out.extend((None, s) for s in new[pn:j])
        if i < len(old):
            out.append((old[i], new[j]))
        po, pn = i + 1, j + 1
    return out


def _signature(s: Section, lang: str) -> frozenset:
    words = [t.lower() for t in tokenize(s.text, lang) if count_words(t, lang)]
    return frozenset(words) | frozenset(zip(words, words[1:]))


def _heading_key(heading: str) -> str:
    return " ".join(_NUMBERING_RE.sub("", heading, count=1).lower().split())


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
