"""Read conversations from Rasa's SQL tracker store (every session), summarise, filter, mask."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, select

from bot.appointments.redaction import PERSONAL_SLOTS, REDACTED
from bot.console.models import Review
from bot.storage import get_engine, session_scope

_meta = MetaData()
EVENTS = Table(  # Rasa's table; read here, never created here
    "events", _meta,
    Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
    Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
    Column("action_name", String(255)), Column("data", Text),
)
FLAGS = ("emergency", "fallback", "handoff", "appointment")
LOW_CONFIDENCE = 0.35  # logistic-regression confidences over ~20 intents run low; fallback is at 0.25
EMAIL_RX = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RX = re.compile(r"\+?\d[\d\s().-]{5,}\d")
DATE_RX = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}\b", re.I)


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
    summary = Summary(sender_id, None, "", 0)
    texts = []
    in_form = False  # answers to form questions are not judged by intent confidence
    for e in events:
        kind = e.get("event")
        if kind == "active_loop":
            in_form = bool(e.get("name"))
        if kind == "user":
            summary.turns += 1
            summary.started = summary.started or _ts(e.get("timestamp"))
            summary.channel = summary.channel or (e.get("input_channel") or "")
            intent = (e.get("parse_data") or {}).get("intent") or {}
            name, confidence = intent.get("name"), intent.get("confidence")
            if name:
                summary.intents.add(name)
            if isinstance(confidence, (int, float)) and not in_form:
                summary.min_confidence = min(summary.min_confidence, float(confidence))
                if confidence < LOW_CONFIDENCE:
                    summary.flags.add("fallback")
            if name == "red_flag":
                summary.flags.add("emergency")
            if name == "nlu_fallback":
                summary.flags.add("fallback")
            texts.append(e.get("text") or "")
        elif kind == "action":
            action = e.get("name")
            if action == "action_emergency_guidance":
                summary.flags.add("emergency")
            elif action == "action_fallback":
                summary.flags.add("fallback")
            elif action == "action_human_handoff":
                summary.flags.add("handoff")
        elif kind == "slot" and e.get("name") == "appointment_reference" and e.get("value"):
            summary.flags.add("appointment")
        elif kind == "bot":
            texts.append(e.get("text") or "")
    summary.text = "\n".join(texts).lower()
    return summary


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
        """Whether a conversation passes every filter."""
        day = s.started.date() if s.started else None
        return not (
            (self.since and (day is None or day < self.since))
            or (self.until and (day is None or day > self.until))
            or (self.flag and self.flag not in s.flags)
            or (self.intent and self.intent not in s.intents)
            or (self.max_confidence is not None and s.min_confidence > self.max_confidence)
            or (self.query and self.query.lower() not in s.text)
        )


def reviews(url: Optional[str] = None) -> Dict[str, Review]:
    """Review rows by conversation."""
    with session_scope(url) as session:
        return {r.sender_id: r for r in session.execute(select(Review)).scalars()}


def conversations(filters: Filters, url: Optional[str] = None,
                  events_by_sender: Optional[Dict[str, List[Dict[str, Any]]]] = None) -> List[Summary]:
    """Conversations passing the filters, newest first (``events_by_sender`` if already loaded)."""
    known = reviews(url)
    result = []
    if events_by_sender is None:
        events_by_sender = load_events(url)
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
    """Each patient message with intent, confidence and entities; each bot action and reply."""
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
    with get_engine(url).begin() as conn:
        deleted = conn.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount
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
