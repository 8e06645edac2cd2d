"""The example site's email drafts as a mail client shows them: with none of
the site's CSS (issue 17). No screen-reader label is visible, insertions and
deletions are marked by their inlined styles, the comparison table is a table."""

from __future__ import annotations

import email
import email.policy

import pytest

from policynotice.redline.labels import labels_for

from .conftest import LANGS

SHOWN_JS = """() => ({
  text: document.body.innerText,
  marks: Array.from(document.querySelectorAll("ins, del")).map(el => ({
    tag: el.tagName.toLowerCase(), line: getComputedStyle(el).textDecorationLine,
    visible: el.getBoundingClientRect().width > 0})),
  rows: document.querySelectorAll("table.pn-sbs > tbody > tr").length,
})"""


@pytest.mark.parametrize("lang", LANGS)
def test_email_html_shows_no_screen_reader_labels(page, example_build, lang):
    labels = labels_for(lang)
    drafts = sorted((example_build / "notices" / lang).glob("*/*.eml"))
    assert drafts
    checked = 0
    for path in drafts:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        html = msg.get_body(("html",)).get_content()
        page.set_content(html)  # no stylesheet but the email's own inline styles
        shown = page.evaluate(SHOWN_JS)
        for key in ("inserted", "deleted", "moved_from", "moved_to"):
            assert f"{labels[key]}:" not in shown["text"], (path.name, key)
        if shown["marks"]:
            checked += 1
            assert shown["rows"] > 0
            for mark in shown["marks"]:
                expected = "underline" if mark["tag"] == "ins" else "line-through"
                assert expected in mark["line"], (path.name, mark)
    assert checked
