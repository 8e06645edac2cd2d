"""Email drafts of change notices: per version per language, an RFC 5322
`.eml` (multipart/alternative: plain text + HTML with inline CSS) and a
Markdown copy for review. They are written outside the published site (the
notices dir) and sent, if at all, by `policynotice send` or the operator's
own mail tool.

Every version gets a draft. A first version has no predecessor: its draft
announces the policy (title "개인정보 처리방침 제정 안내", `n.first` is true for
the templates) and has no comparison table.

The operator's `company` mapping (plugin option `company:`) may hold:
  name, name_<lang>        shown as "[name]" in the subject
  from                     the From header (default notices@example.invalid)
  contact, contact_<lang>  where to ask questions or object (default: reply to the email)

Placeholders the operator (or `send --unsubscribe-url`) fills before sending:
  {{unsubscribe_url}}      in the List-Unsubscribe header and the footer link

Templates are Jinja2 files in policynotice/templates/email/ (subject.txt,
body.txt, body.html, body.md). A folder given in `template_dirs` overrides
any of them, and `<lang>/<name>` overrides `<name>` for one language. They
see `n` (a Notice), `t(key, **values)` (notice_strings) and `s` (inline CSS).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from email.headerregistry import Address
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Mapping, Sequence

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, StrictUndefined,
                    select_autoescape)
from markupsafe import Markup

from .. import fragments
from ..cache import ContentCache, code_version
from ..errors import ConfigError
from ..models import ChangeClass, SiteVersion
from ..document.align import section_pairs
from ..redline.engine import diff_texts
from ..redline.labels import labels_for
from ..redline.render import render_side_by_side_html
from ..redline.sidebyside import note_keys
from .api import absolute_url, notice_moment, site_host
from ..classify.labels import public_reasons
from .notice_strings import class_label, long_date, notice_title, ns, reason_text
from .sanitize import commonmark_text, strip_controls

DEFAULT_FROM = "notices@example.invalid"
UNSUBSCRIBE_PLACEHOLDER = "{{unsubscribe_url}}"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "email"

# Mail clients ignore or strip <style>, so every rule lives in a style
# attribute: these in the templates; the comparison table's classes get theirs
# from assets/email.css, inlined by css-inline.
STYLES = {
    "body": "margin:0;padding:0;background:#ffffff;color:#1f2328;"
            "font-family:-apple-system,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic',"
            "'Noto Sans CJK KR','PingFang SC','Microsoft YaHei',sans-serif;"
            "font-size:15px;line-height:1.6;",
    "wrap": "max-width:720px;margin:0 auto;padding:24px 16px;",
    "h1": "font-size:22px;line-height:1.3;margin:0 0 16px 0;",
    "h2": "font-size:18px;line-height:1.3;margin:28px 0 12px 0;",
    "p": "margin:0 0 12px 0;",
    "meta": "border-collapse:collapse;margin:0 0 16px 0;",
    "meta_th": "text-align:left;vertical-align:top;padding:4px 16px 4px 0;white-space:nowrap;"
               "color:#59636e;font-weight:600;",
    "meta_td": "vertical-align:top;padding:4px 0;",
    "consent": "border-left:4px solid #bf8700;background:#fff8c5;padding:12px 16px;"
               "margin:16px 0;",
    "table": "border-collapse:collapse;width:100%;font-size:14px;",
    "th": "border:1px solid #d0d7de;padding:6px 8px;background:#f6f8fa;text-align:left;"
          "vertical-align:top;",
    "td": "border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;",
    "td_text": "border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;"
               "white-space:pre-wrap;word-break:break-word;",
    "a": "color:#0969da;",
    "footer": "margin:32px 0 0 0;font-size:13px;color:#59636e;",
}
_ADDR_SPEC = re.compile(r"[^@\s<>,;:\"]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+")


@dataclass(frozen=True)
class SectionChange:
    """One row of the old/new table (신구대조표)."""

    heading: str
    before: str  # "" when the section is new
    after: str  # "" when the section was deleted
    note: str  # new | deleted | changed
    note_label: str  # 신설 / 삭제 / 변경 ...


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Notice:
    """Everything the email templates see about one version."""

    lang: str
    policy: str
    version: str
    first: bool  # the policy's first version: nothing changed, nothing to compare
    previous_version: str  # "" for a first version
    company_name: str
    policy_title: str
    title: str  # 개인정보 처리방침 개정 안내 ...
    subject: str  # filled after subject.txt is rendered
    notice_date: str  # formatted for the language
    effective_date: str
    notice_date_iso: str
    effective_date_iso: str
    change_class: str  # material | ordinary
    class_label: str
    reasons: tuple[str, ...]
    summary: str
    reason: str
    justification: str
    justification_label: str  # "justification" or "backdated" (where the notice was posted)
    needs_consent: bool
    sections: tuple[SectionChange, ...]
    side_by_side_html: Markup  # trusted fragment with inline styles; "" -> templates use sections
    links: tuple[Link, ...]
    contact: str  # "" -> the templates ask for a reply to the email
    from_addr: str
    unsubscribe_url: str


def render_email_drafts(versions: Sequence[SiteVersion], *, lang: str, site_url: str,
                        timezone: str, company: Mapping[str, str] | None,
                        template_dirs: Sequence[str] = (),
                        cache: ContentCache | None = None) -> dict[str, bytes]:
    """{"<lang>/<policy>/<version>.eml": bytes, "<lang>/<policy>/<version>.md": bytes},
    paths relative to the notices dir; `cache` keeps rendered drafts between builds."""
    env = _environment(template_dirs)
    mine = sorted((v for v in versions if v.lang == lang),
                  key=lambda v: (v.policy, v.entry.effective_date, v.version.id))
    by_id = {(v.policy, v.version.id): v for v in mine}
    company = company or {}
    # A draft depends only on its version, the templates and the settings, so
    # a rebuild after one more version renders one more draft per language.
    code = (code_version("publish.emails") + _templates_version(template_dirs)
            + hashlib.sha256(EMAIL_CSS.encode("utf-8")).hexdigest()[:16])
    out: dict[str, bytes] = {}
    for v in mine:
        previous = by_id.get((v.policy, v.previous.id)) if v.previous else None
        previous_page = previous.urls.page if previous else None

        def draft(v: SiteVersion = v, previous_page: str | None = previous_page) -> list[str]:
            message, markdown = _render_draft(env, v, site_url=site_url, timezone=timezone,
                                              company=company, previous_page=previous_page,
                                              cache=cache)
            return [message.decode("latin-1"), markdown]

        if cache is None:
            message, markdown = draft()
        else:
            key = cache.key(code, repr(v), repr(previous_page), site_url, timezone,
                            repr(sorted(company.items())))
            message, markdown = cache.memo("email", key, draft)
        stem = f"{lang}/{v.policy}/{v.version.id}"
        out[f"{stem}.eml"] = message.encode("latin-1")
        out[f"{stem}.md"] = markdown.encode("utf-8")
    return out


def _render_draft(env: Environment, v: SiteVersion, *, site_url: str, timezone: str,
                  company: Mapping[str, str], previous_page: str | None,
                  cache: ContentCache | None = None) -> tuple[bytes, str]:
    """(the .eml bytes, the Markdown review copy) of one version's notice."""
    notice = build_notice(v, site_url=site_url, company=company, previous_page=previous_page,
                          cache=cache)
    notice = replace(notice, subject=one_line(_render(env, "subject.txt", notice)))
    # No control characters in what a reviewer's terminal or a mail client shows.
    text = strip_controls(_render(env, "body.txt", notice))
    html = inline_styles(strip_controls(_render(env, "body.html", notice)))
    message = _message(notice, text=text, html=html, site_url=site_url, timezone=timezone,
                       notice_day=v.entry.notice_date)
    return message, strip_controls(_render(env, "body.md", notice))


