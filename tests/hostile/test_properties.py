"""Property tests: the release-log parser never fails with anything but a
one-line ReleaseLogError, and nothing from a policy or a release log can
produce markup in the generated pages, the check report or the feeds."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policynotice.errors import ReleaseLogError
from policynotice.models import (
    ChangeClass, Classification, Reason, ReleaseEntry, SiteVersion, Status, Version, VersionUrls,
    frozen_map,
)
from policynotice.publish import pages
from policynotice.publish.sanitize import sanitize_html
from policynotice.sources.releaselog import parse_release_log

from ..conftest import entry, release_log

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
    "</td></tr></table>", "{{ 7*7 }}", "PNSLOT0", "&lt;b&gt;", "\n\nBcc: x@example.test",
    "\u202e\u200b", "'; DROP TABLE x; --",
])
TEXT = st.one_of(st.text(max_size=60), HOSTILE,
                 st.builds(lambda a, b: a + b, st.text(max_size=20), HOSTILE))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parser_only_raises_release_log_errors(text):
    try:
        parse_release_log(text, path="versions/p.yml", policy="p", languages=("ko", "en"))
    except ReleaseLogError as exc:
        assert "\n" not in exc.one_line()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(release_log(entry("v1", "2024-01-01", "2024-02-01"),
                                            entry("v2", "2024-03-01", "2024-04-01")).splitlines()),
                max_size=30))
def test_parser_on_shuffled_real_lines(lines):
    try:
        parse_release_log("\n".join(lines), path="versions/p.yml", policy="privacy",
                          languages=("ko", "en"))
    except ReleaseLogError as exc:
        assert exc.one_line().startswith("versions/p.yml")


def _version(summary: str, reason: str, text: str, excerpt: str) -> SiteVersion:
    e = ReleaseEntry("v2", date(2025, 1, 1), date(2025, 2, 1),
                     frozen_map({"en": summary}), frozen_map({"en": reason}), ChangeClass.ORDINARY,
                     frozen_map({"en": reason}))
    prev = Version("privacy", "en", ReleaseEntry("v1", date(2024, 1, 1), date(2024, 2, 1)),
                   "# T\n\nold\n", "c1", "docs/en/privacy.md")
    v = Version("privacy", "en", e, text, "c2", "docs/en/privacy.md")
    c = Classification(ChangeClass.MATERIAL, (Reason("purposes", excerpt, "added", excerpt, True),))
    urls = VersionUrls("en/privacy/v2/", "en/privacy/v2/changes/", "en/privacy/history/",
                       "en/privacy/compare/", "en/privacy/")
    return SiteVersion("privacy", "T", "en", v, prev, c, ChangeClass.ORDINARY, Status.CURRENT,
                       None, urls)


def _no_foreign_markup(html: str) -> None:
    assert "<script" not in html
    assert "onerror=" not in html.replace("onerror=alert", "")  # only ever as escaped text
    assert not re.search(r"<img\b", html)
    assert 'href="javascript:' not in html


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=TEXT, reason=TEXT, excerpt=TEXT)
def test_pages_escape_release_log_and_reasons(summary, reason, excerpt):
    v = _version(summary, reason, "# T\n\nnew\n", excerpt)
    fragments = []
    fragments += pages.history_page([v], "en", "T", "en/privacy/history/", {}).slots
    fragments += pages.version_page(v, "en", {}).slots
    fragments += pages.changes_page(v, "en", "", "", {}).slots
    fragments += pages.decorate_current([v], "en", "en/privacy/", "T").slots
    for html in fragments:
        _no_foreign_markup(html)
        for value in (summary, reason):
            if "<" in value:
                assert value not in html


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=30)), max_size=8))
def test_sanitizer_removes_active_content(parts):
    html = sanitize_html("<p>" + "".join(parts) + '</p><a href="javascript:x">l</a>'
                         '<p onclick="x()">p</p><iframe src="x"></iframe>')
    # Images are allowed in policies (see the trust model); handlers are not.
    assert "<script" not in html and "onerror" not in html and 'href="javascript:' not in html
    assert "onclick" not in html and "<iframe" not in html
