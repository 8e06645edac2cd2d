"""Import: turn an existing repository's history of one policy file into a
release log (versions/<policy>.yml), for a company adopting policynotice
with years of policy history already in git.

One version per distinct text along the first-parent history of HEAD:

- the file is followed back from HEAD through renames (a commit that
  renames it, with or without an edit, continues the same history). A
  commit that moves AND rewrites a file looks to git like a deletion and an
  addition; the history then seems to start there. `follow` names earlier
  paths to continue with, and without it a file deleted in that same commit
  whose text is close enough is followed (and said so); a less similar one
  is named in a warning with the --follow to pass;
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
- commits can be skipped (`skip_subject`, `skip_author` regular
  expressions, `skip_path` globs of files the commit touched): extraction
  artefacts and tooling upgrades that changed the bytes, not the policy.
  A skipped commit starts no version; the next commit is compared with the
  last version's text, so an error page captured and then undone leaves
  nothing;
- the version id, notice and effective dates are the commit date
  (committer date, in the committer's own time zone): the real date, never
  pushed later. Release logs need strictly increasing effective dates, so
  several texts committed on one day are one version, the text that stood
  at the end of that day (the log's comments name the commits it absorbed);
  a commit dated before the previous version (clock skew) joins it too.

Every entry is marked `imported: true`, with placeholder summaries and
reasons that ask a human to fill in the real notice date, summary and
reason. Each entry names the commit its text comes from (`commit:`): the
log lands in one commit, so the default rule (the text of the commit that
added the entry) would give every imported version today's text.
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Sequence

import yaml

from ..errors import PolicyNoticeError, UsageError
from .git import GitRepo
from .releaselog import POLICY_ID_RE
from .text import decode_policy, policy_parts

# A file deleted in the commit that adds ours is followed without being named
# when their words overlap at least this much (Jaccard over word signatures);
# from _CANDIDATE on it is named in a warning. A rewrite of a privacy
# statement keeps most of its vocabulary (GitHub's 2024 rewrite: 0.6); two
# different policies of one company share far less.
_FOLLOW = 0.5
_CANDIDATE = 0.25

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
    title: str = ""  # the front matter's title at HEAD, if any
    texts: int = 0  # distinct texts found (several on one day make one version)
    skipped: tuple[str, ...] = ()  # commits skipped by the filters that changed the text
    warnings: tuple[str, ...] = ()  # one line each: a followed or suspected earlier path


@dataclass(frozen=True)
class Filters:
    """Commits that start no version (extraction artefacts, tooling upgrades)."""

    subject: tuple[re.Pattern, ...] = ()
    author: tuple[re.Pattern, ...] = ()
    path: tuple[str, ...] = ()  # globs of repository paths

    @classmethod
    def make(cls, subject: Sequence[str] = (), author: Sequence[str] = (),
             path: Sequence[str] = ()) -> "Filters":
        return cls(tuple(_regex(x, "--skip-subject") for x in subject),
                   tuple(_regex(x, "--skip-author") for x in author), tuple(path))

    def __bool__(self) -> bool:
        return bool(self.subject or self.author or self.path)

    def reason(self, repo: GitRepo, parent: str | None, commit: str) -> str | None:
        """Why `commit` is skipped, or None."""
        if self.subject:
            subject = repo.commit_subject(commit)
            for rx in self.subject:
                if rx.search(subject):
                    return f"subject matches --skip-subject {rx.pattern!r}"
        if self.author:
            author = repo.commit_author(commit)
            for rx in self.author:
                if rx.search(author):
                    return f"author matches --skip-author {rx.pattern!r}"
        if self.path:
            for _, changed in repo.changed_paths(parent, commit):
                for glob in self.path:
                    if fnmatch.fnmatchcase(changed, glob):
                        return f"it changed {changed} (--skip-path {glob!r})"
        return None


def _regex(pattern: str, flag: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"{flag} {pattern!r} is not a valid regular expression: {exc}") from None


@dataclass(frozen=True)
class _Found:
    commit: str
    path: str
    day: date
    absorbed: tuple[tuple[str, date], ...] = ()  # earlier texts of the same day it replaced


@dataclass
class _Walk:
    found: list[_Found] = field(default_factory=list)
    title: str = ""
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (commit, path, why)
    warnings: list[str] = field(default_factory=list)
    followed: list[tuple[str, str, str, str]] = field(default_factory=list)  # commit, old, new, how
    undone: list[tuple[str, date]] = field(default_factory=list)  # texts reverted the same day


def import_history(repo_root: Path, file: str, *, policy: str, lang: str | None = None,
                   languages: Sequence[str] = (), follow: Sequence[str] = (),
                   filters: Filters | None = None, guess: bool = True) -> ImportResult:
    """The release log of `file`'s history on HEAD's first-parent line.

    `lang` is the language of the file (default: taken from a docs/<lang>/
    path, else "en"); `languages` are the languages every summary and reason
    must cover (the site's languages; default: just `lang`). `follow` names
    earlier paths of the file, for a commit that moved and rewrote it at
    once; with `guess` a file deleted by the commit that adds ours and
    similar enough is followed without being named. `filters` skip commits.
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
    follow = [_repo_path(repo.root, f) for f in follow]
    walk = _distinct_texts(repo, head, path, follow=follow, filters=filters or Filters(),
                           guess=guess)
    if not walk.found:
        raise PolicyNoticeError(
            f"every commit that changed the text ({len(walk.skipped)}) was skipped by the "
            f"filters; expected at least one version", path=path,
            hint="loosen --skip-subject, --skip-author or --skip-path")
    if walk.followed:
        # history.py (build and check) follows the renames git detects, not
        # these links: the texts before the newest one are out of its reach.
        link, older, _, _ = walk.followed[0]
        order = {c: i for i, c in enumerate(repo.first_parent(head))}
        before = sum(1 for f in walk.found if order[f.commit] < order[link])
        if before:
            walk.warnings.append(
                f"build and check follow only the renames git detects: for the {before} "
                f"version(s) before commit {repo.short(link)} (at {older}) check reports that "
                f"the text is missing, until a release-log entry can name its file's path")
    versions, entries = _entries(repo, walk.found)
    text = _render(policy, path, langs, entries, walk)
    return ImportResult(policy, path, lang, langs, text, tuple(versions), title=walk.title,
                        texts=(len(walk.found) + sum(len(f.absorbed) for f in walk.found)
                               + len(walk.undone)),
                        skipped=tuple(c for c, _, _ in walk.skipped),
                        warnings=tuple(walk.warnings))


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
def _distinct_texts(repo: GitRepo, head: str, path: str, *, follow: Sequence[str],
                    filters: Filters, guess: bool) -> _Walk:
    """First-parent commits where the file's text changed, oldest first,
    following renames (and the earlier paths named or guessed) back from HEAD."""
    walk = _Walk()
    commits = repo.first_parent(head)  # oldest first
    if repo.blob_id(head, path) is None:
        _explain_missing(repo, commits, path)
    pending = list(dict.fromkeys(follow))
    # Newest to oldest: the file's (path, blob) at each first-parent commit.
    states: list[tuple[str, str | None, str, str]] = []  # (commit, parent, path, blob), newest first
    current = path
    for i in range(len(commits) - 1, -1, -1):
        commit = commits[i]
        blob = repo.blob_id(commit, current)
        if blob is None:
            break  # reached through a rename lookup that found nothing: the file starts later
        parent = commits[i - 1] if i else None
        states.append((commit, parent, current, blob))
        if parent is None:
            break
        if repo.blob_id(parent, current) is None:
            older = repo.renamed_from(parent, commit, current)
            if older is None:
                older = _earlier_path(repo, parent, commit, current, pending, guess, walk)
                if older is None:
                    break  # the file was created in `commit`
            current = older
    for name in pending:
        walk.warnings.append(
            f"--follow {name} was not used: no first-parent commit adds {path} (or a path it "
            f"was renamed from) while {name} exists in its parent; check the name with "
            f"'git log --first-parent --name-status'")
    # A version is a new policy text: an edit of the front matter alone (which
    # MkDocs does not render) is not one. Several texts on one day are one
    # version: the last of the day.
    previous_blob: str | None = None
    previous_text: str | None = None  # the text of the last version
    texts: list[str] = []  # the text of each version in walk.found
    for commit, parent, where, blob in reversed(states):
        if blob == previous_blob:
            continue
        previous_blob = blob
        data = repo.read(commit, where)
        label = f"{where}@{repo.short(commit)}"
        text, walk.title = policy_parts(decode_policy(data or b"", where=label, allow_empty=True),
                                        where=label)
        if text == previous_text:
            continue
        why = filters.reason(repo, parent, commit) if filters else None
        if why:
            walk.skipped.append((commit, where, why))
            continue
        previous_text = text
        day = _commit_day(repo, commit)
        last = walk.found[-1] if walk.found else None
        if last is not None and day <= last.day:
            # Same day (or a commit dated before its parent): the text in force
            # at the end of that day is this one.
            absorbed = last.absorbed + ((last.commit, _commit_day(repo, last.commit)),)
            if len(texts) >= 2 and text == texts[-2]:
                # The day ended on the previous version's text: no version at all.
                walk.found.pop()
                texts.pop()
                walk.undone.extend(absorbed + ((commit, day),))
                continue
            walk.found[-1] = _Found(commit, where, last.day, absorbed)
            texts[-1] = text
        else:
            walk.found.append(_Found(commit, where, day))
            texts.append(text)
    return walk


def _earlier_path(repo: GitRepo, parent: str, commit: str, path: str, pending: list[str],
                  guess: bool, walk: _Walk) -> str | None:
    """The path at `parent` of the file that `commit` turned into `path`
    without git seeing a rename: a --follow name, or a similar file that
    the same commit deleted."""
    for name in pending:
        if repo.blob_id(parent, name) is not None:
            pending.remove(name)
            walk.followed.append((commit, name, path, "--follow"))
            return name
    deleted = [p for code, p in repo.changed_paths(parent, commit)
               if code == "D" and PurePosixPath(p).suffix == PurePosixPath(path).suffix]
    if not deleted:
        return None
    ours = _signature(repo, commit, path)
    scored = sorted(((_overlap(ours, _signature(repo, parent, p)), p) for p in deleted),
                    key=lambda sp: (-sp[0], sp[1]))
    score, best = scored[0]
    short, ratio = repo.short(commit), f"{score:.2f}"
    if guess and score >= _FOLLOW:
        walk.followed.append((commit, best, path, f"guessed, similarity {ratio}"))
        walk.warnings.append(
            f"commit {short} adds {path} and deletes {best} (similarity {ratio}): followed it "
            f"as the same policy's earlier path; pass --no-guess to start the history at {short}")
        return best
    if score >= _CANDIDATE:
        walk.warnings.append(
            f"the history may be cut off: commit {short} adds {path} and deletes {best} "
            f"(similarity {ratio}); if it is the same policy, pass --follow {best}")
    return None


def _signature(repo: GitRepo, commit: str, path: str) -> frozenset[str]:
    from ..document.similarity import signature

    data = repo.read(commit, path) or b""
    try:
        text = policy_parts(decode_policy(data, where=path, allow_empty=True), where=path)[0]
    except PolicyNoticeError:
        return frozenset()
    return signature(text)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    from ..document.similarity import overlap

    return overlap(a, b) if a and b else 0.0


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
    commit: str
    path: str
    subject: str
    absorbed: tuple[tuple[str, date], ...] = ()


def _entries(repo: GitRepo, found: list[_Found]) -> tuple[list[ImportedVersion], list[_Entry]]:
    versions: list[ImportedVersion] = []
    entries: list[_Entry] = []
    for item in found:
        version = item.day.isoformat()  # one version per day: the dates are unique
        subject = " ".join(repo.commit_subject(item.commit).split())
        entries.append(_Entry(version, item.day, item.commit, item.path, subject, item.absorbed))
        versions.append(ImportedVersion(version, item.commit, item.path))
    return versions, entries


# -- render ----------------------------------------------------------------
def _render(policy: str, path: str, languages: tuple[str, ...], entries: list[_Entry],
            walk: _Walk) -> str:
    """The release log in the style of versions/*.yml: double-quoted texts,
    unquoted dates, oldest first."""
    titled = f" ({_comment(walk.title)})" if walk.title else ""
    lines = [
        f"# Imported by 'policynotice import' from the git history of {_comment(path)}{titled}.",
        "# Every entry is marked 'imported: true': replace each notice_date with the day the",
        "# notice was really posted, write the summaries and reasons, then remove 'imported'.",
    ]
    for commit, old, new, how in walk.followed:
        lines.append(f"# Followed: commit {commit[:7]} made {_comment(new)} from {_comment(old)} "
                     f"({how}).")
    for warning in walk.warnings:
        if not warning.startswith("commit "):  # a guessed follow is listed above
            lines.append(f"# Warning: {_comment(warning)}")
    if walk.skipped:
        lines.append(f"# Skipped {len(walk.skipped)} commit(s) that changed the text:")
        lines += [f"#   {c[:7]} {_comment(p)}: {_comment(why)}" for c, p, why in walk.skipped]
    if walk.undone:
        lines.append(f"# {len(walk.undone)} text(s) undone on the day they were committed "
                     f"(the day ended on the version before them), so no version:")
        lines += [f"#   {c[:7]} ({d.isoformat()})" for c, d in walk.undone]
    lines += [f"policy: {policy}", "versions:"]
    for e in entries:
        short = e.commit[:7]
        lines.append(f"  # commit {short} {_comment(e.path)}: {_comment(e.subject)}")
        if e.absorbed:
            earlier = ", ".join(f"{c[:7]} ({d.isoformat()})" for c, d in e.absorbed)
            lines.append(f"  # the last text of {e.day.isoformat()}; it replaced the text(s) of "
                         f"commit {earlier}")
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
