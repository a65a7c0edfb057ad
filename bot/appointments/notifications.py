"""The staff-notification queue: one row per message and channel, retried from the database.

Storing a request, a handoff or a red flag enqueues rows here (``enqueue``); the delivery
worker claims due rows (``claim_due``) and records each outcome (``record_result``) with
exponential backoff, until the row is delivered or, after ``max_attempts``, dead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, List, Optional

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.appointments.models import Notification
from bot.settings import Settings, get_settings
from bot.storage import session_scope
from bot.storage.migrate import ensure_schema

MAX_DELAY = timedelta(hours=6)
LEASE = timedelta(minutes=2)  # a claimed row is not claimed again meanwhile (several workers)


def database_url(url: Optional[str] = None) -> str:
    """Notifications live with the appointments (HFS_APPOINTMENTS_DATABASE_URL)."""
    return url or get_settings().appointments_database_url


def create_tables(url: Optional[str] = None) -> None:
    """Make sure the notification and follow-up tables exist: the database is at the newest migration."""
    ensure_schema(database_url(url))


def now_utc() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(timezone.utc)


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def channels(settings: Optional[Settings] = None) -> List[str]:
    """The channels configured now: the webhook URL and/or SMTP host with recipients."""
    settings = settings or get_settings()
    chosen = ["webhook"] if settings.webhook_url else []
    if settings.smtp_host and settings.smtp_to:
        chosen.append("email")
    return chosen


def enqueue(session: Session, kind: str, subject: str, sender_id: Optional[str] = None,
            on: Optional[Iterable[str]] = None, now: Optional[datetime] = None) -> int:
    """Add one pending row per channel inside ``session`` (the caller's transaction); returns how many."""
    moment = now or now_utc()
    rows = [Notification(kind=kind, subject=subject, sender_id=sender_id, channel=channel, status="pending",
                         attempts=0, next_attempt_at=moment, created_at=moment)
            for channel in (channels() if on is None else on)]
    session.add_all(rows)
    return len(rows)


@dataclass(frozen=True)
class Due:
    """A claimed notification, detached from the session."""

    id: int
    kind: str
    subject: str
    sender_id: Optional[str]
    channel: str
    attempts: int


def claim_due(now: Optional[datetime] = None, limit: int = 20, url: Optional[str] = None) -> List[Due]:
    """Pending rows whose time has come, each leased to this caller for ``LEASE``."""
    moment = now or now_utc()
    claimed: List[Due] = []
    with session_scope(database_url(url)) as session:
        rows = session.execute(
            select(Notification).where(Notification.status == "pending", Notification.next_attempt_at <= moment)
            .order_by(Notification.next_attempt_at).limit(limit)
        ).scalars().all()
        for row in rows:
            taken = session.execute(
                update(Notification)
                .where(Notification.id == row.id, Notification.status == "pending",
                       Notification.next_attempt_at == row.next_attempt_at)
                .values(next_attempt_at=moment + LEASE)
                .execution_options(synchronize_session=False)
            ).rowcount
            if taken == 1:
                claimed.append(Due(row.id, row.kind, row.subject, row.sender_id, row.channel, row.attempts))
    return claimed


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """Delay before the next try after ``attempts`` failures: base, 2×base, 4×base…, at most 6 hours."""
    return min(timedelta(seconds=base_seconds * 2 ** max(0, attempts - 1)), MAX_DELAY)


def record_result(item_id: int, error: Optional[str] = None, permanent: bool = False,
                  now: Optional[datetime] = None, settings: Optional[Settings] = None,
                  url: Optional[str] = None) -> str:
    """Store one attempt's outcome; returns the new status (delivered, pending or dead; gone if purged)."""
    settings = settings or get_settings()
    moment = now or now_utc()
    with session_scope(database_url(url)) as session:
        row = session.get(Notification, item_id)
        if row is None:
            return "gone"  # purged meanwhile
        row.attempts += 1
        if error is None:
            row.status, row.delivered_at, row.last_error = "delivered", moment, None
        else:
            row.last_error = error[:200]
            if permanent or row.attempts >= settings.notify_max_attempts:
                row.status = "dead"
            else:
                row.next_attempt_at = moment + backoff(row.attempts, settings.notify_backoff_seconds)
        return row.status


def retry(item_id: int, now: Optional[datetime] = None, url: Optional[str] = None) -> bool:
    """Put a dead notification back in the queue for a fresh set of attempts."""
    with session_scope(database_url(url)) as session:
        return session.execute(
            update(Notification).where(Notification.id == item_id, Notification.status == "dead")
            .values(status="pending", attempts=0, next_attempt_at=now or now_utc())
            .execution_options(synchronize_session=False)
        ).rowcount == 1


def for_subject(subject: str, url: Optional[str] = None) -> List[Notification]:
    """Every notification about one reference or follow-up, by channel."""
    with session_scope(database_url(url)) as session:
        return list(session.execute(
            select(Notification).where(Notification.subject == subject).order_by(Notification.channel)
        ).scalars())
