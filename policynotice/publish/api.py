"""The machine-readable view of published versions: `changes.json` per
language, and the facts every notice format shares — a version's stable id,
its absolute addresses, its notice moment and the period it is in force.

Feeds, the calendar and the email drafts import these helpers so that a
version has one identity everywhere (a reader that sees an entry in the RSS
feed and an event in the calendar sees the same id and the same dates).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..errors import ConfigError
from ..models import SiteVersion
from .notice_strings import reason_text

# The date part of our tag URIs (RFC 4151). It must never change once
# published, or every reader would see every entry again.
TAG_DATE = "2024"

IN_FORCE_RULE = (
    "To find the version of a policy in force on a day D (an ISO calendar date in the "
    "site's time zone), take policies[<policy>].periods and pick the period with "
    "from <= D and (until is null or D <= until); 'until' is inclusive. No period "
    "matches a day before the first version took effect. policynotice.publish.api."
    "in_force_on(changes, policy, day) does exactly this."
)


def require_site_url(site_url: str) -> str:
    """Notices are read outside the site (feed readers, calendars, mail
    clients), so every link in them must be absolute."""
    if not site_url or not urlsplit(site_url).netloc:
        raise ConfigError(
            f"site_url is {site_url!r}; feeds, the calendar, email drafts and changes.json "
            f"need absolute links",
            path="mkdocs.yml", hint="set site_url: https://example.com/",
        )
    return site_url if site_url.endswith("/") else site_url + "/"


def absolute_url(site_url: str, path: str | None) -> str | None:
    """A site-root-relative path ("en/privacy/2025-03-08/") made absolute,
    keeping any sub-path of site_url (https://example.com/policies/)."""
    if path is None:
        return None
    return require_site_url(site_url) + path.lstrip("/")


def site_host(site_url: str) -> str:
    """The DNS name used as the authority of tag URIs, calendar UIDs and
    Message-IDs (no port, no user info)."""
    return (urlsplit(require_site_url(site_url)).hostname or "").lower()


def language_prefix(versions: Sequence[SiteVersion], lang: str, default_lang: str = "ko") -> str:
    """"" for the default language, "<lang>/" otherwise. Read from the
    versions' own URLs (the build decided them); `default_lang` only decides
    when there are no versions to look at."""
    mine = [v for v in versions if v.lang == lang]
    if mine:
        return f"{lang}/" if mine[0].urls.current.startswith(f"{lang}/") else ""
    return "" if lang == default_lang else f"{lang}/"


def notice_moment(day: date, timezone: str) -> datetime:
    """Midnight at the start of a calendar day in the site's time zone: the
    publication time of a notice. Never the build time, so output is stable."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone))


def version_tag(v: SiteVersion, site_url: str) -> str:
    """tag:<host>,2024:policynotice/<policy>/<version>/<lang> — built from ids
    only, never from file paths or URLs, so renames do not change it."""
    return f"tag:{site_host(site_url)},{TAG_DATE}:policynotice/{v.policy}/{v.version.id}/{v.lang}"


def newest_first(versions: Sequence[SiteVersion]) -> list[SiteVersion]:
    """Newest notice first; ties (same notice date) broken by effective date,
    then policy and version id, so the order never depends on input order."""
    return sorted(
        versions,
        key=lambda v: (v.entry.notice_date, v.entry.effective_date, v.policy, v.version.id),
        reverse=True,
    )


def _by_policy(versions: Sequence[SiteVersion]) -> dict[str, list[SiteVersion]]:
    """Versions grouped by policy, each oldest (first in force) first."""
    groups: dict[str, list[SiteVersion]] = {}
    for v in versions:
        groups.setdefault(v.policy, []).append(v)
    for group in groups.values():
        group.sort(key=lambda v: (v.entry.effective_date, v.entry.notice_date, v.version.id))
    return dict(sorted(groups.items()))


def periods(group: Sequence[SiteVersion]) -> list[dict[str, str | None]]:
    """[{version, from, until}] for one policy's versions (oldest first).
    A version runs until the day before its successor takes effect."""
    out: list[dict[str, str | None]] = []
    for i, v in enumerate(group):
        if i + 1 < len(group):
            until: date | None = group[i + 1].entry.effective_date - timedelta(days=1)
        else:
            until = v.in_force_until
        out.append({
            "version": v.version.id,
            "from": v.entry.effective_date.isoformat(),
            "until": until.isoformat() if until else None,
        })
    return out


def _version_record(v: SiteVersion, lang: str, site_url: str) -> dict[str, Any]:
    reasons = v.classification.reasons if v.classification else ()
    return {
        "id": version_tag(v, site_url),
        "policy": v.policy,
        "title": v.policy_title,
        "version": v.version.id,
        "previous_version": v.previous.id if v.previous else None,
        "notice_date": v.entry.notice_date.isoformat(),
        "effective_date": v.entry.effective_date.isoformat(),
        "class": v.change_class.value if v.change_class else None,
        "needs_consent": any(r.needs_consent for r in reasons),
        "reasons": [
            {
                "category": r.category,
                "section": r.section,
                "kind": r.kind,
                "excerpt": r.excerpt,
                "material": r.material,
                "needs_consent": r.needs_consent,
                "description": reason_text(r, lang),
            }
            for r in reasons
        ],
        "summary": v.entry.summary.get(lang, ""),
        "reason": v.entry.reason.get(lang, ""),
        "justification": v.entry.justification.get(lang) or None,
        "status": v.status.value,
        "urls": {
            "page": absolute_url(site_url, v.urls.page),
            "changes": absolute_url(site_url, v.urls.changes),
            "history": absolute_url(site_url, v.urls.history),
            "compare": absolute_url(site_url, v.urls.compare),
            "current": absolute_url(site_url, v.urls.current),
        },
    }


def render_changes_json(versions: Sequence[SiteVersion], *, lang: str, site_url: str,
                        timezone: str | None = None) -> dict[str, bytes]:
    """{"<prefix>api/changes.json": bytes}: every version of every policy in
    `lang`, with per-policy periods for finding the version in force.
    `timezone`, when given, is recorded: the dates are calendar dates there."""
    mine = [v for v in versions if v.lang == lang]
    groups = _by_policy(mine)
    doc = {
        "format": "policynotice-changes/1",
        "lang": lang,
        "in_force_rule": IN_FORCE_RULE,
        "timezone": timezone,
        "policies": {
            policy: {
                "title": group[-1].policy_title,
                "history_url": absolute_url(site_url, group[-1].urls.history),
                "current_url": absolute_url(site_url, group[-1].urls.current),
                "periods": periods(group),
            }
            for policy, group in groups.items()
        },
        "versions": [_version_record(v, lang, site_url)
                     for group in groups.values() for v in group],
    }
    body = json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    return {f"{language_prefix(versions, lang)}api/changes.json": body.encode("utf-8")}


def in_force_on(changes: Mapping[str, Any], policy: str, day: date | str) -> str | None:
    """The version id of `policy` in force on `day` according to a loaded
    changes.json, or None when no version was in force yet (or the policy is
    unknown). The rule is spelled out in the document's "in_force_rule"."""
    when = (date.fromisoformat(day) if isinstance(day, str) else day).isoformat()
    found = None
    for period in changes.get("policies", {}).get(policy, {}).get("periods", []):
        # ISO dates compare correctly as strings.
        if period["from"] <= when and (period["until"] is None or when <= period["until"]):
            found = period["version"]
    return found
