import email
import email.policy
import re
from dataclasses import replace
from datetime import date
from email.utils import parsedate_to_datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policynotice.errors import ConfigError
from policynotice.publish.api import notice_moment
from policynotice.publish.emails import render_email_drafts
from policynotice.publish.notice_strings import long_date, ns

from .conftest import LANGS, SITE_URL, TITLES, TZ, site_versions, with_summary

COMPANY = {"name_ko": "누리책방", "name": "Nuri Books", "contact": "privacy@nuri.example",
           "from": "Nuri Books <notices@nuri.example>"}

SUBJECTS = {
    "ko": "[누리책방] 개인정보 처리방침 개정 안내 (시행일: 2025년 3월 8일)",
    "en": "[Nuri Books] Notice of changes to our Privacy Policy (effective March 8, 2025)",
    "zh": "[Nuri Books] 隐私政策变更通知（生效日期：2025年3月8日）",
    "zh-Hant": "[Nuri Books] 隱私權政策變更通知（生效日期：2025年3月8日）",
    "es": "[Nuri Books] Aviso de cambios en nuestra Política de privacidad "
          "(en vigor desde el 8 de marzo de 2025)",
}
NOTICE_DATES = {"ko": "2025년 2월 6일", "en": "February 6, 2025", "zh": "2025年2月6日",
                "zh-Hant": "2025年2月6日", "es": "6 de febrero de 2025"}
EFFECTIVE_DATES = {"ko": "2025년 3월 8일", "en": "March 8, 2025", "zh": "2025年3月8日",
                   "zh-Hant": "2025年3月8日", "es": "8 de marzo de 2025"}


def render(versions, lang="ko", company=COMPANY, **kw):
    return render_email_drafts(versions, lang=lang, site_url=SITE_URL, timezone=TZ,
                               company=company, **kw)


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def parts(msg):
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


@pytest.mark.parametrize("lang", LANGS)
def test_one_draft_per_version(all_versions, lang):
    out = render(all_versions, lang)
    stems = {f"{lang}/{v.policy}/{v.version.id}" for v in site_versions(lang)}
    assert set(out) == {s + ".eml" for s in stems} | {s + ".md" for s in stems}


FIRST_SUBJECTS = {"ko": "[누리책방] 개인정보 처리방침 제정 안내 (시행일: 2024년 1월 1일)",
                  "en": "[Nuri Books] Introducing our Privacy Policy (effective January 1, 2024)",
                  "es": "[Nuri Books] Publicación de nuestra Política de privacidad "
                        "(en vigor desde el 1 de enero de 2024)"}


@pytest.mark.parametrize("lang", sorted(FIRST_SUBJECTS))
def test_a_first_version_is_announced_without_a_comparison(all_versions, lang):
    raw = render(all_versions, lang)[f"{lang}/privacy/2024-01-01.eml"]
    msg = parse(raw)
    # A long ASCII subject may be folded right after "Subject:"; unfolded, a
    # reader sees the text after the colon and its space.
    assert msg["Subject"].lstrip() == FIRST_SUBJECTS[lang]
    text, html = parts(msg)
    for body in (text, html):
        assert ns(lang, "changes_table") not in body
        assert ns(lang, "first") in body  # the class line: first version
        assert ns(lang, "link_previous") not in body
    assert ns(lang, "intro_first", title=TITLES["privacy"][lang],
              date=long_date(date(2024, 1, 1), lang)) in text


@pytest.mark.parametrize("lang", LANGS)
def test_subject_and_dates_in_every_language(all_versions, lang):
    raw = render(all_versions, lang)[f"{lang}/privacy/2025-03-08.eml"]
    msg = parse(raw)
    assert msg["Subject"] == SUBJECTS[lang]
    header = raw.split(b"\r\n\r\n", 1)[0]
    header.decode("ascii")  # every header is 7-bit: the subject is RFC 2047-encoded
    if lang != "en":
        assert b"=?utf-8?" in header.split(b"\r\nFrom:")[0]
    assert parsedate_to_datetime(msg["Date"]) == notice_moment(
        site_versions(lang)[2].entry.notice_date, TZ)
    text, html = parts(msg)
    for body in (text, html):
        assert NOTICE_DATES[lang] in body
        assert EFFECTIVE_DATES[lang] in body
        assert f"privacy 2025-03-08 summary ({lang})" in body
        assert f"privacy 2025-03-08 reason ({lang})" in body
    md = render(all_versions, lang)[f"{lang}/privacy/2025-03-08.md"].decode("utf-8")
    assert SUBJECTS[lang] in md and EFFECTIVE_DATES[lang] in md


