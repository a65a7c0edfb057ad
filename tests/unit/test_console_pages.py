"""The console's pages through Starlette's TestClient: page layout, and live handoff with a recorded Rasa API."""

from __future__ import annotations

import json
import re
import time
from typing import Any, Dict, Iterator, List, Tuple
from urllib.error import URLError

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from starlette.testclient import TestClient

from bot.appointments.repository import open_handoff
from bot.console import app as console_app
from bot.console.accounts import add_user
from bot.console.app import create_app
from bot.console.conversations import EVENTS
from bot.console.models import AuditEntry
from bot.handoff import open_handoffs
from bot.storage import get_engine, session_scope

PASSWORD = "correct horse battery"
PATIENT = "web-patient-1"
PHONE_RX = re.compile(r"555-867-5309")


def store(url: str, sender: str, events: List[Dict[str, Any]]) -> None:
    """Append events to Rasa's events table as the tracker store would."""
    EVENTS.metadata.create_all(get_engine(url), tables=[EVENTS])
    rows = [{"sender_id": sender, "type_name": e["event"], "timestamp": e.get("timestamp", time.time()),
             "data": json.dumps(dict(e, timestamp=e.get("timestamp", time.time())))} for e in events]
    with get_engine(url).begin() as conn:
        conn.execute(EVENTS.insert(), rows)


def user(text: str, channel: str = "socketio") -> Dict[str, Any]:
    return {"event": "user", "text": text, "input_channel": channel,
            "parse_data": {"intent": {"name": "ask_question", "confidence": 0.9}, "entities": []}}


class FakeRasa:
    """Records what the console posts to Rasa's HTTP API and stores it like Rasa would."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.calls: List[Tuple[str, List[Dict[str, Any]], bool]] = []
        self.down = False

    def post_events(self, sender_id: str, events: List[Dict[str, Any]], deliver: bool = False) -> None:
        if self.down:
            raise URLError("connection refused")
        self.calls.append((sender_id, events, deliver))
        store(self.url, sender_id, events)


@pytest.fixture()
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Staff of each role and one web patient waiting for staff (who gave a phone number earlier)."""
    monkeypatch.setenv("HFS_CONSOLE_SECRET", "unit-test-console-secret")
    monkeypatch.setattr("bot.console.accounts._hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    for name, role in (("rita", "reviewer"), ("cora.lee", "coordinator"), ("adam", "admin")):
        add_user(name, role, PASSWORD, db_url)
    store(db_url, PATIENT, [
        user("my number is 555-867-5309"),
        {"event": "slot", "name": "phone", "value": "555-867-5309"},
        user("I want to talk to a person"),
        {"event": "action", "name": "action_human_handoff"},
        {"event": "bot", "text": "I've asked a member of the clinic team to look at this conversation."},
        {"event": "pause"},
        user("is anybody reading this?"),
    ])
    open_handoff(PATIENT, "socketio", db_url)
    return db_url


@pytest.fixture()
def rasa(db: str) -> FakeRasa:
    return FakeRasa(db)


@pytest.fixture()
def app(db: str, rasa: FakeRasa):
    return create_app(db_url=db, https=False, rasa=rasa)


def signed_in(app, name: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token,
                                       "next": "/"}).status_code == 303
    return client


def post(client: TestClient, path: str, data: Dict[str, str] | None = None):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/handoffs").text).group(1)
    return client.post(path, data=dict(data or {}, csrf_token=token))


@pytest.fixture()
def cora(app) -> Iterator[TestClient]:
    with signed_in(app, "cora.lee") as client:
        yield client


def audit_actions(url: str) -> List[Tuple[str, str, str, str]]:
    with session_scope(url) as session:
        return [(a.user, a.action, a.target, a.detail) for a in session.execute(select(AuditEntry)).scalars()]


