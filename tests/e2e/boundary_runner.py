"""Run boundary sets through a running stack over REST and score them per category.

Used by ``test_boundaries.py`` and, for before/after scores, from the command line:
``python -m tests.e2e.boundary_runner tests/data/boundaries/*.yml`` starts its own stack.
"""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Sequence

import yaml

from bot.ops.stack import Stack, reply_text
from tests.e2e.boundary_judge import JUDGES, TURN_JUDGES

BOUNDARY_DIR = Path(__file__).resolve().parents[1] / "data" / "boundaries"


@dataclass
class Outcome:
    """One item's verdict: its category, text(s), problems and the bot's reply."""

    category: str
    text: str
    problems: List[str]
    reply: str


@dataclass
class Scores:
    """Outcomes grouped by category."""

    outcomes: List[Outcome] = field(default_factory=list)

    def by_category(self) -> Dict[str, List[Outcome]]:
        grouped: Dict[str, List[Outcome]] = {}
        for outcome in self.outcomes:
            grouped.setdefault(outcome.category, []).append(outcome)
        return grouped

    def rate(self, category: str = "") -> float:
        chosen = [o for o in self.outcomes if not category or o.category == category]
        return sum(not o.problems for o in chosen) / len(chosen) if chosen else 1.0

    def summary(self) -> str:
        lines = [
            f"{name:16} {sum(not o.problems for o in items):4}/{len(items):<4} "
            f"{100 * self.rate(name):5.1f}%"
            for name, items in sorted(self.by_category().items())
        ]
        lines.append(f"{'overall':16} {sum(not o.problems for o in self.outcomes):4}/"
                     f"{len(self.outcomes):<4} {100 * self.rate():5.1f}%")
        return "\n".join(lines)


def load_sets(paths: Sequence[Path]) -> Dict[str, List[Dict[str, Any]]]:
    """Categories from every file, merged."""
    merged: Dict[str, List[Dict[str, Any]]] = {}
    for path in paths:
        for category, items in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            merged.setdefault(category, []).extend(items or [])
    return merged


def _one(stack: Stack, category: str, item: Dict[str, Any]) -> Outcome:
    sender = f"boundary-{uuid.uuid4().hex[:10]}"
    messages = stack.say(sender, item["text"])
    return Outcome(category, item["text"], JUDGES[category](item, messages), reply_text(messages))


def _conversation(stack: Stack, turns: List[Dict[str, Any]]) -> Outcome:
    sender = f"boundary-mt-{uuid.uuid4().hex[:10]}"
    problems: List[str] = []
    replies: List[str] = []
    for number, turn in enumerate(turns, 1):
        messages = stack.say(sender, turn["text"])
        replies.append(reply_text(messages))
        problems += [f"turn {number}: {p}" for p in TURN_JUDGES[turn["expect"]](turn, messages)]
    return Outcome("multi_turn", " | ".join(t["text"] for t in turns), problems, " | ".join(replies))


def run(stack: Stack, sets: Dict[str, List[Dict[str, Any]]], workers: int = 4) -> Scores:
    """Every item of every category through the stack, conversations turn by turn."""
    with ThreadPoolExecutor(workers) as pool:
        futures = [
            pool.submit(_conversation, stack, item["turns"]) if category == "multi_turn"
            else pool.submit(_one, stack, category, item)
            for category, items in sets.items() for item in items
        ]
        return Scores([future.result() for future in futures])


def main(argv: Sequence[str]) -> int:
    """Start a stack, score the given files, print per-category rates and write failures."""
    from bot.knowledge.repository import load_facts

    paths = [Path(p) for p in argv] or sorted(BOUNDARY_DIR.glob("*.yml"))
    workdir = Path(tempfile.mkdtemp(prefix="boundaries-"))
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url)
    try:
        stack.start()
        scores = run(stack, load_sets(paths))
    finally:
        stack.stop()
    print(scores.summary())
    failures = [o.__dict__ for o in scores.outcomes if o.problems]
    out = workdir / "failures.json"
    out.write_text(json.dumps(failures, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"failures: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
