"""The redline as plain data: what the engine produces and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OpKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Op:
    op: OpKind
    text: str
    # True when a deleted block reappears elsewhere: the delete and the insert
    # are the two ends of one move, shown as such rather than as two edits.
    moved: bool = False


@dataclass(frozen=True)
class RedlineStats:
    words_added: int
    words_removed: int
    # Headings (level 1-3, as in sections.split_sections) of the sections where
    # something changed, in document order; "" is the preamble before the first heading.
    sections_changed: tuple[str, ...]
    # Hunks: maximal runs of non-equal ops with the same `moved` flag. Each one
    # is a stop of the "next change" navigation in the HTML redline.
    changes: int


@dataclass(frozen=True)
class Redline:
    ops: tuple[Op, ...]
    stats: RedlineStats
    whitespace_only: bool  # there are changes, and all of them are whitespace
    punctuation_only: bool  # there are changes, all punctuation (and whitespace), not whitespace only

    @property
    def old(self) -> str:
        return "".join(o.text for o in self.ops if o.op != "insert")

    @property
    def new(self) -> str:
        return "".join(o.text for o in self.ops if o.op != "delete")

    @property
    def changed(self) -> bool:
        return any(o.op != "equal" for o in self.ops)


def hunks(ops: tuple[Op, ...] | list[Op]) -> list[tuple[int, int]]:
    """[start, end) op index ranges of the hunks (see RedlineStats.changes)."""
    out: list[tuple[int, int]] = []
    start = None
    for i, o in enumerate(ops):
        if o.op == "equal":
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
        elif o.moved != ops[i - 1].moved:
            out.append((start, i))
            start = i
    if start is not None:
        out.append((start, len(ops)))
    return out
