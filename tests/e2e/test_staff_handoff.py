"""Live handoff end to end: a patient asks for a person, a coordinator answers from the console, hands back.

Once in the web widget (Chromium: the reply appears live over Socket.IO, without a reload) and once over
Twilio SMS (outbound API recorded). Staff messages go through Rasa's HTTP API; red flags are still answered
by the assistant while staff are in the conversation.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from bot.console.accounts import add_user
from bot.console.models import AuditEntry
from bot.handoff import open_handoffs
from bot.knowledge.repository import load_facts
from bot.ops.stack import Stack
from bot.storage import session_scope
from tests.e2e.browser import sign_in
from tests.e2e.conftest import PASSWORD
from tests.e2e.console_client import ConsoleClient
from tests.e2e.test_messaging_channels import ENV, outbound, sent_matching, twilio_post

JOINED = "Cora, clinic coordinator, has joined the conversation"
BACK = "You're back with the clinic's assistant"


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Rasa with the web widget and Twilio SMS (recorded), the patient page, and the console with a coordinator."""
    workdir: Path = tmp_path_factory.mktemp("staff")
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url,
                  env_extra=dict(ENV, HFS_OUTBOUND_RECORD=str(workdir / "outbound.jsonl")))
    try:
        stack.start()
        add_user("cora", "coordinator", PASSWORD, url)
        stack.start_web()
        stack.start_console()
        yield stack
    finally:
        stack.stop()




def audited(stack: Stack, sender: str) -> list:
    with session_scope(stack.database_url) as session:
        rows = session.execute(select(AuditEntry).where(AuditEntry.target == sender)).scalars()
        return [(a.user, a.action) for a in rows]


def widget_has(page, selector: str, pattern: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "([sel, rx]) => Array.from(document.querySelectorAll(sel)).some(m => new RegExp(rx, 'i').test(m.textContent))",
        arg=[selector, pattern], timeout=timeout,
    )


def test_coordinator_answers_a_web_patient_live_and_hands_back(chromium, clinic: Stack) -> None:
    patient = chromium.new_context().new_page()
    patient.goto(clinic.web_url + "/")
    patient.click(".hfs-launcher")

    def ask(text: str) -> None:
        patient.fill("#hfs-input", text)
        patient.keyboard.press("Enter")

    ask("I want to talk to a person")
    widget_has(patient, ".hfs-bot", "clinic team")
    sender = patient.evaluate("JSON.parse(sessionStorage.getItem('hfs-chat-v1')).sessionId")
    assert sender in [h.sender_id for h in open_handoffs(clinic.database_url)]
    ask("is anybody reading this?")
    widget_has(patient, ".hfs-bot", "been told you're waiting")
    ask("hello??")
    widget_has(patient, ".hfs-bot", "clinic team has your messages")  # not silent, not the same words again

    staff = sign_in(chromium, clinic.console_url, "/handoffs", "cora", PASSWORD, "Waiting for staff")
    row = staff.locator("tr", has_text=sender[:16])
    assert "socketio" in row.inner_text() and "is anybody reading this?" in row.inner_text()
    row.locator("a").click()
    staff.wait_for_selector("text=Reply to the patient")
    staff.fill("#message", "Hello, I'm Cora from the clinic. How can I help?")
    staff.click("button:has-text('Send')")
    staff.wait_for_selector("text=In the chat: Cora, clinic coordinator.")

    widget_has(patient, ".hfs-notice", JOINED)  # live: the widget page was never reloaded
    widget_has(patient, ".hfs-staff", "Hello, I'm Cora from the clinic")
    assert "Cora, clinic coordinator" in patient.inner_text(".hfs-staff .hfs-staff-name")
    assert patient.inner_text("#hfs-title") == "Chatting with Cora, clinic coordinator"

    ask("my face suddenly went numb and droopy")  # a red flag is still answered by the assistant
    widget_has(patient, ".hfs-bot", "911")
    ask("can I still get Botox next week?")
    widget_has(patient, ".hfs-bot", "Cora, clinic coordinator can see your message")

    staff.wait_for_selector("text=can I still get Botox next week?")  # the console page refreshes itself
    assert staff.locator(".row-staff", has_text="Staff (cora):").count() == 2  # joined note and the reply
    staff.click("button:has-text('Hand back to the assistant')")
    staff.wait_for_selector("text=Nobody is waiting.")
    widget_has(patient, ".hfs-notice", BACK)
    assert patient.inner_text("#hfs-title") == "Clinic assistant"

    ask("What does an EMG measure?")
    widget_has(patient, ".hfs-bot", "electrical activity")
    actions = {a for _, a in audited(clinic, sender)}
    assert {"handoff_joined", "handoff_message", "handoff_handback", "handoff_resumed"} <= actions


def test_coordinator_answers_an_sms_patient_through_twilio_and_hands_back(clinic: Stack) -> None:
    phone = "+1555" + str(uuid.uuid4().int)[:7]
    assert twilio_post(clinic, "twilio", phone, "I want to talk to a person") == 204
    assert sent_matching(clinic, "twilio", phone, "body", "clinic team")
    console = ConsoleClient(clinic.console_url)
    assert console.login("cora", PASSWORD) == 303
    status, page, _ = console.get("/handoffs")
    assert status == 200 and phone in page and "twilio" in page
    path = f"/handoffs/{phone.replace('+', '%2B')}"
    status, _, headers = console.post(path + "/reply", {"message": "Hi, Cora here. What can I do for you?"},
                                      csrf_from=path)
    assert status == 303, headers
    assert sent_matching(clinic, "twilio", phone, "body", JOINED)
    assert sent_matching(clinic, "twilio", phone, "body", "Hi, Cora here. What can I do for you?")
    assert twilio_post(clinic, "twilio", phone, "my face suddenly went numb and droopy") == 204
    assert sent_matching(clinic, "twilio", phone, "body", "911")
    status, _, _ = console.post(path + "/handback", {}, csrf_from=path)
    assert status == 303
    assert sent_matching(clinic, "twilio", phone, "body", BACK)
    assert twilio_post(clinic, "twilio", phone, "What does an EMG measure?") == 204
    assert sent_matching(clinic, "twilio", phone, "body", "electrical activity")
    bodies = [m["body"] for m in outbound(clinic, "twilio", phone)]
    assert all(m.get("to") == phone for m in outbound(clinic, "twilio", phone)) and len(bodies) >= 6
    assert phone not in [h.sender_id for h in open_handoffs(clinic.database_url)]
    assert re.search(r"Staff \(cora\)", console.get(path)[1])
