"""The command line: a thin shell over the library.

Every domain error becomes one `Error: ...` line on stderr and exit code 1;
bad usage is exit code 2; a Python traceback is a bug.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
import tempfile
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, Sequence

from .config import TODAY_ENV, resolve_site_config, resolve_today
from .errors import PolicyNoticeError, UsageError
from .publish.sanitize import strip_controls
from .sources.text import decode_policy, policy_text

LANGS_HINT = "ko, en, zh, zh-Hant or es"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="policynotice", description="Publish policy changes from git.")
    p.add_argument("--version", action="version", version="%(prog)s " + _version())
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", help="build the site, feeds and email drafts")
    b.add_argument("--today", help="build date YYYY-MM-DD (default: today in the policy time zone)")
    b.add_argument("--site-dir", help="output folder (default: site_dir of mkdocs.yml)")
    b.add_argument("--notices-dir", help="email drafts folder (default: notices/ beside the site)")
    b.add_argument("--strict", action="store_true", help="fail on any warning")
    b.add_argument("-f", "--config-file", default="mkdocs.yml")
    b.add_argument("-q", "--quiet", action="store_true")

    c = sub.add_parser("check", help="the pull-request gate: classify changes, check notice dates")
    c.add_argument("--base", help="base revision of the pull request, e.g. origin/main")
    c.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    c.add_argument("--today", help="date YYYY-MM-DD (default: today in the policy time zone)")
    c.add_argument("--lang", default="en", help=f"language of the report: {LANGS_HINT}")
    c.add_argument("-f", "--config-file", default="mkdocs.yml")

    d = sub.add_parser("diff", help="redline between two Markdown files")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--lang", default="en", help=f"language of the texts: {LANGS_HINT}")
    d.add_argument("--format", choices=("html", "json", "text"), default="text")

    k = sub.add_parser("classify", help="classify the change between two Markdown files")
    k.add_argument("old")
    k.add_argument("new")
    k.add_argument("--lang", default="en", help=f"language of the texts: {LANGS_HINT}")
    k.add_argument("--format", choices=("json", "text"), default="text")
    i = sub.add_parser("import", help="turn a policy file's git history into a release log")
    i.add_argument("--repo", default=".", help="the repository holding the history (default: .)")
    i.add_argument("--file", required=True, help="the policy file, e.g. docs/en/privacy.md")
    i.add_argument("--lang", help="the file's language (default: its docs/<lang>/ folder, else en)")
    i.add_argument("--policy", help="policy id (default: the file name without .md)")
    i.add_argument("--languages", help="comma-separated languages every summary must cover, "
                                       "e.g. ko,en,zh,zh-Hant,es (default: --lang)")
    i.add_argument("--out", help="write the release log here, e.g. versions/privacy.yml "
                                 "(default: print it)")
    i.add_argument("--force", action="store_true", help="replace an existing --out file")
    i.add_argument("--follow", action="append", default=[], metavar="OLDPATH",
                   help="an earlier path of the file, for a commit that moved and rewrote it at "
                        "once (git sees no rename there); repeat for several")
    i.add_argument("--no-guess", action="store_true",
                   help="do not follow a similar file deleted by the commit that adds the file "
                        "(it is then only named in a warning)")
    i.add_argument("--skip-subject", action="append", default=[], metavar="REGEX",
                   help="skip commits whose subject matches (e.g. '^Apply technical'); repeatable")
    i.add_argument("--skip-author", action="append", default=[], metavar="REGEX",
                   help="skip commits whose author ('Name <email>') matches; repeatable")
    i.add_argument("--skip-path", action="append", default=[], metavar="GLOB",
                   help="skip commits that change a file matching the glob; repeatable")
    n = sub.add_parser("init", help="scaffold a new policy site that builds and checks as it is")
    n.add_argument("dir", help="the folder of the new site (created if missing; must not hold one)")
    n.add_argument("--languages", default="en",
                   help=f"comma-separated languages, the first is the default: {LANGS_HINT} "
                        f"(default: en)")
    n.add_argument("--policy", default="privacy", help="policy id (default: privacy)")
    n.add_argument("--profile", help="notice profile: kr_privacy, kr_terms, kr_efinance, eu_p2b "
                                     "or us_practice (default: kr_<policy> for a Korean site's "
                                     "privacy or terms, else us_practice)")
    n.add_argument("--company", default="Example Company", help="the company's name")
    n.add_argument("--contact", default="privacy@example.com", help="contact address in the text")
    n.add_argument("--site-url", default="https://policies.example.com/")
    n.add_argument("--timezone", help="IANA time zone of the dates (default: Asia/Seoul for a "
                                      "Korean profile, else UTC)")
    n.add_argument("--today", help="the first version's date YYYY-MM-DD (default: today)")
    s = sub.add_parser("send", help="send email drafts through an SMTP server (dry run by default)")
    s.add_argument("drafts", nargs="+", help=".eml drafts written by build into the notices dir")
    s.add_argument("--host", default="localhost")
    s.add_argument("--port", type=int, default=25)
    s.add_argument("--from", dest="sender", required=True, help="sender address")
    s.add_argument("--to", dest="recipients", action="append", required=True,
                   help="recipient address (repeat for several)")
    s.add_argument("--unsubscribe-url", help="fills the drafts' {{unsubscribe_url}} placeholder")
    s.add_argument("--tls", choices=("starttls", "smtps", "none"), default="starttls",
                   help="encrypt the connection: STARTTLS (default) or SMTPS (usually port "
                        "465); 'none' needs --insecure-localhost")
    s.add_argument("--starttls", action="store_true", help="the default; kept for old scripts")
    s.add_argument("--insecure-localhost", action="store_true",
                   help="allow a server on this machine without TLS (never another host)")
    s.add_argument("--journal", help="file of the messages already sent, read and appended to "
                                     "(default: sent.jsonl beside the drafts)")
    s.add_argument("--username")
    s.add_argument("--send", action="store_true", help="really send (without it: dry run)")
    return p


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if not args.command:
            raise UsageError("missing command: init, build, check, diff, classify, import or send "
                             "(see 'policynotice --help')")
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"Error: {_terminal(exc.one_line())}", file=sys.stderr)
        return 2
    except PolicyNoticeError as exc:
        print(f"Error: {_terminal(exc.one_line())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


# -- shared -------------------------------------------------------------
_C1 = re.compile("[\x80-\x9f]")


def _terminal(text: str) -> str:
    """What the terminal and the CI log get: repository text (a file name, a
    commit subject, a policy line) without control characters, so an ESC
    sequence cannot hide the rest of a line (FAILED) or rewrite earlier ones."""
    return strip_controls(text)


def _write(text: str) -> None:
    sys.stdout.write(_terminal(text))


def _write_json(text: str) -> None:
    # json.dumps escapes C0 controls; C1 ones (CSI is 0x9b) it writes as they are.
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _parse_day(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date; expected YYYY-MM-DD") from None


def _load_mkdocs(config_file: str, **overrides: Any) -> Any:
    from mkdocs import exceptions
    from mkdocs.config import load_config

    path = Path(config_file)
    if not path.is_file():
        raise PolicyNoticeError("no such file; expected the site's mkdocs.yml",
                                path=config_file, hint="run in the repository root or pass -f")
    try:
        return load_config(config_file=str(path), **overrides)
    except (exceptions.MkDocsException, OSError) as exc:
        raise _mkdocs_failure(exc, config_file) from None


def _site_config(mkdocs_config: Any, config_file: str):
    plugin = mkdocs_config.plugins.get("policynotice")
    if plugin is None:
        raise PolicyNoticeError("the policynotice plugin is not enabled; add '- policynotice' "
                                "under 'plugins:'", path=config_file)
    return plugin, resolve_site_config(mkdocs_config, plugin.config)


def _read_policy_file(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PolicyNoticeError("no such file; expected a Markdown policy text", path=path) from None
    except IsADirectoryError:
        raise PolicyNoticeError("is a folder; expected a Markdown policy text", path=path) from None
    except OSError as exc:
        raise PolicyNoticeError(f"cannot read the file: {exc.strerror}", path=path) from None
    return decode_policy(data, where=path, allow_empty=True)


def _check_lang(lang: str) -> None:
    from .publish.strings import supported

    if not supported(lang):
        raise UsageError(f"--lang {lang!r} is not supported; expected {LANGS_HINT}")


# -- build --------------------------------------------------------------
def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    today = _parse_day(args.today, "--today")
    if today:
        os.environ[TODAY_ENV] = today
        # MkDocs stamps sitemaps with the build time: pin it to the build date.
        midnight = datetime.combine(date.fromisoformat(today), time(0), tzinfo=timezone.utc)
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    _setup_logging(show=logging.WARNING if args.quiet else logging.INFO)
    mkdocs_config = _load_mkdocs(args.config_file)
    plugin, site = _site_config(mkdocs_config, args.config_file)
    final_site = Path(args.site_dir).resolve() if args.site_dir else Path(mkdocs_config.site_dir)
    final_notices = (Path(args.notices_dir).resolve() if args.notices_dir
                     else (site.emails_dir or final_site.parent / "notices"))
    final_site.parent.mkdir(parents=True, exist_ok=True)
    final_notices.parent.mkdir(parents=True, exist_ok=True)
    # Build into temporary folders beside the targets and swap on success,
    # so a failed build leaves the previous site and drafts untouched.
    tmp_site = Path(tempfile.mkdtemp(prefix=f".{final_site.name}-", dir=final_site.parent))
    tmp_notices = Path(tempfile.mkdtemp(prefix=f".{final_notices.name}-", dir=final_notices.parent))
    try:
        mkdocs_config.site_dir = str(tmp_site)
        if args.strict:
            mkdocs_config.strict = True
        plugin.config.emails_dir = str(tmp_notices)
        build(mkdocs_config)
        _swap(tmp_site, final_site)
        _swap(tmp_notices, final_notices)
    except exceptions.MkDocsException as exc:
        raise _mkdocs_failure(exc, args.config_file) from None
    finally:
        shutil.rmtree(tmp_site, ignore_errors=True)
        shutil.rmtree(tmp_notices, ignore_errors=True)
    if not args.quiet:
        today = resolve_today(None, site.timezone).isoformat()
        print(_terminal(f"Built {final_site} (today {today}); email drafts in {final_notices}"),
              file=sys.stderr)
    return 0


def _swap(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        final.rename(old)
    new.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname}: {' '.join(_terminal(record.getMessage()).split())}"


class _Errors(logging.Handler):
    """Collects MkDocs' ERROR records: they become the one `Error:` line
    instead of being printed next to a generic "Aborted" message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


