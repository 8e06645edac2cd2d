"""Redlines as HTML (the policy's structure with <ins>/<del>), as terminal text
and as JSON.

Diff first, then escape: every piece of policy text goes through html.escape
on its own, and the markup around it is ours, so a policy that contains
``<script>`` shows it as text. Policy Markdown is shown structurally (headings,
lists, tables, paragraphs) and inline Markdown as a reader sees it: emphasis,
code, <br> and links (to http(s), mailto, tel and relative targets only) are
rendered, their syntax hidden; a change of hidden syntax only (a link target)
is one "formatting changed" mark; HTML comments are never shown and are no
change. Other raw HTML shows as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from itertools import groupby
from typing import Mapping

from ..document import BLANK, CODE, COMMENT, HEADING, HTML, LINK_DEF, LIST_ITEM, TABLE_ROW
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
    shown = len(body._numbers)  # the changes a reader sees (a comment is none)
    nav = ""
    if shown:
        nav = (f'<nav class="pn-redline-nav" aria-label="{escape(labels["nav"])}" hidden>'
               f'<button type="button" class="pn-nav-prev" data-pn-nav="prev">{escape(labels["prev"])}</button>'
               f' <span class="pn-nav-position" aria-live="polite"></span> '
               f'<button type="button" class="pn-nav-next" data-pn-nav="next">{escape(labels["next"])}</button>'
               "</nav>")
    return (f'<div class="pn-redline" data-pn-position="{escape(labels["position"])}">'
            f"{_summary(r, labels, body.heading_ids, shown)}{nav}"
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


def _count(labels: Mapping[str, str], many: str, one: str, n: int) -> str:
    """"1 word added", "3 words added": the singular where the language has one."""
    return labels[one] if n == 1 and one in labels else labels[many].format(n=n)


def _summary(r: Redline, labels: Mapping[str, str], heading_ids: dict[str, str], shown: int) -> str:
    parts = [f'<div class="pn-redline-summary" role="group" aria-label="{escape(labels["summary"])}">'
             f'<p class="pn-summary-title"><strong>{escape(labels["summary"])}</strong></p>']
    s = r.stats
    if not shown:
        parts.append(f'<p class="pn-summary-none">{escape(labels["no_changes"])}</p></div>')
        return "".join(parts)
    count = labels["change_one"] if shown == 1 else labels["changes"].format(n=shown)
    parts.append(
        f'<p class="pn-summary-counts"><span class="pn-summary-changes">{escape(count)}</span> · '
        f'<span class="pn-summary-added">{escape(_count(labels, "words_added", "word_added_one", s.words_added))}</span> · '
        f'<span class="pn-summary-removed">{escape(_count(labels, "words_removed", "word_removed_one", s.words_removed))}</span></p>')
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
    _numbers: dict[int, int] = field(default_factory=dict)  # hunk -> the number a reader sees
    _moves: dict[str, list[int]] = field(default_factory=dict)  # text -> move numbers awaiting their insert
    _move_count: int = 0
    # One side only ("delete": the text before, "insert": after), for the
    # side-by-side table; anchors off when the fragment shares a page.
    side: str | None = None
    anchors: bool = True

    def render(self, seg) -> None:
        units = seg.units
        if self.side is not None:
            units = tuple(u for u in (_one_side(u, self.side) for u in units) if u is not None)
        self._pair_moves(units)
        group: list[Unit] = []
        for unit in units:
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
        if not self.anchors:
            return ""
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
        if kind == COMMENT:
            return  # never shown, never a change
        if kind == LINK_DEF:
            if unit.status != "equal":  # a reference link's target: formatting
                self.out.append(f'<p class="pn-fmt-only">{self._formatting_marks(unit)}</p>')
            return
        if kind == BLANK:
            if unit.status != "equal":
                self.out.append(f'<p{self._block_class(unit, "pn-blank")}>{self._inline(unit)}</p>')
            return
        if kind == HEADING:
            level = min(6, unit.block.level + 2)  # the page has its own h1 and an h2 above the redline
            content = self._inline(unit)
            hid = ""
            if unit.status != "delete" and self.anchors:
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

    def _formatting_marks(self, unit: Unit, markers_only: bool = False) -> str:
        """A visible mark for each hunk of the unit not shown anywhere else:
        a change of formatting only (a table's alignment, a link target)."""
        out = []
        for p in unit.pieces:
            if p.op == "equal" or p.hunk in self._labelled or (markers_only and not p.marker):
                continue
            out.append(self._formatting_mark(p))
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
        out[0] += self._formatting_marks(unit, markers_only=True)  # a change of the row's '|' only
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

    def _label(self, hunk: int) -> str:
        """The id attribute of a hunk's first mark ("" for the later ones).
        Ids count the changes a reader sees, in page order."""
        if hunk in self._labelled:
            return ""
        self._labelled.add(hunk)
        if not self.anchors:
            return ""
        self._numbers[hunk] = len(self._numbers) + 1
        return f' id="pn-change-{self._numbers[hunk]}"'

    def _marks(self, pieces: list[Piece], keep_newlines: bool = False) -> str:
        """The pieces as HTML: inline Markdown rendered (emphasis, code, safe
        links, <br>), its syntax hidden, comments never shown; a change of
        hidden syntax only (a link target, emphasis markers) is a formatting mark."""
        runs = _runs(pieces, parse_inline=not keep_newlines, old_side=self.side == "delete")
        shown = {r.piece.hunk for r in runs if r.kind == "text" and r.piece.op != "equal"}
        out: list[str] = []
        open_fmt: tuple = ()
        last_fmt_mark = -1
        for r in runs:
            if r.kind in ("hidden", "comment"):
                h = r.piece.hunk
                if (r.kind == "hidden" and r.piece.op != "equal" and h not in shown
                        and h not in self._labelled):
                    if last_fmt_mark == len(out):
                        self._labelled.add(h)  # one mark for one place (old and new link target)
                        continue
                    out.append(_close(open_fmt))
                    open_fmt = ()
                    out.append(self._formatting_mark(r.piece))
                    last_fmt_mark = len(out)
                continue
            if r.fmt != open_fmt:
                out.append(_close(open_fmt) + _open(r.fmt))
                open_fmt = r.fmt
            out.append(self._mark(r.piece, r.text, br=r.kind == "br"))
        out.append(_close(open_fmt))
        return "".join(out)

    def _formatting_mark(self, p: Piece) -> str:
        """A change a reader cannot see in the words (a link target, emphasis
        markers, a table's alignment): one visible, focusable mark."""
        return (f'<ins{self._label(p.hunk)} class="pn-fmt"><span class="pn-sr">'
                f'{escape(self.labels["formatting"])}: </span>'
                f'<span aria-hidden="true">{escape(self.labels["formatting"])}</span></ins>')

    def _mark(self, p: Piece, raw: str, br: bool = False) -> str:
        text = "<br>" if br else escape(raw)
        if p.op == "equal":
            return text
        tag = "ins" if p.op == "insert" else "del"
        classes = []
        if p.moved:
            classes.append("pn-moved")
            sr = self.labels["moved_from" if p.op == "insert" else "moved_to"]
        else:
            sr = self.labels["inserted" if p.op == "insert" else "deleted"]
        if raw.isspace() and not br:
            classes.append("pn-ws")
            glyphs = "".join(_WS_GLYPHS.get(c, "·") for c in raw)
            text = f'<span aria-hidden="true">{glyphs}</span>'
            sr = f"{sr} ({self.labels['whitespace']})"
        attrs = self._label(p.hunk)
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        return f'<{tag}{attrs}><span class="pn-sr">{escape(sr)}: </span>{text}</{tag}>'


# -- inline Markdown -------------------------------------------------------------

_INLINE_CHARS = frozenset("[]<>*_`!\\&")
_BR_RE = re.compile(r"<br\s*/?>$", re.I)
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_JUNK_RE = re.compile(r"[\x00-\x20\x7f]")


def safe_href(href: str) -> str | None:
    """A link target a redline may link to: http(s), mailto, tel or relative."""
    cleaned = _URL_JUNK_RE.sub("", href)
    m = _SCHEME_RE.match(cleaned)
    if m and m.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if not m and ":" in cleaned.split("/", 1)[0]:
        return None  # "javascript&colon;..." and the like: no scheme we can vouch for
    return href


@dataclass(frozen=True)
class _Run:
    kind: str  # text, br, hidden (Markdown syntax), comment
    text: str
    piece: Piece
    fmt: tuple = ()


def _inline_map(src: str) -> list | None:
    """For each character of inline Markdown: its formatting (a tuple of
    (tag, attribute) pairs) when a reader sees it, "br" for the first
    character of a <br>, None for syntax, "comment" for an HTML comment."""
    if _INLINE_CHARS.isdisjoint(src):
        return None  # plain text: every character shown as it is
    from ..document.reader import inline_tokens

    info: list = [None] * len(src)
    stack: list[tuple] = []
    cursor = 0

    def place(content: str, fmt) -> None:
        nonlocal cursor
        j = src.find(content, cursor) if content else -1
        if j >= 0:
            for k in range(j, j + len(content)):
                info[k] = fmt
            cursor = j + len(content)
            return
        for ch in content:  # escapes and entities: the characters shown, in order
            j = src.find(ch, cursor)
            if j >= 0:
                info[j] = fmt
                cursor = j + 1

    for tok in inline_tokens(src):
        t = tok.type
        if t == "text" or t == "image":
            place(tok.content, tuple(stack))
        elif t == "code_inline":
            place(tok.content, tuple(stack) + (("code", ""),))
        elif t in ("softbreak", "hardbreak"):
            j = src.find("\n", cursor)
            if j >= 0:
                info[j] = "br" if t == "hardbreak" else tuple(stack)
                cursor = j + 1
        elif t == "html_inline":
            c = tok.content
            j = src.find(c, cursor)
            if j < 0:
                continue
            if c.startswith("<!--"):
                info[j:j + len(c)] = ["comment"] * len(c)
            elif _BR_RE.match(c):
                info[j] = "br"
            else:
                info[j:j + len(c)] = [tuple(stack)] * len(c)  # other tags show as typed
            cursor = j + len(c)
        elif t in ("strong_open", "em_open"):
            stack.append((t[:-5], ""))
        elif t == "link_open":
            stack.append(("a", str(tok.attrs.get("href") or "")))
        elif t in ("strong_close", "em_close", "link_close") and stack:
            stack.pop()
    # Spacing markdown-it leaves out (before a line break) is shown as it is.
    return [() if i is None and src[k].isspace() else i for k, i in enumerate(info)]


def _runs(pieces: list[Piece], parse_inline: bool = True, old_side: bool = False) -> list[_Run]:
    """The pieces cut into runs of one kind and formatting. Unchanged text
    takes the new text's formatting (the old one's when only the old side shows)."""
    if not parse_inline:
        return [_Run("text", p.text, p) for p in pieces if p.text]
    new_src = "".join(p.text for p in pieces if p.op != "delete")
    old_src = "".join(p.text for p in pieces if p.op != "insert")
    new_map, old_map = _inline_map(new_src), _inline_map(old_src)
    if new_map is None and old_map is None:
        return [_Run("text", p.text, p) for p in pieces if p.text]
    runs: list[_Run] = []
    pn = po = 0
    for p in pieces:
        side, at = (old_map, po) if p.op == "delete" or (old_side and p.op == "equal") else (new_map, pn)
        if side is None:
            if p.text:
                runs.append(_Run("text", p.text, p))
        else:
            k = 0
            for info, group in groupby(side[at:at + len(p.text)], key=_kind_of):
                n = sum(1 for _ in group)
                kind, fmt = info
                if kind == "br":  # each <br> is one run
                    runs.extend(_Run("br", p.text[k + j], p) for j in range(n))
                else:
                    runs.append(_Run(kind, p.text[k:k + n], p, fmt))
                k += n
        if p.op != "delete":
            pn += len(p.text)
        if p.op != "insert":
            po += len(p.text)
    # Spacing changed together with a comment belongs to the comment.
    for k, r in enumerate(runs):
        if r.kind == "text" and r.piece.op != "equal" and r.text.isspace() and any(
                0 <= j < len(runs) and runs[j].kind == "comment" and runs[j].piece is r.piece
                for j in (k - 1, k + 1)):
            runs[k] = _Run("comment", r.text, r.piece)
    return runs


def _kind_of(info) -> tuple[str, tuple]:
    if info is None:
        return ("hidden", ())
    if info == "comment" or info == "br":
        return (info, ())
    return ("text", info)


def _open(fmt: tuple) -> str:
    out = []
    for tag, value in fmt:
        if tag == "a":
            href = safe_href(value)
            out.append(f'<a href="{escape(href)}" rel="nofollow noopener">' if href is not None
                       else '<span class="pn-link-removed">')
        else:
            out.append(f"<{tag}>")
    return "".join(out)


def _close(fmt: tuple) -> str:
    out = []
    for tag, value in reversed(fmt):
        if tag == "a":
            out.append("</a>" if safe_href(value) is not None else "</span>")
        else:
            out.append(f"</{tag}>")
    return "".join(out)


def _one_side(unit: Unit, side: str) -> Unit | None:
    """The unit as one side shows it: the other side's pieces dropped."""
    pieces = tuple(p for p in unit.pieces if p.op in ("equal", side))
    if not pieces or (len(pieces) < len(unit.pieces) and not "".join(p.text for p in pieces).strip()):
        return None  # the other side's block (and the blank line it shares)
    block = unit.old_block if side == "delete" else unit.new_block
    return Unit(pieces, block or unit.block, unit.old_block, unit.new_block)


def inline_html(markdown: str) -> str:
    """A line of inline Markdown (a heading) as HTML, safely."""
    piece = Piece("equal", markdown, False, -1, False, 0, 0, False)
    return _Body({}, anchors=False)._marks([piece])


def inline_side_html(ops, labels: Mapping[str, str], side: str) -> str:
    """One side of a diff of one line (a heading) as inline HTML, without ids."""
    pieces = [Piece(o.op, o.text, o.moved, k, True, None, None, False)
              for k, o in enumerate(ops) if o.op in ("equal", side)]
    return _Body(labels, anchors=False)._marks(pieces)


def render_blocks_html(seg, labels: Mapping[str, str], side: str) -> str:
    """One side of a segmented diff as structured HTML (lists, tables,
    paragraphs, inline Markdown) without ids: a side-by-side table's cell."""
    body = _Body(labels, side=side, anchors=False)
    body.render(seg)
    return "".join(body.out)


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
