"""The pull-request gate behind `policynotice check`.

For each policy: what the pull request adds (versions new since the base),
each new version's class with its reasons, the notice it needs and the
earliest lawful effective date; and every finding: history problems, date
violations, translations left behind, published versions altered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cache import ContentCache
from .cache import batch as cache_batch
from .config import GOVERNING_OPTIONS, GOVERNING_TOP, SiteConfig, raw_site_options
from .errors import PolicyNoticeError, ReleaseLogError
from .sources.repofiles import read_regular
from .sources.text import find_invisible
from .models import Finding, PolicyHistory
from .pipeline import VersionAssessment, assess_versions, check_repository_files
from .sources.git import GitRepo
from .sources.history import compare_published, policy_path, read_policy_history


@dataclass(frozen=True)
class VersionReport:
    policy: str
    assessment: VersionAssessment
    notice_date: date
    effective_date: date
    new: bool  # added since the base revision
    log_path: str = ""  # the release log, for annotations
    line: int | None = None  # the entry's line in it


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
    with cache_batch():  # the entries this check makes: one pack file per kind
        return _run_check(config, today, base, repo)


def _run_check(config: SiteConfig, today: date, base: str | None,
               repo: GitRepo | None) -> CheckReport:
    repo = repo or GitRepo(config.root)
    check_repository_files(config, repo)
    langs = config.language_codes
    reports: list[VersionReport] = []
    findings: list[Finding] = []
    base_rev = repo.resolve(base) if base else None
    if base_rev:
        findings.extend(_config_changes(repo, config, base_rev))
    reachable = repo.reachable("HEAD") if base_rev else None
    for policy in config.policies:
        try:
            head = read_policy_history(repo, policy, langs, docs_dir=config.docs_dir,
                                       versions_dir=config.versions_dir, worktree=True,
                                       cache=ContentCache(config.cache_dir))
        except PolicyNoticeError as exc:
            # A broken release log stops this policy only: the others are
            # still judged, and the error reaches every output format.
            findings.append(error_finding(exc, policy.id))
            continue
        findings.extend(head.findings)
        old = _base_history(repo, config, policy, base) if base else None
        new_ids = {e.version for e in head.log.entries}
        if old is not None:
            findings.extend(compare_published(old, head, reachable, today))
            new_ids -= {e.version for e in old.log.entries}
        if base_rev:
            findings.extend(_rebase_unsafe(repo, config, policy, base_rev, new_ids))
        # Only versions new in this pull request can still be dated
        # correctly, so only they are held to "not retroactive".
        # With a base, published versions are evidence (compare_published
        # checks they are unchanged): only what the pull request adds is
        # classified.
        assessments = assess_versions(config, head, today if base else None,
                                      only=new_ids if base else None)
        for entry in head.log.entries:
            is_new = entry.version in new_ids
            if base is None or is_new:
                a = assessments[entry.version]
                reports.append(VersionReport(policy.id, a, entry.notice_date,
                                             entry.effective_date, is_new and base is not None,
                                             head.log.path, entry.line))
                findings.extend(a.findings)
        if base is None:
            findings.extend(_notices_before_main(repo, config, head, assessments, today))
        findings.extend(_lagging(head, new_ids if base else None, config.governing_language))
        findings.extend(_invisible(head, new_ids if base else None, config))
    return CheckReport(base, today, config.governing_language, tuple(reports), tuple(findings))


def error_finding(exc: PolicyNoticeError, policy: str = "") -> Finding:
    """A one-line error as a finding, keeping its file and line."""
    code = "release-log" if isinstance(exc, ReleaseLogError) else "error"
    return Finding("error", code, exc.one_line(), policy, exc.path or "", exc.line)


def _rebase_unsafe(repo: GitRepo, config: SiteConfig, policy, base_rev: str,
                   new_ids: set[str]) -> list[Finding]:
    """Entries that "Rebase and merge" would land with the wrong text."""
    from .sources.rebase import rebase_merge_findings

    head_rev = repo.resolve("HEAD")
    if not head_rev:
        return []
    return rebase_merge_findings(repo, policy, config.language_codes, base=base_rev,
                                 head=head_rev, new_ids=new_ids, docs_dir=config.docs_dir,
                                 versions_dir=config.versions_dir)


def _notices_before_main(repo: GitRepo, config: SiteConfig, history: PolicyHistory,
                         assessments: dict, today: date) -> list[Finding]:
    """On main (no --base): a notice date before the day its entry reached
    main (the commit date of the first-parent commit that added it; today
    for an entry not committed yet) is an error unless the entry is
    `backdated: true` with a justification. (A pull request is held to
    today by assess_versions.)"""
    from .notice.dates import notice_in_past

    findings: list[Finding] = []
    for entry in history.log.entries:
        if entry.backdated or entry.imported:
            continue  # imported dates are placeholders: assess_dates warns about them
        commit = history.added_in.get(entry.version)
        reached = repo.commit_day(commit, config.timezone) if commit else today
        if entry.notice_date >= reached:
            continue
        days = assessments[entry.version].required_days or 0
        when = f"commit {repo.short(commit)}" if commit else "today"
        f = notice_in_past(entry, reached, days, config.notice_reading, when)
        findings.append(Finding(f.severity, f.code,
                                f"{history.log.path}:{entry.line}: {f.message}",
                                history.policy.id, history.log.path, entry.line))
    return findings


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


def refuse_new_hooks(config_path: Path, base: str) -> None:
    """MkDocs runs the Python files that mkdocs.yml names under `hooks:` while
    it loads the configuration. The gate must not run a pull request's code:
    every hook must exist at the base revision with the same bytes."""
    data = read_regular(config_path.resolve().parent, config_path.name, limit=4 * 1024 * 1024)
    top, _ = raw_site_options(data or b"", str(config_path))
    hooks = top.get("hooks") or []
    if not hooks:
        return
    repo = GitRepo(config_path.resolve().parent)
    rev = repo.resolve(base)
    root = repo.root.resolve()
    for hook in hooks if isinstance(hooks, list) else [hooks]:
        file = (config_path.resolve().parent / str(hook)).resolve()
        try:
            rel = file.relative_to(root).as_posix()
        except ValueError:
            rel = None
        same = False
        if rel is not None and rev is not None:
            old = repo.read(rev, rel)
            try:
                same = old is not None and old == read_regular(root, rel)
            except PolicyNoticeError:
                same = False
        if not same:
            raise PolicyNoticeError(
                f"hooks: {hook} is new or changed in this pull request; the gate does not run "
                f"a pull request's code", path=str(config_path),
                hint="change hooks in a pull request of its own, reviewed by a maintainer",
            )


def _config_changes(repo: GitRepo, config: SiteConfig, base_rev: str) -> list[Finding]:
    """mkdocs.yml options that decide what is in force, changed since the base;
    and policies configured at the base that are gone (their archive with them)."""
    path = config.config_file
    old_data = repo.read(base_rev, path)
    if old_data is None:
        return []  # the site was created in this pull request
    new_data = read_regular(config.root, path) or b""
    old_top, old = raw_site_options(old_data, f"{path}@{repo.short(base_rev)}")
    new_top, new = raw_site_options(new_data, path)
    findings: list[Finding] = []

    def changed(key: str, before: object, after: object) -> None:
        findings.append(Finding(
            "error", "changed-rules",
            f"{path}: the pull request changes '{key}' ({before!r} -> {after!r}), which decides "
            f"which version is in force and how much notice a change needs; change it in a "
            f"pull request of its own, reviewed by a maintainer, not with a policy change",
        ))

    for key in GOVERNING_TOP:
        if old_top.get(key) != new_top.get(key):
            changed(key, old_top.get(key), new_top.get(key))
    for key in GOVERNING_OPTIONS:
        if old.get(key) != new.get(key):
            changed(key, old.get(key), new.get(key))
    new_policies = {str(p.get("id")): p for p in new.get("policies") or [] if isinstance(p, dict)}
    for item in old.get("policies") or []:
        if not isinstance(item, dict):
            continue
        pid = str(item.get("id"))
        now = new_policies.get(pid)
        if now is None:
            findings.append(Finding(
                "error", "removed-policy",
                f"{path}: policy '{pid}' is published at the base revision but no longer "
                f"configured, so its archive would disappear from the site; restore it under "
                f"'policies:' (a policy id cannot be renamed)", pid,
            ))
            continue
        for key in ("file", "profile"):
            if item.get(key) != now.get(key):
                changed(f"policies: {pid}: {key}", item.get(key), now.get(key))
    return findings


MAX_INVISIBLE_PER_FILE = 5


def _invisible(history: PolicyHistory, only: set[str] | None,
               config: SiteConfig) -> list[Finding]:
    """Invisible characters in the texts this pull request publishes (every
    new version; without a base, the latest) and in the draft being edited:
    a ZERO WIDTH SPACE shows "1 year" as "10 years"-looking text while the
    classifier reads something else."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for lang, versions in history.versions.items():
        chosen = [v for v in versions if v.id in only] if only is not None else list(versions[-1:])
        texts = [(v.path, v.text, f"version {v.id}") for v in chosen]
        if lang in history.drafts:
            texts.append((policy_path(config.docs_dir, lang, history.policy),
                          history.drafts[lang], "the draft"))
        for path, text, what in texts:
            if (path, text) in seen:
                continue
            seen.add((path, text))
            for n, bad in enumerate(find_invisible(text)):
                if n == MAX_INVISIBLE_PER_FILE:
                    break
                findings.append(Finding(
                    "error", "invisible-character",
                    f"{path}:{bad.line}:{bad.column}: invisible character {bad.describe()} in "
                    f"{what} ({lang}); remove it — it changes what readers see without showing "
                    f"itself", history.policy.id,
                ))
    return findings


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
        if cur.translation_fix:
            findings.extend(_translation_fix(history, cur, old, new, governing))
            continue
        for lag in lagging_translations(old, new, governing=governing):
            findings.append(Finding(
                "error", "lagging-translation",
                f"version {cur.version} of '{history.policy.id}': section '{lag.section}' "
                f"changed in {lag.other_lang} but not in {lag.lang}; update the {lag.lang} "
                f"translation in the same pull request",
                history.policy.id,
            ))
    return findings


def _translation_fix(history: PolicyHistory, entry, old: dict[str, str], new: dict[str, str],
                     governing: str) -> list[Finding]:
    """A version that corrects translations only (`translation_fix: [en]`):
    the listed languages change, nothing else does, and the governing text
    (the policy itself) is not among them. It is then judged on the listed
    languages alone, with no "changed in en but not in ko"."""
    lpath = history.log.path
    where = f"{lpath}:{entry.line}: version {entry.version} of '{history.policy.id}'"
    if governing in entry.translation_fix:
        return [Finding(
            "error", "translation-fix-governing",
            f"{where} lists the governing language {governing} under 'translation_fix'; a "
            f"change to the governing text changes the policy — remove 'translation_fix' and "
            f"update every translation", history.policy.id, lpath, entry.line)]
    others = sorted(lang for lang in new
                    if lang not in entry.translation_fix and old.get(lang) != new[lang])
    if others:
        return [Finding(
            "error", "translation-fix-other",
            f"{where} is a translation fix of {', '.join(entry.translation_fix)}, but "
            f"{', '.join(others)} changed too; undo those edits, list them under "
            f"'translation_fix', or make it an ordinary version without 'translation_fix'",
            history.policy.id, lpath, entry.line)]
    return []