def test_message_structure_and_headers(all_versions):
    msg = parse(render(all_versions, "en")["en/privacy/2025-03-08.eml"])
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in msg.iter_parts())
    assert msg["To"] is None
    assert msg["From"] == "Nuri Books <notices@nuri.example>"
    assert msg["List-Unsubscribe"] == "<{{unsubscribe_url}}>"
    assert msg["Message-ID"] == "<privacy.2025-03-08.en@policies.example.com>"
    assert msg["Content-Language"] == "en"


def test_defaults_without_company(all_versions):
    msg = parse(render(all_versions, "en", company=None)["en/privacy/2025-03-08.eml"])
    assert msg["From"] == "notices@example.invalid"
    assert msg["Subject"] == "Notice of changes to our Privacy Policy (effective March 8, 2025)"
    text, _ = parts(msg)
    assert "please reply to this email before March 8, 2025." in text


def test_content_per_notice_rules(all_versions):
    msg = parse(render(all_versions, "ko")["ko/privacy/2025-03-08.eml"])
    text, html = parts(msg)
    for body in (text, html):
        assert "공고일" in body and "시행일" in body
        assert "중요한 변경" in body  # class
        assert "동의가 필요한 변경" in body  # a reason needs consent
        assert "신구대조표" in body
        assert "privacy@nuri.example" in body  # how to ask or object
        assert f"{SITE_URL}privacy/2025-03-08/" in body  # the new text
        assert f"{SITE_URL}privacy/2024-07-12/" in body  # the previous version
        assert f"{SITE_URL}privacy/2025-03-08/changes/" in body  # the redline
        # Old and new text of the section (the HTML marks the changed word,
        # so look at its text without tags).
        # The text part marks them [-3-] / [+5+].
        words = re.sub(r"<[^>]+>|\[[-+]|[-+]\]", "", body)
        assert "5 years" in words and "3 years" in words
    ordinary = parse(render(all_versions, "ko")["ko/privacy/2024-07-12.eml"])
    text, html = parts(ordinary)
    assert "일반 변경" in text
    assert "동의가 필요한 변경" not in text and "동의가 필요한 변경" not in html


def test_html_escapes_release_log_and_policy_text(all_versions):
    evil = "<script>alert(1)</script>"
    versions = [with_summary(v, evil) for v in site_versions("en")]
    # The newest version adds a section whose text looks like markup.
    newest = versions[2]
    text = newest.version.text + "\n## 9. Contact\n\nCall <tel> or write to a&b.\n"
    versions[2] = replace(newest, version=replace(newest.version, text=text))
    out = render(versions, "en")
    _, html = parts(parse(out["en/privacy/2025-03-08.eml"]))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<tel>" not in html
    assert "&lt;tel" in html or "tel&gt;" in html
    md = out["en/privacy/2025-03-08.md"].decode("utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "<tel>" not in md


def test_html_styles_are_inline(all_versions):
    _, html = parts(parse(render(all_versions, "en")["en/privacy/2025-03-08.eml"]))
    assert "<style" not in html.lower()
    for tag in re.findall(r"<(?:table|th|td|del|ins|h1|h2|p|a)\b[^>]*>", html):
        assert "style=" in tag, tag


def test_newlines_in_values_cannot_add_headers(all_versions):
    injected = "Summary\r\nBcc: x@y.example"
    versions = [replace(with_summary(v, injected), policy_title="Privacy\nBcc: x@y.example")
                for v in site_versions("en")]
    company = {"name": "Nuri\r\nBcc: z@y.example"}
    raw = render(versions, "en", company=company)["en/privacy/2025-03-08.eml"]
    msg = parse(raw)
    assert msg["Bcc"] is None
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert not re.search(rb"^Bcc:", headers, re.MULTILINE | re.IGNORECASE)
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    assert msg["Subject"].startswith("[Nuri Bcc: z@y.example] Notice of changes to our Privacy Bcc")
    text, _ = parts(msg)
    assert re.search(r"Summary\s+Bcc: x@y.example", text)  # body text, harmless


@pytest.mark.parametrize("bad", ["a@b.example\nBcc: w@y.example", "a@b.example, c@d.example",
                                 "not an address"])
def test_a_bad_from_address_is_a_config_error(all_versions, bad):
    with pytest.raises(ConfigError, match="company 'from'"):
        render(all_versions, "en", company={"from": bad})


def test_two_renders_are_byte_identical(all_versions):
    assert render(all_versions, "zh") == render(list(reversed(all_versions)), "zh")


def test_operator_templates_override_the_defaults(all_versions, tmp_path):
    (tmp_path / "subject.txt").write_text("Changes to {{ n.policy_title }} ({{ n.version }})")
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "subject.txt").write_text("[공지] {{ n.title }}")
    (tmp_path / "body.html").write_text("<p>{{ n.summary }}</p>")
    en = parse(render(all_versions, "en", template_dirs=[str(tmp_path)])["en/privacy/2025-03-08.eml"])
    assert en["Subject"] == "Changes to Privacy Policy (2025-03-08)"
    assert parts(en)[1].strip() == "<p>privacy 2025-03-08 summary (en)</p>"
    ko = parse(render(all_versions, "ko", template_dirs=[str(tmp_path)])["ko/privacy/2025-03-08.eml"])
    assert ko["Subject"] == "[공지] 개인정보 처리방침 개정 안내"
    # Templates not overridden still come from the package.
    assert "신구대조표" in parts(ko)[0]


