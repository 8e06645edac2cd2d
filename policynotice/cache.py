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

Writes can be batched (`begin_batch` ... `flush`): a build makes thousands of
entries, and one temporary file plus a rename per entry cost more than the
entries. While a batch is open, entries are kept in memory and `flush` writes
each kind's new entries as one pack file, `<kind>/pack-<hash>.json`: a JSON
document (`{"entries": [...]}`) with one entry per line (`["<key>", "<mac>", <value>]`), so an
entry is found by its line's offset without parsing the others. Each entry
in a pack carries its own HMAC, verified on every read, exactly as a single
entry file's. When a kind has more than PACKS_BEFORE_MERGE packs they are
merged into one.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

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


PACKS_BEFORE_MERGE = 16
MAX_PACK_BYTES = 1024 * 1024 * 1024

_LOCK = threading.Lock()
_BATCH = {"open": False, "atexit": False}
# (root, kind) -> {key: value} written by put() while a batch is open
_PENDING: dict[tuple[str, str], dict[str, Any]] = {}
# (root, kind) -> {key: (pack path, offset, length)}, read on first need
_PACK_INDEX: dict[tuple[str, str], dict[str, tuple[Path, int, int]]] = {}


def begin_batch() -> None:
    """Keep entries in memory until `flush` (one pack file per kind)."""
    if not _BATCH.get("atexit"):
        atexit.register(flush)  # a process that stops early keeps what it made
        _BATCH["atexit"] = True
    _BATCH["open"] = True


def end_batch() -> None:
    flush()
    _BATCH["open"] = False


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """A batch for the duration of a phase; flushed at its end (nested: the
    outer batch stays open)."""
    was_open = _BATCH["open"]
    _BATCH["open"] = True
    try:
        yield
    finally:
        flush()
        _BATCH["open"] = was_open


def flush() -> None:
    """Write every kind's pending entries, one pack file per kind."""
    with _LOCK:
        pending = dict(_PENDING)
        _PENDING.clear()
    for (root, kind), entries in sorted(pending.items()):
        if entries:
            _write_pack(Path(root), kind, entries)


def _entry_line(key: str, mac: str, value: Any) -> str:
    return json.dumps([key, mac, value], ensure_ascii=False, separators=(",", ":"))


def _write_pack(root: Path, kind: str, entries: dict[str, tuple[str, Any]]) -> None:
    folder = root / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        for key in sorted(entries):
            mac, value = entries[key]
            try:
                lines.append(_entry_line(key, mac, value))
            except (TypeError, ValueError):
                continue
        _replace_pack(folder, lines)
        packs = sorted(folder.glob("pack-*.json"))
        if len(packs) > PACKS_BEFORE_MERGE:
            _merge_packs(folder, packs)
    except OSError:
        pass  # a cache that cannot be written only costs time
    _PACK_INDEX.pop((str(root), kind), None)  # re-read on the next miss


def _replace_pack(folder: Path, lines: list[str]) -> Path:
    body = '{"entries":[\n' + ",\n".join(lines) + "\n]}\n"
    data = body.encode("utf-8", "surrogatepass")
    name = f"pack-{hashlib.sha256(data).hexdigest()[:24]}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, folder / name)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return folder / name


def _pack_lines(path: Path) -> list[tuple[str, int, int]]:
    """(key, offset, length) of each entry line of a pack; nothing for a
    file that is not a regular pack this code could have written."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PACK_BYTES:
            return []
        out = []
        offset = 0
        with open(path, "rb") as f:
            for line in f:
                if line.startswith(b'["') and len(line) <= MAX_ENTRY_BYTES:
                    end = line.find(b'"', 2)
                    if end > 2:
                        out.append((line[2:end].decode("ascii", "replace"), offset, len(line)))
                offset += len(line)
        return out
    except OSError:
        return []


def _merge_packs(folder: Path, packs: list[Path]) -> None:
    """Merge a kind's packs into one (entries are kept as written: each
    keeps its own HMAC)."""
    seen: dict[str, str] = {}
    for path in packs:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        for key, offset, length in _pack_lines(path):
            line = data[offset:offset + length].rstrip(b"\n").rstrip(b",")
            seen.setdefault(key, line.decode("utf-8", "surrogatepass"))
    merged = _replace_pack(folder, [seen[k] for k in sorted(seen)])
    for path in packs:
        if path != merged:
            try:
                path.unlink()
            except OSError:
                pass


def _pack_index(root: Path, kind: str) -> dict[str, tuple[Path, int, int]]:
    ident = (str(root), kind)
    index = _PACK_INDEX.get(ident)
    if index is None:
        index = {}
        folder = root / kind
        try:
            packs = sorted(folder.glob("pack-*.json")) if folder.is_dir() else []
        except OSError:
            packs = []
        for path in packs:
            for key, offset, length in _pack_lines(path):
                index.setdefault(key, (path, offset, length))
        _PACK_INDEX[ident] = index
    return index


def _read_pack_entry(root: Path, kind: str, key: str) -> Any | None:
    """The stored [key, mac, value] of `key` in a pack, or None."""
    where = _pack_index(root, kind).get(key)
    if where is None:
        return None
    path, offset, length = where
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            line = f.read(length)
        item = json.loads(line.rstrip(b"\n").rstrip(b",").decode("utf-8", "surrogatepass"))
    except (OSError, ValueError):
        return None
    if not isinstance(item, list) or len(item) != 3 or item[0] != key:
        return None
    return {"mac": item[1], "value": item[2]}


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
        pending = _PENDING.get((str(self.root), kind))
        if pending is not None and key in pending:
            return pending[key][1]  # made by this process, not read back
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
                return None  # a link or a giant is not an entry this machine wrote
            stored = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            stored = _read_pack_entry(self.root, kind, key)
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
        if _BATCH["open"]:
            try:
                mac = self._mac(kind, key, value)
            except (TypeError, ValueError):
                return
            with _LOCK:
                _PENDING.setdefault((str(self.root), kind), {})[key] = (mac, value)
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
