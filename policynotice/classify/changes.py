"""What changed inside one pair of sections, as reasons.

The order of the tests is the order of the checklist's reasoning: first the
changes that are ordinary whatever the section (whitespace, punctuation,
reordering, the effective-date line, contact details, citations), then the
M-rules on what is left: elements added or removed, periods longer or
shorter, rights removed, sensitive data or tracking appearing. Whatever is
left in a section about a material subject, with words the section never
used before, is "unclear" and material: a missed material change costs far
more than a reviewer's minute.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Sequence

from ..models import Reason
from ..document import CITATION_RE, LIST_ITEM, TABLE_ROW, Section, reader_text
from ..document.align import SectionPair, best_pairs
from .durations import Period, compare_periods, mask_periods, parse_periods
from .lexicon import FoldedText, categories_in, count_term, fold, has_any, is_cjk, merged
from .topics import Topic, topic_of, unit_categories
from .units import (
    _EDGE_PUNCT, Element, Unit, Vocabulary, is_short, normalise, novel_words, similar_word,
    split_elements, strip_punctuation, substantive_text, units_of,
)

EXCERPT_MAX = 120

# Which kinds of addition need fresh consent rather than notice (notice-rules.md:
# PIPA Art. 17, 18, 23, 28-8).
CONSENT_ON_ADD = {"purposes", "third_parties", "overseas_transfer"}

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|kr|go\.kr|or\.kr|cn|tw|es|io)\b\S*")
_PHONE_RE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
_CITATION_RE = CITATION_RE
_DATE_RE = re.compile(
    r"\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}\.?|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{1,2}\s+de\s+[a-z]+\s+de\s+\d{4}",
    re.IGNORECASE,
)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def mask_contacts(text: str) -> str:
    return _PHONE_RE.sub(" tel ", _URL_RE.sub(" url ", _EMAIL_RE.sub(" email ", text)))


def mask_citations(text: str) -> str:
    # "「Act」 Article 2" and "「Act」" are both one citation.
    return " ".join(re.sub(r"(?:\s*cite\s*)+", " cite ", _CITATION_RE.sub(" cite ", text)).split())


def mask_dates(text: str) -> str:
    return _DATE_RE.sub(" date ", text)


def mask_numbers(text: str) -> str:
    return _NUMBER_RE.sub("#", text)


def comparable(text: str) -> str:
    """An element's key with every figure masked: figures are judged by the
    dedicated tests (periods, dates, contacts, citations), not as new items."""
    t = mask_numbers(mask_periods(mask_dates(mask_citations(mask_contacts(fold(text))))))
    return " ".join(t.split())


def shorten(text: str, limit: int = EXCERPT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class _Draft:
    category: str
    kind: str
    material: bool
    needs_consent: bool
    parts: list[str] = field(default_factory=list)


class ReasonSink:
    """Collects findings of one section, one reason per category and kind."""

    def __init__(self, section: str) -> None:
        self.section = section
        self._drafts: dict[tuple[str, str, bool], _Draft] = {}

    def add(self, category: str, kind: str, excerpt: str, *, material: bool,
            needs_consent: bool = False) -> None:
        key = (category, kind, material)
        draft = self._drafts.setdefault(key, _Draft(category, kind, material, needs_consent))
        draft.needs_consent = draft.needs_consent or needs_consent
        excerpt = " ".join(excerpt.split())
        if excerpt and excerpt not in draft.parts:
            draft.parts.append(excerpt)

    def reasons(self) -> list[Reason]:
        out = []
        for d in self._drafts.values():
            out.append(Reason(d.category, self.section, d.kind, shorten("; ".join(d.parts)),
                              d.material, d.needs_consent))
        # Material reasons first, each group in the order found.
        return [r for r in out if r.material] + [r for r in out if not r.material]

    def __len__(self) -> int:
        return len(self._drafts)


@dataclass(frozen=True)
class Context:
    lang: str
    processors_material: bool
    old_doc: str  # the whole old text: to tell moved text from new text
    new_doc: str

    # Every section asks the same questions of the whole texts: prepared once
    # per pair, not once per section (10,000 changed sections stay linear).
    @cached_property
    def old_vocabulary(self) -> Vocabulary:
        return Vocabulary.of(self.old_doc)

    @cached_property
    def old_folded(self) -> FoldedText:
        return FoldedText.of(self.old_doc)

    @cached_property
    def new_folded(self) -> FoldedText:
        return FoldedText.of(self.new_doc)


# --- entry point ------------------------------------------------------------------

def compare_pair(pair: SectionPair, ctx: Context) -> list[Reason]:
    heading = pair.heading or preamble_label(ctx.lang)
    sink = ReasonSink(heading)
    if pair.old is None:
        _section_added(pair.new, sink, ctx)  # type: ignore[arg-type]
    elif pair.new is None:
        _section_removed(pair.old, sink, ctx)
    else:
        _section_changed(pair.old, pair.new, pair.moved, sink, ctx)
    return sink.reasons()


def preamble_label(lang: str) -> str:
    return {"ko": "머리말", "zh": "前言", "zh-Hant": "前言", "es": "Preámbulo"}.get(lang, "Preamble")


# --- whole sections ---------------------------------------------------------------

def _section_added(new: Section, sink: ReasonSink, ctx: Context) -> None:
    topic = topic_of([new], ctx.lang)
    _sensitive_and_tracking(None, new, sink, ctx)
    novel = novel_words(new.text, ctx.old_vocabulary, ctx.lang)
    excerpt = f"{new.heading}: {_first_words(new.body)}" if new.heading else _first_words(new.body)
    if not novel:
        sink.add("reordering", "moved", excerpt, material=False)
        return
    cats = topic.material or unit_categories(new.body, ctx.lang, min_hits=2)
    if not cats and _names_recipients(new.body, ctx.lang):
        # A neutral heading ("Working with others") over rows that each name
        # an organisation and the personal data it gets: new recipients.
        cats = ("third_parties",)
    for cat in cats[:1]:
        material = _is_material(cat, ctx)
        if cat == "user_rights":
            material = False  # a new rights section gives users more, not less
        sink.add(cat if material else "addition", "section_added", excerpt, material=material,
                 needs_consent=material and cat in CONSENT_ON_ADD)
    if not cats:
        sink.add("security" if topic.has("security") else "addition", "section_added", excerpt,
                 material=False)


# Opening hours: "9시~18시", "09:00-18:00", "9 am to 6 pm", "9点至18点", "de 9 a 18 h".
_HOURS_RE = re.compile(
    r"\d{1,2}(?::\d{2})?\s*(?:시|時|点|點|h\b|am\b|pm\b|a\.m\.|p\.m\.)?"
    r"\s*(?:~|～|-|–|—|to|a|至|부터|에서)\s*"
    r"\d{1,2}(?::\d{2})?\s*(?:시|時|点|點|h\b|am\b|pm\b|a\.m\.|p\.m\.)?(?:까지)?",
    re.IGNORECASE,
)


def _mask_hours(text: str) -> str:
    return _HOURS_RE.sub(" hours ", text)


def _is_contact_line(folded: str) -> bool:
    return mask_contacts(folded) != folded


_ANCHOR_LINK_RE = re.compile(r"\]\(#[^)\s]*\)")


def _is_summary(section: Section) -> bool:
    """Most of the section's rows and list items link to a place in the page."""
    entries = [b for b in section.blocks if b.kind in (TABLE_ROW, LIST_ITEM) and b.content.strip("|-: ")]
    linked = sum(1 for b in entries if _ANCHOR_LINK_RE.search(b.text))
    return len(entries) >= 3 and linked * 2 >= len(entries)