_ERRORS = _Errors()


def _setup_logging(*, show: int) -> None:
    """Print MkDocs' records below ERROR at level `show` and above, one line each."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [_ERRORS]
    _ERRORS.messages.clear()
    if show < logging.ERROR:
        printer = logging.StreamHandler(sys.stderr)
        printer.setFormatter(_OneLine())
        printer.setLevel(show)
        printer.addFilter(lambda record: record.levelno < logging.ERROR)
        logger.addHandler(printer)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _mkdocs_failure(exc: Exception, config_file: str) -> PolicyNoticeError:
    if _ERRORS.messages:
        message = _ERRORS.messages[0]
        # Our plugin's errors already name their file; MkDocs' configuration
        # errors ("Config value 'x': ...") are about mkdocs.yml.
        if message.startswith("Config value"):
            return PolicyNoticeError(message, path=config_file)
        return PolicyNoticeError(message)
    return PolicyNoticeError(str(exc), path=config_file)


# -- check --------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from .gate import run_check
    from .publish.report import render_json, render_markdown, render_text

    today_arg = _parse_day(args.today, "--today")
    _check_lang(args.lang)
    _setup_logging(show=logging.ERROR)
    mkdocs_config = _load_mkdocs(args.config_file)
    _, site = _site_config(mkdocs_config, args.config_file)
    today = date.fromisoformat(today_arg) if today_arg else resolve_today(None, site.timezone)
    report = run_check(site, today, base=args.base)
    render = {"text": render_text, "markdown": render_markdown, "json": render_json}[args.format]
    (_write_json if args.format == "json" else _write)(render(report, args.lang))
    return 0 if report.ok else 1


# -- diff / classify ----------------------------------------------------
def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from .redline.engine import diff_texts
    from .redline.render import ops_json, render_redline_html, render_text

    _check_lang(args.lang)
    old, new = _read_policy_file(args.old), _read_policy_file(args.new)
    redline = diff_texts(old, new, args.lang)
    if args.format == "json":
        _write_json(json.dumps(ops_json(redline), ensure_ascii=False) + "\n")
    elif args.format == "html":
        _write(render_redline_html(old, new, args.lang, redline) + "\n")
    else:
        _write(render_text(redline))
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    import json

    from .classify.labels import describe_reason
    from .classify.rules import classify_texts

    _check_lang(args.lang)
    # Front matter is not policy text (document/frontmatter.py).
    old, new = (policy_text(_read_policy_file(f), where=f) for f in (args.old, args.new))
    result = classify_texts(old, new, args.lang)
    if args.format == "json":
        data = {
            "class": result.change_class.value,
            "needs_consent": result.needs_consent,
            "reasons": [
                {"category": r.category, "section": r.section, "kind": r.kind,
                 "excerpt": r.excerpt, "material": r.material, "needs_consent": r.needs_consent,
                 "text": describe_reason(r, args.lang)}
                for r in result.reasons
            ],
        }
        _write_json(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [result.change_class.value]
        lines += [f"- {describe_reason(r, args.lang)}" for r in result.reasons]
        if result.needs_consent:
            lines.append("! needs users' consent, not only notice")
        _write("\n".join(lines) + "\n")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .sources.importer import Filters, import_history, write_import

    policy = args.policy or Path(args.file).stem
    languages = [code.strip() for code in (args.languages or "").split(",") if code.strip()]
    filters = Filters.make(args.skip_subject, args.skip_author, args.skip_path)
    result = import_history(Path(args.repo), args.file, policy=policy, lang=args.lang,
                            languages=languages, follow=args.follow, filters=filters,
                            guess=not args.no_guess)
    if args.out:
        write_import(result, Path(args.out), force=args.force)
    else:
        _write(result.yaml)
    for warning in result.warnings:
        print(_terminal(f"Warning: {' '.join(warning.split())}"), file=sys.stderr)
    where = f"into {args.out}" if args.out else "(printed above)"
    title = f"{result.title!r} " if result.title else ""
    extra = []
    if result.texts != len(result.versions):
        extra.append(f"{result.texts} distinct texts, the last of each day kept")
    if result.skipped:
        extra.append(f"{len(result.skipped)} commit(s) skipped")
    figures = f" ({'; '.join(extra)})" if extra else ""
    print(_terminal(f"imported {len(result.versions)} version(s){figures} of {title}{result.file} "
                    f"({result.lang}) {where}; replace each notice_date with the day the notice "
                    f"was posted, write the summaries and reasons, then remove 'imported: true'"),
          file=sys.stderr)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from .scaffold import default_profile, init_site

    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    timezone = args.timezone
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(f"--timezone {timezone!r} is unknown; expected an IANA name such as "
                             f"Asia/Seoul or Europe/Berlin") from None
    profile = args.profile or default_profile(args.policy, languages)
    zone = timezone or ("Asia/Seoul" if profile.startswith("kr_") else "UTC")
    day = _parse_day(args.today, "--today")
    today = date.fromisoformat(day) if day else datetime.now(ZoneInfo(zone)).date()
    folder = Path(args.dir)
    written = init_site(folder, languages=languages, policy=args.policy, profile=profile,
                        company=args.company, contact=args.contact, site_url=args.site_url,
                        timezone=zone, today=today)
    print(_terminal(f"created a policy site in {folder} ({len(written)} files; languages "
                    f"{', '.join(dict.fromkeys(languages))}; profile {profile}). Next: cd {folder}, "
                    f"replace the starting text in docs/*/{args.policy}.md, then git add -A, "
                    f"git commit, and run policynotice check and policynotice build"),
          file=sys.stderr)
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from .publish.send import send_drafts

    # Each line is printed as it happens: if the connection drops, what
    # went out is on the screen (and in the journal).
    send_drafts(
        [Path(p) for p in args.drafts], host=args.host, port=args.port, sender=args.sender,
        recipients=args.recipients, dry_run=not args.send, tls=args.tls,
        insecure_localhost=args.insecure_localhost,
        username=args.username, password=os.environ.get("POLICYNOTICE_SMTP_PASSWORD"),
        unsubscribe_url=args.unsubscribe_url,
        journal=Path(args.journal) if args.journal else None,
        echo=lambda line: print(_terminal(line), flush=True),
    )
    return 0


_COMMANDS = {"init": cmd_init, "build": cmd_build, "check": cmd_check, "diff": cmd_diff, "classify": cmd_classify,
             "import": cmd_import, "send": cmd_send}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
