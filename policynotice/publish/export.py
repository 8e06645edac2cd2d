"""What the command line reads from the site model without building the
site: the version in force on a date (`policynotice show`) and the dataset
export (`policynotice export`).

Both render through the same functions as the site (publish/api.py,
publish/rawtext.py), from the same site model (pipeline.load_site), so a
lookup here, the site's changes.json and its version pages agree.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import PolicyNoticeError, UsageError
from ..models import SiteVersion
from ..pipeline import PolicySite, SiteModel
# The build's own rules: what stops it, and the versions as notices see them.
from ..plugin import FATAL_CODES, _without_controls
from .api import (changes_document, dump_json, in_force_on, periods, render_schemas,
                  require_site_url, source_commit, version_record)
from .rawtext import text_bytes, text_sha256

EXPORT_FORMAT = "policynotice-export/1"
# Every zip entry gets this timestamp (the earliest a zip can hold): the same
# repository and --today give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def published(model: SiteModel, lang: str | None = None) -> list[SiteVersion]:
    """The versions as the site's notices and API see them (no control
    characters in summaries, reasons, titles), in one language or all."""
    langs = [lang] if lang else list(model.config.language_codes)
    return [_without_controls(v) for site in model.policies for code in langs
            for v in site.shown(code)]


def require_buildable(model: SiteModel) -> None:
    """Refuse what the build refuses: the same first fatal finding."""
    fatal = [f for f in model.findings if f.is_error and f.code in FATAL_CODES]
    if fatal:
        raise PolicyNoticeError(fatal[0].message)


# -- show -----------------------------------------------------------------
@dataclass(frozen=True)
class Lookup:
    policy: str
    lang: str
    day: date
    version: SiteVersion
    period: dict[str, str | None]


def find_policy(model: SiteModel, policy: str) -> PolicySite:
    known = [site.policy.id for site in model.policies]
    for site in model.policies:
        if site.policy.id == policy:
            return site
    raise UsageError(f"unknown policy {policy!r}; expected one of: {', '.join(known)} "
                     f"(the ids under 'policies:' in mkdocs.yml)")


def in_force(model: SiteModel, policy: str, lang: str, day: date) -> Lookup:
    """The version of `policy` in `lang` in force on `day`, found exactly as a
    client finds it in changes.json: by the periods and in_force_on."""
    site = find_policy(model, policy)
    if lang not in model.config.language_codes:
        raise UsageError(f"--lang {lang!r} is not a language of this site; expected one of: "
                         f"{', '.join(model.config.language_codes)}")
    shown = site.shown(lang)
    spans = periods(shown)
    found = in_force_on({"policies": {policy: {"periods": spans}}}, policy, day)
    if found is None:
        if not shown:
            raise PolicyNoticeError(
                f"{policy} has no version announced by {model.today.isoformat()} in {lang}",
                path=f"{model.config.versions_dir}/{policy}.yml",
                hint="add a release-log entry, or pass a later --today")
        raise PolicyNoticeError(
            f"no version of {policy} was in force on {day.isoformat()}; the first "
            f"({shown[0].id}) took effect on {shown[0].entry.effective_date.isoformat()}",
            hint="pass a later --on date")
    version = _without_controls(next(v for v in shown if v.id == found))
    return Lookup(policy, lang, day, version, next(p for p in spans if p["version"] == found))


def show_json(model: SiteModel, found: Lookup) -> dict[str, Any]:
    """The lookup as `show --format json` prints it: the version's changes.json
    record (site-root-relative URLs when mkdocs.yml has no site_url), its
    period, and the text."""
    config = model.config
    site_url = config.site_url if _has_host(config.site_url) else None
    v = found.version
    site = find_policy(model, v.policy)
    same = {code: _without_controls(x) for code in config.language_codes
            for x in site.shown(code) if x.id == v.id}
    return {
        "on": found.day.isoformat(),
        "as_of": model.today.isoformat(),
        "timezone": config.timezone,
        "governing_language": config.governing_language,
        "period": found.period,
        "version": version_record(v, found.lang, site_url, same),
        "text": text_bytes(v).decode("utf-8"),
    }


def _has_host(site_url: str) -> bool:
    try:
        require_site_url(site_url)
    except PolicyNoticeError:
        return False
    return True


# -- export ---------------------------------------------------------------
def export_entries(model: SiteModel) -> dict[str, bytes]:
    """Every file of the dataset, by its path inside the zip:

    - texts/<lang>/<policy>/<version>.md  every published version's raw text
    - changes/<lang>.json                 the site's changes.json of each language
    - schemas/<name>.schema.json          the JSON Schemas
    - index.json                          what is where, with SHA-256, the commit and
                                          the file in it that each text comes from
    """
    config = model.config
    everyone = published(model)
    files: dict[str, bytes] = {}
    texts = []
    for v in everyone:
        path = f"texts/{v.lang}/{v.policy}/{v.id}.md"
        files[path] = text_bytes(v)
        texts.append({"policy": v.policy, "version": v.id, "lang": v.lang, "path": path,
                      "sha256": text_sha256(v), "commit": source_commit(v),
                      "source": v.version.path})
    changes = {}
    for lang in config.language_codes:
        doc = changes_document(everyone, lang=lang, site_url=config.site_url,
                               today=model.today, timezone=config.timezone,
                               governing_language=config.governing_language)
        changes[lang] = f"changes/{lang}.json"
        files[changes[lang]] = dump_json(doc)
    for path, body in render_schemas().items():
        files[f"schemas/{path.rsplit('/', 1)[1]}"] = body
    files["index.json"] = dump_json({
        "format": EXPORT_FORMAT,
        "as_of": model.today.isoformat(),
        "timezone": config.timezone,
        "site_url": config.site_url,
        "governing_language": config.governing_language,
        "languages": list(config.language_codes),
        "changes": changes,
        "schemas": {name: f"schemas/{name}.schema.json" for name in ("changes", "release-log")},
        "texts": sorted(texts, key=lambda t: (t["policy"], t["lang"], t["path"])),
    })
    return files


def export_zip(model: SiteModel) -> bytes:
    """A deterministic zip: entries sorted by name, one fixed timestamp, fixed
    permissions and compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(export_entries(model).items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below are read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
