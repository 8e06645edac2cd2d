"""The redline engine: the only module that uses diff-match-patch.

Three steps, each cheap because the one before shrinks the problem:

1. Align the two texts' chunks and then blocks (layout.py, align.py): every
   unchanged paragraph, heading, list item and table row is matched as a whole.
2. Detect moves: a block deleted in one place and inserted, unchanged, in another.
3. Pair the remaining blocks by similarity and diff each pair at token level
   (tokens.py), so hunks never cross a list item or a table row and never cut a word.

diff-match-patch runs with ``Diff_Timeout = 0``: with a timeout it silently
degrades to "everything deleted, everything inserted" on a slow machine, which
a redline must never do. Step 1 is what keeps it fast instead.

One budget is the exception: a changed stretch of more than
``TOKEN_BUDGET`` tokens on both sides (a 100 KB paragraph rewritten word by
word) costs time quadratic in its length, so a hostile pull request could
hold the gate and the build for hours. Such a stretch is diffed with a
deadline of ``BUDGET_SECONDS``; past it the stretch shows as coarser
deletions and insertions. The ops still join back to both texts exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from ..document import BLANK, HEADING, PARAGRAPH, Block
from .align import match_identical, pair_similar
from .layout import Layout, layout
from .model import Op, Redline, RedlineStats, hunks
from .tokens import (
    CodecFull, TokenCodec, Tokenizer, count_words, has_word, is_punctuation, tokenizer_for,
    word_tokens,
)

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0  # never trade exactness for time (see the module docstring)
TOKEN_BUDGET = 8_000
BUDGET_SECONDS = 2.0
_BUDGETED = diff_match_patch()
_DMP.Diff_EditCost = 4

_DELETE, _EQUAL, _INSERT = -1, 0, 1
_OP_NAMES = {_DELETE: "delete", _EQUAL: "equal", _INSERT: "insert"}

# Blocks at least this similar are diffed against each other rather than shown
# as one deleted and one inserted block.
_PAIR_THRESHOLD = 0.3
# A block must be at least this long (whitespace collapsed) and contain a word
# to count as moved: short items such as "- None" recur too often to be a move.
_MOVE_MIN_CHARS = 12
# A block split in two (or two merged) is diffed as one text when the two sides
# are at least this similar; larger splits are paired block by block.
_MERGE_THRESHOLD = 0.6
_MAX_MERGE = 5
# List items and table rows are never merged: a hunk must not cross them.
_MERGEABLE = frozenset({PARAGRAPH, HEADING, BLANK})
# Above this many tokens a paired block is first aligned line by line.
_LINE_SPLIT_TOKENS = 3000


def diff_texts(old: str, new: str, lang: str) -> Redline:
    """Redline of old -> new in language lang (ko, en, zh, zh-Hant, es, ...)."""
    tok = tokenizer_for(lang)
    if old == new:
        ops = (Op("equal", old),) if old else ()
        return Redline(ops, RedlineStats(0, 0, (), 0), False, False)
    la, lb = layout(old), layout(new)
    builder = _OpBuilder()
    _Diff(tok, builder).run(la, lb)
    ops = builder.ops()
    return Redline(ops, _stats(ops, la, lb, lang), *_only_flags(ops))


@dataclass
class _Gap:
    old: list[Block]
    new: list[Block]
    moved_old: frozenset[int] = frozenset()
    moved_new: frozenset[int] = frozenset()


class _OpBuilder:
    """Collects ops, merging neighbours of the same kind and dropping empty ones."""

    def __init__(self) -> None:
        self._ops: list[tuple[str, bool, list[str]]] = []

    def add(self, op: str, text: str, moved: bool = False) -> None:
        if not text:
            return
        if self._ops and self._ops[-1][0] == op and self._ops[-1][1] == moved:
            self._ops[-1][2].append(text)
        else:
            self._ops.append((op, moved, [text]))

    def ops(self) -> tuple[Op, ...]:
        merged = [Op(op, "".join(parts), moved) for op, moved, parts in self._ops]
        return tuple(_settle_blank_lines(merged))


def _settle_blank_lines(ops: list[Op]) -> list[Op]:
    """Keep blank lines in place when a whole block goes.

    Blocks carry the blank lines that follow them, so deleting the last row of a
    table gives "insert '\n' (after the new last row), delete '| row |\n\n'".
    The '\n' did not change; say so: "delete '| row |\n'", equal '\n'.
    """
    out: list[Op] = []
    for o in ops:
        prev = out[-1] if out else None
        if (prev is not None and not prev.moved and not o.moved and {prev.op, o.op} == {"insert", "delete"}):
            ws, block = (prev, o) if prev.text.isspace() else (o, prev)
            if ws.text.isspace() and len(block.text) > len(ws.text) and block.text.endswith(ws.text):
                out.pop()
                _push(out, Op(block.op, block.text[:-len(ws.text)]))
                _push(out, Op("equal", ws.text))
                continue
        _push(out, o)
    return out


def _push(out: list[Op], o: Op) -> None:
    if out and out[-1].op == o.op and out[-1].moved == o.moved:
        out[-1] = Op(o.op, out[-1].text + o.text, o.moved)
    else:
        out.append(o)


class _Diff:
    def __init__(self, tok: Tokenizer, out: _OpBuilder) -> None:
        self.tok = tok
        self.out = out
        self._tokens: dict[str, list[str]] = {}
        self._sigs: dict[str, frozenset] = {}

    # -- step 1: alignment -------------------------------------------------
    def run(self, la: Layout, lb: Layout) -> None:
        plan: list[str | _Gap] = []
        pairs = match_identical(la.chunks, lb.chunks)
        pi = pj = 0
        for i, j in pairs + [(len(la.chunks), len(lb.chunks))]:
            if i > pi or j > pj:
                self._plan_blocks(la.blocks(pi, i), lb.blocks(pj, j), plan)
            if i < len(la.chunks):
                plan.append(la.chunks[i])
            pi, pj = i + 1, j + 1
        self._find_moves([p for p in plan if isinstance(p, _Gap)])
        for item in plan:
            if isinstance(item, str):
                self.out.add("equal", item)
            else:
                self._emit_gap(item)

    def _plan_blocks(self, ob: list[Block], nb: list[Block], plan: list) -> None:
        pairs = match_identical([b.text for b in ob], [b.text for b in nb])
        pi = pj = 0
        for i, j in pairs + [(len(ob), len(nb))]:
            if i > pi or j > pj:
                plan.append(_Gap(ob[pi:i], nb[pj:j]))
            if i < len(ob):
                plan.append(ob[i].text)
            pi, pj = i + 1, j + 1

    # -- step 2: moves -----------------------------------------------------
    def _find_moves(self, gap_list: list[_Gap]) -> None:
        deleted: dict[str, list[tuple[int, int]]] = {}
        for g, gap in enumerate(gap_list):
            for k, b in enumerate(gap.old):
                key = self._move_key(b)
                if key:
                    deleted.setdefault(key, []).append((g, k))
        moves: dict[tuple[int, int], tuple[int, int]] = {}  # (gap, old index) -> (gap, new index)
        taken: set[tuple[int, int]] = set()
        for g, gap in enumerate(gap_list):
            for k, b in enumerate(gap.new):
                key = self._move_key(b)
                # Same text in the same gap is an edit in place (whitespace), not a move.
                cands = [c for c in deleted.get(key, ()) if c[0] != g]
                if cands:
                    deleted[key].remove(cands[0])
                    moves[cands[0]] = (g, k)
                    taken.add((g, k))
        # A moved stretch drags along the short blocks inside it that are too
        # plain to be matched on their own (a table's |---| row, a blank line).
        for (og, ok), (ng, nk) in sorted(moves.items()):
            for step in (1, -1):
                i, j = ok + step, nk + step
                old, new = gap_list[og].old, gap_list[ng].new
                while (0 <= i < len(old) and 0 <= j < len(new) and (og, i) not in moves
                       and (ng, j) not in taken and old[i].text == new[j].text):
                    moves[(og, i)] = (ng, j)
                    taken.add((ng, j))
                    i, j = i + step, j + step
        for g, gap in enumerate(gap_list):
            gap.moved_old = frozenset(k for (og, k) in moves if og == g)
            gap.moved_new = frozenset(k for (ng, k) in taken if ng == g)

    def _move_key(self, b: Block) -> str:
        key = " ".join(b.text.split())
        # has_word looks for one word without tokenizing the block: most
        # blocks in a gap are never diffed token by token.
        if len(key) < _MOVE_MIN_CHARS or not has_word(key):
            return ""
        return key

    # -- step 3: pairing and token diff ------------------------------------
    def _emit_gap(self, gap: _Gap) -> None:
        if (len(gap.old) == 1 and len(gap.new) == 1 and not gap.moved_old and not gap.moved_new
                and _mostly_shared(gap.old[0].text, gap.new[0].text)):
            # The common case, one block edited in place: no similarity needed.
            self._emit_pair(gap.old[0].text, gap.new[0].text)
            return
        if (not gap.moved_old and not gap.moved_new and gap.old and gap.new
                and (len(gap.old) == 1 or len(gap.new) == 1) and len(gap.old) + len(gap.new) <= _MAX_MERGE
                and all(b.kind in _MERGEABLE for b in gap.old + gap.new)):
            # One block split in several, or several merged into one (a line that
            # became a heading, a paragraph broken in two): diff them as one text.
            a = "".join(b.text for b in gap.old)
            b = "".join(b.text for b in gap.new)
            if _mostly_shared(a, b) or self._text_similarity(a, b) >= _MERGE_THRESHOLD:
                self._emit_pair(a, b)
                return
        oi = [k for k in range(len(gap.old)) if k not in gap.moved_old]
        ni = [k for k in range(len(gap.new)) if k not in gap.moved_new]
        if not oi or not ni:
            # Nothing to pair (a block inserted, deleted or moved): no similarity needed.
            for k, b in enumerate(gap.old):
                self.out.add("delete", b.text, k in gap.moved_old)
            for k, b in enumerate(gap.new):
                self.out.add("insert", b.text, k in gap.moved_new)
            return
        osig = [self._signature(gap.old[k]) for k in oi]
        nsig = [self._signature(gap.new[k]) for k in ni]
        okind = [gap.old[k].kind for k in oi]
        nkind = [gap.new[k].kind for k in ni]

        def sim(i: int, j: int) -> float:
            a, b = osig[i], nsig[j]
            if not a or not b:
                return 0.5 if not a and not b and (okind[i] == BLANK) == (nkind[j] == BLANK) else 0.0
            s = 2 * len(a & b) / (len(a) + len(b))
            return s if okind[i] == nkind[j] else s * 0.8

        pairs = [(oi[i], ni[j]) for i, j in pair_similar(len(oi), len(ni), sim, _PAIR_THRESHOLD)]
        po = pn = 0
        for i, j in pairs + [(len(gap.old), len(gap.new))]:
            for k in range(po, i):
                self.out.add("delete", gap.old[k].text, k in gap.moved_old)
            for k in range(pn, j):
                self.out.add("insert", gap.new[k].text, k in gap.moved_new)
            if i < len(gap.old):
                self._emit_pair(gap.old[i].text, gap.new[j].text)
            po, pn = i + 1, j + 1

    def _emit_pair(self, a: str, b: str) -> None:
        if len(a) + len(b) <= _LINE_SPLIT_TOKENS:
            # Fewer characters than the line-split limit means fewer tokens too:
            # the unchanged ends can be cut off before tokenizing (see _trim).
            head, tail = _trim(a, b)
            if head or tail:
                self.out.add("equal", a[:head])
                self._emit_tokens(a[head:len(a) - tail], b[head:len(b) - tail])
                self.out.add("equal", a[len(a) - tail:])
                return
        ta, tb = self._tokens_of(a), self._tokens_of(b)
        if len(ta) + len(tb) > _LINE_SPLIT_TOKENS and "\n" in a.rstrip("\n") and "\n" in b.rstrip("\n"):
            self._emit_by_lines(a, b)
            return
        self._emit_tokens(a, b)

    def _emit_tokens(self, a: str, b: str) -> None:
        for op, text in diff_tokens(self._tokens_of(a), self._tokens_of(b), self.tok, a, b):
            self.out.add(_OP_NAMES[op], text)

    def _emit_by_lines(self, a: str, b: str) -> None:
        la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
        pairs = match_identical(la, lb)
        pi = pj = 0
        for i, j in pairs + [(len(la), len(lb))]:
            if i > pi or j > pj:
                self._emit_tokens("".join(la[pi:i]), "".join(lb[pj:j]))
            if i < len(la):
                self.out.add("equal", la[i])
            pi, pj = i + 1, j + 1

    def _text_similarity(self, a: str, b: str) -> float:
        sa = self._signature(Block("", a, 0))
        sb = self._signature(Block("", b, 0))
        return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0

    def _tokens_of(self, text: str) -> list[str]:
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = self.tok.tokens(text)
        return found

    def _signature(self, b: Block) -> frozenset:
        sig = self._sigs.get(b.text)
        if sig is None:
            words = [t.lower() for t in word_tokens(b.text)]
            items: set = set(words)
            if self.tok.counts_characters:
                # Single characters are too common to tell sentences apart; pairs are not.
                items.update(zip(words, words[1:]))
            sig = self._sigs[b.text] = frozenset(items)
        return sig


def _mostly_shared(a: str, b: str) -> bool:
    """Common prefix and suffix cover most of both texts (at least the pairing threshold)."""
    p = _DMP.diff_commonPrefix(a, b)
    q = _DMP.diff_commonSuffix(a[p:], b[p:])
    return (p + q) >= 0.5 * max(len(a), len(b))


# Tokens of unchanged context kept on each side of the changed middle, so that
# semantic cleanup and boundary sliding still see the neighbourhood.
_CONTEXT_TOKENS = 8


def _trim(a: str, b: str) -> tuple[int, int]:
    """Lengths of an unchanged head and tail of a and b that can be cut off
    before tokenizing without changing the redline.

    Each cut lies just after a whitespace character and before one that is
    not: whitespace only ever forms tokens of its own, so a token boundary
    lies there in the whole text and in the parts alike. Between a cut and
    the first (last) changed character lie at least _CONTEXT_TOKENS such
    boundaries, so at least that many unchanged tokens remain, and
    diff_tokens, which keeps exactly _CONTEXT_TOKENS of them, decides as it
    would on the whole pair."""
    p = _DMP.diff_commonPrefix(a, b)
    q = _DMP.diff_commonSuffix(a[p:], b[p:])
    head = tail = 0
    seen = 0
    for k in range(p - 1, 0, -1):
        if a[k - 1].isspace() and not a[k].isspace():
            seen += 1
            if seen > _CONTEXT_TOKENS:
                head = k
                break
    seen = 0
    for k in range(len(a) - q + 1, len(a)):
        if a[k - 1].isspace() and not a[k].isspace():
            seen += 1
            if seen > _CONTEXT_TOKENS:
                tail = len(a) - k
                break
    return head, tail


def common_ends(ta: list[str], tb: list[str]) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix after it."""
    n = min(len(ta), len(tb))
    p = 0
    while p < n and ta[p] == tb[p]:
        p += 1
    q = 0
    while q < n - p and ta[-1 - q] == tb[-1 - q]:
        q += 1
    return p, q


