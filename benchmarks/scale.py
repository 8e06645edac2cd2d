"""scripts/bench scale: what does policynotice cost over a plain MkDocs site?

Generates, in a temporary folder and deterministically (fixed seed), a git
repository of policies x 5 languages x versions (default 10 x 5 x 30): ~6 KB
Markdown texts built from a vocabulary (Hangul and Han pseudo-words for
ko/zh/zh-Hant), each version editing a few sections in every language, one
commit per version (texts + release-log entry), and an mkdocs.yml like this
repository's (site_url, search, i18n, policynotice with an explicit
cache_dir). Every version is shown (notice date <= --today).

Measured, each as a whole process (wall, CPU = user+sys of the process and
the git/other children it waited for, peak RSS), interleaved A B C A B C ...,
median of --runs (default 5), after --warmup untimed rounds (default 1):

(a) cold `policynotice build` with an empty cache (the cache folder is
    deleted before every run);
(b) the fair floor: a plain `mkdocs build` (same theme, search, i18n, no
    policynotice) of the *same pages with the same exposure*: per language the
    index and each policy's current page (in the navigation and the search
    index), the subscribe page (in the navigation, out of search), and every
    archive page the product generates -- one per shown version with its text,
    one "changes" page per version after the first (the new text), a history
    and a compare page per policy -- kept out of the navigation (not_in_nav)
    and out of search (`search: exclude: true`), exactly as policynotice's
    plugin exposes its generated pages (InclusionLevel.NOT_IN_NAV and the
    same front matter). Page counts, navigation links and search entries of
    both sites are compared and printed; a mismatch is reported;
(c) incremental: the whole `policynotice build` process after one more
    version of one policy is committed, with notice date <= --today so that
    it is shown (version page, changes page, compare pairs, feeds, emails),
    cache warm from a build of the previous commit (restored before every run);
    reported as a fraction of (a)'s wall time.

Targets: cold <= 1.5x plain (wall and CPU), peak memory <= 1.5x plain,
incremental <= 15% of cold wall.

Growth mode (--growth): 1 policy x 5 languages x N versions for N in
--growth-versions (default 10,30,120), the same three measurements each.

The last line is machine-readable:
``scale cold_ratio=<wall> cold_cpu_ratio=<cpu> mem_ratio=<x> incremental_fraction=<wall>
incremental_cpu_fraction=<cpu>`` (CPU ratios are the steadier on a loaded machine)
(growth: comma-separated values, one per N, and ``growth=10,30,120``).

Options: --policies --versions --languages --runs --growth --growth-versions
--keep --profile (one more cold build under cProfile: where the time goes)
--seed --shared PATH (seed texts for the English vocabulary).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import (DEFAULT_RUNS, ROOT, Figures, Variant, header, interleave, load_note,  # noqa: E402
                     log, policynotice_cmd, ratio, ratio_line, remove_scratch, run_process, shared_dir,
                     verdict)
from redline import vocabulary as english_vocabulary  # noqa: E402 - benchmarks/redline.py

LANGS = ("ko", "en", "zh", "zh-Hant", "es")
LANG_NAMES = {"ko": "한국어", "en": "English", "zh": "简体中文", "zh-Hant": "繁體中文", "es": "Español"}
TEXT_BYTES = 6_000
SPACING_DAYS = 40  # between two versions of one policy
NOTICE_DAYS = 35  # enough for a material change (30 days)
START = date(2021, 1, 4)
CACHE_DIR = ".cache/policynotice"  # written into the generated mkdocs.yml
TARGET_COLD = 1.5
TARGET_MEMORY = 1.5
TARGET_INCREMENTAL = 0.15


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


def edit(w: Writer, sections: list[list[str]], which: dict[int, float]) -> list[list[str]]:
    """Edit sections `which` (index -> kind, drawn once per version so that
    every language gets the same kind of change: a change that is cosmetic in
    one language and substantive in another would be a lagging translation)."""
    out = [list(s) for s in sections]
    for k, kind in which.items():
        blocks = out[k]
        i = w.rng.randrange(1, len(blocks))
        if kind < 0.5:  # reword several words (one word may pass for a typo fix)
            words = blocks[i].split(" ")
            for _ in range(w.rng.randint(3, 6)):
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
    def __init__(self, root: Path, *, init: bool = True) -> None:
        self.root = root
        if init:
            root.mkdir(parents=True)
            self.git("init", "-q", "-b", "main", when=START)

    def clone(self, target: Path) -> "Repo":
        """A full clone (every commit: the archive lives in the history)."""
        subprocess.run(["git", "clone", "-q", str(self.root), str(target)], check=True,
                       capture_output=True)
        return Repo(target, init=False)

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
    """This repository's mkdocs.yml with other policies; without the plugin,
    the plain site's, whose archive-like pages stay out of the navigation."""
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
            item["policynotice"]["cache_dir"] = CACHE_DIR
        plugins.append(item)
    config["plugins"] = plugins
    if not with_plugin:
        # What the plugin does with InclusionLevel.NOT_IN_NAV for its pages.
        config["not_in_nav"] = "".join(f"/*/{p}/\n" for p in policies)
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class Archive:
    """The generated policy repository and what is needed to add one version."""

    def __init__(self, root: Path, n_policies: int, n_versions: int, langs: tuple[str, ...],
                 seed: int, english: list[str]) -> None:
        self.repo = Repo(root)
        self.langs = langs
        self.policies = [f"p{k:02d}" for k in range(1, n_policies + 1)]
        self.writers = {(p, lang): Writer(lang, random.Random(f"{seed}-{p}-{lang}"), english)
                        for p in self.policies for lang in langs}
        self.sections: dict[tuple[str, str], list[list[str]]] = {}
        # (policy, lang) -> [(version, text)], policy -> [(version, notice, effective)]
        self.texts: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.entries: dict[str, list[tuple[str, date, date]]] = {p: [] for p in self.policies}
        self.logs = {p: f"policy: {p}\nversions:\n" for p in self.policies}
        self.edit_rng = random.Random(seed)
        repo = self.repo
        repo.write("mkdocs.yml", mkdocs_config(self.policies, langs, with_plugin=True))
        repo.write(".gitignore", ".cache/\nsite/\nnotices/\n")
        for lang in langs:
            repo.write(f"docs/{lang}/index.md", self.index_page(lang))
        repo.commit("site skeleton", START)
        plan = sorted((START + timedelta(days=3 * k + SPACING_DAYS * n), k, p)
                      for k, p in enumerate(self.policies) for n in range(n_versions))
        for effective, _, p in plan:
            self.add_version(p, effective)

    def index_page(self, lang: str) -> str:
        return f"# Policies ({lang})\n\n" + "".join(f"- [{p}]({p}.md)\n" for p in self.policies)

    @property
    def last_effective(self) -> date:
        return max(e[-1][2] for e in self.entries.values())

    def add_version(self, p: str, effective: date, notice: date | None = None) -> str:
        """One commit, dated on the notice date: every language's text and the entry."""
        notice = notice or effective - timedelta(days=NOTICE_DAYS)
        first = (p, self.langs[0]) not in self.sections
        version = effective.isoformat()
        some = None
        for lang in self.langs:
            w = self.writers[(p, lang)]
            if first:
                self.sections[(p, lang)] = first_text(w, f"{p.upper()} ({lang})")
            else:
                if some is None:  # the same sections change in every language
                    # (a section every language has: no translation is left behind)
                    total = min(len(self.sections[(p, code)]) for code in self.langs)
                    some = {k: self.edit_rng.random() for k in
                            self.edit_rng.sample(range(total), k=min(total, self.edit_rng.randint(2, 4)))}
                self.sections[(p, lang)] = edit(w, self.sections[(p, lang)], some)
            text = render(f"{p.upper()} ({lang})", self.sections[(p, lang)])
            self.texts.setdefault((p, lang), []).append((version, text))
            self.repo.write(f"docs/{lang}/{p}.md", text)
        self.entries[p].append((version, notice, effective))
        self.logs[p] += entry_yaml(version, notice, effective, self.langs, len(self.entries[p]))
        self.repo.write(f"versions/{p}.yml", self.logs[p])
        self.repo.commit(f"{p} {version}", notice)
        return version


