"""Notice profiles: how many days' notice a change needs, and how to count.

Built in (notice-rules.md):

- ``kr_privacy`` (default): 7 days, 30 for a material change. The period is
  a promise Korean privacy policies make ("at least 7 days before; 30 days
  for significant changes such as the items collected or the purposes").
- ``kr_terms``: the FTC e-commerce standard terms, 7 days, 30 for a change
  unfavourable to users (M9: fees, liability, refunds, disputes).
- ``eu_p2b``: P2B Regulation Art. 3, 15 days for any change.

A custom profile comes from mkdocs.yml::

    notice_profiles:
      kr_finance: {days_ordinary: 30, days_material: 30, reading: strict,
                   label: {ko: 전자금융거래 약관, en: Electronic finance terms}}
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ConfigError
from ..models import ChangeClass, frozen_map

READINGS = ("practice", "strict")
DEFAULT_TIMEZONE = "Asia/Seoul"
DEFAULT_PROFILE = "kr_privacy"


@dataclass(frozen=True)
class NoticeProfile:
    id: str
    days_ordinary: int
    days_material: int
    reading: str = "practice"  # "practice": notice <= effective - N; "strict": notice <= effective - (N+1)
    timezone: str = DEFAULT_TIMEZONE  # dates are calendar dates in this zone
    label: Mapping[str, str] = field(default_factory=dict)  # lang -> name shown to readers

    def days(self, change_class: ChangeClass) -> int:
        from .dates import required_days

        return required_days(self, change_class)

    def earliest_effective(self, notice_date: date, change_class: ChangeClass) -> date:
        from .dates import earliest_effective

        return earliest_effective(notice_date, self.days(change_class), self.reading)

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


BUILTIN_PROFILES: Mapping[str, NoticeProfile] = frozen_map({  # type: ignore[arg-type]
    "kr_privacy": NoticeProfile("kr_privacy", 7, 30, label=frozen_map({
        "ko": "개인정보 처리방침 (7일, 중요한 변경 30일)",
        "en": "Privacy policy, Korea (7 days; 30 days for material changes)",
        "zh": "个人信息处理方针（7天；重大变更30天）",
        "zh-Hant": "個人資料處理方針（7天；重大變更30天）",
        "es": "Política de privacidad, Corea (7 días; 30 días para cambios sustanciales)",
    })),
    "kr_terms": NoticeProfile("kr_terms", 7, 30, label=frozen_map({
        "ko": "이용약관 (7일, 이용자에게 불리한 변경 30일)",
        "en": "Terms of service, Korea (7 days; 30 days for changes unfavourable to users)",
        "zh": "服务条款（7天；对用户不利的变更30天）",
        "zh-Hant": "服務條款（7天；對使用者不利的變更30天）",
        "es": "Condiciones del servicio, Corea (7 días; 30 días para cambios desfavorables para los usuarios)",
    })),
    "eu_p2b": NoticeProfile("eu_p2b", 15, 15, label=frozen_map({
        "ko": "EU P2B 규칙 (15일)",
        "en": "EU platform-to-business rules (15 days)",
        "zh": "欧盟P2B条例（15天）",
        "zh-Hant": "歐盟P2B規則（15天）",
        "es": "Reglamento P2B de la UE (15 días)",
    })),
})

_KEYS = ("id", "days_ordinary", "days_material", "reading", "timezone", "label")


def _days(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"notice profile '{where}': {key} must be a whole number of days (0 or more), "
                          f"got {value!r}")
    return value


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
    for key in ("days_ordinary", "days_material"):
        if key not in data:
            raise ConfigError(f"notice profile '{pid}': '{key}' is missing (a number of calendar days)")
    ordinary = _days(data["days_ordinary"], "days_ordinary", pid)
    material = _days(data["days_material"], "days_material", pid)
    if material < ordinary:
        raise ConfigError(f"notice profile '{pid}': days_material ({material}) is shorter than "
                          f"days_ordinary ({ordinary}); a material change needs at least as much notice")
    label = data.get("label", {})
    if isinstance(label, str):
        label = {"en": label}
    if not isinstance(label, Mapping) or not all(isinstance(v, str) for v in label.values()):
        raise ConfigError(f"notice profile '{pid}': label must be a text or a mapping of language to text")
    return NoticeProfile(
        id=pid, days_ordinary=ordinary, days_material=material,
        reading=_check_reading(data.get("reading", "practice"), pid),
        timezone=_check_timezone(data.get("timezone", DEFAULT_TIMEZONE), pid),
        label=frozen_map(label),
    )


def resolve_profile(profile_id: str, custom: Mapping[str, Any] | None = None, *,
                    reading: str | None = None, timezone: str | None = None) -> NoticeProfile:
    """The profile a policy names: a custom one from mkdocs.yml or a built-in.
    The site-wide reading and timezone apply unless a custom profile sets its own."""
    custom = custom or {}
    if profile_id in custom:
        data = custom[profile_id]
        if isinstance(data, Mapping):
            data = {**data}
            data.setdefault("reading", reading or "practice")
            data.setdefault("timezone", timezone or DEFAULT_TIMEZONE)
        return profile_from_config(data, profile_id=profile_id)
    if profile_id not in BUILTIN_PROFILES:
        known = ", ".join(sorted(set(BUILTIN_PROFILES) | set(custom)))
        raise ConfigError(f"unknown notice profile '{profile_id}' (expected one of: {known}; "
                          f"or define it under notice_profiles)")
    profile = BUILTIN_PROFILES[profile_id]
    return replace(
        profile,
        reading=_check_reading(reading, profile_id) if reading else profile.reading,
        timezone=_check_timezone(timezone, profile_id) if timezone else profile.timezone,
    )