def _names_recipients(body: str, lang: str) -> bool:
    """Whether a row or list entry names an organisation together with
    personal data items (what it is given)."""
    orgs, ids = merged(lang, "organisations"), merged(lang, "identifiers")
    for line in body.splitlines():
        folded = FoldedText.of(line)
        if has_any(orgs, folded) and has_any(ids, folded):
            return True
    return False


def _section_removed(old: Section, sink: ReasonSink, ctx: Context) -> None:
    topic = topic_of([old], ctx.lang)
    excerpt = old.heading or _first_words(old.body)
    if "user_rights" in topic.material and _has_rights(old.body, ctx.lang):
        sink.add("user_rights", "right_removed", excerpt, material=True)
    elif "unfavourable_terms" in topic.material:
        sink.add("unfavourable_terms", "unclear", excerpt, material=True)
    else:
        sink.add("removal", "section_removed", excerpt, material=False)


def _first_words(text: str) -> str:
    return shorten(text, 80)


def _is_material(category: str, ctx: Context) -> bool:
    if category == "processors":
        return ctx.processors_material
    return category in ("data_items", "purposes", "third_parties", "overseas_transfer", "retention",
                        "user_rights", "tracking_sensitive", "unfavourable_terms")


@lru_cache(maxsize=256)
def _normalised(text: str) -> str:
    return normalise(reader_text(text))


def _still_said(key: str, section_text: str) -> bool:
    """Whether a phrase (two words or more, or four CJK characters) the old
    section had is still in the new one: the sentence around it was rewritten."""
    long_enough = len(key.split()) >= 2 or (is_cjk(key) and len(key) >= 4)
    return bool(key) and long_enough and key in _normalised(section_text)


def _has_rights(text: str, lang: str) -> bool:
    return has_any(merged(lang, "rights"), FoldedText.of(text))


# --- a section that exists in both versions ---------------------------------------

