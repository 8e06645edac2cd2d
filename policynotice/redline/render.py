"""Redlines as HTML (the policy's structure with <ins>/<del>), as terminal text
and as JSON.

Diff first, then escape: every piece of policy text goes through html.escape
on its own, and the markup around it is ours, so a policy that contains
``<script>`` shows it as text. Policy Markdown is shown structurally (headings,
lists, tables, paragraphs); inline Markdown (emphasis, links) is left as typed,
which is also what a lawyer wants to see change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Mapping

from ..document import BLANK, CODE, HEADING, HTML, LIST_ITEM, TABLE_ROW
from .engine import diff_texts
from .labels import labels_for
from .model import Redline
from .pieces import Piece, Unit, segment
from .sidebyside import render_side_by_side_html

__all__ = ["render_redline_html", "render_side_by_side_html", "render_text", "ops_json"]

# Visible stand-ins for whitespace that was inserted or deleted, which would
# otherwise be an invisible change.
_WS_GLYPHS = {"\n": "↵", "\r": "␍", "\t": "→", "\u00a0": "⍽", "\u3000": "□"}
_SEPARATOR_ROW_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")


def render_redline_html(old: str, new: str, lang: str, redline: Redline | None = None) -> str:
    """The redline of old -> new as an HTML fragment: <div class="pn-redline">."""
    r = redline if redline is not None else diff_texts(old, new, lang)
    labels = labels_for(lang)
    body = _Body(labels)
    body.render(segment(old, new, r.ops))
    nav = ""
    if r.stats.changes:
        nav = (f'<nav class="pn-redline-nav" aria-label="{escape(labels["nav"])}" hidden>'
               f'<button type="button" class="pn-nav-prev" data-pn-nav="prev">{escape(labels["prev"])}</button>'
               f' <span class="pn-nav-position" aria-live="polite"></span> '
               f'<button type="button" class="pn-nav-next" data-pn-nav="next">{escape(labels["next"])}</button>'
               "</nav>")
    return (f'<div class="pn-redline" data-pn-position="{escape(labels["position"])}">'
            f"{_summary(r, labels, body.heading_ids)}{nav}"
            f'<div class="pn-redline-body">{"".join(body.out)}</div></div>')


def render_text(redline: Redline) -> str:
    """Terminal form, as git --word-diff: [-deleted-]{+inserted+}."""
    out = []
    for o in redline.ops:
        if o.op == "equal":
            out.append(o.text)
        elif o.op == "delete":
            out.append(f"[-{o.text}-]")
        else:
            out.append(f"{{+{o.text}+}}")
    return "".join(out)


def ops_json(redline: Redline) -> dict:
    """{"ops": [[op, text], ...]} plus moved op indices, statistics and flags."""
    s = redline.stats
    return {
        "ops": [[o.op, o.text] for o in redline.ops],
        "moved": [i for i, o in enumerate(redline.ops) if o.moved],
        "stats": {"words_added": s.words_added, "words_removed": s.words_removed,
                  "sections_changed": list(s.sections_changed), "changes": s.changes},
        "whitespace_only": redline.whitespace_only,
        "punctuation_only": redline.punctuation_only,
    }


def _summary(r: Redline, labels: Mapping[str, str], heading_ids: dict[str, str]) -> str:
    parts = [f'<div class="pn-redline-summary" role="group" aria-label="{escape(labels["summary"])}">'
             f'<p class="pn-summary-title"><strong>{escape(labels["summary"])}</strong></p>']
    s = r.stats
    if not s.changes:
        parts.append(f'<p class="pn-summary-none">{escape(labels["no_changes"])}</p></div>')
        return "".join(parts)
    count = labels["change_one"] if s.changes == 1 else labels["changes"].format(n=s.changes)
    parts.append(
        f'<p class="pn-summary-counts"><span class="pn-summary-changes">{escape(count)}</span> · '
        f'<span class="pn-summary-added">{escape(labels["words_added"].format(n=s.words_added))}</span> · '
        f'<span class="pn-summary-removed">{escape(labels["words_removed"].format(n=s.words_removed))}</span></p>')
    if r.whitespace_only or r.punctuation_only:
        key = "whitespace_only" if r.whitespace_only else "punctuation_only"
        parts.append(f'<p class="pn-summary-only pn-only-{key.split("_")[0]}"><strong>'
                     f"{escape(labels[key])}</strong></p>")
    if s.sections_changed:
        items = []
        for name in s.sections_changed:
            text = escape(name or labels["preamble"])
            anchor = heading_ids.get(name)
            items.append(f'<li><a href="#{anchor}">{text}</a></li>' if anchor else f"<li>{text}</li>")
        parts.append(f'<p class="pn-summary-sections-label">{escape(labels["sections_changed"])}</p>'
                     f'<ul class="pn-summary-sections">{"".join(items)}</ul>')
    parts.append(f'<p class="pn-legend">{escape(labels["legend"])}</p></div>')
    return "".join(parts)


@dataclass
class _Body:
    labels: Mapping[str, str]
    out: list[str] = field(default_factory=list)
    heading_ids: dict[str, str] = field(default_factory=dict)  # heading text -> element id
    _labelled: set[int] = field(default_factory=set)  # hunks whose first mark carries the id
    _moves: dict[str, list[int]] = field(default_factory=dict)  # text -> move numbers awaiting their insert
    _move_count: int = 0

    def render(self, seg) -> None:
        self._pair_moves(seg.units)
        group: list[Unit] = []
        for unit in seg.units:
            kind = unit.block.kind
            if group and kind != group[0].block.kind:
                self._flush(group)
                group = []
            if kind in (LIST_ITEM, TABLE_ROW):
                group.append(unit)
            else:
                self._flush(group)
                group = []
                self._single(unit)
        self._flush(group)

    # -- moves: link each moved-out block with its moved-in copy ----------------
    def _pair_moves(self, units) -> None:
        self._move_of: dict[int, int] = {}
        waiting: dict[str, list[int]] = {}
        for k, u in enumerate(units):
            if u.moved and u.status == "delete":
                waiting.setdefault(_norm(u.block.text), []).append(k)
        for k, u in enumerate(units):
            if u.moved and u.status == "insert":
                queue = waiting.get(_norm(u.block.text))
                if queue:
                    self._move_count += 1
                    self._move_of[queue.pop(0)] = self._move_count
                    self._move_of[k] = self._move_count
        self._unit_index = {id(u): k for k, u in enumerate(units)}

    def _move_badge(self, unit: Unit) -> str:
        if not unit.moved or unit.status not in ("insert", "delete"):
            return ""
        here = "from" if unit.status == "delete" else "to"
        there = "to" if here == "from" else "from"
        text = self.labels["moved_to"] if here == "from" else self.labels["moved_from"]
        k = self._move_of.get(self._unit_index[id(unit)])
        if k is None:
            return f'<span class="pn-move-badge">{escape(text)}</span> '
        title = self.labels["go_moved_to"] if here == "from" else self.labels["go_moved_from"]
        return (f'<a class="pn-move-badge" id="pn-move-{k}-{here}" href="#pn-move-{k}-{there}"'
                f' title="{escape(title)}">{escape(text)}</a> ')

    # -- blocks --------------------------------------------------------------------
    def _block_class(self, unit: Unit, extra: str = "") -> str:
        classes = [extra] if extra else []
        if unit.status in ("insert", "delete"):
            classes.append("pn-block-ins" if unit.status == "insert" else "pn-block-del")
            if unit.moved:
                classes.append("pn-block-moved")
        return f' class="{" ".join(classes)}"' if classes else ""

    def _single(self, unit: Unit) -> None:
        kind = unit.block.kind
        if kind == BLANK:
            if unit.status != "equal":
                self.out.append(f'<p{self._block_class(unit, "pn-blank")}>{self._inline(unit)}</p>')
            return
        if kind == HEADING:
            level = min(6, unit.block.level + 2)  # the page has its own h1 and an h2 above the redline
            content = self._inline(unit)
            hid = ""
            if unit.status != "delete":
                name = unit.block.content
                if name not in self.heading_ids:
                    self.heading_ids[name] = f"pn-h-{len(self.heading_ids) + 1}"
                    hid = f' id="{self.heading_ids[name]}"'
            self.out.append(f"<h{level}{hid}{self._block_class(unit, 'pn-heading')}>"
                            f"{self._move_badge(unit)}{content}</h{level}>")
        elif kind in (CODE, HTML):
            self.out.append(f"<pre{self._block_class(unit, 'pn-source')}><code>{self._move_badge(unit)}"
                            f"{self._inline(unit, keep_newlines=True)}</code></pre>")
        else:
            self.out.append(f"<p{self._block_class(unit)}>{self._move_badge(unit)}{self._inline(unit)}</p>")

    def _flush(self, group: list[Unit]) -> None:
        if not group:
            return
        if group[0].block.kind == LIST_ITEM:
            numbered = group[0].block.numbered
            items = []
            for u in group:
                depth = min(u.block.level, 6)
                items.append(f'<li{self._block_class(u, f"pn-depth-{depth}")}>'
                             f"{self._move_badge(u)}{self._inline(u)}</li>")
            cls = "pn-list pn-numbered" if numbered else "pn-list"
            self.out.append(f'<ul class="{cls}">{"".join(items)}</ul>')
        else:
            self._table(group)

    def _table(self, rows: list[Unit]) -> None:
        """Consecutive table lines: one table per delimiter line (a table's
        header is the line right above its delimiter)."""
        tables: list[list[Unit]] = []
        for k, u in enumerate(rows):
            starts_table = (k + 1 < len(rows) and _is_delimiter(rows[k + 1])
                            and not _is_delimiter(u))
            if not tables or (starts_table and any(_is_delimiter(r) for r in tables[-1])):
                tables.append([])
            tables[-1].append(u)
        for table in tables:
            self._one_table(table)

    def _one_table(self, rows: list[Unit]) -> None:
        """One table: the header row's cells set the columns; the delimiter
        line (|---|) is never a row; every row has as many cells as the header."""
        sep = next((k for k, u in enumerate(rows) if _is_delimiter(u)), None)
        head, body = [], []
        columns = 0
        for k, u in enumerate(rows):
            if k == sep:
                continue
            cell_tag = "th" if sep is not None and k < sep else "td"
            badge = self._move_badge(u)
            cells = self._cells(u)
            if cell_tag == "th":
                columns = max(columns, len(cells))
            elif len(cells) < columns:
                cells += [""] * (columns - len(cells))
            if badge:
                cells[0] = badge + cells[0]
            html = "".join(f"<{cell_tag}>{c}</{cell_tag}>" for c in cells)
            (head if cell_tag == "th" else body).append(f"<tr{self._block_class(u)}>{html}</tr>")
            if k + 1 == sep and rows[sep].status != "equal" and head:
                # A change of the delimiter line only (alignment): a mark in the header.
                marks = self._formatting_marks(rows[sep])
                if marks:
                    head[-1] = head[-1][:-len(f"</{cell_tag}></tr>")] + marks + f"</{cell_tag}></tr>"
        if sep is not None and rows[sep].status != "equal" and not head:
            body.insert(0, f"<tr><td>{self._formatting_marks(rows[sep])}</td></tr>")
        thead = f"<thead>{''.join(head)}</thead>" if head else ""
        self.out.append(f'<div class="pn-table-wrap"><table class="pn-table">{thead}'
                        f"<tbody>{''.join(body)}</tbody></table></div>")

    def _formatting_marks(self, unit: Unit) -> str:
        """A visible mark for each hunk of the unit not shown anywhere else:
        a change of formatting only (a table's alignment, a link target)."""
        out = []
        for p in unit.pieces:
            if p.op == "equal" or p.hunk in self._labelled:
                continue
            self._labelled.add(p.hunk)
            tag = "ins" if p.op == "insert" else "del"
            sr = self.labels["inserted" if p.op == "insert" else "deleted"]
            out.append(f'<{tag} id="pn-change-{p.hunk + 1}" class="pn-fmt">'
                       f'<span class="pn-sr">{escape(sr)}: </span>'
                       f'{escape(self.labels["formatting"])}</{tag}>')
        return "".join(out)

    def _cells(self, unit: Unit) -> list[str]:
        """The row's cells, split at the '|' of any piece (so an added column shows)."""
        cells: list[list[Piece]] = [[]]
        for p in self._visible(unit):
            if p.marker:
                continue  # the row's opening '|': never a cell
            parts = _CELL_SPLIT_RE.split(p.text)
            for i, part in enumerate(parts):
                if i:
                    cells.append([])
                if part:
                    cells[-1].append(_with_text(p, part))
        if len(cells) > 1 and not "".join(p.text for p in cells[-1]).strip():
            trailing = cells.pop()
            if any(p.op != "equal" for p in trailing):
                cells[-1].extend(trailing)
        out = [self._marks(_trim(c)) for c in cells]
        out[0] += self._formatting_marks(unit)  # a change of the row's '|' only
        return out

    # -- inline ------------------------------------------------------------------------
    def _visible(self, unit: Unit) -> list[Piece]:
        """The unit's pieces without its Markdown marker and trailing blank lines.

        Whole inserted or deleted blocks lose those silently; in an edited block
        an inserted or deleted marker or line break stays visible.
        """
        whole = unit.status != "mixed"
        pieces = [p for p in unit.pieces if not (p.marker and (p.op == "equal" or whole))]
        while pieces and pieces[-1].text.isspace() and (pieces[-1].op == "equal" or whole):
            pieces.pop()
        if pieces and (pieces[-1].op == "equal" or whole):
            stripped = pieces[-1].text.rstrip()
            pieces[-1] = _with_text(pieces[-1], stripped)
        hidden = [p for p in unit.pieces if p.hunk_start and p.hunk not in self._labelled
                  and not any(v.hunk == p.hunk for v in pieces)]
        # A hunk made only of hidden text still needs a visible, focusable mark.
        return [_with_text(p, p.text) for p in hidden] + pieces if hidden else pieces

    def _inline(self, unit: Unit, keep_newlines: bool = False) -> str:
        return self._marks(self._visible(unit), keep_newlines)

    def _marks(self, pieces: list[Piece], keep_newlines: bool = False) -> str:
        out = []
        for p in pieces:
            text = escape(p.text)
            if p.op == "equal":
                out.append(text)
                continue
            tag = "ins" if p.op == "insert" else "del"
            classes = []
            if p.moved:
                classes.append("pn-moved")
                sr = self.labels["moved_from" if p.op == "insert" else "moved_to"]
            else:
                sr = self.labels["inserted" if p.op == "insert" else "deleted"]
            if p.text.isspace():
                classes.append("pn-ws")
                glyphs = "".join(_WS_GLYPHS.get(c, "·") for c in p.text)
                text = f'<span aria-hidden="true">{glyphs}</span>'
                sr = f"{sr} ({self.labels['whitespace']})"
            attrs = ""
            if p.hunk not in self._labelled:
                self._labelled.add(p.hunk)
                attrs += f' id="pn-change-{p.hunk + 1}"'
            if classes:
                attrs += f' class="{" ".join(classes)}"'
            out.append(f'<{tag}{attrs}><span class="pn-sr">{escape(sr)}: </span>{text}</{tag}>')
        return "".join(out)


def _with_text(p: Piece, text: str) -> Piece:
    return Piece(p.op, text, p.moved, p.hunk, p.hunk_start, p.old_block, p.new_block, p.marker)


def _trim(cell: list[Piece]) -> list[Piece]:
    """A table cell without the unchanged spaces around its content."""
    cell = [p for p in cell if p.text]
    while cell and not cell[0].text.strip():
        cell.pop(0)  # spacing around a cell's content is not content
    while cell and not cell[-1].text.strip():
        cell.pop()
    if cell:
        cell[0] = _with_text(cell[0], cell[0].text.lstrip())
        cell[-1] = _with_text(cell[-1], cell[-1].text.rstrip())
    return [p for p in cell if p.text]


def _is_delimiter(unit: Unit) -> bool:
    """A table's delimiter line (|---|:---:|), on either side of the change."""
    return any(b is not None and _SEPARATOR_ROW_RE.match(b.text.strip())
               for b in (unit.new_block, unit.old_block))


def _norm(text: str) -> str:
    return " ".join(text.split())
