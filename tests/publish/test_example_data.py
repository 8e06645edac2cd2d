"""The data the example site publishes for other programs (issue 21), read
from a real build of this repository: changes.json against its schema, the
raw texts against git, and the version in force on every day from before the
first version to a year after the newest, found four ways that must agree:
changes.json with the README's client code (Python and JavaScript), `show
--on` (the command on every boundary day, the function behind it on every
day) and the version pages' own banners and dates."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest

from policynotice import cli
from policynotice.errors import PolicyNoticeError
from policynotice.pipeline import load_site
from policynotice.publish.api import in_force_on as api_in_force_on
from policynotice.publish.api import schema_bytes
from policynotice.publish.export import in_force
from policynotice.sources.text import decode_policy, policy_text

from ..conftest import REPO_ROOT, TEST_TODAY

LANGS = ("ko", "en", "zh", "zh-Hant", "es")
POLICIES = ("privacy", "terms")
SITE_URL = "https://policies.nuribooks.example/"


def prefix(lang: str) -> str:
    return "" if lang == "ko" else f"{lang}/"


def load_changes(site: Path, lang: str) -> dict:
    return json.loads((site / f"{prefix(lang)}api/changes.json").read_text(encoding="utf-8"))


def readme_snippet(name: str) -> str:
    """The fenced code block under `<!-- tested: NAME -->` in the README."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- tested: {re.escape(name)} -->\n```\w+\n(.*?)```", readme, re.S)
    assert m, f"README.md has no snippet marked {name}"
    return m.group(1)


def git_text(commit: str, path: str) -> str:
    data = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=REPO_ROOT, check=True,
                          capture_output=True).stdout
    return policy_text(decode_policy(data, where=path), where=path)


@pytest.fixture(scope="module")
def site(example_build) -> Path:
    return example_build / "site"


@pytest.fixture(scope="module")
def model():
    config = cli._load_mkdocs(str(REPO_ROOT / "mkdocs.yml"))
    _, site_config = cli._site_config(config, "mkdocs.yml")
    return load_site(site_config, date.fromisoformat(TEST_TODAY))


def days(site: Path) -> list[str]:
    """A week before the first version took effect to a year after the newest."""
    starts = [p["from"] for lang in LANGS for policy in load_changes(site, lang)["policies"].values()
              for p in policy["periods"]]
    first, last = date.fromisoformat(min(starts)), date.fromisoformat(max(starts))
    return [(first + timedelta(days=n)).isoformat()
            for n in range(-7, (last - first).days + 366)]


# -- changes.json --------------------------------------------------------------
def test_every_changes_json_validates_against_the_published_schema(site):
    published = (site / "api/schema/changes.schema.json").read_bytes()
    assert published == schema_bytes("changes")
    assert (site / "api/schema/release-log.schema.json").read_bytes() == schema_bytes("release-log")
    validator = jsonschema.Draft202012Validator(json.loads(published),
                                                format_checker=jsonschema.FormatChecker())
    for lang in LANGS:
        doc = load_changes(site, lang)
        validator.validate(doc)
        assert doc["lang"] == lang and doc["as_of"] == TEST_TODAY
        assert doc["timezone"] == "Asia/Seoul"
        assert doc["schema"] == f"{SITE_URL}api/schema/changes.schema.json"


def test_pointers_and_classes_on_the_example_site(site):
    for lang in LANGS:
        doc = load_changes(site, lang)
        records = {(v["policy"], v["version"]): v for v in doc["versions"]}
        privacy, terms = doc["policies"]["privacy"], doc["policies"]["terms"]
        assert privacy["governing_language"] == terms["governing_language"] == "ko"
        assert (privacy["in_force"], privacy["next"], privacy["latest_material"]) == (
            "2025-10-01", "2027-01-04", "2025-03-08")
        assert (terms["in_force"], terms["next"], terms["latest_material"]) == (
            "2025-06-16", "2026-12-28", "2025-06-16")
        assert records[("privacy", "2024-03-01")]["class"] == "first"
        assert records[("terms", "2024-03-01")]["class"] == "first"
        assert records[("privacy", "2027-01-04")]["class"] == "material"
        assert records[("privacy", "2027-01-04")]["needs_consent"] is True
        for policy in POLICIES:
            # The pointer agrees with the periods on the day it was computed for.
            assert doc["policies"][policy]["in_force"] == api_in_force_on(doc, policy, TEST_TODAY)
            spans = doc["policies"][policy]["periods"]
            for earlier, later in zip(spans, spans[1:]):  # contiguous and closed
                assert date.fromisoformat(earlier["until"]) + timedelta(days=1) \
                    == date.fromisoformat(later["from"])
            assert spans[-1]["until"] is None


