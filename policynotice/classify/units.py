"""The pieces a section is compared by.

A *unit* is one list item, table row or sentence; an *element* is one entry
of an enumeration inside a unit ("name, e-mail address, mobile phone number",
"이름、생년월일", table cells). Items, purposes, recipients, processors and
countries are added or removed as elements, whatever the layout: bullet
lists, Markdown or tab-separated tables, or comma lists inside a sentence.

Keys are normalised (case, width, accents, spacing, Markdown emphasis,
surrounding punctuation) so that a reformatting never counts as a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import HEADING, LIST_ITEM, NOT_CONTENT, QUOTE, TABLE_ROW, Block, Section, reader_text
from ..document.similarity import (
    HAN_RE as _HAN_RE, HANGUL_RE as _HANGUL_RE, LATIN_WORD_RE as _LATIN_WORD_RE,
    bigrams as _bigrams, stem_latin as _stem_latin, words_of,
)
from .lexicon import (
    NAVIGATION_RE, FoldedText, fold, has_any, mask_navigation, merged, navigation_spans,
)

_ITEM_START_RE = re.compile(
    r"^\s*(?:[-*+•·○●◦▪■□※☞▶►]|[①-⑳]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]\s|[가-하][.)]|\([가-하]\))"
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s+(?=\S)|(?<=[。！？])(?=\S)")
# Enumeration separators. Conjunctions count as separators only between
# spaces, so "brand" or "및" inside a word are left alone.
_SPLIT_RE = re.compile(
    r"\s*(?:[,，、;；/ㆍ·]|:\s|：|\s(?:and|or|y|e|o|u|및|또는|그리고)\s|(?<=\S)(?:以及|和|及|与|與|或))\s*",
    re.IGNORECASE,
)
_MARKUP_RE = re.compile(r"[*_`~]+|<!--.*?-->|<[^>]+>|\[([^\]]*)\]\([^)]*\)")
_EDGE_PUNCT = " \t\"'‘’“”「」『』《》〈〉()（）[]【】{}<>.,;:，、。；：!?！？-–—~·•*#|"
_TAG_ONLY_RE = re.compile(r"^\s*<!--\s*policynotice:.*?-->\s*$")


@dataclass(frozen=True)
class Element:
    text: str  # as written, trimmed
    key: str  # normalised, for comparing
    marker: str  # "required", "optional" or "" (M1: an optional item becoming required)


@dataclass(frozen=True)
class Unit:
    text: str  # as written, without list markers
    key: str  # normalised, for comparing
    kind: str  # list_item, table_row or sentence
    elements: tuple[Element, ...]
    enumerated: bool  # a list item, a table row, or a sentence that lists things


def normalise(text: str) -> str:
    """Case, width, accents, Markdown emphasis, spacing and edge punctuation removed."""
    text = _MARKUP_RE.sub(lambda m: m.group(1) or " ", mask_navigation(text))
    text = " ".join(fold(text).split())
    return text.strip(_EDGE_PUNCT)


def strip_punctuation(text: str) -> str:
    """For the "punctuation only" test: letters and digits, nothing else."""
    return _NOT_ALNUM_RE.sub("", fold(text))


# \w is str.isalnum() plus "_": so this keeps exactly the letters and digits.
_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def _markers(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return merged(lang, "required"), merged(lang, "optional")


def _marker_in(text: str, lang: str) -> tuple[str, int]:
    """("required"|"optional"|"", position of the marker in the folded text).
    Optional wins when both appear: "not required" is an optional marker."""
    req, opt = _markers(lang)
    folded = fold(text)
    for name, terms in (("optional", opt), ("required", req)):
        found = [i for i in (folded.find(fold(t)) for t in terms) if i >= 0]
        if found:
            return name, min(found)
    return "", -1


def is_marker_line(text: str, lang: str) -> str:
    """A line that is only a marker ("필수", "[선택]", "Required items:") sets
    the marker of the lists that follow it."""
    marker, _ = _marker_in(text, lang)
    if marker and len(normalise(text)) <= 24:
        return marker
    return ""


def split_elements(text: str, lang: str, context: str = "") -> tuple[Element, ...]:
    """Elements of an enumeration, each with the required/optional marker that
    governs it. A marker at the start of an element ("(Required) name, e-mail")
    governs what follows; one at the end ("이름, 생년월일을 선택항목으로") governs
    the elements before it."""
    parts = [p for p in _split_outside_paths(text) if p and normalise(p)]
    markers = [context] * len(parts)
    last_marked = -1
    current = context
    for i, part in enumerate(parts):
        marker, pos = _marker_in(part, lang)
        if not marker:
            markers[i] = current
            continue
        if pos <= max(2, len(part) * 0.4):
            current = marker  # governs this element and the ones after it
            markers[i] = marker
        else:
            for j in range(last_marked + 1, i + 1):
                markers[j] = marker
            current = context
        last_marked = i
    return tuple(Element(p.strip(), normalise(p), m) for p, m in zip(parts, markers))


def _split_outside_paths(text: str) -> list[str]:
    """Enumeration parts; a menu path ("Account > Cookies and tracking") is
    one part whatever separators it holds."""
    spans = navigation_spans(text)
    if not spans:
        return _SPLIT_RE.split(text)
    held: list[str] = []

    def hold(m: re.Match[str]) -> str:
        held.append(m.group(0))
        return f"\x00{len(held) - 1}\x00"

    protected = NAVIGATION_RE.sub(hold, text)
    return [re.sub("\x00(\\d+)\x00", lambda m: held[int(m.group(1))], p) if p else p
            for p in _SPLIT_RE.split(protected)]


def _looks_enumerated(text: str) -> bool:
    """A sentence lists things when it has at least two separators and most of
    its parts are short (nouns, not clauses)."""
    parts = [p for p in _SPLIT_RE.split(text) if normalise(p)]
    if len(parts) < 3:
        return False
    short = sum(1 for p in parts if is_short(p))
    return short >= len(parts) * 0.6


def is_short(text: str) -> bool:
    """Noun-phrase sized: what an item, purpose, recipient or country looks like."""
    t = normalise(text)
    cjk = sum(1 for ch in t if ord(ch) >= 0x1100)
    if cjk > len(t) / 2:
        return len(t.replace(" ", "")) <= 20
    return len(t.split()) <= 8


def _paragraph_units(text: str) -> list[tuple[str, str]]:
    """Lines that start like list items or carry tabs stay separate units;
    other lines are joined and cut into sentences (re-wrapping is no change)."""
    out: list[tuple[str, str]] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            joined = " ".join(buf)
            out.extend(("sentence", s) for s in _SENTENCE_END_RE.split(joined) if s.strip())
            buf.clear()

    for line in text.splitlines():
        if not line.strip() or _TAG_ONLY_RE.match(line):
            flush()
            continue
        if "\t" in line.strip() or line.strip().startswith("|") and line.strip().count("|") >= 2 \
                or line.count(" | ") >= 2 or line.rstrip().endswith(" |"):
            # Tab-separated or pipe tables pasted from a web page (no leading "|").
            flush()
            out.append((TABLE_ROW, line))
        elif _ITEM_START_RE.match(line):
            flush()
            out.append((LIST_ITEM, _ITEM_START_RE.sub("", line, count=1)))
        else:
            buf.append(line.strip())
    flush()
    return out


def _table_cells(row: str) -> list[str]:
    cells = re.split(r"\t+|\s*\|\s*", row.strip().strip("|"))
    return [c for c in cells if c.strip()]


def is_update_note(block: Block, lang: str) -> bool:
    """A quoted banner announcing that the policy changed ("Privacy Notice
    Updated: we added more detail about cookies"): it describes the change,
    which is judged where it was made, and says nothing of its own."""
    return block.kind == QUOTE and has_any(merged(lang, "update_notes"), FoldedText.of(block.text))


def substantive_text(section: Section, lang: str) -> str:
    """The section's text without comments, link definitions and update banners."""
    return "".join(b.text for b in section.blocks
                   if b.kind not in NOT_CONTENT and not is_update_note(b, lang))


def _shown(line: str) -> str:
    """A line as a reader reads it, its indentation and tabs kept (they mark
    list items and the columns of tables pasted from a web page)."""
    indent = line[:len(line) - len(line.lstrip())]
    return indent + "\t".join(reader_text(cell) for cell in line.strip().split("\t")) if line.strip() else ""


@lru_cache(maxsize=1024)
def units_of(section: Section, lang: str) -> tuple[Unit, ...]:
    """The units of a section body in order (the heading is compared apart)."""
    raw: list[tuple[str, str]] = []
    for block in section.blocks:
        if block.kind == HEADING or block.kind in NOT_CONTENT or is_update_note(block, lang):
            continue
        # What a reader reads: link targets, markup and comments are not content.
        lines = [_shown(line) for line in block.content.splitlines()]
        if block.kind == TABLE_ROW:
            raw.extend((TABLE_ROW, line) for line in lines if line.strip())
        elif block.kind == LIST_ITEM:
            first, *rest = lines or [""]
            raw.append((LIST_ITEM, first))
            if rest:
                raw.extend(_paragraph_units("\n".join(rest)))
        else:
            raw.extend(_paragraph_units("\n".join(lines)))
    units: list[Unit] = []
    context = ""
    for kind, text in raw:
        if kind == TABLE_ROW and re.fullmatch(r"[\s|:\-]+", text):
            continue  # the |---|---| separator row
        marker = is_marker_line(text, lang)
        if marker and kind != TABLE_ROW:
            context = marker
        if kind == TABLE_ROW:
            cells = _table_cells(text)
            # A "필수 | 이메일, 비밀번호" row: the marker cell governs the whole row.
            row_marker = next((m for m in (is_marker_line(c, lang) for c in cells) if m), context)
            elements = tuple(e for c in cells for e in split_elements(c, lang, row_marker))
            enumerated = True
            text = " | ".join(c.strip() for c in cells)
        else:
            text = text.strip()
            # A list item that is a whole sentence ("a. We do not intend ...") is
            # prose; one that is short or lists things is an enumeration entry.
            enumerated = (kind == LIST_ITEM and is_short(text)) or _looks_enumerated(text)
            elements = split_elements(text, lang, context) if enumerated else (
                Element(text, normalise(text), _marker_in(text, lang)[0] or context),)
        units.append(Unit(text, normalise(text), kind if kind != "paragraph" else "sentence",
                          elements, enumerated))
    return tuple(u for u in units if u.key)


# --- new information ------------------------------------------------------------


_KO_ENDINGS = (
    "있습니다", "없습니다", "됩니다", "합니다", "입니다", "습니다", "으로부터", "에서는", "에게서",
    "으로서", "으로써", "로부터", "하였으며", "하였습니다", "하며", "하고", "하여", "하는", "하기", "하지",
    "한다", "된다", "되며", "되는", "되어", "에서", "에게", "으로", "까지", "부터", "보다", "처럼", "이며",
    "이고", "이나", "에는", "에도", "와", "과", "을", "를", "은", "는", "이", "가", "의", "에", "로", "도",
    "만", "며", "고", "할", "한", "된", "될",
)


def _stem_korean(word: str) -> str:
    for _ in range(2):
        for ending in _KO_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                word = word[: -len(ending)]
                break
    return word


@dataclass(frozen=True)
class Vocabulary:
    """What a text already says: Latin stems and Korean/Chinese bigrams."""

    latin: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "Vocabulary":
        latin, grams = words_of(text)
        return cls(latin, grams)


def novel_words(added: str, known: Vocabulary, lang: str) -> tuple[str, ...]:
    """Words of `added` that the known text never used (stop words, numbers and
    particles aside). Empty means the change only rearranged or re-inflected
    words the section already had."""
    stop = {fold(s) for s in merged(lang, "stopwords")}
    folded = fold(mask_navigation(added))
    out: list[str] = []
    for w in _LATIN_WORD_RE.findall(folded):
        if w in stop or len(w) < 2:
            continue
        if _stem_latin(w) not in known.latin:
            out.append(w)
    for rx, stem in ((_HANGUL_RE, _stem_korean), (_HAN_RE, lambda s: s)):
        for run in rx.findall(folded):
            if run in stop:
                continue
            word = stem(run)
            if word in stop or len(word) < 2:
                continue
            # A long Chinese run is a phrase: judge each two-character piece.
            if not _bigrams(word) <= known.grams:
                out.append(word)
    return tuple(dict.fromkeys(out))


def similar_word(word: str, candidates: tuple[str, ...] | list[str]) -> bool:
    """A typo fix: the word is one or two letters away from a removed word."""
    from difflib import SequenceMatcher

    if len(word) < 4:
        return False
    return any(SequenceMatcher(None, word, c).ratio() >= 0.8 for c in candidates if len(c) >= 3)
