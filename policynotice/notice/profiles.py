"""Notice profiles: how many days' notice a change needs, and how to count.

Built in (notice-rules.md):

- ``kr_privacy`` (default): 7 days, 30 for a material change. The period is
  a promise Korean privacy policies make ("at least 7 days before; 30 days
  for significant changes such as the items collected or the purposes").
- ``kr_terms``: the FTC e-commerce standard terms, 7 days, 30 for a change
  unfavourable to users (M9: fees, liability, refunds, disputes).
- ``kr_efinance``: Electronic Financial Transactions Act Art. 24(3), one
  month before the change for any change (counted in calendar months).
- ``eu_p2b``: P2B Regulation Art. 3, 15 days for any change.
- ``us_practice``: no statutory period; the common US practice (and what
  the FTC expects before a material change applies) is notice ahead of a
  material change, 30 days here, and none for an ordinary one.

A period is whole days or whole calendar months (``months_ordinary``,
``months_material``): 2026-07-31 plus one month is 2026-08-31, 2026-01-31
plus one month is 2026-02-28 (the month's last day when it is shorter).

Korean profiles (``jurisdiction: kr``; by default a custom profile whose id
starts with ``kr_``) count with the site's ``notice_reading``, and under the
practice reading warn when a date has no day to spare under the strict
Civil Act reading (Art. 157). Other profiles count in practice unless they
set ``reading: strict`` themselves, and never give that warning.

A custom profile comes from mkdocs.yml::

    notice_profiles:
      kr_finance: {months_ordinary: 1, months_material: 1, reading: strict,
                   label: {ko: 전자금융거래 약관, en: Electronic finance terms}}
      us_saas: {days_ordinary: 0, days_material: 30, jurisdiction: us}
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ConfigError
from ..models import ChangeClass, frozen_map

READINGS = ("practice", "strict")
DEFAULT_TIMEZONE = "Asia/Seoul"
DEFAULT_PROFILE = "kr_privacy"


KOREA = "kr"


def add_months(day: date, months: int) -> date:
    """`day` plus whole calendar months, on the month's last day when the
    target month is shorter (Civil Act Art. 160; the usual reading elsewhere)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """A notice period: whole days or whole calendar months."""

    amount: int
    unit: str = "days"  # "days" or "months"

    def after(self, day: date) -> date:
        if self.unit == "months":
            return add_months(day, self.amount)
        return day + timedelta(days=self.amount)

    def __str__(self) -> str:
        one = self.amount == 1
        return f"{self.amount} {('month' if one else 'months') if self.unit == 'months' else ('day' if one else 'days')}"

    @property
    def possessive(self) -> str:
        """"30 days'", "1 month's": as in "needs 30 days' notice"."""
        text = str(self)
        return text + ("'" if text.endswith("s") else "'s")


@dataclass(frozen=True)
class NoticeProfile:
    id: str
    days_ordinary: int
    days_material: int
    reading: str = "practice"  # "practice": notice <= effective - N; "strict": notice <= effective - (N+1)
    timezone: str = DEFAULT_TIMEZONE  # dates are calendar dates in this zone
    label: Mapping[str, str] = field(default_factory=dict)  # lang -> name shown to readers
    # Calendar months instead of days (the days_* fields are then 0).
    months_ordinary: int | None = None
    months_material: int | None = None
    jurisdiction: str = ""  # "kr": the Korean Civil Act's counting applies

    @property
    def korean(self) -> bool:
        return self.jurisdiction == KOREA

    def period(self, change_class: ChangeClass) -> Period:
        material = change_class is ChangeClass.MATERIAL
        months = self.months_material if material else self.months_ordinary
        if months is not None:
            return Period(months, "months")
        return Period(self.days_material if material else self.days_ordinary)

    def days(self, change_class: ChangeClass, notice_date: date | None = None) -> int:
        """The notice period in calendar days; a period in months depends on
        the notice date, which must then be given."""
        from .dates import required_days

        period = self.period(change_class)
        if period.unit == "days":
            return required_days(self, change_class)
        if notice_date is None:
            raise ValueError(f"profile {self.id}: a period in months needs the notice date")
        return (period.after(notice_date) - notice_date).days

    def earliest_effective(self, notice_date: date, change_class: ChangeClass) -> date:
        extra = 1 if self.reading == "strict" else 0
        return self.period(change_class).after(notice_date) + timedelta(days=extra)

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


