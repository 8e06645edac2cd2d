"""The benchmarks' timing helper (benchmarks/_timing.py) measures what it says."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import _timing as timing  # noqa: E402

BUSY = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"


def test_cpu_includes_the_children_the_process_waited_for():
    # The shell does nothing itself; its Python child burns ~0.3 s of CPU.
    s = timing.run_process(["sh", "-c", f"{sys.executable} -c '{BUSY}'"])
    assert s.cpu >= 0.25
    assert s.wall >= s.cpu * 0.5


@pytest.mark.skipif(not timing.GNU_TIME, reason="GNU time is not installed")
def test_peak_memory_is_the_childs_not_the_harness():
    ballast = bytearray(200 * 1024 * 1024)
    for i in range(0, len(ballast), 4096):  # make it resident
        ballast[i] = 1
    small = timing.run_process(["true"])
    big = timing.run_process([sys.executable, "-c", "x = bytearray(100 * 1024 * 1024)"])
    assert small.rss_kib < 20 * 1024
    assert 100 * 1024 <= big.rss_kib < 180 * 1024
    del ballast


def test_a_failing_process_raises_with_its_error_output():
    with pytest.raises(timing.ProcessFailed, match="boom"):
        timing.run_process(["sh", "-c", "echo boom >&2; exit 3"])
    assert timing.run_process(["sh", "-c", "exit 1"], ok_codes=(0, 1)).returncode == 1


def test_stdout_goes_to_the_given_file(tmp_path: Path):
    out = tmp_path / "out.txt"
    timing.run_process(["echo", "hello"], stdout_path=out)
    assert out.read_text() == "hello\n"


def test_variants_are_interleaved_and_prepared_before_every_run():
    events: list[str] = []

    def variant(name: str) -> timing.Variant:
        def measure() -> timing.Sample:
            events.append(name)
            return timing.Sample(1.0, 0.5, 100)
        return timing.Variant(name, measure, lambda: events.append(f"prepare {name}"))

    samples = timing.interleave([variant("A"), variant("B")], runs=2, warmup=1)
    assert events == ["prepare A", "A", "prepare B", "B"] * 3
    assert {k: len(v) for k, v in samples.items()} == {"A": 2, "B": 2}  # warm-up not kept


def test_figures_are_medians():
    samples = [timing.Sample(w, c, r) for w, c, r in ((3.0, 1.0, 10), (1.0, 3.0, 30), (2.0, 2.0, 20))]
    f = timing.Figures.of(samples)
    assert (f.wall, f.cpu, f.rss_kib, f.n, f.wall_spread) == (2.0, 2.0, 20, 3, (1.0, 3.0))


def test_each_figure_is_printed_with_its_baseline_ratio_and_target():
    line = timing.ratio_line("cold build wall", 3.0, "plain", 1.5, "s", target=1.5)
    assert line == "cold build wall: 3.00 s vs plain 1.50 s = 2.00x (target <= 1.5: MISSED)"
    assert timing.absolute_line("check", 2.0, "s", target=3).endswith("(target <= 3: met)")


def test_shared_folder_from_the_option_then_the_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(timing.SHARED_ENV, str(tmp_path))
    assert timing.shared_dir(None) == tmp_path
    assert timing.shared_dir(str(tmp_path / "missing")) is None
