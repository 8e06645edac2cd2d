import hashlib
import json
from datetime import date

import jsonschema
import pytest

from policynotice.errors import ConfigError
from policynotice.publish.api import (SCHEMA_PATHS, in_force_on, render_changes_json,
                                      render_schemas, schema_bytes)
from policynotice.publish.rawtext import render_raw_texts

from .conftest import LANGS, SITE_URL, TODAY, TZ, site_versions


def render(versions, lang="ko", **kw):
    args = dict(lang=lang, site_url=SITE_URL, today=TODAY, timezone=TZ, governing_language="ko")
    return render_changes_json(versions, **{**args, **kw})


def changes(all_versions, lang="ko"):
    (path, body), = render(all_versions, lang).items()
    return path, body, json.loads(body)


def validate(doc):
    schema = json.loads(schema_bytes("changes"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


@pytest.mark.parametrize("lang, path", [("ko", "api/changes.json"),
                                        ("en", "en/api/changes.json"),
                                        ("zh-Hant", "zh-Hant/api/changes.json")])
def test_path_under_language_prefix(all_versions, lang, path):
    assert changes(all_versions, lang)[0] == path


def test_serialisation_is_sorted_unescaped_and_ends_with_newline(all_versions):
    _, body, doc = changes(all_versions)
    text = body.decode("utf-8")
    assert text.endswith("}\n")
    assert "개인정보 처리방침" in text  # ensure_ascii=False
    assert text == json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert render(list(reversed(all_versions))) == render(all_versions)


def test_header_names_format_schema_date_and_zone(all_versions):
    _, _, doc = changes(all_versions, "en")
    assert doc["format"] == "policynotice-changes/2"
    assert doc["schema"] == f"{SITE_URL}api/schema/changes.schema.json"
    assert doc["as_of"] == TODAY.isoformat() and doc["timezone"] == TZ
    assert doc["lang"] == "en"


def test_every_version_with_dates_class_reasons_and_absolute_urls(all_versions):
    _, _, doc = changes(all_versions, "en")
    records = {(r["policy"], r["version"]): r for r in doc["versions"]}
    assert set(records) == {(v.policy, v.version.id) for v in site_versions("en")}
    latest = records[("privacy", "2025-03-08")]
    assert latest["notice_date"] == "2025-02-06"
    assert latest["effective_date"] == "2025-03-08"
    assert latest["in_force_until"] is None
    assert latest["class"] == "material"
    assert latest["status"] == "upcoming"
    assert latest["previous_version"] == "2024-07-12"
    assert latest["needs_consent"] is True
    assert [r["category"] for r in latest["reasons"]] == ["retention", "purposes"]
    purposes = latest["reasons"][1]
    assert purposes["needs_consent"] is True and purposes["material"] is True
    assert purposes["section"] == "2. Purposes" and purposes["excerpt"] == "personalised ads"
    assert purposes["description"]
    assert latest["summary"] == "privacy 2025-03-08 summary (en)"
    assert latest["urls"]["page"] == f"{SITE_URL}en/privacy/2025-03-08/"
    assert latest["urls"]["changes"] == f"{SITE_URL}en/privacy/2025-03-08/changes/"
    first = records[("privacy", "2024-01-01")]
    assert first["class"] == "first"  # as the feeds and pages say, never null
    assert first["urls"]["changes"] is None and first["reasons"] == []
    assert first["in_force_until"] == "2024-07-11"
    assert records[("privacy", "2024-07-12")]["class"] == "ordinary"
    assert records[("privacy", "2024-01-01")]["status"] == "archived"
    assert records[("terms", "2025-02-14")]["status"] == "current"


def test_text_url_hash_and_commit_per_version_and_language(all_versions):
    _, _, doc = changes(all_versions, "en")
    by_lang = {v.lang: v for v in all_versions
               if v.policy == "privacy" and v.version.id == "2024-07-12"}
    record = next(r for r in doc["versions"]
                  if r["policy"] == "privacy" and r["version"] == "2024-07-12")
    en = by_lang["en"]
    assert record["text_url"] == f"{SITE_URL}en/privacy/2024-07-12/text.md"
    assert record["sha256"] == hashlib.sha256(en.version.text.encode()).hexdigest()
    assert record["commit"] == en.version.commit
    assert sorted(record["texts"]) == sorted(LANGS)
    ko = record["texts"]["ko"]
    assert ko["url"] == f"{SITE_URL}privacy/2024-07-12/text.md"  # default language: no prefix
    assert ko["sha256"] == hashlib.sha256(by_lang["ko"].version.text.encode()).hexdigest()
    assert record["texts"]["en"] == {"url": record["text_url"], "sha256": record["sha256"],
                                     "commit": record["commit"]}


def test_raw_texts_are_the_published_text_at_the_advertised_address(all_versions):
    _, _, doc = changes(all_versions, "zh")
    texts = render_raw_texts(all_versions, lang="zh")
    assert len(texts) == len(doc["versions"]) == 5
    for record in doc["versions"]:
        path = record["text_url"][len(SITE_URL):]
        assert path.endswith(f"/{record['version']}/text.md")
        assert hashlib.sha256(texts[path]).hexdigest() == record["sha256"]
    v = site_versions("zh")[0]
    assert texts[f"zh/{v.policy}/{v.version.id}/text.md"] == v.version.text.encode("utf-8")


def test_raw_text_drops_control_characters_and_the_hash_follows(all_versions):
    from dataclasses import replace

    v = site_versions("en")[0]
    hostile = replace(v, version=replace(v.version, text="# T\x1b[2K\n\tok\u009b\n"))
    (body,) = render_raw_texts([hostile], lang="en").values()
    assert body == b"# T[2K\n\tok\n"
    doc = json.loads(render([hostile], "en")["en/api/changes.json"])
    assert doc["versions"][0]["sha256"] == hashlib.sha256(body).hexdigest()


def test_policy_pointers(all_versions):
    _, _, doc = changes(all_versions)
    privacy, terms = doc["policies"]["privacy"], doc["policies"]["terms"]
    assert privacy["governing_language"] == terms["governing_language"] == "ko"
    # TODAY = 2025-03-01: privacy 2025-03-08 (material) is announced, not in force.
    assert privacy["in_force"] == "2024-07-12" and privacy["next"] == "2025-03-08"
    assert privacy["latest_material"] == "2024-01-01"  # only ordinary changes since the first
    assert terms["in_force"] == "2025-02-14" and terms["next"] is None
    assert terms["latest_material"] == "2024-03-01"
    later = [v for lang in LANGS for v in site_versions(lang, today=date(2025, 3, 8))]
    doc = json.loads(render(later, today=date(2025, 3, 8))["api/changes.json"])
    assert doc["as_of"] == "2025-03-08"
    assert doc["policies"]["privacy"]["in_force"] == "2025-03-08"
    assert doc["policies"]["privacy"]["next"] is None
    assert doc["policies"]["privacy"]["latest_material"] == "2025-03-08"


def test_periods_cover_history_without_gaps(all_versions):
    _, _, doc = changes(all_versions)
    assert doc["policies"]["privacy"]["periods"] == [
        {"version": "2024-01-01", "from": "2024-01-01", "until": "2024-07-11"},
        {"version": "2024-07-12", "from": "2024-07-12", "until": "2025-03-07"},
        {"version": "2025-03-08", "from": "2025-03-08", "until": None},
    ]
    assert "in_force_rule" in doc and "in_force_on" in doc["in_force_rule"]


@pytest.mark.parametrize("day, expected", [
    (date(2023, 12, 31), None),  # before the first version took effect
    (date(2024, 1, 1), "2024-01-01"),
    (date(2024, 7, 11), "2024-01-01"),  # last day of the first version
    (date(2024, 7, 12), "2024-07-12"),  # first day of the second
    (date(2025, 3, 7), "2024-07-12"),
    (date(2025, 3, 8), "2025-03-08"),
    (date(2031, 1, 1), "2025-03-08"),
    ("2024-07-12", "2024-07-12"),  # ISO strings work too
])
def test_in_force_on_boundaries(all_versions, day, expected):
    _, _, doc = changes(all_versions)
    assert in_force_on(doc, "privacy", day) == expected


def test_in_force_on_unknown_policy(all_versions):
    _, _, doc = changes(all_versions)
    assert in_force_on(doc, "cookies", date(2025, 1, 1)) is None
    assert in_force_on(doc, "terms", date(2025, 2, 13)) == "2024-03-01"
    assert in_force_on(doc, "terms", date(2025, 2, 14)) == "2025-02-14"


def test_site_url_is_required(all_versions):
    with pytest.raises(ConfigError, match="site_url"):
        render(all_versions, site_url="")


def test_every_language_renders_and_validates_against_the_schema(all_versions):
    for lang in LANGS:
        _, _, doc = changes(all_versions, lang)
        assert doc["lang"] == lang
        assert len(doc["versions"]) == 5
        validate(doc)


def test_schema_rejects_what_it_should(all_versions):
    _, _, doc = changes(all_versions, "en")
    for broken in (
        {**doc, "versions": [{**doc["versions"][0], "class": None}]},
        {**doc, "versions": [{**doc["versions"][0], "sha256": "abc"}]},
        {**doc, "as_of": "25 Nov 2026"},
        {k: v for k, v in doc.items() if k != "timezone"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


def test_schemas_are_shipped_and_published_at_the_site_root():
    out = render_schemas()
    assert set(out) == set(SCHEMA_PATHS.values()) == {
        "api/schema/changes.schema.json", "api/schema/release-log.schema.json"}
    for body in out.values():
        jsonschema.Draft202012Validator.check_schema(json.loads(body))
