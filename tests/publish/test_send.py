"""`send` against a real SMTP server (aiosmtpd) on the loopback interface."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from policynotice.errors import PolicyNoticeError
from policynotice.publish.emails import render_email_drafts
from policynotice.publish.send import send_drafts

from .conftest import SITE_URL, TZ, site_versions

UNSUBSCRIBE = "https://policies.example.com/unsubscribe?list=notices"


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    # aiosmtpd's Controller cannot start on port 0 (it connects to its own
    # port to check it is up), so ask the OS for a free one first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture
def drafts(tmp_path):
    out = render_email_drafts(site_versions("ko"), lang="ko", site_url=SITE_URL, timezone=TZ,
                              company={"name": "누리책방"})
    paths = []
    for rel, data in sorted(out.items()):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if rel.endswith(".eml"):
            paths.append(path)
    return paths


def send(controller, paths, **kw):
    kw.setdefault("sender", "notices@nuri.example")
    kw.setdefault("recipients", ["a@example.com", "b@example.com"])
    kw.setdefault("insecure_localhost", True)  # aiosmtpd here speaks no TLS
    return send_drafts(paths, host=controller.hostname, port=controller.port, **kw)


def test_sends_one_message_per_draft_and_recipient(smtp_server, drafts):
    controller, inbox = smtp_server
    log = send(controller, drafts, dry_run=False, unsubscribe_url=UNSUBSCRIBE)
    assert len(drafts) == 5  # privacy 2024-01-01, 2024-07-12, 2025-03-08, terms 2024-03-01, 2025-02-14
    assert len(inbox.envelopes) == 10 and len(log) == 10
    ids = set()
    for env in inbox.envelopes:
        assert env.mail_from == "notices@nuri.example"
        assert len(env.rcpt_tos) == 1  # nobody sees anybody else's address
        msg = email.message_from_bytes(env.content, policy=email.policy.default)
        assert msg["To"] == env.rcpt_tos[0]
        assert msg["From"] == "notices@nuri.example"  # the draft's placeholder From replaced
        assert msg["Subject"].startswith("[누리책방] ")
        assert msg["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
        html = msg.get_body(("html",)).get_content()
        text = msg.get_body(("plain",)).get_content()
        assert "{{unsubscribe_url}}" not in html + text
        assert 'href="https://policies.example.com/unsubscribe?list=notices"' in html
        assert UNSUBSCRIBE in text
        assert msg["Subject"].split("] ", 1)[1].split(" (")[0] in text  # the body survived
        ids.add(msg["Message-ID"])
    assert len(ids) == 10  # every delivered message has its own id
    assert all(line.startswith("sent ") for line in log)


def test_dry_run_sends_nothing(smtp_server, drafts):
    controller, inbox = smtp_server
    log = send(controller, drafts, unsubscribe_url=UNSUBSCRIBE)  # dry_run defaults to True
    assert inbox.envelopes == []
    assert sum("would send" in line for line in log) == 10
    assert any("a@example.com" in line for line in log)
    assert log[-1] == "dry run: nothing sent (10 message(s) planned)"


def test_dry_run_needs_no_server(drafts):
    log = send_drafts(drafts, host="127.0.0.1", port=free_port(), sender="n@nuri.example",
                      recipients=["a@example.com"], unsubscribe_url=UNSUBSCRIBE)
    assert len(log) == 6  # five drafts and the summary line


def test_unfilled_placeholder_is_refused_before_anything_is_sent(smtp_server, drafts):
    controller, inbox = smtp_server
    with pytest.raises(PolicyNoticeError, match="unsubscribe_url"):
        send(controller, drafts, dry_run=False)
    assert inbox.envelopes == []


def test_a_filled_in_draft_needs_no_unsubscribe_url(smtp_server, drafts):
    controller, inbox = smtp_server
    path = drafts[0]
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.SMTP)
    msg.replace_header("List-Unsubscribe", "<mailto:leave@nuri.example>")
    for part in msg.iter_parts():
        content = part.get_content().replace("{{unsubscribe_url}}", "mailto:leave@nuri.example")
        part.set_content(content, subtype=part.get_content_subtype(), charset="utf-8")
    path.write_bytes(msg.as_bytes())
    send(controller, [path], dry_run=False, recipients=["a@example.com"])
    assert len(inbox.envelopes) == 1


@pytest.mark.parametrize("bad", ["a@example.com\r\nBcc: x@example.com", "a@example.com, b@example.com",
                                 "nobody"])
def test_bad_recipients_are_refused(smtp_server, drafts, bad):
    controller, inbox = smtp_server
    with pytest.raises(PolicyNoticeError, match="not an email address"):
        send(controller, drafts, dry_run=False, recipients=[bad], unsubscribe_url=UNSUBSCRIBE)
    assert inbox.envelopes == []


def test_bad_unsubscribe_url_is_refused(drafts):
    with pytest.raises(PolicyNoticeError, match="unsubscribe URL"):
        send_drafts(drafts, host="127.0.0.1", port=1, sender="n@nuri.example",
                    recipients=["a@example.com"], unsubscribe_url="https://x/\r\nBcc: y")


def test_unreachable_server_is_one_line_error(drafts):
    with pytest.raises(PolicyNoticeError) as info:
        send_drafts(drafts, host="127.0.0.1", port=free_port(), sender="n@nuri.example",
                    recipients=["a@example.com"], dry_run=False, unsubscribe_url=UNSUBSCRIBE,
                    timeout=5)
    assert "sending via 127.0.0.1:" in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_draft_names_the_file(tmp_path):
    with pytest.raises(PolicyNoticeError, match="missing.eml"):
        send_drafts([tmp_path / "missing.eml"], host="127.0.0.1", port=1, sender="n@nuri.example",
                    recipients=["a@example.com"])
