"""The published JSON Schema of the release log (policynotice/schemas/
release-log.schema.json) accepts this repository's release logs and what the
parser accepts, and rejects what the parser rejects that a schema can see."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from policynotice.publish.api import schema_bytes
from policynotice.sources.releaselog import parse_release_log

from ..conftest import LANGS, REPO_ROOT, entry, release_log


class _DatesAsText(yaml.SafeLoader):
    """YAML as an editor's schema validator reads it: dates stay text (as the
    release-log parser reads them)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str):
    return yaml.load(text, Loader=_DatesAsText)  # noqa: S506 - a SafeLoader subclass


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_bytes("release-log"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "versions").glob("*.yml")),
                         ids=lambda p: p.name)
def test_example_release_logs_validate(path):
    validator().validate(load(path.read_text(encoding="utf-8")))


def test_every_optional_key_the_parser_accepts_validates():
    text = release_log(
        entry("2024-03-01", "2024-02-20", "2024-03-01"),
        entry("v2", "2024-08-23", "2024-09-02", **{
            "class": "ordinary", "imported": "true", "commit": '"3f2a9c1"',
            "justification": "{ko: 사유, en: Why}"}),
    )
    parse_release_log(text, path="versions/privacy.yml", policy="privacy", languages=LANGS)
    validator().validate(load(text))


@pytest.mark.parametrize("edit", [
    lambda d: d["versions"][0].update(notice_date="2024-02-30x"),
    lambda d: d["versions"][0].update(notice_date=20240220),
    lambda d: d["versions"][0].update({"class": "major"}),
    lambda d: d["versions"][0].update(version="has space"),
    lambda d: d["versions"][0].update(commit="xyz"),
    lambda d: d["versions"][0].update(colour="red"),
    lambda d: d["versions"][0].pop("reason"),
    lambda d: d["versions"][0].update(summary={}),
    lambda d: d["versions"][0].update(summary={"en": "  "}),
    lambda d: d.update(versions=[]),
    lambda d: d.update(policy="Privacy Policy"),
])
def test_mistakes_the_parser_rejects_are_rejected(edit):
    doc = load(release_log(entry("2024-03-01", "2024-02-20", "2024-03-01")))
    validator().validate(doc)
    edit(doc)
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(doc)
