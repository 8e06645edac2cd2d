"""Issue 14, bounded cost: a pull request that changes thousands of sections
cannot keep the gate busy for hours. Past the alignment's pair budget the
sections are cut at anchors (identical headings found once in each text);
past the classifier's budget of changed sections the rest are not read, and
the change is material with a reason saying why (fail safe, README)."""

from __future__ import annotations

from policynotice.classify.labels import describe_reason
from policynotice.classify.rules import CHANGED_SECTION_BUDGET, classify_texts
from policynotice.document import split_sections
from policynotice.document.align import PAIR_BUDGET, align_sections
from policynotice.models import ChangeClass


def _policy(n: int, changed: set[int] = frozenset(), order: list[int] | None = None) -> str:
    order = order if order is not None else list(range(n))
    return "".join(
        f"## {i}. Clause {i}\n\nClause {i} text{' changed' if i in changed else ''}.\n\n"
        for i in order
    )


def test_many_changed_sections_are_material_with_a_reason_naming_the_rest() -> None:
    n = CHANGED_SECTION_BUDGET + 150
    result = classify_texts(_policy(n), _policy(n, set(range(n))), "en")
    assert result.change_class is ChangeClass.MATERIAL
    over = [r for r in result.reasons if r.kind == "over_budget"]
    assert len(over) == 1 and over[0].material
    # The first section left unread is named, so a reviewer knows where to start.
    assert over[0].section == f"{CHANGED_SECTION_BUDGET}. Clause {CHANGED_SECTION_BUDGET}"
    line = describe_reason(over[0], "en")
    assert "review them by hand" in line
    assert "review" not in describe_reason(over[0], "en", public=True)


def test_under_the_budget_every_changed_section_is_read() -> None:
    n = 40
    result = classify_texts(_policy(n), _policy(n, {3, 17}), "en")
    assert not any(r.kind == "over_budget" for r in result.reasons)
    assert {r.section for r in result.reasons} == {"3. Clause 3", "17. Clause 17"}


def test_large_texts_are_aligned_between_anchors() -> None:
    n = 600  # 600 x 600 sections: over the pair budget
    assert n * n > PAIR_BUDGET
    order = list(range(n))
    order.insert(10, order.pop(500))  # one clause moved up
    old = split_sections(_policy(n))
    new = split_sections(_policy(n, {42}, order))
    pairs = align_sections(old, new)
    assert all(p.old is not None and p.new is not None for p in pairs)  # nothing lost
    assert all(p.old.heading == p.new.heading for p in pairs)
    assert [p.new.heading for p in pairs] == [s.heading for s in new]
    moved = [p.new.heading for p in pairs if p.moved]
    assert moved == ["500. Clause 500"]
