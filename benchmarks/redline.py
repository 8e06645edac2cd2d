"""scripts/bench redline: how long does a reader wait for a redline of a large policy?

Two pairs, generated deterministically (fixed seed) from the vocabulary of the
seed policies (--shared PATH/seeds, else $POLICYNOTICE_SHARED, else
../shared; a built-in word list otherwise):

- big:   a ~200 KB policy and the same with 50 scattered edits;
- heavy: the same policy with 300 edits and 20 paragraphs moved elsewhere.

Measured:

(a) in-process, what the build runs for every changes page and compare
    fragment: `render_redline_html` (diff + HTML), median of --runs-inprocess
    (default 9) after one warm-up call; targets big <= 25 ms, heavy <= 100 ms.
    `diff_texts` alone and `render_side_by_side_html` (the changes page's
    second half) are printed for reference, without targets. git has no
    in-process equivalent, so these have no baseline;
(b) whole processes, interleaved (A B A B ...), median of --runs (default 5):
    `policynotice diff OLD NEW --format html` next to
    `git diff --no-index --word-diff OLD NEW`, both including process start,
    output discarded; `policynotice --version` is printed as the CLI's start-up
    floor (Python start and CLI import).

The last line is machine-readable:
``redline big_ms=<a> heavy_ms=<a> cli_big_ms=<b> cli_heavy_ms=<b> git_big_ms=<b>
git_heavy_ms=<b> cli_git_ratio_big=<x> cli_git_ratio_heavy=<y>``.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import (DEFAULT_RUNS, Figures, Variant, absolute_line, in_process_ms,  # noqa: E402
                     header, interleave, load_note, log, policynotice_cmd, ratio_line, run_process,
                     shared_dir)

RUNS_IN_PROCESS = 9
TARGET_BIG_MS = 25.0
TARGET_HEAVY_MS = 100.0
TARGET_BYTES = 200_000
# Used only when the seed policies are not available.
_FALLBACK_WORDS = (
    "account address advertising agent analytics anonymised apply authority backup billing browser "
    "category children collect company complaint consent contact contract controller cookies data "
    "delete deletion device disclose email encryption erase establish exercise expire group identify "
    "information law legal marketing member necessary notice object officer operator order partner "
    "payment period personal phone policy portability process processor profile protect purpose "
    "receive record rectify refuse request retain retention right safeguard security service share "
    "store subject supplier terminate third transfer update use user withdraw within years"
).split()


def vocabulary(shared: Path | None = None) -> list[str]:
    """Words of the seed policies in shared/seeds, else a built-in list."""
    words: list[str] = []
    seeds = shared / "seeds" if shared else None
    if seeds and seeds.is_dir():
        for f in sorted(seeds.glob("*.txt")):
            words += re.findall(r"[A-Za-z][A-Za-z'’-]{1,}", f.read_text(encoding="utf-8"))
    return sorted(set(words)) or list(_FALLBACK_WORDS)


def sentence(rng: random.Random, vocab: list[str], n: int) -> str:
    w = [rng.choice(vocab) for _ in range(n)]
    w[0] = w[0][:1].upper() + w[0][1:]
    return " ".join(w) + "."


def policy(rng: random.Random, vocab: list[str]) -> list[str]:
    """Blocks of a Markdown policy (each ending with its blank line)."""
    blocks = ["# Privacy Policy\n\n"]
    section = 0
    size = 0
    while size < TARGET_BYTES:
        section += 1
        blocks.append(f"## {section}. {sentence(rng, vocab, rng.randint(2, 5))[:-1]}\n\n")
        for _ in range(rng.randint(3, 6)):
            kind = rng.random()
            if kind < 0.6:
                text = " ".join(sentence(rng, vocab, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))
                blocks.append(text + "\n\n")
            elif kind < 0.85:
                items = "".join(f"- {sentence(rng, vocab, rng.randint(4, 14))}\n"
                                for _ in range(rng.randint(2, 6)))
                blocks.append(items + "\n")
            else:
                rows = "| Item | Purpose | Period |\n|---|---|---|\n" + "".join(
                    f"| {rng.choice(vocab)} | {sentence(rng, vocab, 5)} | {rng.randint(1, 10)} years |\n"
                    for _ in range(rng.randint(2, 5)))
                blocks.append(rows + "\n")
        size = sum(len(b) for b in blocks)
    return blocks


def edit_block(rng: random.Random, vocab: list[str], block: str) -> str:
    words = block.split(" ")
    if len(words) < 4:
        return block + sentence(rng, vocab, 6) + "\n\n"
    i = rng.randrange(1, len(words) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        words[i] = rng.choice(vocab)
    elif kind == 1:
        words[i:i] = [rng.choice(vocab) for _ in range(rng.randint(1, 4))]
    else:
        del words[i:i + rng.randint(1, 2)]
    return " ".join(words)


def edited(rng: random.Random, vocab: list[str], blocks: list[str], edits: int, moves: int) -> list[str]:
    """blocks with `moves` paragraphs moved elsewhere (unchanged) and `edits` edits elsewhere."""
    out = [[b, False] for b in blocks]  # [text, is a moved paragraph]
    paragraphs = [k for k, b in enumerate(blocks) if not b.startswith(("#", "-", "|")) and len(b) > 200]
    for k in sorted(rng.sample(paragraphs, min(moves, len(paragraphs))), reverse=True):
        text = out.pop(k)[0]
        out.insert(rng.randrange(1, len(out)), [text, True])
    for _ in range(edits):
        k = rng.randrange(1, len(out))
        while out[k][1]:
            k = rng.randrange(1, len(out))
        if rng.random() < 0.15:
            out.insert(k, [" ".join(sentence(rng, vocab, 10) for _ in range(2)) + "\n\n", False])
        else:
            out[k][0] = edit_block(rng, vocab, out[k][0])
    return [text for text, _ in out]


def pairs(shared: Path | None) -> tuple[list[str], str, dict[str, str]]:
    """(vocabulary, old text, {"big": new text, "heavy": new text})."""
    rng = random.Random(20240601)
    vocab = vocabulary(shared)
    base = policy(rng, vocab)
    old = "".join(base)
    big = "".join(edited(rng, vocab, base, 50, 0))
    heavy = "".join(edited(rng, vocab, base, 300, 20))
    return vocab, old, {"big": big, "heavy": heavy}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench redline")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="process runs (median)")
    p.add_argument("--runs-inprocess", type=int, default=RUNS_IN_PROCESS)
    p.add_argument("--shared", help="folder with seeds/ (default $POLICYNOTICE_SHARED or ../shared)")
    args = p.parse_args(argv)
    from policynotice.redline.engine import diff_texts
    from policynotice.redline.render import render_redline_html, render_side_by_side_html

    shared = shared_dir(args.shared)
    vocab, old, new = pairs(shared)
    log(header())
    log(f"vocabulary: {len(vocab)} words ({'seeds in ' + str(shared) if shared else 'built-in list'})")
    log(f"old {len(old.encode()) / 1024:.0f} KB; big {len(new['big'].encode()) / 1024:.0f} KB;"
        f" heavy {len(new['heavy'].encode()) / 1024:.0f} KB")
    for name, text in new.items():
        r = diff_texts(old, text, "en")
        assert r.old == old and r.new == text, "redline is not exact"
        moved = sum(1 for o in r.ops if o.moved and o.op == "insert")
        log(f"{name}: {r.stats.changes} hunks, +{r.stats.words_added}/-{r.stats.words_removed} words,"
            f" {moved} moved stretches")

    n = args.runs_inprocess
    inproc: dict[str, dict[str, float]] = {}
    for name, text in new.items():
        inproc[name] = {
            "render_redline_html": statistics.median(
                in_process_ms(lambda: render_redline_html(old, text, "en"), n)),
            "diff_texts": statistics.median(in_process_ms(lambda: diff_texts(old, text, "en"), n)),
            "render_side_by_side_html": statistics.median(
                in_process_ms(lambda: render_side_by_side_html(old, text, "en"), n)),
        }
    log(f"(a) in-process, median of {n} calls ({load_note()}):")
    for name, target in (("big", TARGET_BIG_MS), ("heavy", TARGET_HEAVY_MS)):
        f = inproc[name]
        log("  " + absolute_line(f"render_redline_html {name}", f["render_redline_html"], "ms", target,
                                 fmt=".1f")
            + f"  [diff_texts alone {f['diff_texts']:.1f} ms; render_side_by_side_html "
              f"{f['render_side_by_side_html']:.1f} ms, no target]")

    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: Path(tmp, f"{k}.md") for k in ("old", *new)}
        paths["old"].write_text(old, encoding="utf-8")
        for k, text in new.items():
            paths[k].write_text(text, encoding="utf-8")
        variants = [Variant("policynotice --version", lambda: run_process(policynotice_cmd("--version")))]
        for k in new:
            variants.append(Variant(f"policynotice diff {k}", lambda k=k: run_process(policynotice_cmd(
                "diff", str(paths["old"]), str(paths[k]), "--format", "html", "--lang", "en"))))
            variants.append(Variant(f"git word-diff {k}", lambda k=k: run_process(
                ["git", "diff", "--no-index", "--word-diff", str(paths["old"]), str(paths[k])],
                ok_codes=(0, 1))))  # 1: the files differ
        samples = interleave(variants, args.runs, warmup=1)
    fig = {k: Figures.of(v) for k, v in samples.items()}
    log(f"(b) whole processes, median of {args.runs} interleaved runs ({load_note()}):")
    for k in new:
        cli, git = fig[f"policynotice diff {k}"], fig[f"git word-diff {k}"]
        log("  " + ratio_line(f"policynotice diff --format html {k}", cli.wall * 1000, "git --word-diff",
                              git.wall * 1000, "ms", fmt=".0f")
            + f"  [CPU {cli.cpu * 1000:.0f} vs {git.cpu * 1000:.0f} ms; peak "
              f"{cli.rss_kib / 1024:.0f} vs {git.rss_kib / 1024:.0f} MiB]")
    start = fig["policynotice --version"]
    log(f"  start-up floor: policynotice --version {start.wall * 1000:.0f} ms wall, "
        f"{start.cpu * 1000:.0f} ms CPU")
    wall = {k: v.wall * 1000 for k, v in fig.items()}
    log(f"redline big_ms={inproc['big']['render_redline_html']:.1f} "
        f"heavy_ms={inproc['heavy']['render_redline_html']:.1f} "
        f"cli_big_ms={wall['policynotice diff big']:.0f} cli_heavy_ms={wall['policynotice diff heavy']:.0f} "
        f"git_big_ms={wall['git word-diff big']:.0f} git_heavy_ms={wall['git word-diff heavy']:.0f} "
        f"cli_git_ratio_big={wall['policynotice diff big'] / wall['git word-diff big']:.1f} "
        f"cli_git_ratio_heavy={wall['policynotice diff heavy'] / wall['git word-diff heavy']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
