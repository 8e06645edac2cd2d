"""Two builds of the same commit with the same --today are byte-identical.

Two separate processes with different hash seeds, into two different
folders: any time stamp (sitemap, gzip header), absolute path or set/dict
ordering that leaks into the output shows up as a difference here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO_ROOT, TEST_TODAY


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)  # the build must pin it itself from --today
    result = subprocess.run(
        [sys.executable, "-m", "policynotice", "build", "--today", TEST_TODAY,
         "--site-dir", str(out / "site"), "--notices-dir", str(out / "notices"), "--quiet"],
        cwd=REPO_ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    _build(tmp_path / "A", "1")
    _build(tmp_path / "B", "2")
    for part in ("site", "notices"):
        a, b = _tree(tmp_path / "A" / part), _tree(tmp_path / "B" / part)
        assert a, f"{part} is empty"
        assert sorted(a) == sorted(b), f"{part}: different sets of files"
        differing = [path for path in a if a[path] != b[path]]
        assert not differing, f"{part}: these files differ between two builds: {differing[:20]}"
