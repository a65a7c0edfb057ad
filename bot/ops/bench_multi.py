"""``make bench`` part two: the multi-instance profile with one and with two Rasa processes.

PostgreSQL (tracker store, appointments) and the Redis lock store, as ``endpoints.multi.yml``
configures them; one action server. Each patient talks to one Rasa process (patients are spread
over the processes, as sticky sessions behind a load balancer would spread them), and the same
loads run against one and against two processes, alternating, so the ratio shows what the second
process adds on this machine. Writes its table into docs/performance.md.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.knowledge.repository import load_facts
from bot.ops import postgres
from bot.ops.bench import EDGE, LONG_TURNS, long_conversation, percentile, run_load, turn_cost, write_doc
from bot.ops.stack import Stack
from bot.settings import PROJECT_ROOT

LOADS: Tuple[Tuple[int, int], ...] = ((10, 12), (50, 8))  # (patients, messages each)
BEGIN, END = "<!-- bench-multi:begin -->", "<!-- bench-multi:end -->"
Results = Dict[Tuple[int, int], List[Tuple[List[float], float, int]]]
LongRuns = List[Tuple[List[float], int]]  # (seconds per turn, failed replies) of each long session


def services_up() -> bool:
    """Whether PostgreSQL and Redis answer on their local ports."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        return False
    return postgres.available()


def start(workdir: Path, url: str, instances: int) -> Stack:
    """The multi-instance stack with ``instances`` Rasa processes."""
    stack = Stack(workdir=workdir, database_url=url, rasa_count=instances,
                  endpoints_template=PROJECT_ROOT / "endpoints.multi.yml",
                  env_extra={"REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379", "REDIS_DB": "4",
                             "REDIS_KEY_PREFIX": f"bench{uuid.uuid4().hex[:8]}",
                             "HFS_RATE_SENDER": "1000:1000/1s"})
    return stack.start()


def turn_lines(long_runs: LongRuns) -> List[str]:
    """Per-turn cost of the long sessions on PostgreSQL (one Rasa process) as Markdown lines."""
    first, last = turn_cost([latencies for latencies, _ in long_runs])
    errors = sum(e for _, e in long_runs)
    return ["", f"Per-turn cost on PostgreSQL (one Rasa process, {len(long_runs)} session(s) of {LONG_TURNS} "
            f"turns, median): turns 1-{EDGE} {first:.1f} ms, turns {LONG_TURNS - EDGE + 1}-{LONG_TURNS} "
            f"{last:.1f} ms, ratio **{last / first:.2f}** (target ≤ 1.5), {errors} failed or empty replies."]


def report(results: Results, rounds: int, long_runs: Optional[LongRuns] = None) -> str:
    """Markdown: throughput and latency with one and two processes, and the ratio."""
    lines = [f"Multi-instance profile (PostgreSQL, Redis lock store, one action server), {rounds} round(s) "
             "per load, one and two Rasa processes alternating; patients spread over the processes.", "",
             "| patients | Rasa processes | p50 ms | p95 ms | msg/s | failed or empty replies |",
             "| --- | --- | --- | --- | --- | --- |"]
    ratios = []
    for patients, _ in LOADS:
        rates = {}
        for instances in (1, 2):
            runs = results[(patients, instances)]
            latencies = [x for lat, _, _ in runs for x in lat]
            rates[instances] = sum(len(lat) for lat, _, _ in runs) / sum(wall for _, wall, _ in runs)
            lines.append(f"| {patients} | {instances} | {percentile(latencies, 50) * 1000:.0f} | "
                         f"{percentile(latencies, 95) * 1000:.0f} | {rates[instances]:.1f} | "
                         f"{sum(e for _, _, e in runs)} |")
        ratios.append(f"{patients} patients: {rates[2] / rates[1]:.2f}x")
    lines += ["", "Throughput with two Rasa processes / with one: " + ", ".join(ratios) + "."]
    return "\n".join(lines + (turn_lines(long_runs) if long_runs else []))


def main(argv: Optional[List[str]] = None) -> int:
    """Run the multi-instance benchmark (skipped, with a note, without PostgreSQL and Redis)."""
    parser = argparse.ArgumentParser(prog="python -m bot.ops.bench_multi")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    args = parser.parse_args(argv)
    if not services_up():
        print("Multi-instance bench skipped: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are needed.")
        return 0
    results: Results = {}
    long_runs: LongRuns = []
    with tempfile.TemporaryDirectory(prefix="hfs-bench-multi-") as tmp, \
            postgres.scratch_database("hfs_bench") as (url, _name, _role):
        load_facts(url=url)
        stacks = {n: start(Path(tmp) / f"x{n}", url, n) for n in (1, 2)}
        try:
            for patients, messages in LOADS:
                for round_index in range(args.rounds):
                    for n in (1, 2) if round_index % 2 == 0 else (2, 1):
                        print(f"  {patients:>2} patients x {messages} messages -> {n} Rasa process(es)", flush=True)
                        results.setdefault((patients, n), []).append(
                            run_load(stacks[n].rasa_ports, patients, messages))
            for _ in range(args.rounds):
                print(f"  1 patient x {LONG_TURNS} turns in one session -> 1 Rasa process", flush=True)
                long_runs.append(long_conversation(stacks[1].rasa_ports[0]))
        finally:
            for stack in stacks.values():
                stack.stop()
    markdown = report(results, args.rounds, long_runs)
    print(markdown)
    if not args.no_doc:
        write_doc(markdown, BEGIN, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