def _templates_version(template_dirs: Sequence[str]) -> str:
    """Hash of every template file that can be used, the operator's first."""
    h = hashlib.sha256()
    for folder in [*template_dirs, str(TEMPLATE_DIR)]:
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else ():
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def one_line(value: str) -> str:
    """A header value: every run of whitespace, CR and LF included, becomes
    one space, so text from a policy or release log can never start a new
    header (no "\\nBcc: ..."); no control characters; and no RFC 2047
    encoded word: the email package decodes `=?utf-8?q?...=0D=0A...?=` in a
    value it is given, and its CR LF would then become real headers
    (Reply-To, List-Unsubscribe). "=?" becomes "= ?", which no reader minds."""
    text = " ".join(strip_controls(value).split())
    while "=?" in text:
        text = text.replace("=?", "= ?")
    return text


def from_header(value: str, name: str = "") -> str:
    """The operator's From address, checked: one address, no line breaks.
    (It comes from configuration, so a bad one is an error, not folded.)
    A bare address gets the company's name as its display name."""
    pairs = getaddresses([value])
    if (any(c in value for c in "\r\n") or len(pairs) != 1
            or not _ADDR_SPEC.fullmatch(pairs[0][1])):
        raise ConfigError(f"company 'from' {value!r} is not one email address",
                          path="mkdocs.yml", hint="write it as: Name <notices@example.com>")
    own, addr = pairs[0]
    return str(Address(display_name=one_line(own or name), addr_spec=addr))


