"""Read every published version of a policy from git history.

Which text belongs to a release-log entry (the rule the README documents):

    An entry's text, in each language, is the policy file as it stood in the
    first commit on main's first-parent history whose release log contains
    that entry.

    An entry may instead name that commit with `commit:` (what
    `policynotice import` writes, since an imported log lands in one commit
    but its versions span years). The named commit must be on the
    first-parent history, no later than the commit that added the entry.

A squash merge, a merge commit and a single web-editor commit all put the
edited text and the new entry into one first-parent commit, so the rule picks
the edited text. Entries present only in the working tree (not committed
yet) take the working-tree text, so a local build previews them.

Published texts are pinned by the rule above, so a later edit cannot change
them. What `check` looks for instead: text edited on main without a new
entry (an unreleased edit), an entry missing a language, an entry removed
from the log, and (against a base revision) any version published at the
base that is missing at this revision, whose text, dates, summary, reason,
class or justification differ, or whose publishing commit is no longer in
this revision's history (a history rewrite).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Iterable

from ..cache import ContentCache, code_version
from ..errors import PolicyNoticeError, ReleaseLogError
from ..models import Finding, PolicyConfig, PolicyHistory, ReleaseLog, Version
from .git import GitRepo
from .releaselog import parse_release_log
from .text import decode_policy, policy_parts, policy_text

WORKTREE = "worktree"  # pseudo commit id for entries not committed yet


def policy_path(docs_dir: str, lang: str, policy: PolicyConfig) -> str:
    return f"{docs_dir}/{lang}/{policy.file}" if docs_dir else f"{lang}/{policy.file}"


def log_path(versions_dir: str, policy: PolicyConfig) -> str:
    return f"{versions_dir}/{policy.id}.yml" if versions_dir else f"{policy.id}.yml"


def read_policy_history(
    repo: GitRepo,
    policy: PolicyConfig,
    languages: Iterable[str],
    *,
    docs_dir: str = "docs",
    versions_dir: str = "versions",
    rev: str = "HEAD",
    worktree: bool = True,
    cache: ContentCache | None = None,
) -> PolicyHistory:
    """Versions of `policy` in every language, as published on `rev`'s
    first-parent history (plus the working tree when `worktree`). `cache`
    keeps what each old release log lists between builds."""
    languages = list(languages)
    lpath = log_path(versions_dir, policy)
    head = repo.resolve(rev)
    findings: list[Finding] = []

    # 1. When did each entry first appear? Walk the commits that changed the log.
    first_seen: dict[str, str] = {}
    order = {c: i for i, c in enumerate(repo.first_parent(head))} if head else {}
    if head:
        for touch in reversed(repo.touches(head, lpath)):
            if touch.path is None or touch.commit not in order:
                continue
            listed = _versions_listed(repo.read(touch.commit, touch.path), touch.path,
                                      policy, languages, cache)
            for version_id in listed:
                first_seen.setdefault(version_id, touch.commit)

    # 2. The release log as it is now.
    current_bytes = repo.read_worktree(lpath) if worktree else (repo.read(head, lpath) if head else None)
    if current_bytes is None:
        raise ReleaseLogError(
            f"missing release log for policy '{policy.id}'", path=lpath,
            hint=f"create {lpath} with one entry per published version",
        )
    log = parse_release_log(decode_policy(current_bytes, where=lpath, allow_empty=True), path=lpath,
                            policy=policy.id, languages=languages)

    for version_id, commit in first_seen.items():
        if log.entry(version_id) is None:
            findings.append(Finding(
                "error", "removed-version",
                f"{lpath}: version {version_id}, published in commit {repo.short(commit)}, "
                f"was removed from the release log; published versions must stay listed "
                f"(restore the entry)", policy.id,
            ))

    # 3. Which commit's text each entry publishes.
    text_commits: dict[str, str] = {}
    for entry in log.entries:
        commit = first_seen.get(entry.version, WORKTREE if worktree else None)
        if commit is None:
            findings.append(Finding(
                "error", "uncommitted-version",
                f"{lpath}: version {entry.version} is not in the history of {rev}", policy.id,
            ))
            continue
        if entry.commit is not None:
            commit = _pinned_commit(repo, entry, commit, order, lpath, policy, findings)
            if commit is None:
                continue
        text_commits[entry.version] = commit

    # 4. The text of each entry in each language.
    versions: dict[str, tuple[Version, ...]] = {}
    drafts: dict[str, str] = {}
    for lang in languages:
        path = policy_path(docs_dir, lang, policy)
        touches = repo.touches(head, path) if head else []
        texts: list[Version] = []
        for entry in log.entries:
            commit = text_commits.get(entry.version)
            if commit is None:
                continue
            text, where, title = _text_at(repo, commit, path, touches, order)
            if text is None:
                findings.append(Finding(
                    "error", "missing-translation",
                    f"{path}: version {entry.version} of '{policy.id}' has no {lang} text "
                    f"(expected the file at {_commit_label(repo, commit)}); add the translation "
                    f"in the same commit as the release-log entry",
                    policy.id,
                ))
                continue
            texts.append(Version(policy.id, lang, entry, text, commit, where, title))
        versions[lang] = tuple(texts)
        findings.extend(_unreleased_edits(repo, policy, lang, path, texts, touches, order,
                                          head, worktree, drafts))
    return PolicyHistory(policy, log, versions, tuple(findings), drafts,
                         {e.version: first_seen[e.version] for e in log.entries
                          if e.version in first_seen})


def _pinned_commit(repo: GitRepo, entry, added_in: str, order: dict[str, int], lpath: str,
                   policy: PolicyConfig, findings: list[Finding]) -> str | None:
    """The commit an entry names with `commit:` (imported history). It must be
    on main's first-parent history, no later than the commit that added the
    entry: a version cannot publish text that did not exist yet."""
    try:
        commit = repo.resolve(entry.commit)
    except PolicyNoticeError:
        commit = None
    if commit is None or commit not in order:
        findings.append(Finding(
            "error", "unknown-commit",
            f"{lpath}:{entry.line}: version {entry.version} names commit {entry.commit}, which is "
            f"not on the first-parent history of main; expected the commit whose text the "
            f"version published (see 'policynotice import')", policy.id,
        ))
        return None
    if added_in != WORKTREE and order[commit] > order[added_in]:
        findings.append(Finding(
            "error", "unknown-commit",
            f"{lpath}:{entry.line}: version {entry.version} names commit {repo.short(commit)}, "
            f"which is later than the commit that added the entry ({repo.short(added_in)}); a "
            f"version publishes text that existed when it was released", policy.id,
        ))
        return None
    return commit


def _versions_listed(data: bytes | None, path: str, policy: PolicyConfig,
                     languages: list[str], cache: ContentCache | None) -> list[str]:
    """The version ids an old release log lists (none when it is broken).
    A log changes in every release, so the history of one holds as many
    logs as versions; what each lists is kept by content."""
    def parse() -> list[str]:
        old_log = _parse_log_quietly(data, path, policy, languages)
        return [e.version for e in old_log.entries] if old_log else []

    if cache is None or data is None:
        return parse()
    key = cache.key(code_version("sources.history"), "listed", path, policy.id, ",".join(languages),
                    hashlib.sha256(data).hexdigest())
    return cache.memo("release-log", key, parse)


def _parse_log_quietly(data: bytes | None, path: str, policy: PolicyConfig,
                       languages: list[str]) -> ReleaseLog | None:
    """An old commit may hold a broken log that a later commit fixed; such a
    commit publishes nothing, and the entries count from the fixing commit."""
    if data is None:
        return None
    try:
        return parse_release_log(decode_policy(data, where=path, allow_empty=True), path=path,
                                 policy=policy.id, languages=languages)
    except PolicyNoticeError:
        return None


def _path_at(commit: str, path: str, touches: list, order: dict[str, int]) -> str | None:
    """The file's path at `commit`, following renames recorded in `touches`
    (newest first)."""
    if commit == WORKTREE:
        return path
    pos = order.get(commit)
    for touch in touches:  # newest first: the first touch at or before `commit` wins
        tpos = order.get(touch.commit)
        if tpos is not None and pos is not None and tpos <= pos:
            return touch.path
    return None


def _text_at(repo: GitRepo, commit: str, path: str, touches: list,
             order: dict[str, int]) -> tuple[str | None, str, str]:
    """(policy text, path, front-matter title) at a commit."""
    if commit == WORKTREE:
        data = repo.read_worktree(path)
        where = path
    else:
        where = _path_at(commit, path, touches, order) or path
        data = repo.read(commit, where)
    if data is None:
        return None, where, ""
    label = where if commit == WORKTREE else f"{where}@{repo.short(commit)}"
    text, title = policy_parts(decode_policy(data, where=label), where=label)
    return text, where, title


def _unreleased_edits(repo: GitRepo, policy: PolicyConfig, lang: str, path: str,
                      texts: list[Version], touches: list, order: dict[str, int],
                      head: str | None, worktree: bool, drafts: dict[str, str]) -> list[Finding]:
    """Text that changed on main without a release-log entry."""
    findings: list[Finding] = []
    if not texts:
        return findings
    latest = texts[-1]
    # The current state: the text people edit must be the latest published one.
    current: str | None = None
    if worktree:
        data = repo.read_worktree(path)
        current = policy_text(decode_policy(data, where=path), where=path) if data is not None else None
    elif head:
        current, _, _ = _text_at(repo, head, path, touches, order)
    if current is None:
        findings.append(Finding(
            "error", "missing-current",
            f"{path}: the file is missing; the latest published version {latest.id} needs its "
            f"{lang} text (restore the file)", policy.id,
        ))
    elif current != latest.text:
        drafts[lang] = current
        findings.append(Finding(
            "error", "unreleased-edit",
            f"{path}: the text differs from the latest published version {latest.id}; "
            f"add a new entry to versions/{policy.id}.yml in the same commit, or undo the edit",
            policy.id,
        ))
    # Past windows in which main carried text no entry covered (e.g. a
    # rebase-merge that landed the edit before the entry). Published texts
    # are still exact, so these are warnings.
    # Several entries can land in one commit: sort by position only.
    published = sorted(((order[v.commit], v) for v in texts if v.commit in order),
                       key=lambda pair: pair[0])
    entry_positions = {pos for pos, _ in published}
    for touch in touches:
        tpos = order.get(touch.commit)
        if tpos is None or touch.path is None or tpos in entry_positions:
            continue
        before = [v for pos, v in published if pos < tpos]
        after = [v for pos, v in published if pos > tpos]
        if not before:
            continue  # drafting before the first publication
        data = repo.read(touch.commit, touch.path)
        text = (policy_text(decode_policy(data, where=touch.path, allow_empty=True), where=touch.path)
                if data is not None else None)
        if text is None or text == before[-1].text:
            continue
        if not after and lang in drafts:
            continue  # the current unreleased edit, reported above as an error
        if after and after[0].text == text:
            message = (f"{path}: commit {repo.short(touch.commit)} changed the text before its "
                       f"release-log entry {after[0].id} landed; land the text and its entry in "
                       f"one commit (squash or merge)")
        else:
            message = (f"{path}: commit {repo.short(touch.commit)} changed the text of "
                       f"published version {before[-1].id} without a release-log entry")
        findings.append(Finding("warning", "unpublished-window", message, policy.id))
    return findings


def _commit_label(repo: GitRepo, commit: str) -> str:
    return "the working tree" if commit == WORKTREE else f"commit {repo.short(commit)}"


# What a published entry says, besides its text and dates: it is the notice
# readers were given, so it cannot change either.
_PUBLISHED_FIELDS = (("summary", "summary"), ("reason", "reason"),
                     ("class_override", "class"), ("justification", "justification"),
                     ("backdated", "backdated"), ("translation_fix", "translation_fix"))


def _postponed_from_kept(old, new) -> bool:
    """postponed_from may only be set by a postponement (new dates)."""
    return new.postponed_from == old.postponed_from or new.effective_date != old.effective_date


def compare_published(base: PolicyHistory, head: PolicyHistory,
                      reachable: set[str] | None = None,
                      today: date | None = None) -> list[Finding]:
    """Every version published at `base` must exist at `head`, published by
    the same history, saying the same thing: this catches history rewrites
    and edited archives in a pull request. `reachable` holds the commits of
    head's history (a base commit missing from it was rewritten away)."""
    findings: list[Finding] = []
    pid = base.policy.id
    lpath = base.log.path
    removed = {f.message for f in head.findings if f.code == "removed-version"}
    for old in base.log.entries:
        new = head.log.entry(old.version)
        if new is None:
            if not any(f"version {old.version}," in message for message in removed):
                findings.append(Finding(
                    "error", "removed-version",
                    f"{lpath}: version {old.version}, published at the base revision, is missing "
                    f"from the release log; published versions must stay listed (restore the "
                    f"entry, or merge the base branch first)", pid,
                ))
            continue
        if old.imported:
            continue  # an imported entry is provisional until 'imported: true' is removed
        postponed = (new.notice_date == old.notice_date
                     and new.effective_date > old.effective_date
                     and new.postponed_from == old.effective_date)
        if postponed and today is not None and today >= old.effective_date:
            findings.append(Finding(
                "error", "late-postponement",
                f"{lpath}:{new.line}: version {old.version} took effect on "
                f"{old.effective_date}; it can no longer be postponed — restore its dates and "
                f"publish a new version instead", pid, lpath, new.line,
            ))
        elif postponed:
            pass  # announced before it took effect: the new date is published with the old
        elif new.effective_date != old.effective_date or new.notice_date != old.notice_date:
            findings.append(Finding(
                "error", "altered-dates",
                f"{lpath}: the dates of published version {old.version} changed; publish a new "
                f"version instead of editing a published one (to postpone it before it takes "
                f"effect, move effective_date later and add 'postponed_from: "
                f"{old.effective_date}')", pid,
            ))
        if not _postponed_from_kept(old, new):
            findings.append(Finding(
                "error", "altered-entry",
                f"{lpath}:{new.line}: the 'postponed_from' of published version {old.version} "
                f"changed without a new effective_date; restore it", pid, lpath, new.line,
            ))
        for attr, key in _PUBLISHED_FIELDS:
            if getattr(new, attr) != getattr(old, attr):
                findings.append(Finding(
                    "error", "altered-entry",
                    f"{lpath}:{new.line}: the '{key}' of published version {old.version} "
                    f"changed; what a published notice said cannot change — restore it and "
                    f"publish a new version instead", pid,
                ))
    for lang, base_versions in base.versions.items():
        head_by_id = {v.id: v for v in head.versions.get(lang, ())}
        for old in base_versions:
            new = head_by_id.get(old.id)
            if new is None:
                continue  # reported above or as missing-translation
            if new.text != old.text:
                findings.append(Finding(
                    "error", "altered-version",
                    f"{old.path}: the published text of version {old.id} ({lang}) differs "
                    f"from the base revision; published versions cannot change — restore "
                    f"the history and publish the change as a new version",
                    pid,
                ))
            elif reachable is not None and old.commit != WORKTREE and old.commit not in reachable:
                findings.append(Finding(
                    "error", "rewritten-history",
                    f"{old.path}: commit {old.commit[:7]}, which published version {old.id} "
                    f"({lang}) at the base revision, is not in this branch's history; the "
                    f"history was rewritten — restore it (merge the base branch, do not "
                    f"force-push)", pid,
                ))
    return findings
