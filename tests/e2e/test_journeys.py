"""Multi-turn patient journeys, lookalikes and red flags after prior messages, over REST.

The journeys in tests/data/journeys were written from the patient page alone, before
the dialogue fixes, by someone who had not read the code. Each turn is judged against
the invariants; booking journeys check the stored row field by field.
"""

from __future__ import annotations

import random
import re
import uuid
from typing import Any, Dict, List

import pytest
from sqlalchemy import select

from bot.appointments.models import AppointmentRequest
from bot.appointments.repository import create_tables
from bot.ops.stack import Stack, reply_text
from bot.storage import session_scope
from tests.e2e.invariants import load, turn_problems

JOURNEYS = load("journeys.yml")["journeys"]
SETS = load("lookalikes.yml")
PRIOR = load("walk_pool.yml")
STATUS_CODES = {"New patient": "new", "Returning patient": "returning"}


def stored_rows(stack: Stack, sender: str) -> List[AppointmentRequest]:
    """Appointment requests stored for one conversation."""
    create_tables(stack.database_url)  # the first journey may run before any request was stored
    with session_scope(stack.database_url) as session:
        query = select(AppointmentRequest).where(AppointmentRequest.sender_id == sender)
        return list(session.execute(query).scalars())


def journey_problems(stack: Stack, journey: Dict[str, Any]) -> List[str]:
    """Everything that went wrong in one journey."""
    sender = f"{journey['id']}-{uuid.uuid4().hex[:8]}"
    problems = []
    for number, turn in enumerate(journey["turns"], 1):
        messages = stack.say(sender, turn["say"])
        text = reply_text(messages)
        found = turn_problems(messages, bool(turn.get("emergency")))
        if "expect" in turn and not any(re.search(p, text) for p in turn["expect"]):
            found.append(f"none of {turn['expect']}")
        found += [f"none of {group}" for group in turn.get("expect_all", [])
                  if not any(re.search(p, text) for p in group)]
        found += [f"forbidden {p}" for p in turn.get("forbid", []) if re.search(p, text)]
        if found:
            problems.append(f"turn {number} {turn['say']!r}: {'; '.join(found)} <- {text[:300]!r}")
    rows = stored_rows(stack, sender)
    if journey.get("stored_none") and rows:
        problems.append(f"stored {len(rows)} row(s), expected none")
    if "stored" in journey:
        if len(rows) != 1:
            problems.append(f"stored {len(rows)} rows, expected 1")
        else:
            for key, expected in journey["stored"].items():
                actual = getattr(rows[0], key, "<no column>")
                expected = STATUS_CODES.get(expected, expected) if key == "patient_status" else expected
                if key == "email" and isinstance(actual, str):
                    actual = actual.lower()
                if actual != expected:
                    problems.append(f"stored {key}={actual!r}, expected {expected!r}")
    return problems


# Journeys of the independent set that still fail, with why; strict, so a fix shows up as XPASS.
KNOWN_FORM_GAPS = {
    "j25": "'see someone about his face spasms' (surgery asked later) and contact before reason reorder",
}


def _journey_param(journey: Dict[str, Any]) -> Any:
    gap = KNOWN_FORM_GAPS.get(journey["id"])
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(journey, id=journey["id"], marks=marks)


@pytest.mark.parametrize("journey", [_journey_param(j) for j in JOURNEYS])
def test_journey(stack: Stack, journey: Dict[str, Any]) -> None:
    assert journey_problems(stack, journey) == []


def _after_prior(stack: Stack, texts: List[str], seed: int, red_flag: bool) -> List[str]:
    """Send each text after one or two random prior messages; return the broken ones."""
    rng = random.Random(seed)
    priors = PRIOR["questions"] + PRIOR["starts"] + PRIOR["form_answers"] + PRIOR["small_talk"]
    broken = []
    for text in texts:
        sender = uuid.uuid4().hex
        for prior in rng.sample(priors, rng.randint(0, 2)):
            stack.say(sender, prior)
        problems = turn_problems(stack.say(sender, text), red_flag)
        if problems:
            broken.append(f"{text!r}: {', '.join(problems)}")
    return broken


def test_lookalikes_never_get_emergency_text(stack: Stack) -> None:
    assert len(SETS["lookalikes"]) >= 100
    assert _after_prior(stack, SETS["lookalikes"], seed=11, red_flag=False) == []


def test_red_flags_get_emergency_guidance_after_any_prior_message(stack: Stack) -> None:
    assert _after_prior(stack, SETS["red_flags"], seed=12, red_flag=True) == []