def _section_changed(old: Section, new: Section, moved: bool, sink: ReasonSink, ctx: Context) -> None:
    lang = ctx.lang
    if old.text == new.text:
        if moved:
            sink.add("reordering", "moved", new.heading, material=False)
        return
    if " ".join(old.text.split()) == " ".join(new.text.split()):
        sink.add("whitespace", "whitespace", new.heading, material=False)
        return
    if _markup_key(old) == _markup_key(new):
        sink.add("formatting", "markup", new.heading, material=False)
        return
    if strip_punctuation(old.text) == strip_punctuation(new.text):
        sink.add("punctuation", "punctuation", _changed_span(old.text, new.text), material=False)
        return
    if _is_summary(old) and _is_summary(new):
        # A table of contents or summary table: each row points at a section
        # of the policy, where any real change is judged.
        sink.add("wording", "summary", new.heading, material=False)
        return
    renamed = _renamed_throughout(old.text, new.text)
    if renamed and not novel_words(renamed[1], ctx.old_vocabulary, lang):
        # The same words under another name everywhere in the section.
        sink.add("wording", "renamed", f"{renamed[0]} → {renamed[1]}", material=False)
        return

    topic = topic_of([old, new], lang)
    uo, un = units_of(old, lang), units_of(new, lang)
    uo, un = _effective_date_lines(uo, un, sink, lang)
    if normalise(old.heading) != normalise(new.heading):
        sink.add("wording", "heading", f"{old.heading} → {new.heading}", material=False)
    if Counter(u.key for u in uo) == Counter(u.key for u in un):
        if [u.key for u in uo] != [u.key for u in un]:
            sink.add("reordering", "reordered", _moved_excerpt(uo, un), material=False)
        return

    removed, added, pairs = _diff_units(uo, un)
    found_before = len(sink)
    known = Vocabulary.of(old.text)
    _sensitive_and_tracking(old, new, sink, ctx)
    leftover_old, leftover_new = _judge_pairs(pairs, topic, new, sink, ctx)
    removed = removed + leftover_old
    added = added + leftover_new
    _periods_of_new_units(added, topic, old, new, sink, ctx)
    _judge_elements(removed, added, topic, sink, ctx, known, old, new)
    if len(sink) == found_before:
        # Something changed that no rule above recognised (entries moved
        # between lists, a marker rewritten): in a material section that is
        # exactly the unclear case the checklist says to treat as material.
        excerpt = next((u.text for u in un if u.key not in {x.key for x in uo}), new.heading)
        if topic.material:
            sink.add(topic.primary, "unclear", excerpt, material=_is_material(topic.primary, ctx))
        else:
            sink.add("reordering", "reordered", excerpt, material=False)


def _markup_key(section: Section) -> list[str]:
    """The words a reader reads, block by block: a change of link target,
    markup or comment leaves it as it was."""
    keys = (normalise(reader_text(b.content)) for b in section.blocks)
    return [k for k in keys if k]


def _common_ends(a: Sequence, b: Sequence) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix (not overlapping)."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and a[len(a) - 1 - q] == b[len(b) - 1 - q]:
        q += 1
    return p, q


# Whole sections can be hundreds of KB: character-level matching is kept to
# the changed middle, and to middles short enough for a quadratic matcher.
_MATCH_LIMIT = 4000


def _changed_span(a: str, b: str) -> str:
    """The new text around the first change."""
    if a == b:
        return ""
    p, _ = _common_ends(a, b)
    return b[max(0, p - 30): p + 60]


def _moved_excerpt(uo: tuple[Unit, ...], un: tuple[Unit, ...]) -> str:
    for a, b in zip(uo, un):
        if a.key != b.key:
            return b.text
    return ""


def _effective_date_lines(uo: tuple[Unit, ...], un: tuple[Unit, ...], sink: ReasonSink,
                          lang: str) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
    """The effective/notice date line and the list of previous versions change
    with every version; they are ordinary and then left out of the comparison."""
    do = [u for u in uo if _is_date_line(u.text, lang)]
    dn = [u for u in un if _is_date_line(u.text, lang)]
    if Counter(comparable(u.text) for u in do) != Counter(comparable(u.text) for u in dn) or \
            [u.key for u in do] != [u.key for u in dn]:
        old_keys = {u.key for u in do}
        changed = [u.text for u in dn if u.key not in old_keys] or [u.text for u in dn[:1]]
        sink.add("effective_date", "effective_date", "; ".join(changed[:2]), material=False)
    return (tuple(u for u in uo if u not in do), tuple(u for u in un if u not in dn))


_RANGE_RE = re.compile(r"\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}\.?\s*[~〜～–-]")


def _is_date_line(text: str, lang: str) -> bool:
    if not _DATE_RE.search(text):
        return False
    if _RANGE_RE.search(text):
        return True  # "2024. 3. 13 ~ 2024. 7. 11": a previous version's period in force
    return len(text) <= 160 and has_any(merged(lang, "effective"), FoldedText.of(text))


