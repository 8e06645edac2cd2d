"""Import: turn an existing repository's history of one policy file into a
release log (versions/<policy>.yml), for a company adopting policynotice
with years of policy history already in git.

One version per distinct text along the first-parent history of HEAD:

- the file is followed back from HEAD through renames (a commit that
  renames it, with or without an edit, continues the same history);
- texts are compared byte for byte, and a version starts at each
  first-parent commit whose text differs from the previous first-parent
  commit's. A whitespace-only or line-ending-only commit therefore IS a
  new version: it changed the published bytes, and deciding that such a
  change does not matter is the legal editor's call, not the importer's;
- a text that returns to an earlier one after a change (a revert) is a new
  version: it was published again on that day;
- sibling branches that carry the same text, and the commits inside any
  merged branch, create nothing: only first-parent commits count, and a
  merge is one first-parent commit whatever its branch contained;
- the version id is the commit date (committer date, in the committer's
  own time zone), with -2, -3, ... when several versions share a date;
  notice and effective dates are that date. Release logs need strictly
  increasing effective dates, so a version whose date is not after the
  previous one's (same day, or a commit dated earlier than its parent)
  takes the previous effective date plus one day, and says so.

Every entry is marked `imported: true`, with placeholder summaries and
reasons that ask a human to fill in the real notice date, summary and
reason. Each entry names the commit its text comes from (`commit:`): the
log lands in one commit, so the default rule (the text of the commit that
added the entry) would give every imported version today's text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Sequence

import yaml

from ..errors import PolicyNoticeError
from .git import GitRepo
from .releaselog import POLICY_ID_RE
from .text import decode_policy, policy_text

_LANG_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_SUMMARY = {
    "ko": "git 기록에서 가져온 버전입니다(커밋 {commit}). 공고일, 요약과 개정 이유를 사람이 채워 넣어야 합니다.",
    "en": "Imported from git history (commit {commit}); fill in the notice date, summary and reason.",
    "zh": "从 git 历史导入（提交 {commit}）；请人工填写公告日期、摘要和修订理由。",
    "zh-Hant": "從 git 歷史匯入（提交 {commit}）；請人工填寫公告日期、摘要與修訂理由。",
    "es": "Importado del historial de git (commit {commit}); complete la fecha del aviso, el resumen y el motivo.",
}
_REASON = {
    "ko": "git 기록에서 가져온 버전이라 개정 이유가 기록되어 있지 않습니다(커밋 {commit}). 개정 이유를 채워 넣으세요.",
    "en": "Imported from git history (commit {commit}); the reason for the change was not recorded: fill it in.",
    "zh": "从 git 历史导入（提交 {commit}），未记录修订理由；请填写。",
    "zh-Hant": "從 git 歷史匯入（提交 {commit}），未記錄修訂理由；請填寫。",
    "es": "Importado del historial de git (commit {commit}); no consta el motivo del cambio: complételo.",
}


class ImportedVersion(NamedTuple):
    version: str  # version id in the release log
    commit: str  # the first-parent commit that introduced the text (full id)
    path: str  # repository-relative path of the file at that commit


@dataclass(frozen=True)
class ImportResult:
    policy: str
    file: str  # repository-relative path at HEAD
    lang: str
    languages: tuple[str, ...]  # languages of the summaries and reasons
    yaml: str  # the release log, ready to write to versions/<policy>.yml
    versions: tuple[ImportedVersion, ...]  # oldest first


@dataclass(frozen=True)
class _Found:
    commit: str
    path: str
    day: date


def import_history(repo_root: Path, file: str, *, policy: str, lang: str | None = None,
                   languages: Sequence[str] = ()) -> ImportResult:
    """The release log of `file`'s history on HEAD's first-parent line.

    `lang` is the language of the file (default: taken from a docs/<lang>/
    path, else "en"); `languages` are the languages every summary and reason
    must cover (the site's languages; default: just `lang`).
    """
    if not POLICY_ID_RE.match(policy or ""):
        raise PolicyNoticeError(
            f"policy id {policy!r} is not valid; expected lowercase letters, digits, '-' or '_', "
            f"e.g. privacy")
    repo = GitRepo(Path(repo_root))  # not a repository / shallow clone: one-line errors
    path = _repo_path(repo.root, file)
    lang = lang or _lang_from_path(path)
    langs = tuple(dict.fromkeys(languages or (lang,)))
    head = repo.resolve("HEAD")
    if head is None:
        raise PolicyNoticeError("the repository has no commits yet; there is no history to import",
                                path=str(repo.root))
    found = _distinct_texts(repo, head, path)
    versions, entries = _entries(repo, found)
    text = _render(policy, path, langs, entries)
    return ImportResult(policy, path, lang, langs, text, tuple(versions))


def write_import(result: ImportResult, out_path: Path, *, force: bool = False) -> Path:
    """Write the imported release log; an existing one is kept unless `force`,
    since it may already hold hand-written notice dates and summaries."""
    out_path = Path(out_path)
    if out_path.exists() and not force:
        raise PolicyNoticeError(
            "a release log already exists; refusing to overwrite it", path=str(out_path),
            hint="move it away or pass --force to replace it")
    if out_path.is_dir():
        raise PolicyNoticeError("is a folder; expected the release log's file name",
                                path=str(out_path))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(result.yaml, encoding="utf-8")
    return out_path


# -- resolve ---------------------------------------------------------------
def _repo_path(root: Path, file: str) -> str:
    """`file` as a repository-relative POSIX path (absolute paths inside the
    repository are accepted)."""
    candidate = Path(file)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(root.resolve())
        except ValueError:
            raise PolicyNoticeError("is outside the repository; expected a path inside it",
                                    path=file) from None
    posix = PurePosixPath(candidate.as_posix())
    if not posix.parts or ".." in posix.parts or str(posix) == ".":
        raise PolicyNoticeError("expected a file path inside the repository, e.g. docs/en/privacy.md",
                                path=file)
    return str(posix)


def _lang_from_path(path: str) -> str:
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and _LANG_RE.match(parts[-2]):
        return parts[-2]
    return "en"


# -- walk ------------------------------------------------------------------
def _distinct_texts(repo: GitRepo, head: str, path: str) -> list[_Found]:
    """First-parent commits where the file's bytes changed, oldest first,
    following renames back from HEAD."""
    commits = repo.first_parent(head)  # oldest first
    if repo.blob_id(head, path) is None:
        _explain_missing(repo, commits, path)
    # Newest to oldest: the file's (path, blob) at each first-parent commit.
    states: list[tuple[str, str, str]] = []  # (commit, path, blob), newest first
    current = path
    for i in range(len(commits) - 1, -1, -1):
        commit = commits[i]
        blob = repo.blob_id(commit, current)
        if blob is None:
            break  # reached through a rename lookup that found nothing: the file starts later
        states.append((commit, current, blob))
        if i == 0:
            break
        parent = commits[i - 1]
        if repo.blob_id(parent, current) is None:
            older = repo.renamed_from(parent, commit, current)
            if older is None:
                break  # the file was created in `commit`
            current = older
    # A version is a new policy text: an edit of the front matter alone (which
    # MkDocs does not render) is not one.
    found: list[_Found] = []
    previous_blob: str | None = None
    previous_text: str | None = None
    for commit, where, blob in reversed(states):
        if blob != previous_blob:
            data = repo.read(commit, where)
            label = f"{where}@{repo.short(commit)}"
            text = policy_text(decode_policy(data or b"", where=label, allow_empty=True), where=label)
            if text != previous_text:
                found.append(_Found(commit, where, _commit_day(repo, commit)))
            previous_text = text
        previous_blob = blob
    return found


def _explain_missing(repo: GitRepo, commits: list[str], path: str) -> None:
    for commit in reversed(commits):
        if repo.blob_id(commit, path) is not None:
            raise PolicyNoticeError(
                f"the file is not in HEAD (it was last there in commit {repo.short(commit)}); "
                f"import follows a policy file back from HEAD",
                path=path, hint="restore the file, or pass its current name with --file")
    raise PolicyNoticeError(
        "the file never existed on the first-parent history of HEAD; expected a policy file "
        "tracked in git, e.g. docs/en/privacy.md", path=path)


def _commit_day(repo: GitRepo, commit: str) -> date:
    return date.fromisoformat(repo.commit_date(commit))


# -- entries ---------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    version: str
    day: date
    commit_date: date
    commit: str
    path: str
    subject: str


def _entries(repo: GitRepo, found: list[_Found]) -> tuple[list[ImportedVersion], list[_Entry]]:
    taken: set[str] = set()
    versions: list[ImportedVersion] = []
    entries: list[_Entry] = []
    previous: date | None = None
    for item in found:
        version = base = item.day.isoformat()
        n = 1
        while version in taken:
            n += 1
            version = f"{base}-{n}"
        taken.add(version)
        day = item.day if previous is None or item.day > previous else previous + timedelta(days=1)
        previous = day
        subject = " ".join(repo.commit_subject(item.commit).split())
        entries.append(_Entry(version, day, item.day, item.commit, item.path, subject))
        versions.append(ImportedVersion(version, item.commit, item.path))
    return versions, entries


# -- render ----------------------------------------------------------------
def _render(policy: str, path: str, languages: tuple[str, ...], entries: list[_Entry]) -> str:
    """The release log in the style of versions/*.yml: double-quoted texts,
    unquoted dates, oldest first."""
    lines = [
        f"# Imported by 'policynotice import' from the git history of {_comment(path)}.",
        "# Every entry is marked 'imported: true': replace each notice_date with the day the",
        "# notice was really posted, write the summaries and reasons, then remove 'imported'.",
        f"policy: {policy}",
        "versions:",
    ]
    for e in entries:
        short = e.commit[:7]
        lines.append(f"  # commit {short} {_comment(e.path)}: {_comment(e.subject)}")
        if e.day != e.commit_date:
            lines.append(f"  # committed on {e.commit_date.isoformat()}; dated "
                         f"{e.day.isoformat()} because effective dates must increase")
        lines += [
            f"  - version: {_quote(e.version)}",
            f"    notice_date: {e.day.isoformat()}",
            f"    effective_date: {e.day.isoformat()}",
            f"    commit: {_quote(e.commit)}",
            "    imported: true",
            "    summary:",
        ]
        lines += [f"      {_key(lang)}: {_quote(_placeholder(_SUMMARY, lang, short))}"
                  for lang in languages]
        lines.append("    reason:")
        lines += [f"      {_key(lang)}: {_quote(_placeholder(_REASON, lang, short))}"
                  for lang in languages]
    return "\n".join(lines) + "\n"


def _placeholder(texts: dict[str, str], lang: str, commit: str) -> str:
    template = texts.get(lang) or texts.get(lang.split("-")[0]) or texts["en"]
    return template.format(commit=commit)


def _quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _key(lang: str) -> str:
    # YAML 1.1 reads a bare `no`, `on`, `y` ... as booleans: quote such keys.
    return lang if yaml.safe_load(lang) == lang else _quote(lang)


# What a YAML stream may not hold (PyYAML refuses it, even in a comment),
# and the bidirectional overrides that make a terminal show text reordered.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                       "\U00010000-\U0010ffff]|[\u202a-\u202e\u2066-\u2069]")


def _comment(text: str) -> str:
    """A commit subject or a path as one comment line: no control character
    (an ESC made the log unreadable and reached the terminal), no line
    separator that YAML would read as the end of the comment."""
    return " ".join(_NOT_YAML.sub("", str(text)).split())
