"""The benchmark's own arithmetic: per-turn ratio and soak growth (no servers started)."""

from __future__ import annotations

from bot.ops.bench import EDGE, turn_cost
from bot.ops.soak import report, unique_name


def test_turn_cost_compares_the_first_and_last_turns():
    run = [0.010] * EDGE + [0.5] * 180 + [0.030] * EDGE
    first, last = turn_cost([run, run])
    assert (round(first), round(last)) == (10, 30)


def test_soak_growth_is_measured_from_the_warm_up_sample():
    samples = [(100, {"rasa": 500.0, "actions": 100.0}), (150, {"rasa": 520.0, "actions": 100.0}),
               (200, {"rasa": 550.0, "actions": 110.0})]
    text = report(samples, errors=0, seconds=60)
    assert "rasa +10.0 %" in text and "actions +10.0 %" in text
    assert "whole stack **+10.0 %**" in text
    assert "| 200 | 550 | 110 | 660 |" in text


def test_every_soak_conversation_gets_a_new_name():
    names = {unique_name() for _ in range(200)}
    assert len(names) == 200 and all(name.endswith(" Lopez") for name in names)
