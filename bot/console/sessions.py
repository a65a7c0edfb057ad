"""Server-side console sessions: the cookie carries a random id, the database only its SHA-256 and state."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import delete, or_, update
from sqlalchemy.orm import Session

from bot.console.models import ConsoleSession
from bot.storage import session_scope

LIFETIME = timedelta(hours=8)  # absolute, from sign-in
IDLE = timedelta(minutes=30)  # without a request
TOUCH_AFTER = timedelta(seconds=60)  # last_seen is rewritten at most this often
_NO_SYNC = {"synchronize_session": False}  # bulk statements; no loaded rows to keep in step


@dataclass(frozen=True)
class Active:
    """A live session: its stored key (the id's hash), the user, role and CSRF token."""

    key: str
    user: str
    role: str
    csrf: str


def now() -> datetime:
    """The current time in UTC (tests may replace it)."""
    return datetime.now(timezone.utc)


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def digest(token: str) -> str:
    """The stored form of a session id."""
    return hashlib.sha256(token.encode()).hexdigest()


def is_live(row: ConsoleSession, at: datetime) -> bool:
    """Not revoked, within the absolute lifetime and not idle for too long."""
    return row.revoked_at is None and at < _utc(row.expires_at) and at < _utc(row.last_seen) + IDLE


def create(user: str, role: str, url: Optional[str] = None) -> tuple[str, Active]:
    """Start a session; returns the cookie value (a random 32-byte id) and the session. Purges dead rows."""
    token, at = secrets.token_urlsafe(32), now()
    active = Active(digest(token), user, role, secrets.token_urlsafe(32))
    with session_scope(url) as session:
        purge(session, at)
        session.add(ConsoleSession(id_hash=active.key, user=user, role=role, csrf=active.csrf, created_at=at,
                                   last_seen=at, expires_at=at + LIFETIME))
    return token, active


def lookup(token: str, url: Optional[str] = None) -> Optional[Active]:
    """The live session a cookie value names, else None; records the visit."""
    if not token or len(token) > 128:
        return None
    at = now()
    with session_scope(url) as session:
        row = session.get(ConsoleSession, digest(token))
        if row is None or not is_live(row, at):
            return None
        if at - _utc(row.last_seen) > TOUCH_AFTER:
            row.last_seen = at
        return Active(row.id_hash, row.user, row.role, row.csrf)


def revoke(key: str, url: Optional[str] = None) -> bool:
    """End one session (by its stored key); whether it was live."""
    with session_scope(url) as session:
        query = update(ConsoleSession).where(ConsoleSession.id_hash == key, ConsoleSession.revoked_at.is_(None))
        return bool(session.execute(query.values(revoked_at=now()), execution_options=_NO_SYNC).rowcount)


def revoke_user(user: str, url: Optional[str] = None) -> int:
    """End every session of a user; how many were still open."""
    at = now()
    with session_scope(url) as session:
        query = update(ConsoleSession).where(ConsoleSession.user == user, ConsoleSession.revoked_at.is_(None),
                                             ConsoleSession.expires_at > at)
        return int(session.execute(query.values(revoked_at=at), execution_options=_NO_SYNC).rowcount)


def purge(session: Session, at: datetime) -> None:
    """Delete sessions past their absolute or idle expiry (revoked ones go with them)."""
    dead = or_(ConsoleSession.expires_at < at, ConsoleSession.last_seen < at - IDLE)
    session.execute(delete(ConsoleSession).where(dead), execution_options=_NO_SYNC)
