"""The package as people install it: every third-party module the code
imports is a declared dependency, one version number, an SPDX licence with
its file, a changelog, and constraints that pin every dependency."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata

import policynotice

from ..conftest import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def _imports(folder) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    # The repository's own modules: the package, the tests, the benchmarks.
    local = {p.stem for p in (REPO_ROOT / "benchmarks").glob("*.py")}
    return found - set(sys.stdlib_module_names) - {"policynotice", "tests", "__future__"} - local


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = metadata.packages_distributions()
    missing = sorted(m for m in modules if m not in owners)
    assert not missing, f"imported but not installed: {missing}"
    return {m: {d.lower().replace("_", "-") for d in owners[m]} for m in modules}


def test_every_imported_module_is_a_declared_dependency():
    declared = {_name(r) for r in PROJECT["dependencies"]}
    undeclared = {m: d for m, d in _distributions(_imports(REPO_ROOT / "policynotice")).items()
                  if not d & declared}
    assert not undeclared, f"imported by policynotice but not in dependencies: {undeclared}"


def test_every_module_the_tests_import_is_declared():
    declared = {_name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]}
    undeclared = {m: d for m, d in _distributions(_imports(REPO_ROOT / "tests")).items()
                  if not d & declared}
    assert not undeclared, f"imported by the tests but not declared: {undeclared}"


def test_one_version_number():
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "policynotice.__version__"
    assert metadata.version("policynotice") == policynotice.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", policynotice.__version__)


def test_licence_and_changelog():
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (REPO_ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog")
    assert f"## {policynotice.__version__}" in changelog or "## Unreleased" in changelog


def test_python_311_and_newer():
    assert PROJECT["requires-python"] == ">=3.11"
    setup = (REPO_ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert ">= (3, 11)" in setup and "== (3, 11)" not in setup


def test_constraints_pin_every_dependency_exactly():
    lines = [line.strip() for line in (REPO_ROOT / "constraints.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    pins = {}
    for line in lines:
        name, sep, version = line.partition("==")
        assert sep and version, f"not an exact pin: {line}"
        pins[_name(name)] = version
    wanted = {_name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]}
    assert wanted <= set(pins), f"not pinned: {sorted(wanted - set(pins))}"
    assert "policynotice" not in pins
    # The environment the tests run in is the one the constraints describe.
    for dist in metadata.distributions():
        name = _name(dist.metadata["Name"])
        if name in wanted:
            assert pins[name] == dist.version, f"{name} {dist.version} installed, {pins[name]} pinned"


def test_setup_installs_with_the_constraints():
    setup = (REPO_ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "-c constraints.txt" in setup
    for workflow in (REPO_ROOT / ".github" / "workflows").glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "pip install" in line:
                assert re.search(r"-c \S*constraints\.txt", line), f"{workflow.name}: {line.strip()}"
    # The reusable action installs the gate with its own constraints too.
    action = (REPO_ROOT / "action.yml").read_text(encoding="utf-8")
    assert all(re.search(r"-c \S*constraints\.txt", line)
               for line in action.splitlines() if "pip install" in line)


def test_setup_refuses_an_old_python_in_one_line(tmp_path):
    old = tmp_path / "python3"
    old.write_text("#!/bin/sh\nexit 1\n")  # answers "no" to the version check
    old.chmod(0o755)
    r = subprocess.run(["bash", str(REPO_ROOT / "scripts" / "setup")], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "PYTHON": str(old), "HOME": str(tmp_path)})
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"Error: PYTHON={old} is not Python 3.11 or newer; point it at python3.11 or later"]
