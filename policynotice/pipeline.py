"""versions -> pairs -> classifications -> the site model, computed once.

mkdocs-static-i18n runs the whole MkDocs build once per language; the plugin
calls `load_site` in every run, and the result is memoised on a fingerprint
of everything it depends on, so git is read and every pair classified once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Mapping

from .cache import (
    LEGACY_DIR, ContentCache, code_version, dump_classification, load_classification,
)
from .cache import batch as cache_batch
from .classify.rules import classify_texts, combine_languages
from .config import SiteConfig
from .errors import PolicyNoticeError
from .models import (
    ChangeClass, Classification, Finding, PolicyConfig, PolicyHistory, SiteVersion, Status,
    Version, VersionUrls,
)
from .notice.dates import assess_dates
from .notice.profiles import resolve_profile
from .sources.git import GitRepo
from .sources.history import log_path, read_policy_history
from .document import title_of
from .sources.repofiles import not_a_file, scan_tree


@dataclass(frozen=True)
class VersionAssessment:
    """One version across languages: its class, why, and its notice dates."""

    version: str
    classification: Classification | None  # combined over languages; None for the first
    per_language: Mapping[str, Classification]  # each language's own reasons, for display
    change_class: ChangeClass | None  # after a release-log override
    required_days: int | None
    earliest_effective: date | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class PolicySite:
    policy: PolicyConfig
    history: PolicyHistory
    titles: Mapping[str, str]  # lang -> title of the latest text
    assessments: Mapping[str, VersionAssessment]  # version id -> assessment
    versions: Mapping[str, tuple[SiteVersion, ...]]  # lang -> shown versions, oldest first

    def shown(self, lang: str) -> tuple[SiteVersion, ...]:
        return self.versions.get(lang, ())

    def in_force(self, lang: str) -> SiteVersion | None:
        return next((v for v in reversed(self.shown(lang)) if v.status is Status.CURRENT), None)

    def upcoming(self, lang: str) -> tuple[SiteVersion, ...]:
        return tuple(v for v in self.shown(lang) if v.status is Status.UPCOMING)


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    today: date
    policies: tuple[PolicySite, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


def policy_base(policy: PolicyConfig) -> str:
    """URL path of a policy inside a language, e.g. "privacy"."""
    return policy.file[: -len(".md")]


def version_urls(config: SiteConfig, policy: PolicyConfig, lang: str, version: str,
                 has_previous: bool) -> VersionUrls:
    base = f"{config.prefix(lang)}{policy_base(policy)}/"
    return VersionUrls(
        page=f"{base}{version}/",
        changes=f"{base}{version}/changes/" if has_previous else None,
        history=f"{base}history/",
        compare=f"{base}compare/",
        current=base,
    )


def check_repository_files(config: SiteConfig, repo: GitRepo, rev: str = "HEAD") -> None:
    """Refuse links, pipes, devices and submodules under docs/ and versions/,
    in the working tree (MkDocs copies docs/ into the site, following links)
    and in git. Runs before anything is read or built."""
    folders = [config.docs_dir, config.versions_dir]
    for folder in folders:
        scan_tree(config.root, folder)
    special = repo.special_files(rev, folders)
    if special:
        raise not_a_file(special[0][0], special[0][1], " in git")
    check_cache_not_tracked(config, repo)


def check_cache_not_tracked(config: SiteConfig, repo: GitRepo) -> None:
    """A cache that came from git is an attacker's: refuse a repository that
    tracks files in the old default cache folder or in a cache_dir inside it."""
    folders = [LEGACY_DIR]
    if config.cache_dir is not None:
        try:
            inside = Path(config.cache_dir).resolve().relative_to(Path(config.root).resolve())
            folders.append(inside.as_posix())
        except ValueError:
            pass  # outside the repository
    for folder in folders:
        tracked = repo.tracked(folder) if folder not in ("", ".") else []
        if tracked:
            raise PolicyNoticeError(
                f"{tracked[0]} is a cache file committed to git; a cache is never taken from "
                f"the repository",
                hint=f"remove it with 'git rm -r --cached {folder}' and add {folder}/ to "
                     f".gitignore",
            )


def build_site_model(config: SiteConfig, today: date, *, worktree: bool = True,
                     rev: str = "HEAD", repo: GitRepo | None = None) -> SiteModel:
    repo = repo or GitRepo(config.root)
    check_repository_files(config, repo, rev)
    langs = config.language_codes
    sites = []
    findings: list[Finding] = []
    for policy in config.policies:
        history = read_policy_history(repo, policy, langs, docs_dir=config.docs_dir,
                                      versions_dir=config.versions_dir, rev=rev,
                                      worktree=worktree, cache=ContentCache(config.cache_dir))
        site = assemble_policy(config, history, today)
        findings.extend(history.findings)
        for assessment in site.assessments.values():
            findings.extend(assessment.findings)
        sites.append(site)
    return SiteModel(config, today, tuple(sites), tuple(findings))


def assess_versions(config: SiteConfig, history: PolicyHistory,
                    today: date | None = None,
                    only: set[str] | None = None) -> dict[str, VersionAssessment]:
    """Classify every version against its predecessor in each language and
    check its dates against the policy's notice profile. With `only`, just
    those versions (the gate's: what a pull request adds; published ones are
    evidence, checked for being unchanged, not re-classified)."""
    profile = resolve_profile(history.policy.profile, config.notice_profiles,
                              reading=config.notice_reading, timezone=config.timezone)
    cache = ContentCache(config.cache_dir)
    code = code_version("classify.rules")

    def classify(old: str, new: str, lang: str) -> Classification:
        key = cache.key(code, lang, str(config.processors_material), old, new)
        return cache.memo(
            "classify", key,
            lambda: classify_texts(old, new, lang, processors_material=config.processors_material),
            dump_classification, load_classification)

    by_id: dict[str, dict[str, Version]] = {}
    for lang, versions in history.versions.items():
        for v in versions:
            by_id.setdefault(v.id, {})[lang] = v
    result: dict[str, VersionAssessment] = {}
    previous: dict[str, Version] | None = None
    for entry in history.log.entries:
        current = by_id.get(entry.version, {})
        if only is not None and entry.version not in only:
            pass
        elif previous is None:
            result[entry.version] = VersionAssessment(entry.version, None, {}, None, None, None)
        else:
            per_lang = {
                lang: classify(previous[lang].text, current[lang].text, lang)
                for lang in current if lang in previous
            }
            combined = combine_languages(per_lang) if per_lang else None
            computed = combined.change_class if combined else ChangeClass.ORDINARY
            change_class, override_findings = _apply_override(history, entry, computed,
                                                               config.versions_dir)
            days = profile.days(change_class, entry.notice_date)
            why = _main_reason(combined, config.governing_language)
            date_findings = tuple(
                Finding(f.severity, f.code,
                        f"{log_path(config.versions_dir, history.policy)}: {f.message}"
                        + (f" — {why}" if why and f.code == "notice-too-short" else ""),
                        history.policy.id)
                for f in assess_dates(entry, change_class, profile, today)
            )
            result[entry.version] = VersionAssessment(
                entry.version, combined, per_lang, change_class, days,
                profile.earliest_effective(entry.notice_date, change_class),
                override_findings + date_findings,
            )
        previous = current or previous
    return result


def _main_reason(c: Classification | None, governing: str) -> str:
    """The change that made a version material, for the one-line error."""
    from .classify.labels import describe_reason

    if c is None:
        return ""
    material = [r for r in c.reasons if r.material]
    preferred = [r for r in material if getattr(r, "lang", governing) == governing] or material
    return f"material because: {describe_reason(preferred[0], 'en')}" if preferred else ""


def _apply_override(history: PolicyHistory, entry, computed: ChangeClass, versions_dir: str
                    ) -> tuple[ChangeClass, tuple[Finding, ...]]:
    override = entry.class_override
    if override is None or override is computed:
        return computed, ()
    if override.rank > computed.rank:
        return override, ()  # escalating is always allowed
    if not entry.justification:
        return computed, (Finding(
            "error", "unjustified-override",
            f"{log_path(versions_dir, history.policy)}:{entry.line}: version {entry.version} lowers a "
            f"material change to ordinary without a 'justification'; add a justification in "
            f"every language (it is published) or remove 'class: ordinary'",
            history.policy.id,
        ),)
    return override, ()


def assemble_policy(config: SiteConfig, history: PolicyHistory, today: date) -> PolicySite:
    assessments = assess_versions(config, history)
    versions: dict[str, tuple[SiteVersion, ...]] = {}
    titles: dict[str, str] = {}
    for lang, all_versions in history.versions.items():
        # A version appears on the site from its notice date on: an entry
        # merged early is published by the daily build on that day.
        noticed = [v for v in all_versions if v.entry.notice_date <= today]
        in_force = [v for v in noticed if v.entry.effective_date <= today]
        current_id = in_force[-1].id if in_force else None
        shown = []
        for i, v in enumerate(noticed):
            previous = noticed[i - 1] if i else None
            following = noticed[i + 1] if i + 1 < len(noticed) else None
            if v.entry.effective_date > today:
                status = Status.UPCOMING
            elif v.id == current_id:
                status = Status.CURRENT
            else:
                status = Status.ARCHIVED
            assessment = assessments.get(v.id)
            shown.append(SiteVersion(
                policy=history.policy.id,
                policy_title=v.title or title_of(v.text) or history.policy.id,
                lang=lang,
                version=v,
                previous=previous,
                classification=assessment.per_language.get(lang) if assessment and previous else None,
                change_class=assessment.change_class if assessment and previous else None,
                status=status,
                in_force_until=(following.entry.effective_date - timedelta(days=1)
                                if following else None),
                urls=version_urls(config, history.policy, lang, v.id, previous is not None),
            ))
        versions[lang] = tuple(shown)
        latest = all_versions[-1] if all_versions else None
        titles[lang] = (latest and (latest.title or title_of(latest.text))) or history.policy.id
    return PolicySite(history.policy, history, titles, assessments, versions)


def fingerprint(config: SiteConfig, today: date, repo: GitRepo) -> str:
    """Everything the site model depends on: HEAD, the working-tree bytes of
    the release logs and policy texts, the configuration and the date."""
    h = hashlib.sha256()
    h.update(repr((config, today.isoformat(), repo.resolve("HEAD"))).encode())
    for policy in config.policies:
        paths = [f"{config.versions_dir}/{policy.id}.yml"] + [
            f"{config.docs_dir}/{lang}/{policy.file}" for lang in config.language_codes
        ]
        for path in paths:
            h.update(path.encode())
            h.update(repo.read_worktree(path) or b"\x00missing")
    return h.hexdigest()


_MEMO: dict[str, SiteModel] = {}


def load_site(config: SiteConfig, today: date) -> SiteModel:
    repo = GitRepo(config.root)
    # Before the memo: `mkdocs serve` may see a link appear between rebuilds.
    check_repository_files(config, repo)
    key = fingerprint(config, today, repo)
    if key not in _MEMO:
        _MEMO.clear()  # one site at a time; `mkdocs serve` rebuilds replace it
        with cache_batch():  # one pack per kind for the classifications
            _MEMO[key] = build_site_model(config, today, repo=repo)
        release_classification_memos()
    return _MEMO[key]


def release_classification_memos() -> None:
    """Every pair is classified once the site model exists: free the
    classifier's per-text memos (section texts and their units) for the
    rendering phase. They are bounded lru caches; this only returns their
    memory early."""
    from .classify import changes, lexicon, units

    changes._normalised.cache_clear()
    lexicon._categories_in.cache_clear()
    units.units_of.cache_clear()
