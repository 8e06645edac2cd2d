"""What a section is about: its categories, from tags, heading and content.

An explicit tag wins (``<!-- policynotice: retention, processors -->`` inside
the section, for headings that say nothing, e.g. "7. Other matters"). Then the
heading: a policy's headings are written to say what a section holds, so a
heading hit is strong evidence. The body is only consulted when the heading
names nothing, and then a category needs two distinct terms, so that a
passing mention ("... as described in the third-party section") does not
make an introduction about third parties.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Section
from ..document.similarity import heading_key
from .lexicon import (
    MATERIAL_CATEGORIES, OTHER_CATEGORIES, SUPPRESSES, FoldedText, categories_in, has_any, merged,
)

KNOWN = set(MATERIAL_CATEGORIES) | set(OTHER_CATEGORIES)


@dataclass(frozen=True)
class Topic:
    categories: tuple[str, ...]  # strongest first; material and other categories mixed
    explicit: bool = False  # from a policynotice tag

    @property
    def material(self) -> tuple[str, ...]:
        return tuple(c for c in self.categories if c in MATERIAL_CATEGORIES)

    @property
    def primary(self) -> str | None:
        return self.material[0] if self.material else None

    def has(self, *cats: str) -> bool:
        return any(c in self.categories for c in cats)


def _rank(scores: dict[str, int]) -> tuple[str, ...]:
    # Ties are broken by checklist order (data_items first): deterministic.
    order = {c: i for i, c in enumerate(MATERIAL_CATEGORIES + OTHER_CATEGORIES)}
    return tuple(sorted(scores, key=lambda c: (-scores[c], order.get(c, 99))))


def topic_of(sections: tuple[Section, ...] | list[Section], lang: str) -> Topic:
    """The topic of a section, over its old and new versions (a heading renamed
    from "Other" to "Retention" still tells what the old one was about)."""
    tags = [t for s in sections for t in s.tags if t in KNOWN]
    if tags:
        return Topic(tuple(dict.fromkeys(tags)), explicit=True)
    scores: dict[str, int] = {}
    for s in sections:
        for cat, n in categories_in(heading_key(s.heading), lang, "headings").items():
            scores[cat] = max(scores.get(cat, 0), n)
    for cat in list(scores):
        for weaker in SUPPRESSES.get(cat, ()):
            scores.pop(weaker, None)
    body: dict[str, int] = {}
    for s in sections:
        for cat, n in categories_in(s.body, lang, "content").items():
            body[cat] = max(body.get(cat, 0), n)
    body = {c: n for c, n in body.items() if n >= 2}
    if not scores:
        return Topic(_rank(body))
    if not any(c in MATERIAL_CATEGORIES for c in scores):
        return Topic(_rank(scores))  # security, contact, ...: the heading says it all
    # A material heading often covers more than it names ("4. Provision" holding
    # the processors table too): the body adds secondary categories.
    extra = {c: n for c, n in body.items()
             if c in MATERIAL_CATEGORIES and c not in scores and c != "unfavourable_terms"}
    return Topic(_rank(scores) + _rank(extra))


def unit_categories(text: str, lang: str, min_hits: int = 1) -> tuple[str, ...]:
    """Material categories a single sentence or list item speaks of, strongest first."""
    scores = {c: n for c, n in categories_in(text, lang, "content").items()
              if c in MATERIAL_CATEGORIES and n >= min_hits}
    folded = FoldedText.of(text)
    if has_any(merged(lang, "tracking"), folded) or has_any(merged(lang, "sensitive"), folded):
        scores["tracking_sensitive"] = max(scores.get("tracking_sensitive", 0), min_hits)
    return _rank(scores)