def _diff_units(uo: tuple[Unit, ...], un: tuple[Unit, ...]
                ) -> tuple[list[Unit], list[Unit], list[tuple[Unit, Unit]]]:
    """Units only in the old, only in the new, and changed pairs (old, new)."""
    # A unit moved elsewhere in the section is no change.
    count_o, count_n = Counter(u.key for u in uo), Counter(u.key for u in un)
    common = count_o & count_n
    left_o: list[Unit] = []
    seen: Counter[str] = Counter()
    for u in uo:
        seen[u.key] += 1
        if seen[u.key] > common[u.key]:
            left_o.append(u)
    left_n: list[Unit] = []
    seen = Counter()
    for u in un:
        seen[u.key] += 1
        if seen[u.key] > common[u.key]:
            left_n.append(u)
    # Pair what is left by similarity, best pairs first; ties by position.
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = best_pairs(
        ((_ratio(a.key, b.key, 0.5), i, j) for i, a in enumerate(left_o) for j, b in enumerate(left_n)),
        0.5, used_o, used_n,
    )
    pairs.sort(key=lambda p: p[1])
    return ([u for i, u in enumerate(left_o) if i not in used_o],
            [u for j, u in enumerate(left_n) if j not in used_n],
            [(left_o[i], left_n[j]) for i, j in pairs])


# --- changed units -------------------------------------------------------------------

def _retention_context(unit: Unit, topic: Topic, section: Section, lang: str) -> bool:
    """Is a period in this unit how long data is kept? Yes in a section about
    retention or destruction, or when the unit, the sentence introducing its
    list, or the header of its table speaks of keeping data."""
    if topic.has("retention", "destruction"):
        return True
    terms = merged(lang, "retention_context")
    if has_any(terms, FoldedText.of(unit.text)):
        return True
    if unit.kind not in ("table_row", "list_item"):
        return False
    lead = _lead_of(unit, section, lang)
    return bool(lead) and has_any(terms, FoldedText.of(lead))


def _lead_of(unit: Unit, section: Section, lang: str) -> str:
    """What introduces this unit: the rows above it back to its table's header,
    or the sentence introducing its list (up to a few units back)."""
    units = units_of(section, lang)
    for i, u in enumerate(units):
        if u.key == unit.key:
            start = i
            while start > 0 and units[start - 1].kind == "table_row" and unit.kind == "table_row":
                start -= 1
            return " ".join(x.text for x in units[max(0, min(start, i - 1) - 2):i])
    return ""


def _judge_pairs(pairs: list[tuple[Unit, Unit]], topic: Topic, section: Section, sink: ReasonSink,
                 ctx: Context) -> tuple[list[Unit], list[Unit]]:
    """Settle the pairs whose change is a figure, a contact detail or a citation;
    return the rest for the element comparison."""
    lang = ctx.lang
    rest_o: list[Unit] = []
    rest_n: list[Unit] = []
    for a, b in pairs:
        po, pn = parse_periods(a.text, lang), parse_periods(b.text, lang)
        period_verdict = compare_periods(po, pn) if (po or pn) else "same"
        if period_verdict != "same" and _retention_context(b, topic, section, lang):
            _period_reason(period_verdict, po, pn, b, topic, sink, ctx)
        elif period_verdict != "same" and comparable(a.text) == comparable(b.text):
            # A period outside any retention context (a notice period, a response time).
            material = bool(topic.material) and not topic.has("changes", "contact")
            sink.add(topic.primary if material else "wording", "unclear" if material else "figure",
                     _pair_excerpt(po, pn, b), material=material)
            continue
        fa, fb = fold(a.text), fold(b.text)
        if " ".join(mask_contacts(fa).split()) == " ".join(mask_contacts(fb).split()) or (
                _is_contact_line(fa) and _is_contact_line(fb)
                and " ".join(_mask_hours(mask_contacts(fa)).split())
                == " ".join(_mask_hours(mask_contacts(fb)).split())):
            # A new address, number or opening hours on a contact line (kind 6).
            sink.add("contact", "contact", b.text, material=False)
            continue
        if mask_citations(fa) == mask_citations(fb):
            sink.add("citation", "citation", b.text, material=False)
            continue
        if " ".join(mask_dates(fa).split()) == " ".join(mask_dates(fb).split()):
            sink.add("wording", "date", b.text, material=False)
            continue
        scope = _scope_widened(a.text, b.text, lang)
        if scope:
            cat = _category_for(f"{a.text} {b.text}", topic, lang) or topic.primary or "purposes"
            sink.add(cat, scope, f"{a.text} → {b.text}", material=True,
                     needs_consent=cat in CONSENT_ON_ADD)
            continue
        if comparable(a.text) == comparable(b.text):
            money = _compare_amounts(a.text, b.text)
            if money == "lower":
                sink.add("wording", "figure", b.text, material=False)
                continue
            if money == "higher":
                sink.add("unfavourable_terms" if topic.has("unfavourable_terms") else (topic.primary or "unfavourable_terms"),
                         "increased", b.text, material=True)
                continue
            if period_verdict == "same":
                material = bool(topic.material) and not topic.has("children")
                sink.add(topic.primary if material else "wording", "unclear" if material else "figure",
                         b.text, material=material)
            continue
        rest_o.append(a)
        rest_n.append(b)
    return rest_o, rest_n


