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


def test_removing_a_support_route_is_ordinary_but_a_representative_is_material() -> None:
    # A contact route inside a rights clause is housekeeping (kind 6)...
    support = RIGHTS.replace("- Ask our privacy team", "- Ask our support desk or our privacy team")
    assert classify_texts(support, RIGHTS, "en").change_class is ChangeClass.ORDINARY
    # ...a person who may act for the user is a way to exercise the rights (M7).
    agent = RIGHTS.replace("- Ask our privacy team", "- You or your authorised agent may ask our privacy team")
    assert classify_texts(agent, RIGHTS, "en").change_class is ChangeClass.MATERIAL


KO_RIGHTS = """# 개인정보 처리방침

## 제5조 (정보주체의 권리·의무 및 행사방법)

- 정보주체는 회사에 대해 언제든지 개인정보 열람·정정·삭제·처리정지 요구 등의 권리를 행사할 수 있습니다.
- 권리 행사는 서면, 전자우편을 통하여 하실 수 있으며 회사는 지체 없이 조치하겠습니다.
- 권리 행사는 정보주체의 법정대리인이나 위임을 받은 자 등 대리인을 통하여 하실 수도 있습니다.
"""


def test_korean_representative_clause_removed_is_material() -> None:
    new = "".join(line for line in KO_RIGHTS.splitlines(keepends=True) if "대리인을" not in line)
    result = classify_texts(KO_RIGHTS, new, "ko")
    assert result.change_class is ChangeClass.MATERIAL
    assert any(r.category == "user_rights" and r.section.startswith("제5조") for r in result.reasons)