def test_every_page_module_exposes_its_routes_and_the_app_serves_them(app) -> None:
    paths = {route.path for page in console_app.PAGES for route in page.routes}
    assert {"/login", "/conversations", "/appointments", "/handoffs", "/insights", "/users"} <= paths
    served = {getattr(route, "path", None) for route in app.routes}
    assert paths <= served


def test_waiting_list_shows_the_patient_oldest_first_with_wait_channel_and_messages(app, db: str) -> None:
    store(db, "sms-patient-2", [user("hello?", "twilio"), {"event": "pause"}, user("still there", "twilio")])
    open_handoff("sms-patient-2", "twilio", db)
    with signed_in(app, "cora.lee") as client:
        page = client.get("/handoffs")
    assert page.status_code == 200
    text = page.text
    assert text.index(PATIENT) < text.index("sms-patient-2")  # oldest first
    assert "under a minute" in text and "socketio" in text and "twilio" in text
    assert "is anybody reading this?" in text and "still there" in text
    assert "I want to talk to a person" not in text  # only messages since the pause
    assert "Waiting for staff" in text and 'href="/handoffs"' in text


def test_reviewers_see_the_queue_masked_and_cannot_write_to_patients(app, rasa: FakeRasa, db: str) -> None:
    store(db, "p3", [user("call me on 555-867-5309"), {"event": "pause"}, user("my phone is 555-867-5309")])
    open_handoff("p3", "socketio", db)
    with signed_in(app, "rita") as client:
        assert not PHONE_RX.search(client.get("/handoffs").text)
        page = client.get(f"/handoffs/{PATIENT}")
        assert page.status_code == 200 and "Reply to the patient" not in page.text
        assert post(client, f"/handoffs/{PATIENT}/reply", {"message": "hi"}).status_code == 403
        assert post(client, f"/handoffs/{PATIENT}/handback").status_code == 403
    assert rasa.calls == []


def test_anonymous_and_csrf_less_requests_are_refused(app, rasa: FakeRasa) -> None:
    with TestClient(app, follow_redirects=False) as anon:
        assert anon.get("/handoffs").headers["location"] == "/login?next=%2Fhandoffs"
        assert anon.post(f"/handoffs/{PATIENT}/reply", data={"message": "x"}).status_code == 401
    with signed_in(app, "cora.lee") as client:
        assert client.post(f"/handoffs/{PATIENT}/reply", data={"message": "x"}).status_code == 403
    assert rasa.calls == []


def test_first_reply_joins_then_speaks_through_rasa_to_the_latest_channel(cora: TestClient, rasa: FakeRasa,
                                                                          db: str) -> None:
    page = cora.get(f"/handoffs/{PATIENT}")
    assert "Reply to the patient" in page.text and "Nobody from the staff has joined" in page.text
    response = post(cora, f"/handoffs/{PATIENT}/reply", {"message": "  Hello, I'm reading your messages.  "})
    assert response.status_code == 303 and response.headers["location"] == f"/handoffs/{PATIENT}"
    sender, events, deliver = rasa.calls[0]
    assert sender == PATIENT and deliver is True
    assert [e["metadata"]["staff_event"] for e in events] == ["joined", "message"]
    assert events[0]["text"] == "Cora, clinic coordinator, has joined the conversation and will reply here."
    assert events[1] == {"event": "bot", "text": "Hello, I'm reading your messages.",
                         "metadata": {"staff": "cora.lee", "staff_label": "Cora, clinic coordinator",
                                      "staff_event": "message"}}
    post(cora, f"/handoffs/{PATIENT}/reply", {"message": "Which side is your spasm on?"})
    assert [e["metadata"]["staff_event"] for e in rasa.calls[1][1]] == ["message"]  # joined once only
    transcript = cora.get(f"/handoffs/{PATIENT}").text
    assert "Staff (cora.lee):" in transcript and "Which side is your spasm on?" in transcript
    assert "In the chat: Cora, clinic coordinator." in transcript
    assert "Staff (cora.lee):" in cora.get(f"/conversations/{PATIENT}").text  # the review page too
    actions = [a for a in audit_actions(db) if a[1].startswith("handoff_")]
    assert [(a[0], a[1], a[2]) for a in actions] == [("cora.lee", "handoff_joined", PATIENT),
                                                    ("cora.lee", "handoff_message", PATIENT),
                                                    ("cora.lee", "handoff_message", PATIENT)]
    assert "Which side" not in str(actions) and "chars, sha256" in actions[-1][3]


