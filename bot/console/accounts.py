"""Staff accounts: argon2 password hashes, roles, slowed-down repeated failed logins, audit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List, Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from bot.console.models import ROLES, AuditEntry, Review, StaffUser
from bot.storage import Base, get_engine, session_scope

_hasher = PasswordHasher()
FREE_FAILURES = 3  # after this many failures in a row, each further one locks the account longer
MAX_LOCK_SECONDS = 900


def create_tables(url: Optional[str] = None) -> None:
    """Create the console's tables if missing."""
    tables = [StaffUser.__table__, Review.__table__, AuditEntry.__table__]
    Base.metadata.create_all(get_engine(url), tables=tables)


def audit(user: str, action: str, target: str = "", detail: str = "", url: Optional[str] = None) -> None:
    """Append one audit record."""
    with session_scope(url) as session:
        session.add(AuditEntry(at=datetime.now(timezone.utc), user=user, action=action,
                               target=target[:300], detail=detail))


def add_user(name: str, role: str, password: str, url: Optional[str] = None) -> None:
    """Create a staff user; raise ValueError for a bad role, short password or taken name."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise ValueError("password must have at least 10 characters")
    create_tables(url)
    with session_scope(url) as session:
        if session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none():
            raise ValueError(f"user {name!r} already exists")
        session.add(StaffUser(name=name, role=role, password_hash=_hasher.hash(password),
                              failed_logins=0, created_at=datetime.now(timezone.utc)))
    audit("cli", "user_add", name, role, url)


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
    """(user, "") on success; (None, reason) otherwise. Failures slow the account down."""
    create_tables(url)
    now = datetime.now(timezone.utc)
    with session_scope(url) as session:
        user = session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()
        if user is None:
            _hasher.hash(password)  # same work as a real check, so timing does not reveal names
            return None, "Wrong name or password."
        locked = user.locked_until
        if locked is not None and locked.tzinfo is None:
            locked = locked.replace(tzinfo=timezone.utc)
        if locked and locked > now:
            return None, f"Too many failed attempts. Try again in {int((locked - now).total_seconds()) + 1} s."
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            wait = lock_seconds(user.failed_logins)
            user.locked_until = now + timedelta(seconds=wait) if wait else None
            return None, "Wrong name or password."
        user.failed_logins, user.locked_until = 0, None
        session.flush()
        session.expunge(user)
        return user, ""
