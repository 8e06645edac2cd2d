"""The command line: a thin shell over the library.

Every domain error becomes one `Error: ...` line on stderr and exit code 1;
bad usage is exit code 2; a Python traceback is a bug.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from datetime import time as day_time
from pathlib import Path
from typing import Any, Iterator, Sequence

from .errors import PolicyNoticeError, UsageError

# Heavy modules (mkdocs via .config, markdown-it via .sources.text, nh3) are
# imported where a command needs them: `--help`, `diff` and `classify` start
# without MkDocs.


def resolve_site_config(*args: Any, **kwargs: Any):
    from .config import resolve_site_config as resolve

    return resolve(*args, **kwargs)


def resolve_today(*args: Any, **kwargs: Any):
    from .config import resolve_today as resolve

    return resolve(*args, **kwargs)


def strip_controls(text: str) -> str:
    from .publish.sanitize import strip_controls as strip

    return strip(text)


def decode_policy(*args: Any, **kwargs: Any):
    from .sources.text import decode_policy as decode

    return decode(*args, **kwargs)


def policy_text(*args: Any, **kwargs: Any):
    from .sources.text import policy_text as text

    return text(*args, **kwargs)

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
    c.add_argument("--format", choices=("text", "markdown", "json", "github", "comment"),
                   default="text", help="github: workflow-command annotations on the files' "
                                        "lines; comment: the pull-request comment (Markdown, "
                                        "governing language)")
    c.add_argument("--summary-file", help="also append the Markdown report to this file "
                                          "(e.g. $GITHUB_STEP_SUMMARY)")
    c.add_argument("--comment-file", help="also write the pull-request comment to this file")
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
    w = sub.add_parser("show", help="print the text of a policy in force on a date")
    w.add_argument("policy", help="policy id, as under 'policies:' in mkdocs.yml")
    w.add_argument("--on", help="the date YYYY-MM-DD, in the site's time zone (default: today)")
    w.add_argument("--lang", help="language of the text (default: the governing language)")
    w.add_argument("--format", choices=("text", "json"), default="text")
    w.add_argument("--today", help="the versions announced by this date count "
                                   "(default: today in the policy time zone)")
    w.add_argument("-f", "--config-file", default="mkdocs.yml")
    x = sub.add_parser("export", help="write every version of every policy as a zip dataset")
    x.add_argument("--out", required=True, help="the zip file to write, e.g. policies.zip")
    x.add_argument("--today", help="date YYYY-MM-DD (default: today in the policy time zone)")
    x.add_argument("-f", "--config-file", default="mkdocs.yml")
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
            raise UsageError("missing command: init, build, check, diff, classify, import, show, "
                             "export or send "
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
    _screen_mkdocs(path, config_file)
    try:
        return load_config(config_file=str(path), **overrides)
    except (exceptions.MkDocsException, OSError) as exc:
        raise _mkdocs_failure(exc, config_file) from None


def _screen_mkdocs(path: Path, config_file: str, depth: int = 0) -> None:
    """mkdocs.yml comes with the pull request too: before MkDocs loads it
    (with PyYAML's full Loader, expanding aliases), refuse tags that run code,
    an alias bomb or absurd nesting; the same for a file it INHERITs."""
    import yaml

    from .sources.releaselog import screen_yaml
    from .sources.repofiles import read_regular

    data = read_regular(path.resolve().parent, path.name, limit=4 * 1024 * 1024)
    text = (data or b"").decode("utf-8", "replace")
    try:
        screen_yaml(text, config_file, yaml.SafeLoader, allow_tags=_mkdocs_tag_allowed,
                    allow_aliases=True, max_depth=64)
    except yaml.YAMLError:
        return  # MkDocs reports the syntax error with its own message
    inherit = re.search(r"^INHERIT:[ \t]*['\"]?([^'\"\n#]+?)['\"]?[ \t]*(?:#.*)?$", text, re.M)
    if inherit and depth < 5:
        parent = path.resolve().parent / inherit.group(1).strip()
        if parent.is_file():
            _screen_mkdocs(parent, os.path.relpath(parent), depth + 1)


def _mkdocs_tag_allowed(tag: str) -> bool:
    """MkDocs reads mkdocs.yml with PyYAML's full Loader, where
    !!python/object/apply:os.system [...] runs a command. Allowed: MkDocs'
    own !ENV and !relative, and !!python/name (a reference, as Material's
    emoji extension needs); every other python/ tag is refused."""
    python = "tag:yaml.org,2002:python/"
    if tag.startswith(python):
        return tag.startswith(python + "name:")
    return True


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
    _setup_logging(show=logging.WARNING if args.quiet else logging.INFO)
    mkdocs_config = _load_mkdocs(args.config_file)
    plugin, site = _site_config(mkdocs_config, args.config_file)
    plugin.today_override = date.fromisoformat(today) if today else None
    build_day = resolve_today(plugin.config.today, site.timezone, plugin.today_override)
    final_site = Path(args.site_dir).resolve() if args.site_dir else Path(mkdocs_config.site_dir)
    final_notices = (Path(args.notices_dir).resolve() if args.notices_dir
                     else (site.emails_dir or final_site.parent / "notices"))
    _check_output_target(final_site, site, "site_dir", from_config=not args.site_dir,
                         config_file=args.config_file)
    _check_output_target(final_notices, site, "emails_dir", from_config=not args.notices_dir,
                         config_file=args.config_file)
    # Build into temporary folders beside the targets and swap on success,
    # so a failed build leaves the previous site and drafts untouched.
    tmp_site = tmp_notices = None
    try:
        with _output_errors(final_site):
            tmp_site = _prepare_output(final_site)
        with _output_errors(final_notices):
            tmp_notices = _prepare_output(final_notices)
        mkdocs_config.site_dir = str(tmp_site)
        if args.strict:
            mkdocs_config.strict = True
        plugin.config.emails_dir = str(tmp_notices)
        with _output_errors(final_site), _source_date(build_day):
            build(mkdocs_config)
        with _output_errors(final_site):
            _swap(tmp_site, final_site)
        with _output_errors(final_notices):
            _swap(tmp_notices, final_notices)
    except exceptions.MkDocsException as exc:
        raise _mkdocs_failure(exc, args.config_file) from None
    finally:
        for tmp in (tmp_site, tmp_notices):
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
    if not args.quiet:
        print(_terminal(f"Built {final_site} (today {build_day.isoformat()}); "
                        f"email drafts in {final_notices}"),
              file=sys.stderr)
    return 0


@contextlib.contextmanager
def _source_date(day: date):
    """MkDocs stamps sitemaps with SOURCE_DATE_EPOCH or the clock: pin it to
    the build date for the build alone, and restore the environment after."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before is None:
        midnight = datetime.combine(day, day_time(0), tzinfo=timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


# -- output folders -------------------------------------------------------
# A build writes `.<name>-tmp-<pid>-<random>` beside the output folder and
# swaps it in; the previous folder goes to `.<name>-old-<pid>` until the
# swap is done. A build killed half-way leaves those behind: the next build
# restores a lost output folder from its backup and removes the rest.
_LEFTOVER = re.compile(r"\.(?P<name>.+)-(?P<kind>tmp|old)-(?P<pid>[0-9]+)(?:-[a-z0-9_]+)?\Z")
# What builds before this scheme left (tempfile.mkdtemp's 8 random characters).
_OLD_STYLE = re.compile(r"\.(?P<name>.+)-[a-z0-9_]{8}\Z")
_OLD_STYLE_AGE = 3600  # seconds: surely not a build still running


def _check_output_target(folder: Path, site: Any, key: str, *, from_config: bool,
                         config_file: str) -> None:
    """The output folder is replaced as a whole: it must not be the
    repository, its .git, its docs or release logs, nor (when mkdocs.yml,
    which a pull request can change, names it) a folder outside the repository."""
    target = Path(os.path.abspath(folder))
    root = Path(os.path.abspath(site.root))
    protected = [root / ".git", root / site.docs_dir, root / site.versions_dir]
    where = f"'{key}' in {config_file}" if from_config else f"--{key.replace('_', '-')}"
    if target == root or target in root.parents or target == Path(target.anchor) \
            or any(target == p or p in target.parents or target in p.parents for p in protected):
        raise PolicyNoticeError(
            f"{where} is {target}, which holds the repository or its sources; a build replaces "
            f"its output folder as a whole", hint="use a folder of its own, e.g. site/",
        )
    if from_config and root not in target.parents:
        raise PolicyNoticeError(
            f"{where} is {target}, outside the repository; a build replaces its output folder "
            f"as a whole", hint=f"pass --{key.replace('_', '-')} to build elsewhere",
        )


@contextmanager
def _output_errors(folder: Path) -> Iterator[None]:
    """Every OSError writing the output (read-only, full, a mount point, no
    permission) becomes one line naming the folder."""
    try:
        yield
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(folder) else ""
        raise PolicyNoticeError(
            f"cannot write the output folder: {exc.strerror or exc}{where}", path=str(folder),
            hint="check that it is writable, on a disk with free space, and not in use",
        ) from None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or not ours to judge
    return True


def _prepare_output(final: Path) -> Path:
    """Recover from killed builds, then make this build's temporary folder."""
    parent = final.parent
    parent.mkdir(parents=True, exist_ok=True)
    backups: list[Path] = []
    for entry in parent.iterdir():
        match = _LEFTOVER.match(entry.name)
        if match and match["name"] == final.name and not _pid_alive(int(match["pid"])):
            if match["kind"] == "old":
                backups.append(entry)
            else:
                shutil.rmtree(entry, ignore_errors=True)
            continue
        old = _OLD_STYLE.match(entry.name)
        if old and old["name"] == final.name and entry.is_dir() and not entry.is_symlink():
            try:
                stale = time.time() - entry.stat().st_mtime > _OLD_STYLE_AGE
            except OSError:
                stale = False
            if stale:
                shutil.rmtree(entry, ignore_errors=True)
    backups.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    if backups and not os.path.lexists(final):
        # Killed between the two renames: the newest backup is the last site.
        os.rename(backups.pop(0), final)
    for backup in backups:
        shutil.rmtree(backup, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}-tmp-{os.getpid()}-", dir=parent))


def _swap(new: Path, final: Path) -> None:
    """Put `new` in place of `final`. On Linux one atomic exchange: there is
    no moment without an output folder. Elsewhere two renames, the first of
    which keeps the old folder as a backup the next build restores."""
    if os.path.isdir(final) and not os.path.islink(final):
        if os.path.ismount(final):
            _replace_contents(new, final)  # a mounted folder cannot be renamed
            return
        if _exchange(new, final):
            shutil.rmtree(new, ignore_errors=True)  # now the previous output
            return
    backup = None
    if os.path.lexists(final):
        backup = final.with_name(f".{final.name}-old-{os.getpid()}")
        os.rename(final, backup)
    try:
        os.rename(new, final)
    except OSError:
        if backup is not None:
            os.rename(backup, final)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two folders atomically (Linux 3.15+).
    False when the system cannot, so the caller renames instead."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _replace_contents(new: Path, final: Path) -> None:
    """For an output folder that is a mount point: replace what is inside."""
    for child in final.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in new.iterdir():
        shutil.move(str(child), str(final / child.name))


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
    from .publish.report import (render_comment, render_github, render_json, render_markdown,
                                 render_text)

    today_arg = _parse_day(args.today, "--today")
    _check_lang(args.lang)
    _setup_logging(show=logging.ERROR)
    try:
        if args.base:
            from .gate import refuse_new_hooks

            refuse_new_hooks(Path(args.config_file), args.base)  # before MkDocs imports them
        mkdocs_config = _load_mkdocs(args.config_file)
        _, site = _site_config(mkdocs_config, args.config_file)
        today = date.fromisoformat(today_arg) if today_arg else resolve_today(None, site.timezone)
        report = run_check(site, today, base=args.base)
    except UsageError:
        raise
    except PolicyNoticeError as exc:
        # Whatever stopped the check is still a report in the format asked
        # for: a job summary or a JSON consumer must see the error too.
        from .gate import CheckReport, error_finding

        if args.format == "text" and not (args.summary_file or args.comment_file):
            raise
        day = date.fromisoformat(today_arg) if today_arg else date.today()
        report = CheckReport(args.base, day, "", (), (error_finding(exc),))
    # An error that stopped a policy's check is also the usual one line on
    # stderr (the report goes to stdout).
    for finding in report.findings:
        if finding.code in ("release-log", "error"):
            print(f"Error: {_terminal(finding.message)}", file=sys.stderr)
    render = {"text": render_text, "markdown": render_markdown, "json": render_json,
              "github": render_github,
              "comment": lambda r, _lang: render_comment(r)}[args.format]
    (_write_json if args.format == "json" else _write)(render(report, args.lang))
    if args.summary_file:
        _write_report_file(args.summary_file, render_markdown(report, args.lang), append=True)
    if args.comment_file:
        _write_report_file(args.comment_file, render_comment(report), append=False)
    return 0 if report.ok else 1


def _write_report_file(path: str, text: str, *, append: bool) -> None:
    try:
        with open(path, "a" if append else "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise PolicyNoticeError(f"cannot write the report: {exc.strerror}", path=path,
                                hint="check that the folder exists and is writable") from None


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


# -- show / export --------------------------------------------------------
def _site_model(args: argparse.Namespace):
    """The site model the build would render, for the date --today."""
    from .pipeline import load_site
    from .publish.export import require_buildable

    today_arg = _parse_day(args.today, "--today")
    _setup_logging(show=logging.ERROR)
    mkdocs_config = _load_mkdocs(args.config_file)
    _, site = _site_config(mkdocs_config, args.config_file)
    today = date.fromisoformat(today_arg) if today_arg else resolve_today(None, site.timezone)
    model = load_site(site, today)
    require_buildable(model)
    return model


def cmd_show(args: argparse.Namespace) -> int:
    import json

    from .publish.export import in_force, show_json

    on = _parse_day(args.on, "--on")
    model = _site_model(args)
    day = date.fromisoformat(on) if on else model.today
    found = in_force(model, args.policy, args.lang or model.config.governing_language, day)
    if args.format == "json":
        _write_json(json.dumps(show_json(model, found), ensure_ascii=False, indent=2,
                               sort_keys=True) + "\n")
    else:
        period = found.period
        until = period["until"] or "further notice"
        print(_terminal(f"{found.policy} {found.version.id} ({found.lang}): in force "
                        f"{period['from']} to {until}, as announced by "
                        f"{model.today.isoformat()} ({model.config.timezone})"), file=sys.stderr)
        from .publish.rawtext import text_bytes

        _write(text_bytes(found.version).decode("utf-8"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .publish.export import export_zip

    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {args.out!r} is a folder; expected a file name such as "
                         f"policies.zip")
    if not out.parent.is_dir():
        raise PolicyNoticeError("no such folder; expected an existing folder for the zip",
                                path=str(out.parent) or ".", hint="create it first")
    model = _site_model(args)
    data = export_zip(model)
    # Written beside the target and renamed: a failed export leaves no half zip.
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as a plain open() would have made it
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise PolicyNoticeError(f"cannot write the zip: {exc.strerror}", path=str(out)) from None
    print(_terminal(f"exported {out} (as of {model.today.isoformat()})"), file=sys.stderr)
    return 0


_COMMANDS = {"init": cmd_init, "build": cmd_build, "check": cmd_check, "diff": cmd_diff,
             "classify": cmd_classify, "import": cmd_import, "show": cmd_show,
             "export": cmd_export, "send": cmd_send}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
