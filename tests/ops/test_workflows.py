"""The GitHub Actions workflows shipped with the repository: actionlint finds
nothing, and the two workflows do what the README promises (the pull-request
gate reads full history and writes its report into the job summary; the site
deploys on every push to main and once a day)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"


def _actionlint() -> str:
    # The binary comes from a PyPI wheel (see the test extras); look beside
    # this interpreter first so the venv's copy wins over anything on PATH.
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed; install the test extras "
                    "(.venv/bin/pip install -e '.[test]')")
    return found


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_files_exist():
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert "policy-check.yml" in names and "deploy.yml" in names


def test_actionlint_finds_nothing():
    files = sorted(str(p.relative_to(REPO_ROOT)) for p in WORKFLOWS.glob("*.yml"))
    # -shellcheck= / -pyflakes= : the result must not depend on which linters
    # happen to be on PATH on this machine.
    result = subprocess.run(
        [_actionlint(), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *files],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_pull_request_gate_reads_full_history_and_writes_the_job_summary():
    workflow = _load("policy-check.yml")
    assert "pull_request" in workflow["on"]
    steps = _steps(workflow)
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts, "the gate must check out the repository"
    assert all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), \
        "every published version lives in git history: checkout needs fetch-depth: 0"
    gate = [s for s in steps if "policynotice check" in s.get("run", "")]
    assert gate, "no step runs 'policynotice check'"
    script = gate[0]["run"]
    assert "--base" in script
    assert "--format markdown" in script
    assert "GITHUB_STEP_SUMMARY" in script
    # The preview is built and uploaded even when the gate fails.
    assert any("policynotice build" in s.get("run", "") for s in steps)
    assert any(str(s.get("uses", "")).startswith("actions/upload-artifact@") for s in steps)


def test_site_deploys_on_push_to_main_and_daily():
    workflow = _load("deploy.yml")
    on = workflow["on"]
    assert "main" in on["push"]["branches"]
    crons = [item["cron"] for item in on["schedule"]]
    assert crons, "a daily schedule makes a version current on its effective date"
    for cron in crons:
        minute, hour, day, month, weekday = cron.split()
        assert (day, month, weekday) == ("*", "*", "*"), f"not daily: {cron}"
    steps = _steps(workflow)
    assert all(s.get("with", {}).get("fetch-depth") == 0
               for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert any("policynotice build" in s.get("run", "") for s in steps)
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in steps)


@pytest.mark.parametrize("name", ["policy-check.yml", "deploy.yml"])
def test_workflows_keep_the_content_cache_between_runs(name):
    # The build's cache (outside the checkout: ~/.cache/policynotice unless
    # mkdocs.yml names cache_dir) is what a workflow must carry over, so a
    # daily build recomputes only the pairs a new version adds.
    mkdocs = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["policynotice"] for p in mkdocs["plugins"] if isinstance(p, dict) and "policynotice" in p)
    cache_dir = plugin.get("cache_dir") or "~/.cache/policynotice"
    steps = _steps(_load(name))
    cached = [s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith("actions/cache@")]
    assert cached == [cache_dir]
    uses = [str(s.get("uses", "")) + s.get("run", "") for s in steps]
    first_build = next(i for i, u in enumerate(uses) if "policynotice check" in u or "policynotice build" in u)
    assert uses.index(next(u for u in uses if u.startswith("actions/cache@"))) < first_build
