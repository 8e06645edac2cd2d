"""Which section of the old text became which section of the new one: THE
section alignment (classifier, side-by-side table, emails, translations).

Sections are renumbered, retitled, split and moved between versions, so they
are matched on a mix of heading similarity, section number and body
similarity: an order-keeping alignment first (the common case), then moved
sections are paired among what is left.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Section
from .numbering import section_number
from .similarity import heading_key, overlap, signature

MATCH_THRESHOLD = 0.4  # below this two sections are not the same section
MOVE_THRESHOLD = 0.55  # a moved section must resemble its old self more strongly
PAIR_BUDGET = 250_000  # old x new sections compared pairwise (500 x 500); beyond: headings only


@dataclass(frozen=True)
class SectionPair:
    old: Section | None  # None: the section is new
    new: Section | None  # None: the section was removed
    moved: bool = False  # matched out of order

    @property
    def heading(self) -> str:
        return (self.new or self.old).heading  # type: ignore[union-attr]


def _vocab_set(section: Section) -> frozenset[str]:
    return _body_vocab(section.body)


# Section texts and headings repeat across the versions of an archive:
# these pure functions are asked the same questions for every pair.
@lru_cache(maxsize=8192)
def _body_vocab(body: str) -> frozenset[str]:
    return signature(body)


@lru_cache(maxsize=65536)
def _heading_ratio(ka: str, kb: str) -> float:
    return SequenceMatcher(None, ka, kb).ratio()


def similarity(a: Section, b: Section, va: frozenset[str] | None = None,
               vb: frozenset[str] | None = None) -> float:
    ka, kb = heading_key(a.heading), heading_key(b.heading)
    if a.level == 0 or b.level == 0:
        if a.level != b.level:
            return 0.0
        head = 1.0  # two preambles
    elif ka and ka == kb:
        return 1.0
    else:
        head = _heading_ratio(ka, kb) if ka and kb else 0.0
    va = va if va is not None else _vocab_set(a)
    vb = vb if vb is not None else _vocab_set(b)
    body = overlap(va, vb)
    score = 0.55 * head + 0.45 * body
    na, nb = section_number(a.heading), section_number(b.heading)
    if na and na == nb and head >= 0.3:
        score += 0.15
    # A heading rewritten from scratch over the same body is still the same section.
    return max(score, body * 0.9 if body >= 0.6 else 0.0)


def best_pairs(scores: Iterable[tuple[float, int, int]], threshold: float,
               used_old: set[int] | None = None, used_new: set[int] | None = None
               ) -> list[tuple[int, int]]:
    """Greedy matching: the most similar (old, new) pairs first, ties by
    position, each index used once, nothing below `threshold`. `used_old` and
    `used_new` are updated in place so callers can see what stayed unpaired."""
    used_old = set() if used_old is None else used_old
    used_new = set() if used_new is None else used_new
    pairs: list[tuple[int, int]] = []
    for score, i, j in sorted(scores, key=lambda t: (-t[0], t[1], t[2])):
        if score < threshold:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    return pairs


def _anchors(old, new) -> list[tuple[int, int]]:
    """Sections whose heading is identical and occurs once in each text, in
    an order both texts agree on: they are certainly the same section (their
    similarity is 1.0), so only the stretches between them need comparing."""
    keys_old = [heading_key(x.heading) for x in old]
    keys_new = [heading_key(x.heading) for x in new]
    count_old, count_new = Counter(keys_old), Counter(keys_new)
    unique = {k for k in count_old if k and count_old[k] == 1 and count_new.get(k) == 1}
    io = [i for i, k in enumerate(keys_old) if k in unique]
    jn = [j for j, k in enumerate(keys_new) if k in unique]
    blocks = SequenceMatcher(None, [keys_old[i] for i in io], [keys_new[j] for j in jn],
                             autojunk=False).get_matching_blocks()
    return [(io[b.a + k], jn[b.b + k]) for b in blocks for k in range(b.size)]


def align_sections(old: list[Section] | tuple[Section, ...],
                   new: list[Section] | tuple[Section, ...]) -> list[SectionPair]:
    """Pairs in the order of the new text; removed sections follow the section
    that preceded them in the old text."""
    vo = [_vocab_set(s) for s in old]
    vn = [_vocab_set(s) for s in new]
    matched: list[tuple[int, int]] = []
    budget = PAIR_BUDGET
    # Between two anchors, every old section is compared with every new one
    # (an order-keeping alignment); a stretch too large for what is left of
    # the budget is matched on identical headings only (README: bounded cost).
    # Texts small enough are aligned as one stretch (the best alignment);
    # larger ones are first cut at their anchors.
    anchors = _anchors(old, new) if len(old) * len(new) > PAIR_BUDGET else []
    prev_i = prev_j = -1
    for ai, aj in anchors + [(len(old), len(new))]:
        gap_old = range(prev_i + 1, ai)
        gap_new = range(prev_j + 1, aj)
        if gap_old and gap_new:
            if len(gap_old) * len(gap_new) <= budget:
                budget -= len(gap_old) * len(gap_new)
                sim = [[similarity(old[i], new[j], vo[i], vn[j]) for j in gap_new] for i in gap_old]
                matched += [(gap_old[i], gap_new[j])
                            for i, j in _ordered_alignment(sim, len(gap_old), len(gap_new))]
            else:
                matched += _same_headings(old, new, gap_old, gap_new)
        if ai < len(old):
            matched.append((ai, aj))
        prev_i, prev_j = ai, aj
    used_old = {i for i, _ in matched}
    used_new = {j for _, j in matched}
    # Moved sections among what is left, when that is few enough to compare.
    left_old = [i for i in range(len(old)) if i not in used_old]
    left_new = [j for j in range(len(new)) if j not in used_new]
    moved: list[tuple[int, int]] = []
    if left_old and left_new and len(left_old) * len(left_new) <= max(budget, 0):
        moved = best_pairs(
            ((similarity(old[i], new[j], vo[i], vn[j]), i, j) for i in left_old for j in left_new),
            MOVE_THRESHOLD, used_old, used_new,
        )
    old_for_new = {j: (i, False) for i, j in matched} | {j: (i, True) for i, j in moved}
    pairs: list[SectionPair] = []
    next_old = 0  # removed sections before this index are already emitted

    def emit_removed_up_to(limit: int) -> None:
        nonlocal next_old
        for i in range(next_old, limit):
            if i not in used_old:
                pairs.append(SectionPair(old[i], None))
        next_old = max(next_old, limit)

    for j, section in enumerate(new):
        if j in old_for_new:
            i, was_moved = old_for_new[j]
            if not was_moved:
                emit_removed_up_to(i)
            pairs.append(SectionPair(old[i], section, was_moved))
        else:
            pairs.append(SectionPair(None, section))
    emit_removed_up_to(len(old))
    return pairs


def _same_headings(old, new, gap_old: range, gap_new: range) -> list[tuple[int, int]]:
    keys_old = [heading_key(old[i].heading) for i in gap_old]
    keys_new = [heading_key(new[j].heading) for j in gap_new]
    blocks = SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_matching_blocks()
    return [(gap_old[b.a + k], gap_new[b.b + k]) for b in blocks for k in range(b.size)]


def _ordered_alignment(sim: list[list[float]], n: int, m: int) -> list[tuple[int, int]]:
    """Order-keeping alignment maximising total similarity above the threshold
    (Needleman-Wunsch with free gaps)."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 match, 1 skip old, 2 skip new
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [(best[i + 1][j], 1), (best[i][j + 1], 2)]
            if sim[i][j] >= MATCH_THRESHOLD:
                options.append((best[i + 1][j + 1] + sim[i][j] - MATCH_THRESHOLD / 2, 0))
            # Ties go to a match, then to skipping the old section: deterministic.
            best[i][j], move[i][j] = max(options, key=lambda o: (o[0], -o[1]))
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        step = move[i][j]
        if step == 0:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif step == 1:
            i += 1
        else:
            j += 1
    return out


def section_pairs(old_text: str, new_text: str) -> tuple[SectionPair, ...]:
    """The aligned sections of two policy texts (parsed once, cached)."""
    return _section_pairs(old_text, new_text)


@lru_cache(maxsize=256)
def _section_pairs(old_text: str, new_text: str) -> tuple[SectionPair, ...]:
    from . import parse  # the package's cached parse
    return tuple(align_sections(parse(old_text).sections, parse(new_text).sections))