def test_join_says_who_once(cora: TestClient, rasa: FakeRasa) -> None:
    assert post(cora, f"/handoffs/{PATIENT}/join").status_code == 303
    assert post(cora, f"/handoffs/{PATIENT}/join").status_code == 303
    assert len(rasa.calls) == 1 and rasa.calls[0][1][0]["metadata"]["staff_event"] == "joined"
    assert "Join the conversation" not in cora.get(f"/handoffs/{PATIENT}").text


def test_an_empty_reply_sends_nothing(cora: TestClient, rasa: FakeRasa) -> None:
    response = post(cora, f"/handoffs/{PATIENT}/reply", {"message": "   "})
    assert response.status_code == 400 and "Type a message first." in response.text
    assert rasa.calls == []


def test_hand_back_tells_the_patient_resumes_rasa_and_resolves_the_request(cora: TestClient, rasa: FakeRasa,
                                                                           db: str) -> None:
    response = post(cora, f"/handoffs/{PATIENT}/handback")
    assert response.status_code == 303 and response.headers["location"] == "/handoffs"
    sender, events, deliver = rasa.calls[0]
    assert deliver is True and [e["event"] for e in events] == ["bot", "resume", "slot"]
    assert events[0]["text"].startswith("You're back with the clinic's assistant")
    assert events[0]["metadata"]["staff_event"] == "handback"
    assert events[2] == {"event": "slot", "name": "handoff_requested", "value": False}
    assert open_handoffs(db) == []
    assert "Nobody is waiting." in cora.get("/handoffs").text
    again = post(cora, f"/handoffs/{PATIENT}/reply", {"message": "hello?"})
    assert again.status_code == 409 and len(rasa.calls) == 1
    assert {"handoff_handback", "handoff_resumed"} <= {a[1] for a in audit_actions(db)}


def test_rasa_down_keeps_the_request_open_and_says_nothing_was_sent(cora: TestClient, rasa: FakeRasa,
                                                                     db: str) -> None:
    rasa.down = True
    response = post(cora, f"/handoffs/{PATIENT}/handback")
    assert response.status_code == 502 and "nothing was sent" in response.text
    assert [h.sender_id for h in open_handoffs(db)] == [PATIENT]
    assert "handoff_handback_failed" in {a[1] for a in audit_actions(db)}


def test_the_open_page_refreshes_only_its_transcript_rows(app, cora: TestClient, db: str) -> None:
    page = cora.get(f"/handoffs/{PATIENT}").text
    assert f'data-refresh="/handoffs/{PATIENT}/rows"' in page and '<script src="/static/handoff.js"' in page
    store(db, PATIENT, [user("a new message")])
    rows = cora.get(f"/handoffs/{PATIENT}/rows")
    assert rows.status_code == 200
    assert "a new message" in rows.text and "<ol class=\"transcript\">" in rows.text and "<nav" not in rows.text
    with signed_in(app, "rita") as reviewer:
        assert "555-867-5309" not in reviewer.get(f"/handoffs/{PATIENT}/rows").text
    assert cora.get("/handoffs/nobody/rows").status_code == 404


def test_a_rest_patient_is_flagged_as_unable_to_receive_pushed_replies(cora: TestClient, db: str) -> None:
    store(db, "rest-1", [user("talk to a person", "rest"), {"event": "pause"}])
    open_handoff("rest-1", "rest", db)
    assert "plain REST API" in cora.get("/handoffs/rest-1").text
    assert "plain REST API" not in cora.get(f"/handoffs/{PATIENT}").text
