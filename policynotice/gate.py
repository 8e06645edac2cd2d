"""The pull-request gate behind `policynotice check`.

For each policy: what the pull request adds (versions new since the base),
each new version's class with its reasons, the notice it needs and the
earliest lawful effective date; and every finding: history problems, date
violations, translations left behind, published versions altered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .cache import ContentCache
from .config import SiteConfig
from .errors import ReleaseLogError
from .models import Finding, PolicyHistory
from .pipeline import VersionAssessment, assess_versions, check_repository_files
from .sources.git import GitRepo
from .sources.history import compare_published, read_policy_history


@dataclass(frozen=True)
class VersionReport:
    policy: str
    assessment: VersionAssessment
    notice_date: date
    effective_date: date
    new: bool  # added since the base revision


@dataclass(frozen=True)
class CheckReport:
    base: str | None
    today: date
    governing: str  # the language whose reasons the text and Markdown forms show
    versions: tuple[VersionReport, ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


def run_check(config: SiteConfig, today: date, base: str | None = None,
              repo: GitRepo | None = None) -> CheckReport:
    repo = repo or GitRepo(config.root)
    check_repository_files(config, repo)
    langs = config.language_codes
    reports: list[VersionReport] = []
    findings: list[Finding] = []
    for policy in config.policies:
        head = read_policy_history(repo, policy, langs, docs_dir=config.docs_dir,
                                   versions_dir=config.versions_dir, worktree=True,
                                   cache=ContentCache(config.cache_dir))
        findings.extend(head.findings)
        old = _base_history(repo, config, policy, base) if base else None
        new_ids = {e.version for e in head.log.entries}
        if old is not None:
            findings.extend(compare_published(old, head))
            new_ids -= {e.version for e in old.log.entries}
        # Only versions new in this pull request can still be dated
        # correctly, so only they are held to "not retroactive".
        assessments = assess_versions(config, head, today if base else None)
        for entry in head.log.entries:
            is_new = entry.version in new_ids
            a = assessments[entry.version]
            if base is None or is_new:
                reports.append(VersionReport(policy.id, a, entry.notice_date,
                                             entry.effective_date, is_new and base is not None))
                findings.extend(a.findings)
        findings.extend(_lagging(head, new_ids if base else None, config.governing_language))
    return CheckReport(base, today, config.governing_language, tuple(reports), tuple(findings))


def _base_history(repo: GitRepo, config: SiteConfig, policy, base: str) -> PolicyHistory | None:
    rev = repo.resolve(base)
    if rev is None:
        return None
    try:
        return read_policy_history(repo, policy, config.language_codes,
                                   docs_dir=config.docs_dir, versions_dir=config.versions_dir,
                                   rev=rev, worktree=False, cache=ContentCache(config.cache_dir))
    except ReleaseLogError:
        return None  # the policy did not exist at the base revision


def _lagging(history: PolicyHistory, only: set[str] | None, governing: str) -> list[Finding]:
    """A section changed in one language but not in another: a translation
    was left behind. An error, since a published version is on main."""
    from .classify.rules import lagging_translations

    findings: list[Finding] = []
    entries = history.log.entries
    for prev, cur in zip(entries, entries[1:]):
        if only is not None and cur.version not in only:
            continue
        old = {lang: v.text for lang, vs in history.versions.items() for v in vs
               if v.id == prev.version}
        new = {lang: v.text for lang, vs in history.versions.items() for v in vs
               if v.id == cur.version}
        for lag in lagging_translations(old, new, governing=governing):
            findings.append(Finding(
                "error", "lagging-translation",
                f"version {cur.version} of '{history.policy.id}': section '{lag.section}' "
                f"changed in {lag.other_lang} but not in {lag.lang}; update the {lag.lang} "
                f"translation in the same pull request",
                history.policy.id,
            ))
    return findings