def diff_tokens(ta: list[str], tb: list[str], tok: Tokenizer, a: str, b: str) -> list[tuple[int, str]]:
    """Token-level diff of a -> b (ta, tb their tokens) as (op, text) pairs."""
    if a == b:
        return [(_EQUAL, a)] if a else []
    # Only the changed middle (plus context) is encoded: encoding is per token
    # in Python, comparing the unchanged ends is not.
    p, q = common_ends(ta, tb)
    lo = max(0, p - _CONTEXT_TOKENS)
    hi = max(0, q - _CONTEXT_TOKENS)
    if lo or hi:
        head = "".join(ta[:lo])
        tail = "".join(ta[len(ta) - hi:]) if hi else ""
        middle = diff_tokens(ta[lo:len(ta) - hi], tb[lo:len(tb) - hi], tok,
                             a[len(head):len(a) - len(tail)], b[len(head):len(b) - len(tail)])
        return ([(_EQUAL, head)] if head else []) + middle + ([(_EQUAL, tail)] if tail else [])
    if p + q == len(ta) or p + q == len(tb):
        single = _single_edit(ta, tb, p, q)
        if single is not None:
            return single
    return _diff_general(ta, tb, tok, a, b)


def _single_edit(ta: list[str], tb: list[str], p: int, q: int) -> list[tuple[int, str]] | None:
    """The diff when tokens were only inserted or only deleted in one place
    (most edits): what diff-match-patch and the cleanups would give, without
    running them. They would keep the edit between its two equalities and
    _slide_to_boundaries then picks its place among all the equivalent ones,
    whatever place they chose. The exception is an edit that, somewhere in
    that range, can swallow or empty one of its equalities (diff-match-patch
    then moves it there itself and nothing slides it back): None, and the
    caller takes the general path."""
    insert = len(tb) > len(ta)
    longer = tb if insert else ta
    eq1, edit, eq2 = ta[:p], longer[p:len(longer) - q], ta[len(ta) - q:]
    if eq1 and eq2 and _can_swallow(eq1, edit, eq2):
        return None
    codec = TokenCodec()
    try:
        diffs = [(op, codec.encode(part)) for op, part in
                 ((_EQUAL, eq1), (_INSERT if insert else _DELETE, edit), (_EQUAL, eq2)) if part]
    except CodecFull:
        return None
    _slide_to_boundaries(diffs, codec)
    return [(op, codec.decode(t)) for op, t in diffs if t]


