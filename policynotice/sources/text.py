"""Turn the bytes of a policy file into the text every later stage sees.

Web editors save with a BOM or CRLF line endings; both are accepted and
normalised so that they never show up as changes in a redline.
"""

from __future__ import annotations

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
