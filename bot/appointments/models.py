"""SQLAlchemy tables for appointment requests, webhook deliveries, handoffs, staff notifications and follow-ups."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Text, UniqueConstraint

from bot.storage import Base
from bot.storage.crypto import EncryptedText

STATUSES = ("new", "contacted", "scheduled", "closed")


class AppointmentRequest(Base):
    """A confirmed appointment request from a patient; who the patient is, is encrypted at rest."""

    __tablename__ = "appointment_requests"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(16), unique=True, nullable=False, index=True)
    submission_key = Column(String(64), unique=True, nullable=False)
    status = Column(String(16), nullable=False, default="new", index=True)
    full_name = Column(EncryptedText, nullable=False)
    date_of_birth = Column(EncryptedText, nullable=False)
    phone = Column(EncryptedText)
    email = Column(EncryptedText)
    visit_reason = Column(String(200), nullable=False)
    patient_status = Column(String(16), nullable=False)
    preferred_times = Column(String(200), nullable=False)
    consent = Column(Boolean, nullable=False)
    channel = Column(String(40), nullable=False)
    sender_id = Column(String(255), nullable=False, index=True)
    booked_by = Column(EncryptedText)  # a caregiver booking for the patient ("for their husband")
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    updated_at = Column(DateTime(timezone=True), nullable=False)


class WebhookDelivery(Base):
    """One attempt to notify the clinic's webhook about a new request."""

    __tablename__ = "webhook_deliveries"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(16), nullable=False, index=True)
    attempt = Column(Integer, nullable=False)
    status_code = Column(Integer)
    ok = Column(Boolean, nullable=False)
    error = Column(Text)
    created_at = Column(DateTime(timezone=True), nullable=False)


class HandoffRequest(Base):
    """A patient asked to talk to a person; the conversation is paused until staff resume it."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True, autoincrement=True)
    sender_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(40), nullable=False)
    status = Column(String(16), nullable=False, default="open")
    created_at = Column(DateTime(timezone=True), nullable=False)
    resolved_at = Column(DateTime(timezone=True))


NOTIFICATION_KINDS = ("appointment_request", "handoff", "red_flag")
NOTIFICATION_CHANNELS = ("webhook", "email")
NOTIFICATION_STATUSES = ("pending", "delivered", "dead")


class Notification(Base):
    """One message to staff on one channel, retried from the database until delivered or dead.

    ``subject`` is the request reference, or the follow-up id for handoffs and red flags.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("kind", "subject", "channel", name="uq_notifications_kind_subject_channel"),
        Index("ix_notifications_status_next", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    kind = Column(String(24), nullable=False)
    subject = Column(String(64), nullable=False)
    sender_id = Column(String(255))
    channel = Column(String(16), nullable=False)
    status = Column(String(16), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime(timezone=True), nullable=False)
    last_error = Column(String(200))
    created_at = Column(DateTime(timezone=True), nullable=False)
    delivered_at = Column(DateTime(timezone=True))


class FollowUp(Base):
    """A red-flag conversation or a handoff that staff should look at until someone marks it handled."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_open", "handled_at", "kind"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    kind = Column(String(16), nullable=False)  # red_flag | handoff
    sender_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(40), nullable=False)
    handoff_id = Column(Integer)
    created_at = Column(DateTime(timezone=True), nullable=False)
    handled_at = Column(DateTime(timezone=True))
    handled_by = Column(String(80))
