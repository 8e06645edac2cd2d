"""Release logs are loaded with limits: no anchors or aliases (a 452-byte
alias bomb once took 3.3 GB), no explicit tags, bounded size and depth, dates
in a range the build can publish, no control or invisible characters in
the texts. Whatever `check` accepts, the build publishes without a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policynotice.cli import main
from policynotice.errors import ReleaseLogError
from policynotice.sources.releaselog import parse_release_log

from ..conftest import entry, release_log
from .test_inputs import LOG, baseline

E1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
LANGS = ("ko", "en")

BOMB = (
    'policy: privacy\nversions:\n'
    ' - version: v1\n'
    '   a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    '   b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    '   c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    '   d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
    '   e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
    '   f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'
    '   g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n'
    '   h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n'
)


def parse(text: str):
    return parse_release_log(text, path=LOG, policy="privacy", languages=LANGS)


@pytest.mark.parametrize("text, expected", [
    (BOMB, f"{LOG}:4: YAML anchors and aliases (&name, *name) are not allowed"),
    (release_log(E1.replace('"2024-03-01"', "&v v1")), "anchors and aliases"),
    (release_log(E1.replace("notice_date: 2024-02-20", "notice_date: !!timestamp 2024-02-20")),
     f"{LOG}:4: YAML tags (!!timestamp) are not allowed"),
    ("policy: !!python/object/apply:os.system [id]\n", "YAML tags (!!python/object/apply:os.system)"),
    (release_log(E1.replace("Summary of", "!!binary Summary")), "YAML tags (!!binary)"),
    ("policy: privacy\nversions: " + "[" * 40 + "]" * 40 + "\n", "nested more than 8 levels"),
    (release_log(E1.replace("Summary of 2024-03-01 (en)", "1" * 5000)),
     "invalid YAML: a value cannot be read"),
    ("policy: privacy\n" + "#" * (3 * 1024 * 1024) + "\n", "larger than 2 MB"),
])
def test_yaml_features_a_release_log_does_not_need_are_refused(text, expected):
    with pytest.raises(ReleaseLogError) as caught:
        parse(text)
    assert expected in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


@pytest.mark.parametrize("notice, effective, expected", [
    ("1989-12-31", "1990-01-05", "'notice_date' 1989-12-31 is outside 1990-2200"),
    ("0001-01-01", "2024-01-01", "'notice_date' 0001-01-01 is outside 1990-2200"),
    ("2024-01-01", "2201-01-01", "'effective_date' 2201-01-01 is outside 1990-2200"),
    ("2024-01-01", "9999-12-31", "'effective_date' 9999-12-31 is outside 1990-2200"),
])
def test_dates_outside_a_publishable_range_are_refused(notice, effective, expected):
    with pytest.raises(ReleaseLogError, match=expected):
        parse(release_log(entry("v1", notice, effective)))


@pytest.mark.parametrize("field", ["summary", "reason", "justification"])
@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x85", "\u202e", "\u2066", "\u200b", "\u200e",
                                  "\ufffe", "\uffff", "\u00ad"])
def test_control_and_invisible_characters_in_texts_are_refused(field, char):
    text = release_log(entry("v1", "2024-01-01", "2024-02-01", **{
        "class": "ordinary", "justification": "{ko: fine, en: fine}"}))
    target = {"summary": "Summary of v1 (en)", "reason": "Reason for v1 (en)",
              "justification": "en: fine}"}[field]
    # Written through a YAML double-quoted escape, as a pasted character
    # would be read.
    escaped = f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"
    if field == "justification":
        text = text.replace(target, f'en: "fi{escaped}ne"}}')
    else:
        text = text.replace(target, f'"{target[:3]}{escaped}{target[3:]}"')
    with pytest.raises(ReleaseLogError) as caught:
        parse(text)
    message = caught.value.one_line()
    assert f"'{field}' (en) contains the invisible character U+{ord(char):04X}" in message
    assert message.startswith(f"{LOG}:3: version v1")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=st.text(max_size=40),
       notice=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       days=st.integers(min_value=0, max_value=400))
def test_parser_accepts_only_publishable_dates_and_clean_texts(summary, notice, days):
    effective = date.fromordinal(min(notice.toordinal() + days, date.max.toordinal()))
    text = release_log(entry("v1", notice.isoformat(), effective.isoformat())).replace(
        "Summary of v1 (en)", '"' + summary.encode("unicode_escape").decode("ascii")
        .replace('"', '\\"') + '"')
    try:
        log = parse(text)
    except ReleaseLogError as exc:
        assert "\n" not in exc.one_line()
        return
    (only,) = log.entries
    assert date(1990, 1, 1) <= only.notice_date <= only.effective_date <= date(2200, 12, 31)
    from policynotice.sources.text import find_invisible
    assert not any(find_invisible(only.summary["en"]))


# Hostile but valid: `check` accepts each of these, so the build must publish them.
E2 = entry("2024-09-02", "2024-08-23", "2024-09-02")
ACCEPTED = [
    # The earliest date was posted elsewhere (before this repository existed).
    ("dates-at-range-edges", entry("v1", "1990-01-01", "1990-01-01", backdated="true",
                                   justification="{ko: 관보, en: Official gazette}"),
     entry("v2", "2026-01-05", "2200-12-31")),
    ("markup-and-newlines-in-texts", E1, E2.replace(
        "Summary of 2024-09-02 (en)",
        '"<script>alert(1)</script> {{ 7*7 }}\\n\\nBcc: x@example.test \u05d0\u05d1 \U0001F600"')),
    ("longest-version-id", E1, entry("V" + "9" * 63, "2024-08-23", "2024-09-02")),
    ("long-summary", E1, E2.replace("Summary of 2024-09-02 (en)", "word " * 20000)),
    ("two-entries-in-one-commit", None, E1 + E2),
]


@pytest.mark.parametrize("name, first, second", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_what_check_accepts_the_build_publishes(git_repo, capsys, monkeypatch, name, first,
                                                second):
    home = {"docs/ko/index.md": "# 홈\n", "docs/en/index.md": "# Home\n"}
    if first is not None:
        git_repo.commit({**home, **git_repo.texts("v1"), LOG: release_log(first)}, "v1")
        git_repo.commit({**git_repo.texts("v2"), LOG: release_log(first, second)}, name)
    else:
        git_repo.commit({**home, **git_repo.texts("v1"), LOG: release_log(second)}, name)
    monkeypatch.chdir(git_repo.root)
    monkeypatch.delenv("POLICYNOTICE_TODAY", raising=False)
    main(["check", "--today", "2026-11-25"])
    checked = capsys.readouterr()
    errors = [ln for ln in checked.out.splitlines() if ln.startswith("Error: ")]
    assert not any("versions/privacy.yml:" in e for e in errors), errors
    code = main(["build", "--today", "2026-11-25", "--quiet"])
    built = capsys.readouterr()
    assert code == 0, built.err
    assert "Traceback" not in built.err
    assert (git_repo.root / "site" / "index.html").exists()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=st.text(max_size=60),
       reason=st.text(max_size=30),
       first=st.dates(min_value=date(1985, 1, 1), max_value=date(2205, 1, 1)),
       gap=st.integers(min_value=1, max_value=80000),
       notice_lead=st.integers(min_value=0, max_value=400),
       version=st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z"))
def test_every_accepted_log_renders_feeds_calendar_api_emails_and_pages(
        summary, reason, first, gap, notice_lead, version):
    """The publishing half of "what check accepts, the build publishes",
    without a full MkDocs build per example."""
    from datetime import timedelta

    from policynotice.models import SiteVersion, Status, Version, VersionUrls
    from policynotice.publish import pages
    from policynotice.publish.api import render_changes_json
    from policynotice.publish.calendar import render_calendar
    from policynotice.publish.emails import render_email_drafts
    from policynotice.publish.feeds import render_feeds

    def q(value: str) -> str:
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'

    second = date.fromordinal(min(first.toordinal() + gap, date(9999, 1, 1).toordinal()))
    notice = date.fromordinal(max(second.toordinal() - notice_lead, first.toordinal() + 1))
    text = release_log(entry("v1", first.isoformat(), first.isoformat()),
                       entry(version, notice.isoformat(), second.isoformat())
                       .replace(f"Summary of {version} (en)", q(summary))
                       .replace(f"Reason for {version} (ko)", q(reason)))
    try:
        log = parse(text)
    except ReleaseLogError as exc:
        assert "\n" not in exc.one_line()
        return
    old, new = log.entries
    today = new.effective_date
    site = []
    for lang in LANGS:
        base = "" if lang == "ko" else "en/"
        v1 = Version("privacy", lang, old, "# Privacy\n\nold\n", "c1", f"docs/{lang}/privacy.md")
        v2 = Version("privacy", lang, new, "# Privacy\n\nnew\n", "c2", f"docs/{lang}/privacy.md")
        for prev, v, status in ((None, v1, Status.ARCHIVED), (v1, v2, Status.CURRENT)):
            urls = VersionUrls(f"{base}privacy/{v.id}/",
                               f"{base}privacy/{v.id}/changes/" if prev else None,
                               f"{base}privacy/history/", f"{base}privacy/compare/",
                               f"{base}privacy/")
            until = new.effective_date - timedelta(days=1) if prev is None else None
            site.append(SiteVersion("privacy", "Privacy", lang, v, prev, None, None, status,
                                    until, urls))
    assert today >= site[-1].entry.notice_date
    for lang in LANGS:
        mine = [v for v in site if v.lang == lang]
        common = dict(lang=lang, site_url="https://example.test/")
        render_feeds(site, timezone="Asia/Seoul", site_title="T", **common)
        render_calendar(site, timezone="Asia/Seoul", site_title="T", **common)
        render_changes_json(site, timezone="Asia/Seoul", today=today, governing_language="ko",
                            **common)
        render_email_drafts(site, timezone="Asia/Seoul", company={}, **common)
        pages.history_page(mine, lang, "T", f"{lang}/privacy/history/", {})
        pages.version_page(mine[-1], lang, {})
        pages.changes_page(mine[-1], lang, "", "", {})
        pages.decorate_current(mine, lang, f"{lang}/privacy/", "T")