def _can_swallow(eq1: list[str], edit: list[str], eq2: list[str]) -> bool:
    """Whether, at some place the edit can slide to between its equalities,
    it ends with the whole first one or starts with the whole second one (or
    one of them is empty): the places diff-match-patch's merging moves it to."""
    k = 0
    while k < len(eq1) and k < len(edit) and eq1[-1 - k] == edit[-1 - k]:
        k += 1
    if k:  # slide as far left as the edit goes
        eq1, edit, eq2 = eq1[:-k], edit[-k:] + edit[:-k], edit[-k:] + eq2
    while True:
        if not eq1 or not eq2 or edit[-len(eq1):] == eq1 or edit[:len(eq2)] == eq2:
            return True
        if edit[0] != eq2[0]:
            return False
        eq1, edit, eq2 = eq1 + edit[:1], edit[1:] + eq2[:1], eq2[1:]


def _diff_general(ta: list[str], tb: list[str], tok: Tokenizer, a: str, b: str
                  ) -> list[tuple[int, str]]:
    codec = TokenCodec()
    try:
        ca, cb = codec.encode(ta), codec.encode(tb)
    except CodecFull:
        # More distinct tokens than private-use code points: diff characters.
        diffs = _DMP.diff_main(a, b, False)
        _DMP.diff_cleanupSemantic(diffs)
        return [(op, t) for op, t in diffs if t]
    if len(ca) > TOKEN_BUDGET and len(cb) > TOKEN_BUDGET:
        _BUDGETED.Diff_Timeout = BUDGET_SECONDS
        diffs = _BUDGETED.diff_main(ca, cb, False)
    else:
        diffs = _DMP.diff_main(ca, cb, False)
    if tok.phrase_cleanup:
        _DMP.diff_cleanupSemantic(diffs)
    if tok.counts_characters:
        # Short runs of unchanged characters between edits read as one phrase.
        _DMP.diff_cleanupEfficiency(diffs)
    _slide_to_boundaries(diffs, codec)
    return [(op, codec.decode(t)) for op, t in diffs if t]


