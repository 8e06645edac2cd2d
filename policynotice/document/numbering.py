"""The one rule for section numbers: "3.", "3.1", "제3조", "第三条", "Article 4",
"Artículo 4", "IV.", "A.", "(2)", "①".

Used to find plain-text section titles, to pair renumbered sections
("3. Retention" is "4. Retention"), and to tell a citation ("see 제5조")
from content.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN_DIGITS = "一二三四五六七八九十百零〇"
# An article number in any of the product's languages (and French).
_ARTICLE = (
    r"제\s*(?P<ko>\d+)\s*조(?:의\s*\d+)?"
    rf"|第\s*(?P<zh>[{_HAN_DIGITS}\d]+)\s*[条條章節节]"
    r"|(?:article|art[ií]culo|art\.)\s*(?P<art>\d+)"
)
_NUMBER_RE = re.compile(
    rf"^\s*(?:{_ARTICLE}"
    r"|\(?(?P<num>\d{1,2})(?:\.\d+)*(?:[.)](?!\d)|(?=\s))"
    r"|(?P<letter>[A-Za-z])\.(?=\s)|\(?(?P<roman>[ivxlc]+)[.)](?=\s)|(?P<circled>[①-⑳]))",
    re.IGNORECASE,
)
# A numbered title on a line of its own (texts without Markdown headings).
PLAIN_TITLE_RE = re.compile(
    rf"^(?:\d{{1,2}}\.(?!\d)|제\s*\d+\s*조|Article\s+\d+|Artículo\s+\d+|第[{_HAN_DIGITS}\d]+[条條章])"
    r"[ \t\u00a0]*\S.{0,160}$"
)
# A reference to an article or paragraph inside the text ("제5조", "第三条", "Article 4").
CITATION_RE = re.compile(
    r"(?:article|art\.|articulo|artículo|section|paragraph|clause|annex|form|no\.)\s*\d+(?:[-‐(]\s*\d+\)?)*"
    rf"|제\s*\d+\s*(?:조(?:의\s*\d+)?|항|호)|第\s*[{_HAN_DIGITS}\d]+\s*[条條款项項]"
    r"|\d+\s*(?:조|항|호)|[「『][^」』]{1,40}[」』]",
    re.IGNORECASE,
)
_AROUND_RE = re.compile(r"^[\s.:)\-–—]+|[()（）\[\]【】]")


@lru_cache(maxsize=8192)
def section_number(heading: str) -> str | None:
    """The number a heading starts with ("3", "三", "iv"), lowercased, or None."""
    m = _NUMBER_RE.match(heading)
    if not m:
        return None
    return next(g for g in m.groups() if g).lower()


@lru_cache(maxsize=8192)
def strip_number(heading: str) -> str:
    """The heading without its number and the brackets around its title."""
    m = _NUMBER_RE.match(heading)
    rest = heading[m.end():] if m else heading
    return " ".join(_AROUND_RE.sub(" ", rest).split())