# -- the fair floor ------------------------------------------------------------
def _front(title: str, *, wide: bool = False) -> str:
    """The front matter publish/pages.py gives a generated page (not searchable)."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "search:", "  exclude: true"]
    if wide:
        lines += ["hide:", "  - navigation", "  - toc"]
    return "\n".join(lines) + "\n---\n\n"


def plain_site(root: Path, archive: Archive, today: date) -> int:
    """The same pages as the product's site, as ordinary Markdown files, with
    the same navigation and search exposure; returns the number of pages."""
    docs = root / "docs"
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_config(archive.policies, archive.langs, with_plugin=False),
                                     encoding="utf-8")
    count = 0

    def page(path: str, text: str) -> None:
        nonlocal count
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1

    for lang in archive.langs:
        page(f"{lang}/index.md", archive.index_page(lang))
        page(f"{lang}/subscribe.md", _front("Subscribe") + "# Subscribe\n\n"
             + "".join(f"- [{p} feed](../{p}.xml)\n" for p in archive.policies))
        for p in archive.policies:
            shown = [(e, t) for e, (_, t) in zip(archive.entries[p], archive.texts[(p, lang)])
                     if e[1] <= today]
            if not shown:
                page(f"{lang}/{p}.md", archive.texts[(p, lang)][-1][1])
                continue
            in_force = [t for (_, _, eff), t in shown if eff <= today] or [shown[0][1]]
            page(f"{lang}/{p}.md", in_force[-1])  # in the nav and the search index
            rows = "".join(f"| {v} | {n} | {e} | Revision {k + 1} |\n"
                           for k, ((v, n, e), _) in enumerate(reversed(shown)))
            page(f"{lang}/{p}/history.md", _front(f"{p} history", wide=True) + f"# {p} history\n\n"
                 "| Version | Notice | Effective | Summary |\n|---|---|---|---|\n" + rows)
            page(f"{lang}/{p}/compare.md", _front(f"Compare {p}") + f"# Compare {p}\n\n"
                 "Choose two versions to compare.\n")
            for k, ((version, _, _), text) in enumerate(shown):
                page(f"{lang}/{p}/{version}.md", _front(f"{p} {version}") + text)
                if k:
                    page(f"{lang}/{p}/{version}/changes.md", _front(f"{p} {version} changes", wide=True)
                         + text)
    return count


def site_shape(site: Path) -> dict:
    """Pages, navigation links of the default language's home page, search entries."""
    pages = sum(1 for _ in site.rglob("index.html"))
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").is_file() else ""
    nav = len(re.findall(r'class="md-nav__link', home))
    docs = set()
    for index in site.rglob("search_index.json"):
        for d in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            docs.add(d["location"].split("#")[0])
    return {"pages": pages, "nav_links": nav, "searchable_pages": len(docs)}


