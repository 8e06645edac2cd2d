"""Parse and validate versions/<policy>.yml, the release log.

The release log is written by legal editors, often in a web editor, so every
mistake is reported as one line naming the file, the line, what was expected
and how to fix it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Callable, Iterable, Mapping

import yaml

from ..errors import ReleaseLogError
from ..models import ChangeClass, ReleaseEntry, ReleaseLog, frozen_map
from .text import find_invisible

# \A...\Z, not ^...$: `$` also matches before a trailing newline, so "v3\n"
# passed and became a folder name with a newline in it.
VERSION_ID_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
POLICY_ID_RE = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,63}\Z")
_COMMIT_RE = re.compile(r"\A[0-9a-fA-F]{7,40}\Z")
# A version's page is <policy>/<version>/; these names are the policy's own
# generated pages (publish/pages.py, plugin.py) or site folders, and would be
# overwritten by, or overwrite, a version. Compared case-insensitively, as
# a case-insensitive file system (macOS, Windows) would.
RESERVED_VERSION_IDS = frozenset({
    "history", "compare", "changes", "draft", "index", "subscribe", "feed", "feeds", "api",
    "assets", "search", "404", "sitemap.xml", "sitemap.xml.gz", "index.html", "404.html",
})

# Limits on what a release log may be. A 452-byte alias bomb once took
# 3.3 GB and 70 s; a log is a list of short entries written by hand, so it
# needs no anchors, aliases or tags, and no deep nesting.
MAX_LOG_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 8
# Every date `check` accepts must be one the build can publish (feeds,
# calendars and "in force until" arithmetic near year 1 or 9999 overflow).
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2200, 12, 31)

_TOP_KEYS = {"policy", "versions"}
_ENTRY_KEYS = {
    "version", "notice_date", "effective_date", "summary", "reason", "class",
    "justification", "imported", "commit", "backdated",
    "translation_fix", "postponed_from",
}
_EXAMPLE = (
    'e.g. - version: "2025-03-08" / notice_date: 2025-02-05 / effective_date: 2025-03-08'
)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping, for error messages."""


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on libyaml's parser, when PyYAML has it: the build reads the
    release log as it stood at every commit that changed it, so parsing speed
    counts. Its error messages are terser, so a log it rejects is parsed
    again with _LineLoader for the message."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    # Dates stay strings: YAML's own date parsing fails with a bare ValueError and
    # no line on "2024-02-30", and we want one message for every bad date.
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _screen(text: str, path: str, loader: type) -> None:
    screen_yaml(text, path, loader)


