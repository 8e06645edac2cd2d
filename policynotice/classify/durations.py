"""Read periods ("3 years", "3년", "3年", "6个月", "30 días", "until withdrawal")
out of policy text and compare them, so that a longer retention period (M5)
is told apart from a shorter one (ordinary).

A period is either fixed (a number of days from collection) or tied to an
event ("until the member withdraws", "1 year after withdrawal"). Fixed and
event-tied periods cannot be ordered without knowing when the event happens,
so such a comparison is "unclear" and the classifier says material.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lexicon import FoldedText, fold, has_any, merged

# A month is a twelfth of a year so that "36 months" equals "3 years".
YEAR, MONTH, WEEK, DAY = 365, 365 / 12, 7, 1

_WORD_NUMBERS = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20,
    "thirty": 30, "sixty": 60, "ninety": 90,
    # es (folded: no accents)
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "dieciocho": 18, "veinte": 20,
    "treinta": 30, "sesenta": 60, "noventa": 90,
}
_HAN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}

_NUM = r"(\d+(?:[.,]\d+)?|[零一二两兩三四五六七八九十百]+|" + "|".join(
    sorted((w for w in _WORD_NUMBERS), key=len, reverse=True)) + r")"
# Units per script. Chinese "6月" is June and Korean "6월" is June: only the
# measure-word forms (个月/個月/개월) are months. "日"/"일" after a number are
# days only once calendar dates have been masked out (see _mask_dates).
_UNIT = (
    r"(years?|yrs?|months?|weeks?|days?|anos?|meses|mes|semanas?|dias?"
    r"|년|개월|달|주일?|일"
    r"|年|个月|個月|ヶ月|か月|周|週|星期|天|日)(?![a-z])"
)
_PERIOD_RE = re.compile(_NUM + r"\s*[-\s]?\s*(?:\(\s*\d+\s*\)\s*)?" + _UNIT, re.IGNORECASE)

# Calendar dates contain the same numerals and units ("2021년 11월 9일",
# "2024年3月1日", "March 8, 2025"); they are never periods.
_DATE_RES = (
    re.compile(r"\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}"),
    re.compile(r"\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"),
    re.compile(r"\d{1,2}\s*월\s*\d{1,2}\s*일"),
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]"),
    re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号號]"),
    re.compile(r"\d{1,2}\s+de\s+[a-z]+\s+de\s+\d{4}", re.IGNORECASE),
)


@dataclass(frozen=True)
class Period:
    days: float  # math.inf for "permanently"
    anchor: str  # "fixed" (from collection) or "event" (withdrawal, end of service, ...)
    text: str  # the words it was read from, for excerpts

    def __str__(self) -> str:
        return self.text


def _number(token: str) -> float | None:
    token = fold(token)
    if token in _WORD_NUMBERS:
        return _WORD_NUMBERS[token]
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"[零一二两兩三四五六七八九十百]+", token):
        return _han_number(token)
    return None


def _han_number(s: str) -> float | None:
    """一 .. 九十九 and 百 (enough for periods)."""
    if "百" in s:
        head, _, tail = s.partition("百")
        h = _HAN_DIGITS.get(head, 1) if head else 1
        rest = _han_number(tail) if tail else 0
        return None if rest is None else h * 100 + rest
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _HAN_DIGITS.get(head, 1) if head else 1
        ones = _HAN_DIGITS.get(tail, 0) if tail else 0
        return tens * 10 + ones
    if len(s) == 1 and s in _HAN_DIGITS:
        return _HAN_DIGITS[s]
    return None


def _unit_days(unit: str) -> float:
    u = fold(unit)
    if u.startswith(("year", "yr", "ano")) or u in ("년", "年"):
        return YEAR
    if u.startswith(("month", "mes")) or u in ("개월", "달", "个月", "個月", "ヶ月", "か月"):
        return MONTH
    if u.startswith(("week", "semana")) or u in ("주", "주일", "周", "週", "星期"):
        return WEEK
    return DAY


def _mask_dates(text: str) -> str:
    for rx in _DATE_RES:
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text


def parse_periods(text: str, lang: str = "en") -> tuple[Period, ...]:
    """Every period mentioned in text, in order of appearance."""
    masked = _mask_dates(text)
    folded = FoldedText.of(text)
    event = has_any(merged(lang, "open_ended"), folded)
    periods: list[Period] = []
    folded_masked = fold(masked)
    # Excerpts come from the original text when folding kept offsets (it nearly always does).
    source = text if len(folded_masked) == len(text) else folded_masked
    for m in _PERIOD_RE.finditer(folded_masked):
        n = _number(m.group(1))
        if n is None:
            continue
        start, end = m.span()
        # "a day" inside "a day-to-day basis" or a lone article is no period;
        # require a real number or an explicit number word.
        if m.group(1).lower() in ("a", "an") and not re.match(r"\s+(year|month|week)", m.group(0)[len(m.group(1)):]):
            continue
        # A number glued to a preceding letter/digit (an ID, a phone number) is not a count.
        if start > 0 and re.match(r"[A-Za-z0-9\-]", masked[start - 1]) and m.group(1)[0].isdigit():
            continue
        # "children under 14 years (of age)", "만 14세" are ages, not periods.
        before, after = folded_masked[max(0, start - 12):start], folded_masked[end:end + 8]
        if re.search(r"(age|aged|under|edad|menores de)\s*(of\s*)?$", before) or re.match(r"\s*(old|of age|de edad)", after):
            continue
        periods.append(Period(round(n * _unit_days(m.group(2)), 1), "event" if event else "fixed",
                              source[start:end].strip()))
    if not periods:
        # "permanently deleted" is the opposite of keeping data forever.
        if has_any(merged(lang, "permanent"), folded) and not _DELETION_RE.search(fold(text)):
            periods.append(Period(math.inf, "fixed", _phrase(text, merged(lang, "permanent"))))
        elif event:
            periods.append(Period(0, "event", _phrase(text, merged(lang, "open_ended"))))
    return tuple(periods)


_DELETION_RE = re.compile(
    r"(?:permanent|indefinite)\w*\s+(?:\w+\s+)?(?:delet|eras|destr|remov)|영구\s*(?:적으로\s*)?(?:삭제|파기)"
    r"|永久\s*(?:删除|刪除|销毁|銷毀)|(?:elimin|borr|suprim|destru)\w*\s+(?:de\s+forma\s+)?(?:permanente|definitiva)"
)


def _phrase(text: str, terms: tuple[str, ...]) -> str:
    folded = fold(text)
    for t in terms:
        i = folded.find(fold(t))
        if i >= 0:
            return text[i:i + 40].strip()
    return text[:40].strip()


def compare_periods(old: tuple[Period, ...], new: tuple[Period, ...]) -> str:
    """"same", "longer", "shorter" or "unclear" (new against old).

    Periods are compared in order of appearance (a table row keeps its order);
    when their number changed, the longest ones are compared."""
    if [(p.days, p.anchor) for p in old] == [(p.days, p.anchor) for p in new]:
        return "same"
    if not old or not new:
        return "longer" if new else "shorter"
    if len(old) == len(new):
        verdicts = {_compare_one(a, b) for a, b in zip(old, new)} - {"same"}
    else:
        verdicts = {_compare_one(max(old, key=_key), max(new, key=_key))} - {"same"}
        if len(new) > len(old) and not verdicts:
            verdicts = {"longer"}  # a period was added next to the others
    if "longer" in verdicts:
        return "longer"
    if "unclear" in verdicts:
        return "unclear"
    return "shorter" if verdicts else "same"


def _key(p: Period) -> tuple[int, float]:
    return (0 if p.anchor == "fixed" else 1, p.days)


def _compare_one(a: Period, b: Period) -> str:
    if a.days == b.days and a.anchor == b.anchor:
        return "same"
    if math.isinf(b.days) and not math.isinf(a.days):
        return "longer"
    if math.isinf(a.days) and not math.isinf(b.days):
        return "shorter"
    if a.anchor != b.anchor:
        return "unclear"
    return "longer" if b.days > a.days else "shorter"


def mask_periods(text: str) -> str:
    """Every period replaced by a placeholder (text is expected folded)."""
    return _PERIOD_RE.sub(" period ", _mask_dates(text))
