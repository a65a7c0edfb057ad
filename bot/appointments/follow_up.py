"""Conversations staff must look at (red flags, handoffs) and the console's queries about them.

A red flag or a handoff opens a follow-up and, in the same transaction, enqueues its staff
notifications. It stays on the "Needs follow-up" list until a staff member marks it handled
(a handoff also leaves the list once staff answer it and hand the conversation back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from bot.appointments import notifications
from bot.appointments.models import AppointmentRequest, FollowUp, HandoffRequest, Notification
from bot.appointments.repository import create_tables
from bot.storage import session_scope

RED_FLAG, HANDOFF = "red_flag", "handoff"


def subject(follow_up_id: int) -> str:
    """The notification subject of a follow-up."""
    return f"F{follow_up_id}"


def _open(session: Session, kind: str, sender_id: str, channel: str, handoff_id: Optional[int],
          now: datetime) -> int:
    row = FollowUp(kind=kind, sender_id=sender_id, channel=channel, handoff_id=handoff_id, created_at=now)
    session.add(row)
    session.flush()
    notifications.enqueue(session, kind, subject(row.id), sender_id, now=now)
    return int(row.id)


def red_flag_seen(sender_id: str, channel: str, now: Optional[datetime] = None,
                  url: Optional[str] = None) -> Optional[int]:
    """Open a red-flag follow-up for the conversation, unless one is still open; returns its id if new."""
    create_tables(url)
    moment = now or notifications.now_utc()
    with session_scope(notifications.database_url(url)) as session:
        already = session.execute(
            select(FollowUp.id).where(FollowUp.kind == RED_FLAG, FollowUp.sender_id == sender_id,
                                      FollowUp.handled_at.is_(None)).limit(1)
        ).scalar_one_or_none()
        return None if already else _open(session, RED_FLAG, sender_id, channel, None, moment)


def handoff_requested(handoff_id: int, sender_id: str, channel: str, now: Optional[datetime] = None,
                      url: Optional[str] = None) -> int:
    """Open a follow-up for a new handoff request and enqueue its notifications."""
    create_tables(url)
    with session_scope(notifications.database_url(url)) as session:
        return _open(session, HANDOFF, sender_id, channel, handoff_id, now or notifications.now_utc())


def _waiting() -> ColumnElement:
    """Unhandled follow-ups; a handoff only while its request is still open."""
    open_handoff = select(HandoffRequest.id).where(HandoffRequest.id == FollowUp.handoff_id,
                                                   HandoffRequest.status == "open").exists()
    return FollowUp.handled_at.is_(None) & or_(FollowUp.kind == RED_FLAG, open_handoff)


def needs_follow_up(url: Optional[str] = None, limit: int = 200) -> List[FollowUp]:
    """Red-flag conversations and unanswered handoffs not yet marked handled, oldest first."""
    create_tables(url)
    with session_scope(notifications.database_url(url)) as session:
        return list(session.execute(
            select(FollowUp).where(_waiting()).order_by(FollowUp.created_at).limit(limit)
        ).scalars())


def find(follow_up_id: int, url: Optional[str] = None) -> Optional[FollowUp]:
    """One follow-up by id."""
    with session_scope(notifications.database_url(url)) as session:
        return session.get(FollowUp, follow_up_id)


def mark_handled(follow_up_id: int, staff: str, now: Optional[datetime] = None,
                 url: Optional[str] = None) -> bool:
    """Take a follow-up off the list; False if unknown or already handled."""
    with session_scope(notifications.database_url(url)) as session:
        return session.execute(
            update(FollowUp).where(FollowUp.id == follow_up_id, FollowUp.handled_at.is_(None))
            .values(handled_at=now or notifications.now_utc(), handled_by=staff[:80])
            .execution_options(synchronize_session=False)
        ).rowcount == 1


def dead_deliveries(url: Optional[str] = None, limit: int = 200) -> List[Notification]:
    """Notifications that gave up, newest first."""
    create_tables(url)
    with session_scope(notifications.database_url(url)) as session:
        return list(session.execute(
            select(Notification).where(Notification.status == "dead")
            .order_by(Notification.created_at.desc()).limit(limit)
        ).scalars())


@dataclass(frozen=True)
class Badge:
    """What the console's live badge shows."""

    new_requests: int
    waiting_handoffs: int
    red_flags: int
    dead_deliveries: int

    @property
    def follow_up(self) -> int:
        """Items on the "Needs follow-up" list."""
        return self.waiting_handoffs + self.red_flags


def badge_counts(url: Optional[str] = None) -> Badge:
    """Counts for the badge, each one indexed SQL aggregate."""
    create_tables(url)
    with session_scope(notifications.database_url(url)) as session:
        def count(query: Select) -> int:
            return int(session.execute(query).scalar_one())

        waiting = select(func.count(FollowUp.id)).where(_waiting())
        return Badge(
            new_requests=count(select(func.count(AppointmentRequest.id)).where(AppointmentRequest.status == "new")),
            waiting_handoffs=count(waiting.where(FollowUp.kind == HANDOFF)),
            red_flags=count(waiting.where(FollowUp.kind == RED_FLAG)),
            dead_deliveries=count(select(func.count(Notification.id)).where(Notification.status == "dead")),
        )


def purge_before(cutoff: datetime, url: Optional[str] = None) -> int:
    """Forget handled follow-ups and finished (delivered or dead) notifications created before ``cutoff``.

    For the retention run; returns how many rows went.
    """
    create_tables(url)
    with session_scope(notifications.database_url(url)) as session:
        gone = session.execute(delete(FollowUp).where(FollowUp.handled_at.is_not(None),
                                                      FollowUp.created_at < cutoff)).rowcount
        return int(gone) + int(session.execute(delete(Notification).where(
            Notification.status.in_(("delivered", "dead")), Notification.created_at < cutoff)).rowcount)
