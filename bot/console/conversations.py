"""Conversations for the console: listed, filtered and counted in SQL over the summary tables.

``bot.storage.summaries`` keeps one summary row per conversation current from Rasa's ``events``
table; here they are filtered and paged in SQL. Transcripts still read a conversation's events.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union, overload

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from bot.appointments import periodic
from bot.appointments.redaction import PERSONAL_SLOTS, REDACTED
from bot.console.models import Review
from bot.dialogue.paused import STAFF_KEY, staff_meta
from bot.storage import get_engine, session_scope, summaries
from bot.storage.digest import FLAGS, LOW_CONFIDENCE, digest_of
from bot.storage.migrate import ensure_schema
from bot.storage.summaries import EVENTS, INTENTS, SUMMARY, TEXTS

__all__ = ["EVENTS", "FLAGS", "LOW_CONFIDENCE", "REDACTED", "ConversationList", "Filters", "Summary",
           "conversations", "erase", "events_in_order", "load_events", "mask", "personal_values", "reviews",
           "set_review", "start_sync_worker", "summarize", "transcript"]
EMAIL_RX = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RX = re.compile(r"\+?\d[\d\s().-]{5,}\d")
DATE_RX = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}\b", re.I)
PAGE_BATCH = 500
SYNC_INTERVAL = 30.0  # seconds between background syncs of the summaries
ORDER = (SUMMARY.c.started.desc(), SUMMARY.c.first_event_id)  # newest first; ties in order of arrival
logger = logging.getLogger(__name__)


@dataclass
class Summary:
    """One conversation in the list."""

    sender_id: str
    started: Optional[datetime]
    channel: str
    turns: int
    flags: Set[str] = field(default_factory=set)
    intents: Set[str] = field(default_factory=set)
    min_confidence: float = 1.0
    text: str = ""
    reviewed: bool = False
    tags: str = ""


def _ts(value: Optional[float]) -> Optional[datetime]:
    return datetime.fromtimestamp(value, tz=timezone.utc) if value else None


def load_events(url: Optional[str] = None, sender_id: Optional[str] = None,
                senders: Optional[Sequence[str]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """Every stored event of every session, grouped by conversation, in order (of one or some conversations)."""
    query = select(EVENTS.c.sender_id, EVENTS.c.data).order_by(EVENTS.c.id)
    if sender_id is not None:
        query = query.where(EVENTS.c.sender_id == sender_id)
    if senders is not None:
        query = query.where(EVENTS.c.sender_id.in_(list(senders)))
    grouped: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    with get_engine(url).connect() as conn:
        if not conn.dialect.has_table(conn, "events"):
            return {}
        for sender, data in conn.execute(query):
            grouped[sender].append(json.loads(data))
    return grouped


def events_in_order(sender_ids: Sequence[str], url: Optional[str] = None,
                    batch: int = 200) -> Iterator[Tuple[str, List[Dict[str, Any]]]]:
    """Each listed conversation with its events, in the listed order, read ``batch`` conversations at a time."""
    for start in range(0, len(sender_ids), batch):
        chunk = sender_ids[start:start + batch]
        found = load_events(url, senders=chunk)
        for sender in chunk:
            yield sender, found.get(sender, [])


def summarize(sender_id: str, events: List[Dict[str, Any]]) -> Summary:
    """Start time, channel, turns, flags, intents and lowest confidence of a conversation."""
    d = digest_of(sender_id, events)
    return Summary(sender_id, _ts(d.started), d.channel, d.turns, set(d.flags), set(d.intents), d.min_confidence,
                   "\n".join(d.texts).lower())


def _epoch(day: date) -> float:
    return datetime.combine(day, time(), tzinfo=timezone.utc).timestamp()


@dataclass
class Filters:
    """What the conversation list is narrowed to."""

    since: Optional[date] = None
    until: Optional[date] = None
    flag: str = ""
    intent: str = ""
    max_confidence: Optional[float] = None
    query: str = ""

    def keep(self, s: Summary) -> bool:
        """Whether a conversation passes every filter (for summaries built in Python)."""
        day = s.started.date() if s.started else None
        return not (
            (self.since and (day is None or day < self.since))
            or (self.until and (day is None or day > self.until))
            or (self.flag and self.flag not in s.flags)
            or (self.intent and self.intent not in s.intents)
            or (self.max_confidence is not None and s.min_confidence > self.max_confidence)
            or (self.query and self.query.lower() not in s.text)
        )

    def where(self) -> List[ColumnElement]:
        """The same filters as SQL conditions on the summary table."""
        conditions: List[ColumnElement] = [SUMMARY.c.turns > 0]
        if self.since:
            conditions.append(SUMMARY.c.started >= _epoch(self.since))
        if self.until:
            conditions.append(SUMMARY.c.started < _epoch(self.until + timedelta(days=1)))
        if self.flag in FLAGS:
            conditions.append(SUMMARY.c[self.flag].is_(True))
        elif self.flag:
            conditions.append(SUMMARY.c.turns < 0)  # an unknown flag matches nothing, as before
        if self.intent:
            conditions.append(SUMMARY.c.sender_id.in_(select(INTENTS.c.sender_id)
                                                      .where(INTENTS.c.intent == self.intent)))
        if self.max_confidence is not None:
            conditions.append(SUMMARY.c.min_confidence <= self.max_confidence)
        if self.query:
            conditions.append(SUMMARY.c.sender_id.in_(select(TEXTS.c.sender_id).where(
                TEXTS.c.text.contains(self.query.lower(), autoescape=True))))
        return conditions


def reviews(url: Optional[str] = None, senders: Optional[Sequence[str]] = None) -> Dict[str, Review]:
    """Review rows by conversation (of some conversations)."""
    query = select(Review)
    if senders is not None:
        query = query.where(Review.sender_id.in_(list(senders)))
    with session_scope(url) as session:
        return {r.sender_id: r for r in session.execute(query).scalars()}


def _summary(row: Any) -> Summary:
    return Summary(row["sender_id"], _ts(row["started"]), row["channel"], row["turns"],
                   {f for f in FLAGS if row[f]}, min_confidence=row["min_confidence"])


class ConversationList(Sequence[Summary]):
    """Conversations passing some filters, newest first, read from the database a page at a time.

    ``len()`` counts in SQL; slicing reads only that slice (LIMIT/OFFSET), with its review state.
    """

    def __init__(self, filters: Filters, url: Optional[str] = None) -> None:
        """Nothing is read until the list is used."""
        self.filters, self.url = filters, url
        self._count: Optional[int] = None
        self._ids: Optional[List[str]] = None

    def _matching(self) -> Optional[List[str]]:
        """With a text search, every match in order, found once (the scan of the texts is the cost)."""
        if not self.filters.query:
            return None
        if self._ids is None:
            query = select(SUMMARY.c.sender_id).where(*self.filters.where()).order_by(*ORDER)
            with get_engine(self.url).connect() as conn:
                self._ids = list(conn.execute(query).scalars())
        return self._ids

    def __len__(self) -> int:
        """The number of matching conversations (counted once)."""
        matching = self._matching()
        if matching is not None:
            return len(matching)
        if self._count is None:
            query = select(func.count()).select_from(SUMMARY).where(*self.filters.where())
            with get_engine(self.url).connect() as conn:
                self._count = int(conn.execute(query).scalar() or 0)
        return self._count

    def _read(self, offset: int, limit: int) -> List[Summary]:
        if limit <= 0:
            return []
        matching = self._matching()
        if matching is None:
            query = select(SUMMARY).where(*self.filters.where()).order_by(*ORDER).offset(offset).limit(limit)
        else:
            query = select(SUMMARY).where(SUMMARY.c.sender_id.in_(matching[offset:offset + limit])).order_by(*ORDER)
        with get_engine(self.url).connect() as conn:
            items = [_summary(row) for row in conn.execute(query).mappings()]
            by_id = {s.sender_id: s for s in items}
            ids = list(by_id)
            for sender, intent in conn.execute(select(INTENTS).where(INTENTS.c.sender_id.in_(ids))):
                by_id[sender].intents.add(intent)
        known = reviews(self.url, ids)
        for item in items:
            review = known.get(item.sender_id)
            item.reviewed, item.tags = bool(review and review.reviewed), (review.tags if review else "")
        return items

    @overload
    def __getitem__(self, index: int) -> Summary: ...

    @overload
    def __getitem__(self, index: slice) -> List[Summary]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Summary, List[Summary]]:
        """One conversation, or a slice of them as a list (steps other than 1 read the span)."""
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            span = self._read(start, stop - start)
            return span if step == 1 else span[::step]
        position = index + len(self) if index < 0 else index
        found = self._read(position, 1) if 0 <= position < len(self) else []
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator[Summary]:
        """Every matching conversation, read PAGE_BATCH at a time."""
        for start in range(0, len(self), PAGE_BATCH):
            yield from self._read(start, PAGE_BATCH)


def prepare(url: Optional[str] = None) -> None:
    """Make sure the summary tables exist and hold every stored event.

    A sync that collides with a concurrent writer is left to the next read (the page shows the
    summaries as they are; the events are not lost).
    """
    ensure_schema(url)
    try:
        summaries.sync(url)
    except SQLAlchemyError as error:
        logger.warning("Conversation summaries not brought up to date (%s); retried on the next page.",
                       type(error).__name__)


def start_sync_worker(url: Optional[str] = None, interval: float = SYNC_INTERVAL) -> Optional[threading.Thread]:
    """Keep the summaries current in the background too (Rasa no longer folds them on each save),
    so a page's own sync has little to read; off with HFS_SUMMARY_WORKER=0."""
    return periodic.start("summary-sync", interval, lambda: prepare(url), "HFS_SUMMARY_WORKER")


