"""Would "Rebase and merge" break main?

A squash merge and a merge commit bring a pull request's text and its new
release-log entry onto main in one first-parent commit. "Rebase and merge"
replays the pull request's commits onto main one by one, and each becomes a
first-parent commit. The rule "an entry's text is the policy file as it stood
in the first commit on main's first-parent history whose release log contains
that entry" then picks the text of the commit that added the entry, which is
not the final text when the entry was committed before the last text edit
(the web editor makes one commit per file). Main would publish the earlier
text, and `check` on main would fail with "the text differs from the latest
published version" for that policy.

The gate refuses such a pull request while it is still one: every commit from
the one that adds a new entry to the end of the pull request must leave that
policy's texts (every language) and the entry itself as they are at the end.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..errors import PolicyNoticeError
from ..models import Finding, PolicyConfig, ReleaseEntry
from .git import GitRepo
from .history import log_path, policy_path
from .releaselog import parse_release_log
from .text import decode_policy, policy_text


def rebase_merge_findings(repo: GitRepo, policy: PolicyConfig, languages: Iterable[str], *,
                          base: str, head: str, new_ids: set[str], docs_dir: str,
                          versions_dir: str) -> list[Finding]:
    if not new_ids:
        return []
    languages = list(languages)
    commits = repo.replayed(base, head)
    if not commits:
        return []
    lpath = log_path(versions_dir, policy)
    paths = [policy_path(docs_dir, lang, policy) for lang in languages]

    def entries_at(commit: str) -> dict[str, ReleaseEntry]:
        data = repo.read(commit, lpath)
        if data is None:
            return {}
        try:
            log = parse_release_log(decode_policy(data, where=lpath, allow_empty=True),
                                    path=lpath, policy=policy.id, languages=languages)
        except PolicyNoticeError:
            return {}  # a broken log in the middle publishes nothing
        return {e.version: replace(e, line=0) for e in log.entries}

    def text_at(commit: str, path: str) -> str | None:
        data = repo.read(commit, path)
        if data is None:
            return None
        try:
            return policy_text(decode_policy(data, where=path, allow_empty=True), where=path)
        except PolicyNoticeError:
            return None

    final_entries = entries_at(commits[-1])
    final_texts = {path: text_at(commits[-1], path) for path in paths}
    findings: list[Finding] = []
    logs = {c: entries_at(c) for c in commits}
    for version in sorted(new_ids):
        if version not in final_entries:
            continue  # only in the working tree: nothing to replay yet
        added = next((i for i, c in enumerate(commits) if version in logs[c]), None)
        if added is None:
            continue
        for later in commits[added:-1]:
            changed = [p for p in paths if text_at(later, p) != final_texts[p]]
            entry_changed = logs[later].get(version) != final_entries[version]
            if not changed and not entry_changed:
                continue
            what = (f"{changed[0]} is edited again after it" if changed
                    else "the entry itself is edited again after it")
            findings.append(Finding(
                "error", "rebase-unsafe",
                f"{lpath}: version {version}'s entry is added in commit {repo.short(commits[added])}, "
                f"but {what}; merged with 'Rebase and merge', main would publish the text as it "
                f"stood in {repo.short(later)}, not the final one, and the next deploy would stop. "
                f"Merge with 'Squash and merge' or 'Create a merge commit', or edit the release "
                f"log last (after every language's text), so it lands in the final commit",
                policy.id, lpath,
            ))
            break
    return findings
