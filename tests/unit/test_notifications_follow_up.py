"""Red flags and handoffs reach staff and stay on "Needs follow-up" until handled; the console page and badge."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List

import pytest
from argon2 import PasswordHasher
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from starlette.testclient import TestClient

from bot.actions.safety import ActionEmergencyGuidance, ActionHumanHandoff
from bot.appointments import notifications
from bot.appointments.delivery import deliver_due
from bot.appointments.follow_up import (
    badge_counts,
    handoff_requested,
    mark_handled,
    needs_follow_up,
    purge_before,
    red_flag_seen,
    subject,
)
from bot.appointments.models import FollowUp
from bot.appointments.repository import NewRequest, open_handoff, resolve_handoff, save_request
from bot.console import app as console_app
from bot.console.accounts import add_user
from bot.console.models import AuditEntry
from bot.storage import session_scope

LATER = datetime.now(timezone.utc) + timedelta(minutes=5)
PASSWORD = "correct horse battery"


class Sent:
    """A sender that records instead of sending."""

    def __init__(self) -> None:
        self.items: List[notifications.Due] = []

    def __call__(self, item: notifications.Due, settings: Any, url: Any) -> None:
        self.items.append(item)


@pytest.fixture()
def staffed(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both channels configured (nothing is really sent: the tests pass a recording sender)."""
    monkeypatch.setenv("HFS_STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    monkeypatch.setenv("HFS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HFS_SMTP_TO", "desk@clinic.test")
    return db_url


def test_a_red_flag_opens_one_follow_up_and_notifies_on_both_channels(staffed: str) -> None:
    first = red_flag_seen("patient-7", "socketio", url=staffed)
    assert first is not None
    assert red_flag_seen("patient-7", "socketio", url=staffed) is None  # still open: no second alert
    sent = Sent()
    deliver_due(staffed, now=LATER, sender=sent)
    assert sorted((i.kind, i.subject, i.channel, i.sender_id) for i in sent.items) == [
        ("red_flag", subject(first), "email", "patient-7"), ("red_flag", subject(first), "webhook", "patient-7")]
    assert mark_handled(first, "cora", url=staffed)
    assert not mark_handled(first, "cora", url=staffed)
    assert red_flag_seen("patient-7", "socketio", url=staffed) not in (None, first)  # a new episode alerts again


def test_red_flag_webhook_body_has_the_sender_and_no_message(staffed: str) -> None:
    from bot.appointments.notify import follow_up_payload
    from bot.settings import get_settings

    body = follow_up_payload("red_flag", "F3", "patient-7", get_settings())
    assert body["event"] == "red_flag.detected" and body["sender_id"] == "patient-7"
    assert set(body) == {"event", "follow_up", "sender_id", "console_url"}


def test_handoffs_wait_until_answered_or_handled_and_are_counted(staffed: str) -> None:
    save_request(NewRequest("Ann Lee", "1950-01-01", None, "a@b.test", "Botox treatment", "new", "mornings",
                            True, "rest", "p-1"), staffed)
    one = handoff_requested(open_handoff("p-2", "rest", staffed), "p-2", "rest", url=staffed)
    two = handoff_requested(open_handoff("p-3", "rest", staffed), "p-3", "rest", url=staffed)
    red = red_flag_seen("p-4", "rest", url=staffed)
    assert [f.id for f in needs_follow_up(staffed)] == [one, two, red]
    badge = badge_counts(staffed)
    assert (badge.new_requests, badge.waiting_handoffs, badge.red_flags, badge.follow_up) == (1, 2, 1, 3)
    resolve_handoff("p-2", staffed)  # staff answered and handed back
    mark_handled(two, "cora", url=staffed)
    assert [f.id for f in needs_follow_up(staffed)] == [red]
    assert badge_counts(staffed).waiting_handoffs == 0


def tracker(text: str, intent: str) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": "socketio"}]
    return Tracker("patient-9", {}, latest, events, False, None, {}, "action_listen")


async def test_emergency_guidance_alerts_staff_without_the_message(kb: str, monkeypatch) -> None:
    monkeypatch.setenv("HFS_STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    dispatcher = CollectingDispatcher()
    await ActionEmergencyGuidance().run(dispatcher, tracker("my face suddenly drooped and I can't speak",
                                                            "red_flag"), {})
    assert "911" in dispatcher.messages[0]["text"]
    [row] = needs_follow_up(kb)
    assert (row.kind, row.sender_id, row.channel) == ("red_flag", "patient-9", "socketio")
    [queued] = notifications.for_subject(subject(row.id), kb)
    assert queued.channel == "webhook" and "drooped" not in str(vars(queued))


async def test_guidance_is_given_even_if_the_alert_cannot_be_stored(kb: str, monkeypatch) -> None:
    def broken(*args: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr("bot.actions.safety.red_flag_seen", broken)
    dispatcher = CollectingDispatcher()
    events = await ActionEmergencyGuidance().run(dispatcher, tracker("I want to kill myself", "red_flag"), {})
    assert events == [SlotSet("red_flag_raised", "crisis"), SlotSet("crisis_raised", True)]
    assert "988" in dispatcher.messages[0]["text"]


async def test_a_handoff_request_alerts_staff(db_url: str, monkeypatch) -> None:
    monkeypatch.setenv("HFS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HFS_SMTP_TO", "desk@clinic.test")
    await ActionHumanHandoff().run(CollectingDispatcher(), tracker("talk to a person", "human_handoff"), {})
    [row] = needs_follow_up(db_url)
    assert (row.kind, row.sender_id) == ("handoff", "patient-9") and row.handoff_id is not None
    assert [n.channel for n in notifications.for_subject(subject(row.id), db_url)] == ["email"]


def test_retention_forgets_only_finished_items(staffed: str) -> None:
    handled = red_flag_seen("p-old", "rest", url=staffed)
    still_open = red_flag_seen("p-open", "rest", url=staffed)
    mark_handled(handled, "cora", url=staffed)
    for item in notifications.claim_due(LATER, url=staffed):
        if item.subject == subject(handled):
            notifications.record_result(item.id, url=staffed)  # delivered
    assert purge_before(LATER - timedelta(days=1), url=staffed) == 0  # nothing old enough
    assert purge_before(LATER, url=staffed) == 3  # the handled follow-up and its two notifications
    assert [f.id for f in needs_follow_up(staffed)] == [still_open]
    assert {n.status for n in notifications.for_subject(subject(still_open), staffed)} == {"pending"}


# The console page, through Starlette's TestClient.

@pytest.fixture()
def app(staffed: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HFS_CONSOLE_SECRET", "unit-test-console-secret")
    monkeypatch.setattr("bot.console.accounts._hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    for name, role in (("rita", "reviewer"), ("cora.lee", "coordinator")):
        add_user(name, role, PASSWORD, staffed)
    return console_app.create_app(db_url=staffed, https=False)


def signed_in(app: Any, name: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token,
                                       "next": "/"}).status_code == 303
    return client


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.fixture()
def cora(app: Any) -> Iterator[TestClient]:
    with signed_in(app, "cora.lee") as client:
        yield client


def audit(url: str) -> List[Dict[str, str]]:
    with session_scope(url) as session:
        return [{"user": a.user, "action": a.action, "target": a.target}
                for a in session.execute(select(AuditEntry)).scalars()]


def test_follow_up_page_lists_and_marks_handled_with_csrf_and_audit(cora: TestClient, staffed: str) -> None:
    red = red_flag_seen("p-red", "socketio", url=staffed)
    handoff_requested(open_handoff("p-hand", "rest", staffed), "p-hand", "rest", url=staffed)
    page = cora.get("/follow-up")
    assert page.status_code == 200
    assert '<a href="/follow-up">Needs follow-up <span data-badge="follow_up" hidden>' in page.text  # nav badge
    assert '<script src="/static/follow_up_badge.js" defer>' in page.text
    assert 'href="/conversations/p-red"' in page.text and 'href="/handoffs/p-hand"' in page.text
    assert cora.post(f"/follow-up/{red}/handled", data={"csrf_token": "wrong"}).status_code == 403
    done = cora.post(f"/follow-up/{red}/handled", data={"csrf_token": csrf(page.text)})
    assert done.status_code == 303 and done.headers["location"] == f"/follow-up?handled={red}"
    assert "p-red" not in cora.get("/follow-up").text
    with session_scope(staffed) as session:
        assert session.execute(select(FollowUp.handled_by).where(FollowUp.id == red)).scalar_one() == "cora.lee"
    assert {"user": "cora.lee", "action": "follow_up_handled", "target": str(red)} in audit(staffed)
    assert cora.post(f"/follow-up/{red}/handled", data={"csrf_token": csrf(page.text)}).status_code == 400


def test_dead_deliveries_are_shown_and_retried(cora: TestClient, staffed: str) -> None:
    red = red_flag_seen("p-red", "socketio", url=staffed)
    for item in notifications.claim_due(LATER, url=staffed):
        notifications.record_result(item.id, "HTTP 410", permanent=True, url=staffed)
    page = cora.get("/follow-up/deliveries")
    assert page.text.count("HTTP 410") == 2 and subject(red) in page.text
    dead = [n for n in notifications.for_subject(subject(red), staffed) if n.channel == "webhook"][0]
    answer = cora.post(f"/follow-up/deliveries/{dead.id}/retry", data={"csrf_token": csrf(page.text)})
    assert answer.status_code == 303
    assert {n.channel: n.status for n in notifications.for_subject(subject(red), staffed)} == {
        "webhook": "pending", "email": "dead"}
    assert {"user": "cora.lee", "action": "delivery_retry", "target": str(dead.id)} in audit(staffed)


def test_reviewers_cannot_retry_and_strangers_see_nothing(app: Any, staffed: str) -> None:
    red_flag_seen("p-red", "socketio", url=staffed)
    for item in notifications.claim_due(LATER, url=staffed):
        notifications.record_result(item.id, "HTTP 410", permanent=True, url=staffed)
    with signed_in(app, "rita") as rita:
        page = rita.get("/follow-up/deliveries")
        assert page.status_code == 200 and "/retry" not in page.text
        dead_id = notifications.for_subject("F1", staffed)[0].id
        assert rita.post(f"/follow-up/deliveries/{dead_id}/retry",
                         data={"csrf_token": csrf(page.text)}).status_code == 403
    stranger = TestClient(app, follow_redirects=False)
    assert stranger.get("/badge.json").status_code == 303
    assert stranger.get("/follow-up").headers["location"].startswith("/login")


def test_badge_json_counts(cora: TestClient, staffed: str) -> None:
    assert cora.get("/badge.json").json() == {"new_requests": 0, "waiting_handoffs": 0, "red_flags": 0,
                                              "dead_deliveries": 0, "follow_up": 0}
    red_flag_seen("p-red", "socketio", url=staffed)
    handoff_requested(open_handoff("p-hand", "rest", staffed), "p-hand", "rest", url=staffed)
    counts = cora.get("/badge.json")
    assert counts.headers["content-type"] == "application/json"
    assert counts.json()["follow_up"] == 2 and counts.json()["red_flags"] == 1
