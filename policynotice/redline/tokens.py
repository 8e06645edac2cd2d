"""Tokens: the units a redline marks as inserted or deleted.

A lawyer reads whole words struck and inserted, never half a word, so the diff
runs on tokens, not characters:

- Latin, Greek, Cyrillic... words, accents and combining marks included, with
  an inner apostrophe (``company's``); digits belong to the word they touch.
- Numbers with inner separators (``1,000``, ``2024-03-01``, ``3.5``) are one token.
- Korean: a run of Hangul syllables (an eojeol or the part of it that is Hangul);
  digits and Latin letters next to it are tokens of their own (``제3조``,
  ``IP주소``), because edits there are usually to the number or acronym.
- Chinese: one token per Han character. Chinese has no spaces, so the engine
  runs semantic cleanup afterwards and edits grow to read as phrases.
- Whitespace runs are tokens; every newline is a token by itself and is encoded
  as a real newline, so the diff can still see line structure.
- Anything else (punctuation, symbols, emoji with their modifiers and ZWJ
  sequences) is one token per visible character.

Every character of the input belongs to exactly one token, in order:
``"".join(tokenize(t, lang)) == t``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
_HAN = ("\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\U00020000-\U0003ffff")
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A letter or digit of an alphabetic script: any word character that is not
# '_' and not Hangul, Han or Kana (those have their own rules).
_LETTER = rf"[^\W_{_HANGUL}{_HAN}{_KANA}]"
# One or more (_WS) or any number (_WSTAR) of such characters and marks. The
# same as (?:letter|mark)+, written so that the regex engine runs through a
# word in one loop instead of trying an alternation at every character: most
# of the time of a redline goes into these patterns.
_WSTAR = rf"{_LETTER}*(?:[{_MARKS}]+{_LETTER}*)*"
_WS = rf"(?={_LETTER}|[{_MARKS}]){_WSTAR}"
_EXTEND = r"(?:\u200d[^\s]|[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\u20e3\U000e0020-\U000e007f" + _MARKS + "])"

_TOKEN_RE = re.compile(
    "|".join([
        r"\n",
        r"[^\S\n]+",
        rf"\d+(?:[.,:/\-]\d+)+{_WSTAR}",
        rf"{_WS}(?:['\u2019]{_WS})*",
        rf"[{_HANGUL}]+",
        rf"[{_KANA}]+",
        rf"[{_HAN}][\ufe00-\ufe0f\U000e0100-\U000e01ef]?",
        r"[\U0001f1e6-\U0001f1ff]{2}",  # a flag is two regional indicators
        rf".{_EXTEND}*",
    ])
)

# Languages whose tokens are single characters (no spaces between words).
_CHARACTER_LANGS = frozenset({"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "ja"})


@dataclass(frozen=True)
class Tokenizer:
    """How one language is cut into tokens and how its hunks are tidied."""

    lang: str
    # Chinese needs semantic cleanup to turn runs of single-character edits into
    # phrases; other languages get it too (it merges "[-a-] [-b-]" into one hunk).
    phrase_cleanup: bool = True
    # For Chinese a token is a character, so statistics count characters.
    counts_characters: bool = False

    def tokens(self, text: str) -> list[str]:
        return _TOKEN_RE.findall(text)


def tokenizer_for(lang: str) -> Tokenizer:
    key = (lang or "").strip().lower().replace("_", "-")
    if key in _CHARACTER_LANGS or key.startswith("zh"):
        return Tokenizer(lang, counts_characters=True)
    return Tokenizer(lang)


def tokenize(text: str, lang: str) -> list[str]:
    return tokenizer_for(lang).tokens(text)


def is_word(token: str) -> bool:
    return token[:1].isalnum() or (len(token) > 1 and token[1:2].isalnum())


# The word alternatives of _TOKEN_RE alone: counting their matches counts the
# word tokens without building the list of all tokens.
_WORD_RE = re.compile(
    rf"\d+(?:[.,:/\-]\d+)+{_WSTAR}|{_WS}(?:['\u2019]{_WS})*|[{_HANGUL}]+|[{_KANA}]+|[{_HAN}]"
)


def count_words(text: str, lang: str) -> int:
    """Words in text: Latin words, numbers, Hangul runs, and each Han character."""
    return len(_WORD_RE.findall(text))


def word_tokens(text: str) -> list[str]:
    """The word tokens of text, without building the list of all its tokens."""
    return _WORD_RE.findall(text)


def has_word(text: str) -> bool:
    """Whether text holds at least one word token (as count_words counts them)."""
    return _WORD_RE.search(text) is not None


def is_whitespace(text: str) -> bool:
    return text.isspace()


def is_punctuation(text: str) -> bool:
    """Only punctuation (Unicode category P*) and whitespace, and some punctuation."""
    seen = False
    for ch in text:
        if ch.isspace():
            continue
        if not unicodedata.category(ch).startswith("P"):
            return False
        seen = True
    return seen


class CodecFull(Exception):
    """More distinct tokens than private-use code points; the caller diffs characters."""


# Private-use code points: the BMP area first, then planes 15 and 16.
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


@dataclass
class TokenCodec:
    """Maps each distinct token to one private-use character so that
    diff-match-patch, which works on characters, diffs tokens.

    Newlines stay real newlines. Every other token, including a private-use
    character that occurs in the text itself, gets a code from the table, so
    decoding is unambiguous whatever the input contains.
    """

    _codes: dict[str, str] = field(default_factory=lambda: {"\n": "\n"})
    _tokens: dict[str, str] = field(default_factory=lambda: {"\n": "\n"})
    _range: int = 0
    _next: int = _PUA_RANGES[0][0]

    def encode(self, tokens: list[str]) -> str:
        codes = self._codes
        out = []
        for t in tokens:
            c = codes.get(t)
            if c is None:
                c = self._allocate(t)
            out.append(c)
        return "".join(out)

    def decode(self, chars: str) -> str:
        tokens = self._tokens
        return "".join([tokens[c] for c in chars])

    def token(self, char: str) -> str:
        return self._tokens[char]

    def _allocate(self, token: str) -> str:
        if self._next > _PUA_RANGES[self._range][1]:
            self._range += 1
            if self._range >= len(_PUA_RANGES):
                raise CodecFull(len(self._codes))
            self._next = _PUA_RANGES[self._range][0]
        c = chr(self._next)
        self._next += 1
        self._codes[token] = c
        self._tokens[c] = token
        return c
