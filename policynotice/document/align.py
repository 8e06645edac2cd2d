"""Which section of the old text became which section of the new one: THE
section alignment (classifier, side-by-side table, emails, translations).

Sections are renumbered, retitled, split and moved between versions, so they
are matched on a mix of heading similarity, section number and body
similarity: an order-keeping alignment first (the common case), then moved
sections are paired among what is left.
"""

from __future__ import annotations

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


def align_sections(old: list[Section] | tuple[Section, ...],
                   new: list[Section] | tuple[Section, ...]) -> list[SectionPair]:
    """Pairs in the order of the new text; removed sections follow the section
    that preceded them in the old text."""
    if len(old) * len(new) > PAIR_BUDGET:
        # Thousands of sections: comparing every pair is quadratic, so only
        # identical headings are matched, in order (documented in the README).
        keys_old = [heading_key(x.heading) for x in old]
        keys_new = [heading_key(x.heading) for x in new]
        blocks = SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_matching_blocks()
        matched = [(b.a + k, b.b + k) for b in blocks for k in range(b.size)]
        used_old = {i for i, _ in matched}
        used_new = {j for _, j in matched}
        moved: list[tuple[int, int]] = []
    else:
        vo = [_vocab_set(s) for s in old]
        vn = [_vocab_set(s) for s in new]
        sim = [[similarity(o, n, vo[i], vn[j]) for j, n in enumerate(new)] for i, o in enumerate(old)]
        matched = _ordered_alignment(sim, len(old), len(new))
        used_old = {i for i, _ in matched}
        used_new = {j for _, j in matched}
        moved = best_pairs(
            ((sim[i][j], i, j) for i in range(len(old)) if i not in used_old
             for j in range(len(new)) if j not in used_new),
            MOVE_THRESHOLD, used_old, used_new,
        )
    old_for_new = {j: (i, False) for i, j in matched} | {j: (i, True) for i, j in moved}
    pairs: list[SectionPair] = []
    emitted_old: set[int] = set()

    def emit_removed_up_to(limit: int) -> None:
        for i in range(limit):
            if i not in used_old and i not in emitted_old:
                emitted_old.add(i)
                pairs.append(SectionPair(old[i], None))

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
