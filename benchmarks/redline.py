"""scripts/bench redline: how fast is a redline of a large policy?

Two pairs, generated deterministically (fixed seed) from the vocabulary of the
seed policies:

- big:   a ~200 KB policy and the same with 50 scattered edits;
- heavy: the same policy with 300 edits and 20 paragraphs moved elsewhere.

Each is redlined several times and the median printed, next to
``git diff --no-index --word-diff`` on the same files, timed in the same run.
The last line is machine-readable:
``redline big_ms=<median> heavy_ms=<median> git_ms=<median>``.
"""

from __future__ import annotations

import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policynotice.redline.engine import diff_texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUNS = 9
TARGET_BYTES = 200_000
# Used only when the seed policies are not next to the checkout.
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


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    rng = random.Random(20240601)
    vocab = vocabulary()
    base = policy(rng, vocab)
    old = "".join(base)
    big = "".join(edited(rng, vocab, base, 50, 0))
    heavy = "".join(edited(rng, vocab, base, 300, 20))
    print(f"vocabulary: {len(vocab)} words ({'seeds' if SEEDS.is_dir() else 'built-in list'})")
    print(f"old {len(old.encode()) / 1024:.0f} KB; big {len(big.encode()) / 1024:.0f} KB;"
          f" heavy {len(heavy.encode()) / 1024:.0f} KB")
    for name, new in (("big", big), ("heavy", heavy)):
        r = diff_texts(old, new, "en")
        assert r.old == old and r.new == new, "redline is not exact"
        moved = sum(1 for o in r.ops if o.moved and o.op == "insert")
        print(f"{name}: {r.stats.changes} hunks, +{r.stats.words_added}/-{r.stats.words_removed} words,"
              f" {moved} moved stretches")
    big_ms = median_ms(lambda: diff_texts(old, big, "en"))
    heavy_ms = median_ms(lambda: diff_texts(old, heavy, "en"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp, n) for n in ("old.md", "big.md", "heavy.md")]
        for p, t in zip(paths, (old, big, heavy)):
            p.write_text(t, encoding="utf-8")

        def git(new: Path) -> None:
            subprocess.run(["git", "diff", "--no-index", "--word-diff", str(paths[0]), str(new)],
                           stdout=subprocess.DEVNULL, check=False)

        git_ms = median_ms(lambda: git(paths[1]))
        git_heavy_ms = median_ms(lambda: git(paths[2]))
    print(f"median of {RUNS} runs: big {big_ms:.1f} ms (target <= 25), heavy {heavy_ms:.1f} ms"
          f" (target <= 200); git --word-diff big {git_ms:.1f} ms, heavy {git_heavy_ms:.1f} ms")
    print(f"redline big_ms={big_ms:.1f} heavy_ms={heavy_ms:.1f} git_ms={git_ms:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
