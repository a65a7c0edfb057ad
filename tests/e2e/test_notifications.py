"""Staff notifications through the real servers: a completed form, a request recovered from the outbox, a red
flag and a handoff reach a local webhook and a local SMTP server (aiosmtpd), sent by the action server's worker."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator, List

import pytest
from aiosmtpd.controller import Controller

from bot.appointments import outbox
from bot.appointments.repository import NewRequest
from bot.console.accounts import add_user
from bot.knowledge.repository import load_facts
from bot.ops.stack import Stack, free_port, reply_text
from tests.e2e.browser import sign_in
from tests.e2e.conftest import PASSWORD
from tests.local_servers import Hook, Mailbox

FORM = ["book an appointment", "Rosa Delgado", "3 April 1959", "555-867-5309", "Surgical consultation (MVD)",
        "Returning patient", "Tuesdays", "Yes, I agree", "yes"]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Servers whose staff channels are a local webhook and a local mail server."""
    hook, mailbox = Hook([]), Mailbox(free_port())
    smtp = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    smtp.start()
    workdir: Path = tmp_path_factory.mktemp("notify")
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url, env_extra={
        "HFS_STAFF_WEBHOOK_URL": hook.url, "HFS_SMTP_HOST": "127.0.0.1", "HFS_SMTP_PORT": str(mailbox.port),
        "HFS_SMTP_TO": "desk@clinic.test", "HFS_NOTIFY_INTERVAL": "0.5", "HFS_NOTIFY_WORKER": "1",
        "HFS_OUTBOX_WORKER": "1", "HFS_OUTBOX_INTERVAL": "1"})
    try:
        stack.start()
        yield stack, hook, mailbox
    finally:
        stack.stop()
        smtp.stop()
        hook.server.shutdown()


def eventually(found: Callable[[], List], want: int = 1, seconds: float = 20) -> List:
    """What ``found`` returns once it holds ``want`` items (or at the deadline)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(found()) >= want:
            return found()
        time.sleep(0.2)
    return found()


def test_a_completed_form_reaches_the_webhook_and_email(clinic: tuple) -> None:
    stack, hook, mailbox = clinic
    sender = f"notify-{uuid.uuid4().hex[:8]}"
    replies = [reply_text(stack.say(sender, turn)) for turn in FORM]
    found = re.search(r"HFS-[A-Z0-9]{6}", replies[-1], re.I)
    assert found, replies
    reference = found.group(0).upper()
    bodies = eventually(lambda: [b for b in hook.bodies if b.get("reference") == reference])
    assert len(bodies) == 1 and bodies[0]["full_name"] == "Rosa Delgado" and bodies[0]["sender_id"] == sender
    mails = eventually(lambda: [m for _, m in mailbox.messages if reference in m["Subject"]])
    assert len(mails) == 1 and "Rosa" not in mails[0].get_payload()


def test_red_flag_and_handoff_reach_staff_without_the_message(clinic: tuple) -> None:
    stack, hook, mailbox = clinic
    sender = f"notify-{uuid.uuid4().hex[:8]}"
    assert "911" in reply_text(stack.say(sender, "my face suddenly went numb and droopy"))
    stack.say(sender, "I want to talk to a person")
    events = eventually(lambda: sorted(b["event"] for b in hook.bodies if b.get("sender_id") == sender
                                       and b["event"] != "appointment_request.created"), want=2)
    assert events == ["handoff.requested", "red_flag.detected"]
    assert all("numb" not in str(b) for b in hook.bodies)
    subjects = eventually(lambda: [m["Subject"] for _, m in mailbox.messages if "Red flag" in m["Subject"]
                                   or "talk to a person" in m["Subject"]], want=2)
    assert sorted(subjects) == ["A patient asked to talk to a person", "Red flag in a patient conversation"]


def test_a_request_recovered_from_the_outbox_reaches_the_webhook_and_email(clinic: tuple) -> None:
    stack, hook, mailbox = clinic
    kept = NewRequest(full_name="Omar Haddad", date_of_birth="1948-07-02", phone="+15550100200", email=None,
                      visit_reason="Botox treatment", patient_status="returning", preferred_times="Fridays",
                      consent=True, channel="socketio", sender_id=f"notify-{uuid.uuid4().hex[:8]}")
    assert outbox.keep(kept, stack.workdir / "outbox.jsonl")  # as when the database was down at submit
    reference = kept.reference()
    bodies = eventually(lambda: [b for b in hook.bodies if b.get("reference") == reference])
    assert len(bodies) == 1 and bodies[0]["full_name"] == "Omar Haddad"
    mails = eventually(lambda: [m for _, m in mailbox.messages if reference in m["Subject"]])
    assert len(mails) == 1 and "Omar" not in mails[0].get_payload()
    assert outbox.pending(stack.workdir / "outbox.jsonl") == []


def test_the_badge_goes_up_live_and_a_follow_up_is_handled_in_the_browser(
        clinic: tuple, chromium) -> None:
    stack, _, _ = clinic
    add_user("nina", "coordinator", PASSWORD, stack.database_url)
    stack.start_console()
    try:
        from playwright.sync_api import expect

        page = sign_in(chromium, stack.console_url, "/login", "nina", PASSWORD, "Conversations")
        badge = page.locator("nav [data-badge=follow_up]")
        page.wait_for_selector("nav [data-badge=follow_up][data-loaded]", state="attached")  # first poll done
        before = int(badge.text_content() or 0)
        sender = f"notify-{uuid.uuid4().hex[:8]}"
        stack.say(sender, "my face suddenly went numb and droopy")
        expect(badge).to_have_text(str(before + 1), timeout=25000)  # no reload: the page polls /badge.json
        page.click("nav >> text=Needs follow-up")
        row = page.locator("tr", has_text=sender[:16])
        row.locator("button:has-text('Mark handled')").click()
        page.wait_for_selector("text=Marked as handled.")
        assert page.locator("tr", has_text=sender[:16]).count() == 0
        page.wait_for_selector("nav [data-badge=follow_up][data-loaded]", state="attached")
        assert int(page.locator("nav [data-badge=follow_up]").text_content() or 0) == before
    finally:
        stack.stop_process("console")
