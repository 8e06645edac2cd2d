"""Cutting a redline's ops along the blocks of the two texts, for rendering.

The engine's ops follow the text; a page shows structure. Every op is cut at
the block boundaries of the side(s) it belongs to, and at the end of each
block's Markdown marker ("## ", "- ", the first "|"), so that each piece lies in
exactly one block and is either all marker or all content. Pieces sharing a
block form a *unit*, which renders as one heading, paragraph, list item or row.
Works for any ops whose texts join to the two texts, not only the engine's.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Block, split_blocks
from .model import Op, hunks

@dataclass(frozen=True)
class Piece:
    op: str  # equal, insert, delete
    text: str
    moved: bool
    hunk: int  # index of the hunk (0-based), -1 for equal text
    hunk_start: bool  # the first piece of its hunk
    old_block: int | None  # index into the old blocks (None for an insert)
    new_block: int | None  # index into the new blocks (None for a delete)
    marker: bool  # lies in its block's Markdown marker


@dataclass(frozen=True)
class Unit:
    pieces: tuple[Piece, ...]
    block: Block  # the new block (or the old one when the unit is all deleted)
    old_block: Block | None
    new_block: Block | None

    @property
    def status(self) -> str:
        """equal, insert, delete (the whole block) or mixed.

        Unchanged whitespace that ends the unit (the blank line the block now
        shares with its neighbour) does not make an inserted block mixed."""
        ops = {p.op for p in self._core}
        return ops.pop() if len(ops) == 1 else "mixed"

    @property
    def moved(self) -> bool:
        return all(p.moved for p in self._core)

    @property
    def _core(self) -> list[Piece]:
        pieces = list(self.pieces)
        while len(pieces) > 1 and pieces[-1].op == "equal" and pieces[-1].text.isspace():
            pieces.pop()
        return pieces


@dataclass(frozen=True)
class Segmented:
    units: tuple[Unit, ...]
    old_blocks: tuple[Block, ...]
    new_blocks: tuple[Block, ...]
    hunk_count: int


def segment(old: str, new: str, ops: tuple[Op, ...]) -> Segmented:
    ob, nb = split_blocks(old), split_blocks(new)
    o_starts, n_starts = [b.start for b in ob], [b.start for b in nb]
    # Each block's marker: an opening one ("## ", "- ", "|") and, for an
    # underlined heading, its underline.
    o_mark_end = [b.start + b.marker_end for b in ob]
    n_mark_end = [b.start + b.marker_end for b in nb]
    o_tail = [b.start + b.content_end for b in ob]
    n_tail = [b.start + b.content_end for b in nb]
    o_cuts = sorted({*o_starts, *o_mark_end, *o_tail})
    n_cuts = sorted({*n_starts, *n_mark_end, *n_tail})
    spans = hunks(ops)
    hunk_of = {}
    for h, (a, z) in enumerate(spans):
        for k in range(a, z):
            hunk_of[k] = h

    pieces: list[Piece] = []
    po = pn = 0
    for k, op in enumerate(ops):
        n = len(op.text)
        cuts = set()
        if op.op != "insert":
            cuts.update(c - po for c in o_cuts[bisect_right(o_cuts, po):bisect_left(o_cuts, po + n)])
        if op.op != "delete":
            cuts.update(c - pn for c in n_cuts[bisect_right(n_cuts, pn):bisect_left(n_cuts, pn + n)])
        h = hunk_of.get(k, -1)
        first = h >= 0 and spans[h][0] == k
        prev = 0
        for cut in sorted(cuts) + [n]:
            text = op.text[prev:cut]
            a = po + prev if op.op != "insert" else None
            b = pn + prev if op.op != "delete" else None
            oi = bisect_right(o_starts, a) - 1 if a is not None else None
            ni = bisect_right(n_starts, b) - 1 if b is not None else None
            if b is not None:
                marker = b < n_mark_end[ni] or b >= n_tail[ni]
            else:
                marker = a < o_mark_end[oi] or a >= o_tail[oi]
            pieces.append(Piece(op.op, text, op.moved, h, first and prev == 0, oi, ni, marker))
            prev = cut
        if op.op != "insert":
            po += n
        if op.op != "delete":
            pn += n

    # The (old, new) blocks of the next equal piece after each piece: a block
    # whose first word was replaced starts with a delete and an insert that
    # share no block, yet both belong to the block that follows.
    next_equal: list[tuple[int | None, int | None]] = [(None, None)] * len(pieces)
    following: tuple[int | None, int | None] = (None, None)
    for i in range(len(pieces) - 1, -1, -1):
        next_equal[i] = following
        if pieces[i].op == "equal":
            following = (pieces[i].old_block, pieces[i].new_block)

    units: list[Unit] = []
    current: list[Piece] = []
    last_o = last_n = None
    for i, p in enumerate(pieces):
        joins = current and ((p.old_block is not None and p.old_block == last_o)
                             or (p.new_block is not None and p.new_block == last_n))
        if current and not joins and p.op != "equal" and {c.op for c in current} == {_other(p.op)}:
            joins = next_equal[i] == ((last_o, p.new_block) if p.op == "insert" else (p.old_block, last_n))
        if current and not joins:
            units.append(_unit(current, ob, nb))
            current = []
            last_o = last_n = None
        current.append(p)
        last_o = p.old_block if p.old_block is not None else last_o
        last_n = p.new_block if p.new_block is not None else last_n
    if current:
        units.append(_unit(current, ob, nb))
    return Segmented(tuple(units), tuple(ob), tuple(nb), len(spans))


def _other(op: str) -> str:
    return "delete" if op == "insert" else "insert"


def _unit(pieces: list[Piece], ob: list[Block], nb: list[Block]) -> Unit:
    o = next((ob[p.old_block] for p in pieces if p.old_block is not None), None)
    n = next((nb[p.new_block] for p in pieces if p.new_block is not None), None)
    return Unit(tuple(pieces), n or o, o, n)
