"""Seeded random multi-turn walks through the REST channel: every turn keeps the invariants.

1,040 turns a run, drawn from questions, form answers, appointment starts, cancels,
small talk, junk, off-topic messages, lookalikes, handoffs and red flags. Set
HFS_WALK_SEED to replay another seed.
"""

from __future__ import annotations

import os

from bot.ops.stack import Stack
from tests.e2e.invariants import circuit_breaker_trips, random_walks

SEED = int(os.environ.get("HFS_WALK_SEED", "20261125"))


def test_random_walks_keep_every_invariant(stack: Stack) -> None:
    report = random_walks(stack, SEED, walks=130, length=8)
    print(f"walks: {report.turns} turns, {report.red_flags} red flags, "
          f"{len(report.failures)} broken, healthy {report.healthy_share:.1%}")
    assert report.turns >= 1000
    assert report.failures == []
    assert circuit_breaker_trips(stack) == 0
