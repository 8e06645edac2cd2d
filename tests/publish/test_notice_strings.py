from datetime import date

import pytest

from policynotice.publish import notice_strings
from policynotice.publish.notice_strings import long_date, notice_title, ns

from .conftest import LANGS, RETENTION


@pytest.mark.parametrize("lang, expected", [
    ("ko", "2025년 3월 8일"),
    ("en", "March 8, 2025"),
    ("zh", "2025年3月8日"),
    ("zh-Hant", "2025年3月8日"),
    ("es", "8 de marzo de 2025"),
    ("xx", "March 8, 2025"),  # unknown language: English
])
def test_long_date_per_language(lang, expected):
    assert long_date(date(2025, 3, 8), lang) == expected


def test_every_language_has_every_string():
    keys = set(notice_strings._STRINGS["en"])
    for lang in LANGS:
        assert set(notice_strings._STRINGS[lang]) == keys, lang


@pytest.mark.parametrize("lang, title, expected", [
    ("ko", "개인정보 처리방침", "개인정보 처리방침 개정 안내"),
    ("en", "Privacy Policy", "Notice of changes to our Privacy Policy"),
    ("zh", "隐私政策", "隐私政策变更通知"),
    ("zh-Hant", "隱私權政策", "隱私權政策變更通知"),
    ("es", "Política de privacidad", "Aviso de cambios en nuestra Política de privacidad"),
    ("es", "Términos del servicio", "Aviso de cambios en nuestros Términos del servicio"),
    ("es", "Reglas de la comunidad", "Aviso de cambios: Reglas de la comunidad"),
])
def test_notice_title(lang, title, expected):
    assert notice_title(title, lang) == expected


def test_unknown_language_falls_back_to_english():
    assert ns("fr", "effective_date") == "Effective date"


def test_reason_text_is_a_sentence_mentioning_the_section():
    text = notice_strings.reason_text(RETENTION, "en")
    assert text.strip()
    assert "\n" not in text
