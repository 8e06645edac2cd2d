"""The MkDocs plugin: a thin shell that only coordinates.

mkdocs-static-i18n runs the whole build once per language. The site model is
computed once (pipeline.load_site memoises it) and each run only adds the
current language's generated pages, whose redlines are memoised too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import fragments
from .cache import ContentCache, begin_batch, end_batch
from .config import PluginConfig, SiteConfig, resolve_site_config, resolve_today
from .errors import PolicyNoticeError
from .models import frozen_map
from .pipeline import PolicySite, SiteModel, load_site, policy_base
from .publish import pages
from .publish.sanitize import (USER_PREFIX, safe_heading_id, safe_meta, safe_title,
                               sanitize_html, strip_controls)

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
ASSET_URIS = ("assets/policynotice/redline.css", "assets/policynotice/redline.js",
              "assets/policynotice/site.css")

# Findings that stop a build: the site would be wrong or incomplete. The rest
# (an unreleased edit, a notice period missed in the past) are reported; the
# pull-request gate (`policynotice check`) is where they fail.
FATAL_CODES = {"removed-version", "missing-translation", "uncommitted-version",
               "unjustified-override", "missing-current", "unknown-commit"}

def redline_fragments(old: str, new: str, lang: str, cache: ContentCache) -> tuple[str, str]:
    """(redline HTML, side-by-side HTML), memoised by content across the
    per-language runs and the email drafts (policynotice.fragments) and, on
    disk, across builds."""
    return fragments.redline(old, new, lang, cache), fragments.side_by_side(old, new, lang, cache)


def redline_only(old: str, new: str, lang: str, cache: ContentCache) -> str:
    """The redline alone: what the compare page fetches."""
    return fragments.redline(old, new, lang, cache)


def _write_all(root: Path, outputs: dict[str, bytes]) -> None:
    made: set[Path] = set()  # thousands of drafts share a few folders
    for relative, data in sorted(outputs.items()):
        target = root / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)


class PolicyNoticePlugin(BasePlugin[PluginConfig]):
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.model: SiteModel | None = None
        # Set by `policynotice build --today`: a value, never the environment,
        # so nothing of one command leaks into the next in the same process.
        self.today_override: date | None = None
        self._slots: dict[str, tuple[str, ...]] = {}
        self._current: dict[str, tuple[PolicySite, str]] = {}  # src_uri -> (policy, lang)
        self._links: dict[tuple[str, bool, str], list] = {}

    # -- configuration -----------------------------------------------------
    def on_config(self, config: Any) -> Any:
        try:
            self.site_config = resolve_site_config(config, self.config)
            today = resolve_today(self.config.today, self.site_config.timezone, self.today_override)
            self.model = load_site(self.site_config, today)
            self._links.clear()
        except PolicyNoticeError as exc:
            raise PluginError(exc.one_line()) from None
        self._cache = ContentCache(self.site_config.cache_dir)
        fatal = [f for f in self.model.findings if f.is_error and f.code in FATAL_CODES]
        if fatal:
            raise PluginError(fatal[0].message)
        for uri in ASSET_URIS:
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in target:
                target.append(uri)
        return config

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # `mkdocs serve` watches docs/ and mkdocs.yml; a new release-log entry
        # must refresh the preview too.
        versions = Path(self.site_config.root) / self.site_config.versions_dir
        if versions.is_dir():
            server.watch(str(versions))
        return server

    def on_pre_build(self, config: Any) -> None:
        # Reported once, not once per language.
        if self._language(config) == self.site_config.default_language:
            for finding in self.model.findings:
                if finding.code not in FATAL_CODES:
                    (log.warning if finding.code == "unreleased-edit" else log.info)(finding.message)

    def _language(self, config: Any) -> str:
        i18n = config.plugins.get("i18n")
        current = getattr(i18n, "current_language", None) if i18n else None
        return current or self.site_config.default_language

    # -- files -------------------------------------------------------------
    @event_priority(-110)  # after mkdocs-static-i18n has picked this language's files
    def on_files(self, files: Files, config: Any) -> Files:
        lang = self._language(config)
        # Redlines, tables and drafts are written as one pack per kind at
        # the end of this language's build (on_post_build), not one file each.
        begin_batch()
        _drop_active_documents(files, config)
        self._slots.clear()
        self._current.clear()
        for uri in ASSET_URIS:
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        for site in self.model.policies:
            current_src = f"{lang}/{site.policy.file}"
            self._current[current_src] = (site, lang)
            for page in self._generate_pages(site, lang):
                self._add_page(files, config, lang, page, InclusionLevel.NOT_IN_NAV)
            for name, html in self._generate_fragments(site, lang).items():
                files.append(File.generated(config, name, content=html))
        if self._feeds_on():
            self._add_page(files, config, lang, self._subscribe_page(lang, config.site_name),
                           InclusionLevel.UNDEFINED)
        return files

    def _add_page(self, files: Files, config: Any, lang: str, page: pages.GeneratedPage,
                  inclusion: InclusionLevel) -> None:
        # Every generated page lives in its language folder, as the docs do,
        # so mkdocs-static-i18n's navigation treats the default language like
        # the others; its address is the one the page was built for.
        src = page.src_uri if page.src_uri.startswith(f"{lang}/") else f"{lang}/{page.src_uri}"
        file = File.generated(config, src, content=page.markdown, inclusion=inclusion)
        file.dest_uri = page.url + "index.html"
        file.url = page.url
        self._set_alternates(file, lang, page.alternates)
        files.append(file)
        self._slots[src] = page.slots

    def _set_alternates(self, file: File, lang: str, alternates: dict[str, str]) -> None:
        # The language switcher (mkdocs-static-i18n + Material) reads these:
        # each generated page exists in every language at a known URL.
        file.alternates = {code: SimpleNamespace(url=url) for code, url in alternates.items()}
        file.locale = lang
        file.locale_alternate_of = lang

    def _generate_pages(self, site: PolicySite, lang: str) -> list[pages.GeneratedPage]:
        versions = site.shown(lang)
        if not versions:
            return []
        langs = self.site_config.language_codes
        by_id = {code: {v.id: v for v in site.shown(code)} for code in langs}
        title = site.titles.get(lang, site.policy.id)
        base = f"{self.site_config.prefix(lang)}{policy_base(site.policy)}/"
        per_lang_base = {code: f"{self.site_config.prefix(code)}{policy_base(site.policy)}/"
                         for code in langs}
        result = [
            pages.history_page(versions, lang, title, f"{base}history/",
                               {c: f"{b}history/" for c, b in per_lang_base.items()}),
            pages.compare_page(versions, lang, title, f"{base}compare/",
                               {c: f"{b}compare/" for c, b in per_lang_base.items()},
                               self._compare_pairs(versions, listed=True)),
        ]
        for v in versions:
            same = {code: by_id[code][v.id] for code in langs if v.id in by_id[code]}
            result.append(pages.version_page(v, lang, {c: sv.urls.page for c, sv in same.items()}))
            if v.previous is not None:
                red, side = redline_fragments(v.previous.text, v.version.text, lang, self._cache)
                result.append(pages.changes_page(
                    v, lang, red, side,
                    {c: sv.urls.changes for c, sv in same.items() if sv.urls.changes}))
        draft = site.history.drafts.get(lang)
        if draft is not None:
            latest = versions[-1]
            red, _ = redline_fragments(latest.version.text, draft, lang, self._cache)
            result.append(pages.draft_page(latest, draft, lang, f"{base}draft/", red))
        return result

    def _generate_fragments(self, site: PolicySite, lang: str) -> dict[str, str]:
        """Redlines fetched by the compare page, one per prebuilt pair."""
        versions = site.shown(lang)
        base = f"{self.site_config.prefix(lang)}{policy_base(site.policy)}/compare/"
        fragments = {}
        for i, j in self._compare_pairs(versions):
            old, new = versions[i], versions[j]
            fragments[base + pages.compare_fragment_name(old.id, new.id)] = redline_only(
                old.version.text, new.version.text, lang, self._cache)
        return fragments

    def _compare_pairs(self, versions: list, *, listed: bool = False):
        """The prebuilt pairs; with `listed`, None when every pair is prebuilt
        (the compare page then needs no list)."""
        pairs = pages.compare_pairs(versions, self.site_config.compare_all_pairs_up_to)
        if listed and len(pairs) == len(versions) * (len(versions) - 1) // 2:
            return None
        return pairs

    def _subscribe_page(self, lang: str, site_name: str) -> pages.GeneratedPage:
        url = f"{self.site_config.prefix(lang)}subscribe/"
        links = self._feed_links(lang, head_only=False, site_name=site_name)
        alternates = {code: f"{self.site_config.prefix(code)}subscribe/"
                      for code in self.site_config.language_codes}
        return pages.subscribe_page(links, lang, url, alternates)

    def _feed_links(self, lang: str, *, head_only: bool, site_name: str) -> list:
        # Asked once per page; the answer depends only on these three.
        key = (lang, head_only, site_name)
        if key not in self._links:
            self._links[key] = self._resolve_feed_links(lang, head_only=head_only,
                                                        site_name=site_name)
        return self._links[key]

    def _resolve_feed_links(self, lang: str, *, head_only: bool, site_name: str) -> list:
        from .publish.feeds import feed_links

        titles = {site.policy.id: site.titles.get(lang, site.policy.id)
                  for site in self.model.policies}
        links = feed_links(lang, self.site_config.site_url, titles,
                           site_title=site_name,
                           default_lang=self.site_config.default_language)
        return [link for link in links if link.in_head or not head_only]

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if not self._feeds_on():
            return output
        lang = self._language(config)
        tags = "".join(
            f'<link rel="alternate" type="{escape(link.type)}" title="{escape(link.title)}" '
            f'href="{escape(link.href)}">'
            for link in self._feed_links(lang, head_only=True, site_name=config.site_name)
        )
        return output.replace("</head>", tags + "</head>", 1)

    def _feeds_on(self) -> bool:
        return self.site_config.feeds_enabled and self.site_config.site_url != "/"

    def on_post_build(self, config: Any) -> None:
        """Feeds, calendar and changes.json into the site; email drafts
        beside it (they are for the company, not for the public site)."""
        from .publish.api import render_changes_json, render_schemas
        from .publish.calendar import render_calendar
        from .publish.emails import render_email_drafts
        from .publish.feeds import render_feeds
        from .publish.rawtext import render_raw_texts

        lang = self._language(config)
        versions = [_without_controls(v) for site in self.model.policies for v in site.shown(lang)]
        sc = self.site_config
        # Raw texts beside the version pages (written here, so MkDocs never
        # renders them) and the JSON Schemas at the site root.
        outputs: dict[str, bytes] = {**render_raw_texts(versions, lang=lang), **render_schemas()}
        if self._feeds_on():
            common = dict(lang=lang, site_url=sc.site_url)
            outputs.update(render_feeds(versions, timezone=sc.timezone,
                                        site_title=config.site_name, **common))
            outputs.update(render_calendar(versions, timezone=sc.timezone,
                                           site_title=config.site_name, **common))
            # Every language's versions: each record links its text in all of them.
            everyone = [_without_controls(v) for site in self.model.policies
                        for code in sc.language_codes for v in site.shown(code)]
            outputs.update(render_changes_json(
                everyone, timezone=sc.timezone, today=self.model.today,
                governing_language=sc.governing_language, **common))
            drafts = render_email_drafts(
                versions, timezone=sc.timezone, company=sc.company,
                template_dirs=[str(sc.emails_templates)] if sc.emails_templates else (),
                cache=self._cache, **common)
            _write_all(Path(sc.emails_dir), drafts)
        _write_all(Path(config.site_dir), outputs)
        # This language's pages, fragments and drafts are written: its
        # fragments are not needed in memory any more (the disk cache keeps them).
        fragments.release()
        end_batch()

    def on_build_error(self, error: Exception) -> None:
        end_batch()  # what was computed is still worth keeping

    # -- navigation and pages ---------------------------------------------
    @event_priority(-100)  # after mkdocs-static-i18n has built this language's navigation
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        # Section titles come from folder names and Link titles from
        # mkdocs.yml; the theme prints them as HTML. (Page titles are made
        # safe in on_page_content, once they are known.)
        def walk(items: list) -> None:
            for item in items:
                if not getattr(item, "is_page", False) and getattr(item, "title", None):
                    item.title = safe_title(item.title)
                walk(getattr(item, "children", None) or [])
        walk(nav.items)
        return nav

    @event_priority(100)  # before other plugins read the front matter
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        # The theme prints front matter raw (description, author, title ...)
        # and `template` would pick any template: the repository's front
        # matter gets escaped values and no template of its own.
        meta = dict(page.meta)
        meta.pop("template", None)
        page.meta = safe_meta(meta)
        src = page.file.src_uri
        if src not in self._current:
            return markdown
        site, lang = self._current[src]
        draft_url = None
        if lang in site.history.drafts:
            draft_url = f"{self.site_config.prefix(lang)}{policy_base(site.policy)}/draft/"
        decoration = pages.decorate_current(site.shown(lang), lang, page.url,
                                            site.titles.get(lang, site.policy.id), draft_url)
        self._slots[src] = decoration.slots
        return decoration.markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        # Every page, not only the policies: docs pages are repository text too.
        heading_ids = _safe_toc(page.toc)
        page.title = safe_title(page.title or "")
        if "title" in page.meta:
            page.meta["title"] = page.title
        slots = self._slots.get(page.file.src_uri, ())
        # The fragments built (and escaped) by publish.pages go in after the
        # policy text is sanitized, and each stretch of policy HTML between
        # them is sanitized (so balanced) on its own: an unclosed <details>
        # or <div> in a policy cannot wrap a banner.
        out: list[str] = []
        placed: set[int] = set()
        pos = 0
        for m in _SLOT_RE.finditer(html):
            i = int(m.group(1))
            if i >= len(slots) or i in placed:
                continue
            out += [sanitize_html(html[pos:m.start()], heading_ids), slots[i]]
            placed.add(i)
            pos = m.end()
        out.append(sanitize_html(html[pos:], heading_ids))
        # A marker Markdown dropped (it cannot be written by a policy, but
        # a notice must never go missing): its fragment goes first.
        missing = [fragment for i, fragment in enumerate(slots) if i not in placed]
        return "".join(missing + out)


# Files a browser runs as documents of the site's own origin: copied from
# docs/ as they are, they would carry any script past the sanitizer.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml",
                   ".xsl", ".xslt", ".mht", ".mhtml", ".swf"}


def _drop_active_documents(files: Files, config: Any) -> None:
    """Leave out of the site any HTML, SVG or XML file from the docs folder
    (the theme's own files and the ones we generate stay)."""
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if (file.generated_by is not None or file.is_documentation_page()
                or not file.abs_src_path
                or Path(file.src_uri).suffix.lower() not in ACTIVE_SUFFIXES):
            continue
        if docs in Path(file.abs_src_path).resolve().parents:
            files.remove(file)
            log.warning(f"{Path(config.docs_dir).name}/{file.src_uri}: not published; "
                        f"HTML, SVG and XML files can run script on the site (use .png or "
                        f"Markdown instead)")


def _without_controls(v: Any) -> Any:
    """The version as feeds, the calendar, changes.json and email drafts see
    it: no control character from a policy or a release log in a text file
    (XML cannot hold most of them; a terminal that shows them obeys them)."""
    def clean(texts: Any) -> Any:
        return frozen_map({k: strip_controls(text) for k, text in texts.items()})

    e = v.entry
    entry = replace(e, summary=clean(e.summary), reason=clean(e.reason),
                    justification=clean(e.justification))
    classification = v.classification
    if classification is not None:
        classification = replace(classification, reasons=tuple(
            replace(r, section=strip_controls(r.section), excerpt=strip_controls(r.excerpt))
            for r in classification.reasons))
    return replace(v, policy_title=" ".join(strip_controls(v.policy_title).split()),
                   version=replace(v.version, entry=entry), classification=classification)


# A slot marker, with the paragraph Markdown wraps it in when it stands alone.
_SLOT_RE = re.compile(r"(?:<p>\s*)?" + re.escape(pages.SLOT.split("{}")[0])
                      + r"(\d+)x(?:\s*</p>)?")


def _safe_toc(toc: Any) -> set[str]:
    """Make the table of contents safe to print (titles as text) and return
    the heading ids the content may keep; any other id gets USER_PREFIX,
    here and in the content, so the links still match."""
    kept: set[str] = set()

    def walk(items: Any) -> None:
        for item in items:
            item.title = safe_title(item.title)
            if safe_heading_id(item.id):
                kept.add(item.id)
            else:
                item.id = USER_PREFIX + item.id
            walk(item.children)
    walk(toc)
    return kept
