"""The generated pages: current policy decoration, one page per version,
history, changes (redline + side-by-side), compare, and the draft preview.

Each page is Markdown handed to MkDocs (so it gets the theme, navigation,
table of contents and the language switcher) plus trusted HTML fragments
("slots") that the plugin puts in place after Markdown rendering, so that
Markdown never rewrites the HTML built here. Everything taken from a policy
or a release log is escaped here; the policy text itself is rendered by
MkDocs and sanitized by the plugin.
"""

from __future__ import annotations

import posixpath
import secrets
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Mapping, Sequence

from ..models import ChangeClass, SiteVersion, Status
from .sanitize import markdown_text, title_text
from .notice_strings import long_date
from .strings import t

# Where the plugin puts a fragment. The marker holds a secret of this process,
# so a policy text cannot write one of its own (and move a banner).
SLOT = f"PNSLOT{secrets.token_hex(8)}x{{}}x"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs thinks the page lives, e.g. "en/privacy/2025-03-08.md"
    url: str  # site-root-relative URL it will have, e.g. "en/privacy/2025-03-08/"
    markdown: str
    slots: tuple[str, ...] = ()
    alternates: Mapping[str, str] = field(default_factory=dict)  # lang -> url
    searchable: bool = False


@dataclass(frozen=True)
class Decoration:
    """What replaces a current-policy page's Markdown."""

    markdown: str
    slots: tuple[str, ...]


def rel(target: str, page_url: str) -> str:
    """A link from one site-root-relative directory URL to another that works
    wherever the site is hosted (a sub-path, a preview artifact)."""
    target_dir = target if target.endswith("/") else posixpath.dirname(target) + "/"
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    relative = posixpath.relpath("/" + target_dir, "/" + base)
    relative = "" if relative == "." else relative + "/"
    if not target.endswith("/"):
        relative += posixpath.basename(target)
    return relative or "./"


def _a(href: str, text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{klass}>{escape(text)}</a>'


def _time(day: date) -> str:
    return f'<time class="pn-date" datetime="{day.isoformat()}">{day.isoformat()}</time>'


def _long_date(day: date, lang: str) -> str:
    """A date in a sentence, as the page's language writes it (Babel, as the
    emails): "4 de enero de 2027", "2027년 1월 4일"; never wrapped (site.css)."""
    return f'<time class="pn-date" datetime="{day.isoformat()}">{escape(long_date(day, lang))}</time>'


def _prose(lang: str, key: str, **values) -> str:
    """An interface sentence as HTML: its text escaped, its dates localised."""
    marks = {k: f"\x00{k}\x00" for k, v in values.items() if isinstance(v, date)}
    text = escape(t(lang, key, **{k: marks.get(k, v) for k, v in values.items()}))
    for k, mark in marks.items():
        text = text.replace(mark, _long_date(values[k], lang))
    return text


def _front_matter(title: str, *, searchable: bool, wide: bool = False) -> str:
    # JSON strings are valid YAML scalars and escape every quote and newline.
    import json

    lines = ["---", f"title: {json.dumps(title_text(title), ensure_ascii=False)}"]
    if not searchable:
        lines += ["search:", "  exclude: true"]
    if wide:  # tables side by side need the room of Material's sidebars
        lines += ["hide:", "  - navigation", "  - toc"]
    return "\n".join(lines) + "\n---\n\n"


def _with_slot_after_title(text: str, title: str, slot: int) -> str:
    """Put the banner right under the policy's own H1 (or add one)."""
    marker = f"\n\n{SLOT.format(slot)}\n\n"
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1]) + marker + "\n".join(lines[i + 1:])
    return f"# {markdown_text(title)}{marker}{text}"


def _period(v: SiteVersion, lang: str) -> str:
    start = _time(v.entry.effective_date)
    if v.status is Status.UPCOMING:
        return f"{start} ~"
    end = _time(v.in_force_until) if v.in_force_until else escape(t(lang, "until_now"))
    return f"{start} ~ {end}"


def _class_label(v: SiteVersion, lang: str) -> str:
    if v.change_class is None:
        return t(lang, "first_version")
    return t(lang, v.change_class.value)


def _class_badge(v: SiteVersion, lang: str) -> str:
    kind = v.change_class.value if v.change_class else "first"
    return f'<span class="pn-class pn-class-{kind}">{escape(_class_label(v, lang))}</span>'


