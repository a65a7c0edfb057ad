"""Erase what is older than the retention period: conversations, closed requests, resolved handoffs.

``python -m bot.ops.retention [--days N] [--dry-run]``; ``make run`` runs it at start-up.
The period is HFS_RETENTION_DAYS (default 365; 0 keeps everything). A conversation counts
from its last event, so an active patient's history is kept; a request is erased only once
staff have closed it, and a conversation with an open handoff is kept. Every erase is written
to the console's audit log.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import List, Optional

from sqlalchemy import delete, func, select

from bot.appointments.follow_up import purge_before
from bot.appointments.models import AppointmentRequest, HandoffRequest, WebhookDelivery
from bot.appointments.repository import create_tables as create_appointment_tables
from bot.console import accounts
from bot.console.conversations import EVENTS, erase
from bot.settings import get_settings
from bot.storage import get_engine, session_scope

WHO = "retention"


@dataclass
class Erased:
    """What one run erased."""

    conversations: List[str] = field(default_factory=list)
    events: int = 0
    requests: List[str] = field(default_factory=list)
    handoffs: int = 0
    follow_ups: int = 0


def old_conversations(cutoff: datetime, url: Optional[str] = None) -> List[str]:
    """Conversations whose last event is older than ``cutoff`` and that wait for nobody."""
    engine = get_engine(url)
    with engine.connect() as conn:
        if not conn.dialect.has_table(conn, "events"):
            return []
        waiting = select(HandoffRequest.sender_id).where(HandoffRequest.status == "open")
        query = (select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
                 .having(func.max(EVENTS.c.timestamp) < cutoff.timestamp())
                 .where(EVENTS.c.sender_id.not_in(waiting)))
        return [row[0] for row in conn.execute(query)]


def closed_requests(cutoff: datetime, url: Optional[str] = None) -> List[str]:
    """References of requests closed before ``cutoff``."""
    with session_scope(url) as session:
        return list(session.execute(select(AppointmentRequest.reference).where(
            AppointmentRequest.status == "closed", AppointmentRequest.updated_at < cutoff)).scalars())


def erase_older_than(days: int, url: Optional[str] = None, now: Optional[datetime] = None,
                     dry_run: bool = False) -> Erased:
    """Erase everything older than ``days`` days (nothing when days is 0) and audit each erase."""
    erased = Erased()
    if days <= 0:
        return erased
    create_appointment_tables(url)
    accounts.create_tables(url)
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    erased.conversations = old_conversations(cutoff, url)
    erased.requests = closed_requests(cutoff, url)
    if dry_run:
        return erased
    for sender in erased.conversations:
        count = erase(sender, url)
        erased.events += count
        accounts.audit(WHO, "erase_conversation", sender, f"{count} events, older than {days} days", url)
    with session_scope(url) as session:
        for reference in erased.requests:
            session.execute(delete(WebhookDelivery).where(WebhookDelivery.reference == reference))
            session.execute(delete(AppointmentRequest).where(AppointmentRequest.reference == reference))
        erased.handoffs = session.execute(delete(HandoffRequest).where(
            HandoffRequest.status != "open", HandoffRequest.resolved_at < cutoff)).rowcount
    erased.follow_ups = purge_before(cutoff, url)  # handled follow-ups, finished notifications
    for reference in erased.requests:
        accounts.audit(WHO, "erase_request", reference, f"closed, older than {days} days", url)
    if erased.handoffs:
        accounts.audit(WHO, "erase_handoffs", "", f"{erased.handoffs} resolved, older than {days} days", url)
    return erased


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.ops.retention")
    parser.add_argument("--days", type=int, default=get_settings().retention_days,
                        help="erase what is older than this (default HFS_RETENTION_DAYS, 0 keeps all)")
    parser.add_argument("--dry-run", action="store_true", help="count only")
    args = parser.parse_args(argv)
    erased = erase_older_than(args.days, dry_run=args.dry_run)
    verb = "Would erase" if args.dry_run else "Erased"
    print(f"Retention ({args.days} days): {verb} {len(erased.conversations)} conversation(s), "
          f"{len(erased.requests)} closed request(s), {erased.handoffs} resolved handoff(s), "
          f"{erased.follow_ups} handled follow-up(s) and finished notification(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