_MONEY_RE = re.compile(
    r"(?:[₩$€¥£]|usd|krw|eur|jpy|cny|rmb|us\$)\s*(\d[\d,]*(?:\.\d+)?)"
    r"|(\d[\d,]*(?:\.\d+)?)\s*(?:원|만원|元|円|dolares|euros?|won|usd|krw|eur|달러|美元|新台幣|台幣)",
    re.IGNORECASE,
)


def _amounts(text: str) -> list[float]:
    out = []
    for m in _MONEY_RE.finditer(fold(text)):
        raw = (m.group(1) or m.group(2)).replace(",", "")
        try:
            out.append(float(raw))
        except ValueError:
            pass
    return out


def _compare_amounts(a: str, b: str) -> str:
    """"higher", "lower" or "" for prices and fees, in order of appearance."""
    xa, xb = _amounts(a), _amounts(b)
    if not xa or len(xa) != len(xb) or xa == xb:
        return ""
    if any(y > x for x, y in zip(xa, xb)):
        return "higher"
    return "lower"


def _pair_excerpt(po: tuple[Period, ...], pn: tuple[Period, ...], unit: Unit) -> str:
    old = ", ".join(p.text for p in po) or "—"
    new = ", ".join(p.text for p in pn) or "—"
    label = unit.elements[0].text if unit.elements else unit.text
    label = re.sub(r"[:：]\s*$", "", label)
    if any(p.text in label for p in pn):
        label = unit.text.split(pn[0].text)[0].strip(" :：|-")
    return f"{shorten(label, 60)}: {old} → {new}" if label else f"{old} → {new}"


def _period_reason(verdict: str, po: tuple[Period, ...], pn: tuple[Period, ...], unit: Unit,
                   topic: Topic, sink: ReasonSink, ctx: Context) -> None:
    excerpt = _pair_excerpt(po, pn, unit)
    if verdict == "shorter":
        sink.add("shorter_retention", "shorter", excerpt, material=False)
    elif verdict == "longer":
        sink.add("retention", "longer", excerpt, material=True)
    else:
        sink.add("retention", "unclear", excerpt, material=True)


def _periods_of_new_units(added: list[Unit], topic: Topic, old: Section, new: Section,
                          sink: ReasonSink, ctx: Context) -> None:
    """A new row or sentence that keeps something for a period the section did
    not mention before: a new retention (M5). In a section about security
    measures (access logs kept for a year) it is more security detail."""
    if topic.has("security", "contact", "remedies", "changes", "children") and not topic.material:
        return
    before = {p.days for p in parse_periods(old.text, ctx.lang)}
    for u in added:
        periods = [p for p in parse_periods(u.text, ctx.lang) if p.days > 0 and p.days not in before]
        if periods and _retention_context(u, topic, new, ctx.lang):
            if _is_date_line(u.text, ctx.lang):
                continue
            sink.add("retention", "added", u.text, material=True)


# --- elements ----------------------------------------------------------------------

def _judge_elements(removed: list[Unit], added: list[Unit], topic: Topic, sink: ReasonSink,
                    ctx: Context, known: Vocabulary, old: Section, new: Section) -> None:
    lang = ctx.lang
    old_el = [(e, u) for u in removed for e in u.elements if comparable(e.key)]
    new_el = [(e, u) for u in added for e in u.elements if comparable(e.key)]
    # Cancel elements that only moved (same wording, same marker).
    by_key: dict[str, list[int]] = {}
    for i, (e, _) in enumerate(old_el):
        by_key.setdefault(comparable(e.key), []).append(i)
    gone: set[int] = set()
    fresh: list[tuple[Element, Unit]] = []
    marker_changes: list[tuple[Element, Element]] = []
    for e, u in new_el:
        k = comparable(e.key)
        cands = [i for i in by_key.get(k, []) if i not in gone]
        same_marker = [i for i in cands if old_el[i][0].marker == e.marker]
        if same_marker:
            gone.add(same_marker[0])
        elif cands:
            gone.add(cands[0])
            marker_changes.append((old_el[cands[0]][0], e))
        else:
            fresh.append((e, u))
    stale = [old_el[i] for i in range(len(old_el)) if i not in gone]

    for before, after in marker_changes:
        if before.marker == "optional" and after.marker == "required":
            sink.add("data_items", "optional_to_required", after.text, material=True)
        elif before.marker == "required" and after.marker == "optional":
            sink.add("removal", "required_to_optional", after.text, material=False)

    # Pair rewritten elements (a typo fix, a reworded purpose) with their old selves.
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = [(stale[i], fresh[j]) for i, j in best_pairs(
        ((_element_similarity(a[0], b[0]), i, j) for i, a in enumerate(stale) for j, b in enumerate(fresh)),
        0.6, used_o, used_n,
    )]
    before = frozenset(p.days for p in parse_periods(old.text, lang))
    for (eo, _), (en, un) in pairs:
        _judge_rewrite(eo, en, un, topic, sink, ctx, known, _lead_of(un, new, lang), before)
    for j, (en, un) in enumerate(fresh):
        if j not in used_n:
            _judge_addition(en, un, topic, sink, ctx, known, _lead_of(un, new, lang), before)
    for i, (eo, uo) in enumerate(stale):
        if i not in used_o:
            _judge_removal(eo, uo, topic, sink, ctx, new)


