"""The appointment form over REST ends in exactly one stored row; bad input gets a clear reply."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from bot.appointments.models import AppointmentRequest
from bot.ops.stack import Stack, http_json, reply_text
from bot.storage import session_scope

ANSWERS = ["Maria Lopez", "14 March 1965", "555-123-4567 and maria@example.com", "Botox treatment",
           "New patient", "weekday mornings", "Yes, I agree"]


def rows(stack: Stack, sender: str) -> list:
    with session_scope(stack.database_url) as s:
        return list(s.execute(select(AppointmentRequest).where(AppointmentRequest.sender_id == sender)).scalars())


def test_form_completes_with_a_reference_and_one_row(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    assert "name" in reply_text(stack.say(sender, "can I see a specialist?"))
    for answer in ANSWERS:
        stack.say(sender, answer)
    done = reply_text(stack.say(sender, "yes"))
    reference = re.search(r"hfs-[a-z0-9]{6}", done)
    assert reference, done
    stored = rows(stack, sender)
    assert len(stored) == 1 and stored[0].reference.lower() == reference.group(0)
    assert (stored[0].phone, stored[0].email, stored[0].channel) == ("+15551234567", "maria@example.com", "rest")
    stack.say(sender, "yes")  # a second confirmation stores nothing more
    assert len(rows(stack, sender)) == 1


def test_cancel_stores_nothing(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    stack.say(sender, "book me in")
    stack.say(sender, "Maria Lopez")
    assert re.search("stopped|no problem", reply_text(stack.say(sender, "never mind")))
    assert rows(stack, sender) == []


def test_question_mid_form_then_resume(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    stack.say(sender, "I want an appointment")
    stack.say(sender, "Maria Lopez")
    text = reply_text(stack.say(sender, "wait, how long does botox last?"))
    assert "every few months" in text and "date of birth" in text


def test_bad_input_gets_a_clear_reply_and_the_server_keeps_answering(stack: Stack) -> None:
    url = f"{stack.url}/webhooks/rest/webhook"
    for text in ["", "   ", "<script>alert('x')</script>", "'; DROP TABLE events; --", "\x00\x01\x02",
                 "botox " * 20_000, "a" * 2001]:
        messages = stack.say(uuid.uuid4().hex, text)
        assert messages and all("<script>" not in (m.get("text") or "") for m in messages), text
    for raw in [b"not json", b"\xff\xfe\x00binary", b"{}", b'{"sender": 1}']:
        try:
            http_json(url, raw=raw)
        except Exception as error:  # noqa: BLE001 - a 4xx is the expected refusal
            assert "40" in str(error) or "500" not in str(error)
    assert "microvascular decompression" in reply_text(stack.say("after-bad-input", "what is MVD?"))