BUILTIN_PROFILES: Mapping[str, NoticeProfile] = frozen_map({  # type: ignore[arg-type]
    "kr_privacy": NoticeProfile("kr_privacy", 7, 30, jurisdiction=KOREA, label=frozen_map({
        "ko": "개인정보 처리방침 (7일, 중요한 변경 30일)",
        "en": "Privacy policy, Korea (7 days; 30 days for material changes)",
        "zh": "个人信息处理方针（7天；重大变更30天）",
        "zh-Hant": "個人資料處理方針（7天；重大變更30天）",
        "es": "Política de privacidad, Corea (7 días; 30 días para cambios sustanciales)",
    })),
    "kr_terms": NoticeProfile("kr_terms", 7, 30, jurisdiction=KOREA, label=frozen_map({
        "ko": "이용약관 (7일, 이용자에게 불리한 변경 30일)",
        "en": "Terms of service, Korea (7 days; 30 days for changes unfavourable to users)",
        "zh": "服务条款（7天；对用户不利的变更30天）",
        "zh-Hant": "服務條款（7天；對使用者不利的變更30天）",
        "es": "Condiciones del servicio, Corea (7 días; 30 días para cambios desfavorables para los usuarios)",
    })),
    "kr_efinance": NoticeProfile("kr_efinance", 0, 0, months_ordinary=1, months_material=1,
                                 jurisdiction=KOREA, label=frozen_map({
        "ko": "전자금융거래 이용약관 (1개월)",
        "en": "Electronic financial transactions terms, Korea (1 month)",
        "zh": "电子金融交易条款，韩国（1个月）",
        "zh-Hant": "電子金融交易條款，韓國（1個月）",
        "es": "Condiciones de transacciones financieras electrónicas, Corea (1 mes)",
    })),
    "eu_p2b": NoticeProfile("eu_p2b", 15, 15, jurisdiction="eu", label=frozen_map({
        "ko": "EU P2B 규칙 (15일)",
        "en": "EU platform-to-business rules (15 days)",
        "zh": "欧盟P2B条例（15天）",
        "zh-Hant": "歐盟P2B規則（15天）",
        "es": "Reglamento P2B de la UE (15 días)",
    })),
    "us_practice": NoticeProfile("us_practice", 0, 30, jurisdiction="us", label=frozen_map({
        "ko": "미국 관행 (중요한 변경 30일)",
        "en": "United States practice (30 days for material changes)",
        "zh": "美国惯例（重大变更30天）",
        "zh-Hant": "美國慣例（重大變更30天）",
        "es": "Práctica de Estados Unidos (30 días para cambios sustanciales)",
    })),
})

_KEYS = ("id", "days_ordinary", "days_material", "months_ordinary", "months_material", "reading",
         "timezone", "jurisdiction", "label")


def _days(value: Any, key: str, where: str) -> int:
    unit = "months" if key.startswith("months") else "days"
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 36500:
        raise ConfigError(f"notice profile '{where}': {key} must be a whole number of {unit} "
                          f"(0 or more), got {value!r}")
    return value


def _period(data: Mapping[str, Any], kind: str, pid: str) -> Period:
    days, months = f"days_{kind}", f"months_{kind}"
    if days in data and months in data:
        raise ConfigError(f"notice profile '{pid}': give either '{days}' or '{months}', not both")
    if months in data:
        return Period(_days(data[months], months, pid), "months")
    if days not in data:
        raise ConfigError(f"notice profile '{pid}': '{days}' is missing (a number of calendar days; "
                          f"or '{months}' for calendar months)")
    return Period(_days(data[days], days, pid))


def _at_least(period: Period) -> int:
    """The fewest days a period can be (a month is at least 28 days)."""
    return period.amount * 28 if period.unit == "months" else period.amount


def _check_reading(reading: Any, where: str) -> str:
    if reading not in READINGS:
        raise ConfigError(f"notice profile '{where}': reading must be 'practice' or 'strict', got {reading!r}")
    return reading


