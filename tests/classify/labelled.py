"""Load the labelled pairs (tests/classify/pairs/pairs_*.yml) and score the
classifier on them. Used by the quality test and runnable on its own:

    .venv/bin/python -m tests.classify.labelled      # prints every miss and the figures
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from policynotice.classify.rules import classify_texts
from policynotice.models import ChangeClass, Classification

PAIRS_DIR = Path(__file__).parent / "pairs"


@dataclass(frozen=True)
class LabelledPair:
    id: str
    lang: str
    old: str
    new: str
    expect: ChangeClass
    categories: tuple[str, ...]
    section: str
    source: str


def _base_text(base: str) -> str:
    """A base text in pairs/: the made-up Nurilab policies (base_*.md, terms_*.md)
    and the project's own policy texts written on the structure of real
    published ones (doc_*.txt). Nothing is read from outside the repository."""
    path = PAIRS_DIR / base
    if path.parent != PAIRS_DIR or not path.is_file():
        raise FileNotFoundError(f"base text {base!r} not found in {PAIRS_DIR}")
    return path.read_text(encoding="utf-8")


def load_pairs() -> list[LabelledPair]:
    pairs: list[LabelledPair] = []
    for path in sorted(PAIRS_DIR.glob("pairs_*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            base = _base_text(item["base"])
            edited = base
            for find, replace in item["edits"]:
                n = edited.count(find)
                if n != 1:
                    raise ValueError(f"{path.name} {item['id']}: {find!r} occurs {n} times; expected once")
                edited = edited.replace(find, replace)
            if edited == base:
                raise ValueError(f"{path.name} {item['id']}: the edits change nothing")
            old, new = (edited, base) if item.get("reverse") else (base, edited)
            pairs.append(LabelledPair(
                id=item["id"], lang=item["lang"], old=old, new=new,
                expect=ChangeClass(item["expect"]), categories=tuple(item.get("categories", ())),
                section=item.get("section", ""), source=path.name,
            ))
    return pairs


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    tn: int
    wrong_section: tuple[str, ...]  # material pairs whose material reasons point elsewhere
    missing_category: tuple[str, ...]  # material pairs without the expected category

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def section_ok(pair: LabelledPair, result: Classification) -> bool:
    return all(pair.section in r.section for r in result.reasons if r.material)


def category_ok(pair: LabelledPair, result: Classification) -> bool:
    found = {r.category for r in result.reasons if r.material}
    return set(pair.categories) <= found


def score(pairs: list[LabelledPair], verbose: bool = False) -> Score:
    tp = fp = fn = tn = 0
    wrong_section: list[str] = []
    missing_category: list[str] = []
    for p in pairs:
        result = classify_texts(p.old, p.new, p.lang)
        got = result.change_class
        if p.expect is ChangeClass.MATERIAL:
            if got is ChangeClass.MATERIAL:
                tp += 1
                if not section_ok(p, result):
                    wrong_section.append(p.id)
                if not category_ok(p, result):
                    missing_category.append(p.id)
            else:
                fn += 1
        else:
            if got is ChangeClass.MATERIAL:
                fp += 1
            else:
                tn += 1
        miss = got is not p.expect or p.id in wrong_section or p.id in missing_category
        if verbose and miss:
            print(f"MISS {p.id}: expected {p.expect.value} {list(p.categories)} in '{p.section}', "
                  f"got {got.value}")
            for r in result.reasons:
                print(f"    {r}")
    return Score(tp, fp, fn, tn, tuple(wrong_section), tuple(missing_category))


def report(s: Score, pairs: list[LabelledPair]) -> str:
    langs = sorted({p.lang for p in pairs})
    material = sum(1 for p in pairs if p.expect is ChangeClass.MATERIAL)
    return (f"{len(pairs)} labelled pairs ({material} material, {len(pairs) - material} ordinary; "
            f"languages {', '.join(langs)}): material recall {s.recall:.3f} ({s.tp}/{s.tp + s.fn}), "
            f"precision {s.precision:.3f} ({s.tp}/{s.tp + s.fp}); reasons in the wrong section: "
            f"{len(s.wrong_section)}; expected category missing: {len(s.missing_category)}")


if __name__ == "__main__":
    ps = load_pairs()
    print(report(score(ps, verbose=True), ps))