def _ratio(a: str, b: str, floor: float) -> float:
    """SequenceMatcher's ratio, skipped (0.0) when its cheap upper bound is below floor;
    by words when the texts are too long to match by characters."""
    if len(a) + len(b) > _MATCH_LIMIT:
        a, b = a.split(), b.split()  # type: ignore[assignment]
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
        return 0.0
    return sm.ratio()


def _element_similarity(a: Element, b: Element) -> float:
    chars = _ratio(a.key, b.key, 0.6)
    ta, tb = set(a.key.split()), set(b.key.split())
    words = len(ta & tb) / len(ta | tb) if len(ta) > 1 and len(tb) > 1 else 0.0
    return max(chars, words)


def _category_for(text: str, topic: Topic, lang: str, lead: str = "") -> str | None:
    """The material category an element belongs to: the section's, narrowed by
    what the element (or the sentence or table header introducing it) speaks
    of; for a section about nothing material, only what the element itself
    clearly speaks of."""
    if topic.material:
        own = {c: n for c, n in categories_in(text, lang, "content").items() if c in topic.material}
        around = {c: n for c, n in categories_in(lead, lang, "content").items()
                  if c in topic.material} if lead else {}
        unit_cats = unit_categories(text, lang)
        # Transfers abroad are often listed inside the processors or third-party
        # section; a country or an overseas recipient makes it M4.
        if topic.has("processors", "third_parties") and not own and (
                "overseas_transfer" in unit_cats
                or has_any(merged(lang, "countries"), FoldedText.of(text))):
            return "overseas_transfer"
        if "tracking_sensitive" in unit_cats and "tracking_sensitive" in topic.material:
            own["tracking_sensitive"] = own.get("tracking_sensitive", 0) + 1
        # The element's own words weigh most, then what introduces it, then the
        # heading's first category; ties go to the heading's order.
        order = {c: i for i, c in enumerate(topic.material)}
        return max(topic.material, key=lambda c: (3 * own.get(c, 0) + around.get(c, 0)
                                                  + (1 if c == topic.primary else 0), -order[c]))
    # Sections the checklist calls ordinary (security measures, contact
    # details, the amendment clause) need two distinct terms; others one.
    # "access" alone is too common (access control) to signal a right.
    strict = topic.has("security", "contact", "remedies", "changes")
    cats = [c for c in unit_categories(text, lang, min_hits=2 if strict else 1) if c != "user_rights"]
    return cats[0] if cats else None


def _ordinary_category(topic: Topic) -> str:
    if topic.has("security"):
        return "security"
    if topic.has("contact", "remedies"):
        return "contact"
    return "wording"


def _judge_rewrite(eo: Element, en: Element, unit: Unit, topic: Topic, sink: ReasonSink,
                   ctx: Context, known: Vocabulary, lead: str = "",
                   before: frozenset[float] = frozenset()) -> None:
    lang = ctx.lang
    if "user_rights" in topic.material and not _small_edit(eo.key, en.key):
        dropped = _dropped_span(eo.text, en.text)
        said = FoldedText.of(dropped)
        if dropped and novel_words(dropped, Vocabulary.of(en.text), lang) and \
                (has_any(merged(lang, "rights"), said) or has_any(merged(lang, "agents"), said)) and \
                not has_any(merged(lang, "restrictions"), said):
            # Words a rights clause no longer says: a right, a channel or a
            # person who may act may be gone (M7). Limits dropped help users.
            sink.add("user_rights", "way_removed", f"{eo.text} → {en.text}", material=True)
            return
    novel = [w for w in novel_words(en.text, known, lang) if not similar_word(w, eo.key.split())]
    if not novel or _small_edit(eo.key, en.key):
        kind = "typo" if SequenceMatcher(None, eo.key, en.key).ratio() >= 0.85 else "wording"
        sink.add("wording", kind, en.text, material=False)
        return
    cat = _category_for(f"{en.text} {unit.text}", topic, lang, lead)
    if cat is None:
        sink.add(_ordinary_category(topic), "wording", en.text, material=False)
    elif cat == "user_rights":
        _judge_rights_text(en.text, sink, lang, before)
    elif cat == "processors" and not ctx.processors_material:
        sink.add("processors", "changed", en.text, material=False)
    else:
        sink.add(cat, "changed", en.text, material=True)


