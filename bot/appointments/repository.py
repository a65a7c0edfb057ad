"""Store appointment requests and handoffs; the only module that writes these tables."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any, List, Optional

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.appointments.models import (
    STATUSES,
    AppointmentRequest,
    HandoffRequest,
    WebhookDelivery,
)
from bot.appointments.notifications import enqueue
from bot.settings import get_settings
from bot.storage import session_scope as _session_scope
from bot.storage.migrate import ensure_schema

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _url(url: Optional[str]) -> str:
    """Appointments live at HFS_APPOINTMENTS_DATABASE_URL, by default DATABASE_URL."""
    return url or get_settings().appointments_database_url


def session_scope(url: Optional[str] = None):  # noqa: ANN201 - a context manager
    """A session on the appointments database."""
    return _session_scope(_url(url))


class StorageError(RuntimeError):
    """The request could not be written to the database."""


@dataclass(frozen=True)
class NewRequest:
    """The validated fields of an appointment request and where it came from."""

    full_name: str
    date_of_birth: str
    phone: Optional[str]
    email: Optional[str]
    visit_reason: str
    patient_status: str
    preferred_times: str
    consent: bool
    channel: str
    sender_id: str
    booked_by: Optional[str] = None

    def submission_key(self) -> str:
        """Same conversation + same answers = same request (double submits, retries)."""
        payload = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def reference(self) -> str:
        """A short reference code derived from the submission key (stable across retries)."""
        number = int(self.submission_key()[:20], 16)
        chars = []
        for _ in range(6):
            number, index = divmod(number, len(_ALPHABET))
            chars.append(_ALPHABET[index])
        return "HFS-" + "".join(chars)


def create_tables(url: Optional[str] = None) -> None:
    """Make sure the appointment tables exist: the database is at the newest migration."""
    ensure_schema(_url(url))


def _existing_reference(session: Any, key: str) -> Optional[str]:
    return session.execute(
        select(AppointmentRequest.reference).where(AppointmentRequest.submission_key == key)
    ).scalar_one_or_none()


def save_request(request: NewRequest, url: Optional[str] = None) -> str:
    """Store the request once and return its reference; raise StorageError on failure."""
    key = request.submission_key()
    try:
        create_tables(url)
        with session_scope(url) as session:
            existing = _existing_reference(session, key)
            if existing:
                return existing
            now = datetime.now(timezone.utc)
            fields = asdict(request)
            session.add(AppointmentRequest(
                reference=request.reference(), submission_key=key, status="new",
                created_at=now, updated_at=now, **fields,
            ))
            enqueue(session, "appointment_request", request.reference(), now=now)  # staff hear of it once
        return request.reference()
    except IntegrityError as error:
        # A concurrent identical submit won the race: the row exists, return it.
        with session_scope(url) as session:
            existing = _existing_reference(session, key)
        if existing:
            return existing
        raise StorageError("reference collision") from error
    except SQLAlchemyError as error:
        raise StorageError(str(error.__class__.__name__)) from error


def find_request(reference: str, url: Optional[str] = None) -> Optional[AppointmentRequest]:
    """The stored request with this reference, if any."""
    with session_scope(url) as session:
        return session.execute(
            select(AppointmentRequest).where(AppointmentRequest.reference == reference)
        ).scalar_one_or_none()


def list_requests(status: Optional[str] = None, url: Optional[str] = None) -> List[AppointmentRequest]:
    """Requests, newest first, optionally filtered by status."""
    query = select(AppointmentRequest).order_by(AppointmentRequest.created_at.desc())
    if status:
        query = query.where(AppointmentRequest.status == status)
    with session_scope(url) as session:
        return list(session.execute(query).scalars())


def set_status(reference: str, status: str, url: Optional[str] = None) -> bool:
    """Move a request to another status; False if there is no such request."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    with session_scope(url) as session:
        result = session.execute(
            update(AppointmentRequest)
            .where(AppointmentRequest.reference == reference)
            .values(status=status, updated_at=datetime.now(timezone.utc))
        )
        return result.rowcount == 1


def record_delivery(reference: str, attempt: int, ok: bool, status_code: Optional[int],
                    error: Optional[str], url: Optional[str] = None) -> None:
    """Keep a record of one webhook delivery attempt."""
    create_tables(url)
    with session_scope(url) as session:
        session.add(WebhookDelivery(
            reference=reference, attempt=attempt, ok=ok, status_code=status_code,
            error=error, created_at=datetime.now(timezone.utc),
        ))


def deliveries(reference: str, url: Optional[str] = None) -> List[WebhookDelivery]:
    """Delivery attempts for a request, in order."""
    with session_scope(url) as session:
        return list(session.execute(
            select(WebhookDelivery).where(WebhookDelivery.reference == reference)
            .order_by(WebhookDelivery.attempt)
        ).scalars())


def open_handoff(sender_id: str, channel: str, url: Optional[str] = None) -> int:
    """Record that a patient asked for a person; returns the handoff id."""
    create_tables(url)
    with session_scope(url) as session:
        row = HandoffRequest(sender_id=sender_id, channel=channel, status="open",
                             created_at=datetime.now(timezone.utc))
        session.add(row)
        session.flush()
        return int(row.id)


def resolve_handoff(sender_id: str, url: Optional[str] = None) -> int:
    """Close the open handoffs of a conversation; returns how many were closed."""
    with session_scope(url) as session:
        result = session.execute(
            update(HandoffRequest)
            .where(HandoffRequest.sender_id == sender_id, HandoffRequest.status == "open")
            .values(status="resolved", resolved_at=datetime.now(timezone.utc))
        )
        return int(result.rowcount)
