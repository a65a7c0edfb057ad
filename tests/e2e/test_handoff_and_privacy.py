"""Human handoff pauses the bot, red flags still get through, staff resume; no personal data in logs."""

from __future__ import annotations

import uuid

from bot.handoff import open_handoffs, resume
from bot.ops.stack import Stack, reply_text

ANSWERS = ["Priya Ramanathan", "2 February 1971", "555-867-5309 and priya.r@example.org",
           "Second opinion", "Returning patient", "Friday afternoons", "Yes, I agree", "yes"]


def test_handoff_pauses_red_flags_still_answered_and_staff_resume(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    assert "clinic team" in reply_text(stack.say(sender, "I want to talk to a person"))
    assert sender in [h.sender_id for h in open_handoffs(stack.database_url)]
    waiting = stack.say(sender, "what is MVD?")  # paused: staff handle it, the patient is told so
    assert len(waiting) == 1 and "clinic team" in reply_text(waiting)
    assert "decompression" not in reply_text(waiting) and "911" not in reply_text(waiting)
    emergency = reply_text(stack.say(sender, "my face suddenly went numb and droopy"))
    assert "911" in emergency
    still = reply_text(stack.say(sender, "is anybody reading this?"))  # still paused afterwards
    assert "clinic team" in still and "(555) 010-2030" in still
    assert resume(sender, stack.url, stack.token, stack.database_url) == 1
    assert "electrical activity" in reply_text(stack.say(sender, "what is an EMG?"))
    assert sender not in [h.sender_id for h in open_handoffs(stack.database_url)]


def test_logs_hold_the_reference_but_no_personal_data(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    stack.say(sender, "book an appointment")
    for answer in ANSWERS:
        messages = stack.say(sender, answer)
    done = reply_text(messages)
    assert "hfs-" in done
    logs = "".join((stack.workdir / name).read_text(errors="ignore")
                   for name in ("actions.log", "rasa0.log"))
    for secret in ("Priya", "Ramanathan", "867-5309", "8675309", "priya.r@example.org", "1971-02-02"):
        assert secret not in logs, secret
    assert done.split("reference is ")[1][:10].upper() in logs
