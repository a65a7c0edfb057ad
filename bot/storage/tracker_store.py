"""Rasa's SQL tracker store configured from one SQLAlchemy URL, with a validated tracker cache.

- One URL (``DATABASE_URL``) instead of separate dialect/host/db fields.
- Rasa rebuilds a tracker from every stored event of the session on each message and
  counts the session's rows again on each save. This store keeps the trackers it saved in
  a bounded in-process cache and reuses one only when the database's latest event id for
  that conversation and the tracker's event count both match what it saved, so a write by
  another Rasa instance, or a turn that failed before saving, forces a normal reload. A tracker
  saved by Rasa's own path (a new conversation) is cached only if the database holds exactly
  its events. New events are inserted with SQLAlchemy Core, one transaction per save.
- At start it upgrades the project's tables to the newest migration. Saves do not touch the
  console summaries (``bot.storage.summaries``): the console folds new events when it reads and
  in the background; only a redaction, which rewrites stored events, rebuilds its conversation's.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import create_engine, event, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot.appointments.redaction import PERSONAL_SLOTS, form_left, redact
from bot.settings import get_settings
from bot.storage import summaries
from bot.storage.db import _prepare_sqlite
from bot.storage.migrate import ensure_schema

logger = logging.getLogger(__name__)
CACHE_SIZE = 2000
FORM = "appointment_form"
LATEST_EVENT_ID = text("SELECT max(id) FROM events WHERE sender_id = :sender_id")
COUNT_AND_LATEST = text("SELECT count(*), max(id) FROM events WHERE sender_id = :sender_id")


class UrlSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore from a URL, with a cache validated against the database on every read."""

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
        if self.engine.dialect.name == "sqlite":
            # Rasa opens a new SQLite connection for every operation; pool them instead.
            self.engine.dispose()
            self.engine = create_engine(
                self.engine.url, poolclass=QueuePool, pool_size=4, max_overflow=4,
                connect_args={"check_same_thread": False, "timeout": 15},
            )
            event.listen(self.engine, "connect", _sqlite_tracker_pragmas)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._cache: OrderedDict[str, Tuple[int, int, DialogueStateTracker]] = OrderedDict()
        self._cache_lock = threading.Lock()
        try:  # `make run` migrated already; a server started otherwise (tests, containers) does it here
            ensure_schema(raw)
        except SQLAlchemyError as error:
            logger.error("Could not migrate the project's tables (%s); conversations are still stored.",
                         type(error).__name__)

    def _latest_event_id(self, sender_id: str) -> int:
        """The conversation's highest stored event id: one pooled connection and a prebuilt statement
        (an ORM session and select cost several times more, on every message)."""
        with self.engine.connect() as conn:
            latest = conn.execute(LATEST_EVENT_ID, {"sender_id": sender_id}).scalar()
        return int(latest or 0)

    def _remember(self, tracker: DialogueStateTracker, latest_id: int) -> None:
        with self._cache_lock:
            self._cache[tracker.sender_id] = (latest_id, len(tracker.events), tracker)
            self._cache.move_to_end(tracker.sender_id)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _cached(self, sender_id: str) -> Optional[Tuple[int, int, DialogueStateTracker]]:
        with self._cache_lock:
            return self._cache.get(sender_id)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The latest session's tracker: from the cache if still current, else from the events."""
        latest_id = self._latest_event_id(sender_id)
        cached = self._cached(sender_id)
        if cached and cached[0] == latest_id and len(cached[2].events) == cached[1]:
            return cached[2]
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker, latest_id)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert only the events added since this tracker was read or saved here."""
        cached = self._cached(tracker.sender_id)
        if not cached or cached[2] is not tracker or len(tracker.events) < cached[1]:
            await super().save(tracker)
            self._remember_if_whole(tracker)
            self._redact_if_form_left(tracker)
            return
        await self.stream_events(tracker)
        new_events = list(tracker.events)[cached[1]:]
        latest_id = self._insert(tracker.sender_id, new_events) if new_events else cached[0]
        self._remember(tracker, latest_id)
        self._redact_if_form_left(tracker)

    def _insert(self, sender_id: str, events: List[Event]) -> int:
        """Insert the events in one transaction (Core, not the ORM's flush): all but the last in one
        executemany, then the last alone for its id, the highest of the conversation's."""
        statement = self.SQLEvent.__table__.insert()
        rows = [self._row(sender_id, evt) for evt in events]
        with self.engine.begin() as conn:
            if len(rows) > 1:
                conn.execute(statement, rows[:-1])
            return int(conn.execute(statement, rows[-1]).inserted_primary_key[0])

    def _remember_if_whole(self, tracker: DialogueStateTracker) -> None:
        """After Rasa's own save: cache the tracker if the database holds exactly its events (a new
        conversation), so its next turn is not read back; otherwise read it back next time."""
        with self.engine.connect() as conn:
            count, latest = conn.execute(COUNT_AND_LATEST, {"sender_id": tracker.sender_id}).one()
        if count == len(tracker.events):
            self._remember(tracker, int(latest or 0))
        else:
            self._forget(tracker.sender_id)

    def _summarise_again(self, sender_id: str) -> None:
        """Summarise the conversation again from its (rewritten) events; never fails a turn."""
        try:
            with self.engine.begin() as conn:
                summaries.rebuild(conn, sender_id)
        except SQLAlchemyError as error:  # e.g. not migrated yet: the console's sync catches up later
            if not getattr(self, "_summary_warned", False):
                self._summary_warned = True
                logger.warning("Conversation summaries not updated (%s); run python -m bot.storage migrate.",
                               type(error).__name__)

    def _forget(self, sender_id: str) -> None:
        with self._cache_lock:
            self._cache.pop(sender_id, None)

    def _redact_if_form_left(self, tracker: DialogueStateTracker) -> None:
        """After a submit, cancel, restart or new session, cut the form's personal data from the events."""
        if not form_left(_last_two_turns(tracker)) or tracker.active_loop_name == FORM:
            return
        if any(tracker.slots[name].value for name in PERSONAL_SLOTS if name in tracker.slots):
            return
        if self.redact_personal_data(tracker.sender_id):
            self._forget(tracker.sender_id)

    def redact_personal_data(self, sender_id: str) -> int:
        """Rewrite this conversation's stored events without the form's personal data; rows changed."""
        with self.session_scope() as session:
            rows = session.execute(
                select(self.SQLEvent.id, self.SQLEvent.data)
                .where(self.SQLEvent.sender_id == sender_id).order_by(self.SQLEvent.id)
            ).all()
            changed = redact([json.loads(data) for _, data in rows])
            for index, new in changed.items():
                session.execute(update(self.SQLEvent).where(self.SQLEvent.id == rows[index][0])
                                .values(data=json.dumps(new)))
            session.commit()
        if changed:
            self._summarise_again(sender_id)  # its search text held the values just cut
        return len(changed)

    @staticmethod
    def _row(sender_id: str, evt: Event) -> Dict[str, Any]:
        data = evt.as_dict()
        return {"sender_id": sender_id, "type_name": evt.type_name, "timestamp": data.get("timestamp"),
                "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                "action_name": data.get("name"), "data": json.dumps(data)}


def _last_two_turns(tracker: DialogueStateTracker) -> List[Dict[str, Any]]:
    """Kind and action name of this turn's events and the turn before's (a new session starts before
    the message); only what ``form_left`` reads, without serialising the events."""
    events, users = [], 0
    for evt in reversed(tracker.events):
        if isinstance(evt, UserUttered):
            users += 1
            if users == 2:
                break
        events.append({"event": evt.type_name, "name": getattr(evt, "action_name", None)})
    return events


def _sqlite_tracker_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and the writer overlap; NORMAL sync survives a process crash.

    Used only for the embedded profile's conversation log; appointments are written through
    bot.storage with SQLite's default (full) sync.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
