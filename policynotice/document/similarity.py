"""How alike two pieces of policy text are: one folding, one word signature,
one similarity, used by the section alignment (and so by the classifier, the
side-by-side table and the emails).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .inline import reader_text
from .numbering import strip_number

LATIN_WORD_RE = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af]+")
HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_EDGE_PUNCT = " \t\"'‘’“”「」『』《》〈〉()（）[]【】{}<>.,;:，、。；：!?！？-–—~·•*#|"


def _mark_class() -> str:
    """A regex class of the nonspacing marks (accents) of the Basic
    Multilingual Plane, as ranges; marks beyond it are checked one by one."""
    ranges: list[str] = []
    start = None
    for cp in range(0x300, 0x10000):
        mark = unicodedata.category(chr(cp)) == "Mn"
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return "".join(ranges)


# Removing accents one character at a time was the classifier's hottest loop.
_MARKS_RE = re.compile(f"[{_mark_class()}]+|[\U00010000-\U0010ffff]")


def _drop_mark(m: re.Match[str]) -> str:
    ch = m.group(0)
    return "" if len(ch) > 1 or unicodedata.category(ch) == "Mn" or "\u0300" <= ch <= "\uffff" else ch


def fold(text: str) -> str:
    """Lower case, no accents, width-normalised: how every term and text is compared."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).lower()
    text = _MARKS_RE.sub(_drop_mark, unicodedata.normalize("NFD", text))
    # NFD splits Hangul syllables into jamo; put them back together.
    return unicodedata.normalize("NFC", text)


def stem_latin(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def bigrams(run: str) -> set[str]:
    return {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}



# Texts repeat across the versions of an archive: the same question is asked
# for every pair, so the answers are kept.
@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(Latin word stems, Korean/Chinese character bigrams) of a text."""
    folded = fold(text)
    latin = {stem_latin(w) for w in LATIN_WORD_RE.findall(folded)}
    compact = "".join(folded.split())
    grams: set[str] = set()
    for rx in (HANGUL_RE, HAN_RE):
        for run in rx.findall(compact):
            grams |= bigrams(run)
    return frozenset(latin), frozenset(grams)


def signature(text: str) -> frozenset[str]:
    latin, grams = words_of(text)
    return latin | grams


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two signatures; two empty texts are alike."""
    return len(a & b) / len(a | b) if (a or b) else 1.0


@lru_cache(maxsize=8192)
def heading_key(heading: str) -> str:
    """A heading as compared: no number, markup, case, accents or edge punctuation."""
    return " ".join(fold(reader_text(strip_number(heading))).split()).strip(_EDGE_PUNCT)
