"""The delivery worker: sends due staff notifications and records each outcome in the database.

Runs as a daemon thread in the action server (``start_worker``) or on its own:

    python -m bot.appointments.delivery            # flush the outbox, send what is due, repeat
    python -m bot.appointments.delivery --once     # one pass, for cron or a check

Logs carry notification ids, kinds, channels and error labels only, never personal data.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from typing import Callable, List, Optional

from bot.appointments import notifications, notify, outbox, periodic
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
Sender = Callable[[notifications.Due, Settings, Optional[str]], None]


def send_one(item: notifications.Due, settings: Settings, db_url: Optional[str]) -> None:
    """The real sender: the webhook or SMTP, per the item's channel."""
    notify.send(item.kind, item.subject, item.sender_id, item.channel, settings, db_url)


def deliver_due(db_url: Optional[str] = None, now: Optional[datetime] = None,
                settings: Optional[Settings] = None, sender: Sender = send_one) -> Counter:
    """Try every due notification once; returns how many ended delivered, pending (retry later) or dead."""
    settings = settings or get_settings()
    notifications.create_tables(db_url)
    outcome: Counter = Counter()
    for item in notifications.claim_due(now, url=db_url):
        error, permanent = None, False
        try:
            sender(item, settings, db_url)
        except notify.DeliveryError as failure:
            error, permanent = str(failure), failure.permanent
        except Exception as failure:  # noqa: BLE001 - a bug in one send must not stop the others
            error = failure.__class__.__name__
        status = notifications.record_result(item.id, error, permanent, now, settings, db_url)
        outcome[status] += 1
        log = logger.info if status == "delivered" else logger.warning
        log("Notification %d (%s by %s): %s%s", item.id, item.kind, item.channel, status,
            f" after {error}" if error else "")
    return outcome


def run_once(db_url: Optional[str] = None) -> Counter:
    """Store what waits in the outbox (which enqueues its notifications), then send what is due."""
    try:
        outbox.flush(url=db_url)
    except Exception:  # noqa: BLE001 - the outbox keeps its requests for the next pass
        logger.warning("Outbox flush failed; will retry")
    return deliver_due(db_url)


def start_worker(interval: float = 5.0) -> Optional[threading.Thread]:
    """Send due notifications every ``interval`` seconds in a daemon thread (off when HFS_NOTIFY_WORKER=0)."""
    return periodic.start("notify-worker", interval, deliver_due, "HFS_NOTIFY_WORKER")


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: one pass, or a loop every ``--interval`` seconds."""
    parser = argparse.ArgumentParser(prog="python -m bot.appointments.delivery")
    parser.add_argument("--once", action="store_true", help="one pass, then exit")
    parser.add_argument("--interval", type=float, default=5.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    while True:
        outcome = run_once()
        if args.once:
            print(", ".join(f"{k}: {v}" for k, v in sorted(outcome.items())) or "nothing due")
            return 0
        time.sleep(args.interval)


if __name__ == "__main__":
    sys.exit(main())
