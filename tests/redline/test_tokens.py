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


# The word patterns in tokens.py are written for speed; this is what they mean:
# a run of letters, digits and combining marks (not '_', Hangul, Han or Kana).
def _reference_patterns():
    import re

    from policynotice.redline import tokens as t

    w = rf"(?:{t._LETTER}|[{t._MARKS}])"
    words = rf"\d+(?:[.,:/\-]\d+)+{w}*|{w}+(?:['\u2019]{w}+)*"
    token = re.compile("|".join([
        r"\n", r"[^\S\n]+", words, rf"[{t._HANGUL}]+", rf"[{t._KANA}]+",
        rf"[{t._HAN}][\ufe00-\ufe0f\U000e0100-\U000e01ef]?", r"[\U0001f1e6-\U0001f1ff]{2}",
        rf".{t._EXTEND}*",
    ]))
    word = re.compile(rf"{words}|[{t._HANGUL}]+|[{t._KANA}]+|[{t._HAN}]")
    return token, word


_TRICKY = st.sampled_from(list("aZé9_'’-.,:/ \n\t\u00a0") + [
    "\u0301", "\u0308", "\u1ab5", "\u20d7", "\ufe20", "\u200d", "\ufe0f", "가", "中", "か", "😀",
    "\U0001f3fb", "🇰", "ß", "ǅ", "Ⅻ", "²", "\u0e31", "\u093f"])


@given(st.one_of(st.text(_TRICKY, max_size=40), st.text(max_size=40)))
def test_fast_word_patterns_mean_the_reference_ones(text: str) -> None:
    from policynotice.redline import tokens as t

    token, word = _reference_patterns()
    assert t._TOKEN_RE.findall(text) == token.findall(text)
    assert t._WORD_RE.findall(text) == word.findall(text)