def build_notice(v: SiteVersion, *, site_url: str, company: Mapping[str, str],
                 previous_page: str | None, cache: ContentCache | None = None) -> Notice:
    lang, e = v.lang, v.entry
    first = v.previous is None
    reasons = v.classification.reasons if v.classification else ()
    change_class = "first" if first else (
        v.change_class.value if v.change_class else ChangeClass.ORDINARY.value)
    links = [Link(ns(lang, "link_page" if first else "link_new_text"),
                  absolute_url(site_url, v.urls.page) or "")]
    if not first:
        links.append(Link(ns(lang, "link_previous"),
                          absolute_url(site_url, previous_page or v.urls.history) or ""))
    if v.urls.changes:
        links.append(Link(ns(lang, "link_changes"), absolute_url(site_url, v.urls.changes) or ""))
    links.append(Link(ns(lang, "link_history"), absolute_url(site_url, v.urls.history) or ""))
    justification = (e.justification.get(lang, "")
                     if e.backdated or v.change_class is ChangeClass.ORDINARY else "")
    return Notice(
        lang=lang,
        policy=v.policy,
        version=v.version.id,
        first=first,
        previous_version=v.previous.id if v.previous else "",
        company_name=one_line(company.get(f"name_{lang}") or company.get("name") or ""),
        policy_title=one_line(v.policy_title),
        title=one_line(notice_title(v.policy_title, lang, first=first)),
        subject="",
        notice_date=long_date(e.notice_date, lang),
        effective_date=long_date(e.effective_date, lang),
        notice_date_iso=e.notice_date.isoformat(),
        effective_date_iso=e.effective_date.isoformat(),
        change_class=change_class,
        class_label=class_label(None if first else change_class, lang),
        reasons=tuple(reason_text(r, lang) for r in public_reasons(reasons)),
        summary=e.summary.get(lang, ""),
        reason=e.reason.get(lang, ""),
        justification=justification,
        justification_label="backdated" if e.backdated else "justification",
        needs_consent=any(r.needs_consent for r in reasons),
        sections=changed_sections(v.previous.text, v.version.text, lang) if v.previous else (),
        side_by_side_html=(_side_by_side(v.previous.text, v.version.text, lang, cache) if v.previous
                           else Markup("")),
        links=tuple(links),
        contact=company.get(f"contact_{lang}") or company.get("contact") or "",
        from_addr=from_header(company.get("from") or DEFAULT_FROM,
                              name=company.get(f"name_{lang}") or company.get("name") or ""),
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER,
    )