def _slide_to_boundaries(diffs: list, codec: TokenCodec) -> None:
    """Shift each edit surrounded by equalities to the most natural boundary,
    token by token (diff-match-patch's own version works on characters and
    cannot read the encoded tokens)."""
    i = 1
    while i < len(diffs) - 1:
        if diffs[i - 1][0] == _EQUAL and diffs[i + 1][0] == _EQUAL and diffs[i][0] != _EQUAL:
            eq1, edit, eq2 = diffs[i - 1][1], diffs[i][1], diffs[i + 1][1]
            k = _DMP.diff_commonSuffix(eq1, edit)
            if k:
                common = edit[-k:]
                eq1, edit, eq2 = eq1[:-k], common + edit[:-k], common + eq2
            best = (eq1, edit, eq2)
            best_score = _score(eq1, edit, codec) + _score(edit, eq2, codec)
            while edit and eq2 and edit[0] == eq2[0]:
                eq1, edit, eq2 = eq1 + edit[0], edit[1:] + eq2[0], eq2[1:]
                score = _score(eq1, edit, codec) + _score(edit, eq2, codec)
                # >= prefers trailing rather than leading whitespace in an edit.
                if score >= best_score:
                    best_score, best = score, (eq1, edit, eq2)
            if best != (diffs[i - 1][1], diffs[i][1], diffs[i + 1][1]):
                diffs[i - 1] = (_EQUAL, best[0])
                diffs[i] = (diffs[i][0], best[1])
                diffs[i + 1] = (_EQUAL, best[2])
                if not best[0]:
                    del diffs[i - 1]
                    i -= 1
                if not best[2]:
                    del diffs[i + 1]
                    i -= 1
        i += 1


