"""Staff accounts: argon2 password hashes, roles, slowed-down repeated failed logins, password changes, audit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List, Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from bot.console import sessions
from bot.console.models import ROLES, AuditEntry, StaffUser
from bot.storage import session_scope
from bot.storage.migrate import ensure_schema

_hasher = PasswordHasher()
FREE_FAILURES = 3  # after this many failures in a row, each further one locks the account longer
MAX_LOCK_SECONDS = 900
MIN_PASSWORD = 10
# One message for an unknown name, a wrong password and a locked account: none reveals that a name exists.
LOGIN_FAILED = "Wrong name or password. Too many failed attempts block signing in for a while."


def create_tables(url: Optional[str] = None) -> None:
    """Make sure the console's tables exist: the database is at the newest migration."""
    ensure_schema(url)


def audit(user: str, action: str, target: str = "", detail: str = "", url: Optional[str] = None) -> None:
    """Append one audit record."""
    with session_scope(url) as session:
        session.add(AuditEntry(at=datetime.now(timezone.utc), user=user, action=action,
                               target=target[:300], detail=detail))


def add_user(name: str, role: str, password: str, url: Optional[str] = None) -> None:
    """Create a staff user; raise ValueError for a bad role, short password or taken name."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    check_password_rules(password)
    create_tables(url)
    with session_scope(url) as session:
        if session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none():
            raise ValueError(f"user {name!r} already exists")
        session.add(StaffUser(name=name, role=role, password_hash=_hasher.hash(password),
                              failed_logins=0, created_at=datetime.now(timezone.utc)))
    audit("cli", "user_add", name, role, url)


def check_password_rules(password: str) -> None:
    """Raise ValueError for a password too short to use."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password must have at least {MIN_PASSWORD} characters")


def set_password(name: str, password: str, actor: str, url: Optional[str] = None) -> int:
    """Give ``name`` a new password, unlock the account and revoke all its sessions; returns how many.

    Raises ValueError for an unknown user or a short password. ``actor`` is who did it, for the audit log.
    """
    check_password_rules(password)
    create_tables(url)
    with session_scope(url) as session:
        user = session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()
        if user is None:
            raise ValueError(f"no user {name!r}")
        user.password_hash = _hasher.hash(password)
        user.failed_logins, user.locked_until = 0, None
    revoked = sessions.revoke_user(name, url)
    audit(actor, "password_change" if actor == name else "password_reset", name, url=url)
    audit(actor, "sessions_revoked", name, f"{revoked} sessions, password changed", url)
    return revoked


def list_users(url: Optional[str] = None) -> List[StaffUser]:
    """All staff users."""
    create_tables(url)
    with session_scope(url) as session:
        return list(session.execute(select(StaffUser).order_by(StaffUser.name)).scalars())


def lock_seconds(failures: int) -> int:
    """How long an account waits after ``failures`` failed logins in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_FAILURES + 1))


def authenticate(name: str, password: str, url: Optional[str] = None) -> tuple[Optional[StaffUser], str]:
    """(user, "") on success; (None, reason for the audit log) otherwise. Failures slow the account down.

    Show LOGIN_FAILED, never the reason: it would tell which names exist.
    """
    create_tables(url)
    now = datetime.now(timezone.utc)
    with session_scope(url) as session:
        user = session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()
        if user is None:
            _hasher.hash(password)  # same work as a real check, so timing does not reveal names
            return None, "unknown user"
        matches = _verify(user.password_hash, password)  # checked even when locked, for the same timing
        locked = user.locked_until
        if locked is not None and locked.tzinfo is None:
            locked = locked.replace(tzinfo=timezone.utc)
        if locked and locked > now:
            return None, f"locked for {int((locked - now).total_seconds()) + 1} s"
        if not matches:
            user.failed_logins += 1
            wait = lock_seconds(user.failed_logins)
            user.locked_until = now + timedelta(seconds=wait) if wait else None
            return None, "wrong password"
        user.failed_logins, user.locked_until = 0, None
        session.flush()
        session.expunge(user)
        return user, ""


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
