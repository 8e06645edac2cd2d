"""`policynotice export`: every version of every policy and language as
files plus the JSON index, in a zip that is the same bytes for the same
repository and date. Round trip: unzip and compare with the texts in git."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile

import jsonschema
import pytest

from policynotice import cli
from policynotice.publish.api import schema_bytes
from policynotice.publish.export import ZIP_TIME
from policynotice.sources.text import decode_policy, policy_text

from ..conftest import REPO_ROOT, TEST_TODAY

LANGS = ("ko", "en", "zh", "zh-Hant", "es")


def git_text(commit: str, path: str) -> str:
    data = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=REPO_ROOT, check=True,
                          capture_output=True).stdout
    return policy_text(decode_policy(data, where=path), where=path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("export") / "policies.zip"
    result = subprocess.run(
        [sys.executable, "-m", "policynotice", "export", "--out", str(out), "--today", TEST_TODAY],
        cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"exported {out} (as of {TEST_TODAY})\n"
    return out.read_bytes()


def test_round_trip_every_text_matches_git(exported):
    archive = zipfile.ZipFile(io.BytesIO(exported))
    index = json.loads(archive.read("index.json"))
    assert index["format"] == "policynotice-export/1"
    assert index["as_of"] == TEST_TODAY and index["timezone"] == "Asia/Seoul"
    assert index["governing_language"] == "ko" and index["languages"] == list(LANGS)
    texts = index["texts"]
    assert len(texts) == 2 * 5 * 5 - 5  # privacy 5 versions, terms 4, in five languages
    listed = {t["path"] for t in texts}
    in_zip = {n for n in archive.namelist() if n.startswith("texts/")}
    assert listed == in_zip
    for t in texts:
        assert t["path"] == f"texts/{t['lang']}/{t['policy']}/{t['version']}.md"
        assert t["source"] == f"docs/{t['lang']}/{t['policy']}.md"
        body = archive.read(t["path"])
        assert hashlib.sha256(body).hexdigest() == t["sha256"]
        assert body.decode("utf-8") == git_text(t["commit"], t["source"])


def test_the_index_agrees_with_each_languages_changes_json(exported):
    archive = zipfile.ZipFile(io.BytesIO(exported))
    index = json.loads(archive.read("index.json"))
    schema = json.loads(archive.read("schemas/changes.schema.json"))
    assert archive.read("schemas/changes.schema.json") == schema_bytes("changes")
    assert archive.read("schemas/release-log.schema.json") == schema_bytes("release-log")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    by_key = {(t["policy"], t["version"], t["lang"]): t for t in index["texts"]}
    assert index["changes"] == {lang: f"changes/{lang}.json" for lang in LANGS}
    for lang, path in index["changes"].items():
        doc = json.loads(archive.read(path))
        validator.validate(doc)
        assert {(v["policy"], v["version"]) for v in doc["versions"]} == {
            (p, v) for p, v, code in by_key if code == lang}
        for v in doc["versions"]:
            t = by_key[(v["policy"], v["version"], lang)]
            assert (v["sha256"], v["commit"]) == (t["sha256"], t["commit"])


def test_changes_json_in_the_zip_is_the_sites(exported, example_build):
    archive = zipfile.ZipFile(io.BytesIO(exported))
    for lang in LANGS:
        site = example_build / "site" / ("" if lang == "ko" else lang) / "api" / "changes.json"
        assert archive.read(f"changes/{lang}.json") == site.read_bytes(), lang


def test_deterministic_zip(exported, tmp_path, monkeypatch):
    archive = zipfile.ZipFile(io.BytesIO(exported))
    infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {ZIP_TIME}
    assert {i.external_attr for i in infos} == {0o100644 << 16}
    assert archive.testzip() is None
    # Again, in-process, at another time of day: the same bytes.
    monkeypatch.chdir(REPO_ROOT)
    assert cli.main(["export", "--out", str(tmp_path / "again.zip"), "--today", TEST_TODAY]) == 0
    assert (tmp_path / "again.zip").read_bytes() == exported
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "again.zip").stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_export_errors_are_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO_ROOT)
    missing = tmp_path / "missing-folder" / "x.zip"
    assert cli.main(["export", "--out", str(missing), "--today", TEST_TODAY]) == 1
    assert capsys.readouterr().err == (
        f"Error: {missing.parent}: no such folder; expected an existing folder for the zip "
        f"(create it first)\n")
    assert cli.main(["export", "--out", str(tmp_path), "--today", TEST_TODAY]) == 2
    assert capsys.readouterr().err == (
        f"Error: --out '{tmp_path}' is a folder; expected a file name such as policies.zip\n")
    assert not list(tmp_path.iterdir())  # nothing half written


def test_a_site_without_site_url_shows_relative_links_and_cannot_export(git_repo, tmp_path,
                                                                          monkeypatch, capsys):
    from ..conftest import MKDOCS_YML, entry, release_log

    git_repo.commit({**git_repo.texts("v1"), "mkdocs.yml": MKDOCS_YML.replace(
        "site_url: https://example.test/\n", ""),
        "versions/privacy.yml": release_log(entry("v1", "2024-01-01", "2024-01-10"))}, "v1")
    git_repo.commit({**git_repo.texts("v2", extra="\n- phone"), "versions/privacy.yml": release_log(
        entry("v1", "2024-01-01", "2024-01-10"), entry("v2", "2024-02-01", "2024-03-10"))}, "v2")
    monkeypatch.chdir(git_repo.root)
    assert cli.main(["show", "privacy", "--on", "2024-03-09", "--lang", "en", "--format", "json",
                     "--today", "2024-06-01"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["version"]["version"] == "v1" and shown["version"]["class"] == "first"
    assert shown["period"] == {"version": "v1", "from": "2024-01-10", "until": "2024-03-09"}
    assert shown["version"]["text_url"] == "en/privacy/v1/text.md"  # no site_url: relative
    assert "- name\n" in shown["text"] and "phone" not in shown["text"]
    # Announced later than --today: not known yet, so v1 is still open-ended.
    assert cli.main(["show", "privacy", "--on", "2030-01-01", "--today", "2024-01-15"]) == 0
    assert "v1 (ko): in force 2024-01-10 to further notice" in capsys.readouterr().err
    assert cli.main(["export", "--out", str(tmp_path / "x.zip"), "--today", "2024-06-01"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: mkdocs.yml: site_url is '/'") and err.count("\n") == 1, err
    assert not (tmp_path / "x.zip").exists()
