"""Per-conversation summary tables, kept current from Rasa's ``events`` table.

The console lists, filters and counts conversations with SQL over these tables instead of reading
every event. ``sync`` folds whatever any writer appended since the last sync (the console calls it
before reading and every ``SYNC_INTERVAL`` seconds in the background; it is also the backfill of
existing conversations); ``refresh`` folds one conversation's new events; ``rebuild`` starts one
conversation over (the tracker store calls it after redaction rewrote the events).

With several writers (Rasa instances on PostgreSQL) event ids can commit out of order, so ``sync``
also re-reads the ``LOOKBACK`` ids below its mark, keeping only events newer than their
conversation's summary.
"""

from __future__ import annotations

import json
from typing import Dict, Iterable, List, Optional, Tuple

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from bot.storage.db import Base, get_engine
from bot.storage.digest import FLAGS, Digest, add

_rasa = MetaData()
EVENTS = Table(  # Rasa's table; read here, never created here
    "events", _rasa,
    Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
    Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
    Column("action_name", String(255)), Column("data", Text),
)
BATCH = 5000  # events read per round of sync
LOOKBACK = 2000  # ids below the sync mark read again: a writer may commit a lower id after a higher one


class ConversationSummary(Base):
    """One conversation: when, where, how many patient messages, flags, fold state."""

    __tablename__ = "conversation_summaries"
    __table_args__ = (Index("ix_conversation_summaries_started", "started"),
                      Index("ix_conversation_summaries_first_event_id", "first_event_id"))

    sender_id = Column(String(255), primary_key=True)
    first_event_id = Column(Integer, nullable=False)
    last_event_id = Column(Integer, nullable=False)
    started = Column(Float)
    last_at = Column(Float)
    channel = Column(String(255), nullable=False, default="")
    turns = Column(Integer, nullable=False, default=0)
    fallbacks = Column(Integer, nullable=False, default=0)
    red_flags = Column(Integer, nullable=False, default=0)
    handoffs = Column(Integer, nullable=False, default=0)
    unanswered = Column(Integer, nullable=False, default=0)
    min_confidence = Column(Float, nullable=False, default=1.0)
    last_intent = Column(String(255), nullable=False, default="")
    emergency = Column(Boolean, nullable=False, default=False)
    fallback = Column(Boolean, nullable=False, default=False)
    handoff = Column(Boolean, nullable=False, default=False)
    appointment = Column(Boolean, nullable=False, default=False)
    in_form = Column(Boolean, nullable=False, default=False)
    awaiting_reply = Column(Boolean, nullable=False, default=False)


class ConversationText(Base):
    """Lower-cased patient and bot texts of a conversation, for the list's search (kept apart: large)."""

    __tablename__ = "conversation_texts"

    sender_id = Column(String(255), primary_key=True)
    text = Column(Text, nullable=False, default="")


class ConversationIntent(Base):
    """An intent the patient expressed in a conversation."""

    __tablename__ = "conversation_intents"
    __table_args__ = (Index("ix_conversation_intents_intent", "intent", "sender_id"),)

    sender_id = Column(String(255), primary_key=True)
    intent = Column(String(255), primary_key=True)


class ConversationDay(Base):
    """Patient messages of a conversation on one UTC day."""

    __tablename__ = "conversation_days"
    __table_args__ = (Index("ix_conversation_days_day", "day", "messages"),)

    sender_id = Column(String(255), primary_key=True)
    day = Column(String(10), primary_key=True)
    messages = Column(Integer, nullable=False)


class ConversationTopic(Base):
    """Mentions of a knowledge-base topic in a conversation's patient messages."""

    __tablename__ = "conversation_topics"
    __table_args__ = (Index("ix_conversation_topics_topic", "topic", "mentions"),)

    sender_id = Column(String(255), primary_key=True)
    topic = Column(String(64), primary_key=True)
    mentions = Column(Integer, nullable=False)