def _scope_widened(old: str, new: str, lang: str) -> str | None:
    """How a rewritten clause allows more than it did, or None: its negation
    deleted ("we do not sell" -> "we sell"), an entry deleted from an
    exclusion list ("never used for training: A, B, C" -> "A, B"), or a
    limiting phrase deleted ("only when you cancel")."""
    fo, fn = FoldedText.of(old), FoldedText.of(new)
    neg_old, neg_new = has_any(merged(lang, "negations"), fo), has_any(merged(lang, "negations"), fn)
    if neg_old and not neg_new:
        return "negation_removed"
    old_words, new_words = Counter(_words(old)), Counter(_words(new))
    dropped = " ".join((old_words - new_words).elements())
    if not dropped or not novel_words(dropped, Vocabulary.of(new), lang):
        return None
    if has_any(merged(lang, "limiters"), FoldedText.of(f" {dropped} ")):
        return "limit_removed"
    added = " ".join((new_words - old_words).elements())
    if neg_old and neg_new and not novel_words(added, Vocabulary.of(old), lang) and \
            _entry_left_exclusion(old, new, lang):
        return "exclusion_narrowed"
    return None


def _entry_left_exclusion(old: str, new: str, lang: str) -> bool:
    """Whether an entry the new clause lost was listed under a negation of the
    same sentence ("we never use A, B or C"), not merely in a sentence that
    says "not" somewhere."""
    old_key, new_key = normalise(old), normalise(new)
    for e in split_elements(old, lang):
        if not e.key or e.key in new_key:
            continue
        at = old_key.find(e.key)
        if at < 0:
            continue
        before = re.split(r"[.;:!?。；：！？]", old_key[max(0, at - 80):at])[-1]
        if has_any(merged(lang, "negations"), FoldedText.of(f" {before} ")):
            return True
    return False


# Korean and Chinese list entries are separated by punctuation and
# conjunctions, not always by spaces.
_CJK_WORD_SPLIT_RE = re.compile(r"[\s、，,；;。：:]+|(?<=[\u3400-\u9fff])(?:及|和|或|与|與|跟|以及)(?=[\u3400-\u9fff])")


_RENAME_LIMIT = 20_000
_TERM_LENGTH = 24


def _renamed_throughout(old: str, new: str) -> tuple[str, str] | None:
    """(x, y) when new is old with every x written y, x said at least twice
    (a term renamed throughout), else None. Figures are never a rename."""
    if old == new or len(old) + len(new) > _RENAME_LIMIT:
        return None
    start, _ = _common_ends(old, new)
    for lx in range(2, _TERM_LENGTH):
        x = old[start:start + lx]
        if len(x) < lx:
            break
        for ly in range(2, _TERM_LENGTH):
            y = new[start:start + ly]
            if len(y) < ly:
                break
            if _distinct_terms(x, y) and old.count(x) >= 2 and old.replace(x, y) == new:
                return x, y
    return None


def _distinct_terms(x: str, y: str) -> bool:
    """x and y are two names, not one name with words added or cut."""
    return (len(x.strip()) >= 2 and len(y.strip()) >= 2 and x[0] != y[0] and x[-1] != y[-1]
            and x not in y and y not in x and not any(c.isdigit() for c in x + y))


def _words(text: str) -> list[str]:
    """Words, case and edge punctuation aside: "messages," is "messages"."""
    parts = _CJK_WORD_SPLIT_RE.split(text) if is_cjk(text) else text.split()
    return [w for w in (w.strip(_EDGE_PUNCT).lower() for w in parts if w) if w]


def _dropped_span(old: str, new: str) -> str:
    """The words of old that new deleted (not replaced), joined; "" if none."""
    a, b = old.split(), new.split()
    p, q = _common_ends(a, b)
    a, b = a[p:len(a) - q], b[p:len(b) - q]
    sm = SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > _MATCH_LIMIT)
    return " ".join(w for op, i1, i2, _, _ in sm.get_opcodes() if op == "delete" for w in a[i1:i2])


def _small_edit(a: str, b: str) -> bool:
    """At most two characters differ and no figure changed: a typo fix."""
    if abs(len(a) - len(b)) > 2 or len(b) < 4 or mask_numbers(a) != mask_numbers(b):
        return False
    p, q = _common_ends(a, b)
    mid_a, mid_b = a[p:len(a) - q], b[p:len(b) - q]
    if len(mid_a) + len(mid_b) > _MATCH_LIMIT:
        return False
    sm = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    return changed <= 2


