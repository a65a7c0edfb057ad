"""Rasa's SQL tracker store configured from one SQLAlchemy URL (``DATABASE_URL``)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url

from bot.settings import get_settings
from bot.storage.db import _prepare_sqlite


class UrlSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose connection comes from a URL instead of separate fields."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        url: Optional[str] = None,
        **kwargs: Dict[str, Any],
    ) -> None:
        """Use ``url`` (endpoint), else ``host`` if it is a URL, else DATABASE_URL."""
        raw = url or (host if host and "://" in host else None) or get_settings().database_url
        _prepare_sqlite(raw)
        parsed = make_url(raw)
        for key in ("dialect", "port", "db", "username", "password", "query"):
            kwargs.pop(key, None)
        super().__init__(
            domain=domain,
            dialect=parsed.drivername,
            host=parsed.host,
            port=parsed.port,
            db=parsed.database or "",
            username=parsed.username,
            password=parsed.password,
            event_broker=event_broker,
            query=dict(parsed.query) or None,
            **kwargs,
        )
