"""The machine-readable view of published versions: `changes.json` per
language, and the facts every notice format shares — a version's stable id,
its absolute addresses, its notice moment and the period it is in force.

Feeds, the calendar and the email drafts import these helpers so that a
version has one identity everywhere (a reader that sees an entry in the RSS
feed and an event in the calendar sees the same id and the same dates).
"""

from __future__ import annotations

import json
from importlib import resources
from datetime import date, datetime, time
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..errors import ConfigError
from ..models import SiteVersion, Status
from ..sources.history import WORKTREE
from .notice_strings import reason_text
from .rawtext import text_path, text_sha256

# The date part of our tag URIs (RFC 4151). It must never change once
# published, or every reader would see every entry again.
TAG_DATE = "2024"

FORMAT = "policynotice-changes/2"  # the number changes only when a field changes meaning

IN_FORCE_RULE = (
    "To find the version of a policy in force on a day D (an ISO calendar date in the "
    "site's time zone, see 'timezone'), take policies[<policy>].periods and pick the period "
    "with from <= D and (until is null or D <= until); 'until' is inclusive and the periods "
    "are contiguous, oldest first. No period matches a day before the first version took "
    "effect. The answer holds for what was announced by 'as_of': a version announced later "
    "is not listed yet. policynotice.publish.api.in_force_on(changes, policy, day) does "
    "exactly this."
)

# Where the schemas are published on the site (and their names in the package).
SCHEMA_PATHS = {
    "changes": "api/schema/changes.schema.json",
    "release-log": "api/schema/release-log.schema.json",
}


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
    """[{version, from, until}] for one policy's versions (oldest first), as
    the site model computed them: a version runs until the day before its
    successor takes effect (open when none is announced)."""
    return [{
        "version": v.version.id,
        "from": v.entry.effective_date.isoformat(),
        "until": v.in_force_until.isoformat() if v.in_force_until else None,
    } for v in group]


def change_kind(v: SiteVersion) -> str:
    """"first", "ordinary" or "material", as the feeds and pages say."""
    return v.change_class.value if v.change_class else "first"


def latest_material(group: Sequence[SiteVersion]) -> SiteVersion | None:
    """The newest version users must have accepted: the latest material
    version that has taken effect (current or archived), or the first
    version when no later one is material; None before the first takes effect."""
    found = None
    for v in group:
        if v.status is not Status.UPCOMING and change_kind(v) in ("first", "material"):
            found = v
    return found


def _link(site_url: str | None, path: str | None) -> str | None:
    """Absolute with a site_url; site-root-relative without one (only the
    command line asks for that: changes.json always has a site_url)."""
    return absolute_url(site_url, path) if site_url is not None else path


def source_commit(v: SiteVersion) -> str | None:
    """The commit whose file this text is; None for a text not committed yet."""
    return None if v.version.commit == WORKTREE else v.version.commit


def version_record(v: SiteVersion, lang: str, site_url: str | None,
                   same: Mapping[str, SiteVersion] | None = None) -> dict[str, Any]:
    """One version in one language as changes.json lists it. `same`: this
    version in every language (lang -> SiteVersion), for the `texts` map."""
    reasons = v.classification.reasons if v.classification else ()
    same = same if same is not None else {lang: v}
    return {
        "id": version_tag(v, site_url) if site_url is not None else None,
        "policy": v.policy,
        "title": v.policy_title,
        "version": v.version.id,
        "previous_version": v.previous.id if v.previous else None,
        "notice_date": v.entry.notice_date.isoformat(),
        "effective_date": v.entry.effective_date.isoformat(),
        "in_force_until": v.in_force_until.isoformat() if v.in_force_until else None,
        "class": change_kind(v),
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
        "text_url": _link(site_url, text_path(v)),
        "sha256": text_sha256(v),
        "commit": source_commit(v),
        "texts": {
            code: {"url": _link(site_url, text_path(other)), "sha256": text_sha256(other),
                   "commit": source_commit(other)}
            for code, other in sorted(same.items())
        },
        "urls": {
            "page": _link(site_url, v.urls.page),
            "changes": _link(site_url, v.urls.changes),
            "history": _link(site_url, v.urls.history),
            "compare": _link(site_url, v.urls.compare),
            "current": _link(site_url, v.urls.current),
        },
    }


def policy_record(group: Sequence[SiteVersion], site_url: str | None,
                  governing_language: str) -> dict[str, Any]:
    """A policy's pointers and periods; `group` is its versions in one
    language, oldest first, with the statuses the site model gave them."""
    current = next((v for v in reversed(group) if v.status is Status.CURRENT), None)
    upcoming = next((v for v in group if v.status is Status.UPCOMING), None)
    material = latest_material(group)
    return {
        "title": group[-1].policy_title,
        "history_url": _link(site_url, group[-1].urls.history),
        "current_url": _link(site_url, group[-1].urls.current),
        "governing_language": governing_language,
        "in_force": current.id if current else None,
        "next": upcoming.id if upcoming else None,
        "latest_material": material.id if material else None,
        "periods": periods(group),
    }


def changes_document(versions: Sequence[SiteVersion], *, lang: str, site_url: str,
                     today: date, timezone: str, governing_language: str) -> dict[str, Any]:
    """changes.json for `lang` as a dict. `versions` may hold every language
    (each record then lists the same version's text in all of them);
    `today` and `timezone` are the date the statuses were computed for."""
    site_url = require_site_url(site_url)
    mine = [v for v in versions if v.lang == lang]
    by_key: dict[tuple[str, str], dict[str, SiteVersion]] = {}
    for v in versions:
        by_key.setdefault((v.policy, v.version.id), {})[v.lang] = v
    groups = _by_policy(mine)
    return {
        "format": FORMAT,
        "schema": absolute_url(site_url, SCHEMA_PATHS["changes"]),
        "lang": lang,
        "as_of": today.isoformat(),
        "timezone": timezone,
        "in_force_rule": IN_FORCE_RULE,
        "policies": {policy: policy_record(group, site_url, governing_language)
                     for policy, group in groups.items()},
        "versions": [version_record(v, lang, site_url, by_key[(v.policy, v.version.id)])
                     for group in groups.values() for v in group],
    }


def dump_json(doc: Any) -> bytes:
    """The one serialisation: sorted keys, UTF-8, two-space indent, final newline."""
    return (json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def changes_json_path(versions: Sequence[SiteVersion], lang: str) -> str:
    return f"{language_prefix(versions, lang)}api/changes.json"


def render_changes_json(versions: Sequence[SiteVersion], *, lang: str, site_url: str,
                        today: date, timezone: str, governing_language: str) -> dict[str, bytes]:
    """{"<prefix>api/changes.json": bytes}: every version of every policy in
    `lang`, with per-policy pointers and periods for finding the version in force."""
    doc = changes_document(versions, lang=lang, site_url=site_url, today=today,
                           timezone=timezone, governing_language=governing_language)
    return {changes_json_path(versions, lang): dump_json(doc)}


def schema_bytes(name: str) -> bytes:
    """A shipped JSON Schema ("changes" or "release-log"), as published."""
    return (resources.files("policynotice") / "schemas" / f"{name}.schema.json").read_bytes()


def render_schemas() -> dict[str, bytes]:
    """The schemas at their site addresses (once, at the site root)."""
    return {path: schema_bytes(name) for name, path in SCHEMA_PATHS.items()}


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
