"""The console's own tables: staff users, their sessions, review state of conversations, audit log."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text

from bot.storage import Base

ROLES = ("reviewer", "coordinator", "admin")


class StaffUser(Base):
    """A staff account; the password is stored as an argon2 hash."""

    __tablename__ = "console_users"

    id = Column(Integer, primary_key=True, autoincrement=True)
    name = Column(String(80), unique=True, nullable=False)
    role = Column(String(20), nullable=False)
    password_hash = Column(String(255), nullable=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime(timezone=True))
    created_at = Column(DateTime(timezone=True), nullable=False)


class Review(Base):
    """Review status, tags and note of one conversation."""

    __tablename__ = "console_reviews"

    sender_id = Column(String(255), primary_key=True)
    reviewed = Column(Integer, nullable=False, default=0)
    tags = Column(String(500), nullable=False, default="")
    note = Column(Text, nullable=False, default="")
    updated_by = Column(String(80))
    updated_at = Column(DateTime(timezone=True))


class AuditEntry(Base):
    """Who viewed or changed what, and when."""

    __tablename__ = "console_audit"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    user = Column(String(80), nullable=False)
    action = Column(String(40), nullable=False)
    target = Column(String(300), nullable=False, default="")
    detail = Column(Text, nullable=False, default="")


class ConsoleSession(Base):
    """A signed-in browser session; the cookie holds a random id, only its SHA-256 is stored."""

    __tablename__ = "console_sessions"

    id_hash = Column(String(64), primary_key=True)
    user = Column(String(80), nullable=False, index=True)
    role = Column(String(20), nullable=False)
    csrf = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_seen = Column(DateTime(timezone=True), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)
    revoked_at = Column(DateTime(timezone=True))
