"""Aligning sequences of blocks (or chunks, or lines) between two versions.

Identical items are matched patience-style: common prefix and suffix first,
then items that occur exactly once on each side, kept in order by a longest
increasing subsequence, recursively inside the gaps. Unique anchors never
match a boilerplate line with the wrong copy of itself, and the cost is
near-linear, which is what makes a 200 KB redline fast.

What is left in the gaps is paired by similarity, so that an edited paragraph
is diffed against its earlier self rather than shown deleted and re-inserted.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Hashable, Sequence

Pair = tuple[int, int]


def match_identical(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Pair]:
    """Index pairs (i, j) with a[i] == b[j], increasing in both i and j."""
    pairs: list[Pair] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if not anchors:
            continue
        pi, pj = alo, blo
        for i, j in anchors:
            todo.append((pi, i, pj, j))
            pairs.append((i, j))
            pi, pj = i + 1, j + 1
        todo.append((pi, ahi, pj, bhi))
    pairs.sort()
    return pairs


def _unique_anchors(a, b, alo, ahi, blo, bhi) -> list[Pair]:
    count: dict = {}
    for i in range(alo, ahi):
        x = a[i]
        count[x] = -1 if x in count else i
    in_b: dict = {}
    for j in range(blo, bhi):
        x = b[j]
        if count.get(x, -1) >= 0:
            in_b[x] = -1 if x in in_b else j
    cands = sorted((count[x], j) for x, j in in_b.items() if j >= 0)
    return _longest_increasing(cands)


def _longest_increasing(cands: list[Pair]) -> list[Pair]:
    """Longest subsequence of cands (sorted by i) that is increasing in j."""
    tails: list[int] = []  # j of the last element of the best run of each length
    tail_idx: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(cands):
        pos = bisect_left(tails, j)
        back.append(tail_idx[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
    out: list[Pair] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(cands[k])
        k = back[k]
    out.reverse()
    return out


def gaps(pairs: list[Pair], n: int, m: int) -> list[tuple[int, int, int, int]]:
    """The unmatched ranges (alo, ahi, blo, bhi) between matched pairs, in order,
    including empty-on-one-side ones; ranges empty on both sides are omitted."""
    out = []
    pi = pj = 0
    for i, j in pairs + [(n, m)]:
        if i > pi or j > pj:
            out.append((pi, i, pj, j))
        pi, pj = i + 1, j + 1
    return out


# Full similarity DP up to this many cells; beyond it (a rewrite, not an edit)
# a linear greedy walk keeps the redline fast.
_DP_CELLS = 40_000


def pair_similar(n: int, m: int, sim: Callable[[int, int], float],
                 threshold: float) -> list[Pair]:
    """Monotone pairing of items 0..n-1 with 0..m-1 maximising total similarity,
    pairing only items at least `threshold` similar."""
    if not n or not m:
        return []
    if n * m > _DP_CELLS:
        return _pair_greedy(n, m, sim, threshold)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    choice = [[0] * (m + 1) for _ in range(n + 1)]  # 0 skip old, 1 skip new, 2 pair
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        crow = choice[i]
        for j in range(1, m + 1):
            best, how = prev[j], 0
            if row[j - 1] > best:
                best, how = row[j - 1], 1
            s = sim(i - 1, j - 1)
            if s >= threshold and prev[j - 1] + s > best:
                best, how = prev[j - 1] + s, 2
            row[j] = best
            crow[j] = how
    out: list[Pair] = []
    i, j = n, m
    while i and j:
        how = choice[i][j]
        if how == 2:
            out.append((i - 1, j - 1))
            i -= 1
            j -= 1
        elif how == 1:
            j -= 1
        else:
            i -= 1
    out.reverse()
    return out


def _pair_greedy(n, m, sim, threshold) -> list[Pair]:
    out: list[Pair] = []
    i = j = 0
    while i < n and j < m:
        if sim(i, j) >= threshold:
            out.append((i, j))
            i += 1
            j += 1
        elif j + 1 < m and sim(i, j + 1) >= threshold:
            j += 1
        else:
            i += 1
    return out
