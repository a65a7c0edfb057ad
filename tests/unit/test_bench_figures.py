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


def test_multi_instance_report_gives_the_two_process_ratio():
    from bot.ops import bench_multi

    one, two = ([0.1] * 80, 2.0, 0), ([0.05] * 80, 1.0, 1)  # 40 and 80 messages a second
    results = {(patients, n): [one if n == 1 else two] for patients, _ in bench_multi.LOADS for n in (1, 2)}
    text = bench_multi.report(results, rounds=1)
    assert "| 50 | 1 | 100 | 100 | 40.0 | 0 |" in text and "| 50 | 2 | 50 | 50 | 80.0 | 1 |" in text
    assert "50 patients: 2.00x" in text
    assert "PostgreSQL" not in text.split("Throughput with two")[1]  # no long sessions, no per-turn line


def test_multi_instance_report_gives_the_per_turn_ratio_on_postgresql():
    from bot.ops import bench_multi

    one = ([0.1] * 80, 2.0, 0)
    results = {(patients, n): [one] for patients, _ in bench_multi.LOADS for n in (1, 2)}
    session = [0.004] * 10 + [0.005] * 180 + [0.006] * 10  # turns 191-200 cost 1.5x turns 1-10
    text = bench_multi.report(results, rounds=1, long_runs=[(session, 0)])
    assert "turns 1-10 4.0 ms, turns 191-200 6.0 ms, ratio **1.50**" in text and "0 failed" in text


def test_a_load_spreads_its_patients_over_the_given_ports(monkeypatch):
    from bot.ops import bench

    seen = []

    def post(port, sender, text, conn=None, timeout=60):
        seen.append(port)
        return 0.01, True

    monkeypatch.setattr(bench, "post", post)
    latencies, _, errors = bench.run_load([7001, 7002], patients=4, messages=2)
    assert sorted(seen) == [7001] * 4 + [7002] * 4 and len(latencies) == 8 and errors == 0
