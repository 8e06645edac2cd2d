"""Quality measures of a redline, as the issue states them."""

from __future__ import annotations

from bisect import bisect_right

from policynotice.redline.model import Op, hunks
from policynotice.document import LIST_ITEM, TABLE_ROW, split_blocks


def _word_class(ch: str) -> str:
    o = ord(ch)
    if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or o >= 0x20000 and o <= 0x3FFFF:
        return "han"  # every Han character is a token: any cut between two is fine
    if ch.isalnum():
        return "alnum"
    return ""


def cuts_inside_words(ops: tuple[Op, ...]) -> list[str]:
    """Edit boundaries, in the old or the new text, that fall between two letters
    of one word (Latin letters and digits, or Hangul)."""
    bad = []
    for hidden in ("insert", "delete"):  # old side, then new side
        prev = None
        edit_between = False
        for o in ops:
            if o.op == hidden:
                edit_between = True
                continue
            if prev is not None and (edit_between or prev.op != "equal" or o.op != "equal"):
                c = _word_class(prev.text[-1])
                if c in ("hangul", "alnum") and c == _word_class(o.text[0]):
                    bad.append(f"{prev.text[-12:]!r}|{o.text[:12]!r}")
            prev, edit_between = o, False
    return bad


def _side_ranges(ops: tuple[Op, ...], start: int, end: int, starts_old, starts_new):
    o = [(starts_old[k], starts_old[k] + len(ops[k].text)) for k in range(start, end) if ops[k].op == "delete"]
    n = [(starts_new[k], starts_new[k] + len(ops[k].text)) for k in range(start, end) if ops[k].op == "insert"]
    return o, n


def hunks_breaking_items(old: str, new: str, ops: tuple[Op, ...]) -> list[str]:
    """Hunks that start inside one list item or table row and end in another block."""
    starts_old, starts_new, po, pn = [], [], 0, 0
    for o in ops:
        starts_old.append(po)
        starts_new.append(pn)
        po += len(o.text) if o.op != "insert" else 0
        pn += len(o.text) if o.op != "delete" else 0
    bad = []
    for side, text in (("old", old), ("new", new)):
        blocks = split_blocks(text)
        bstarts = [b.start for b in blocks]
        for s, e in hunks(ops):
            o_r, n_r = _side_ranges(ops, s, e, starts_old, starts_new)
            for a, z in (o_r if side == "old" else n_r):
                i, j = bisect_right(bstarts, a) - 1, bisect_right(bstarts, z - 1) - 1
                if i == j:
                    continue
                first, last = blocks[i], blocks[j]
                # Spanning several blocks is fine when whole blocks are covered.
                partial_first = a != first.start
                partial_last = z != last.start + len(last.text)
                if (partial_first and first.kind in (LIST_ITEM, TABLE_ROW)) or (
                        partial_last and last.kind in (LIST_ITEM, TABLE_ROW)):
                    bad.append(f"{side}: {text[a:z]!r}")
    return bad