class SummarySync(Base):
    """How far ``sync`` has read the events table (one row)."""

    __tablename__ = "conversation_sync"

    id = Column(Integer, primary_key=True)
    last_event_id = Column(Integer, nullable=False)


SUMMARY = ConversationSummary.__table__
TEXTS = ConversationText.__table__
INTENTS = ConversationIntent.__table__
DAYS = ConversationDay.__table__
TOPICS = ConversationTopic.__table__
SYNC = SummarySync.__table__
CHILDREN = (TEXTS, INTENTS, DAYS, TOPICS)
STATE = ("started", "last_at", "channel", "turns", "fallbacks", "red_flags", "handoffs", "unanswered",
         "min_confidence", "last_intent", "in_form", "awaiting_reply", "last_event_id")


def _load(conn: Connection, sender_ids: List[str]) -> Dict[str, Tuple[Digest, int]]:
    """Stored digests (with their first event id) of these conversations."""
    found: Dict[str, Tuple[Digest, int]] = {}
    for row in conn.execute(select(SUMMARY).where(SUMMARY.c.sender_id.in_(sender_ids))).mappings():
        digest = Digest(row["sender_id"], **{k: row[k] for k in STATE})
        digest.flags = {f for f in FLAGS if row[f]}
        found[digest.sender_id] = (digest, row["first_event_id"])
    if not found:
        return found
    keys = list(found)
    for sender, text in conn.execute(select(TEXTS.c.sender_id, TEXTS.c.text).where(TEXTS.c.sender_id.in_(keys))):
        found[sender][0].texts.append(text)
    for sender, intent in conn.execute(select(INTENTS).where(INTENTS.c.sender_id.in_(keys))):
        found[sender][0].intents.add(intent)
    for sender, day, count in conn.execute(select(DAYS).where(DAYS.c.sender_id.in_(keys))):
        found[sender][0].days[day] = count
    for sender, topic, count in conn.execute(select(TOPICS).where(TOPICS.c.sender_id.in_(keys))):
        found[sender][0].topics[topic] = count
    return found


def search_text(texts: Iterable[str]) -> str:
    """Lower-cased lines of the texts, each line once (replies repeat; search asks only whether a line has it)."""
    return "\n".join(dict.fromkeys(line for text in texts for line in text.lower().split("\n")))


def _store(conn: Connection, digests: Iterable[Tuple[Digest, int]], existed: Iterable[str]) -> None:
    """Write digests back: the summary row, and the child rows replaced."""
    rows = []
    for digest, first_id in digests:
        row = {k: getattr(digest, k) for k in STATE}
        row.update({f: f in digest.flags for f in FLAGS},
                   sender_id=digest.sender_id, first_event_id=first_id, channel=digest.channel[:255],
                   last_intent=digest.last_intent[:255])
        rows.append((digest, row))
    if not rows:
        return
    old = set(existed)
    keys = [d.sender_id for d, _ in rows]
    for table in CHILDREN:
        for start in range(0, len(keys), 500):
            conn.execute(delete(table).where(table.c.sender_id.in_(keys[start:start + 500])))
    new_rows = [row for digest, row in rows if digest.sender_id not in old]
    if new_rows:
        conn.execute(insert(SUMMARY), new_rows)
    for digest, row in rows:
        if digest.sender_id in old:
            conn.execute(update(SUMMARY).where(SUMMARY.c.sender_id == digest.sender_id).values(**row))
    children = {
        TEXTS: [{"sender_id": d.sender_id, "text": search_text(d.texts)} for d, _ in rows],
        INTENTS: [{"sender_id": d.sender_id, "intent": i[:255]} for d, _ in rows for i in d.intents],
        DAYS: [{"sender_id": d.sender_id, "day": k, "messages": v} for d, _ in rows for k, v in d.days.items()],
        TOPICS: [{"sender_id": d.sender_id, "topic": k[:64], "mentions": v} for d, _ in rows
                 for k, v in d.topics.items()],
    }
    for table, values in children.items():
        if values:
            conn.execute(insert(table), values)


