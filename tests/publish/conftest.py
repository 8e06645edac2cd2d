"""Hand-built SiteVersion fixtures: two policies in five languages, no git,
no MkDocs. The dates make boundary cases easy to name in tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from policynotice.models import (ChangeClass, Classification, Reason, ReleaseEntry, SiteVersion,
                                 Status, Version, VersionUrls)

LANGS = ("ko", "en", "zh", "zh-Hant", "es")
SITE_URL = "https://policies.example.com/"
TZ = "Asia/Seoul"
TODAY = date(2025, 3, 1)

TITLES = {
    "privacy": {"ko": "개인정보 처리방침", "en": "Privacy Policy", "zh": "隐私政策",
                "zh-Hant": "隱私權政策", "es": "Política de privacidad"},
    "terms": {"ko": "이용약관", "en": "Terms of Service", "zh": "服务条款",
              "zh-Hant": "服務條款", "es": "Términos del servicio"},
}

# Per policy: (version id, notice date, effective date, class, reasons)
RETENTION = Reason("retention", "3. Retention", "longer", "5 years", True)
PURPOSE = Reason("purposes", "2. Purposes", "added", "personalised ads", True, needs_consent=True)
WORDING = Reason("wording", "1. Items", "wording", "e-mail", False)

HISTORY = {
    "privacy": [
        ("2024-01-01", date(2023, 12, 1), date(2024, 1, 1), None, ()),
        ("2024-07-12", date(2024, 7, 5), date(2024, 7, 12), ChangeClass.ORDINARY, (WORDING,)),
        ("2025-03-08", date(2025, 2, 6), date(2025, 3, 8), ChangeClass.MATERIAL,
         (RETENTION, PURPOSE)),
    ],
    "terms": [
        ("2024-03-01", date(2024, 2, 1), date(2024, 3, 1), None, ()),
        ("2025-02-14", date(2025, 2, 6), date(2025, 2, 14), ChangeClass.ORDINARY, (WORDING,)),
    ],
}


def text_of(policy: str, lang: str, n: int) -> str:
    """A small policy whose sections change from version to version."""
    title = TITLES[policy][lang]
    items = "email" if n == 0 else "e-mail"
    retention = "3 years" if n < 2 else "5 years"
    purposes = "- service\n" + ("- personalised ads\n" if n >= 2 else "")
    return (f"# {title}\n\n## 1. Items\n\nName, {items}.\n\n## 2. Purposes\n\n{purposes}\n"
            f"## 3. Retention\n\nWe keep data for {retention}.\n")


def prefix(lang: str) -> str:
    return "" if lang == "ko" else f"{lang}/"


def urls(policy: str, lang: str, version: str, first: bool) -> VersionUrls:
    p = prefix(lang)
    return VersionUrls(
        page=f"{p}{policy}/{version}/",
        changes=None if first else f"{p}{policy}/{version}/changes/",
        history=f"{p}{policy}/history/",
        compare=f"{p}{policy}/compare/",
        current=f"{p}{policy}/",
    )


def make_versions(policy: str, lang: str, *, today: date = TODAY,
                  summary: str | None = None, title: str | None = None) -> list[SiteVersion]:
    """SiteVersions of one policy in one language, oldest first."""
    rows = HISTORY[policy]
    out: list[SiteVersion] = []
    previous: Version | None = None
    for i, (vid, notice, effective, cls, reasons) in enumerate(rows):
        entry = ReleaseEntry(
            version=vid, notice_date=notice, effective_date=effective,
            summary={lang: summary if summary is not None else f"{policy} {vid} summary ({lang})"},
            reason={lang: f"{policy} {vid} reason ({lang})"},
            class_override=None, justification={}, imported=False,
        )
        version = Version(policy, lang, entry, text_of(policy, lang, i), f"c{i}" * 20,
                          f"docs/{lang}/{policy}.md")
        nxt = rows[i + 1][2] if i + 1 < len(rows) else None
        until = nxt - timedelta(days=1) if nxt else None
        if effective > today:
            status = Status.UPCOMING
        elif nxt is not None and nxt <= today:
            status = Status.ARCHIVED
        else:
            status = Status.CURRENT
        out.append(SiteVersion(
            policy=policy, policy_title=title or TITLES[policy][lang], lang=lang,
            version=version, previous=previous,
            classification=Classification(cls, reasons) if cls else None,
            change_class=cls, status=status, in_force_until=until,
            urls=urls(policy, lang, vid, previous is None),
        ))
        previous = version
    return out


def site_versions(lang: str, **kw) -> list[SiteVersion]:
    return make_versions("privacy", lang, **kw) + make_versions("terms", lang, **kw)


@pytest.fixture
def all_versions() -> list[SiteVersion]:
    return [v for lang in LANGS for v in site_versions(lang)]


def with_summary(v: SiteVersion, text: str) -> SiteVersion:
    entry = replace(v.entry, summary={v.lang: text})
    return replace(v, version=replace(v.version, entry=entry))
