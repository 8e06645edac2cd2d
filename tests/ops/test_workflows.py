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


ACTION = REPO_ROOT / "action.yml"


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    """Every step of every job; a step that uses this repository's own action
    (checked out from the base branch into a folder, `uses: ./gate`) stands
    for the action's steps, which run in its place."""
    steps: list[dict] = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            uses = str(step.get("uses", ""))
            if uses.startswith("./") and step.get("with", {}).get("step", "all") != "comment":
                steps += _action()["runs"]["steps"]
            else:
                steps.append(step)
    return steps


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
    # The jobs that run the gate (not the comment job, which only reads
    # action.yml from the base branch) need the whole history.
    gate_steps = _steps({"jobs": {k: j for k, j in workflow["jobs"].items() if k != "comment"}})
    checkouts = [s for s in gate_steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts, "the gate must check out the repository"
    assert all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), \
        "every published version lives in git history: checkout needs fetch-depth: 0"
    gate = [s for s in steps if "policynotice check" in s.get("run", "")]
    assert gate, "no step runs 'policynotice check'"
    script = gate[0]["run"]
    assert "--base" in script
    assert "--format github" in script  # annotations on the files' lines
    assert "--summary-file \"$GITHUB_STEP_SUMMARY\"" in script  # the Markdown report
    assert "--comment-file" in script
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


def test_action_yml_passes_actionlint_as_used_by_the_workflow(tmp_path):
    # actionlint reads a local action's metadata when a workflow uses it by
    # path: lint a copy of policy-check.yml that uses ./ (the repository root).
    import shutil as _shutil

    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    _shutil.copy(ACTION, tmp_path / "action.yml")
    text = (WORKFLOWS / "policy-check.yml").read_text(encoding="utf-8").replace("uses: ./gate", "uses: ./")
    (tmp_path / ".github" / "workflows" / "policy-check.yml").write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = subprocess.run(
        [_actionlint(), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=",
         ".github/workflows/policy-check.yml"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _all_uses() -> list[tuple[str, str]]:
    found = []
    for path in [*WORKFLOWS.glob("*.yml"), ACTION]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = (data["runs"]["steps"] if path == ACTION else
                 [s for job in data["jobs"].values() for s in job.get("steps", [])])
        found += [(path.name, str(s["uses"])) for s in steps if "uses" in s]
    return found


def test_every_action_is_pinned_by_commit_sha():
    import re

    for name, uses in _all_uses():
        if uses.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{name}: {uses} is not pinned"


def test_least_privilege_and_timeouts():
    for name in ("policy-check.yml", "deploy.yml"):
        workflow = _load(name)
        assert workflow.get("permissions") == {}, f"{name}: no default permissions"
        for job_id, job in workflow["jobs"].items():
            perms = job.get("permissions", {})
            assert "timeout-minutes" in job, f"{name}: {job_id} has no timeout"
            runs = any("run" in s for s in job.get("steps", []))
            installs = runs or any(str(s.get("uses", "")).startswith("./") and
                                   s.get("with", {}).get("step") != "comment"
                                   for s in job.get("steps", []))
            if perms.get("pull-requests") == "write" or perms.get("pages") == "write" \
                    or perms.get("id-token") == "write":
                assert not installs, f"{name}: {job_id} holds a write token and runs code"
    check = _load("policy-check.yml")["jobs"]
    assert check["comment"]["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert check["check"]["permissions"] == {"contents": "read"}
    deploy = _load("deploy.yml")["jobs"]
    assert deploy["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["build"]["permissions"] == {"contents": "read"}


def test_the_gate_and_its_action_come_from_the_base_branch():
    jobs = _load("policy-check.yml")["jobs"]
    for job in jobs.values():
        steps = job["steps"]
        local = [s for s in steps if str(s.get("uses", "")).startswith("./")]
        assert local and all(s["uses"] == "./gate" for s in local)
        gate = [s for s in steps if s.get("with", {}).get("path") == "gate"]
        assert gate and gate[0]["with"]["ref"] == "${{ github.base_ref }}"
    script = next(s["run"] for s in _action()["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert '"$ACTION_PATH"' in script  # installs the action's own folder, the base branch's


def test_the_sticky_comment_is_found_by_its_marker():
    from policynotice.publish.report import COMMENT_MARKER

    script = next(s["run"] for s in _action()["runs"]["steps"] if "gh api" in s.get("run", ""))
    assert COMMENT_MARKER in script and "PATCH" in script and "POST" in script


def test_a_failing_check_on_main_does_not_stop_the_deploy_but_fails_the_run():
    jobs = _load("deploy.yml")["jobs"]
    check = next(s for s in jobs["build"]["steps"] if "policynotice check" in s.get("run", ""))
    assert check.get("continue-on-error") is True and check["id"] == "check"
    assert jobs["build"]["outputs"]["check"] == "${{ steps.check.outcome }}"
    verdict = jobs["verdict"]
    assert set(verdict["needs"]) == {"build", "deploy"}
    assert "exit 1" in verdict["steps"][0]["run"]
