"""Conversation invariants judged on every turn, and the data sets that exercise them."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import yaml

from bot.ops.stack import Stack

JOURNEYS = Path(__file__).resolve().parents[1] / "data" / "journeys"
EMERGENCY = re.compile(r"\b911\b|\b988\b|emergenc|crisis", re.I)
CIRCUIT_BREAKER = "Circuit breaker tripped"


def load(name: str) -> Dict[str, Any]:
    """One YAML file of tests/data/journeys."""
    return yaml.safe_load((JOURNEYS / name).read_text(encoding="utf-8"))


def message_key(message: Dict[str, Any]) -> str:
    """A bot message as text plus button titles (what a patient sees)."""
    titles = " | ".join(b.get("title", "") for b in message.get("buttons") or [])
    return f"{message.get('text') or ''} [{titles}]" if titles else (message.get("text") or "")


def turn_problems(messages: Sequence[Dict[str, Any]], red_flag: Optional[bool]) -> List[str]:
    """What breaks the invariants in the replies to one patient message.

    ``red_flag`` True: the first reply must be emergency guidance; False: no reply may
    contain emergency text; None: not judged.
    """
    problems = []
    if not 1 <= len(messages) <= 4:
        problems.append(f"{len(messages)} replies")
    keys = [message_key(m) for m in messages]
    if len(set(keys)) != len(keys):
        problems.append("a reply repeated")
    if red_flag is True and not (messages and EMERGENCY.search(messages[0].get("text") or "")):
        problems.append("no emergency guidance first")
    if red_flag is False and any(EMERGENCY.search(k) for k in keys):
        problems.append("emergency text on an ordinary message")
    return problems


def circuit_breaker_trips(stack: Stack) -> int:
    """How often Rasa's logs in this stack say the circuit breaker tripped."""
    return sum(path.read_text(errors="replace").count(CIRCUIT_BREAKER)
               for path in stack.workdir.glob("rasa*.log"))


@dataclass
class WalkReport:
    """Turns sent in random walks and the ones that broke an invariant."""

    turns: int = 0
    red_flags: int = 0
    failures: List[str] = field(default_factory=list)

    @property
    def healthy_share(self) -> float:
        """Share of turns with no problem."""
        return 1 - len(self.failures) / max(self.turns, 1)


AMOUNT_QUESTION = re.compile(r"\bhow (?:much|many)\b", re.I)
# Right after a red flag, "I'm okay now" or "can it wait?" puts off care: the guidance again is right.
PUTTING_OFF_CARE = re.compile(r"\b(?:okay|ok|fine|better) now\b|\bwait\b|\blie down\b|\brest\b|\bhospital\b|"
                              r"\ba ?& ?e\b|\ber\b|\bambulance\b|\bdon'?t call\b|\bpass(?:ed)?\b|\beasing\b", re.I)
WALK_WEIGHTS = {
    "questions": 22, "form_answers": 22, "starts": 10, "small_talk": 12, "cancels": 5,
    "junk": 8, "off_topic": 6, "red_flags": 10, "handoff": 2, "lookalikes": 8,
}


def random_walks(stack: Stack, seed: int, walks: int, length: int) -> WalkReport:
    """Seeded random conversations; every turn is judged against the invariants."""
    pool = load("walk_pool.yml")
    pool["lookalikes"] = load("lookalikes.yml")["lookalikes"]
    rng = random.Random(seed)
    categories = [c for c in WALK_WEIGHTS if pool.get(c)]
    weights = [WALK_WEIGHTS[c] for c in categories]
    report = WalkReport()
    for walk in range(walks):
        sender = f"walk-{seed}-{walk}"
        flagged = just_flagged = False
        for _ in range(length):
            category = rng.choices(categories, weights)[0]
            text = rng.choice(pool[category])
            red_flag: Optional[bool] = category == "red_flags"
            if flagged and not red_flag and AMOUNT_QUESTION.search(text):
                red_flag = None  # "how much baclofen should I take?" after a crisis may rightly get crisis guidance
            if just_flagged and not red_flag and PUTTING_OFF_CARE.search(text):
                red_flag = None  # "i'm okay now" right after a red flag may rightly get the guidance again
            flagged = flagged or bool(red_flag)
            just_flagged = bool(red_flag) or (red_flag is None and just_flagged)
            try:
                messages = stack.say(sender, text)
            except Exception as error:  # noqa: BLE001 - a server error is a broken turn
                messages, extra = [], [f"error {error}"]
            else:
                extra = []
            report.turns += 1
            report.red_flags += category == "red_flags"
            problems = extra + turn_problems(messages, red_flag)
            if problems:
                report.failures.append(f"{sender} {category} {text!r}: {', '.join(problems)}")
    return report
