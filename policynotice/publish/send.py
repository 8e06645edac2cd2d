"""`policynotice send`: deliver email drafts to an SMTP server the operator
names. Dry-run by default: it then only says what it would send.

Each recipient gets a message of their own (their address in To, nobody
else's), so a notice never discloses the list. Every draft is loaded and
checked before the first message goes out, so a bad draft stops the run
before anyone is mailed.

A run can be resumed: every message the server accepted is written to a
journal (one JSON line per message, keyed by its Message-ID, which is
derived from the draft and the address), and a later run with the same
journal sends only the rest. A recipient the server refuses is reported and
the batch goes on; the run then fails at the end. (A message accepted in the
instant before the connection drops, and not yet journaled, is sent again:
the journal can narrow that window, not close it.)

The connection is encrypted before anything is sent, the password above all:
STARTTLS by default, or SMTPS. Plain text is only for a server on this
machine, and only when asked for (`insecure_localhost`).
"""

from __future__ import annotations

import copy
import hashlib
import ipaddress
import json
import os
import smtplib
import ssl
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import parseaddr
from html import escape
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import urlsplit

from ..errors import PolicyNoticeError
from .emails import DEFAULT_FROM, UNSUBSCRIBE_PLACEHOLDER

TLS_MODES = ("starttls", "smtps", "none")
JOURNAL_NAME = "sent.jsonl"


@dataclass(frozen=True)
class _Draft:
    path: Path
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))


