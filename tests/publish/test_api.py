import json
from datetime import date

import pytest

from policynotice.errors import ConfigError
from policynotice.publish.api import in_force_on, render_changes_json

from .conftest import LANGS, SITE_URL, site_versions


def changes(all_versions, lang="ko"):
    out = render_changes_json(all_versions, lang=lang, site_url=SITE_URL)
    (path, body), = out.items()
    return path, body, json.loads(body)


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
    assert render_changes_json(list(reversed(all_versions)), lang="ko", site_url=SITE_URL) \
        == render_changes_json(all_versions, lang="ko", site_url=SITE_URL)


def test_every_version_with_dates_class_reasons_and_absolute_urls(all_versions):
    _, _, doc = changes(all_versions, "en")
    records = {(r["policy"], r["version"]): r for r in doc["versions"]}
    assert set(records) == {(v.policy, v.version.id) for v in site_versions("en")}
    latest = records[("privacy", "2025-03-08")]
    assert latest["notice_date"] == "2025-02-06"
    assert latest["effective_date"] == "2025-03-08"
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
    assert first["class"] is None and first["urls"]["changes"] is None and first["reasons"] == []
    assert records[("privacy", "2024-01-01")]["status"] == "archived"
    assert records[("terms", "2025-02-14")]["status"] == "current"


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
        render_changes_json(all_versions, lang="ko", site_url="")


def test_every_language_renders(all_versions):
    for lang in LANGS:
        _, _, doc = changes(all_versions, lang)
        assert doc["lang"] == lang
        assert len(doc["versions"]) == 5
