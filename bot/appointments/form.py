"""One turn of the appointment form: which slots a message fills, and what to tell the patient.

Pure logic over the form's slots, so that it is tested without Rasa. The validation
action (bot.actions.appointment) is a thin adapter around ``form_step``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Mapping, Optional

from bot.appointments.extract import details_in
from bot.appointments.fields import BY_SLOT, FIELD_LABELS, FIELDS, Checked, clean, detect_correction, field_named
from bot.appointments.parsing import find_year

MAX_FAILURES = 3
CONFIRM = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|y|sure|ok|okay|correct|right|perfect|great|fine|confirm(?:ed)?|"
    r"send|go ahead|submit|looks good|all good|that'?s (?:right|correct|fine|it|good)|sounds good|"
    r"please do|do it)\b", re.I)
CHANGE = re.compile(r"\b(?:change|edit|fix|update|wrong|mistake|incorrect|not (?:right|correct)|"
                    r"isn'?t (?:right|correct))\b", re.I)


@dataclass
class FormTurn:
    """What one message does to the form."""

    slots: Dict[str, Any] = field(default_factory=dict)
    messages: List[Dict[str, Any]] = field(default_factory=list)

    def say(self, text: str, buttons: Optional[List[Dict[str, str]]] = None) -> None:
        """Add a message for the patient."""
        self.messages.append({"text": text, **({"buttons": buttons} if buttons else {})})


def _accept(turn: FormTurn, slot: str, checked: Checked) -> None:
    turn.slots[slot] = checked.value
    turn.slots.update({key: (value or None) for key, value in checked.extra})
    if slot == "booked_by":
        turn.slots["caregiver_booking"] = True
    if slot == "date_of_birth":
        turn.slots["dob_partial"] = None


def _reject(turn: FormTurn, slot: str, checked: Checked, slots: Mapping[str, Any], phone: str) -> None:
    turn.slots[slot] = None
    turn.slots.update({key: (value or None) for key, value in checked.extra})
    failures = dict(slots.get("form_failures") or {})
    failures[slot] = failures.get(slot, 0) + 1
    turn.slots["form_failures"] = failures
    message = checked.error or "Sorry, I couldn't use that answer."
    if failures[slot] >= MAX_FAILURES:
        message += (" We can keep trying, or you can say \"cancel\" and call the clinic at "
                    f"{phone} instead.")
    turn.say(message)


def _year_for_partial_date(text: str, slots: Mapping[str, Any], today: Optional[date]) -> Optional[Checked]:
    partial, year = slots.get("dob_partial"), find_year(text)
    if not partial or year is None:
        return None
    month, day = (int(part) for part in partial.split("-"))
    return BY_SLOT["date_of_birth"].check(f"{year:04d}-{month:02d}-{day:02d}")  # type: ignore[call-arg]


def _apply_correction(slot: str, value: Optional[str], slots: Mapping[str, Any], turn: FormTurn) -> None:
    label = FIELD_LABELS[slot].lower()
    turn.slots["confirmation"] = None
    if value is None:
        turn.slots[slot] = None
        if slot == "contact":
            turn.slots.update(phone=None, email=None)
        turn.say(f"Sure, let's change the {label}.")
        return
    checked = BY_SLOT[slot].check(value)
    if slot == "contact" and checked.ok:
        # a new phone keeps the email and the other way round
        given = dict(checked.extra)
        phone = given.get("phone") or slots.get("phone")
        email = given.get("email") or slots.get("email")
        checked = Checked(value=" and ".join(v for v in (phone, email) if v),
                          extra=(("phone", phone or ""), ("email", email or "")))
    if not checked.ok:
        turn.say(checked.error or f"Sorry, I couldn't use that {label}.")
        return
    _accept(turn, slot, checked)
    turn.say(f"Thanks, I've updated the {label}.")


def _confirmation(text: str, slots: Mapping[str, Any], turn: FormTurn) -> None:
    low = text.lower().strip()
    if CONFIRM.search(low) and not CHANGE.search(low):
        turn.slots["confirmation"] = "yes"
        return
    named = field_named(low)
    if named:
        turn.slots.update({"confirmation": None, named: None})
        if named == "contact":
            turn.slots.update(phone=None, email=None)
        turn.say(f"Sure, let's change the {FIELD_LABELS[named].lower()}.")
        return
    turn.slots["confirmation"] = None
    turn.say("Which detail would you like to change? (Or say \"cancel\" to stop.)",
             [{"title": f"Change {f.label.lower()}", "payload": f"change {f.label.lower()}"}
              for f in FIELDS if f.slot != "consent"])


def form_step(text: str, requested: Optional[str], slots: Mapping[str, Any], activation: bool,
              clinic_phone: str, today: Optional[date] = None) -> FormTurn:
    """The slots one patient message fills and what the patient is told."""
    text = clean(text)
    turn = FormTurn()
    correction = detect_correction(text) if not activation else None
    if correction and (correction[0] != requested or requested == "confirmation" or correction[1] is None):
        _apply_correction(correction[0], correction[1], slots, turn)
        return turn
    if requested == "confirmation" and not activation:
        _confirmation(text, slots, turn)
        return turn
    if requested == "date_of_birth" and not activation:
        completed = _year_for_partial_date(text, slots, today)
        if completed is not None:
            if completed.ok:
                _accept(turn, "date_of_birth", completed)
            else:
                _reject(turn, "date_of_birth", completed, slots, clinic_phone)
            return turn
    found = details_in(text, requested, activation, today)
    for slot, checked in found.items():
        if slot == requested and not activation:
            continue  # checked below, with its error if it fails (a restart takes it as given)
        if checked.ok and (slot == "booked_by" or not slots.get(slot)):
            _accept(turn, slot, checked)
    if activation or requested is None:
        return turn
    checked = found.get(requested) or BY_SLOT[requested].check(text)
    if checked.ok:
        _accept(turn, requested, checked)
    elif not (set(found) - {"booked_by"}) or requested in found:
        _reject(turn, requested, checked, slots, clinic_phone)
    else:
        turn.slots[requested] = None  # other answers taken; the form asks this one again
    return turn