def _check_timezone(tz: Any, where: str) -> str:
    if not isinstance(tz, str) or not tz:
        raise ConfigError(f"notice profile '{where}': timezone must be an IANA name such as 'Asia/Seoul', "
                          f"got {tz!r}")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"notice profile '{where}': unknown timezone {tz!r} "
                          f"(expected an IANA name such as 'Asia/Seoul')") from None
    return tz


def profile_from_config(data: Mapping[str, Any], *, profile_id: str | None = None) -> NoticeProfile:
    """A custom profile from its mkdocs.yml mapping. Raises ConfigError with a
    one-line message naming the profile and what is wrong."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"notice profile '{profile_id or '?'}': expected a mapping with days_ordinary "
                          f"and days_material, got {type(data).__name__}")
    pid = data.get("id", profile_id)
    if not isinstance(pid, str) or not pid.strip():
        raise ConfigError("notice profile: 'id' is missing (give every profile a name, e.g. kr_finance)")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ConfigError(f"notice profile '{pid}': unknown key '{unknown[0]}' "
                          f"(expected {', '.join(_KEYS[1:])})")
    ordinary, material = _period(data, "ordinary", pid), _period(data, "material", pid)
    shorter = (material.amount < ordinary.amount if material.unit == ordinary.unit
               else _at_least(material) < _at_least(ordinary))
    if shorter:
        raise ConfigError(f"notice profile '{pid}': the material period ({material}) is shorter "
                          f"than the ordinary one ({ordinary}); a material change needs at least "
                          f"as much notice")
    jurisdiction = data.get("jurisdiction", KOREA if pid.startswith("kr_") else "")
    if not isinstance(jurisdiction, str) or (jurisdiction and not jurisdiction.isalpha()):
        raise ConfigError(f"notice profile '{pid}': jurisdiction must be a country or region code "
                          f"such as kr, eu or us, got {jurisdiction!r}")
    label = data.get("label", {})
    if isinstance(label, str):
        label = {"en": label}
    if not isinstance(label, Mapping) or not all(isinstance(v, str) for v in label.values()):
        raise ConfigError(f"notice profile '{pid}': label must be a text or a mapping of language to text")
    return NoticeProfile(
        id=pid,
        days_ordinary=ordinary.amount if ordinary.unit == "days" else 0,
        days_material=material.amount if material.unit == "days" else 0,
        months_ordinary=ordinary.amount if ordinary.unit == "months" else None,
        months_material=material.amount if material.unit == "months" else None,
        reading=_check_reading(data.get("reading", "practice"), pid),
        timezone=_check_timezone(data.get("timezone", DEFAULT_TIMEZONE), pid),
        label=frozen_map(label),
        jurisdiction=jurisdiction.lower(),
    )


def resolve_profile(profile_id: str, custom: Mapping[str, Any] | None = None, *,
                    reading: str | None = None, timezone: str | None = None) -> NoticeProfile:
    """The profile a policy names: a custom one from mkdocs.yml or a built-in.
    The site-wide timezone applies unless a custom profile sets its own; the
    site-wide reading (the Korean Civil Act's strict count) applies to
    Korean profiles only."""
    custom = custom or {}
    if reading:
        _check_reading(reading, profile_id)
    if profile_id in custom:
        data = custom[profile_id]
        if isinstance(data, Mapping):
            data = {**data}
            data.setdefault("timezone", timezone or DEFAULT_TIMEZONE)
            if "reading" not in data:
                profile = profile_from_config(data, profile_id=profile_id)
                return replace(profile, reading=reading or "practice") if profile.korean else profile
        return profile_from_config(data, profile_id=profile_id)
    if profile_id not in BUILTIN_PROFILES:
        known = ", ".join(sorted(set(BUILTIN_PROFILES) | set(custom)))
        raise ConfigError(f"unknown notice profile '{profile_id}' (expected one of: {known}; "
                          f"or define it under notice_profiles)")
    profile = BUILTIN_PROFILES[profile_id]
    return replace(
        profile,
        reading=reading if reading and profile.korean else profile.reading,
        timezone=_check_timezone(timezone, profile_id) if timezone else profile.timezone,
    )
