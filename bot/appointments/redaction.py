"""Remove the form's personal data from a conversation's stored events.

Once a request is stored or the form is left (cancel, restart, a new session), the name,
date of birth, phone and email live only in the appointment record. The events keep the
conversation's shape (intents, actions, which slots were filled) with the values replaced:

- slot events of personal slots hold ``[redacted]``;
- a patient message that filled a personal slot, answered a question for one (even when the
  answer was refused), or contains one of the values, is replaced whole (its text, parse text
  and entity values); a question asked mid-form stays readable;
- bot messages (the summary, a confirmation) have each value, in its usual renderings, cut out.

Pure functions over Rasa's event dicts; bot.storage applies them to the tracker store.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, Iterable, Optional, Sequence, Set

REDACTED = "[redacted]"
PERSONAL_SLOTS = ("full_name", "date_of_birth", "contact", "phone", "email", "dob_partial")
LEAVE_EVENTS = frozenset({"restart", "session_started"})
LEAVE_ACTIONS = frozenset({"action_submit_appointment", "action_cancel_appointment", "action_restart"})
_SEPARATORS = r"[\s().+-]*"
QUESTION_INTENTS = frozenset({"ask_question", "ask_list_tests", "ask_list_treatments", "ask_uncovered",
                              "ask_personal_advice", "red_flag", "human_handoff"})

Event = Dict[str, Any]


def form_left(new_events: Iterable[Event]) -> bool:
    """Whether these events end the form's use of personal data (submit, cancel, restart, new session)."""
    for event in new_events:
        kind = event.get("event")
        if kind in LEAVE_EVENTS or (kind == "action" and event.get("name") in LEAVE_ACTIONS):
            return True
    return False


def date_renderings(value: str) -> Set[str]:
    """How an ISO date may read in a message: 1959-04-03, 3 April 1959, April 3, 1959, 03/04/1959."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return set()
    month = day.strftime("%B")
    return {value, f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}",
            f"{month} {day.day} {day.year}", f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.month:02d}/{day.day:02d}/{day.year}", f"{day.day}/{day.month}/{day.year}",
            f"{day.month}/{day.day}/{day.year}"}


def _digits_pattern(value: str) -> Optional[str]:
    """A pattern for a phone number's digits with any separators between them."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return None
    national = digits[-10:] if len(digits) > 10 else digits
    return _SEPARATORS.join(re.escape(d) for d in national)


def _values(events: Sequence[Event]) -> Set[str]:
    values: Set[str] = set()
    for event in events:
        value = event.get("value")
        if event.get("event") == "slot" and event.get("name") in PERSONAL_SLOTS and value \
                and value != REDACTED:
            values.add(str(value))
            values.update(date_renderings(str(value)))
            if event.get("name") == "full_name":
                values.update(part for part in str(value).split() if len(part) >= 3)
    return values


def _pattern(values: Set[str]) -> Optional[re.Pattern]:
    parts = [re.escape(v) for v in sorted(values, key=len, reverse=True) if len(v) >= 3]
    parts += [p for p in (_digits_pattern(v) for v in values if re.search(r"\d{3}", v)) if p]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I) if parts else None


def _filled_personal_slot(events: Sequence[Event], start: int) -> bool:
    """Whether the turn starting at ``start`` (a user event) set a personal slot to a value."""
    for event in events[start + 1:]:
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in PERSONAL_SLOTS and event.get("value"):
            return True
    return False


def _answers_personal_question(event: Event, requested: Optional[str]) -> bool:
    """A reply to "what is your phone number?" is personal even when the form refused it."""
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return requested in PERSONAL_SLOTS and intent not in QUESTION_INTENTS


def _redact_user(event: Event) -> Event:
    parse = dict(event.get("parse_data") or {})
    if parse:
        parse["text"] = REDACTED
        parse["entities"] = [dict(e, value=REDACTED) for e in parse.get("entities") or []]
    return dict(event, text=REDACTED, parse_data=parse)


def redact(events: Sequence[Event]) -> Dict[int, Event]:
    """The events that change, by position: personal slots, the messages that gave them, echoes."""
    pattern = _pattern(_values(events))
    changed: Dict[int, Event] = {}
    requested: Optional[str] = None
    for index, event in enumerate(events):
        kind = event.get("event")
        text = event.get("text") or ""
        if kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif kind == "active_loop" and not event.get("name"):
            requested = None
        if kind == "slot" and event.get("name") in PERSONAL_SLOTS and event.get("value") not in (None, REDACTED):
            changed[index] = dict(event, value=REDACTED)
        elif kind == "user" and text != REDACTED and (
                _filled_personal_slot(events, index) or _answers_personal_question(event, requested)
                or (pattern and pattern.search(text))):
            changed[index] = _redact_user(event)
        elif kind == "bot" and pattern and pattern.search(text):
            changed[index] = dict(event, text=pattern.sub(REDACTED, text))
    return changed