def _reasons(v: SiteVersion, lang: str) -> str:
    if not v.classification or not v.classification.reasons:
        return ""
    from ..classify.labels import describe_reason, public_reasons

    shown = public_reasons(v.classification.reasons)
    if not shown:
        return ""
    items = "".join(f"<li>{escape(describe_reason(r, lang, public=True))}</li>" for r in shown)
    return f'<ul class="pn-reasons">{items}</ul>'


def _justification(v: SiteVersion, lang: str) -> str:
    text = v.entry.justification.get(lang)
    # A backdated entry publishes where its notice was posted; otherwise the
    # justification explains why a material change is published as ordinary.
    label = "backdated" if v.entry.backdated else "justification"
    if not text or (label == "justification" and v.change_class is not ChangeClass.ORDINARY):
        return ""
    return (f'<p class="pn-justification"><strong>{escape(t(lang, label))}:</strong> '
            f"{escape(text)}</p>")


def _version_meta(v: SiteVersion, lang: str, page_url: str) -> str:
    """Notice/effective dates, class with reasons, summary and reason, links."""
    rows = [
        (t(lang, "notice_date"), _time(v.entry.notice_date)),
        (t(lang, "effective_date"), _time(v.entry.effective_date)),
        (t(lang, "class"), _class_badge(v, lang)),
        (t(lang, "summary"), escape(v.entry.summary.get(lang, ""))),
        (t(lang, "reason"), escape(v.entry.reason.get(lang, ""))),
    ]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{val}</dd>" for k, val in rows)
    why = ""
    reasons = _reasons(v, lang)
    if reasons:
        why = (f'<details class="pn-why"><summary>{escape(t(lang, "why"))}</summary>'
               f"{reasons}</details>")
    links = [_a(rel(v.urls.history, page_url), t(lang, "history"))]
    if v.urls.changes:
        links.insert(0, _a(rel(v.urls.changes, page_url), t(lang, "see_changes")))
    links.append(_a(rel(v.urls.compare, page_url), t(lang, "compare")))
    return (f'<dl class="pn-meta">{dl}</dl>{why}{_justification(v, lang)}'
            f'<p class="pn-links">{" · ".join(links)}</p>')


def _upcoming_banner(upcoming: Sequence[SiteVersion], lang: str, page_url: str) -> str:
    parts = []
    for v in upcoming:
        text = _prose(lang, "upcoming_banner", date=v.entry.effective_date,
                      notice=v.entry.notice_date, title=v.policy_title)
        links = [_a(rel(v.urls.page, page_url), t(lang, "read_new"))]
        if v.urls.changes:
            links.append(_a(rel(v.urls.changes, page_url), t(lang, "see_changes")))
        parts.append(
            f'<div class="pn-banner pn-banner-upcoming" role="note">'
            f"<p>{text} {_class_badge(v, lang)}</p>"
            f'<p class="pn-links">{" · ".join(links)}</p></div>'
        )
    return "".join(parts)


def decorate_current(versions: Sequence[SiteVersion], lang: str, page_url: str,
                     title: str, draft_url: str | None = None) -> Decoration:
    """The policy page shows the text in force on the build date, whatever
    the file says: the file may already hold a noticed, upcoming version."""
    current = next((v for v in reversed(versions) if v.status is Status.CURRENT), None)
    upcoming = [v for v in versions if v.status is Status.UPCOMING]
    top = _upcoming_banner(upcoming, lang, page_url)
    if current is None:
        top = (f'<div class="pn-banner pn-banner-none" role="note"><p>'
               f'{escape(t(lang, "not_in_force_yet"))}</p></div>') + top
        body = f"# {markdown_text(title)}\n\n{SLOT.format(0)}\n"
        return Decoration(body, (top,))
    since = _prose(lang, "in_force_since", date=current.entry.effective_date)
    links = [_a(rel(current.urls.history, page_url), t(lang, "history")),
             _a(rel(current.urls.compare, page_url), t(lang, "compare"))]
    if current.urls.changes:
        links.insert(0, _a(rel(current.urls.changes, page_url), t(lang, "see_changes")))
    if draft_url:
        links.append(_a(rel(draft_url, page_url), t(lang, "draft_title", title=title)))
    top = (f'<p class="pn-effective"><strong>{since}</strong> · '
           f'{escape(t(lang, "version"))} {escape(current.id)} · {_class_badge(current, lang)}</p>'
           f'<p class="pn-links">{" · ".join(links)}</p>') + top
    earlier = [v for v in versions if v.status is Status.ARCHIVED]
    if earlier:
        items = "".join(
            f"<li>{_a(rel(v.urls.page, page_url), v.id)} ({_period(v, lang)})</li>"
            for v in reversed(earlier)
        )
        bottom = (f'<section class="pn-previous"><h2 id="pn-previous-versions">'
                  f'{escape(t(lang, "previous_versions"))}</h2><ul>{items}</ul></section>')
    else:
        bottom = f'<p class="pn-previous">{escape(t(lang, "no_previous_versions"))}</p>'
    markdown = _with_slot_after_title(current.version.text, title, 0)
    markdown = markdown.rstrip("\n") + f"\n\n{SLOT.format(1)}\n"
    return Decoration(markdown, (top, bottom))


