"""Post each new request to the clinic's webhook, with retries and a delivery record."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from typing import Callable, Optional

from bot.appointments.repository import find_request, record_delivery

logger = logging.getLogger(__name__)


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


def notify_staff(
    reference: str, webhook_url: str, attempts: int = 4, backoff: float = 0.5,
    timeout: float = 5.0, db_url: Optional[str] = None,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """POST the request to ``webhook_url``; retry on errors and 5xx. True when delivered."""
    payload = request_payload(reference, db_url)
    if payload is None or not webhook_url.startswith(("http://", "https://")):
        return False
    body = json.dumps(payload).encode("utf-8")
    for attempt in range(1, attempts + 1):
        status, error = None, None
        try:
            req = urllib.request.Request(  # noqa: S310 - http(s) checked above
                webhook_url, data=body, method="POST",
                headers={"Content-Type": "application/json", "X-HFS-Reference": reference},
            )
            with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as http_error:
            status, error = http_error.code, f"HTTP {http_error.code}"
        except (urllib.error.URLError, OSError) as net_error:
            error = net_error.__class__.__name__
        ok = status is not None and 200 <= status < 300
        record_delivery(reference, attempt, ok, status, error, db_url)
        if ok:
            logger.info("Webhook delivered for %s on attempt %d", reference, attempt)
            return True
        if status is not None and 400 <= status < 500 and status not in (408, 429):
            break  # the receiver refused the payload; retrying will not help
        if attempt < attempts:
            sleep(backoff * (2 ** (attempt - 1)))
    logger.warning("Webhook delivery failed for %s", reference)
    return False