def test_raw_texts_are_the_texts_from_git_with_their_hash_and_commit(site):
    seen = 0
    for lang in LANGS:
        for record in load_changes(site, lang)["versions"]:
            assert sorted(record["texts"]) == sorted(LANGS)
            for code, text in record["texts"].items():
                assert text["url"].startswith(SITE_URL)
                body = (site / text["url"][len(SITE_URL):]).read_bytes()
                assert hashlib.sha256(body).hexdigest() == text["sha256"]
                path = f"docs/{code}/{record['policy']}.md"
                assert body.decode("utf-8") == git_text(text["commit"], path)
                seen += 1
            assert record["texts"][lang] == {"url": record["text_url"],
                                             "sha256": record["sha256"],
                                             "commit": record["commit"]}
            assert record["text_url"] == f"{record['urls']['page']}text.md"
    assert seen == 5 * 9 * 5  # five files, nine versions, each listing five languages


# -- the version in force on every day ------------------------------------------
def from_pages(site: Path, lang: str, policy: str) -> list[tuple[str, str, str | None]]:
    """(version, from, until) read from the version pages: the effective date
    in each page's table, the end date in an archived page's banner; a
    current or upcoming page runs until the next one takes effect."""
    pages = []
    for page in sorted((site / f"{prefix(lang)}{policy}").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        banner = re.search(r'<div class="pn-banner pn-banner-(archived|current|upcoming)"'
                           r'[^>]*>(.*?)</div>', html, re.S)
        if not banner:
            continue  # history, compare, ...
        meta = re.search(r'<dl class="pn-meta">(.*?)</dl>', html, re.S).group(1)
        notice, effective = re.findall(r'<time[^>]*datetime="([0-9-]+)"[^>]*>', meta)[:2]
        # Dates read as prose ("March 8, 2025"); their machine form is the attribute.
        dates = re.findall(r'<time[^>]*datetime="([0-9-]+)"', banner.group(2))
        assert dates[0] == effective, (page, dates)
        until = dates[1] if banner.group(1) == "archived" else None
        pages.append([page.parent.name, effective, until, banner.group(1)])
    pages.sort(key=lambda p: p[1])
    for here, following in zip(pages, pages[1:]):
        day_before = (date.fromisoformat(following[1]) - timedelta(days=1)).isoformat()
        if here[3] == "archived":
            assert here[2] == day_before, (lang, policy, here, following)
        else:
            here[2] = day_before
    assert [p[3] for p in pages].count("current") <= 1
    return [(v, start, until) for v, start, until, _ in pages]


def lookup(spans, day: str) -> str | None:
    return next((v for v, start, until in spans
                 if start <= day and (until is None or day <= until)), None)


def show_function(model, policy: str, lang: str, day: str) -> str | None:
    try:
        return in_force(model, policy, lang, date.fromisoformat(day)).version.id
    except PolicyNoticeError:
        return None


def show_command(policy: str, lang: str, day: str) -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["show", policy, "--on", day, "--lang", lang, "--today", TEST_TODAY,
                         "--format", "json"])
    return code, json.loads(out.getvalue()) if code == 0 else None, err.getvalue()


