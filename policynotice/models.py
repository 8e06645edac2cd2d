"""The plain data the functional core works on. No git, no MkDocs here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Mapping


def frozen_map(d: Mapping[str, str] | None) -> Mapping[str, str]:
    """Read-only mapping so frozen dataclasses stay truly immutable."""
    return MappingProxyType(dict(d or {}))


class ChangeClass(str, enum.Enum):
    ORDINARY = "ordinary"
    MATERIAL = "material"

    @property
    def rank(self) -> int:
        return 1 if self is ChangeClass.MATERIAL else 0


@dataclass(frozen=True)
class ReleaseEntry:
    """One published version as written in versions/<policy>.yml."""

    version: str
    notice_date: date
    effective_date: date
    summary: Mapping[str, str] = field(default_factory=dict)
    reason: Mapping[str, str] = field(default_factory=dict)
    class_override: ChangeClass | None = None
    justification: Mapping[str, str] = field(default_factory=dict)
    imported: bool = False
    # The notice went up before the entry reached main (posted elsewhere);
    # needs a justification, which is published.
    backdated: bool = False
    # Languages whose translation this version corrects, the others (and the
    # governing text) unchanged: judged on those languages alone.
    translation_fix: tuple[str, ...] = ()
    # The effective date this version had when it was announced, before it
    # was postponed (moved later before it took effect).
    postponed_from: date | None = None
    # The commit whose text this entry publishes, when it is not the commit
    # that added the entry (imported history: the whole log lands at once).
    commit: str | None = None
    line: int = 0  # line of the entry in the release log, for error messages


@dataclass(frozen=True)
class ReleaseLog:
    policy: str
    path: str  # repository-relative, e.g. versions/privacy.yml
    entries: tuple[ReleaseEntry, ...]

    def entry(self, version: str) -> ReleaseEntry | None:
        return next((e for e in self.entries if e.version == version), None)


@dataclass(frozen=True)
class Version:
    """The text of one published version in one language, as read from git."""

    policy: str
    lang: str
    entry: ReleaseEntry
    text: str
    commit: str  # first-parent commit whose text this is (see sources/history.py)
    path: str  # repository-relative path of the text at that commit
    title: str = ""  # the title in the file's front matter, if it has one

    @property
    def id(self) -> str:
        return self.entry.version


@dataclass(frozen=True)
class Reason:
    """Why a change is classified the way it is."""

    category: str  # data_items, purposes, ... (notice-rules.md), or "wording", "whitespace", ...
    section: str  # heading of the section where the change happened
    kind: str  # added, removed, longer, shorter, wording, whitespace, reordered, effective_date, ...
    excerpt: str  # a short excerpt of the changed text
    material: bool
    needs_consent: bool = False


@dataclass(frozen=True)
class Classification:
    change_class: ChangeClass
    reasons: tuple[Reason, ...]

    @property
    def needs_consent(self) -> bool:
        return any(r.needs_consent for r in self.reasons)


class Status(str, enum.Enum):
    """Where a version stands on the build date."""

    UPCOMING = "upcoming"  # noticed, effective date still ahead
    CURRENT = "current"  # in force today
    ARCHIVED = "archived"  # superseded


@dataclass(frozen=True)
class VersionUrls:
    """Site-root-relative URLs (no leading slash; language prefix included,
    none for the default language), e.g. "en/privacy/2025-03-08/"."""

    page: str  # the version's own stable page
    changes: str | None  # redline against the previous version (None for the first)
    history: str  # the policy's history page
    compare: str  # the any-two compare page
    current: str  # the policy page (text in force today)


@dataclass(frozen=True)
class SiteVersion:
    """Everything a publisher (pages, feeds, emails, API) needs about one
    version of one policy in one language. Computed once per build."""

    policy: str
    policy_title: str  # in this language
    lang: str
    version: Version
    previous: Version | None
    classification: Classification | None  # None for the first version
    change_class: ChangeClass | None  # after overrides; None for the first version
    status: Status
    in_force_until: date | None  # day before the next version's effective date
    urls: VersionUrls

    @property
    def entry(self) -> ReleaseEntry:
        return self.version.entry

    @property
    def id(self) -> str:
        return self.version.id


@dataclass(frozen=True)
class Finding:
    """A problem found while reading or checking the repository."""

    severity: str  # "error" fails `check` (and the build, where noted); "warning" is reported
    code: str  # stable machine-readable code, e.g. "altered-version"
    message: str  # one line: file, what was expected, how to fix it
    policy: str = ""
    path: str = ""  # the file the finding is about, for annotations (may be empty)
    line: int | None = None  # its line, when known

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Language:
    code: str  # as in the docs folder and URLs: ko, en, zh, zh-Hant, es
    name: str  # as shown in the language switcher
    default: bool = False


@dataclass(frozen=True)
class PolicyConfig:
    id: str  # URL segment and release log name: versions/<id>.yml
    file: str  # path of the text inside each language folder, e.g. privacy.md
    profile: str = "kr_privacy"  # notice profile id


@dataclass(frozen=True)
class PolicyHistory:
    """Every published version of one policy, per language, read from git."""

    policy: PolicyConfig
    log: ReleaseLog
    versions: Mapping[str, tuple[Version, ...]]  # lang -> oldest first
    findings: tuple[Finding, ...] = ()
    drafts: Mapping[str, str] = field(default_factory=dict)  # lang -> unreleased working text
    # version id -> the first-parent commit that added its entry (absent: not
    # committed yet, i.e. the working tree)
    added_in: Mapping[str, str] = field(default_factory=dict)
