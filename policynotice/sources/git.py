"""Git access. The only module that imports GitPython.

Reads go through GitPython's object database, which keeps one
`git cat-file --batch` process open, so reading many blobs costs no
subprocess per version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import git
from gitdb.exc import BadName, BadObject

from ..errors import HistoryError
from .repofiles import GIT_KINDS, MAX_FILE_BYTES, not_a_file, read_regular, too_large

SHALLOW_HINT = (
    "fetch the full history with 'git fetch --unshallow', or in GitHub Actions use "
    "actions/checkout with 'fetch-depth: 0'"
)


@dataclass(frozen=True)
class Touch:
    """A first-parent commit that changed a file, and the file's path after it."""

    commit: str
    path: str | None  # None when the commit deleted the file


class GitRepo:
    def __init__(self, root: Path) -> None:
        try:
            self._repo = git.Repo(root)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise HistoryError(
                "not a git repository; policynotice reads every published version from git history",
                path=str(root), hint="run it inside a clone of the policy repository",
            ) from None
        self.root = Path(self._repo.working_tree_dir or root)
        self._changes_memo: dict[str, list[tuple[str, list[tuple[str, str, str]]]]] = {}
        self._trees: dict[str, dict[str, tuple[str, str]]] = {}  # tree id -> name -> (mode, id)
        self._reach_memo: dict[tuple[str, str], set[str]] = {}
        self._sizes: dict[str, int] = {}  # blob id -> size (-1: not a blob)
        if self._git("rev-parse", "--is-shallow-repository") == "true":
            raise HistoryError(
                "this clone is shallow, so earlier policy versions are missing",
                path=str(self.root), hint=SHALLOW_HINT,
            )

    def _git(self, *args: str) -> str:
        try:
            return self._repo.git.execute(["git", *args], strip_newline_in_stdout=True)
        except git.GitCommandError as exc:
            stderr = " ".join(str(exc.stderr or "").split())
            raise HistoryError(f"git {args[0]} failed: {stderr}", path=str(self.root)) from None

    def resolve(self, rev: str) -> str | None:
        """Commit id of `rev`, or None when the repository has no commits yet."""
        try:
            return self._repo.commit(rev).hexsha
        except (BadName, BadObject, ValueError, git.GitCommandError):
            if rev == "HEAD" and not self._has_commits():
                return None
            raise HistoryError(
                f"unknown git revision '{rev}'", path=str(self.root),
                hint="fetch it first (git fetch origin) or name an existing branch or commit",
            ) from None

    def _has_commits(self) -> bool:
        try:
            self._repo.head.commit  # noqa: B018 - raises on an unborn branch
            return True
        except ValueError:
            return False

    def first_parent(self, rev: str) -> list[str]:
        """First-parent commits of `rev`, oldest first: the history of main as
        it was published, whatever merge strategy brought each change."""
        out = self._git("rev-list", "--first-parent", "--reverse", rev)
        return out.split()

    def replayed(self, base: str, head: str) -> list[str]:
        """The commits of `head` not in `base`, oldest first, merges left out:
        what a forge's "Rebase and merge" puts on `base`, one by one."""
        out = self._git("rev-list", "--reverse", "--topo-order", "--no-merges", f"{base}..{head}")
        return out.split()

    def touches(self, rev: str, path: str) -> list[Touch]:
        """First-parent commits that changed `path`, newest first, following
        renames. Unlike `git log --follow`, copies are not followed: a file
        made by copying another one starts its own history."""
        result: list[Touch] = []
        current = path
        for commit, changes in self._changes(rev):
            for code, old, new in changes:
                if new != current:
                    continue
                result.append(Touch(commit, None if code == "D" else new))
                if code == "R":
                    current = old
                break
        return result

    def _changes(self, rev: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """Every first-parent commit of `rev`, newest first, with what it
        changed against its first parent: (status letter, old path, new path).

        One `git log` for the whole history, read once per repository and
        revision, instead of one `git log --follow` per file: the build asks
        about every policy file in every language."""
        head = self.resolve(rev)
        if head is None:
            return []
        if head not in self._changes_memo:
            out = self._git("log", "--first-parent", "--diff-merges=first-parent", "--root", "-M",
                            "--name-status", "-z", "--format=%x01%H", head)
            history = []
            for chunk in out.split("\x01")[1:]:
                commit, _, rest = chunk.partition("\x00")
                fields = rest.lstrip("\n").split("\x00")
                changes = []
                i = 0
                while i < len(fields) and fields[i]:
                    code = fields[i][:1]
                    if code in "RC":
                        changes.append((code, fields[i + 1], fields[i + 2]))
                        i += 3
                    else:
                        changes.append((code, fields[i + 1], fields[i + 1]))
                        i += 2
                history.append((commit.strip(), changes))
            self._changes_memo[head] = history
        return self._changes_memo[head]

    def read(self, commit: str, path: str) -> bytes | None:
        """A file's bytes at a commit, or None when it does not exist there.

        Only regular files are read: a link (mode 120000, whose blob is the
        name of its target) or a submodule (160000) is refused with one
        line, and so is a blob larger than MAX_FILE_BYTES, before reading it."""
        found = self._entry(commit, path)
        if found is None:
            return None
        mode, oid = found
        if mode in GIT_KINDS:
            raise not_a_file(path, GIT_KINDS[mode], f" in commit {self.short(commit)}")
        if mode.startswith("4"):
            return None  # a folder
        if oid not in self._sizes:
            _, kind, size = self._repo.git.get_object_header(oid)
            self._sizes[oid] = size if kind == b"blob" else -1
        size = self._sizes[oid]
        if size < 0:
            return None
        if size > MAX_FILE_BYTES:
            raise too_large(f"{path}@{self.short(commit)}", MAX_FILE_BYTES)
        # The long-running `git cat-file --batch` that GitPython keeps open.
        _, kind, _, data = self._repo.git.get_object_data(oid)
        return data

    def _entry(self, commit: str, path: str) -> tuple[str, str] | None:
        """(mode, object id) of `path` at `commit`, read from its folder's
        tree, which is parsed once per tree id (a folder of policy texts is
        the same tree in many commits)."""
        folder, _, name = path.rpartition("/")
        ref = f"{commit}:{folder}" if folder else f"{commit}^{{tree}}"
        if "\n" in ref or "\r" in ref:  # cat-file --batch reads one line per name
            try:
                ref = (self._repo.commit(commit).tree / folder).hexsha
            except KeyError:
                return None
        try:
            oid, kind, _, data = self._repo.git.get_object_data(ref)
        except ValueError:  # "<name> missing"
            return None
        if kind != b"tree":
            return None
        oid = oid.decode() if isinstance(oid, bytes) else oid
        if oid not in self._trees:
            self._trees[oid] = _parse_tree(data)
        return self._trees[oid].get(name)

    def special_files(self, rev: str, folders: list[str]) -> list[tuple[str, str]]:
        """(path, what it is) of every link and submodule under `folders`
        at `rev` and in the index (what the next commit holds)."""
        folders = [f for f in folders if f and f != "."]
        if not folders:
            return []
        found: list[tuple[str, str]] = []
        head = self.resolve(rev)
        listings = [self._git("ls-files", "-s", "-z", "--", *folders)]
        if head:
            listings.append(self._git("ls-tree", "-r", "-z", "--full-tree", head, "--", *folders))
        for out in listings:
            for record in out.split("\x00"):
                meta, _, name = record.partition("\t")
                mode = meta.split(" ")[0] if meta else ""
                if mode in GIT_KINDS and (name, GIT_KINDS[mode]) not in found:
                    found.append((name, GIT_KINDS[mode]))
        return found

    def reachable(self, rev: str) -> set[str]:
        """Every commit reachable from `rev` (any parent)."""
        head = self.resolve(rev)
        if head is None:
            return set()
        if ("reachable", head) not in self._reach_memo:
            self._reach_memo[("reachable", head)] = set(self._git("rev-list", head).split())
        return self._reach_memo[("reachable", head)]

    def tracked(self, folder: str) -> list[str]:
        """Files git tracks under `folder` (in the index)."""
        out = self._git("ls-files", "-z", "--", folder)
        return [name for name in out.split("\x00") if name]

    def blob_id(self, commit: str, path: str) -> str | None:
        try:
            obj = self._repo.commit(commit).tree / path
        except KeyError:
            return None
        return obj.hexsha if obj.type == "blob" else None

    def read_worktree(self, path: str) -> bytes | None:
        """A working-tree file's bytes, never following a link (see repofiles)."""
        return read_regular(self.root, path)

    def short(self, commit: str) -> str:
        return commit[:7]

    def commit_date(self, commit: str) -> str:
        return self._repo.commit(commit).committed_datetime.date().isoformat()

    def commit_day(self, commit: str, timezone: str) -> date:
        """The calendar day, in `timezone`, on which `commit` was committed
        (for a merge, squash or rebase on the forge: when it reached the branch)."""
        from zoneinfo import ZoneInfo

        return self._repo.commit(commit).committed_datetime.astimezone(ZoneInfo(timezone)).date()

    # -- used by the importer (sources/importer.py) --------------------------
    def renamed_from(self, parent: str, commit: str, path: str) -> str | None:
        """The path at `parent` of the file that `commit` renamed to `path`,
        or None when `commit` did not rename anything to `path`."""
        out = self._git("diff", "-M", "--name-status", "--diff-filter=R", "-z", parent, commit)
        fields = out.split("\x00")
        i = 0
        while i + 2 < len(fields):
            status, old, new = fields[i], fields[i + 1], fields[i + 2]
            if status.startswith("R") and new == path:
                return old
            i += 3
        return None

    def commit_subject(self, commit: str) -> str:
        return self._repo.commit(commit).summary if commit else ""

    def commit_author(self, commit: str) -> str:
        """"Name <email>" of the commit's author."""
        author = self._repo.commit(commit).author
        return f"{author.name} <{author.email}>"

    def changed_paths(self, parent: str | None, commit: str) -> list[tuple[str, str]]:
        """(status letter, path) of every file `commit` changed against
        `parent` (against nothing for a root commit), renames not detected:
        a renamed file is a deletion and an addition."""
        if parent is None:
            out = self._git("diff-tree", "--root", "-r", "--no-commit-id", "--name-status",
                            "--no-renames", "-z", commit)
        else:
            out = self._git("diff", "--name-status", "--no-renames", "-z", parent, commit)
        fields = out.split("\x00")
        return [(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]


def _parse_tree(data: bytes) -> dict[str, tuple[str, str]]:
    """A raw git tree: entries of `<mode> <name>\\0<20-byte id>`."""
    entries: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\x00", space)
        mode = data[i:space].decode()
        name = data[space + 1:nul].decode("utf-8", "surrogateescape")
        entries[name] = (mode, data[nul + 1:nul + 21].hex())
        i = nul + 21
    return entries
