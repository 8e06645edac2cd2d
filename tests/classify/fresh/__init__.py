"""A labelled set written for measuring, not for tuning: see README.md."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SPLITS = ("dev", "heldout")
LABELS = ("material", "ordinary")


@dataclass(frozen=True)
class FreshPair:
    id: str
    split: str  # dev or heldout
    lang: str
    label: str  # material or ordinary
    categories: tuple[str, ...]
    kind: str  # the kind of real-world mistake the pair is modelled on
    rationale: str
    old: str
    new: str


def load_fresh(split: str | None = None) -> list[FreshPair]:
    """Every pair of one split (or of both), in file order. Loading runs no
    classifier: it only applies each pair's edits to its old text."""
    pairs: list[FreshPair] = []
    for sp in SPLITS if split is None else (split,):
        for path in sorted((HERE / sp).glob("*.yml")):
            for item in yaml.safe_load(path.read_text(encoding="utf-8")):
                where = f"{sp}/{path.name} {item.get('id')}"
                old = item["old"]
                if "new" in item:
                    new = item["new"]
                else:
                    new = old
                    for find, replace in item["edits"]:
                        n = new.count(find)
                        if n != 1:
                            raise ValueError(f"{where}: {find!r} occurs {n} times; expected once")
                        new = new.replace(find, replace)
                if new == old:
                    raise ValueError(f"{where}: old and new are the same")
                if item["label"] not in LABELS:
                    raise ValueError(f"{where}: label {item['label']!r}")
                if not item.get("rationale"):
                    raise ValueError(f"{where}: no rationale")
                if item["lang"] != path.stem:
                    raise ValueError(f"{where}: lang {item['lang']} in {path.name}")
                pairs.append(FreshPair(
                    id=item["id"], split=sp, lang=item["lang"], label=item["label"],
                    categories=tuple(item.get("categories") or ()), kind=item.get("kind", ""),
                    rationale=item["rationale"].strip(), old=old, new=new,
                ))
    ids = [p.id for p in pairs]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate ids: {sorted(dupes)}")
    return pairs