def changed_sections(old: str, new: str, lang: str) -> tuple[SectionChange, ...]:
    """The sections whose text differs (or that moved), paired by the document
    model's one section alignment (as the HTML part's side-by-side table pairs
    them), in the new order, each deleted section after the one that preceded
    it. The note and column names are the side-by-side table's; in an amended
    section deletions read [-like this-] and insertions [+like this+]."""
    labels = labels_for(lang)

    def body(section) -> str:
        return section.body.strip()

    def label(heading: str) -> str:
        return heading or labels["preamble"]

    rows: list[SectionChange] = []
    for pair in section_pairs(old, new):
        keys = note_keys(pair)
        note_label = " · ".join(labels[k] for k in keys)
        if pair.old is None:
            rows.append(SectionChange(label(pair.new.heading), "", body(pair.new), "new", note_label))
        elif pair.new is None:
            rows.append(SectionChange(label(pair.old.heading), body(pair.old), "", "deleted", note_label))
        elif pair.old.text != pair.new.text or pair.moved:
            heading = (label(pair.new.heading) if pair.old.heading == pair.new.heading
                       else f"{label(pair.old.heading)} → {label(pair.new.heading)}")
            ops = diff_texts(pair.old.body, pair.new.body, lang).ops
            rows.append(SectionChange(heading, _marked(ops, "delete"), _marked(ops, "insert"),
                                      "moved" if keys == ("sbs_moved",) else "changed", note_label))
    return tuple(rows)


def _marked(ops, side: str) -> str:
    """One side of a diff as plain text: [-deleted-] before, [+inserted+]
    after; changed spacing alone is not marked."""
    out = []
    for o in ops:
        if o.op == "equal":
            out.append(o.text)
        elif o.op == side:
            # Line by line, a line's list or table marker left outside:
            # "- [+new item+]", not "[+- new item+]".
            for line in o.text.splitlines(keepends=True):
                m = _LINE_LEAD.match(line)
                lead, core = m.group(0), line[m.end():]
                trail = core[len(core.rstrip()):]
                core = core.strip()
                if not core:
                    out.append(line)
                else:
                    out.append(f"{lead}[-{core}-]{trail}" if side == "delete" else f"{lead}[+{core}+]{trail}")
    return "".join(out).strip()


_LINE_LEAD = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|\|[ \t]*)?")


EMAIL_CSS = (Path(__file__).resolve().parent.parent / "assets" / "email.css").read_text(encoding="utf-8")
# Screen-reader labels ("inserted: ") are visually hidden by the site's CSS,
# which a mail client does not have: emails leave them out (<ins>/<del> say it).
_SR_LABEL = re.compile(r'<span class="pn-sr">[^<]*</span>')


@functools.lru_cache(maxsize=1)
def _inliner():
    import css_inline

    return css_inline.CSSInliner(extra_css=EMAIL_CSS, keep_style_tags=False,
                                 keep_link_tags=False, load_remote_stylesheets=False)


def inline_styles(html: str) -> str:
    """The email's HTML with email.css inlined into style attributes (a
    template's own style attributes win), no screen-reader-only labels."""
    html = _SR_LABEL.sub("", html)
    if "<html" not in html.lower():  # an operator's template may be a fragment
        return _inliner().inline_fragment(html, EMAIL_CSS)
    return _inliner().inline(html)


def _side_by_side(old: str, new: str, lang: str, cache: ContentCache | None = None) -> Markup:
    # The fragment is built (and its text escaped) by the redline renderer;
    # with a cache (a site build), it is the changes page's own table, which
    # policynotice.fragments memoises by content: not computed twice. Its
    # styles are inlined with the whole email's.
    html = (fragments.side_by_side(old, new, lang, cache) if cache is not None
            else render_side_by_side_html(old, new, lang))
    return Markup(_SR_LABEL.sub("", html))


