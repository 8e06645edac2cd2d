"""`policynotice send`: deliver email drafts to an SMTP server the operator
names. Dry-run by default: it then only says what it would send.

Each recipient gets a message of their own (their address in To, nobody
else's), so a notice never discloses the list. Every draft is loaded and
checked before the first message goes out, so a bad draft stops the run
before anyone is mailed.
"""

from __future__ import annotations

import copy
import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import parseaddr
from html import escape
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from ..errors import PolicyNoticeError
from .emails import DEFAULT_FROM, UNSUBSCRIBE_PLACEHOLDER


@dataclass(frozen=True)
class _Draft:
    path: Path
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))


def send_drafts(paths: Sequence[Path], *, host: str, port: int, sender: str,
                recipients: Sequence[str], dry_run: bool = True, starttls: bool = False,
                username: str | None = None, password: str | None = None,
                unsubscribe_url: str | None = None, timeout: float = 30.0) -> list[str]:
    """Send every draft to every recipient; returns one log line per message.

    `unsubscribe_url` fills the {{unsubscribe_url}} placeholder of the drafts;
    a draft that still holds the placeholder is refused (a recipient would get
    a broken List-Unsubscribe header)."""
    sender = _address(sender, "sender")
    rcpts = [_address(r, "recipient") for r in recipients]
    if not rcpts:
        raise PolicyNoticeError("no recipients given; expected at least one address")
    if unsubscribe_url is not None:
        _check_unsubscribe_url(unsubscribe_url)
    drafts = [_load(Path(p), unsubscribe_url) for p in paths]
    if not drafts:
        raise PolicyNoticeError("no drafts given; expected .eml files from the notices dir")
    log: list[str] = []
    if dry_run:
        for d in drafts:
            for rcpt in rcpts:
                log.append(f"dry run: would send {d.path} to {rcpt} via {host}:{port} "
                           f"from {sender}: {d.subject}")
        log.append(f"dry run: nothing sent ({len(drafts) * len(rcpts)} message(s) planned)")
        return log
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.ehlo()
            if starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if username:
                smtp.login(username, password or "")
            for d in drafts:
                for rcpt in rcpts:
                    smtp.send_message(_addressed(d.message, rcpt, sender),
                                      from_addr=sender, to_addrs=[rcpt])
                    log.append(f"sent {d.path} to {rcpt}: {d.subject}")
    except (smtplib.SMTPException, OSError) as exc:
        done = f" after {len(log)} message(s)" if log else ""
        raise PolicyNoticeError(
            f"sending via {host}:{port} failed{done}: {exc}",
            hint="check the host, port, --starttls and credentials",
        ) from None
    return log


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