def js_lookups(changes_path: Path, walk: list[str], tmp_path: Path) -> dict:
    driver = tmp_path / "lookup.js"
    driver.write_text(readme_snippet("inForceOn.js") + """
const changes = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const days = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const policy of Object.keys(changes.policies)) out[policy] = days.map(d => inForceOn(changes, policy, d));
process.stdout.write(JSON.stringify(out));
""", encoding="utf-8")
    result = subprocess.run(["node", str(driver), str(changes_path)], input=json.dumps(walk),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_in_force_on_every_day_agrees_everywhere(site, model, monkeypatch, tmp_path):
    namespace: dict = {}
    exec(readme_snippet("in_force_on.py"), namespace)  # noqa: S102 - the README's own code
    readme_lookup = namespace["in_force_on"]
    walk = days(site)
    assert walk[0] < "2024-03-01" and walk[-1] >= "2028-01-04"
    monkeypatch.chdir(REPO_ROOT)
    # mkdocs.yml does not change during the test: read it once (the rest of
    # the command runs as it does from a shell).
    monkeypatch.setattr(cli, "_load_mkdocs", functools.lru_cache()(cli._load_mkdocs))
    boundaries: set[tuple[str, str]] = set()
    for lang in LANGS:
        changes = load_changes(site, lang)
        js = (js_lookups(site / f"{prefix(lang)}api/changes.json", walk, tmp_path)
              if shutil.which("node") else None)
        for policy in POLICIES:
            pages = from_pages(site, lang, policy)
            spans = changes["policies"][policy]["periods"]
            assert [(p["version"], p["from"], p["until"]) for p in spans] == pages
            for i, day in enumerate(walk):
                expected = lookup(pages, day)
                assert readme_lookup(changes, policy, day) == expected, (lang, policy, day)
                assert show_function(model, policy, lang, day) == expected, (lang, policy, day)
                if js is not None:
                    assert js[policy][i] == expected, (lang, policy, day)
            for p in spans:
                for edge in (p["from"], p["until"]):
                    if edge:
                        d = date.fromisoformat(edge)
                        boundaries |= {(policy, (d + timedelta(days=k)).isoformat())
                                       for k in (-1, 0, 1)}
    # The command itself on every boundary day (and the day after), every language.
    for lang in LANGS:
        changes = load_changes(site, lang)
        for policy, day in sorted(boundaries) + [(p, walk[0]) for p in POLICIES] \
                + [(p, walk[-1]) for p in POLICIES]:
            expected = readme_lookup(changes, policy, day)
            code, shown, err = show_command(policy, lang, day)
            if expected is None:
                assert code == 1 and err.startswith("Error: no version of ") \
                    and err.count("\n") == 1, err
                continue
            assert code == 0, err
            assert shown["version"]["version"] == expected, (lang, policy, day)
            assert shown["on"] == day and shown["as_of"] == TEST_TODAY
            record = next(v for v in changes["versions"]
                          if v["policy"] == policy and v["version"] == expected)
            assert shown["version"] == record  # the same record as changes.json
            text = (site / record["text_url"][len(SITE_URL):]).read_text(encoding="utf-8")
            assert shown["text"] == text


def test_show_as_a_process_prints_the_text_and_names_the_version(site):
    result = subprocess.run(
        [sys.executable, "-m", "policynotice", "show", "privacy", "--on", "2025-03-07",
         "--lang", "es", "--today", TEST_TODAY], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (site / "es/privacy/2024-09-02/text.md").read_text(encoding="utf-8")
    assert result.stderr == ("privacy 2024-09-02 (es): in force 2024-09-02 to 2025-03-07, "
                             "as announced by 2026-11-25 (Asia/Seoul)\n")
    governing = subprocess.run(
        [sys.executable, "-m", "policynotice", "show", "terms", "--on", "2030-01-01",
         "--today", TEST_TODAY], cwd=REPO_ROOT, capture_output=True, text=True)
    assert governing.returncode == 0, governing.stderr
    assert governing.stdout == (site / "terms/2026-12-28/text.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, code, message", [
    (["show", "cookies"], 2, "Error: unknown policy 'cookies'; expected one of: privacy, terms"),
    (["show", "privacy", "--lang", "fr"], 2, "Error: --lang 'fr' is not a language of this site"),
    (["show", "privacy", "--on", "2025-13-01"], 2, "Error: --on '2025-13-01' is not a date"),
    (["show", "privacy", "--on", "2024-02-29"], 1,
     "Error: no version of privacy was in force on 2024-02-29; the first (2024-03-01) took "
     "effect on 2024-03-01"),
])
def test_show_errors_are_one_line(monkeypatch, capsys, args, code, message):
    monkeypatch.chdir(REPO_ROOT)
    assert cli.main(args + ["--today", TEST_TODAY]) == code
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1, err
