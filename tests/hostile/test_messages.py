"""Messages cannot be forged and terminals cannot be fooled (issue 14, cases
4 and 5): encoded words in a title or the company name never become email
headers; repository text in the Markdown review copy and in the job summary
is text; control characters never reach a terminal, a CI log or a generated
text file; `import` writes a release log that loads back whatever the
commit subjects hold."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from email import message_from_bytes
from email.policy import SMTP

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policynotice.cli import main
from policynotice.gate import CheckReport, VersionReport
from policynotice.models import ChangeClass, Classification, Finding, Reason
from policynotice.pipeline import VersionAssessment
from policynotice.publish.emails import render_email_drafts
from policynotice.publish.report import render_markdown, render_text
from policynotice.publish.sanitize import commonmark_text, strip_controls
from policynotice.sources.releaselog import parse_release_log

from ..conftest import GitFixture
from ..publish.conftest import SITE_URL, TZ, make_versions

ENCODED = ("=?utf-8?q?x=0D=0AReply-To:_evil@attacker.example=0D=0A"
           "List-Unsubscribe:_<https://evil.example/u>?=")
FORGED_MARKDOWN = ("x\n# ✅ Notice check passed\n![t](https://evil.example/t.png) "
                   "[click](https://evil.example/) **✅ Notice check passed** <img src=x> | a")
HEADERS = ["Subject", "From", "Date", "Message-ID", "List-Unsubscribe", "X-Policynotice-Version",
           "MIME-Version", "Content-Type", "Content-Language"]
CONTROLS = "\x1b[8m\x1b]0;pwned\x07\x9b2J\r\x08\x00"


def drafts(title: str, company: str, summary: str) -> dict[str, bytes]:
    versions = [replace(v, policy_title=title)
                for v in make_versions("privacy", "en", summary=summary)]
    return render_email_drafts(versions, lang="en", site_url=SITE_URL, timezone=TZ,
                               company={"name": company})


def test_encoded_words_never_become_headers():
    out = drafts(f"Privacy {ENCODED}", f"ACME {ENCODED}", "summary")
    for name, data in out.items():
        if not name.endswith(".eml"):
            continue
        msg = message_from_bytes(data, policy=SMTP)
        assert msg.keys() == HEADERS, name
        assert "evil" not in str(msg["List-Unsubscribe"]) and "Reply-To" not in msg
        assert "\n" not in str(msg["Subject"])


def rendered_html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables"])


def test_review_copy_shows_repository_text_as_text():
    out = drafts("Privacy", "ACME", FORGED_MARKDOWN)
    md = out["en/privacy/2025-03-08.md"].decode("utf-8")
    html = rendered_html(md)
    assert "<img" not in html and 'href="https://evil.example' not in html
    assert "<h1>✅" not in html and "<strong>✅" not in html
    assert "\n# ✅" not in md  # the summary stays on its own line item


def report(reason_text: str, base: str = "origin/main") -> CheckReport:
    reason = Reason("purposes", reason_text, "added", reason_text, True)
    cls = Classification(ChangeClass.MATERIAL, (reason,))
    assessment = VersionAssessment("2024-09-02", cls, {"en": cls}, ChangeClass.MATERIAL, 30,
                                   date(2024, 9, 22))
    v = VersionReport("privacy", assessment, date(2024, 8, 23), date(2024, 9, 2), True)
    finding = Finding("error", "short-notice", f"versions/privacy.yml: {reason_text}", "privacy")
    return CheckReport(base, date(2026, 11, 25), "en", (v,), (finding,))


def test_job_summary_shows_repository_text_as_text():
    md = render_markdown(report(FORGED_MARKDOWN))
    assert md.startswith("## ❌ Notice check failed")
    html = rendered_html(md)
    assert "<img" not in html and "<a " not in html
    assert "<strong>✅" not in html and "<h1>" not in html
    assert html.count("<h2>") == 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_commonmark_text_is_inert(text):
    html = rendered_html(f"- {commonmark_text(text + FORGED_MARKDOWN)}")
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"ul", "li"}, html


def test_no_control_character_reaches_the_terminal():
    text = render_text(report(f"x{CONTROLS}FAILED"), "en")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert text.rstrip().endswith("FAILED")


def test_no_control_character_in_drafts():
    out = drafts(f"Privacy{CONTROLS}", f"ACME{CONTROLS}", f"summary{CONTROLS}")
    for name, data in out.items():
        text = data.decode("utf-8" if name.endswith(".md") else "ascii")
        body = text.replace("\r\n", "\n")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", body), name
        if name.endswith(".eml"):
            msg = message_from_bytes(data, policy=SMTP)
            for part in msg.walk():
                if part.get_content_maintype() == "text":
                    assert "\x1b" not in part.get_content() and "\x9b" not in part.get_content()


def test_strip_controls_keeps_text():
    assert strip_controls("a\tb\nc\x1b[8md\u202ee") == "a\tb\ncd[8de"[:0] + "a\tb\nc[8mde"


def test_import_writes_a_log_that_loads_back(tmp_path, capsys):
    fx = GitFixture(tmp_path / "repo")
    fx.commit({"docs/en/privacy.md": "# Privacy\n\nv1\n"},
              f"first{CONTROLS.replace(chr(0), '')} \u2028 # not: yaml \ufffe")
    fx.commit({"docs/en/privacy.md": "# Privacy\n\nv2\n"}, 'second\x1b[31m "quoted" : - [x]')
    out = tmp_path / "privacy.yml"
    code = main(["import", "--repo", str(fx.root), "--file", "docs/en/privacy.md",
                 "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
    log = parse_release_log(text, path=str(out), policy="privacy", languages=("en",))
    assert len(log.entries) == 2


def test_check_and_build_keep_control_characters_out(tmp_path, capsys, monkeypatch):
    """ESC in a policy title and a release-log summary: the terminal, the
    CI log, the feeds, the calendar and the drafts never get it."""
    from ..conftest import entry, release_log

    fx = GitFixture(tmp_path / "repo")
    e1 = entry("2024-03-01", "2024-02-20", "2024-03-01")
    e2 = entry("2024-09-02", "2024-08-23", "2024-09-02").replace(
        "Summary of 2024-09-02 (en)", '"Summary \\e[8m hidden \\x9b2J"')
    title = "# Privacy \x1b[8m\x1b]0;t\x07\n\nIntro.\n\n## 1. Items\n\n- email{}\n"
    texts = {f"docs/{lang}/privacy.md": title.format("") for lang in ("ko", "en")}
    fx.commit({"docs/ko/index.md": "# 홈\n", "docs/en/index.md": "# Home\n", **texts,
               "versions/privacy.yml": release_log(e1)}, "v1")
    texts = {f"docs/{lang}/privacy.md": title.format(", phone \x1b[2K") for lang in ("ko", "en")}
    fx.commit({**texts, "versions/privacy.yml": release_log(e1, e2)}, "v2 \x1b[8m")
    monkeypatch.chdir(fx.root)
    code = main(["check", "--today", "2026-11-25"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    for stream in (captured.out, captured.err):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", stream), stream
    for fmt in ("json", "markdown"):
        main(["check", "--today", "2026-11-25", "--format", fmt])
        out = capsys.readouterr().out
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), out
    # The release log's summary carries an ESC: the build refuses it in one
    # clean line (sources/releaselog.py), or builds without it.
    code = main(["build", "--today", "2026-11-25"])
    captured = capsys.readouterr()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", captured.out + captured.err)
    if code == 1:
        assert "invisible character" in captured.err and "Traceback" not in captured.err
        return
    assert code == 0
    written = [p for folder in ("site", "notices") for p in (fx.root / folder).rglob("*")
               if p.suffix in (".xml", ".ics", ".json", ".eml", ".md")]
    assert any(p.suffix == ".ics" for p in written) and any(p.suffix == ".xml" for p in written)
    for path in written:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), path
