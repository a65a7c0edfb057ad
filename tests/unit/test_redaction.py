"""The form's personal data is cut from stored events once the form is left."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.appointments.redaction import REDACTED, date_renderings, form_left, redact


def user(text: str, intent: str = "inform") -> Dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent},
                           "entities": [{"entity": "PERSON", "value": text}]}}


def slot(name: str, value: Any) -> Dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def bot(text: str) -> Dict[str, Any]:
    return {"event": "bot", "text": text}


def conversation() -> List[Dict[str, Any]]:
    return [
        user("what is MVD?", "ask_question"), bot("MVD relieves pressure on the facial nerve."),
        user("book an appointment", "request_appointment"),
        user("my name's priya ramanathan"), slot("full_name", "Priya Ramanathan"),
        bot("Thanks, Priya. What is the date of birth?"),
        user("born 2/2/71 i think"), slot("date_of_birth", "1971-02-02"),
        user("call me on 555 867 5309 or priya.r@example.org"),
        slot("contact", "+15558675309 and priya.r@example.org"), slot("phone", "+15558675309"),
        slot("email", "priya.r@example.org"),
        bot("Please check:\n• Name: Priya Ramanathan\n• Date of birth: 1971-02-02\n"
            "• Contact: +15558675309 and priya.r@example.org\n• Reason: Second opinion"),
        user("yes send it", "affirm"), {"event": "action", "name": "action_submit_appointment"},
        bot("Your reference is HFS-ABC234. If anything is urgent, call (555) 010-2030."),
        slot("full_name", None), slot("phone", None),
    ]


def personal_text_left(events: List[Dict[str, Any]], typed: List[str]) -> List[str]:
    """Which typed values still appear anywhere in the events."""
    blob = "\n".join(str(e) for e in events).lower()
    return [value for value in typed if value.lower() in blob]


def apply(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    changed = redact(events)
    return [changed.get(i, e) for i, e in enumerate(events)]


def test_every_typed_value_is_gone_and_the_shape_stays() -> None:
    events = conversation()
    clean = apply(events)
    typed = ["priya", "ramanathan", "2/2/71", "555 867 5309", "8675309", "priya.r@example.org", "1971-02-02"]
    assert personal_text_left(clean, typed) == []
    assert len(clean) == len(events)
    assert [e["event"] for e in clean] == [e["event"] for e in events]
    assert clean[0]["text"] == "what is MVD?" and clean[1] == events[1]  # questions stay readable
    assert clean[3]["text"] == REDACTED and clean[3]["parse_data"]["intent"]["name"] == "inform"
    assert clean[3]["parse_data"]["entities"][0]["value"] == REDACTED
    assert clean[4] == slot("full_name", REDACTED)
    assert "Reason: Second opinion" in clean[12]["text"] and REDACTED in clean[12]["text"]
    assert clean[15]["text"].endswith("call (555) 010-2030.")  # the clinic's number is not personal
    assert clean[16] == slot("full_name", None)


def test_redaction_is_idempotent() -> None:
    once = apply(conversation())
    assert redact(once) == {}


def test_values_inside_other_messages_are_cut_but_not_inside_words() -> None:
    events = [user("Lee Smith"), slot("full_name", "Lee Smith"), user("i sleep badly, is that related?"),
              user("lee here again")]
    clean = apply(events)
    assert clean[2]["text"] == "i sleep badly, is that related?"
    assert clean[3]["text"] == REDACTED


def test_only_leaving_the_form_triggers() -> None:
    assert form_left([{"event": "action", "name": "action_submit_appointment"}])
    assert form_left([{"event": "action", "name": "action_cancel_appointment"}])
    assert form_left([{"event": "restart"}]) and form_left([{"event": "session_started"}])
    assert not form_left([{"event": "action", "name": "appointment_form"}, slot("full_name", "A B")])


def test_date_renderings_cover_common_spellings() -> None:
    shown = date_renderings("1971-02-02")
    assert {"2 February 1971", "February 2, 1971", "02/02/1971"} <= shown
    assert date_renderings("not a date") == set()


def test_a_refused_answer_to_a_personal_question_is_cut_too() -> None:
    events = [slot("requested_slot", "contact"), user("07700 900123"), bot("That number doesn't look right."),
              user("how long does botox last?", "ask_question"), slot("requested_slot", "visit_reason"),
              user("my 555 number")]
    clean = apply(events)
    assert clean[1]["text"] == REDACTED
    assert clean[3]["text"] == "how long does botox last?" and clean[5]["text"] == "my 555 number"
