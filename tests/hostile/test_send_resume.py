"""`send` can be resumed and never leaks the password (issue 14, case 6):
a journal of what went out, a retry that sends only the rest, a refused
recipient that does not stop the batch, and TLS before any password."""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from policynotice.cli import main
from policynotice.errors import PolicyNoticeError
from policynotice.publish.send import send_drafts

from ..publish.test_send import UNSUBSCRIBE, drafts, free_port  # noqa: F401 (fixture)

RCPTS = ["a@example.com", "b@example.com"]


class Inbox:
    """Accepts everything, but refuses `refuse` and drops the connection
    instead of accepting message number `drop_at` (1-based)."""

    def __init__(self, refuse: str = "", drop_at: int = 0) -> None:
        self.refuse, self.drop_at = refuse, drop_at
        self.seen = 0
        self.envelopes = []
        self.logins = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen == self.drop_at:
            server.transport.close()
            return "421 gone"
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((mechanism, auth_data))
        return AuthResult(success=True)


def start(inbox: Inbox, **kw) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kw)
    controller.start()
    return controller


def message_ids(inbox: Inbox) -> list[str]:
    return [email.message_from_bytes(e.content, policy=email.policy.default)["Message-ID"]
            for e in inbox.envelopes]


def send(controller, paths, **kw):
    kw.setdefault("recipients", RCPTS)
    return send_drafts(paths, host=controller.hostname, port=controller.port,
                       sender="notices@nuri.example", dry_run=False, insecure_localhost=True,
                       unsubscribe_url=UNSUBSCRIBE, **kw)


def test_a_dropped_connection_is_resumed_without_duplicates(drafts, tmp_path):
    journal = tmp_path / "journal.jsonl"
    inbox = Inbox(drop_at=4)
    controller = start(inbox)
    lines: list[str] = []
    try:
        with pytest.raises(PolicyNoticeError) as info:
            send(controller, drafts, journal=journal, echo=lines.append)
    finally:
        controller.stop()
    assert "after 3 message(s)" in str(info.value) and "7 message(s) not sent" in str(info.value)
    assert [line.split(" ", 1)[0] for line in lines] == ["sent"] * 3  # shown as they went
    assert len(journal.read_text().splitlines()) == 3
    first = message_ids(inbox)

    retry = Inbox()
    controller = start(retry)
    try:
        log = send(controller, drafts, journal=journal)
    finally:
        controller.stop()
    assert sum(line.startswith("already sent") for line in log) == 3
    assert sum(line.startswith("sent") for line in log) == 7
    ids = first + message_ids(retry)
    assert len(ids) == len(set(ids)) == 10  # every message once, none twice
    assert {json.loads(line)["message_id"] for line in journal.read_text().splitlines()} == set(ids)


def test_a_refused_recipient_does_not_stop_the_batch(drafts, tmp_path):
    inbox = Inbox(refuse="bad@example.com")
    controller = start(inbox)
    lines: list[str] = []
    try:
        with pytest.raises(PolicyNoticeError, match="5 of 15 message.*bad@example.com"):
            send(controller, drafts, recipients=["a@example.com", "bad@example.com",
                                                 "b@example.com"],
                 journal=tmp_path / "j.jsonl", echo=lines.append)
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 10
    assert sum(line.startswith("failed") and "550" in line for line in lines) == 5


def test_no_password_without_tls(drafts, tmp_path):
    inbox = Inbox()
    controller = start(inbox, authenticator=inbox.authenticate, auth_require_tls=False)
    try:
        # STARTTLS is the default and this server does not offer it
        with pytest.raises(PolicyNoticeError, match="does not offer STARTTLS"):
            send_drafts(drafts, host=controller.hostname, port=controller.port,
                        sender="notices@nuri.example", recipients=RCPTS, dry_run=False,
                        username="notices", password="s3cret", unsubscribe_url=UNSUBSCRIBE,
                        journal=tmp_path / "j.jsonl")
        with pytest.raises(PolicyNoticeError, match="refusing to send without TLS"):
            send_drafts(drafts, host=controller.hostname, port=controller.port,
                        sender="notices@nuri.example", recipients=RCPTS, dry_run=False,
                        tls="none", username="notices", password="s3cret",
                        unsubscribe_url=UNSUBSCRIBE)
        with pytest.raises(PolicyNoticeError, match="only for a server on this machine"):
            send_drafts(drafts, host="smtp.example.com", port=controller.port,
                        sender="notices@nuri.example", recipients=RCPTS, dry_run=False,
                        tls="none", insecure_localhost=True, username="notices",
                        password="s3cret", unsubscribe_url=UNSUBSCRIBE)
    finally:
        controller.stop()
    assert inbox.logins == [] and inbox.envelopes == []


def test_cli_reports_each_message_and_fails_at_the_end(drafts, tmp_path, capsys):
    inbox = Inbox(refuse="bad@example.com")
    controller = start(inbox)
    try:
        code = main(["send", *map(str, drafts), "--host", controller.hostname,
                     "--port", str(controller.port), "--from", "notices@nuri.example",
                     "--to", "a@example.com", "--to", "bad@example.com",
                     "--unsubscribe-url", UNSUBSCRIBE, "--insecure-localhost", "--send",
                     "--journal", str(tmp_path / "j.jsonl")])
    finally:
        controller.stop()
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count("\nsent ") + out.startswith("sent ") == 5 and out.count("failed ") == 5
    assert err.startswith("Error: 5 of 10 message(s) were refused") and err.count("\n") == 1


def test_a_forged_draft_is_never_sent(drafts, tmp_path):
    """A draft with a second List-Unsubscribe (what an encoded word in a
    policy title gave older versions) is refused before anything is sent."""
    path = drafts[0]
    head, body = path.read_bytes().split(b"\r\n\r\n", 1)
    path.write_bytes(head + b"\r\nReply-To: evil@attacker.example\r\n"
                            b"List-Unsubscribe: <https://evil.example/u>\r\n\r\n" + body)
    inbox = Inbox()
    controller = start(inbox)
    try:
        with pytest.raises(PolicyNoticeError, match="list-unsubscribe"):
            send(controller, drafts, journal=tmp_path / "j.jsonl")
    finally:
        controller.stop()
    assert inbox.envelopes == []
