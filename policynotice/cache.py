"""A content-addressed cache on disk (outside docs/) for classifications and
redlines, so that adding one version to a large archive computes only the
new pairs.

Keys hash the inputs together with the source code of the modules that
compute the value: a changed classifier or renderer never serves stale
results. Entries are written atomically; a damaged entry is ignored.

A cache is never trusted for what it says: a pull request can commit
crafted entries (an "ordinary" classification for a change that adds date
of birth, a redline holding a script). So the cache lives outside the work
tree by default (default_cache_dir), and every entry carries an HMAC made
with a random key that only this machine has (kept beside the caches, never
in a repository); an entry whose HMAC does not verify is not used.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable

from .models import ChangeClass, Classification, Reason

_PACKAGE = Path(__file__).parent


@functools.lru_cache(maxsize=None)
def code_version(*modules: str) -> str:
    """Hash of the source of the named modules ("redline.render") and of every
    policynotice module they import, directly or not: a cached value is keyed
    by all the code that computed it, and by nothing else."""
    h = hashlib.sha256()
    for path in sorted(_closure(modules)):
        h.update(path.relative_to(_PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _closure(modules: tuple[str, ...]) -> set[Path]:
    seen: set[Path] = set()
    todo = [p for m in modules for p in _files_of(m)]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_imported_files(path))
    return seen


def _files_of(module: str) -> list[Path]:
    """The file of a module of this package ("" is the package itself)."""
    base = _PACKAGE.joinpath(*module.split(".")) if module else _PACKAGE
    found = [p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()]
    return found


def _imported_files(path: Path) -> list[Path]:
    """Files of the policynotice modules a source file imports (anywhere in it)."""
    here = path.parent.relative_to(_PACKAGE).parts
    out: list[Path] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(here[:len(here) - node.level + 1])
            elif node.module and node.module.split(".")[0] == _PACKAGE.name:
                parts = []
            else:
                continue
            names = node.module.split(".") if node.module else []
            if not node.level:
                names = names[1:]
            mod = ".".join(parts + names)
            out += _files_of(mod)
            for alias in node.names:  # "from . import x": x may be a module
                out += _files_of(f"{mod}.{alias.name}" if mod else alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == _PACKAGE.name:
                    out += _files_of(".".join(alias.name.split(".")[1:]))
    return out
# Where a repository's cache used to live, inside the work tree; `check`
# refuses a repository that tracks anything there.
LEGACY_DIR = ".cache/policynotice"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a redline of a very long policy is a few MB


def cache_home() -> Path:
    """$XDG_CACHE_HOME/policynotice, else ~/.cache/policynotice."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "policynotice")


def default_cache_dir(repo_root: Path) -> Path:
    """A repository's cache, named after its absolute path, outside it."""
    name = hashlib.sha256(str(Path(repo_root).resolve()).encode("utf-8", "surrogateescape"))
    return cache_home() / name.hexdigest()[:16]


def _read_key(path: Path) -> bytes | None:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > 1024:
            return None
        data = path.read_bytes().strip()
    except OSError:
        return None
    return data if len(data) >= 32 else None


@functools.lru_cache(maxsize=None)
def machine_key(home: Path) -> bytes | None:
    """The HMAC key of this machine's caches, created on first use (mode
    0600). None when it cannot be read or made: the cache is then off."""
    path = home / "key"
    key = _read_key(path)
    if key is not None:
        return key
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_hex(32).encode())
    except FileExistsError:
        pass  # another build made it first
    except OSError:
        return None
    return _read_key(path)


class ContentCache:
    def __init__(self, root: Path | None, key: bytes | None = None) -> None:
        self._key = key if key is not None or root is None else machine_key(cache_home())
        # No key, no cache: an entry that cannot be authenticated is not used.
        self.root = root if self._key else None

    def _mac(self, kind: str, key: str, value: Any) -> str:
        body = json.dumps([kind, key, value], ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))
        return hmac.new(self._key or b"", body.encode("utf-8", "surrogatepass"),
                        hashlib.sha256).hexdigest()

    def _path(self, kind: str, key: str) -> Path | None:
        return self.root / kind / key[:2] / f"{key}.json" if self.root else None

    @staticmethod
    def key(*parts: str) -> str:
        h = hashlib.sha256()
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "big"))  # unambiguous concatenation
            h.update(data)
        return h.hexdigest()

    def get(self, kind: str, key: str) -> Any | None:
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
                return None  # a link or a giant is not an entry this machine wrote
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or not isinstance(stored.get("mac"), str):
            return None
        value = stored.get("value")
        if not hmac.compare_digest(stored["mac"], self._mac(kind, key, value)):
            return None
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"mac": self._mac(kind, key, value), "value": value}, out,
                          ensure_ascii=False)
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time

    def memo(self, kind: str, key: str, compute: Callable[[], Any],
             dump: Callable[[Any], Any] = lambda v: v,
             load: Callable[[Any], Any] = lambda v: v) -> Any:
        stored = self.get(kind, key)
        if stored is not None:
            try:
                return load(stored)
            except (KeyError, TypeError, ValueError):
                pass
        value = compute()
        self.put(kind, key, dump(value))
        return value


def dump_classification(c: Classification) -> dict:
    return {
        "class": c.change_class.value,
        "reasons": [
            {"category": r.category, "section": r.section, "kind": r.kind, "excerpt": r.excerpt,
             "material": r.material, "needs_consent": r.needs_consent}
            for r in c.reasons
        ],
    }


def load_classification(data: dict) -> Classification:
    return Classification(
        ChangeClass(data["class"]),
        tuple(Reason(**r) for r in data["reasons"]),
    )
