"""A real build of the example site (mkdocs-static-i18n style: compare the
sorted output paths with a golden list) and the check on main."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO_ROOT, TEST_TODAY

GOLDEN = Path(__file__).parent.parent / "golden" / "example_site_paths.txt"
LANGS = ("ko", "en", "zh", "zh-Hant", "es")


def _listing(site: Path) -> list[str]:
    # Theme assets carry content hashes that change with mkdocs-material
    # releases; the golden list is about what policynotice produces.
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
    )


def test_output_paths_match_the_golden_list(example_build):
    listing = _listing(example_build / "site")
    if os.environ.get("POLICYNOTICE_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(listing) + "\n", encoding="utf-8")
    assert listing == GOLDEN.read_text(encoding="utf-8").split()


def test_plain_mkdocs_build_strict_works(tmp_path):
    env = {**os.environ, "POLICYNOTICE_TODAY": TEST_TODAY}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO_ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert _listing(tmp_path / "site") == GOLDEN.read_text(encoding="utf-8").split()


def test_every_language_has_current_policies_history_and_archive(example_build):
    site = example_build / "site"
    for lang in LANGS:
        prefix = site if lang == "ko" else site / lang
        for policy in ("privacy", "terms"):
            assert (prefix / policy / "index.html").is_file()
            assert (prefix / policy / "history" / "index.html").is_file()
            versions = sorted(p.parent.name for p in (prefix / policy).glob("*/index.html")
                              if p.parent.name[:2] == "20")
            assert len(versions) >= 4, (lang, policy, versions)


def test_check_passes_on_main():
    result = subprocess.run([sys.executable, "-m", "policynotice", "check", "--today", TEST_TODAY],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("OK")
