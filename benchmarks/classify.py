"""scripts/bench classify: how well and how fast does the classifier sort
changes into material and ordinary, on every labelled set?

    scripts/bench classify [--shared PATH] [--sets tuned,corpus,dev,heldout] [--cli N]

Sets:

- tuned:   tests/classify/pairs (written alongside the classifier);
- corpus:  ../shared/corpus, real English and French pairs (read at run time,
           never copied; --shared PATH or POLICYNOTICE_SHARED, default
           <repo>/../shared). French is not a product language: every French
           pair counts as a miss (material -> false negative, ordinary ->
           false positive) and the set is also reported English only;
- dev, heldout: tests/classify/fresh, labelled before the classifier ran on
           it. The held-out part is reported apart and must never be used to
           tune the classifier.

Each pair goes through the library path `policynotice classify OLD NEW --lang L`
uses (decode_policy on the bytes, policy_text to drop front matter, then classify_texts); a few pairs are also
timed through the CLI as a process, and its answer is checked against the
library's. A pair that takes longer than --timeout seconds (default 120) is
abandoned and counted as a miss, and named in the speed line. The last lines
are machine-readable, one per set:
``classify set=<name> n=.. recall=.. precision=.. fn=.. fp=.. median_s=.. max_s=..``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policynotice.classify.rules import classify_texts  # noqa: E402
from policynotice.publish.strings import supported  # noqa: E402
from policynotice.sources.text import decode_policy, policy_text  # noqa: E402

SETS = ("tuned", "corpus", "dev", "heldout")


@dataclass
class Pair:
    id: str
    lang: str
    label: str  # material / ordinary
    categories: tuple[str, ...]
    old: bytes
    new: bytes
    note: str = ""  # the fresh set's kind of mistake


@dataclass
class Result:
    pair: Pair
    got: str  # material / ordinary / unsupported / timeout
    got_categories: tuple[str, ...]
    seconds: float

    @property
    def size(self) -> int:
        return len(self.pair.old) + len(self.pair.new)


@dataclass
class Figures:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    fns: list[Result] = field(default_factory=list)
    fps: list[Result] = field(default_factory=list)

    def add(self, r: Result) -> None:
        material = r.pair.label == "material"
        # An unsupported language, or no answer within the time limit, is a
        # miss whatever the label.
        said_material = r.got == "material" if r.got in ("material", "ordinary") else not material
        if material and said_material:
            self.tp += 1
        elif material:
            self.fn += 1
            self.fns.append(r)
        elif said_material:
            self.fp += 1
            self.fps.append(r)
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")


# -- loading the sets ---------------------------------------------------------
def load_tuned() -> list[Pair]:
    from tests.classify.labelled import load_pairs

    return [Pair(p.id, p.lang, p.expect.value, p.categories, p.old.encode(), p.new.encode())
            for p in load_pairs()]


def load_fresh(split: str) -> list[Pair]:
    from tests.classify.fresh import load_fresh as load

    return [Pair(p.id, p.lang, p.label, p.categories, p.old.encode(), p.new.encode(), p.kind)
            for p in load(split)]


def load_corpus(shared: Path) -> list[Pair]:
    corpus = shared / "corpus"
    pairs = []
    with open(corpus / "labels.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            d = corpus / "pairs" / row["id"]
            cats = tuple(c.strip() for c in row["categories"].split(",") if c.strip())
            pairs.append(Pair(row["id"], row["lang"], row["label"], cats,
                              (d / "old.md").read_bytes(), (d / "new.md").read_bytes()))
    return pairs


# -- running ------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def run_library(p: Pair, timeout: float = 0) -> Result:
    """What `policynotice classify` computes, without the process around it.
    With a timeout (seconds), a pair that takes longer is abandoned and
    reported as `timeout`."""
    if not supported(p.lang):
        return Result(p, "unsupported", (), 0.0)
    start = time.perf_counter()
    if timeout:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        old = policy_text(decode_policy(p.old, where=f"{p.id}/old", allow_empty=True), where=f"{p.id}/old")
        new = policy_text(decode_policy(p.new, where=f"{p.id}/new", allow_empty=True), where=f"{p.id}/new")
        c = classify_texts(old, new, p.lang)
    except _Timeout:
        return Result(p, "timeout", (), time.perf_counter() - start)
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    cats = tuple(sorted({r.category for r in c.reasons if r.material}))
    if not cats:
        cats = tuple(sorted({r.category for r in c.reasons}))
    return Result(p, c.change_class.value, cats, seconds)


def run_cli(p: Pair, timeout: float = 0) -> tuple[float, str]:
    with tempfile.TemporaryDirectory(prefix="pn-bench-") as tmp:
        old, new = Path(tmp) / "old.md", Path(tmp) / "new.md"
        old.write_bytes(p.old)
        new.write_bytes(p.new)
        start = time.perf_counter()
        try:
            out = subprocess.run([sys.executable, "-m", "policynotice", "classify", str(old), str(new),
                                  "--lang", p.lang, "--format", "json"],
                                 cwd=ROOT, capture_output=True, text=True, timeout=timeout or None)
        except subprocess.TimeoutExpired:
            return time.perf_counter() - start, "timeout"
        seconds = time.perf_counter() - start
    if out.returncode != 0:
        return seconds, f"error: {out.stderr.strip()[:200]}"
    return seconds, json.loads(out.stdout)["class"]


# -- printing -----------------------------------------------------------------
def fmt(x: float) -> str:
    return "n/a" if x != x else f"{x:.2f}"


def line(name: str, f: Figures) -> str:
    return (f"  {name:<12} n={f.n:<3} material={f.tp + f.fn:<3} recall={fmt(f.recall)} "
            f"({f.tp}/{f.tp + f.fn})  precision={fmt(f.precision)} ({f.tp}/{f.tp + f.fp})  "
            f"fn={f.fn} fp={f.fp}")


def misses(f: Figures) -> list[str]:
    out = []
    for tag, rs in (("FN", f.fns), ("FP", f.fps)):
        for r in rs:
            label = ",".join(r.pair.categories) or "-"
            if r.got == "unsupported":
                got = "unsupported language"
            elif r.got == "timeout":
                got = f"no answer within {r.seconds:.0f} s (timed out)"
            else:
                got = f"{r.got} [{','.join(r.got_categories) or '-'}]"
            kind = f"  ({r.pair.note})" if r.pair.note else ""
            out.append(f"    {tag} {r.pair.id} [{r.pair.lang}]: label {r.pair.label} [{label}]; "
                       f"classifier {got}{kind}")
    return out


def report(name: str, results: list[Result], extra: dict[str, list[Result]] | None = None
           ) -> tuple[Figures, list[float]]:
    total = Figures()
    by_lang: dict[str, Figures] = {}
    for r in results:
        total.add(r)
        by_lang.setdefault(r.pair.lang, Figures()).add(r)
    print(f"\n== {name}: {len(results)} pairs")
    print(line("all", total))
    for lang in sorted(by_lang):
        print(line(lang, by_lang[lang]))
    for label, rs in (extra or {}).items():
        f = Figures()
        for r in rs:
            f.add(r)
        print(line(label, f))
    for m in misses(total):
        print(m)
    ran = [r for r in results if r.got != "unsupported"]
    times = [r.seconds for r in ran]
    if times:
        big = max(ran, key=lambda r: r.size)
        slow = max(ran, key=lambda r: r.seconds)
        timeouts = [r.pair.id for r in ran if r.got == "timeout"]
        print(f"  speed: median {statistics.median(times):.4f} s, max {max(times):.4f} s per pair "
              f"({slow.pair.id}, {slow.size / 1024:.1f} KB); largest pair {big.pair.id} "
              f"({big.size / 1024:.1f} KB old+new, {big.seconds:.4f} s)"
              + (f"; timed out (counted as misses): {', '.join(timeouts)}" if timeouts else ""))
    return total, times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scripts/bench classify", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("POLICYNOTICE_SHARED") or ROOT.parent / "shared"),
                    help="the shared folder holding corpus/ (default: $POLICYNOTICE_SHARED or "
                         "<repo>/../shared)")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}")
    ap.add_argument("--cli", type=int, default=4,
                    help="how many pairs (the largest ones) to time through the CLI as a process")
    ap.add_argument("--timeout", type=float, default=120,
                    help="seconds after which a pair is abandoned and counted as a miss (0: no limit)")
    ap.add_argument("--progress", action="store_true", help="print each pair's time on stderr as it goes")
    args = ap.parse_args(argv)
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = set(wanted) - set(SETS)
    if unknown:
        ap.error(f"unknown set(s): {', '.join(sorted(unknown))}")

    # Warm up (lazy imports, compiled patterns) so that the first pair is not
    # charged for them.
    classify_texts("# T\n\nWe collect your name.\n", "# T\n\nWe collect your name and email.\n", "en")

    summary: list[str] = []
    everything: list[Result] = []
    for name in wanted:
        if name == "corpus":
            if not (args.shared / "corpus" / "labels.tsv").is_file():
                print(f"\n== corpus: skipped, no {args.shared / 'corpus' / 'labels.tsv'} "
                      f"(give --shared PATH or set POLICYNOTICE_SHARED)")
                continue
            pairs = load_corpus(args.shared)
        elif name == "tuned":
            pairs = load_tuned()
        else:
            pairs = load_fresh(name)
        results = []
        for i, p in enumerate(pairs, 1):
            results.append(run_library(p, args.timeout))
            if args.progress:
                r = results[-1]
                print(f"  [{name} {i}/{len(pairs)}] {p.id} {r.size / 1024:.0f} KB {r.seconds:.2f} s",
                      file=sys.stderr, flush=True)
        everything += results
        extra = None
        if name == "corpus":
            extra = {"English only": [r for r in results if r.pair.lang == "en"]}
        title = {"tuned": "tuned (tests/classify/pairs)", "corpus": f"corpus ({args.shared / 'corpus'})",
                 "dev": "dev (tests/classify/fresh/dev)",
                 "heldout": "held-out (tests/classify/fresh/heldout; never tune on it)"}[name]
        f, times = report(title, results, extra)
        if name == "corpus":
            fr = [r for r in results if r.got == "unsupported"]
            if fr:
                # For information: what the English rules would say on the French texts.
                forced = []
                for r in fr:
                    p = Pair(r.pair.id, "en", r.pair.label, r.pair.categories, r.pair.old, r.pair.new)
                    forced.append(run_library(p, args.timeout))
                g = Figures()
                for r in forced:
                    g.add(r)
                print(f"  (information only: the {len(fr)} French pairs classified with the English "
                      f"rules: recall {fmt(g.recall)}, precision {fmt(g.precision)})")
        med = statistics.median(times) if times else float("nan")
        mx = max(times) if times else float("nan")
        summary.append(f"classify set={name} n={f.n} recall={fmt(f.recall)} precision={fmt(f.precision)} "
                       f"fn={f.fn} fp={f.fp} median_s={med:.4f} max_s={mx:.4f} "
                       f"timeouts={sum(r.got == 'timeout' for r in results)}")
        if name == "corpus":
            en = Figures()
            for r in results:
                if r.pair.lang == "en":
                    en.add(r)
            summary.append(f"classify set=corpus-en n={en.n} recall={fmt(en.recall)} "
                           f"precision={fmt(en.precision)} fn={en.fn} fp={en.fp}")

    timed = [r for r in everything if r.got in ("material", "ordinary")]
    if args.cli > 0 and timed:
        chosen = sorted(timed, key=lambda r: -r.size)[:args.cli]
        cli_times = []
        disagree = []
        for r in chosen:
            seconds, got = run_cli(r.pair, args.timeout)
            cli_times.append(seconds)
            if got != r.got:
                disagree.append(f"{r.pair.id}: CLI {got}, library {r.got}")
        print(f"\n== CLI as a process (policynotice classify OLD NEW --lang L --format json), "
              f"{len(chosen)} largest pairs: median {statistics.median(cli_times):.2f} s, "
              f"max {max(cli_times):.2f} s per pair (start-up included); "
              + ("same answers as the library" if not disagree else "DISAGREES: " + "; ".join(disagree)))
    print()
    for s in summary:
        print(s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
