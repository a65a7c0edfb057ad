"""What staff are told, and how: the webhook (JSON POST) and email (SMTP).

``send`` delivers one queued notification on its channel and raises ``DeliveryError`` on
failure; the queue and its retries live in ``bot.appointments.notifications`` and
``bot.appointments.delivery``. The webhook body of a new request is ``request_payload``,
unchanged. Emails carry as little personal data as possible: the reference, the reason
if it is one of the form's fixed choices, and a link to the console (which asks staff to
sign in); never the name, date of birth, phone or email.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from email.message import EmailMessage
from typing import Callable, Optional, Tuple

from bot.appointments.fields import REASONS
from bot.appointments.repository import find_request, record_delivery
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
TIMEOUT = 10.0


class DeliveryError(RuntimeError):
    """A notification was not delivered; ``permanent`` when retrying cannot help."""

    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


def request_payload(reference: str, url: Optional[str] = None) -> Optional[dict]:
    """The JSON body sent to the clinic: the stored request's fields."""
    row = find_request(reference, url)
    if row is None:
        return None
    return {
        "event": "appointment_request.created", "reference": row.reference,
        "status": row.status, "full_name": row.full_name, "date_of_birth": row.date_of_birth,
        "phone": row.phone, "email": row.email, "visit_reason": row.visit_reason,
        "patient_status": row.patient_status, "booked_by": row.booked_by, "preferred_times": row.preferred_times,
        "consent": row.consent, "channel": row.channel, "sender_id": row.sender_id,
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }


def follow_up_payload(kind: str, subject: str, sender_id: Optional[str], settings: Settings) -> dict:
    """The webhook body of a handoff or red flag: the conversation id and a link, never the message."""
    event = "handoff.requested" if kind == "handoff" else "red_flag.detected"
    return {"event": event, "follow_up": subject, "sender_id": sender_id,
            "console_url": f"{settings.console_url}/follow-up"}


def email_text(kind: str, subject: str, reason: Optional[str], settings: Settings) -> Tuple[str, str]:
    """Subject line and body of a staff email."""
    if kind == "appointment_request":
        shown = reason if reason in REASONS else "Other (see the console)"
        return (f"New appointment request {subject}",
                f"A new appointment request was received.\n\nReference: {subject}\nReason: {shown}\n\n"
                f"Open it in the staff console: {settings.console_url}/appointments?status=new\n")
    if kind == "handoff":
        return ("A patient asked to talk to a person",
                "A patient in the chat asked for a member of the clinic team.\n\n"
                f"Answer them from the staff console: {settings.console_url}/follow-up\n")
    return ("Red flag in a patient conversation",
            "The assistant gave emergency guidance in a conversation. Please review it.\n\n"
            f"Staff console: {settings.console_url}/follow-up\n")


def _post(url: str, body: bytes, headers: dict, timeout: float) -> Tuple[Optional[int], Optional[str]]:
    """POST ``body``; the HTTP status (None if none came back) and an error label without data."""
    if not url.startswith(("http://", "https://")):
        return None, "not an http(s) URL"
    request = urllib.request.Request(  # noqa: S310 - http(s) checked above
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, None
    except urllib.error.HTTPError as http_error:
        return http_error.code, f"HTTP {http_error.code}"
    except (urllib.error.URLError, OSError) as net_error:
        return None, net_error.__class__.__name__


def refused(status: Optional[int]) -> bool:
    """A 4xx other than timeout/too-many: the receiver will not take this body."""
    return status is not None and 400 <= status < 500 and status not in (408, 429)


def post_webhook(url: str, payload: dict, headers: dict, timeout: float = TIMEOUT) -> None:
    """POST the JSON payload; raise DeliveryError unless the receiver answers 2xx."""
    status, error = _post(url, json.dumps(payload).encode("utf-8"), headers, timeout)
    if status is None or not 200 <= status < 300:
        raise DeliveryError(error or f"HTTP {status}", permanent=refused(status) or error == "not an http(s) URL")


def send_email(settings: Settings, subject: str, body: str, timeout: float = TIMEOUT) -> None:
    """Send a plain-text email to HFS_SMTP_TO over SMTP (STARTTLS when HFS_SMTP_STARTTLS=1)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_from, ", ".join(settings.smtp_to), subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise DeliveryError("SMTP recipients refused", permanent=True) from error
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"SMTP {error.smtp_code}", permanent=500 <= error.smtp_code < 600) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(error.__class__.__name__) from error


def send(kind: str, subject: str, sender_id: Optional[str], channel: str,
         settings: Optional[Settings] = None, db_url: Optional[str] = None) -> None:
    """Deliver one notification on ``channel``; raise DeliveryError if it did not go through."""
    settings = settings or get_settings()
    reason = None
    if kind == "appointment_request":
        payload = request_payload(subject, db_url)
        if payload is None:
            raise DeliveryError("request no longer stored", permanent=True)
        reason = payload["visit_reason"]
    else:
        payload = follow_up_payload(kind, subject, sender_id, settings)
    if channel == "webhook":
        if not settings.webhook_url:
            raise DeliveryError("no webhook configured")
        headers = {"X-HFS-Event": payload["event"], "X-HFS-Reference": subject}
        post_webhook(settings.webhook_url, payload, headers)
    elif channel == "email":
        if not (settings.smtp_host and settings.smtp_to):
            raise DeliveryError("no SMTP server configured")
        send_email(settings, *email_text(kind, subject, reason, settings))
    else:
        raise DeliveryError(f"unknown channel {channel}", permanent=True)


def notify_staff(
    reference: str, webhook_url: str, attempts: int = 4, backoff: float = 0.5,
    timeout: float = 5.0, db_url: Optional[str] = None,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """POST one request to ``webhook_url`` now, retrying in-process; True when delivered.

    A manual tool (kept for scripts and its tests): the bot itself goes through the queue.
    """
    payload = request_payload(reference, db_url)
    if payload is None or not webhook_url.startswith(("http://", "https://")):
        return False
    body = json.dumps(payload).encode("utf-8")
    for attempt in range(1, attempts + 1):
        status, error = _post(webhook_url, body, {"X-HFS-Reference": reference}, timeout)
        ok = status is not None and 200 <= status < 300
        record_delivery(reference, attempt, ok, status, error, db_url)
        if ok:
            return True
        if refused(status):
            break  # the receiver refused the payload; retrying will not help
        if attempt < attempts:
            sleep(backoff * (2 ** (attempt - 1)))
    logger.warning("Webhook delivery failed for %s", reference)
    return False
