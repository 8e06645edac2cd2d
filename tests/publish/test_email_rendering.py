"""What an email's recipient sees (issue 17): no screen-reader label shown
in the HTML part (mail clients have none of the site's CSS), styles inlined
from one stylesheet, one set of column names for both parts, insertions and
deletions marked in the text part, the release log's summary before the
classifier's reasons, a From with the company's name."""

from __future__ import annotations

import re

import pytest

from policynotice.redline.labels import labels_for

from .conftest import LANGS
from .test_emails import COMPANY, parse, parts, render


def _drafts(all_versions, lang, company=COMPANY):
    drafts = render(all_versions, lang, company=company)
    return [parse(raw) for name, raw in sorted(drafts.items()) if name.endswith(".eml")]


@pytest.mark.parametrize("lang", LANGS)
def test_no_screen_reader_label_shows_in_the_html_part(all_versions, lang):
    labels = labels_for(lang)
    for msg in _drafts(all_versions, lang):
        _, html = parts(msg)
        assert "pn-sr" not in html and "<style" not in html.lower()
        shown = re.sub(r"<[^>]+>", " ", html)
        for key in ("inserted", "deleted", "moved_from", "moved_to"):
            assert f"{labels[key]}:" not in shown, (key, msg["Subject"])


def test_the_comparison_table_is_styled_inline(all_versions):
    msg = next(m for m in _drafts(all_versions, "ko") if "<ins" in parts(m)[1])
    _, html = parts(msg)
    for tag in ("ins", "del", "td"):
        for m in re.finditer(rf"<{tag}\b([^>]*)>", html):
            assert "style=" in m.group(1), m.group(0)
    assert re.search(r'<ins[^>]*style="[^"]*underline', html)
    assert re.search(r'<del[^>]*style="[^"]*line-through', html)


@pytest.mark.parametrize("lang", LANGS)
def test_one_set_of_column_names_and_marked_text(all_versions, lang):
    labels = labels_for(lang)
    for msg in _drafts(all_versions, lang):
        text, html = parts(msg)
        if "<ins" not in html:
            continue
        for key in ("sbs_before", "sbs_after"):
            assert labels[key] in text and labels[key] in html, key
        assert "[+" in text and "+]" in text and "[-" in text and "-]" in text


def test_the_summary_comes_before_the_reasons(all_versions):
    checked = 0
    for msg in _drafts(all_versions, "en"):
        text, html = parts(msg)
        for body in (text, html):
            if "summary (en)" in body:
                assert body.index("summary (en)") < body.index("Type of change"), body[:800]
                checked += 1
    assert checked


def test_from_has_the_company_name(all_versions):
    company = {**COMPANY, "from": "notices@nuri.example", "name": "누리책방", "name_en": "Nuri Books"}
    assert _drafts(all_versions, "en", company)[0]["From"] == "Nuri Books <notices@nuri.example>"
    assert _drafts(all_versions, "ko", company)[0]["From"].addresses[0].display_name == "누리책방"
    own = {**company, "from": "Privacy team <privacy@nuri.example>"}
    assert _drafts(all_versions, "en", own)[0]["From"] == "Privacy team <privacy@nuri.example>"
