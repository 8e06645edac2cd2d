from __future__ import annotations

from pathlib import Path

import pytest

from policynotice.classify.labels import CATEGORY_NAMES, KIND_NAMES, class_name, describe_reason
from policynotice.classify.rules import (
    LangReason, classify_texts, combine_languages, lagging_translations, reason_lang, reasons_in,
)
from policynotice.models import ChangeClass, Classification, Reason

PAIRS = Path(__file__).parent / "pairs"
BASE = {lang: (PAIRS / f"base_{lang}.md").read_text(encoding="utf-8")
        for lang in ("ko", "en", "zh", "zh-Hant", "es")}
M, O = ChangeClass.MATERIAL, ChangeClass.ORDINARY


def test_identical_texts_are_ordinary_without_reasons():
    assert classify_texts(BASE["en"], BASE["en"], "en") == Classification(O, ())


def test_crlf_and_bom_are_no_change():
    crlf = "\ufeff" + BASE["ko"].replace("\n", "\r\n")
    assert classify_texts(BASE["ko"], crlf, "ko").reasons == ()


def test_whitespace_only():
    c = classify_texts(BASE["en"], BASE["en"].replace("## 5. Processors", "## 5.  Processors"), "en")
    assert c.change_class is O and [r.category for r in c.reasons] == ["whitespace"]


def test_reason_fields():
    new = BASE["ko"].replace("| 필수 | 이메일 주소, 비밀번호, 닉네임 |", "| 필수 | 이메일 주소, 비밀번호, 닉네임, 주민등록번호 |")
    c = classify_texts(BASE["ko"], new, "ko")
    assert c.change_class is M and c.needs_consent
    cats = {r.category for r in c.reasons if r.material}
    assert {"data_items", "tracking_sensitive"} <= cats
    for r in c.reasons:
        assert r.section == "2. 처리하는 개인정보 항목"
        assert len(r.excerpt) <= 120 and "주민등록번호" in r.excerpt


def test_new_purpose_third_party_and_transfer_need_consent():
    new = BASE["en"].replace("- Country: United States", "- Country: United States, Japan")
    (r,) = [r for r in classify_texts(BASE["en"], new, "en").reasons if r.material]
    assert (r.category, r.kind, r.needs_consent) == ("overseas_transfer", "country_added", True)


def test_processors_can_be_configured_ordinary():
    new = BASE["en"].replace("- Daou Tech Inc.: sending text messages\n",
                             "- Daou Tech Inc.: sending text messages\n- Channel Corp.: live chat\n")
    assert classify_texts(BASE["en"], new, "en").change_class is M
    c = classify_texts(BASE["en"], new, "en", processors_material=False)
    assert c.change_class is O and c.reasons[0].category == "processors"


def test_long_excerpts_are_cut():
    long_item = "- Marketing: " + ", ".join(f"campaign type {i} for partner offers" for i in range(20)) + "\n"
    new = BASE["en"].replace("- Customer support:", long_item + "- Customer support:")
    assert all(len(r.excerpt) <= 120 for r in classify_texts(BASE["en"], new, "en").reasons)


def test_unrelated_documents_do_not_crash():
    c = classify_texts(BASE["en"], BASE["ko"], "ko")
    assert c.change_class is M


def test_combine_languages_is_strictest_and_keeps_language():
    ko = Classification(O, (Reason("contact", "10. 개인정보 보호책임자", "contact", "02-1234", False),))
    en = Classification(M, (Reason("data_items", "2. Items", "added", "home address", True),))
    c = combine_languages({"en": en, "ko": ko})
    assert c.change_class is M
    assert [reason_lang(r) for r in c.reasons] == ["ko", "en"]  # notice-rules.md order, not dict order
    assert all(isinstance(r, LangReason) and isinstance(r, Reason) for r in c.reasons)
    assert [r.section for r in reasons_in(c, "en")] == ["2. Items"]
    assert reasons_in(c, "zh", fallback="ko")[0].category == "contact"
    assert combine_languages({"ko": ko}).change_class is O


