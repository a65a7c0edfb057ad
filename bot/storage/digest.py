"""What the console needs of a conversation, folded event by event (pure; no database).

A ``Digest`` is updated by ``add`` one Rasa event dict at a time, so it can be kept current
incrementally as the tracker store appends events: the few bits of dialogue state that a later
event needs (inside the form; a patient question still waiting for its reply) are part of it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Set

LOW_CONFIDENCE = 0.35  # logistic-regression confidences over ~20 intents run low; fallback is at 0.25
UNCOVERED_MARK = "doesn't cover"
FLAGS = ("emergency", "fallback", "handoff", "appointment")

Event = Dict[str, Any]


@dataclass
class Digest:
    """Counters, flags and fold state of one conversation (every session)."""

    sender_id: str
    started: Optional[float] = None  # timestamp of the first patient message
    last_at: Optional[float] = None
    channel: str = ""
    turns: int = 0  # patient messages
    fallbacks: int = 0  # unsure outside the form
    red_flags: int = 0
    handoffs: int = 0
    unanswered: int = 0  # unsure, or answered "doesn't cover", outside the form
    min_confidence: float = 1.0
    last_intent: str = ""
    flags: Set[str] = field(default_factory=set)
    intents: Set[str] = field(default_factory=set)
    days: Counter = field(default_factory=Counter)  # patient messages per UTC day
    topics: Counter = field(default_factory=Counter)
    texts: List[str] = field(default_factory=list)  # patient and bot texts, for search
    in_form: bool = False
    awaiting_reply: bool = False  # a question outside the form whose first reply is still to come
    last_event_id: int = 0


def day_of(timestamp: Optional[float]) -> str:
    """The UTC day of a timestamp as YYYY-MM-DD (1970-01-01 when missing, as before)."""
    return datetime.fromtimestamp(timestamp or 0, tz=timezone.utc).strftime("%Y-%m-%d")


def is_unsure(intent: Dict[str, Any]) -> bool:
    """NLU fell back, or was less confident than LOW_CONFIDENCE."""
    confidence = intent.get("confidence")
    return intent.get("name") == "nlu_fallback" or (
        isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE)


def _user(digest: Digest, e: Event) -> None:
    digest.turns += 1
    digest.started = digest.started or e.get("timestamp")
    digest.channel = digest.channel or (e.get("input_channel") or "")
    parse = e.get("parse_data") or {}
    intent = parse.get("intent") or {}
    name, confidence = intent.get("name"), intent.get("confidence")
    if name:
        digest.intents.add(name)
        digest.last_intent = name
    if isinstance(confidence, (int, float)) and not digest.in_form:
        digest.min_confidence = min(digest.min_confidence, float(confidence))
        if confidence < LOW_CONFIDENCE:
            digest.flags.add("fallback")
    if name == "red_flag":
        digest.flags.add("emergency")
        digest.red_flags += 1
    if name == "nlu_fallback":
        digest.flags.add("fallback")
    unsure = is_unsure(intent) and not digest.in_form
    digest.fallbacks += int(unsure)
    digest.unanswered += int(unsure)
    digest.awaiting_reply = not unsure and not digest.in_form
    digest.days[day_of(e.get("timestamp"))] += 1
    digest.topics.update(str(x["value"]) for x in parse.get("entities") or []
                         if x.get("entity") == "topic" and x.get("value") is not None)
    digest.texts.append(e.get("text") or "")


def add(digest: Digest, e: Event) -> Digest:
    """Fold one more event into the digest (in place) and return it."""
    kind = e.get("event")
    digest.last_at = e.get("timestamp") or digest.last_at
    if kind == "active_loop":
        digest.in_form = bool(e.get("name"))
    elif kind == "user":
        _user(digest, e)
    elif kind == "bot":
        text = e.get("text") or ""
        if digest.awaiting_reply:
            digest.awaiting_reply = False
            digest.unanswered += int(UNCOVERED_MARK in text.lower())
        digest.texts.append(text)
    elif kind == "action":
        action = e.get("name")
        if action == "action_emergency_guidance":
            digest.flags.add("emergency")
        elif action == "action_fallback":
            digest.flags.add("fallback")
        elif action == "action_human_handoff":
            digest.flags.add("handoff")
            digest.handoffs += 1
    elif kind == "slot" and e.get("name") == "appointment_reference" and e.get("value"):
        digest.flags.add("appointment")
    return digest


def digest_of(sender_id: str, events: Iterable[Event]) -> Digest:
    """The digest of a whole conversation."""
    digest = Digest(sender_id)
    for e in events:
        add(digest, e)
    return digest
