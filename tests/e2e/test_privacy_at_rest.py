"""No clear personal data from the form in the tracker store once the form is left; the record is encrypted."""

from __future__ import annotations

import re
import uuid
from typing import List

from sqlalchemy import text

from bot.appointments.repository import find_request
from bot.ops.stack import Stack, reply_text
from bot.storage import get_engine

MESSY = ["hi, what is an emg?", "ok i'd like to book an appointment",
         "my name's priya ramanathan", "born 2/2/1971", "wait, how long does botox last?",
         "2/2/1971", "call me on 555 867 5309 or priya.r@example.org", "second opinion",
         "returning", "friday afternoons", "yes i agree", "yes send it"]
TYPED = ["priya", "ramanathan", "2/2/1971", "1971-02-02", "555 867 5309", "8675309",
         "priya.r@example.org"]


def stored_events(stack: Stack, sender: str) -> str:
    with get_engine(stack.database_url).connect() as conn:
        rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
        return "\n".join(row[0] for row in rows).lower()


def left_in(blob: str, values: List[str]) -> List[str]:
    digits = re.sub(r"\D", "", blob)
    return [v for v in values if v.lower() in blob or (v.isdigit() and v in digits)]


def test_a_completed_form_leaves_no_personal_data_in_the_events(stack: Stack) -> None:
    sender = uuid.uuid4().hex
    for message in MESSY:
        replies = stack.say(sender, message)
    reference = re.search(r"HFS-[A-Z0-9]{6}", " ".join(m.get("text") or "" for m in replies))
    assert reference, replies
    blob = stored_events(stack, sender)
    assert left_in(blob, TYPED) == []
    assert "[redacted]" in blob and "how long does botox last" in blob  # questions stay readable
    record = find_request(reference.group(0), stack.database_url)
    assert (record.full_name, record.date_of_birth, record.phone) == ("Priya Ramanathan", "1971-02-02", "+15558675309")
    with get_engine(stack.database_url).connect() as conn:
        raw = " ".join(str(v) for v in conn.execute(
            text("SELECT * FROM appointment_requests WHERE reference = :r"), {"r": reference.group(0)}).one())
    assert left_in(raw.lower(), TYPED) == [] and "second opinion" in raw.lower()
    # the conversation goes on normally, and a second booking stores its own clear answers
    assert "electrical activity" in reply_text(stack.say(sender, "what is an EMG?"))
    for message in ["book another appointment", "Sam Ramirez", "5 May 1980", "sam@example.org",
                    "Botox treatment", "New patient", "mornings", "yes", "yes"]:
        replies = stack.say(sender, message)
    second = re.search(r"HFS-[A-Z0-9]{6}", " ".join(m.get("text") or "" for m in replies))
    assert second and find_request(second.group(0), stack.database_url).full_name == "Sam Ramirez"
    assert left_in(stored_events(stack, sender), ["sam@example.org", "ramirez", "1980-05-05"]) == []


def test_a_cancelled_or_restarted_form_leaves_nothing_either(stack: Stack) -> None:
    for leave in ("actually cancel that, never mind", "/restart"):
        sender = uuid.uuid4().hex
        for message in ["book an appointment", "Oluwaseun Adeyemi", "11/12/1983", "07700 900123"]:
            stack.say(sender, message)
        assert left_in(stored_events(stack, sender), ["adeyemi"]) == ["adeyemi"]  # kept while the form runs
        stack.say(sender, leave)
        assert left_in(stored_events(stack, sender), ["oluwaseun", "adeyemi", "1983-12-11", "900123"]) == [], leave
        assert reply_text(stack.say(sender, "what is botox?"))
