"""scripts/bench scale: does policynotice keep up with a large archive?

Generates, in a temporary folder and deterministically (fixed seed), a git
repository with 10 policies x 5 languages x 30 versions: ~6 KB Markdown texts
built from a vocabulary (Hangul and Han pseudo-words for ko/zh/zh-Hant), each
version editing a few sections, one commit per version (text in every
language + release-log entry), valid release logs and an mkdocs.yml like this
repository's (site_url, search, i18n, policynotice). Then, in the same run:

(a) a cold `policynotice build` (no cache);
(b) a plain `mkdocs build` of a site with the same number of ordinary pages
    per language (same theme, search and i18n, no policynotice): the floor;
(c) one more version of one policy is committed and the site built again;
(d) peak memory (max RSS from wait4) of the builds.

"Generation work" is the time spent inside policynotice's MkDocs hooks
(on_config, on_files, on_page_*, on_post_build ...), measured by wrapping
them; MkDocs' own rendering of the generated pages is not part of it.

The last line is machine-readable:
``scale full_ratio=<x> incremental_ratio=<y> memory_ratio=<z>`` with
full_ratio = cold build / plain build (wall time), incremental_ratio =
generation work of the rebuild / generation work of the cold build, and
memory_ratio = peak RSS of the policynotice build / of the plain build.
Targets: <= 1.5, <= 0.10, <= 2.0.

Options: --policies N --versions N --languages N (default 10/30/5), --quick
(2 policies x 6 versions), --keep (keep and print the temp folder),
--profile (also profile a rebuild after one more version and a cold build,
and print where the time goes), --seed N.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from redline import vocabulary as english_vocabulary  # noqa: E402 - benchmarks/redline.py

LANGS = ("ko", "en", "zh", "zh-Hant", "es")
LANG_NAMES = {"ko": "한국어", "en": "English", "zh": "简体中文", "zh-Hant": "繁體中文", "es": "Español"}
TEXT_BYTES = 6_000
SPACING_DAYS = 40  # between two versions of one policy
NOTICE_DAYS = 35  # enough for a material change (30 days)
START = date(2021, 1, 4)


# -- texts ---------------------------------------------------------------
class Writer:
    """Sentences in one language from a fixed vocabulary."""

    def __init__(self, lang: str, rng: random.Random, english: list[str]) -> None:
        self.lang = lang
        self.rng = rng
        if lang == "ko":
            self.words = ["".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(rng.randint(1, 4)))
                          for _ in range(600)]
        elif lang.startswith("zh"):
            self.words = ["".join(chr(0x4E00 + rng.randrange(0x1000)) for _ in range(rng.randint(1, 3)))
                          for _ in range(600)]
        else:
            self.words = english

    def sentence(self, n: int) -> str:
        w = [self.rng.choice(self.words) for _ in range(n)]
        if self.lang.startswith("zh"):
            return "".join(w) + "。"
        if self.lang == "ko":
            return " ".join(w) + "다."
        w[0] = w[0][:1].upper() + w[0][1:]
        return " ".join(w) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence(self.rng.randint(8, 18)) for _ in range(self.rng.randint(2, 4)))

    def block(self) -> str:
        kind = self.rng.random()
        if kind < 0.65:
            return self.paragraph()
        if kind < 0.9:
            return "\n".join(f"- {self.sentence(self.rng.randint(4, 10))}"
                             for _ in range(self.rng.randint(2, 5)))
        rows = "".join(f"| {self.rng.choice(self.words)} | {self.sentence(5)} | {self.rng.randint(1, 5)} |\n"
                       for _ in range(self.rng.randint(2, 4)))
        return "| Item | Purpose | Years |\n|---|---|---|\n" + rows.rstrip("\n")


def first_text(w: Writer, title: str) -> list[list[str]]:
    """Sections (heading + blocks) of a ~6 KB policy."""
    sections: list[list[str]] = []
    size = 0
    while size < TEXT_BYTES:
        k = len(sections) + 1
        blocks = [f"## {k}. {w.sentence(w.rng.randint(2, 4))[:-1]}"]
        blocks += [w.block() for _ in range(w.rng.randint(2, 3))]
        sections.append(blocks)
        size = len(render(title, sections).encode())
    return sections


def edit(w: Writer, sections: list[list[str]], which: list[int]) -> list[list[str]]:
    out = [list(s) for s in sections]
    for k in which:
        blocks = out[k]
        i = w.rng.randrange(1, len(blocks))
        kind = w.rng.random()
        if kind < 0.5:  # reword a few words
            words = blocks[i].split(" ")
            for _ in range(w.rng.randint(1, 3)):
                j = w.rng.randrange(len(words))
                words[j] = w.rng.choice(w.words)
            blocks[i] = " ".join(words)
        elif kind < 0.8:  # a new sentence or item
            blocks.insert(i + 1, w.block())
        elif len(blocks) > 2:  # drop a block
            del blocks[i]
        else:
            blocks.append(w.paragraph())
    return out


def render(title: str, sections: list[list[str]]) -> str:
    return f"# {title}\n\n" + "\n\n".join("\n\n".join(s) for s in sections) + "\n"


# -- the repository ------------------------------------------------------------
class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main", when=START)

    def git(self, *args: str, when: date) -> None:
        stamp = f"{when.isoformat()}T10:00:00+09:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.test",
               "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.test",
               "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True)

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str, when: date) -> None:
        self.git("add", "-A", when=when)
        self.git("commit", "-q", "-m", message, when=when)


def entry_yaml(version: str, notice: date, effective: date, langs: tuple[str, ...], n: int) -> str:
    lines = [f'  - version: "{version}"', f"    notice_date: {notice}", f"    effective_date: {effective}",
             "    summary:"]
    lines += [f'      {lang}: "Revision {n} ({lang}): several sections were updated."' for lang in langs]
    lines += ["    reason:"]
    lines += [f'      {lang}: "To keep the policy accurate ({lang})."' for lang in langs]
    return "\n".join(lines) + "\n"


def mkdocs_config(policies: list[str], langs: tuple[str, ...], with_plugin: bool) -> str:
    """This repository's mkdocs.yml with other policies (and optionally no policynotice)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Scale"
    config["site_url"] = "https://scale.example/"
    config.pop("site_dir", None)
    plugins = []
    for item in config["plugins"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        if name == "i18n":
            item["i18n"]["languages"] = [
                {"locale": lang, "name": LANG_NAMES[lang], **({"default": True} if k == 0 else {})}
                for k, lang in enumerate(langs)]
        if name == "policynotice":
            if not with_plugin:
                continue
            item["policynotice"]["policies"] = [{"id": p, "profile": "kr_privacy"} for p in policies]
        plugins.append(item)
    config["plugins"] = plugins
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class Archive:
    """The generated policy repository and what is needed to add one version."""

    def __init__(self, root: Path, n_policies: int, n_versions: int, langs: tuple[str, ...],
                 seed: int) -> None:
        self.repo = Repo(root)
        self.langs = langs
        self.policies = [f"p{k:02d}" for k in range(1, n_policies + 1)]
        english = english_vocabulary()
        self.writers = {(p, lang): Writer(lang, random.Random(f"{seed}-{p}-{lang}"), english)
                        for p in self.policies for lang in langs}
        self.sections: dict[tuple[str, str], list[list[str]]] = {}
        self.logs = {p: f"policy: {p}\nversions:\n" for p in self.policies}
        self.count = {p: 0 for p in self.policies}
        self.last_effective: dict[str, date] = {}
        self.edit_rng = random.Random(seed)
        repo = self.repo
        repo.write("mkdocs.yml", mkdocs_config(self.policies, langs, with_plugin=True))
        repo.write(".gitignore", ".cache/\nsite/\n")
        for lang in langs:
            repo.write(f"docs/{lang}/index.md", f"# Policies ({lang})\n\n" + "".join(
                f"- [{p}]({p}.md)\n" for p in self.policies))
        repo.commit("site skeleton", START)
        plan = sorted((START + timedelta(days=3 * k + SPACING_DAYS * n), k, p)
                      for k, p in enumerate(self.policies) for n in range(n_versions))
        for effective, _, p in plan:
            self.add_version(p, effective)

    def add_version(self, p: str, effective: date) -> str:
        notice = effective - timedelta(days=NOTICE_DAYS)
        n = self.count[p] = self.count[p] + 1
        first = (p, self.langs[0]) not in self.sections
        some = None
        for lang in self.langs:
            w = self.writers[(p, lang)]
            if first:
                self.sections[(p, lang)] = first_text(w, f"{p.upper()} ({lang})")
            else:
                if some is None:  # the same sections change in every language
                    total = len(self.sections[(p, lang)])
                    some = self.edit_rng.sample(range(total), k=min(total, self.edit_rng.randint(2, 4)))
                self.sections[(p, lang)] = edit(w, self.sections[(p, lang)],
                                                [k for k in some if k < len(self.sections[(p, lang)])])
            self.repo.write(f"docs/{lang}/{p}.md", render(f"{p.upper()} ({lang})", self.sections[(p, lang)]))
        version = effective.isoformat()
        self.logs[p] += entry_yaml(version, notice, effective, self.langs, n)
        self.repo.write(f"versions/{p}.yml", self.logs[p])
        self.repo.commit(f"{p} {version}", notice)
        self.last_effective[p] = effective
        return version


def plain_site(root: Path, pages_per_lang: int, langs: tuple[str, ...], archive: Archive) -> None:
    """`pages_per_lang` ordinary ~6 KB pages per language, same theme/search/i18n."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_config([], langs, with_plugin=False), encoding="utf-8")
    for lang in langs:
        texts = [render(f"{p.upper()} ({lang})", archive.sections[(p, lang)]) for p in archive.policies]
        (root / "docs" / lang).mkdir()
        (root / "docs" / lang / "index.md").write_text(f"# Pages ({lang})\n", encoding="utf-8")
        for k in range(1, pages_per_lang):
            (root / "docs" / lang / f"page{k:04d}.md").write_text(texts[k % len(texts)], encoding="utf-8")


# -- measuring -------------------------------------------------------------------
def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process, from wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(out.decode("utf-8", "replace")[-4000:])
        raise SystemExit(f"scale: {' '.join(cmd[:4])} ... failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss


def build(archive_root: Path, out: Path, today: str, *, profile: Path | None = None) -> dict:
    """One `policynotice build` in a child process that times policynotice's hooks."""
    timing = out / "timing.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", str(timing), today, str(out)]
    if profile:
        cmd += ["--_profile", str(profile)]
    seconds, rss = run(cmd, archive_root)
    data = json.loads(timing.read_text(encoding="utf-8"))
    return {"seconds": seconds, "rss_kib": rss, **data}