def screen_yaml(text: str, path: str, loader: type, *,
                allow_tags: bool | Callable[[str], bool] = False,
                allow_aliases: bool = False, max_depth: int = MAX_DEPTH,
                max_nodes: int = 200_000) -> None:
    """Walk the YAML events once before building anything: no anchor, alias
    or explicit tag, and nesting no deeper than `max_depth`. Events are not
    expanded, so a bomb costs what its bytes cost. For mkdocs.yml (which
    MkDocs loads with its own tags) tags and aliases may be allowed; what the
    aliases would expand to is then counted and capped at `max_nodes`."""
    sizes: list[int] = [0]  # nodes so far in each open collection
    anchored: list[str | None] = []
    anchors: dict[str, int] = {}  # anchor -> size of its node once expanded
    for event in yaml.parse(text, Loader=loader):  # noqa: S506 - events only
        line = event.start_mark.line + 1 if event.start_mark else None
        anchor = getattr(event, "anchor", None)
        if not allow_aliases and (isinstance(event, yaml.AliasEvent) or anchor):
            raise ReleaseLogError(
                "YAML anchors and aliases (&name, *name) are not allowed in a release log",
                path=path, line=line, hint="write each text out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (allow_tags(tag) if callable(allow_tags) else allow_tags):
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise ReleaseLogError(
                f"YAML tags ({tag}) are not allowed{'' if callable(allow_tags) else ' in a release log'}",
                path=path, line=line,
                hint='remove the tag; write dates as YYYY-MM-DD and texts in quotes if needed'
                if not callable(allow_tags) else "they would run code while the file is read",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            sizes.append(1)
            anchored.append(anchor)
            if len(anchored) > max_depth:
                raise ReleaseLogError(
                    f"nested more than {max_depth} levels deep", path=path, line=line,
                    hint="a release log is a list of entries with a text per language",
                )
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            size = sizes.pop()
            name = anchored.pop()
            if name:
                anchors[name] = size
        elif isinstance(event, yaml.AliasEvent):
            size = anchors.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if anchor:
                anchors[anchor] = 1
        else:
            continue
        sizes[-1] += size
        if sizes[-1] > max_nodes:
            raise ReleaseLogError(
                f"the YAML expands to more than {max_nodes} values (aliases repeating "
                f"aliases)", path=path, line=line, hint="write the values out, without aliases",
            )


def _load(text: str, path: str) -> Any:
    if len(text) > MAX_LOG_BYTES:
        raise ReleaseLogError(
            f"the release log is larger than {MAX_LOG_BYTES // 1024 // 1024} MB", path=path,
            hint="check that the right file was committed",
        )
    try:
        try:
            _screen(text, path, _FastLineLoader)
            return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError:
            # Raises with the better message (or, should the two parsers
            # disagree, screens and loads with the one that accepts it).
            _screen(text, path, _LineLoader)
            return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        # e.g. an integer of 5000 digits (Python refuses to convert it)
        raise ReleaseLogError(
            f"invalid YAML: a value cannot be read ({str(exc).split(';')[0][:100]})",
            path=path, hint="quote long numbers and texts",
        ) from None


def parse_release_log(text: str, *, path: str, policy: str, languages: Iterable[str]) -> ReleaseLog:
    """Parse a release log. `languages` are the site's languages: every
    summary and reason must cover them all (a notice in every language)."""
    languages = list(languages)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = _load(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReleaseLogError(
            f"invalid YAML: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            hint="check indentation and quote text that contains ': '",
        ) from None
    if data is None:
        raise ReleaseLogError(
            "the release log is empty; expected 'policy:' and a 'versions:' list",
            path=path, hint=_EXAMPLE,
        )
    if not isinstance(data, dict):
        raise ReleaseLogError(
            "expected a mapping with 'policy:' and 'versions:' at the top level",
            path=path, line=1,
        )
    _reject_unknown(data, _TOP_KEYS, path, "at the top level")
    if data.get("policy") != policy:
        raise ReleaseLogError(
            f"'policy: {data.get('policy')}' does not match the file name; expected 'policy: {policy}'",
            path=path, line=data.get("__line__"),
        )
    raw_entries = data.get("versions")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise ReleaseLogError(
            "expected 'versions:' with at least one entry", path=path,
            line=data.get("__line__"), hint=_EXAMPLE,
        )
    entries = [_parse_entry(raw, path, languages) for raw in raw_entries]
    _check_sequence(entries, path)
    return ReleaseLog(policy=policy, path=path, entries=tuple(entries))


def _reject_unknown(mapping: Mapping[str, Any], allowed: set[str], path: str, where: str) -> None:
    for key in mapping:
        if key != "__line__" and key not in allowed:
            raise ReleaseLogError(
                f"unknown key '{key}' {where}; expected one of: {', '.join(sorted(allowed))}",
                path=path, line=mapping.get("__line__"),
            )


def _parse_entry(raw: Any, path: str, languages: list[str]) -> ReleaseEntry:
    if not isinstance(raw, dict):
        raise ReleaseLogError(
            "each item under 'versions:' must be a mapping", path=path, hint=_EXAMPLE,
        )
    line = raw.get("__line__", 0)
    _reject_unknown(raw, _ENTRY_KEYS, path, "in a version entry")
    version = raw.get("version")
    if isinstance(version, date):
        version = version.isoformat()  # unquoted 2025-03-08 is read as a date by YAML
    if not isinstance(version, str) or not VERSION_ID_RE.match(version):
        raise ReleaseLogError(
            f"'version' must be a short id of letters, digits, '.', '_' or '-' (got {version!r})",
            path=path, line=line, hint='e.g. version: "2025-03-08"',
        )
    if ".." in version:  # compare pages name a pair "<old>..<new>"
        raise ReleaseLogError(
            f"'version' must be a short id without '..' (got {version!r})",
            path=path, line=line, hint='e.g. version: "2025-03-08"',
        )
    if version.casefold() in RESERVED_VERSION_IDS:
        raise ReleaseLogError(
            f"version id '{version}' is the name of a generated page; choose another id",
            path=path, line=line, hint='e.g. version: "2025-03-08"',
        )
    notice = _date(raw, "notice_date", path, line, version)
    effective = _date(raw, "effective_date", path, line, version)
    summary = _localized(raw, "summary", path, line, version, languages, required=True)
    reason = _localized(raw, "reason", path, line, version, languages, required=True)
    override = raw.get("class")
    change_class = None
    if override is not None:
        try:
            change_class = ChangeClass(override)
        except ValueError:
            raise ReleaseLogError(
                f"version {version}: 'class' must be 'material' or 'ordinary' (got {override!r})",
                path=path, line=line,
            ) from None
    justification = _localized(raw, "justification", path, line, version, languages, required=False)
    imported = raw.get("imported", False)
    if not isinstance(imported, bool):
        raise ReleaseLogError(
            f"version {version}: 'imported' must be true or false", path=path, line=line,
        )
    backdated = raw.get("backdated", False)
    if not isinstance(backdated, bool):
        raise ReleaseLogError(
            f"version {version}: 'backdated' must be true or false", path=path, line=line,
        )
    if backdated and not justification:
        raise ReleaseLogError(
            f"version {version}: 'backdated: true' needs a 'justification' in every language "
            f"saying where and when the notice was posted (it is published)",
            path=path, line=line,
            hint="e.g. justification: {en: Posted on the old website on 2024-02-20, ...}",
        )
    fixed = raw.get("translation_fix", [])
    if isinstance(fixed, str):
        fixed = [fixed]
    if not isinstance(fixed, list) or not all(isinstance(x, str) and x in languages
                                              for x in fixed):
        raise ReleaseLogError(
            f"version {version}: 'translation_fix' must list the corrected languages, of "
            f"{', '.join(languages)} (got {fixed!r})", path=path, line=line,
            hint="e.g. translation_fix: [en]",
        )
    postponed_from = (_date(raw, "postponed_from", path, line, version)
                      if raw.get("postponed_from") is not None else None)
    if postponed_from is not None and postponed_from >= effective:
        raise ReleaseLogError(
            f"version {version}: 'postponed_from' {postponed_from} must be before the new "
            f"effective_date {effective}", path=path, line=line,
            hint="postponed_from is the effective date first announced; a version can only be "
                 "postponed to a later date",
        )
    commit = raw.get("commit")
    if commit is not None and not (isinstance(commit, str) and _COMMIT_RE.match(commit)):
        raise ReleaseLogError(
            f"version {version}: 'commit' must be a git commit id of 7 to 40 hex digits, "
            f"in quotes (got {commit!r})", path=path, line=line,
            hint='e.g. commit: "3f2a9c1d", or remove it to use the commit that added the entry',
        )
    return ReleaseEntry(
        version=version,
        notice_date=notice,
        effective_date=effective,
        summary=frozen_map(summary),
        reason=frozen_map(reason),
        class_override=change_class,
        justification=frozen_map(justification),
        imported=imported,
        backdated=backdated,
        translation_fix=tuple(dict.fromkeys(fixed)),
        postponed_from=postponed_from,
        commit=commit.lower() if commit else None,
        line=line,
    )


def _date(raw: Mapping[str, Any], key: str, path: str, line: int, version: str) -> date:
    value = raw.get(key)
    if value is None:
        raise ReleaseLogError(
            f"version {version}: missing '{key}'", path=path, line=line,
            hint=f"add '{key}: YYYY-MM-DD'",
        )
    parsed: date | None = value if isinstance(value, date) else None
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if parsed is not None:
        if not EARLIEST_DATE <= parsed <= LATEST_DATE:
            raise ReleaseLogError(
                f"version {version}: '{key}' {parsed.isoformat()} is outside "
                f"{EARLIEST_DATE.year}-{LATEST_DATE.year}", path=path, line=line,
                hint="check the year",
            )
        return parsed
    raise ReleaseLogError(
        f"version {version}: '{key}' must be a date written YYYY-MM-DD (got {value!r})",
        path=path, line=line,
    )


def _localized(raw: Mapping[str, Any], key: str, path: str, line: int, version: str,
               languages: list[str], *, required: bool) -> dict[str, str]:
    value = raw.get(key)
    if value is None:
        if required:
            raise ReleaseLogError(
                f"version {version}: missing '{key}' with a text for each language "
                f"({', '.join(languages)})", path=path, line=line,
            )
        return {}
    if not isinstance(value, dict):
        raise ReleaseLogError(
            f"version {version}: '{key}' must map each language to a text, "
            f"e.g. {key}: {{{languages[0] if languages else 'en'}: ...}}",
            path=path, line=line,
        )
    value = {k: v for k, v in value.items() if k != "__line__"}
    for lang in value:
        if lang not in languages:
            raise ReleaseLogError(
                f"version {version}: unknown language '{lang}' in '{key}'; "
                f"expected one of: {', '.join(languages)}",
                path=path, line=line,
            )
    missing = [lang for lang in languages if not _text(value.get(lang))]
    if missing:
        raise ReleaseLogError(
            f"version {version}: '{key}' has no text for {', '.join(missing)}",
            path=path, line=line, hint="every language needs its own notice text",
        )
    texts = {lang: str(value[lang]).strip() for lang in languages}
    for lang, text in texts.items():
        bad = next(find_invisible(text), None)
        if bad is not None:
            raise ReleaseLogError(
                f"version {version}: '{key}' ({lang}) contains the invisible character "
                f"{bad.describe()}", path=path, line=line,
                hint="remove it; it changes what readers see without showing itself",
            )
    return texts


def _text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and bool(str(value).strip())


def _check_sequence(entries: list[ReleaseEntry], path: str) -> None:
    seen: dict[str, ReleaseEntry] = {}
    previous: ReleaseEntry | None = None
    for entry in entries:
        # Case-insensitively: V1 and v1 are one folder on macOS and Windows.
        first = seen.get(entry.version.casefold())
        if first is not None:
            same = ("" if first.version == entry.version else
                    f" as '{first.version}'; ids differing only in case are one folder")
            raise ReleaseLogError(
                f"duplicate version id '{entry.version}' (first used{same} on line {first.line})",
                path=path, line=entry.line, hint="give every version its own id",
            )
        seen[entry.version.casefold()] = entry
        if entry.effective_date < entry.notice_date:
            raise ReleaseLogError(
                f"version {entry.version}: effective_date {entry.effective_date} is before "
                f"notice_date {entry.notice_date}",
                path=path, line=entry.line, hint="a change can only take effect after it is announced",
            )
        if previous and entry.effective_date <= previous.effective_date:
            raise ReleaseLogError(
                f"version {entry.version}: effective_date {entry.effective_date} must be after "
                f"the previous version's ({previous.version}: {previous.effective_date})",
                path=path, line=entry.line, hint="list versions oldest first, newest at the end",
            )
        previous = entry