def _front(title: str, searchable: bool, wide: bool = False) -> str:
    return _front_matter(title, searchable=searchable, wide=wide)


def _src(url: str) -> str:
    """src_uri of a generated page from its directory URL."""
    return url.rstrip("/") + ".md"


def _alternates(by_lang: Mapping[str, SiteVersion], attr: str) -> dict[str, str]:
    return {lang: getattr(v.urls, attr) for lang, v in by_lang.items() if getattr(v.urls, attr)}


def version_page(v: SiteVersion, lang: str, alternates: Mapping[str, str]) -> GeneratedPage:
    url = v.urls.page
    if v.status is Status.ARCHIVED:
        banner_text = _prose(lang, "archived_banner", start=v.entry.effective_date,
                             end=v.in_force_until or "")
        kind = "archived"
    elif v.status is Status.UPCOMING:
        banner_text = _prose(lang, "upcoming_page_banner", date=v.entry.effective_date)
        kind = "upcoming"
    else:
        banner_text = _prose(lang, "current_page_banner", date=v.entry.effective_date)
        kind = "current"
    banner = (f'<div class="pn-banner pn-banner-{kind}" role="note"><p><strong>'
              f'{banner_text}</strong> {_a(rel(v.urls.current, url), t(lang, "read_current"))}'
              f"</p></div>{_version_meta(v, lang, url)}")
    title = t(lang, "version_title", title=v.policy_title, version=v.id)
    markdown = _front(title, False) + _with_slot_after_title(v.version.text, v.policy_title, 0)
    return GeneratedPage(_src(url), url, markdown, (banner,), dict(alternates))