def _edit(texts, lang, find, replace):
    out = dict(texts)
    assert out[lang].count(find) == 1
    out[lang] = out[lang].replace(find, replace)
    return out


def test_lagging_translation_is_reported_for_the_language_left_alone():
    old = {"ko": BASE["ko"], "en": BASE["en"], "zh": BASE["zh"]}
    new = _edit(old, "ko", "- 웹사이트 방문 기록: 3개월", "- 웹사이트 방문 기록: 1년")
    new = _edit(new, "en", "| Website visit logs | Protection of Communications Secrets Act | 3 months |",
                "| Website visit logs | Protection of Communications Secrets Act | 1 year |")
    lags = lagging_translations(old, new, governing="ko")
    assert [(l.lang, l.section, l.other_lang) for l in lags] == [("zh", "三、保存期限", "ko")]


def test_change_only_in_a_translation_flags_the_governing_language():
    old = {"ko": BASE["ko"], "es": BASE["es"]}
    new = _edit(old, "es", "- País: Estados Unidos", "- País: Estados Unidos, Japón")
    (lag,) = lagging_translations(old, new, governing="ko")
    assert (lag.lang, lag.section, lag.other_lang) == ("ko", "6. 개인정보의 국외 이전", "es")


def test_typo_in_one_language_needs_no_translation():
    old = {"ko": BASE["ko"], "en": BASE["en"]}
    new = _edit(old, "en", "regular staff training", "regular staff trainng")
    assert lagging_translations(old, new) == []


def test_all_languages_changed_together():
    old = dict(BASE)
    new = _edit(old, "ko", "2025년 3월 1일부터", "2025년 9월 1일부터")
    new = _edit(new, "en", "This policy applies from March 1, 2025.", "This policy applies from September 1, 2025.")
    new = _edit(new, "zh", "本政策自2025年3月1日起施行。", "本政策自2025年9月1日起施行。")
    new = _edit(new, "zh-Hant", "本政策自2025年3月1日起施行。", "本政策自2025年9月1日起施行。")
    new = _edit(new, "es", "a partir del 1 de marzo de 2025", "a partir del 1 de septiembre de 2025")
    assert lagging_translations(old, new) == []


@pytest.mark.parametrize("lang", ["ko", "en", "zh", "zh-Hant", "es"])
def test_labels_exist_in_every_language(lang):
    assert set(CATEGORY_NAMES[lang]) == set(CATEGORY_NAMES["en"])
    assert set(KIND_NAMES[lang]) == set(KIND_NAMES["en"])
    assert class_name(M, lang) and class_name("ordinary", lang)


def test_describe_reason():
    r = Reason("overseas_transfer", "6. 개인정보의 국외 이전", "country_added", "아일랜드", True, True)
    assert describe_reason(r, "ko") == ("6. 개인정보의 국외 이전: 국외 이전 — 이전 국가 추가: ‘아일랜드’ "
                                        "(공지만으로는 부족하며 이용자의 별도 동의 필요)")
    assert describe_reason(r, "en").startswith("6. 개인정보의 국외 이전: Transfer abroad — new destination country")
    assert describe_reason(r, "fr") == describe_reason(r, "en")
    assert "\n" not in describe_reason(Reason("wording", "A\nB", "typo", "x\ny", False), "es")


def test_every_kind_and_category_the_classifier_emits_has_a_label():
    import re

    import policynotice.classify.changes as changes
    import policynotice.classify.rules as rules

    source = Path(changes.__file__).read_text() + Path(rules.__file__).read_text()
    kinds = set(re.findall(r'sink\.add\([^,]+,\s*"([a-z_]+)"', source))
    kinds |= set(re.findall(r'kind = "([a-z_]+)"', source))
    assert kinds <= set(KIND_NAMES["en"]), kinds - set(KIND_NAMES["en"])
    cats = set(re.findall(r'sink\.add\("([a-z_]+)"', source))
    assert cats <= set(CATEGORY_NAMES["en"]), cats - set(CATEGORY_NAMES["en"])
