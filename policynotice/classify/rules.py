"""The classifier's public face: one language pair, a version over its
languages, and translations left behind.

    classify_texts(old, new, "ko")           -> Classification
    combine_languages({"ko": c1, "en": c2})  -> Classification (strictest)
    lagging_translations(old_by_lang, new_by_lang, governing="ko")

The M-rules themselves live in changes.py, the vocabulary in lexicon.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..models import ChangeClass, Classification, Reason
from ..document import Section, split_sections
from ..document import section_number
from ..document.align import align_sections
from .changes import Context, preamble_label, compare_pair
from .lexicon import LANGS
from .units import strip_punctuation


@dataclass(frozen=True)
class LangReason(Reason):
    """A Reason that remembers which language's text it was found in (used in
    a combined classification; still a Reason everywhere a Reason is expected)."""

    lang: str = ""


def reason_lang(reason: Reason) -> str | None:
    """The language a reason of a combined classification came from, if known."""
    return getattr(reason, "lang", None) or None


def reasons_in(classification: Classification, lang: str, fallback: str | None = None
               ) -> tuple[Reason, ...]:
    """The reasons found in one language's text (for a page in that language);
    the fallback language's when that language had none tagged."""
    own = tuple(r for r in classification.reasons if reason_lang(r) == lang)
    if own or fallback is None:
        return own
    return tuple(r for r in classification.reasons if reason_lang(r) == fallback)