def conversations(filters: Filters, url: Optional[str] = None,
                  events_by_sender: Optional[Dict[str, List[Dict[str, Any]]]] = None) -> Sequence[Summary]:
    """Conversations passing the filters, newest first (``events_by_sender``: summarise these in Python)."""
    if events_by_sender is None:
        prepare(url)
        return ConversationList(filters, url)
    known = reviews(url)
    result = []
    for sender, events in events_by_sender.items():
        summary = summarize(sender, events)
        if summary.turns == 0 or not filters.keep(summary):
            continue
        review = known.get(sender)
        summary.reviewed, summary.tags = bool(review and review.reviewed), (review.tags if review else "")
        result.append(summary)
    return sorted(result, key=lambda s: s.started or datetime.min.replace(tzinfo=timezone.utc), reverse=True)


def personal_values(events: Iterable[Dict[str, Any]]) -> Set[str]:
    """Values the patient gave for personal fields in this conversation."""
    values = set()
    for e in events:
        if e.get("event") == "slot" and e.get("name") in PERSONAL_SLOTS and e.get("value"):
            values.add(str(e["value"]))
        if e.get("event") == "user" and (e.get("parse_data") or {}).get("intent", {}).get("name") == "inform":
            values.add(e.get("text") or "")
    return {v for v in values if len(v) >= 3}


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """Hide emails, phone numbers, dates and the patient's own form answers."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = EMAIL_RX.sub(REDACTED, text)
    text = PHONE_RX.sub(REDACTED, text)
    return DATE_RX.sub(REDACTED, text)


def transcript(events: List[Dict[str, Any]], masked: bool) -> List[Dict[str, Any]]:
    """Each patient message with intent, confidence and entities; each bot action and reply; staff messages."""
    secrets = personal_values(events) if masked else set()
    clean = (lambda t: mask(t, secrets)) if masked else (lambda t: t)
    rows = []
    for e in events:
        kind = e.get("event")
        when = _ts(e.get("timestamp"))
        if kind == "user":
            parse = e.get("parse_data") or {}
            intent = parse.get("intent") or {}
            rows.append({"kind": "user", "at": when, "text": clean(e.get("text") or ""),
                         "intent": intent.get("name"), "confidence": intent.get("confidence"),
                         "entities": [f"{x.get('entity')}={clean(str(x.get('value')))}"
                                      for x in parse.get("entities") or []],
                         "channel": e.get("input_channel")})
        elif kind == "bot" and staff_meta(e):
            rows.append({"kind": "staff", "at": when, "text": clean(e.get("text") or ""),
                         "staff": str(staff_meta(e)[STAFF_KEY])})
        elif kind == "bot":
            buttons = [b.get("title", "") for b in (e.get("data") or {}).get("buttons") or []]
            rows.append({"kind": "bot", "at": when, "text": clean(e.get("text") or ""), "buttons": buttons})
        elif kind == "action" and e.get("name") != "action_listen":
            rows.append({"kind": "action", "at": when, "text": e.get("name")})
        elif kind in ("pause", "resume", "session_started"):
            rows.append({"kind": "action", "at": when, "text": kind})
    return rows


def erase(sender_id: str, url: Optional[str] = None) -> int:
    """Delete every event and the review of a conversation; returns the number of events deleted."""
    ensure_schema(url)
    with get_engine(url).begin() as conn:
        deleted = conn.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount
        summaries.forget(conn, sender_id)
    with session_scope(url) as session:
        session.execute(delete(Review).where(Review.sender_id == sender_id))
    return int(deleted)


def set_review(sender_id: str, user: str, reviewed: Optional[bool] = None, tags: Optional[str] = None,
               note: Optional[str] = None, url: Optional[str] = None) -> None:
    """Update review status, tags or note."""
    with session_scope(url) as session:
        row = session.get(Review, sender_id) or Review(sender_id=sender_id, reviewed=0, tags="", note="")
        if reviewed is not None:
            row.reviewed = int(reviewed)
        if tags is not None:
            row.tags = ", ".join(t.strip() for t in tags.split(",") if t.strip())[:500]
        if note is not None:
            row.note = note[:5000]
        row.updated_by, row.updated_at = user, datetime.now(timezone.utc)
        session.merge(row)