# -- one measured configuration -------------------------------------------------
def _rm(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def measure_case(tmp: Path, n_policies: int, n_versions: int, langs: tuple[str, ...], seed: int,
                 english: list[str], runs: int, warmup: int, verbose: bool) -> dict:
    t0 = time.perf_counter()
    archive = Archive(tmp / "repo", n_policies, n_versions, langs, seed, english)
    today = archive.last_effective - timedelta(days=20)  # the newest versions are announced
    repo = archive.repo.root
    n_pages = plain_site(tmp / "plain", archive, today)
    # The incremental state: a clone with one more, shown, version of the first
    # policy (notice yesterday, in force in NOTICE_DAYS - 1 days).
    base_repo = archive.repo
    archive.repo = base_repo.clone(tmp / "repo-plus1")
    p = archive.policies[0]
    added = archive.add_version(p, today + timedelta(days=NOTICE_DAYS - 1), today - timedelta(days=1))
    archive.repo = base_repo
    size = statistics.mean(len(t.encode()) for ts in archive.texts.values() for _, t in ts)
    log(f"archive: {n_policies} policies x {len(langs)} languages x {n_versions} versions "
        f"(texts ~{size / 1024:.1f} KB), generated in {time.perf_counter() - t0:.1f} s; today {today}; "
        f"incremental: {p} {added}")

    out = tmp / "out"
    cache = repo / CACHE_DIR
    plus1 = tmp / "repo-plus1"
    snapshot = tmp / "cache-after-cold"
    day = today.isoformat()

    def build(where: Path, name: str):
        return lambda: run_process(policynotice_cmd(
            "build", "--today", day, "--site-dir", str(out / name / "site"),
            "--notices-dir", str(out / name / "notices"), "--quiet"), cwd=where)

    def prepare_cold() -> None:
        _rm(cache, out / "cold")

    def prepare_plain() -> None:
        _rm(out / "plain")

    plain = lambda: run_process([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir",  # noqa: E731
                                 str(out / "plain" / "site")], cwd=tmp / "plain")

    def prepare_incremental() -> None:
        if not snapshot.exists():  # the cache a cold build of the previous commit left
            shutil.copytree(cache, snapshot)
        _rm(plus1 / CACHE_DIR, out / "incremental")
        shutil.copytree(snapshot, plus1 / CACHE_DIR)

    # Every round runs cold, plain, incremental in this order: the incremental
    # run's warm cache is the one the first cold build left. With --warmup, a
    # first untimed round fills the OS file cache and compiles .pyc files.
    samples = interleave([Variant("policynotice cold", build(repo, "cold"), prepare_cold),
                          Variant("plain mkdocs", plain, prepare_plain),
                          Variant("policynotice incremental", build(plus1, "incremental"),
                                  prepare_incremental)],
                         runs, warmup=warmup, log=log if verbose else None)
    shape = {"policynotice": site_shape(out / "cold" / "site"), "plain": site_shape(out / "plain" / "site")}
    log(f"plain site: {n_pages} Markdown pages; built sites: "
        + "; ".join(f"{k} {v['pages']} pages, {v['nav_links']} nav links on the home page, "
                    f"{v['searchable_pages']} searchable pages" for k, v in shape.items()))
    if shape["policynotice"] != shape["plain"]:
        log("WARNING: the plain site's shape differs from the product's: the floor is not like-for-like")
    new_page = out / "incremental" / "site" / p / added / "changes" / "index.html"  # default language
    drafts = list((out / "incremental" / "notices").rglob(f"*{added}*"))
    log(f"incremental build shows {p} {added}: changes page "
        f"{'present' if new_page.is_file() else 'MISSING'}, {len(drafts)} email draft file(s) named after it")
    cold, flat, inc = (Figures.of(samples[k]) for k in
                       ("policynotice cold", "plain mkdocs", "policynotice incremental"))
    result = {
        "today": day, "shape": shape, "cold": cold, "plain": flat, "incremental": inc,
        "cold_ratio": ratio(cold.wall, flat.wall), "cold_cpu_ratio": ratio(cold.cpu, flat.cpu),
        "mem_ratio": ratio(max(cold.rss_kib, inc.rss_kib), flat.rss_kib),
        "incremental_fraction": ratio(inc.wall, cold.wall),
        "incremental_cpu_fraction": ratio(inc.cpu, cold.cpu),
    }
    log(f"median of {runs} interleaved runs ({load_note()}):")
    log("  " + ratio_line("cold build wall", cold.wall, "plain", flat.wall, "s", TARGET_COLD)
        + f"  [cold {cold.wall_spread[0]:.2f}..{cold.wall_spread[1]:.2f} s, "
          f"plain {flat.wall_spread[0]:.2f}..{flat.wall_spread[1]:.2f} s]")
    log("  " + ratio_line("cold build CPU ", cold.cpu, "plain", flat.cpu, "s", TARGET_COLD))
    log("  " + ratio_line("peak memory    ", max(cold.rss_kib, inc.rss_kib) / 1024, "plain",
                          flat.rss_kib / 1024, "MiB", TARGET_MEMORY, fmt=".0f")
        + f"  [cold {cold.rss_kib / 1024:.0f}, incremental {inc.rss_kib / 1024:.0f} MiB]")
    log(f"  incremental build (one more shown version, warm cache): {inc.wall:.2f} s wall, "
        f"{inc.cpu:.2f} s CPU = {result['incremental_fraction']:.0%} of the cold wall time"
        f"{verdict(result['incremental_fraction'], TARGET_INCREMENTAL)} "
        f"({result['incremental_cpu_fraction']:.0%} of its CPU time); vs plain "
        f"{ratio(inc.wall, flat.wall):.2f}x")
    return result


def profile_cold(tmp: Path, limit: int = 25) -> None:
    """One more cold build under cProfile: where the time goes."""
    import io
    import pstats

    repo = tmp / "repo"
    today = json.loads((tmp / "today.json").read_text())["today"]
    _rm(repo / CACHE_DIR)
    stats = tmp / "cold.prof"
    run_process([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "policynotice", "build",
                 "--today", today, "--site-dir", str(tmp / "out" / "profiled" / "site"),
                 "--notices-dir", str(tmp / "out" / "profiled" / "notices"), "--quiet"], cwd=repo)
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(str(stats), stream=buf).sort_stats(key).print_stats(limit)
        text = buf.getvalue()
        log(f"-- profile of a cold build, by {key} --")
        log(text[text.find("   ncalls"):].rstrip())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench scale")
    p.add_argument("--policies", type=int, default=10)
    p.add_argument("--versions", type=int, default=30)
    p.add_argument("--languages", type=int, default=5, choices=range(1, 6))
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed rounds (median)")
    p.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    p.add_argument("--growth", action="store_true",
                   help="1 policy x languages x N versions for each N of --growth-versions")
    p.add_argument("--growth-versions", default="10,30,120")
    p.add_argument("--keep", action="store_true", help="keep the generated folder")
    p.add_argument("--profile", action="store_true", help="profile one more cold build")
    p.add_argument("--quiet-runs", action="store_true", help="do not print every run")
    p.add_argument("--seed", type=int, default=20241125)
    p.add_argument("--shared", help="folder with seeds/ (default $POLICYNOTICE_SHARED or ../shared)")
    args = p.parse_args(argv)
    langs = LANGS[: args.languages]
    english = english_vocabulary(shared_dir(args.shared))
    cases = ([(1, int(n)) for n in args.growth_versions.split(",")] if args.growth
             else [(args.policies, args.versions)])
    tmp = Path(tempfile.mkdtemp(prefix="policynotice-scale-"))
    results = []
    try:
        log(header())
        for k, (n_policies, n_versions) in enumerate(cases):
            case_dir = tmp / f"case{k}"
            result = measure_case(case_dir, n_policies, n_versions, langs, args.seed, english,
                                  args.runs, args.warmup, not args.quiet_runs)
            (case_dir / "today.json").write_text(json.dumps({"today": result["today"]}))
            results.append(result)
        if args.profile:
            profile_cold(tmp / f"case{len(cases) - 1}")
        log(f"targets: cold <= {TARGET_COLD}x plain (wall and CPU), memory <= {TARGET_MEMORY}x, "
            f"incremental <= {TARGET_INCREMENTAL:.0%} of cold wall; {load_note()}")
        keys = ("cold_ratio", "cold_cpu_ratio", "mem_ratio", "incremental_fraction",
                "incremental_cpu_fraction")
        if args.growth:
            log("scale growth=" + ",".join(str(n) for _, n in cases) + " " + " ".join(
                f"{key}=" + ",".join(f"{r[key]:.2f}" for r in results) for key in keys))
        else:
            log("scale " + " ".join(f"{key}={results[0][key]:.2f}" for key in keys))
    finally:
        remove_scratch(tmp, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
