"""Background passes of the action server (outbox flush, staff notifications): one daemon thread each."""

from __future__ import annotations

import logging
import os
import threading
from typing import Callable, Dict, Optional

logger = logging.getLogger(__name__)
_started: Dict[str, threading.Thread] = {}


def start(name: str, interval: float, work: Callable[[], None], switch: str) -> Optional[threading.Thread]:
    """Run ``work`` now and every ``interval`` seconds in a daemon thread, once per process.

    Off when the environment variable ``switch`` is "0" (the unit tests set it). A failing pass is
    logged and tried again on the next one: what it works on is kept in the database or the outbox.
    """
    if os.environ.get(switch, "1") == "0":
        return None
    if name in _started:
        return _started[name]
    pause = threading.Event()  # never set: a wait that a test could cut short

    def loop() -> None:
        while True:
            try:
                work()
            except Exception:  # noqa: BLE001 - the next pass tries again
                logger.warning("%s pass failed; will retry", name)
            pause.wait(interval)

    _started[name] = threading.Thread(target=loop, name=name, daemon=True)
    _started[name].start()
    return _started[name]