def _prepare(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


# Changed sections examined one by one. Real policies change a few dozen; past
# this the remaining sections are not read (each costs milliseconds) and the
# change is material with a reason saying so (README: bounded cost).
CHANGED_SECTION_BUDGET = 1000


def classify_texts(old: str, new: str, lang: str, *, processors_material: bool = True
                   ) -> Classification:
    """Material when any M-rule of notice-rules.md fires in any section; the
    reasons name category, section, kind of change and an excerpt."""
    old, new = _prepare(old), _prepare(new)
    if old == new:
        return Classification(ChangeClass.ORDINARY, ())
    so, sn = split_sections(old), split_sections(new)
    if " ".join(old.split()) == " ".join(new.split()):
        return _ordinary("whitespace", "whitespace", _first_changed_heading(so, sn, lang))
    if strip_punctuation(old) == strip_punctuation(new):
        return _ordinary("punctuation", "punctuation", _first_changed_heading(so, sn, lang))
    ctx = Context(lang, processors_material, old, new)
    reasons: list[Reason] = []
    examined = 0
    unexamined: list[str] = []
    for pair in align_sections(so, sn):
        if (pair.old is not None and pair.new is not None and not pair.moved
                and pair.old.text == pair.new.text):
            continue
        if examined >= CHANGED_SECTION_BUDGET:
            unexamined.append(pair.heading or preamble_label(lang))
            continue
        examined += 1
        reasons.extend(compare_pair(pair, ctx))
    if unexamined:
        # Fail safe: what was not read cannot be called ordinary.
        reasons.append(Reason("not_examined", unexamined[0], "over_budget",
                              ", ".join(unexamined[:3]) + (" …" if len(unexamined) > 3 else ""), True))
    if not reasons:
        # The texts differ in something no section holds (trailing blank lines).
        return _ordinary("whitespace", "whitespace", _first_changed_heading(so, sn, lang))
    material = any(r.material for r in reasons)
    return Classification(ChangeClass.MATERIAL if material else ChangeClass.ORDINARY, tuple(reasons))


def _ordinary(category: str, kind: str, section: str) -> Classification:
    return Classification(ChangeClass.ORDINARY, (Reason(category, section, kind, "", False),))


def _first_changed_heading(so: list[Section], sn: list[Section], lang: str) -> str:
    for a, b in zip(so, sn):
        if a.text != b.text:
            return b.heading or preamble_label(lang)
    last = (sn or so)[-1:] if (sn or so) else []
    return (last[0].heading if last else "") or preamble_label(lang)


def _lang_order(langs) -> list[str]:
    known = [l for l in LANGS if l in langs]
    return known + sorted(l for l in langs if l not in LANGS)


def combine_languages(per_lang: Mapping[str, Classification]) -> Classification:
    """The version's class is the strictest over its languages; every reason is
    kept, as a LangReason carrying its language."""
    reasons: list[Reason] = []
    change_class = ChangeClass.ORDINARY
    for lang in _lang_order(per_lang):
        c = per_lang[lang]
        if c.change_class.rank > change_class.rank:
            change_class = c.change_class
        for r in c.reasons:
            reasons.append(LangReason(r.category, r.section, r.kind, r.excerpt, r.material,
                                      r.needs_consent, lang))
    return Classification(change_class, tuple(reasons))


# --- translations left behind --------------------------------------------------------

@dataclass(frozen=True)
class LaggingTranslation:
    lang: str  # the language whose section was left alone
    section: str  # that section's heading in `lang`
    other_lang: str  # the language in which the section changed


# Changes a translation need not mirror: they are about the form of one text.
_COSMETIC = {"whitespace", "markup", "punctuation", "typo"}


def _changed_sections(old: str, new: str, lang: str) -> tuple[list[Section], set[int]]:
    """The new text's sections and the indexes of those that changed in substance."""
    so, sn = split_sections(_prepare(old)), split_sections(_prepare(new))
    changed: set[int] = set()
    ctx = Context(lang, True, old, new)
    index = {id(s): i for i, s in enumerate(sn)}
    prev_new = -1
    for pair in align_sections(so, sn):
        if pair.new is not None:
            prev_new = index[id(pair.new)]
        if pair.old is not None and pair.new is not None and pair.old.text == pair.new.text:
            continue
        reasons = compare_pair(pair, ctx)
        if all(r.kind in _COSMETIC for r in reasons):
            continue
        # A removed section is charged to the section that now stands in its place.
        changed.add(index[id(pair.new)] if pair.new is not None else max(prev_new, 0))
    return sn, changed


def _counterparts(a: list[Section], b: list[Section]) -> dict[int, int]:
    """Section i of one language -> section j of another: by number when both
    texts number their sections, else by position when they have as many."""
    na = [section_number(s.heading) for s in a]
    nb = [section_number(s.heading) for s in b]
    out: dict[int, int] = {}
    if sum(1 for n in na if n) >= len(a) // 2 and sum(1 for n in nb if n) >= len(b) // 2:
        where = {}
        for j, n in enumerate(nb):
            if n and n not in where:
                where[n] = j
        for i, n in enumerate(na):
            if n and n in where:
                out[i] = where[n]
        # Unnumbered sections (a preamble) by position among themselves.
        ua = [i for i, n in enumerate(na) if not n]
        ub = [j for j, n in enumerate(nb) if not n]
        if len(ua) == len(ub):
            out.update(zip(ua, ub))
        return out
    if len(a) == len(b):
        return {i: i for i in range(len(a))}
    return {}


def lagging_translations(old_by_lang: Mapping[str, str], new_by_lang: Mapping[str, str],
                         governing: str = "ko") -> list[LaggingTranslation]:
    """Sections that changed in one language while their counterpart in another
    was left alone. Each language is compared with the governing one (the
    first language present when the governing one is missing)."""
    langs = [l for l in _lang_order(new_by_lang) if l in old_by_lang]
    if len(langs) < 2:
        return []
    gov = governing if governing in langs else langs[0]
    sections: dict[str, list[Section]] = {}
    changed: dict[str, set[int]] = {}
    for lang in langs:
        sections[lang], changed[lang] = _changed_sections(old_by_lang[lang], new_by_lang[lang], lang)
    out: list[LaggingTranslation] = []
    for other in langs:
        if other == gov:
            continue
        forward = _counterparts(sections[gov], sections[other])
        backward = {j: i for i, j in forward.items()}
        for i in sorted(changed[gov]):
            j = forward.get(i)
            if j is not None and j not in changed[other]:
                out.append(LaggingTranslation(other, _label(sections[other][j], other), gov))
        for j in sorted(changed[other]):
            i = backward.get(j)
            if i is not None and i not in changed[gov]:
                out.append(LaggingTranslation(gov, _label(sections[gov][i], gov), other))
    return out


def _label(section: Section, lang: str) -> str:
    return section.heading or preamble_label(lang)