def _environment(template_dirs: Sequence[str]) -> Environment:
    # One environment per set of template folders: Jinja2 then compiles each
    # template once per build, not once per email.
    return _cached_environment(tuple(str(d) for d in template_dirs))


@functools.lru_cache(maxsize=8)
def _cached_environment(template_dirs: tuple[str, ...]) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in template_dirs]
    loaders.append(FileSystemLoader(str(TEMPLATE_DIR)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        # Escape every value in HTML; text and Markdown are escaped by filters.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,  # an operator's typo fails the build, not the email
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _md_escape
    env.filters["quote"] = _md_quote
    return env


def _md_escape(value: str) -> str:
    """Repository text in the review copy is text, not Markdown: no heading,
    link, tracking image or raw HTML of its own; one line."""
    return commonmark_text(value)


def _md_quote(value: str) -> str:
    return "\n".join("> " + _md_escape(line) if line.strip() else ">"
                     for line in value.split("\n"))


def _render(env: Environment, name: str, notice: Notice) -> str:
    template = env.select_template([f"{notice.lang}/{name}", name])
    # The styles are our constants: Markup keeps their quotes unescaped.
    return template.render(n=notice, s={k: Markup(v) for k, v in STYLES.items()},
                           t=lambda key, **values: ns(notice.lang, key, **values))


def _message(notice: Notice, *, text: str, html: str, site_url: str, timezone: str,
             notice_day: date) -> bytes:
    msg = EmailMessage(policy=SMTP)
    # Header values go through one_line: the policy refuses CR/LF, and we
    # would rather fold them than fail a build on a stray newline.
    msg["Subject"] = one_line(notice.subject)  # RFC 2047-encoded by the SMTP policy
    msg["From"] = notice.from_addr
    msg["Date"] = format_datetime(notice_moment(notice_day, timezone))
    msg["Message-ID"] = message_id(notice.policy, notice.version, notice.lang, site_url)
    msg["List-Unsubscribe"] = f"<{UNSUBSCRIBE_PLACEHOLDER}>"
    msg["X-Policynotice-Version"] = one_line(f"{notice.policy}/{notice.version}/{notice.lang}")
    # quoted-printable: 7-bit safe on every relay, any line length.
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # After add_alternative, which moves Content-* headers into the first part.
    msg["Content-Language"] = notice.lang
    # The default boundary is random; derive it from the content instead.
    # "=_" cannot occur in quoted-printable text, so it cannot clash.
    digest = hashlib.sha256((text + "\0" + html).encode("utf-8")).hexdigest()[:32]
    msg.set_boundary(f"=_pn_{digest}")
    data = msg.as_bytes(policy=SMTP)
    _check_headers(data, notice)
    return data


_HEADERS = ["Subject", "From", "Date", "Message-ID", "List-Unsubscribe",
            "X-Policynotice-Version", "MIME-Version", "Content-Type", "Content-Language"]


def _check_headers(data: bytes, notice: Notice) -> None:
    """Read the draft back as a mail client would: exactly our headers, and
    the subject we meant. (A second line of defence behind one_line.)"""
    from email.parser import BytesParser

    def letters(value: str) -> str:  # decoding may drop a space between encoded words
        return "".join(value.split())

    # Only the top-level headers are checked: parsing the two body parts
    # again cost as much as building the message.
    parsed = BytesParser(policy=SMTP).parsebytes(data, headersonly=True)
    if parsed.keys() != _HEADERS or letters(str(parsed["Subject"])) != letters(notice.subject):
        raise ConfigError(
            f"the email draft of {notice.policy} {notice.version} ({notice.lang}) would not "
            f"have the headers it was given (a title or the company name holds header syntax)",
            hint="remove line breaks and '=?...?=' from the policy title and company name")



def message_id(policy: str, version: str, lang: str, site_url: str) -> str:
    """Deterministic, so two builds give the same draft."""
    local = ".".join(re.sub(r"[^A-Za-z0-9_-]", "-", p) for p in (policy, version, lang))
    return f"<{local}@{site_host(site_url)}>"