def _fold(conn: Connection, events: List[Tuple[int, str, str]]) -> int:
    """Fold (id, sender, data) rows, skipping those a conversation's digest already holds."""
    if not events:
        return 0
    senders = list(dict.fromkeys(sender for _, sender, _ in events))
    stored = {}
    for start in range(0, len(senders), 500):
        stored.update(_load(conn, senders[start:start + 500]))
    existed = set(stored)
    changed: Dict[str, Tuple[Digest, int]] = {}
    for event_id, sender, data in events:
        digest, first_id = stored.get(sender) or (Digest(sender), event_id)
        if event_id <= digest.last_event_id:
            continue
        add(digest, json.loads(data))
        digest.last_event_id = event_id
        stored[sender] = changed[sender] = (digest, first_id)
    _store(conn, changed.values(), existed)
    return len(changed)


def refresh(conn: Connection, sender_id: str) -> int:
    """Fold one conversation's events not yet in its summary; conversations changed (0 or 1)."""
    last = conn.execute(select(SUMMARY.c.last_event_id).where(SUMMARY.c.sender_id == sender_id)).scalar() or 0
    rows = conn.execute(select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.data)
                        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.id > last).order_by(EVENTS.c.id)).all()
    return _fold(conn, [tuple(r) for r in rows]) if rows else 0


def forget(conn: Connection, sender_id: str) -> None:
    """Drop a conversation's summary (its events were erased or are about to be re-read)."""
    for table in (SUMMARY, *CHILDREN):
        conn.execute(delete(table).where(table.c.sender_id == sender_id))


def rebuild(conn: Connection, sender_id: str) -> int:
    """Summarise a conversation again from all its events (after they were rewritten)."""
    forget(conn, sender_id)
    return refresh(conn, sender_id)


def _unfolded(conn: Connection, after: int, batch: int) -> List[Tuple[int, str, str]]:
    """Up to ``batch`` events with an id above ``after`` that their conversation's summary does not hold."""
    query = (select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.data)
             .select_from(EVENTS.outerjoin(SUMMARY, SUMMARY.c.sender_id == EVENTS.c.sender_id))
             .where(EVENTS.c.id > after, or_(SUMMARY.c.last_event_id.is_(None), EVENTS.c.id > SUMMARY.c.last_event_id))
             .order_by(EVENTS.c.id).limit(batch))
    return [tuple(row) for row in conn.execute(query)]


def sync(url: Optional[str] = None, batch: int = BATCH) -> int:
    """Fold every event appended (or committed late, within ``LOOKBACK``) since the last sync; events read."""
    engine = get_engine(url)
    read = 0
    with engine.connect() as conn:
        if not conn.dialect.has_table(conn, "events"):
            return 0
    while True:
        with engine.begin() as conn:
            mark = conn.execute(select(SYNC.c.last_event_id).where(SYNC.c.id == 1)).scalar()
            if mark is None:
                conn.execute(insert(SYNC).values(id=1, last_event_id=0))
                mark = 0
            top = conn.execute(select(func.max(EVENTS.c.id))).scalar() or 0
            rows = _unfolded(conn, max(mark - LOOKBACK, 0), batch)
            _fold(conn, rows)
            done = len(rows) < batch  # every event up to ``top`` is folded now
            new_mark = max(mark, rows[-1][0] if rows else 0, top if done else 0)
            if new_mark > mark:
                conn.execute(update(SYNC).where(SYNC.c.id == 1).values(last_event_id=new_mark))
            read += len(rows)
        if done:
            return read


def pending(url: Optional[str] = None) -> int:
    """Events not yet read by ``sync`` (0 when there is no events table)."""
    with get_engine(url).connect() as conn:
        if not conn.dialect.has_table(conn, "events"):
            return 0
        mark = conn.execute(select(SYNC.c.last_event_id).where(SYNC.c.id == 1)).scalar() or 0
        return int(conn.execute(select(func.count()).select_from(EVENTS).where(EVENTS.c.id > mark)).scalar() or 0)