def history_page(versions: Sequence[SiteVersion], lang: str, title: str, url: str,
                 alternates: Mapping[str, str]) -> GeneratedPage:
    head = [t(lang, k) for k in ("version", "notice_date", "effective_date", "period",
                                 "class", "summary", "changes")]
    rows = []
    for v in reversed(versions):
        changes = _a(rel(v.urls.changes, url), t(lang, "see_changes")) if v.urls.changes else ""
        status = f'<span class="pn-status pn-status-{v.status.value}">' \
                 f'{escape(t(lang, "status_" + v.status.value))}</span>'
        why = _reasons(v, lang)
        cls = _class_badge(v, lang) + (
            f'<details class="pn-why"><summary>{escape(t(lang, "why"))}</summary>{why}</details>'
            if why else "") + _justification(v, lang)
        cells = [
            f"{_a(rel(v.urls.page, url), v.id)}<br>{status}", _time(v.entry.notice_date),
            _time(v.entry.effective_date), _period(v, lang), cls,
            escape(v.entry.summary.get(lang, "")), changes,
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    table = ('<div class="pn-table-wrap"><table class="pn-history"><thead><tr>'
             + "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
             + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
    compare = versions[-1].urls.compare if versions else url
    body = (f'<p>{escape(t(lang, "history_intro"))}</p>{table}'
            f'<p class="pn-links">{_a(rel(compare, url), t(lang, "compare"))}</p>')
    page_title = t(lang, "history_title", title=title)
    markdown = (_front(page_title, False, wide=True)
                + f"# {markdown_text(page_title)}\n\n{SLOT.format(0)}\n")
    return GeneratedPage(_src(url), url, markdown, (body,), dict(alternates))


def changes_page(v: SiteVersion, lang: str, redline_html: str, side_by_side_html: str,
                 alternates: Mapping[str, str]) -> GeneratedPage:
    assert v.previous is not None and v.urls.changes is not None
    url = v.urls.changes
    intro = t(lang, "changes_intro", old=v.previous.id, new=v.id)
    body = (f"<p>{escape(intro)}</p>{_version_meta(v, lang, url)}"
            f'<h2 id="pn-redline">{escape(t(lang, "redline"))}</h2>{redline_html}'
            f'<h2 id="pn-side-by-side">{escape(t(lang, "side_by_side"))}</h2>{side_by_side_html}')
    title = t(lang, "changes_title", title=v.policy_title, version=v.id)
    markdown = _front(title, False, wide=True) + f"# {markdown_text(title)}\n\n{SLOT.format(0)}\n"
    return GeneratedPage(_src(url), url, markdown, (body,), dict(alternates))


def compare_fragment_name(old: str, new: str) -> str:
    return f"{old}..{new}.html"


def compare_pairs(versions: Sequence[SiteVersion], all_up_to: int) -> tuple[tuple[int, int], ...]:
    """Which (older, newer) index pairs the compare page gets prebuilt.

    Every pair while a policy has at most `all_up_to` versions. Beyond that,
    all pairs would grow with the square of the archive (435 redlines for 30
    versions, per language), so the prebuilt data grows linearly: each
    version against the previous one (the changes pages' own redlines,
    computed once for both) and against the one in force (an upcoming
    version included). Any other pair is reached through the one in force
    (the page lists the prebuilt pairs and says so)."""
    n = len(versions)
    if n <= all_up_to:
        return tuple((i, j) for i in range(n) for j in range(i + 1, n))
    current = next((i for i, v in enumerate(versions) if v.status is Status.CURRENT), n - 1)
    pairs = {(i - 1, i) for i in range(1, n)}
    pairs.update((min(i, current), max(i, current)) for i in range(n) if i != current)
    return tuple(sorted(pairs))


def compare_page(versions: Sequence[SiteVersion], lang: str, title: str, url: str,
                 alternates: Mapping[str, str],
                 pairs: Sequence[tuple[int, int]] | None = None) -> GeneratedPage:
    """`pairs`: the prebuilt ones when not every pair is (see compare_pairs)."""
    options = "".join(f'<option value="{escape(v.id)}">{escape(v.id)}</option>' for v in versions)
    older = versions[-2].id if len(versions) > 1 else ""
    newer = versions[-1].id if versions else ""
    partial = ""
    if pairs is not None:
        current = next((v.id for v in versions if v.status is Status.CURRENT), newer)
        listed = " ".join(f"{versions[i].id}..{versions[j].id}" for i, j in pairs)
        partial = (f' data-pairs="{escape(listed)}" data-current="{escape(current)}"'
                   f' data-msg-partial="{escape(t(lang, "compare_partial"))}"'
                   f' data-msg-with-current="{escape(t(lang, "compare_with_current"))}"')
    form = (
        f'<p>{escape(t(lang, "compare_intro"))}</p>'
        f'<form class="pn-compare" data-fragments="./" data-default-from="{escape(older)}" '
        f'data-default-to="{escape(newer)}"{partial}>'
        f'<label>{escape(t(lang, "compare_from"))} <select name="from">{options}</select></label> '
        f'<label>{escape(t(lang, "compare_to"))} <select name="to">{options}</select></label> '
        f'<button type="submit" class="md-button">{escape(t(lang, "compare_show"))}</button>'
        f"</form><noscript><p>{escape(t(lang, 'compare_noscript'))}</p></noscript>"
        f'<div class="pn-compare-result" aria-live="polite"></div>'
    )
    page_title = t(lang, "compare_title", title=title)
    markdown = _front(page_title, False) + f"# {markdown_text(page_title)}\n\n{SLOT.format(0)}\n"
    return GeneratedPage(_src(url), url, markdown, (form,), dict(alternates))


def draft_page(latest: SiteVersion, draft_text: str, lang: str, url: str,
               redline_html: str) -> GeneratedPage:
    banner = (f'<div class="pn-banner pn-banner-draft" role="alert"><p><strong>'
              f'{escape(t(lang, "draft_banner"))}</strong></p></div>'
              f'<h2 id="pn-redline">{escape(t(lang, "redline"))}</h2>{redline_html}')
    title = t(lang, "draft_title", title=latest.policy_title)
    markdown = _front(title, False) + _with_slot_after_title(draft_text, latest.policy_title, 0)
    return GeneratedPage(_src(url), url, markdown, (banner,), {lang: url})


def subscribe_page(links: Sequence, lang: str, url: str,
                   alternates: Mapping[str, str]) -> GeneratedPage:
    """Feeds and the calendar of one language, for readers and their tools."""
    items = "".join(
        f'<li>{_a(rel(link.path, url), link.title)} '
        f'<code>{escape(link.href)}</code></li>'
        for link in links
    )
    body = f'<p>{escape(t(lang, "subscribe_intro"))}</p><ul class="pn-feeds">{items}</ul>'
    title = t(lang, "subscribe")
    markdown = _front(title, False) + f"# {markdown_text(title)}\n\n{SLOT.format(0)}\n"
    return GeneratedPage(_src(url), url, markdown, (body,), dict(alternates))