def _score(one: str, two: str, codec: TokenCodec) -> int:
    """diff-match-patch's boundary score (6 best .. 0 worst) on decoded tokens."""
    if not one or not two:
        return 6
    c1, c2 = codec.token(one[-1])[-1], codec.token(two[0])[0]
    space1, space2 = c1.isspace(), c2.isspace()
    if c1 == "\n" and len(one) > 1 and codec.token(one[-2]).endswith("\n") or (
            c2 == "\n" and len(two) > 1 and codec.token(two[1]) == "\n"):
        return 5
    if c1 in "\r\n" or c2 in "\r\n":
        return 4
    if not c1.isalnum() and not space1 and space2:
        return 3
    if space1 or space2:
        return 2
    if not c1.isalnum() or not c2.isalnum():
        return 1
    return 0


def _only_flags(ops: tuple[Op, ...]) -> tuple[bool, bool]:
    changed = [o.text for o in ops if o.op != "equal"]
    if not changed:
        return False, False
    if all(t.isspace() for t in changed):
        return True, False
    punct = all(t.isspace() or is_punctuation(t) for t in changed)
    return False, punct


def _stats(ops: tuple[Op, ...], la: Layout, lb: Layout, lang: str) -> RedlineStats:
    added = sum(count_words(o.text, lang) for o in ops if o.op == "insert")
    removed = sum(count_words(o.text, lang) for o in ops if o.op == "delete")
    starts_old, starts_new = [], []
    po = pn = 0
    for o in ops:
        starts_old.append(po)
        starts_new.append(pn)
        if o.op != "insert":
            po += len(o.text)
        if o.op != "delete":
            pn += len(o.text)
    sections: dict[str, None] = {}
    spans = hunks(ops)
    for start, end in spans:
        names: list[str] = []
        first = ops[start]
        # Where the hunk's text begins: a hunk that adds a blank line and then a
        # new section belongs to the new section, not to the one before it.
        lead = len(first.text) - len(first.text.lstrip())
        lead = lead if lead < len(first.text) else 0
        po0 = starts_old[start] + (lead if first.op == "delete" else 0)
        pn0 = starts_new[start] + (lead if first.op == "insert" else 0)
        opens_section = (first.op == "delete" and la.heading_at(po0) is not None) or (
            first.op == "insert" and lb.heading_at(pn0) is not None)
        if not opens_section:
            names.append(lb.section_at(pn0))
        for k in range(start, end):
            o = ops[k]
            if o.op == "delete":
                names.extend(la.sections_within(starts_old[k], starts_old[k] + len(o.text)))
            else:
                names.extend(lb.sections_within(starts_new[k], starts_new[k] + len(o.text)))
        for n in names:
            sections.setdefault(n, None)
    return RedlineStats(added, removed, tuple(sections), len(spans))
