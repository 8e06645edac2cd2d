"""A right, or a way to exercise it, removed is material (M7); removing a
limit on a right, or a contact detail, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from policynotice.classify.rules import classify_texts
from policynotice.models import ChangeClass

DOCS = Path(__file__).resolve().parents[2] / "docs"
REPRESENTATIVE = {
    "ko": "법정대리인", "en": "legal representative", "zh": "法定代理人",
    "zh-Hant": "法定代理人", "es": "representante legal",
}


@pytest.mark.parametrize("lang", sorted(REPRESENTATIVE))
def test_removing_the_representative_route_on_the_example_site_is_material(lang: str) -> None:
    old = (DOCS / lang / "privacy.md").read_text(encoding="utf-8")
    lines = old.splitlines(keepends=True)
    new = "".join(line for line in lines if REPRESENTATIVE[lang] not in line)
    assert new != old
    result = classify_texts(old, new, lang)
    assert result.change_class is ChangeClass.MATERIAL
    rights = [r for r in result.reasons if r.category == "user_rights" and r.material]
    assert rights and all(r.section.startswith("8.") for r in rights), result.reasons


RIGHTS = """# Privacy

## 5. Your rights

- You may ask for access to, correction or deletion of your information.
- Ask our privacy team in writing or by email at privacy@example.com.
- Information that a law requires us to keep cannot be deleted on request.
"""


def test_removing_a_limit_on_a_right_is_ordinary() -> None:
    new = RIGHTS.replace("- Information that a law requires us to keep cannot be deleted on request.\n", "")
    assert classify_texts(RIGHTS, new, "en").change_class is ChangeClass.ORDINARY


def test_reordering_the_ways_to_exercise_a_right_is_ordinary() -> None:
    new = RIGHTS.replace("in writing or by email at privacy@example.com",
                         "by email at privacy@example.com or in writing")
    assert classify_texts(RIGHTS, new, "en").change_class is ChangeClass.ORDINARY


def test_removing_a_channel_is_material() -> None:
    new = RIGHTS.replace("in writing or by email at privacy@example.com", "by email at privacy@example.com")
    assert classify_texts(RIGHTS, new, "en").change_class is ChangeClass.MATERIAL
