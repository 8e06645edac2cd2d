"""Plugin configuration (the keys under `plugins: - policynotice:` in mkdocs.yml)
and the resolved, MkDocs-free site configuration the core works on."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .cache import default_cache_dir
from .errors import ConfigError
from .models import Language, PolicyConfig, frozen_map
from .sources.releaselog import POLICY_ID_RE

TODAY_ENV = "POLICYNOTICE_TODAY"


class _PolicyItem(Config):
    id = c.Type(str)
    file = c.Optional(c.Type(str))  # default: <id>.md
    profile = c.Type(str, default="kr_privacy")


class PluginConfig(Config):
    """Flat keys, one prefix per feature (notice_*, feeds_*, emails_*)."""

    policies = c.ListOfItems(c.SubConfig(_PolicyItem, validate=True), default=[])
    versions_dir = c.Type(str, default="versions")
    timezone = c.Type(str, default="Asia/Seoul")
    today = c.Optional(c.Type(str))
    governing_language = c.Optional(c.Type(str))
    notice_reading = c.Choice(("practice", "strict"), default="practice")
    notice_profiles = c.Type(dict, default={})
    notice_processors_material = c.Type(bool, default=True)
    feeds_enabled = c.Type(bool, default=True)
    emails_dir = c.Optional(c.Type(str))  # default: notices/ beside the site dir
    emails_templates = c.Optional(c.Type(str))  # folder of Jinja2 overrides
    company = c.Type(dict, default={})
    # Default: outside the work tree (cache.default_cache_dir). A folder
    # inside the repository is allowed for local use, but must not be tracked.
    cache_dir = c.Optional(c.Type(str))
    # Compare page: every pair is prebuilt up to this many versions of a
    # policy; above it, a number of pairs linear in the versions (see
    # publish.pages.compare_pairs), so a long archive stays small and fast.
    compare_all_pairs_up_to = c.Type(int, default=3)

    def validate(self):
        # A misspelt key silently falls back to a default (a wrong notice
        # profile, say); for a tool behind legal deadlines that is an error.
        failed, warnings = super().validate()
        unknown = [(key, msg) for key, msg in warnings if "Unrecognised configuration name" in str(msg)]
        for key, msg in unknown:
            if str(msg).startswith("Sub-option"):  # inside a policies item
                name = str(msg).split("'")[1]
                failed.append((key, c.ValidationError(
                    f"unknown option '{name}' in a policy; expected one of: "
                    f"{', '.join(sorted(_PolicyItem()._schema_keys))}")))
                continue
            failed.append((key, c.ValidationError(
                f"unknown option; expected one of: {', '.join(sorted(self._schema_keys))}")))
        return failed, [w for w in warnings if w not in unknown]


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # repository root (the folder of mkdocs.yml)
    docs_dir: str  # relative to root, e.g. "docs"
    versions_dir: str  # relative to root
    site_dir: Path
    site_url: str
    languages: tuple[Language, ...]
    policies: tuple[PolicyConfig, ...]
    timezone: str
    governing_language: str
    notice_reading: str
    notice_profiles: Mapping[str, Any] = field(default_factory=dict)
    processors_material: bool = True
    feeds_enabled: bool = True
    emails_dir: Path | None = None
    emails_templates: Path | None = None
    company: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    compare_all_pairs_up_to: int = 3
    config_file: str = "mkdocs.yml"  # relative to root

    @property
    def default_language(self) -> str:
        return next(lang.code for lang in self.languages if lang.default)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def prefix(self, lang: str) -> str:
        """URL prefix of a language: none for the default language."""
        return "" if lang == self.default_language else f"{lang}/"


def resolve_site_config(mkdocs_config: Any, plugin: PluginConfig) -> SiteConfig:
    config_file = mkdocs_config.config_file_path or "mkdocs.yml"
    root = Path(config_file).resolve().parent
    languages = _languages(mkdocs_config)
    codes = [lang.code for lang in languages]
    policies = []
    seen = set()
    bases: dict[str, str] = {}  # casefolded URL folder -> policy id
    # Site-level folders the build generates (and the language folders): a
    # policy whose file is subscribe.md or en.md would be overwritten.
    reserved = {"subscribe", "feeds", "api", "assets", "search", "404", "sitemap", "draft",
                *(code.casefold() for code in codes)}
    for item in plugin.policies:
        pid = item.id
        if not POLICY_ID_RE.match(pid):
            raise ConfigError(
                f"policy id {pid!r} must be lower-case letters, digits, '-' or '_' "
                f"(it becomes a URL and a file name)", path=config_file,
            )
        if pid in seen:
            raise ConfigError(f"policy id '{pid}' is listed twice", path=config_file)
        seen.add(pid)
        file = item.file or f"{pid}.md"
        if file.startswith("/") or ".." in Path(file).parts or not file.endswith(".md"):
            raise ConfigError(
                f"policy '{pid}': file {file!r} must be a relative .md path inside each "
                f"language folder", path=config_file,
            )
        base = file[: -len(".md")].casefold()
        if base in reserved:
            raise ConfigError(
                f"policy '{pid}': file {file!r} would be published at {base}/, which the site "
                f"uses for its own pages; name the file differently", path=config_file,
            )
        if base in bases:
            raise ConfigError(
                f"policies '{bases[base]}' and '{pid}' would be published at the same address "
                f"{base}/ (file names differing only in case are the same); give each its own "
                f"file", path=config_file,
            )
        bases[base] = pid
        policies.append(PolicyConfig(id=pid, file=file, profile=item.profile))
    if not policies:
        raise ConfigError(
            "no policies configured; expected 'policies:' with at least one '- id: privacy'",
            path=config_file,
        )
    try:
        ZoneInfo(plugin.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown timezone {plugin.timezone!r}; expected an IANA name such as Asia/Seoul",
            path=config_file,
        ) from None
    governing = plugin.governing_language or next(lang.code for lang in languages if lang.default)
    if governing not in codes:
        raise ConfigError(
            f"governing_language '{governing}' is not one of the site languages: {', '.join(codes)}",
            path=config_file,
        )
    docs_dir = os.path.relpath(mkdocs_config.docs_dir, root)
    # The repository is the only input: a docs_dir or versions_dir outside it
    # (or the repository root itself, .git included) would publish whatever
    # the build machine has there.
    if docs_dir == "." or docs_dir.startswith("..") or os.path.isabs(docs_dir):
        raise ConfigError(
            f"docs_dir {mkdocs_config.docs_dir!r} must be a folder inside the repository, "
            f"e.g. docs", path=config_file,
        )
    versions_dir = plugin.versions_dir.strip("/")
    if not versions_dir or os.path.isabs(plugin.versions_dir) or ".." in Path(versions_dir).parts \
            or versions_dir == ".":
        raise ConfigError(
            f"versions_dir {plugin.versions_dir!r} must be a folder inside the repository, "
            f"e.g. versions", path=config_file,
        )
    site_dir = Path(mkdocs_config.site_dir)
    emails_dir = Path(root, plugin.emails_dir) if plugin.emails_dir else site_dir.parent / "notices"
    return SiteConfig(
        root=root,
        docs_dir=Path(docs_dir).as_posix(),
        versions_dir=versions_dir,
        site_dir=site_dir,
        site_url=(mkdocs_config.site_url or "").rstrip("/") + "/",
        languages=tuple(languages),
        policies=tuple(policies),
        timezone=plugin.timezone,
        governing_language=governing,
        notice_reading=plugin.notice_reading,
        notice_profiles=dict(plugin.notice_profiles),
        processors_material=plugin.notice_processors_material,
        feeds_enabled=plugin.feeds_enabled,
        emails_dir=emails_dir,
        emails_templates=Path(root, plugin.emails_templates) if plugin.emails_templates else None,
        company=frozen_map({str(k): str(v) for k, v in plugin.company.items()}),
        cache_dir=(Path(root, os.path.expanduser(plugin.cache_dir)) if plugin.cache_dir
                   else default_cache_dir(root)),
        compare_all_pairs_up_to=_at_least(plugin.compare_all_pairs_up_to, 2,
                                          "compare_all_pairs_up_to", config_file),
        config_file=Path(os.path.relpath(Path(config_file).resolve(), root)).as_posix(),
    )


def _at_least(value: int, minimum: int, key: str, config_file: str) -> int:
    if value < minimum:
        raise ConfigError(f"'{key}' must be {minimum} or more (got {value})", path=config_file)
    return value


def _languages(mkdocs_config: Any) -> list[Language]:
    i18n = mkdocs_config.plugins.get("i18n") if mkdocs_config.plugins else None
    if i18n is None:
        code = (mkdocs_config.theme.get("language") if mkdocs_config.theme else None) or "en"
        return [Language(code, code, True)]
    return [
        Language(lang.locale, lang.name, bool(lang.default))
        for lang in i18n.config.languages
        if lang.build and lang.locale != "null"
    ]


def resolve_today(configured: str | None, timezone: str, override: date | None = None) -> date:
    """The build date: `policynotice build --today` (passed as a value), then
    POLICYNOTICE_TODAY (for a plain `mkdocs build` or `mkdocs serve`), then
    the plugin's `today`, then the current date in the policy's time zone."""
    if override is not None:
        return override
    value = os.environ.get(TODAY_ENV) or configured
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ConfigError(
                f"today {value!r} is not a date; expected YYYY-MM-DD",
                hint=f"check --today or the {TODAY_ENV} environment variable",
            ) from None
    return datetime.now(ZoneInfo(timezone)).date()


# -- mkdocs.yml as data, for comparing two revisions ------------------------
# The options that decide which version is in force and how much notice a
# change needs. A pull request that changes them changes the rules it is
# judged by, so `check --base` fails on it (a maintainer changes them apart).
GOVERNING_OPTIONS = ("today", "timezone", "governing_language", "notice_reading",
                     "notice_profiles", "notice_processors_material", "versions_dir")
GOVERNING_TOP = ("docs_dir", "INHERIT")


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV and !!python/name tags; read them as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def raw_site_options(data: bytes, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(top-level options, the policynotice plugin's options) of a mkdocs.yml,
    read as plain data (no MkDocs, no environment)."""
    from .sources.releaselog import screen_yaml

    text = data.decode("utf-8", "replace")
    try:
        screen_yaml(text, path, yaml.SafeLoader, allow_tags=True, allow_aliases=True,
                    max_depth=64)
        top = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=path,
                          line=mark.line + 1 if mark else None) from None
    if not isinstance(top, dict):
        return {}, {}
    plugins = top.get("plugins") or []
    options: Any = None
    if isinstance(plugins, dict):
        options = plugins.get("policynotice")
    elif isinstance(plugins, list):
        for item in plugins:
            if item == "policynotice":
                options = {}
            elif isinstance(item, dict) and "policynotice" in item:
                options = item["policynotice"]
    return top, options if isinstance(options, dict) else {}
