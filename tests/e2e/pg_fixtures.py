"""PostgreSQL and Redis for the multi-instance profile: real local services.

In CI (CI=true) a missing service fails the tests; on a developer machine without
them the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import socket

import pytest

from bot.ops import postgres


def require_services() -> None:
    """Fail in CI, skip elsewhere, when PostgreSQL or Redis is not running locally."""
    redis_up = True
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        redis_up = False
    if postgres.available() and redis_up:
        return
    message = "PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are needed for this profile"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