def child(timing: Path, today: str, out: Path, profile: Path | None) -> int:
    """Inside the build process: wrap the plugin's hooks with timers, then run the CLI."""
    from policynotice import cli
    from policynotice.plugin import PolicyNoticePlugin

    spent = {"hooks": 0.0}
    per_hook: dict[str, float] = {}

    def timed(name, fn):
        @functools.wraps(fn)  # keeps mkdocs_priority (@event_priority): the hook order matters
        def wrapper(self, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(self, *args, **kwargs)
            finally:
                dt = time.perf_counter() - t0
                spent["hooks"] += dt
                per_hook[name] = per_hook.get(name, 0.0) + dt
        return wrapper

    for name in list(vars(PolicyNoticePlugin)):
        if name.startswith("on_") and callable(getattr(PolicyNoticePlugin, name)):
            setattr(PolicyNoticePlugin, name, timed(name, getattr(PolicyNoticePlugin, name)))
    argv = ["build", "--today", today, "--site-dir", str(out / "site"),
            "--notices-dir", str(out / "notices"), "--quiet"]
    t0 = time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        code = profiler.runcall(cli.main, argv)
        profiler.dump_stats(str(profile))
    else:
        code = cli.main(argv)
    total = time.perf_counter() - t0
    timing.write_text(json.dumps({"inner_seconds": total, "generation_seconds": spent["hooks"],
                                  "hooks": per_hook}), encoding="utf-8")
    return code


def count_pages(site: Path) -> int:
    """MkDocs pages in the built site (compare fragments are not pages)."""
    return sum(1 for p in site.rglob("index.html"))


def print_profile(path: Path, what: str, keys: tuple[str, ...], limit: int = 30) -> None:
    import io
    import pstats

    for key in keys:
        buf = io.StringIO()
        pstats.Stats(str(path), stream=buf).sort_stats(key).print_stats(limit)
        text = buf.getvalue()
        start = text.find("   ncalls")
        print(f"-- profile of {what}, by {key} --")
        print(text[start:].rstrip())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_child"]:
        profile = Path(argv[5]) if len(argv) > 5 and argv[4] == "--_profile" else None
        return child(Path(argv[1]), argv[2], Path(argv[3]), profile)
    p = argparse.ArgumentParser(prog="scripts/bench scale")
    p.add_argument("--policies", type=int, default=10)
    p.add_argument("--versions", type=int, default=30)
    p.add_argument("--languages", type=int, default=5, choices=range(1, 6))
    p.add_argument("--quick", action="store_true", help="2 policies x 6 versions")
    p.add_argument("--keep", action="store_true", help="keep the generated folder")
    p.add_argument("--profile", action="store_true", help="profile one more cold build")
    p.add_argument("--seed", type=int, default=20241125)
    args = p.parse_args(argv)
    if args.quick:
        args.policies, args.versions = 2, 6
    langs = LANGS[: args.languages]
    tmp = Path(tempfile.mkdtemp(prefix="policynotice-scale-"))
    try:
        t0 = time.perf_counter()
        archive = Archive(tmp / "repo", args.policies, args.versions, langs, args.seed)
        last = max(archive.last_effective.values())
        today = (last - timedelta(days=20)).isoformat()  # the newest versions are announced
        gen = time.perf_counter() - t0
        size = sum(len(render("x", s).encode()) for s in archive.sections.values()) / len(archive.sections)
        print(f"archive: {args.policies} policies x {len(langs)} languages x {args.versions} versions "
              f"(texts ~{size / 1024:.1f} KB), generated in {gen:.1f} s; today {today}")

        cold = build(archive.repo.root, tmp / "cold", today)
        pages = count_pages(tmp / "cold" / "site")
        per_lang = -(-pages // len(langs))
        plain_site(tmp / "plain", per_lang, langs, archive)
        plain_s, plain_rss = run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir",
                                  str(tmp / "plain-site")], tmp / "plain")
        plain_pages = count_pages(tmp / "plain-site")

        # One more version of one policy, committed; build again with the cache warm.
        p = archive.policies[0]
        effective = date.fromisoformat(today) + timedelta(days=NOTICE_DAYS + 1)
        archive.add_version(p, effective)
        warm = build(archive.repo.root, tmp / "warm", today)

        print(f"pages: policynotice {pages} (+ compare fragments), plain {plain_pages}")
        print(f"(a) cold policynotice build: {cold['seconds']:.1f} s wall, generation "
              f"{cold['generation_seconds']:.1f} s, peak {cold['rss_kib'] / 1024:.0f} MiB")
        print(f"(b) plain mkdocs build:      {plain_s:.1f} s wall, peak {plain_rss / 1024:.0f} MiB")
        print(f"(c) rebuild after one more version of {p}: {warm['seconds']:.1f} s wall, generation "
              f"{warm['generation_seconds']:.1f} s, peak {warm['rss_kib'] / 1024:.0f} MiB")
        for name, data in (("cold", cold), ("rebuild", warm)):
            hooks = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(data["hooks"].items(), key=lambda kv: -kv[1])
                              if v >= 0.05)
            print(f"    {name} generation by hook: {hooks}")
        peak = max(cold["rss_kib"], warm["rss_kib"])
        full_ratio = cold["seconds"] / plain_s
        incremental_ratio = warm["generation_seconds"] / cold["generation_seconds"]
        memory_ratio = peak / plain_rss
        print(f"(d) peak memory: policynotice {peak / 1024:.0f} MiB, plain {plain_rss / 1024:.0f} MiB")
        print(f"rebuild wall / cold wall: {warm['seconds'] / cold['seconds']:.2f}; rebuild generation / "
              f"cold wall: {warm['generation_seconds'] / cold['seconds']:.2f}")
        print("targets: full_ratio <= 1.5, incremental_ratio <= 0.10, memory_ratio <= 2.0")
        if args.profile:
            # A rebuild after one more version (cache warm), then a cold build.
            archive.add_version(p, effective + timedelta(days=1))
            stats = tmp / "rebuild.prof"
            build(archive.repo.root, tmp / "profiled-rebuild", today, profile=stats)
            print_profile(stats, "a rebuild after one more version", ("cumulative",))
            shutil.rmtree(archive.repo.root / ".cache", ignore_errors=True)
            stats = tmp / "cold.prof"
            build(archive.repo.root, tmp / "profiled", today, profile=stats)
            print_profile(stats, "a cold build", ("cumulative", "tottime"))
        print(f"scale full_ratio={full_ratio:.2f} incremental_ratio={incremental_ratio:.2f} "
              f"memory_ratio={memory_ratio:.2f}")
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
