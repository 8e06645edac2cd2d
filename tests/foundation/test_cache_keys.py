"""A cached value is keyed by all the code that computed it: the module that
computes it and every policynotice module it imports, directly or not."""

from __future__ import annotations

from pathlib import Path

from policynotice.cache import _closure

PACKAGE = Path(__file__).resolve().parents[2] / "policynotice"


def _names(module: str) -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in _closure((module,))}


def test_email_drafts_follow_the_reason_wording_and_the_document_model() -> None:
    names = _names("publish.emails")
    # A change in how reasons are worded must re-render the drafts that show them.
    assert "classify/labels.py" in names
    assert "document/reader.py" in names and "redline/render.py" in names


def test_classifications_and_redlines_follow_the_document_model() -> None:
    for module in ("classify.rules", "redline.render"):
        names = _names(module)
        assert {"document/reader.py", "document/align.py", "document/frontmatter.py"} <= names


def test_unrelated_code_is_not_in_the_key() -> None:
    # Redlines do not change when the feeds or the classifier change.
    names = _names("redline.render")
    assert not any(n.startswith(("classify/", "publish/")) for n in names)
