"""The shape of the measuring set in tests/classify/fresh (see its README).
Nothing here runs the classifier or asserts on its figures: those are printed
by `scripts/bench classify`."""

from __future__ import annotations

from collections import Counter

from .fresh import load_fresh

LANGS = {"ko", "en", "zh", "zh-Hant", "es"}
MATERIAL_CATEGORIES = {"data_items", "purposes", "third_parties", "overseas_transfer", "retention",
                       "processors", "user_rights", "tracking_sensitive", "unfavourable_terms"}


def test_fresh_set_shape() -> None:
    pairs = load_fresh()
    assert len(pairs) >= 60
    per_lang = Counter(p.lang for p in pairs)
    assert set(per_lang) == LANGS and min(per_lang.values()) >= 10, per_lang
    material = [p for p in pairs if p.label == "material"]
    assert 0.4 <= len(material) / len(pairs) <= 0.6
    for p in material:
        assert p.categories and set(p.categories) <= MATERIAL_CATEGORIES, p.id
    heldout = [p for p in pairs if p.split == "heldout"]
    assert 0.25 <= len(heldout) / len(pairs) <= 0.4
    assert {p.lang for p in heldout} == LANGS


def test_every_pair_has_a_rationale_and_a_kind() -> None:
    for p in load_fresh():
        assert p.rationale and "\n" not in p.rationale, p.id
        assert p.kind, p.id
