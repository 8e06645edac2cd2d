"""Notices use the classifier's wording (classify/labels.py) and the redline's
side-by-side table (redline/render.py) when those modules are there. Stand-ins
are installed here so these tests say the same thing whether or not the real
modules exist yet."""

import email
import email.policy
import json
import re
import sys
import types

import feedparser
import pytest

from policynotice.publish.api import render_changes_json
from policynotice.publish.emails import render_email_drafts
from policynotice.publish.feeds import render_feeds

from .conftest import SITE_URL, TODAY, TZ, site_versions

FRAGMENT = ('<div class="pn-table-wrap"><table class="pn-side-by-side"><thead><tr>'
            '<th scope="col">Section</th><th>Before</th><th>After</th></tr></thead>'
            '<tbody><tr><th scope="row">3. Retention</th><td>for <del>3 years</del></td>'
            '<td>for <ins>5 years</ins> &lt;kept&gt;</td></tr></tbody></table></div>')


@pytest.fixture
def labels(monkeypatch):
    def describe(reason, lang, public=False):
        return f"LABEL[{lang}] {reason.category}/{reason.kind}"

    monkeypatch.setattr("policynotice.classify.labels.describe_reason", describe)
    monkeypatch.setattr("policynotice.publish.notice_strings.describe_reason", describe)


@pytest.fixture
def side_by_side(monkeypatch):
    calls = []

    def render_side_by_side_html(old, new, lang):
        calls.append((old, new, lang))
        return FRAGMENT

    monkeypatch.setattr("policynotice.publish.emails.render_side_by_side_html",
                        render_side_by_side_html)
    return calls


def test_reasons_are_worded_by_the_classifier(labels):
    versions = site_versions("en")
    feed = feedparser.parse(render_feeds(versions, lang="en", site_url=SITE_URL, timezone=TZ,
                                         site_title="")["en/feeds/all.atom.xml"])
    assert "LABEL[en] retention/longer" in feed.entries[0].content[0].value
    doc = json.loads(render_changes_json(versions, lang="en", site_url=SITE_URL, today=TODAY,
                                         timezone=TZ, governing_language="ko")[
        "en/api/changes.json"])
    latest = [r for r in doc["versions"] if r["version"] == "2025-03-08"][0]
    assert [r["description"] for r in latest["reasons"]] == [
        "LABEL[en] retention/longer", "LABEL[en] purposes/added"]
    raw = render_email_drafts(versions, lang="en", site_url=SITE_URL, timezone=TZ,
                              company=None)["en/privacy/2025-03-08.eml"]
    text = email.message_from_bytes(raw, policy=email.policy.default).get_body(
        ("plain",)).get_content()
    assert "LABEL[en] purposes/added" in text


def test_email_uses_the_redline_table_with_inline_styles(side_by_side):
    versions = site_versions("es")
    raw = render_email_drafts(versions, lang="es", site_url=SITE_URL, timezone=TZ,
                              company=None)["es/privacy/2025-03-08.eml"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    html = msg.get_body(("html",)).get_content()
    assert (versions[1].version.text, versions[2].version.text, "es") in side_by_side
    assert "&lt;kept&gt;" in html  # the fragment is inserted as it is, not escaped twice
    for tag in ("table", "th", "td", "del", "ins"):
        found = re.findall(rf"<{tag}\b[^>]*>", html)
        assert found, tag
        assert all("style=" in t for t in found), found
    assert "Antes</th>" not in html  # the fallback table is not rendered as well
    # The plain text part keeps its own section list.
    # (with the side-by-side table's column names: one set for both parts).
    assert "Texto anterior:" in msg.get_body(("plain",)).get_content()