class Journal:
    """The messages already delivered, by Message-ID; appended to (and
    flushed to disk) as each one is accepted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sent: set[str] = set()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyNoticeError(f"cannot read the send journal: {exc}", path=str(path),
                                    hint="give another file with --journal") from None
        for line in lines:
            try:
                self.sent.add(str(json.loads(line)["message_id"]))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short when a run was killed: that message is not sure

    def record(self, message_id: str, rcpt: str, draft: Path) -> None:
        line = json.dumps({"message_id": message_id, "to": rcpt, "draft": str(draft)},
                          ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.sent.add(message_id)


def default_journal(paths: Sequence[Path]) -> Path:
    """sent.jsonl in the folder that holds all the drafts."""
    folders = [str(Path(p).resolve().parent) for p in paths]
    return Path(os.path.commonpath(folders)) / JOURNAL_NAME


def send_drafts(paths: Sequence[Path], *, host: str, port: int, sender: str,
                recipients: Sequence[str], dry_run: bool = True, tls: str = "starttls",
                insecure_localhost: bool = False, username: str | None = None,
                password: str | None = None, unsubscribe_url: str | None = None,
                timeout: float = 30.0, journal: Path | None = None,
                echo: Callable[[str], None] | None = None,
                starttls: bool | None = None) -> list[str]:
    """Send every draft to every recipient not in the journal; returns one
    log line per message, and gives each to `echo` as it happens (so a
    failure part-way still shows what went out).

    `unsubscribe_url` fills the {{unsubscribe_url}} placeholder of the drafts;
    a draft that still holds the placeholder is refused (a recipient would get
    a broken List-Unsubscribe header). Raises PolicyNoticeError, after the
    whole batch, when some recipients were refused; at once when the
    connection is lost. `starttls` is the old spelling of tls="starttls"."""
    if starttls:
        tls = "starttls"
    _check_transport(host, tls, insecure_localhost)
    sender = _address(sender, "sender")
    rcpts = [_address(r, "recipient") for r in recipients]
    if not rcpts:
        raise PolicyNoticeError("no recipients given; expected at least one address")
    if unsubscribe_url is not None:
        _check_unsubscribe_url(unsubscribe_url)
    drafts = [_load(Path(p), unsubscribe_url) for p in paths]
    if not drafts:
        raise PolicyNoticeError("no drafts given; expected .eml files from the notices dir")
    book = Journal(Path(journal) if journal else default_journal([d.path for d in drafts]))
    log: list[str] = []

    def say(line: str) -> None:
        log.append(line)
        if echo:
            echo(line)

    planned = [(d, rcpt, _addressed(d.message, rcpt, sender)) for d in drafts for rcpt in rcpts]
    todo = []
    for d, rcpt, msg in planned:
        if str(msg["Message-ID"]) in book.sent:
            say(f"already sent {d.path} to {rcpt} (in {book.path}): {d.subject}")
        else:
            todo.append((d, rcpt, msg))
    if dry_run:
        for d, rcpt, _ in todo:
            say(f"dry run: would send {d.path} to {rcpt} via {host}:{port} "
                f"from {sender}: {d.subject}")
        say(f"dry run: nothing sent ({len(todo)} message(s) planned)")
        return log
    sent = 0
    failed: list[str] = []
    try:
        with _connect(host, port, tls, insecure_localhost, timeout) as smtp:
            if username:
                smtp.login(username, password or "")
            for d, rcpt, msg in todo:
                try:
                    smtp.send_message(msg, from_addr=sender, to_addrs=[rcpt])
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
                    failed.append(rcpt)
                    say(f"failed {d.path} to {rcpt}: {_reason(exc)}")
                    continue
                book.record(str(msg["Message-ID"]), rcpt, d.path)
                sent += 1
                say(f"sent {d.path} to {rcpt}: {d.subject}")
    except PolicyNoticeError:
        raise
    except (smtplib.SMTPException, OSError) as exc:
        done = f" after {sent} message(s) (listed in {book.path})" if sent else ""
        left = len(todo) - sent - len(failed)
        raise PolicyNoticeError(
            f"sending via {host}:{port} failed{done}: {_reason(exc)}; {left} message(s) not sent",
            hint="check the host, port, --tls and credentials, then run the same command "
                 "again: it sends only what is not in the journal",
        ) from None
    if failed:
        raise PolicyNoticeError(
            f"{len(failed)} of {len(todo)} message(s) were refused "
            f"({', '.join(sorted(set(failed)))}); the other {sent} were sent",
            hint="fix or remove those addresses and run again: the journal "
                 f"{book.path} keeps the others from being sent twice")
    return log


def _is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_transport(host: str, tls: str, insecure_localhost: bool) -> None:
    if tls not in TLS_MODES:
        raise PolicyNoticeError(f"unknown TLS mode {tls!r}; expected one of "
                                f"{', '.join(TLS_MODES)}")
    if insecure_localhost and not _is_loopback(host):
        raise PolicyNoticeError(
            f"--insecure-localhost is only for a server on this machine, not {host!r}",
            hint="use --tls starttls or --tls smtps")
    if tls == "none" and not insecure_localhost:
        raise PolicyNoticeError(
            "refusing to send without TLS: notices and the password would cross the "
            "network in clear", hint="use --tls starttls or --tls smtps; for a server on "
                                     "this machine, add --insecure-localhost")


def _connect(host: str, port: int, tls: str, insecure_localhost: bool,
             timeout: float) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if tls == "smtps":
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        smtp.ehlo()
        if tls == "starttls":
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif not insecure_localhost:
                raise PolicyNoticeError(
                    f"the server {host}:{port} does not offer STARTTLS; refusing to send "
                    f"the password and the notices in clear",
                    hint="use --tls smtps with the server's SMTPS port; for a server on "
                         "this machine, add --insecure-localhost")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _reason(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        parts = [f"{code} {_text(message)}" for code, message in exc.recipients.values()]
        return "refused: " + "; ".join(parts)
    if isinstance(exc, (smtplib.SMTPResponseException,)):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return " ".join(str(exc).split()) or type(exc).__name__


def _text(value: bytes | str) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(value.split())


def _address(value: str, what: str) -> str:
    """One bare address; no CR/LF, no lists (one recipient per message)."""
    name, addr = parseaddr(value)
    if (not addr or "@" not in addr or any(c in value for c in "\r\n,;")
            or any(c.isspace() for c in addr)):
        raise PolicyNoticeError(f"{what} {value!r} is not an email address; "
                                f"expected one address like someone@example.com")
    return addr


def _check_unsubscribe_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http", "mailto") or any(c in url for c in " <>\r\n\"'"):
        raise PolicyNoticeError(f"unsubscribe URL {url!r} must be an https:// or mailto: "
                                f"address without spaces, quotes or angle brackets")


def _load(path: Path, unsubscribe_url: str | None) -> _Draft:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyNoticeError(f"cannot read the draft: {exc.strerror}", path=str(path)) from None
    message = message_from_bytes(data, _class=EmailMessage, policy=SMTP)
    if not message.get("Subject") or not message.is_multipart():
        raise PolicyNoticeError("not an email draft: expected a multipart message with a "
                                "Subject (the .eml files in the notices dir)", path=str(path))
    # A header twice (a second List-Unsubscribe or Subject) is how a forged
    # draft looks: drafts of older versions could get them from an encoded
    # word in a policy title. Such a draft is never sent.
    names = [k.lower() for k in message.keys()]
    twice = sorted({k for k in names if names.count(k) > 1})
    if twice or any(c in str(v) for v in message.values() for c in "\r\n"):
        raise PolicyNoticeError(
            f"the draft has a header {'twice (' + twice[0] + ')' if twice else 'of two lines'}; "
            f"expected one of each, as build writes them",
            path=str(path), hint="build the drafts again with this version of policynotice")
    if unsubscribe_url is not None:
        _fill_unsubscribe(message, unsubscribe_url)
    if _has_placeholder(message):
        raise PolicyNoticeError(
            f"the draft still holds the {UNSUBSCRIBE_PLACEHOLDER} placeholder",
            path=str(path), hint="replace it, or pass --unsubscribe-url",
        )
    return _Draft(path, message)


def _has_placeholder(message: EmailMessage) -> bool:
    if UNSUBSCRIBE_PLACEHOLDER in str(message.get("List-Unsubscribe", "")):
        return True
    return any(UNSUBSCRIBE_PLACEHOLDER in part.get_content()
               for part in message.walk() if part.get_content_maintype() == "text")


def _fill_unsubscribe(message: EmailMessage, url: str) -> None:
    if "List-Unsubscribe" in message:
        value = str(message["List-Unsubscribe"]).replace(UNSUBSCRIBE_PLACEHOLDER, url)
        message.replace_header("List-Unsubscribe", value)
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        content = part.get_content()
        if UNSUBSCRIBE_PLACEHOLDER not in content:
            continue
        subtype = part.get_content_subtype()
        value = escape(url, quote=True) if subtype == "html" else url
        part.set_content(content.replace(UNSUBSCRIBE_PLACEHOLDER, value), subtype=subtype,
                         charset="utf-8", cte="quoted-printable")


def _addressed(draft: EmailMessage, rcpt: str, sender: str) -> EmailMessage:
    """The draft as sent to one recipient: To set, the placeholder From
    replaced by the sender, and a Message-ID of its own (derived from the
    draft's and the address, so a re-run does not mint new ids)."""
    msg = copy.deepcopy(draft)
    del msg["To"]
    msg["To"] = rcpt
    if parseaddr(str(msg.get("From", "")))[1] in ("", DEFAULT_FROM):
        del msg["From"]
        msg["From"] = sender
    original = str(msg.get("Message-ID", "")).strip("<>")
    local, _, domain = original.partition("@")
    tag = hashlib.sha256(rcpt.lower().encode("utf-8")).hexdigest()[:12]
    domain = domain or sender.rpartition("@")[2]
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{local or 'notice'}.{tag}@{domain}>"
    return msg
