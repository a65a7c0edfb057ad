"""Retention erases old conversations, closed requests and resolved handoffs, and audits each erase."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, select, update

from bot.appointments.models import AppointmentRequest, HandoffRequest
from bot.appointments.repository import NewRequest, open_handoff, resolve_handoff, save_request
from bot.console.conversations import EVENTS, load_events
from bot.console.models import AuditEntry
from bot.ops.retention import erase_older_than
from bot.storage import get_engine, session_scope

NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)


def talk(url: str, sender: str, days_ago: int) -> None:
    EVENTS.metadata.create_all(get_engine(url), tables=[EVENTS])
    at = (NOW - timedelta(days=days_ago)).timestamp()
    with get_engine(url).begin() as conn:
        conn.execute(insert(EVENTS).values(sender_id=sender, type_name="user", timestamp=at,
                                           data=json.dumps({"event": "user", "text": "hi", "timestamp": at})))


def request(url: str, sender: str, status: str, days_ago: int) -> str:
    reference = save_request(NewRequest("Ann Lee", "1960-01-01", "+15551234567", None, "Second opinion",
                                        "new", "mornings", True, "rest", sender), url)
    with session_scope(url) as session:
        session.execute(update(AppointmentRequest).where(AppointmentRequest.reference == reference)
                        .values(status=status, updated_at=NOW - timedelta(days=days_ago)))
    return reference


def audit_actions(url: str) -> list:
    with session_scope(url) as session:
        return [(a.user, a.action, a.target) for a in session.execute(select(AuditEntry)).scalars()]


def test_old_things_go_recent_and_open_ones_stay(db_url: str) -> None:
    talk(db_url, "old", 400)
    talk(db_url, "recent", 400)
    talk(db_url, "recent", 3)  # an active patient's history counts from the last message
    talk(db_url, "waiting", 400)
    open_handoff("waiting", "rest", db_url)
    open_handoff("done", "rest", db_url)
    resolve_handoff("done", db_url)
    with session_scope(db_url) as session:
        session.execute(update(HandoffRequest).values(resolved_at=NOW - timedelta(days=400)))
    closed = request(db_url, "old", "closed", 400)
    pending = request(db_url, "other", "new", 400)

    erased = erase_older_than(365, db_url, now=NOW)

    assert erased.conversations == ["old"] and erased.events == 1 and erased.requests == [closed]
    assert erased.handoffs == 1
    assert set(load_events(db_url)) == {"recent", "waiting"}
    with session_scope(db_url) as session:
        assert list(session.execute(select(AppointmentRequest.reference)).scalars()) == [pending]
    actions = audit_actions(db_url)
    assert ("retention", "erase_conversation", "old") in actions
    assert ("retention", "erase_request", closed) in actions
    assert any(a[1] == "erase_handoffs" for a in actions)


def test_zero_days_and_dry_runs_erase_nothing(db_url: str) -> None:
    talk(db_url, "old", 4000)
    assert erase_older_than(0, db_url, now=NOW).conversations == []
    assert erase_older_than(30, db_url, now=NOW, dry_run=True).conversations == ["old"]
    assert set(load_events(db_url)) == {"old"}
    assert audit_actions(db_url) == []


def test_handled_follow_ups_are_erased_with_their_age_and_open_ones_stay(db_url: str) -> None:
    from bot.appointments.follow_up import mark_handled, needs_follow_up, red_flag_seen
    from bot.appointments.models import FollowUp

    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    red_flag_seen("old-patient", "rest", now=long_ago, url=db_url)
    red_flag_seen("waiting-patient", "rest", now=long_ago, url=db_url)
    handled = next(f for f in needs_follow_up(db_url) if f.sender_id == "old-patient")
    mark_handled(handled.id, "nina", url=db_url)
    erased = erase_older_than(365, db_url)
    assert erased.follow_ups >= 1
    with session_scope(db_url) as session:
        left = set(session.execute(select(FollowUp.sender_id)).scalars())
    assert left == {"waiting-patient"}  # never handled: it stays until staff see it
