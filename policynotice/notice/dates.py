"""Counting notice days (notice-rules.md, "Counting days").

Calendar days; weekends and public holidays are never skipped and an
effective date is never moved for a holiday.

- practice reading (default): on time when notice_date <= effective_date - N.
  Posted 2023-02-21, effective 2023-02-28, N = 7: on time.
- strict reading (Korean Civil Act Art. 157: the first day is not counted
  when counting back from the effective date): on time when
  notice_date <= effective_date - (N + 1). The same example is one day short.

A period in calendar months ends on the same day of the month, or on the
month's last day when it is shorter (profiles.add_months): noticed
2026-07-31, one month: effective 2026-08-31 or later. Only a Korean profile
warns that a date on time in practice is one day short under the strict
reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping

from ..models import ChangeClass, ReleaseEntry, frozen_map
from .profiles import NoticeProfile

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class DateFinding:
    severity: str  # "error" or "warning"
    code: str  # effective-before-notice, notice-too-short, retroactive, no-spare-day, notice-in-past
    message: str  # one line in English, naming the version and the dates
    params: Mapping[str, str] = field(default_factory=dict)  # for localized rendering (labels.py)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def required_days(profile: NoticeProfile, change_class: ChangeClass) -> int:
    return profile.days_material if change_class is ChangeClass.MATERIAL else profile.days_ordinary


def earliest_effective(notice_date: date, days: int, reading: str = "practice") -> date:
    """The first lawful effective date for a notice posted on notice_date."""
    extra = 1 if reading == "strict" else 0
    return notice_date + timedelta(days=days + extra)


def _finding(severity: str, code: str, message: str, **params: object) -> DateFinding:
    return DateFinding(severity, code, message, frozen_map({k: str(v) for k, v in params.items()}))


def assess_dates(entry: ReleaseEntry, change_class: ChangeClass, profile: NoticeProfile,
                 today: date | None = None) -> tuple[DateFinding, ...]:
    """Errors and warnings about one release-log entry's dates.

    Pass `today` only for entries being added now (a pull request, a build of
    a new entry): an effective date before today is then retroactive."""
    v, notice, effective = entry.version, entry.notice_date, entry.effective_date
    period = profile.period(change_class)
    days = profile.days(change_class, notice)
    cls = change_class.value
    findings: list[DateFinding] = []
    common = dict(version=v, notice=notice.isoformat(), effective=effective.isoformat(), days=days,
                  period=str(period), change_class=cls, reading=profile.reading)
    if effective < notice:
        findings.append(_finding(
            ERROR, "effective-before-notice",
            f"version {v}: effective date {effective.isoformat()} is before its notice date "
            f"{notice.isoformat()}; the effective date must come after the notice",
            **common))
    else:
        earliest = profile.earliest_effective(notice, change_class)
        if effective < earliest:
            given = (effective - notice).days
            short = (earliest - effective).days
            findings.append(_finding(
                ERROR, "notice-too-short",
                f"version {v}: {'an' if cls[0] in 'aeiou' else 'a'} {cls} change needs "
                f"{period.possessive} notice ({profile.reading} reading); noticed {notice.isoformat()}, effective "
                f"{effective.isoformat()} gives {given} ({short} short); "
                f"the earliest lawful effective date is {earliest.isoformat()}",
                earliest=earliest.isoformat(), given=given, short=short, **common))
        elif profile.korean and profile.reading == "practice" and effective == earliest:
            strict = earliest + timedelta(days=1)
            findings.append(_finding(
                WARNING, "no-spare-day",
                f"version {v}: {period.possessive} notice from {notice.isoformat()} to {effective.isoformat()} "
                f"has no day to spare; under the strict Civil Act reading it is one day short "
                f"(effective {strict.isoformat()} or later would satisfy both)",
                strict=strict.isoformat(), **common))
    if today is not None:
        if effective < today:
            findings.append(_finding(
                ERROR, "retroactive",
                f"version {v}: effective date {effective.isoformat()} is before today "
                f"({today.isoformat()}); a new version cannot take effect retroactively",
                today=today.isoformat(), **common))
        elif notice < today and not entry.backdated:
            # The notice goes up when the change is published, not on a past date:
            # the real notice period is shorter than the entry claims.
            findings.append(notice_in_past(entry, today, days, profile.reading, "today"))
    if entry.imported:
        # An imported entry's dates are the commit dates, placeholders until a
        # human fills in when the notice really went up: report, don't enforce.
        findings = [
            DateFinding(WARNING, f.code, f"{f.message} (imported version: its dates come from git; "
                        f"fill in the real notice date, then remove 'imported: true')", f.params)
            if f.is_error else f
            for f in findings
        ]
    return tuple(findings)


def notice_in_past(entry: ReleaseEntry, reached: date, days: int, reading: str,
                   when: str) -> DateFinding:
    """A notice date before the day the entry reached main (`when` says which
    day that is): the notice cannot have gone up through this repository on
    that date. An error unless the entry is `backdated: true` with a
    justification (posted elsewhere)."""
    notice, effective = entry.notice_date, entry.effective_date
    real = earliest_effective(reached, days, reading)
    return _finding(
        ERROR, "notice-in-past",
        f"version {entry.version}: notice date {notice.isoformat()} is before {when} "
        f"({reached.isoformat()}), when the entry reaches main; set notice_date to "
        f"{reached.isoformat()} or later (then the earliest lawful effective date is "
        f"{real.isoformat()}), or, if the notice was really posted elsewhere on that date, add "
        f"'backdated: true' and a 'justification' saying where (it is published)",
        version=entry.version, notice=notice.isoformat(), effective=effective.isoformat(),
        days=days, reading=reading, today=reached.isoformat(), earliest=real.isoformat())
