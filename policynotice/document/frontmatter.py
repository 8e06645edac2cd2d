"""Front matter: the metadata block MkDocs removes before it renders a page.

The rule is MkDocs' own (mkdocs.utils.meta.get_data): a YAML block between
``---`` lines that loads to a mapping, or else MultiMarkdown ``key: value``
lines up to the first blank line. What MkDocs does not render is not policy
text: it is never published, redlined or classified, and an edit to it alone
is not a new version. Its ``title`` names the policy.

The YAML is loaded without anchors or aliases and within a size limit: a
few hundred bytes of nested aliases expand to gigabytes.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping

import yaml

_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^(?:[ ]{4}|\t)\s*(?P<value>.*)")
MAX_FRONT_MATTER = 64 * 1024
_EMPTY: Mapping[str, object] = MappingProxyType({})


class FrontMatterError(ValueError):
    """Front matter MkDocs would choke on or that is unsafe to load."""


def split_front_matter(text: str) -> tuple[Mapping[str, object], int]:
    """(metadata, offset where the policy text starts)."""
    m = _YAML_RE.match(text)
    if m:
        data = _load_yaml(m.group(1))
        if not isinstance(data, dict):
            return _EMPTY, 0  # MkDocs renders it as text, so it is text
        end = m.end()
        while end < len(text) and text[end] == "\n":
            end += 1
        return MappingProxyType({str(k): v for k, v in data.items()}), end
    return _multimarkdown(text)


def _load_yaml(source: str) -> object:
    if len(source) > MAX_FRONT_MATTER:
        raise FrontMatterError(
            f"the front matter is {len(source) // 1024} KB; at most {MAX_FRONT_MATTER // 1024} KB expected")
    try:
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError("the front matter uses YAML anchors or aliases ('&', '*'); "
                                       "write the values out")
        return yaml.load(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # MkDocs ignores front matter it cannot load, and so do we


def _multimarkdown(text: str) -> tuple[Mapping[str, object], int]:
    data: dict[str, str] = {}
    key = None
    pos = 0
    ended_by_blank = False
    while pos < len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end + 1
        line = text[pos:line_end].rstrip("\n")
        if not line.strip():
            pos = line_end  # the blank line ends the metadata (and is dropped)
            ended_by_blank = True
            break
        m = _META_RE.match(line)
        more = _META_MORE_RE.match(line) if not m else None
        if m:
            key = m.group("key").lower().strip()
            value = m.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif more and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
        pos = line_end
    if not data and not ended_by_blank:
        pos = 0
    # MkDocs drops the blank lines before the text in every case.
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    return (MappingProxyType(data) if data else _EMPTY), pos
