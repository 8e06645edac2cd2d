"""`policynotice init DIR`: a new policy site that builds and checks as it is.

It writes mkdocs.yml (search, i18n, policynotice), one policy in every
language asked for (a starting text to replace), its release log with the
first version, an index page per language, a README for the legal team and
a .gitignore, and makes DIR a git repository when it is not inside one (the
archive is git history). Nothing is overwritten: a folder that already holds
a site is refused.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

import jinja2

from .errors import PolicyNoticeError, UsageError
from .sources.releaselog import POLICY_ID_RE

LANGUAGE_NAMES = {"ko": "한국어", "en": "English", "zh": "简体中文", "zh-Hant": "繁體中文",
                  "es": "Español"}
_TITLES = {
    "privacy": {"ko": "개인정보 처리방침", "en": "Privacy Policy", "zh": "隐私政策",
                "zh-Hant": "隱私權政策", "es": "Política de privacidad"},
    "terms": {"ko": "이용약관", "en": "Terms of Service", "zh": "服务条款", "zh-Hant": "服務條款",
              "es": "Condiciones del servicio"},
}
_FIRST = {
    "summary": {"ko": "처음 게시한 버전입니다.", "en": "The first published version.",
                "zh": "首次发布的版本。", "zh-Hant": "首次發布的版本。",
                "es": "La primera versión publicada."},
    "reason": {"ko": "정책을 처음 게시합니다.", "en": "The policy is published for the first time.",
               "zh": "首次发布本政策。", "zh-Hant": "首次發布本政策。",
               "es": "La política se publica por primera vez."},
}
_INDEX = {
    "ko": ("{company} 정책", "현재 시행 중인 정책과 모든 개정 이력입니다.", "개정 이력", "버전 비교"),
    "en": ("{company} policies", "The policies in force today and every earlier version.",
           "Version history", "Compare versions"),
    "zh": ("{company}政策", "现行政策及所有历史版本。", "版本历史", "比较版本"),
    "zh-Hant": ("{company}政策", "現行政策及所有歷史版本。", "版本歷史", "比較版本"),
    "es": ("Políticas de {company}", "Las políticas vigentes y todas sus versiones anteriores.",
           "Historial de versiones", "Comparar versiones"),
}
# What `init` would overwrite; a folder holding any of these is refused.
_OWN = ("mkdocs.yml", "docs", "versions", "README.md", ".gitignore")


@dataclass(frozen=True)
class _Language:
    code: str
    name: str


def default_profile(policy: str, languages: Sequence[str]) -> str:
    """A Korean profile for a Korean site's privacy policy or terms; else US practice."""
    if "ko" in languages and policy in ("privacy", "terms"):
        return f"kr_{policy}"
    return "us_practice"


