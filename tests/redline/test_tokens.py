"""Tokenization per language: whole words, Hangul runs, single Han characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policynotice.redline.tokens import TokenCodec, count_words, is_punctuation, tokenize, tokenizer_for


@pytest.mark.parametrize("lang,text,tokens", [
    ("en", "The company's 1,000 users", ["The", " ", "company's", " ", "1,000", " ", "users"]),
    ("en", "naïve e\u0301te\u0301 COVID19", ["naïve", " ", "e\u0301te\u0301", " ", "COVID19"]),
    ("en", "on 2024-03-01, v2", ["on", " ", "2024-03-01", ",", " ", "v2"]),
    ("es", "¿Qué datos? Ñandú", ["¿", "Qué", " ", "datos", "?", " ", "Ñandú"]),
    ("ko", "제3조 (목적)", ["제", "3", "조", " ", "(", "목적", ")"]),
    ("ko", "IP주소와 14세 미만", ["IP", "주소와", " ", "14", "세", " ", "미만"]),
    ("zh", "收集App数据2024年", ["收", "集", "App", "数", "据", "2024", "年"]),
    ("zh-Hant", "個人資料。", ["個", "人", "資", "料", "。"]),
    ("en", "👍🏽👨\u200d👩\u200d👧🇰🇷", ["👍🏽", "👨\u200d👩\u200d👧", "🇰🇷"]),
    ("en", "a\r\n\n\u00a0b", ["a", "\r", "\n", "\n", "\u00a0", "b"]),
])
def test_tokens(lang: str, text: str, tokens: list[str]) -> None:
    assert tokenize(text, lang) == tokens


@given(st.text(), st.sampled_from(["ko", "en", "zh", "zh-Hant", "es"]))
def test_tokens_cover_the_text(text: str, lang: str) -> None:
    assert "".join(tokenize(text, lang)) == text


def test_chinese_counts_characters() -> None:
    assert tokenizer_for("zh").counts_characters and tokenizer_for("zh-Hant").counts_characters
    assert not tokenizer_for("ko").counts_characters
    assert count_words("我们收集信息", "zh") == 6
    assert count_words("개인정보를 수집합니다", "ko") == 2
    assert count_words("We collect e-mail addresses.", "en") == 5


def test_punctuation() -> None:
    assert is_punctuation(", ;") and is_punctuation("。")
    assert not is_punctuation("  ") and not is_punctuation("$") and not is_punctuation("a.")


def test_codec_uses_private_use_code_points_and_real_newlines() -> None:
    codec = TokenCodec()
    tokens = ["data", " ", "\n", "\ue000", "data", "\n"]
    encoded = codec.encode(tokens)
    assert encoded[2] == "\n" and encoded[5] == "\n"
    assert encoded[0] == encoded[4]
    assert all(0xE000 <= ord(c) <= 0xF8FF for c in encoded if c != "\n")
    # The input's own private-use character gets a code of its own.
    assert encoded[3] != "\ue000" or codec.token(encoded[3]) == "\ue000"
    assert codec.decode(encoded) == "".join(tokens)


def test_codec_moves_to_supplementary_planes() -> None:
    codec = TokenCodec()
    encoded = codec.encode([f"w{i}" for i in range(7000)])
    assert ord(encoded[6399]) == 0xF8FF and ord(encoded[6400]) == 0xF0000
    assert codec.decode(encoded) == "".join(f"w{i}" for i in range(7000))
