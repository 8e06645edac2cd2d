"""Shared timing for the benchmarks (not a benchmark: scripts/bench skips _*.py).

- `run_process` times one whole child process: wall time around
  spawn..exit, CPU = user + sys of the child *and of every descendant it
  waited for* (git subprocesses), from os.wait4, and its peak RSS.
  Peak RSS is *not* taken from this process's wait4: Linux carries the
  parent's high-water mark into a (v)forked child at exec (exec_mmap saves the
  old mm's hiwater_rss), so a child of a benchmark holding 300 MB reported
  >= 300 MB whatever it did. The command is started under GNU time, a small
  process, and its %M (ru_maxrss of *its* child) is the figure; without GNU
  time, wait4's figure is used and flagged as an upper bound.
- `interleave` runs several variants in turn (A B A B ...), so that a load
  change on a shared machine hits product and baseline alike, and keeps every
  sample; `Figures` takes medians of them.
- `in_process_ms` times a Python callable (median of N).
- `ratio_line` prints one figure next to its baseline, the ratio and the
  target, so that no figure is printed without what it is compared with.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
SHARED_ENV = "POLICYNOTICE_SHARED"
DEFAULT_RUNS = 5


@dataclass(frozen=True)
class Sample:
    """One whole process: seconds of wall and CPU time, peak RSS in KiB."""

    wall: float
    cpu: float
    rss_kib: int
    returncode: int = 0


class ProcessFailed(RuntimeError):
    pass


def run_process(cmd: Sequence[str], cwd: Path | str | None = None,
                env: Mapping[str, str] | None = None, *, stdout_path: Path | None = None,
                ok_codes: Iterable[int] = (0,)) -> Sample:
    """Run `cmd` to completion and measure it. Standard output goes to
    `stdout_path` (or is discarded), standard error to a temporary file shown
    if the exit code is not in `ok_codes`."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak:
        full = [GNU_TIME, "-f", "%M", "-o", peak.name, *cmd] if GNU_TIME else list(cmd)
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            proc = subprocess.Popen(full, cwd=cwd, env=dict(env) if env is not None else None,
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
        finally:
            if stdout_path:
                out.close()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in tuple(ok_codes):
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-4000:]
            raise ProcessFailed(f"{' '.join(map(str, cmd[:5]))} ... exited with {code}:\n{tail}")
        rss = usage.ru_maxrss
        if GNU_TIME:  # "Command exited with non-zero status N" may come first
            lines = peak.read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else rss
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss, code)


def _gnu_time() -> str | None:
    path = shutil.which("time", path="/usr/bin:/bin:/usr/local/bin")
    if not path:
        return None
    probe = subprocess.run([path, "--version"], capture_output=True, text=True)
    return path if "GNU" in probe.stdout + probe.stderr else None


GNU_TIME = _gnu_time()
RSS_NOTE = ("peak RSS measured by GNU time" if GNU_TIME else
            "WARNING: GNU time not found; peak RSS from wait4 includes the harness's own memory "
            "(an upper bound): install GNU time (apt-get install time)")


@dataclass
class Variant:
    """One thing to time: `prepare` runs untimed before every run (fresh or
    warm cache, clean output folder ...), then `measure` returns a Sample."""

    name: str
    measure: Callable[[], Sample]
    prepare: Callable[[], None] | None = None


def interleave(variants: Sequence[Variant], runs: int, *, warmup: int = 0,
               log: Callable[[str], None] | None = None) -> dict[str, list[Sample]]:
    """`runs` rounds of every variant in turn (A B A B ...); `warmup` rounds
    first, not kept (they fill the OS file cache, compile .pyc files)."""
    samples: dict[str, list[Sample]] = {v.name: [] for v in variants}
    for round_no in range(warmup + runs):
        for v in variants:
            if v.prepare:
                v.prepare()
            s = v.measure()
            kept = round_no >= warmup
            if kept:
                samples[v.name].append(s)
            if log:
                label = f"run {round_no - warmup + 1}/{runs}" if kept else "warm-up"
                log(f"  {label} {v.name}: wall {s.wall:.2f} s, cpu {s.cpu:.2f} s, "
                    f"peak {s.rss_kib / 1024:.0f} MiB")
    return samples


@dataclass(frozen=True)
class Figures:
    """Medians of a list of samples."""

    wall: float
    cpu: float
    rss_kib: float
    n: int
    wall_spread: tuple[float, float]

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> "Figures":
        walls = [s.wall for s in samples]
        return cls(statistics.median(walls), statistics.median(s.cpu for s in samples),
                   statistics.median(s.rss_kib for s in samples), len(samples),
                   (min(walls), max(walls)))


def in_process_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Milliseconds of each of `runs` calls of fn (after `warmup` calls)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline > 0 else float("inf")


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return f" (target <= {target:g}: {'met' if value <= target else 'MISSED'})"


def ratio_line(label: str, value: float, baseline_label: str, baseline: float, unit: str,
               target: float | None = None, fmt: str = ".2f") -> str:
    """'label: 3.20 s vs plain 1.10 s = 2.91x (target <= 1.5: MISSED)'."""
    r = ratio(value, baseline)
    return (f"{label}: {value:{fmt}} {unit} vs {baseline_label} {baseline:{fmt}} {unit} "
            f"= {r:.2f}x{verdict(r, target)}")


def absolute_line(label: str, value: float, unit: str, target: float | None = None,
                  fmt: str = ".2f") -> str:
    return f"{label}: {value:{fmt}} {unit}{verdict(value, target)}"


def load_note() -> str:
    """The machine's load, printed with the figures: timings taken while
    others use the cores are provisional."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"


def header() -> str:
    return f"{load_note()}; {RSS_NOTE}"


def shared_dir(arg: str | None) -> Path | None:
    """--shared, else $POLICYNOTICE_SHARED, else <repo>/../shared; None if absent.
    Read at run time only: nothing from it is copied into the repository."""
    value = arg or os.environ.get(SHARED_ENV)
    path = Path(value) if value else ROOT.parent / "shared"
    return path if path.is_dir() else None


def policynotice_cmd(*args: str) -> list[str]:
    """The CLI as a reader runs it: a new Python process."""
    return [sys.executable, "-m", "policynotice", *args]


def remove_scratch(tmp: Path, keep: bool) -> None:
    """A benchmark's scratch folder: kept (and named) with --keep, else removed."""
    if keep:
        print(f"kept {tmp}", file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def log(line: str) -> None:
    print(line, flush=True)