def _judge_addition(en: Element, unit: Unit, topic: Topic, sink: ReasonSink, ctx: Context,
                    known: Vocabulary, lead: str = "", before: frozenset[float] = frozenset()) -> None:
    lang = ctx.lang
    novel = novel_words(en.text, known, lang)
    short = unit.enumerated and is_short(en.text)
    # Known words in a new place: in a material section an entry listed once
    # more is still an addition (an item now collected in one more case);
    # elsewhere it is only rewording.
    if not novel and (not short or not topic.material):
        sink.add("wording", "wording", en.text, material=False)
        return
    cat = _category_for(f"{en.text} {unit.text}" if short else en.text, topic, lang, lead)
    if cat is None:
        sink.add(_ordinary_category(topic), "added" if topic.has("security") else "wording", en.text,
                 material=False)
        return
    if cat == "user_rights":
        _judge_rights_text(en.text, sink, lang, before)
        return
    if cat == "processors" and not ctx.processors_material:
        sink.add("processors", "added", en.text, material=False)
        return
    if cat == "retention" and not short and not parse_periods(en.text, lang) and not novel:
        sink.add("wording", "wording", en.text, material=False)
        return
    kind = "added" if short else "changed"
    if cat == "overseas_transfer" and has_any(merged(lang, "countries"), FoldedText.of(en.text)):
        kind = "country_added"
    sink.add(cat, kind, en.text, material=True,
             needs_consent=kind != "changed" and cat in CONSENT_ON_ADD)


def _judge_rights_text(text: str, sink: ReasonSink, lang: str, before: frozenset[float]) -> None:
    """Added wording in a rights section. M7 has a direction: a new condition,
    fee, channel restriction or deadline makes a right harder to exercise
    (material); a new right helps users, and other rewording leaves the rights
    as they were (removed rights are caught as removals)."""
    folded = FoldedText.of(text)
    new_deadline = any(p.days not in before for p in parse_periods(text, lang))
    if has_any(merged(lang, "restrictions"), folded) or new_deadline:
        sink.add("user_rights", "restriction_added", text, material=True)
    elif has_any(merged(lang, "rights"), folded):
        sink.add("addition", "right_added", text, material=False)
    else:
        sink.add("wording", "wording", text, material=False)


def _judge_removal(eo: Element, unit: Unit, topic: Topic, sink: ReasonSink, ctx: Context,
                   new: Section) -> None:
    lang = ctx.lang
    if "user_rights" in topic.material:
        # M7 has a direction: removing a limit on a right helps users; removing
        # a contact detail is housekeeping; removing anything else a rights
        # section says (a right, a channel, a representative who may act) may
        # take a way to exercise a right away, so it is material until a
        # reviewer says otherwise.
        folded = FoldedText.of(eo.text)
        if has_any(merged(lang, "restrictions"), folded):
            sink.add("removal", "removed", eo.text, material=False)
        elif _still_said(eo.key, new.text) or (
                len(eo.key.split()) >= 6 and not novel_words(eo.text, Vocabulary.of(new.text), lang)):
            # Reworded in place, or a sentence whose every word the section
            # still says (paragraphs re-split, a copy-paste slip corrected).
            sink.add("wording", "wording", eo.text, material=False)
        elif _has_rights(eo.text, lang):
            sink.add("user_rights", "right_removed", eo.text, material=True)
        elif has_any(merged(lang, "agents"), folded):
            sink.add("user_rights", "way_removed", eo.text, material=True)
        else:
            # A support route or contact detail (kind 6): housekeeping.
            sink.add("removal", "removed", eo.text, material=False)
        return
    if topic.primary == "unfavourable_terms":
        sink.add("unfavourable_terms", "unclear", eo.text, material=True)
        return
    sink.add("removal", "removed", eo.text, material=False)


# --- sensitive data and tracking, wherever they appear -------------------------------

def _sensitive_and_tracking(old: Section | None, new: Section, sink: ReasonSink, ctx: Context) -> None:
    """M8: a sensitive item or a tracking technology the section did not
    mention before and the policy as a whole now mentions more often."""
    lang = ctx.lang
    old_sec = FoldedText.of(substantive_text(old, lang) if old else "")
    new_sec = FoldedText.of(substantive_text(new, lang))
    old_doc, new_doc = ctx.old_folded, ctx.new_folded
    for field_name, kind, consent in (("sensitive", "sensitive_added", True),
                                      ("tracking", "tracking_added", False)):
        for term in merged(lang, field_name):
            n_new = count_term(term, new_sec)
            if not n_new or n_new <= count_term(term, old_sec):
                continue
            if count_term(term, new_doc) <= count_term(term, old_doc):
                continue  # moved from another section
            sink.add("tracking_sensitive", kind, _around(new, term, lang), material=True,
                     needs_consent=consent)


def _around(section: Section, term: str, lang: str) -> str:
    """The sentence or list item of the section that mentions the term."""
    t = fold(term)
    for u in units_of(section, lang):
        if t in fold(u.text) or t.replace(" ", "") in fold(u.text).replace(" ", ""):
            return u.text
    return shorten(section.body, 80)
