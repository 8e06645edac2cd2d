"""scripts/bench history: adopting policynotice on a real, long history.

Clones shared/histories/genai-eu-versions.bundle (Open Terms Archive's
machine-recorded versions of generative-AI services' documents; read at run
time from --shared, never copied into this repository) into a temporary
folder, and adopts policynotice there as the README's "Adopting policynotice
with existing history" says: one commit moves the --documents largest
documents (default 3: the Llama API, Microsoft Copilot and Google Generative
AI privacy policies, 185-300 KB, 10-108 distinct texts) to docs/en/ and adds
an mkdocs.yml (this repository's, English only). Then, timed as whole
processes (wall, CPU, peak RSS), --runs times (default 3; median):

- `policynotice import --file docs/en/<id>.md --languages en --out versions/<id>.yml`
  for each document (the imported logs are committed, untimed);
- `policynotice build` with an empty cache (deleted before every run).

Reported: import and build wall time (target: import + build <= 3 min),
peak memory (<= 500 MB), size of the built site (<= 60 MB) and of the email
drafts. No baseline: these are absolute targets.

The last line is machine-readable:
``history import_s=<sum of imports> build_s=<wall> total_s=<x> peak_mb=<y> site_mb=<z> versions=<n>``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import (Figures, Variant, absolute_line, header, interleave, load_note, log,  # noqa: E402
                     policynotice_cmd, remove_scratch, run_process, shared_dir)
from scale import CACHE_DIR, mkdocs_config  # noqa: E402

BUNDLE = "histories/genai-eu-versions.bundle"
TARGET_TOTAL_S = 180.0
TARGET_PEAK_MB = 500.0
TARGET_SITE_MB = 60.0


def git(repo: Path, *args: str, when: date | None = None) -> str:
    env = dict(os.environ)
    if when:
        stamp = f"{when.isoformat()}T12:00:00+00:00"
        env.update(GIT_AUTHOR_NAME="Adopter", GIT_AUTHOR_EMAIL="adopter@example.test",
                   GIT_COMMITTER_NAME="Adopter", GIT_COMMITTER_EMAIL="adopter@example.test",
                   GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower().removesuffix(".md")).strip("-")


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench history")
    p.add_argument("--documents", type=int, default=3, help="how many of the largest documents")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keep", action="store_true")
    p.add_argument("--shared", help="folder with histories/ (default $POLICYNOTICE_SHARED or ../shared)")
    args = p.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None or not (shared / BUNDLE).is_file():
        raise SystemExit(f"history: {BUNDLE} not found; pass --shared /path/to/shared")
    tmp = Path(tempfile.mkdtemp(prefix="policynotice-history-"))
    try:
        log(header())
        repo = tmp / "repo"
        subprocess.run(["git", "clone", "-q", str(shared / BUNDLE), str(repo)], check=True,
                       capture_output=True)
        files = [f for f in git(repo, "ls-files", "-z").split("\0") if f.endswith(".md") and "/" in f]
        files.sort(key=lambda f: -(repo / f).stat().st_size)
        chosen = files[: args.documents]
        last = date.fromisoformat(git(repo, "log", "-1", "--format=%cs").strip())
        today = last + timedelta(days=1)
        ids = [slug(f) for f in chosen]
        (repo / "docs" / "en").mkdir(parents=True)
        for f, pid in zip(chosen, ids):
            git(repo, "mv", f, f"docs/en/{pid}.md")
        (repo / "docs" / "en" / "index.md").write_text(
            "# Policies\n\n" + "".join(f"- [{pid}]({pid}.md)\n" for pid in ids), encoding="utf-8")
        (repo / "mkdocs.yml").write_text(mkdocs_config(ids, ("en",), with_plugin=True), encoding="utf-8")
        (repo / ".gitignore").write_text(".cache/\nsite/\nnotices/\n", encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "adopt policynotice: move the policies to docs/en", when=today)
        adopted = git(repo, "rev-parse", "HEAD").strip()
        for f, pid in zip(chosen, ids):
            log(f"document: {f} ({(repo / 'docs/en' / f'{pid}.md').stat().st_size / 1024:.0f} KB) -> {pid}")

        def imports() -> list:
            git(repo, "reset", "-q", "--hard", adopted)
            samples = [run_process(policynotice_cmd(
                "import", "--file", f"docs/en/{pid}.md", "--languages", "en", "--policy", pid,
                "--out", f"versions/{pid}.yml"), cwd=repo) for pid in ids]
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "adopt policynotice: imported release logs", when=today)
            return samples

        out = tmp / "out"
        build_cmd = policynotice_cmd("build", "--today", today.isoformat(), "--site-dir",
                                     str(out / "site"), "--notices-dir", str(out / "notices"), "--quiet")
        import_samples: list[list] = []

        def prepare_build() -> None:
            import_samples.append(imports())
            shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)

        samples = interleave([Variant("build", lambda: run_process(build_cmd, cwd=repo), prepare_build)],
                             args.runs, log=log)
        versions = sum(len(re.findall(r"^\s*- version:", (repo / f"versions/{pid}.yml").read_text(
            encoding="utf-8"), re.M)) for pid in ids)
        build = Figures.of(samples["build"])
        import_s = statistics.median(sum(s.wall for s in run) for run in import_samples)
        import_peak = max(s.rss_kib for run in import_samples for s in run) / 1024
        site_mb = tree_bytes(out / "site") / 1e6
        notices_mb = tree_bytes(out / "notices") / 1e6 if (out / "notices").is_dir() else 0.0
        total = import_s + build.wall
        peak = max(build.rss_kib / 1024, import_peak)
        log(f"{len(ids)} documents, {versions} imported versions; today {today}; median of "
            f"{args.runs} runs ({load_note()}):")
        log(f"  import (all documents): {import_s:.1f} s wall, peak {import_peak:.0f} MiB")
        log(f"  build (empty cache): {build.wall:.1f} s wall, {build.cpu:.1f} s CPU, peak "
            f"{build.rss_kib / 1024:.0f} MiB [{build.wall_spread[0]:.1f}..{build.wall_spread[1]:.1f} s]")
        log("  " + absolute_line("import + build wall", total, "s", TARGET_TOTAL_S, fmt=".1f"))
        log("  " + absolute_line("peak memory", peak, "MiB", TARGET_PEAK_MB, fmt=".0f"))
        log("  " + absolute_line("site size", site_mb, "MB", TARGET_SITE_MB, fmt=".1f")
            + f"  [email drafts beside it: {notices_mb:.1f} MB]")
        log(f"history import_s={import_s:.1f} build_s={build.wall:.1f} total_s={total:.1f} "
            f"peak_mb={peak:.0f} site_mb={site_mb:.1f} versions={versions}")
    finally:
        remove_scratch(tmp, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
