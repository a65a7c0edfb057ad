"""Live handoff logic: who is in the chat, the paused notes, the waiting list, staff messages on Socket.IO."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.safety import ActionPausedReply
from bot.channels.messaging import ClinicFacebookInput, VerifiedTwilioInput
from bot.channels.socketio import StaffAwareSocketIOOutput
from bot.console import handoffs
from bot.dialogue.paused import paused_reply, staff_in_chat
from bot.handoff import RasaApi, resume_events

PAUSED = [{"event": "user", "text": "talk to a person"}, {"event": "pause"}]
NOTE = {"event": "action", "name": "action_paused_reply"}


def joined(label: str = "Cora, clinic coordinator") -> Dict[str, Any]:
    return handoffs.staff_event("joined", "cora", label, "joined")


def test_staff_in_chat_counts_only_since_the_latest_pause_and_until_handback() -> None:
    assert staff_in_chat(PAUSED) is None
    assert staff_in_chat(PAUSED + [joined()]) == "Cora, clinic coordinator"
    handed_back = PAUSED + [joined(), handoffs.handback_event("cora", "coordinator"), {"event": "resume"}]
    assert staff_in_chat(handed_back) is None
    assert staff_in_chat(handed_back + PAUSED) is None  # a new handoff starts with nobody
    assert staff_in_chat(PAUSED + [{"event": "bot", "text": "assistant", "metadata": {}}]) is None


def test_paused_notes_are_never_empty_and_never_the_same_twice_in_a_row() -> None:
    events = list(PAUSED)
    notes = []
    for _ in range(5):
        notes.append(paused_reply(events))
        events += [{"event": "user", "text": "hello?"}, NOTE]
    assert all(notes) and all(a != b for a, b in zip(notes, notes[1:]))
    assert "opening hours" in notes[0] and all(len(n) < len(notes[0]) for n in notes[1:])
    assert all("clinic team" in n and "(555) 010-2030" in n for n in notes)


def test_with_staff_in_the_chat_the_note_says_who_has_the_message() -> None:
    events = PAUSED + [joined()]
    first = paused_reply(events)
    second = paused_reply(events + [NOTE])
    assert "Cora, clinic coordinator" in first and "Cora, clinic coordinator" in second and first != second


async def test_paused_reply_action_answers_even_right_after_a_staff_message() -> None:
    events = PAUSED + [handoffs.staff_event("hi", "cora", "Cora, clinic coordinator", "message"),
                       {"event": "user", "text": "is anybody reading this?"}]
    tracker = Tracker("p1", {}, {"text": "is anybody reading this?", "intent": {"name": "ask_question"}}, events,
                      True, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionPausedReply().run(dispatcher, tracker, {})
    assert ["Cora, clinic coordinator can see your message and will answer here."] == [
        m["text"] for m in dispatcher.messages]


def test_reply_joins_first_with_first_name_and_role() -> None:
    events = handoffs.reply_events(PAUSED, " Hello \r\nthere ", "ana.silva@clinic", "admin")
    assert [e["text"] for e in events] == ["Ana, clinic team, has joined the conversation and will reply here.",
                                            "Hello \nthere"]
    assert handoffs.reply_events(PAUSED + [joined()], "x", "cora", "coordinator")[0]["metadata"]["staff_event"] == (
        "message")
    taking_over = handoffs.reply_events(PAUSED + [joined()], "x", "ana", "admin")  # a colleague takes over
    assert taking_over[0]["text"].startswith("Ana, clinic team, has joined")
    with pytest.raises(ValueError):
        handoffs.reply_events(PAUSED, " \n ", "ana", "admin")
    assert len(handoffs.reply_events(PAUSED, "y" * 5000, "ana", "admin")[-1]["text"]) == handoffs.MAX_REPLY


def test_resume_sends_the_note_before_unpausing() -> None:
    note = handoffs.handback_event("cora", "coordinator")
    assert resume_events(note) == [note, {"event": "resume"},
                                   {"event": "slot", "name": "handoff_requested", "value": False}]
    assert resume_events()[0] == {"event": "resume"}


@dataclass
class Row:
    sender_id: str
    channel: str
    created_at: datetime


def test_waiting_list_one_row_per_conversation_oldest_first() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    rows = [Row("b", "twilio", now - timedelta(minutes=5)), Row("a", "socketio", now - timedelta(hours=2)),
            Row("b", "twilio", now - timedelta(minutes=1))]
    events = {"a": PAUSED + [{"event": "user", "text": f"m{i}"} for i in range(5)], "b": PAUSED[:1]}
    items = handoffs.waiting(rows, events, now)
    assert [(w.sender_id, handoffs.wait_text(w.wait)) for w in items] == [("a", "2 h 00 min"), ("b", "5 min")]
    assert items[0].last_messages == ["m2", "m3", "m4"] and items[1].last_messages == ["talk to a person"]


@pytest.mark.parametrize("seconds, text", [(30, "under a minute"), (61, "1 min"), (3 * 86400 + 7200, "3 d 2 h")])
def test_wait_text(seconds: int, text: str) -> None:
    assert handoffs.wait_text(timedelta(seconds=seconds)) == text


class FakeSio:
    def __init__(self) -> None:
        self.sent: List[tuple] = []

    async def emit(self, event: str, data: Any, room: str) -> None:
        self.sent.append((event, data, room))


async def test_socketio_output_tells_the_widget_who_wrote() -> None:
    sio = FakeSio()
    output = StaffAwareSocketIOOutput(sio, "bot_uttered")
    event = handoffs.staff_event("Hello.\n\nHow are you?", "cora", "Cora, clinic coordinator", "message")
    message = dict(text=event["text"], timestamp=1.0, **event["metadata"])
    await output.send_response("session-1", message)
    await output.send_response("session-1", {"text": "An assistant answer", "timestamp": 2.0})
    assert sio.sent == [
        ("bot_uttered", {"text": "Hello.", "staff": "Cora, clinic coordinator", "staff_event": "message"}, "session-1"),
        ("bot_uttered", {"text": "How are you?", "staff": "Cora, clinic coordinator", "staff_event": "message"},
         "session-1"),
        ("bot_uttered", {"text": "An assistant answer"}, "session-1"),
    ]


def test_rasa_api_keeps_phone_and_whatsapp_ids_as_rasa_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: List[Any] = []

    class Answer:
        def __enter__(self) -> Answer:
            return self

        def __exit__(self, *_: Any) -> None:
            return None

    monkeypatch.setattr("urllib.request.urlopen", lambda request, timeout: seen.append(request) or Answer())
    api = RasaApi("http://rasa:5005/", "tok")
    api.post_events("whatsapp:+15551234567", [{"event": "resume"}], deliver=True)
    api.post_events("+15551234567", [{"event": "resume"}])
    assert seen[0].full_url == ("http://rasa:5005/conversations/whatsapp:+15551234567/tracker/events?token=tok"
                                "&include_events=NONE&output_channel=latest&execute_side_effects=true")
    assert seen[1].full_url.startswith("http://rasa:5005/conversations/+15551234567/tracker/events?")
    assert "output_channel" not in seen[1].full_url and seen[0].data == b'[{"event": "resume"}]'


async def test_messaging_channels_deliver_messages_sent_through_the_http_api(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "outbound.jsonl"
    monkeypatch.setenv("HFS_OUTBOUND_RECORD", str(record))
    staff = dict(handoffs.staff_event("Hi, Cora here.", "cora", "Cora, clinic coordinator", "message")["metadata"])
    facebook = ClinicFacebookInput.from_credentials({"verify": "v", "secret": "s", "page-access-token": "t"})
    sms = VerifiedTwilioInput.from_credentials({"account_sid": "AC" + "0" * 32, "auth_token": "x",
                                                "twilio_number": "+15550001111"})
    for channel, recipient in ((facebook, "psid-1"), (sms, "+15557654321")):
        await channel.get_output_channel().send_response(recipient, dict(text="Hi, Cora here.", **staff))
    rows = [json.loads(line) for line in record.read_text().splitlines()]
    assert [(r["channel"], r["recipient"]) for r in rows] == [("facebook", "psid-1"), ("twilio", "+15557654321")]
    assert rows[0]["payload"]["text"] == "Hi, Cora here." and rows[1]["payload"]["body"] == "Hi, Cora here."