def test_operator_template_escaping_still_applies(all_versions, tmp_path):
    (tmp_path / "body.html").write_text("<p>{{ n.summary }}</p>")
    versions = [with_summary(v, "<img src=x onerror=alert(1)>") for v in site_versions("en")]
    html = parts(parse(render(versions, "en", template_dirs=[str(tmp_path)])[
        "en/privacy/2025-03-08.eml"]))[1]
    assert html.strip() == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=40), summary=st.text(max_size=80),
       name=st.text(max_size=20))
def test_no_value_can_change_the_header_set(all_versions, title, summary, name):
    versions = [replace(with_summary(v, summary), policy_title=title) for v in site_versions("en")]
    raw = render(versions, "en", company={"name": name})["en/privacy/2025-03-08.eml"]
    msg = parse(raw)
    assert sorted(msg.keys()) == sorted([
        "Subject", "From", "Date", "Message-ID", "List-Unsubscribe", "X-Policynotice-Version",
        "MIME-Version", "Content-Type", "Content-Language"])
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    # RFC 2047 decoding may drop a space between two encoded words; the
    # title's characters must all be there (but control characters).
    from policynotice.publish.sanitize import strip_controls

    assert "".join(strip_controls(title).split()) in "".join(msg["Subject"].split())


def test_text_and_html_parts_pair_a_renumbered_section_alike() -> None:
    """After a section is inserted and the next one renumbered, both parts of
    the draft say the same: one new section, one amended (2. → 3.)."""
    from policynotice.publish.emails import changed_sections
    from policynotice.redline.sidebyside import render_side_by_side_html

    old = ("# Privacy\n\n## 1. Items\n\nName.\n\n## 2. Retention\n\nWe keep data for 1 year.\n")
    new = ("# Privacy\n\n## 1. Items\n\nName.\n\n## 2. Cookies\n\nWe use session cookies.\n\n"
           "## 3. Retention\n\nWe keep data for 2 years.\n")
    rows = changed_sections(old, new, "en")
    assert [(r.heading, r.note) for r in rows] == [
        ("2. Cookies", "new"), ("2. Retention → 3. Retention", "changed")]
    html = render_side_by_side_html(old, new, "en")
    assert html.count('class="pn-sbs-new"') == 1
    assert html.count('class="pn-sbs-changed"') == 1
    assert 'class="pn-sbs-deleted"' not in html


def test_a_backdated_version_says_where_its_notice_was_posted(all_versions):
    # issue 18: a backdated entry's justification is published under its own
    # label (not "why the change is treated as ordinary"), in emails and feeds.
    from policynotice.publish.feeds import entry_html

    where = "Posted on the old website on 2025-02-05"

    def backdated(v):
        if v.id != "2025-03-08" or v.policy != "privacy":
            return v
        entry = replace(v.entry, backdated=True, justification={v.lang: where})
        return replace(v, version=replace(v.version, entry=entry))

    versions = [backdated(v) for v in all_versions]
    text, _ = parts(parse(render(versions, "en")["en/privacy/2025-03-08.eml"]))
    assert f"Where and when the notice was first posted: {where}" in text
    assert "treated as ordinary" not in text
    [v] = [v for v in versions if v.lang == "en" and v.policy == "privacy" and v.id == "2025-03-08"]
    html = entry_html(v, "en", SITE_URL)
    assert "Where and when the notice was first posted" in html and where in html
