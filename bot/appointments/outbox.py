"""A durable local outbox for requests the database could not take.

Each pending request is one line, a Fernet token of its JSON (personal data is
encrypted at rest here too), appended and fsync'd before the patient is answered.
``flush`` writes pending lines to the database (idempotently, by
submission key) and keeps only those that still fail. A flushed request goes through
``save_request`` like any other, so its staff notifications are queued with it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict
from pathlib import Path
from typing import List, Optional

from bot.appointments import periodic
from bot.appointments.repository import NewRequest, StorageError, save_request
from bot.settings import get_settings
from bot.storage.crypto import decrypt, encrypt

_lock = threading.Lock()
logger = logging.getLogger(__name__)


def _path(path: Optional[Path]) -> Path:
    return path or get_settings().outbox_path


def _line(request: NewRequest) -> str:
    return encrypt(json.dumps(asdict(request), sort_keys=True)) + "\n"


def keep(request: NewRequest, path: Optional[Path] = None) -> bool:
    """Append the request durably; False if even the local file cannot be written."""
    target = _path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _lock, open(target, "a", encoding="utf-8") as handle:
            handle.write(_line(request))
            handle.flush()
            os.fsync(handle.fileno())
        return True
    except OSError:
        return False


def pending(path: Optional[Path] = None) -> List[NewRequest]:
    """Requests waiting in the outbox."""
    target = _path(path)
    if not target.exists():
        return []
    items = []
    for line in target.read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(NewRequest(**json.loads(decrypt(line.strip()))))
    return items


def flush(path: Optional[Path] = None, url: Optional[str] = None) -> List[str]:
    """Store what is pending; return the references stored now. Failures stay queued."""
    target = _path(path)
    with _lock:
        if not target.exists():
            return []
        stored, remaining = [], []
        for request in pending(target):
            try:
                stored.append(save_request(request, url))
            except StorageError:
                remaining.append(request)
        tmp = target.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            for request in remaining:
                handle.write(_line(request))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return stored


def _flush_and_log() -> None:
    stored = flush()
    if stored:
        logger.info("Outbox: stored %d pending request(s): %s", len(stored), ", ".join(stored))


def start_worker(interval: float = 30.0) -> Optional[threading.Thread]:
    """Flush the outbox now and then every ``interval`` seconds in a daemon thread (off when HFS_OUTBOX_WORKER=0)."""
    return periodic.start("outbox-worker", interval, _flush_and_log, "HFS_OUTBOX_WORKER")
