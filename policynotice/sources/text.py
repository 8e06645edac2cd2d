"""Turn the bytes of a policy file into the text every later stage sees.

Web editors save with a BOM or CRLF line endings; both are accepted and
normalised so that they never show up as changes in a redline.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from ..document import FrontMatterError, body_of
from ..errors import PolicyNoticeError

# A policy is a few dozen KB; anything this large is a mistake (a pasted
# binary, a generated dump) and would make every page and redline unusable.
MAX_POLICY_BYTES = 2 * 1024 * 1024


def decode_policy(data: bytes, *, where: str, allow_empty: bool = False) -> str:
    """Bytes -> normalised text. A policy text may not be empty (a cleared
    file in a web editor would otherwise publish a blank policy)."""
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyNoticeError(
            f"the file is {len(data) / 1024 / 1024:.1f} MB; a policy text is expected to be "
            f"at most {MAX_POLICY_BYTES // 1024 // 1024} MB",
            path=where, hint="check that the right file was committed",
        )
    if b"\x00" in data:
        raise PolicyNoticeError(
            "the file is binary; expected Markdown text",
            path=where, hint="save the policy as a plain-text .md file in UTF-8",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolicyNoticeError(
            "the file is not valid UTF-8", path=where, line=line,
            hint="save it again with UTF-8 encoding",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One spelling per character: a macOS editor writes Korean decomposed
    # (NFD), which would otherwise show as a change and split words apart.
    text = unicodedata.normalize("NFC", text)
    if not allow_empty and not text.strip():
        raise PolicyNoticeError(
            "the file is empty; expected the policy's Markdown text",
            path=where, hint="restore the text or revert the commit that emptied it",
        )
    return text


def policy_text(source: str, *, where: str) -> str:
    """A policy file's text as it is published, redlined and classified: what
    MkDocs renders, without the front matter (document/frontmatter.py)."""
    return policy_parts(source, where=where)[0]


def policy_parts(source: str, *, where: str) -> tuple[str, str]:
    """(policy text, the front matter's title or "")."""
    try:
        body, meta = body_of(source)
    except FrontMatterError as exc:
        raise PolicyNoticeError(str(exc), path=where, line=1,
                                hint="simplify the front matter between the '---' lines") from None
    title = meta.get("title")
    return body, " ".join(title.split()) if isinstance(title, str) else ""
# -- invisible characters -------------------------------------------------
# Characters that change what a reader sees without showing themselves: a
# ZERO WIDTH SPACE turned "1 year" into "10 years" on screen while the
# classifier read "1 year -> 0 years"; bidi controls reorder what is shown.
# Every format character (Unicode category Cf: zero-width characters, soft
# hyphen, BOM, bidi controls, tags, ...), every control character but tab
# and newline (C0, DEL, C1), the noncharacters U+FFFE/U+FFFF and the blank
# Hangul fillers that render as nothing.
_ALSO_INVISIBLE = {0x115F, 0x1160, 0x3164, 0xFFA0, 0xFFFE, 0xFFFF, 0x2800}


@dataclass(frozen=True)
class Invisible:
    line: int  # 1-based
    column: int  # 1-based, in characters
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "") or _CONTROL_NAMES.get(ord(self.char), "CONTROL")

    def describe(self) -> str:
        return f"{self.code} {self.name}".strip()


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION",
                  0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
                  0x85: "NEXT LINE", 0xFFFE: "NONCHARACTER", 0xFFFF: "NONCHARACTER"}


def is_invisible(ch: str) -> bool:
    if ch in "\n\t":
        return False
    code = ord(ch)
    return code in _ALSO_INVISIBLE or unicodedata.category(ch) in ("Cf", "Cc")


@functools.lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern[str]:
    """One character class of every invisible code point (built once: a
    policy text is long, and a Python loop per character is slow)."""
    # Format and control characters live in planes 0, 1 and 14 (tags);
    # the other planes hold none.
    codes = [*range(0xD800), *range(0xE000, 0x20000), *range(0xE0000, 0xE1000)]
    ranges: list[list[int]] = []
    for c in codes:
        if is_invisible(chr(c)):
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)
    return re.compile(f"[{body}]")


def find_invisible(text: str) -> Iterator[Invisible]:
    """Every invisible character of `text`, with its line and column."""
    for match in _invisible_re().finditer(text):
        i = match.start()
        start = text.rfind("\n", 0, i) + 1
        yield Invisible(text.count("\n", 0, i) + 1, i - start + 1, match.group())
