"""The repository is data: every file policynotice or MkDocs reads from docs/
and versions/ must be a regular file inside the repository.

A pull request can commit a symbolic link (to ../../.git/config, where
actions/checkout keeps its token, to /etc/passwd, to /dev/zero), a FIFO or
a submodule (gitlink) where a policy text is expected. Git stores a link as
a blob holding the target's name and checks it out as a real link, so both
the working tree and the history are checked; reading never follows a link
and never reads more than MAX_FILE_BYTES.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import PolicyNoticeError

# Far above any policy text or release log (decode_policy allows 2 MB and
# says so in its own message); this bound only keeps a hostile file from
# being read into memory at all.
MAX_FILE_BYTES = 16 * 1024 * 1024

def not_a_file(path: str, what: str, where: str = "") -> PolicyNoticeError:
    return PolicyNoticeError(
        f"{path} is {what}{where}; policy files must be regular files",
        hint="commit the text itself in its place; docs/ and versions/ hold no links, "
             "pipes, devices or submodules",
    )


def kind_of_mode(mode: int) -> str | None:
    """What a file is, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


# git tree entry modes (octal strings as `git ls-tree` and raw trees write them)
GIT_KINDS = {"120000": "a symbolic link", "160000": "a git submodule (gitlink)"}


def _check_parents(root: Path, rel: str) -> None:
    """No folder between the repository root and `rel` may be a link: a
    docs/en -> /etc link would make docs/en/passwd.md a path elsewhere."""
    current = root
    parts = Path(rel).parts
    for i, part in enumerate(parts[:-1]):
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise PolicyNoticeError(f"cannot read the folder: {exc.strerror}",
                                    path="/".join(parts[: i + 1])) from None
        if stat.S_ISLNK(st.st_mode):
            raise not_a_file("/".join(parts[: i + 1]), "a symbolic link")


def read_regular(root: Path, rel: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of `root/rel`, or None when it does not exist (or is a
    folder, which the callers report as a missing file). A link, FIFO or
    device is refused with one line; nothing is read past `limit`."""
    _check_parents(root, rel)
    file = root / rel
    try:
        st = os.lstat(file)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise PolicyNoticeError(f"cannot read the file: {exc.strerror}", path=rel) from None
    if stat.S_ISDIR(st.st_mode):
        return None
    kind = kind_of_mode(st.st_mode)
    if kind:
        raise not_a_file(rel, kind)
    try:
        # O_NOFOLLOW: the file may have been swapped for a link since lstat;
        # O_NONBLOCK: nor may a FIFO put there then hang the build.
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise not_a_file(rel, "a symbolic link") from None
        raise PolicyNoticeError(f"cannot read the file: {exc.strerror}", path=rel) from None
    try:
        kind = kind_of_mode(os.fstat(fd).st_mode)
        if kind:
            raise not_a_file(rel, kind)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise PolicyNoticeError(f"cannot read the file: {exc.strerror}", path=rel) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_large(rel, limit)
    return data


def too_large(path: str, limit: int) -> PolicyNoticeError:
    return PolicyNoticeError(
        f"the file is larger than {limit // 1024 // 1024} MB; expected a policy text or "
        f"release log of a few KB", path=path, hint="check that the right file was committed",
    )


def scan_tree(root: Path, rel_dir: str) -> None:
    """Refuse any link, FIFO, device or socket under `root/rel_dir` (MkDocs
    copies every file under docs/ into the site, following links). The
    folder itself must be a real folder inside the repository."""
    if not rel_dir or rel_dir == ".":
        return  # docs_dir is the root: config refuses that separately
    _check_parents(root, rel_dir + "/x")
    top = root / rel_dir
    try:
        st = os.lstat(top)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise not_a_file(rel_dir, "a symbolic link")

    def fail(exc: OSError) -> None:
        raise PolicyNoticeError(f"cannot read the folder: {exc.strerror}",
                                path=os.path.relpath(exc.filename or top, root)) from None

    for folder, dirs, files in os.walk(top, onerror=fail, followlinks=False):
        for name in sorted(dirs + files):
            path = os.path.join(folder, name)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            kind = kind_of_mode(mode)
            if kind and kind != "a folder":
                raise not_a_file(Path(os.path.relpath(path, root)).as_posix(), kind)
