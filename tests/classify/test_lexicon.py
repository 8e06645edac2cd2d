from __future__ import annotations

import pytest

from policynotice.classify.lexicon import LANGS, LEXICONS, MATERIAL_CATEGORIES, categories_in, fold
from policynotice.classify.topics import topic_of
from policynotice.document import split_sections


@pytest.mark.parametrize("heading, lang, category", [
    ("2. 처리하는 개인정보 항목", "ko", "data_items"),
    ("개인정보의 수집 및 이용 목적", "ko", "purposes"),
    ("개인정보의 제3자 제공", "ko", "third_parties"),
    ("개인정보의 국외 이전", "ko", "overseas_transfer"),
    ("개인정보의 보유 및 이용기간", "ko", "retention"),
    ("개인정보 처리업무의 위탁", "ko", "processors"),
    ("정보주체의 권리·의무 및 행사방법", "ko", "user_rights"),
    ("행태정보의 수집·이용 및 거부", "ko", "tracking_sensitive"),
    ("제8조 (청약철회 및 환불)", "ko", "unfavourable_terms"),
    ("Information We Collect", "en", "data_items"),
    ("How We Use Your Information", "en", "purposes"),
    ("Sharing with third parties", "en", "third_parties"),
    ("International data transfers", "en", "overseas_transfer"),
    ("How long we keep your data", "en", "retention"),
    ("Sub-processors", "en", "processors"),
    ("Your rights and choices", "en", "user_rights"),
    ("Cookies and similar technologies", "en", "tracking_sensitive"),
    ("Limitation of Liability", "en", "unfavourable_terms"),
    ("收集的个人信息", "zh", "data_items"),
    ("我们如何使用您的个人信息", "zh", "purposes"),
    ("个人信息的共享、转让与公开披露", "zh", "third_parties"),
    ("个人信息的跨境传输", "zh", "overseas_transfer"),
    ("个人信息的保存期限", "zh", "retention"),
    ("委托处理", "zh", "processors"),
    ("您的权利", "zh", "user_rights"),
    ("蒐集之個人資料類別", "zh-Hant", "data_items"),
    ("個人資料利用之目的", "zh-Hant", "purposes"),
    ("個人資料之保存期間", "zh-Hant", "retention"),
    ("當事人權利之行使", "zh-Hant", "user_rights"),
    ("Datos que recopilamos", "es", "data_items"),
    ("Finalidad del tratamiento", "es", "purposes"),
    ("Cesión de datos a terceros", "es", "third_parties"),
    ("Transferencias internacionales de datos", "es", "overseas_transfer"),
    ("Plazo de conservación", "es", "retention"),
    ("Encargados del tratamiento", "es", "processors"),
    ("Sus derechos", "es", "user_rights"),
    ("Política de cookies", "es", "tracking_sensitive"),
])
def test_heading_categories(heading, lang, category):
    topic = topic_of(split_sections(f"## {heading}\n\ntext\n"), lang)
    assert topic.primary == category or category in topic.material


@pytest.mark.parametrize("heading, lang", [
    ("개인정보 보호책임자", "ko"),  # 책임 is in the word, but it names the officer
    ("개인정보의 안전성 확보 조치", "ko"),
    ("Security measures", "en"),
    ("Contact us", "en"),
    ("Remedies for the infringement of rights", "en"),
    ("Changes to this policy", "en"),
    ("安全保护措施", "zh"),
    ("Medidas de seguridad", "es"),
])
def test_ordinary_headings_are_not_material(heading, lang):
    assert topic_of(split_sections(f"## {heading}\n\ntext\n"), lang).material == ()


def test_tag_wins_over_heading():
    md = "## 7. Other matters\n\n<!-- policynotice: retention, processors -->\n\nBackups: 30 days.\n"
    topic = topic_of(split_sections(md), "en")
    assert topic.explicit and topic.material == ("retention", "processors")


def test_body_decides_when_heading_says_nothing():
    md = ("## 6. 기타\n\n웹기반 서비스의 제공을 위하여 쿠키를 이용합니다. 맞춤형 광고를 위해 행태정보를 "
          "수집합니다.\n")
    assert "tracking_sensitive" in topic_of(split_sections(md), "ko").material


def test_every_language_has_every_material_category():
    for lang in LANGS:
        lx = LEXICONS[lang]
        missing = [c for c in MATERIAL_CATEGORIES if not lx.headings.get(c)]
        assert not missing, (lang, missing)
        assert lx.sensitive and lx.rights and lx.required and lx.optional and lx.effective


def test_matching_ignores_accents_case_and_korean_spacing():
    assert fold("Conservación") == "conservacion"
    assert categories_in("수집 항목", "ko")["data_items"]
    assert categories_in("PLAZO DE CONSERVACIÓN", "es")["retention"]