def init_site(folder: Path, *, languages: Sequence[str], policy: str = "privacy",
              profile: str | None = None, company: str = "Example Company",
              contact: str = "privacy@example.com", site_url: str = "https://policies.example.com/",
              timezone: str | None = None, today: date, git: bool = True) -> list[Path]:
    """Write a new site into `folder`; the files written, relative to it."""
    from .notice.profiles import BUILTIN_PROFILES

    langs = list(dict.fromkeys(languages))
    if not langs:
        raise UsageError("--languages needs at least one language, e.g. en or ko,en")
    unknown = [code for code in langs if code not in LANGUAGE_NAMES]
    if unknown:
        raise UsageError(f"--languages: {unknown[0]!r} is not supported; expected some of "
                         f"{', '.join(LANGUAGE_NAMES)}")
    if not POLICY_ID_RE.match(policy):
        raise UsageError(f"--policy {policy!r} is not valid; expected lowercase letters, digits, "
                         f"'-' or '_', e.g. privacy")
    profile = profile or default_profile(policy, langs)
    if profile not in BUILTIN_PROFILES:
        raise UsageError(f"--profile {profile!r} is not a built-in profile; expected one of "
                         f"{', '.join(sorted(BUILTIN_PROFILES))} (custom ones go in mkdocs.yml "
                         f"under notice_profiles)")
    timezone = timezone or ("Asia/Seoul" if profile.startswith("kr_") else "UTC")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PolicyNoticeError("is a file; expected a folder for the new site", path=str(folder))
    taken = [name for name in _OWN if (folder / name).exists()]
    if taken:
        raise PolicyNoticeError(f"already holds {taken[0]}; init writes a new site and "
                                f"overwrites nothing", path=str(folder),
                                hint="choose an empty or new folder")

    env = jinja2.Environment(loader=jinja2.PackageLoader("policynotice", "templates/scaffold"),
                             autoescape=False, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["yaml"] = _yaml
    titles = {code: _TITLES.get(policy, {}).get(code) or policy.replace("-", " ").replace("_", " ")
              .capitalize() for code in langs}
    context = dict(
        site_name=f"{company} policies", site_url=site_url, default_language=langs[0],
        languages=[_Language(code, LANGUAGE_NAMES[code]) for code in langs], timezone=timezone,
        policy=policy, profile=profile, company=company, contact=contact,
        title_en=_TITLES.get(policy, {}).get("en", titles[langs[0]]),
    )
    files: dict[str, str] = {
        "mkdocs.yml": env.get_template("mkdocs.yml").render(context),
        "README.md": env.get_template("README.md").render(context),
        ".gitignore": env.get_template("gitignore").render(context),
        f"versions/{policy}.yml": _release_log(policy, langs, today),
    }
    kind = "privacy" if policy == "privacy" else "other"
    for code in langs:
        files[f"docs/{code}/{policy}.md"] = env.get_template(f"policy/{kind}.{code}.md").render(
            context, title=titles[code])
        files[f"docs/{code}/index.md"] = _index(code, policy, titles[code], company)

    written = []
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(Path(name))
    if git and not _inside_git(folder):
        _git(folder, "init", "-q")
        _git(folder, "symbolic-ref", "HEAD", "refs/heads/main")
    return written


def _yaml(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(str(value), ensure_ascii=False)


def _release_log(policy: str, langs: list[str], today: date) -> str:
    day = today.isoformat()
    lines = [
        f"# The release log of {policy}: one entry per version, oldest first.",
        "# A new version: edit docs/<language>/" + policy + ".md in every language and add an",
        "# entry below with its notice date, effective date, summary and reason.",
        f"policy: {policy}",
        "versions:",
        f'  - version: "{day}"',
        f"    notice_date: {day}",
        f"    effective_date: {day}",
        "    summary:",
    ]
    lines += [f"      {_key(code)}: {_yaml(_FIRST['summary'][code])}" for code in langs]
    lines.append("    reason:")
    lines += [f"      {_key(code)}: {_yaml(_FIRST['reason'][code])}" for code in langs]
    return "\n".join(lines) + "\n"


def _key(code: str) -> str:
    return code if code.replace("-", "").isalpha() and code not in ("no", "on", "y", "n") else _yaml(code)


def _index(code: str, policy: str, title: str, company: str) -> str:
    heading, intro, history, compare = _INDEX[code]
    return (f"# {heading.format(company=company)}\n\n{intro}\n\n"
            f"- [{title}]({policy}.md) · [{history}]({policy}/history.md) · "
            f"[{compare}]({policy}/compare.md)\n")


def _inside_git(folder: Path) -> bool:
    result = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder,
                            capture_output=True, text=True)
    return result.returncode == 0 and result.stdout.strip() == "true"


def _git(folder: Path, *args: str) -> None:
    try:
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise PolicyNoticeError("git is not installed; policynotice reads every version from git",
                                path=str(folder), hint="install git and run init again") from None
    except subprocess.CalledProcessError as exc:
        raise PolicyNoticeError(f"git {args[0]} failed: {' '.join(exc.stderr.split())}",
                                path=str(folder)) from None
