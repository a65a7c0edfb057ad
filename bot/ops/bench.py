"""``make bench``: this assistant against Rasa's starter bot, served the same way, in one run.

Both bots are served by ``rasa run`` with the REST channel on this machine; the starter bot
is generated with ``rasa init`` into a temporary folder (its default pipeline, policies and
in-memory tracker store). Simulated patients send the same script of mixed questions and an
appointment form to each bot, and the loads alternate between the bots (A B B A) so that a
noisy neighbour hurts both alike. Prints p50, p95 and throughput at 1, 10 and 50 concurrent
patients, the ratios, the per-turn cost of one 200-turn conversation (turns 191-200 against
1-10), each process's resident memory after the traffic (this assistant's whole stack: Rasa,
actions and the patient page) against the starter bot's Rasa process, training time and the
time from start to first answer, and writes them into docs/performance.md.

``--soak N`` runs the memory soak instead (``bot.ops.soak``; ``make bench-soak``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

from bot.knowledge.repository import load_facts
from bot.ops.stack import VENV_BIN, Stack, free_port
from bot.settings import PROJECT_ROOT

SCRIPT = ["hi", "what tests are there?", "what does an MRI show?", "tell me about botox",
          "how often do I need it?", "what causes hemifacial spasm?", "book an appointment",
          "Maria Lopez", "14 March 1965", "555-123-4567", "Botox treatment", "New patient",
          "mornings", "Yes, I agree", "yes", "thanks", "bye"]
LOADS: Tuple[Tuple[int, int], ...] = ((1, 40), (10, 12), (50, 8))  # (patients, messages each)
# One long session without a form: mixed questions in the SCRIPT's style, cycled to LONG_TURNS.
QUESTIONS = ["what tests are there?", "what does an MRI show?", "tell me about botox",
             "how often do I need it?", "what causes hemifacial spasm?", "what is MVD?",
             "is surgery risky?", "does it go away on its own?", "thanks", "can stress make it worse?"]
LONG_TURNS, EDGE = 200, 10  # compare the median of turns 1-10 with that of turns 191-200
DOC = PROJECT_ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass
class Server:
    """A running bot: its REST port and the processes whose memory counts."""

    name: str
    port: int
    pids: Dict[str, int]
    start_to_first_answer: float = 0.0
    training_seconds: float = 0.0
    results: Dict[int, List[Tuple[List[float], float, int]]] = field(default_factory=dict)
    long_runs: List[List[float]] = field(default_factory=list)  # per-turn seconds of each long conversation
    long_errors: int = 0


def status_mb(pid: int, key: str) -> float:
    """A memory figure of ``/proc/<pid>/status`` (``VmRSS``: resident now, ``VmHWM``: peak) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM) in MB."""
    return status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    """The process's resident set size now (VmRSS) in MB."""
    return status_mb(pid, "VmRSS")


def first_answer(port: int, started: float, timeout: float = 300) -> float:
    """Seconds from ``started`` until the bot answers a REST message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if post(port, "warmup-" + uuid.uuid4().hex, "hi", timeout=10)[1]:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"no answer on port {port}")


def post(port: int, sender: str, text: str, conn: Optional[http.client.HTTPConnection] = None,
         timeout: float = 60) -> Tuple[float, bool]:
    """One REST message; returns (seconds, ok)."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    body = json.dumps({"sender": sender, "message": text})
    start = time.perf_counter()
    try:
        conn.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        ok = response.status == 200 and bool(json.loads(data or b"[]"))
    finally:
        if own:
            conn.close()
    return time.perf_counter() - start, ok


def run_load(ports: Union[int, Sequence[int]], patients: int, messages: int) -> Tuple[List[float], float, int]:
    """Patients in parallel, each sending ``messages`` turns in order to one of ``ports``;
    (latencies, seconds, errors)."""
    spread = [ports] if isinstance(ports, int) else list(ports)

    def patient(index: int) -> Tuple[List[float], int]:
        port = spread[index % len(spread)]
        sender = f"bench-{index}-{uuid.uuid4().hex[:8]}"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies, errors = [], 0
        try:
            for turn in range(messages):
                try:
                    seconds, ok = post(port, sender, SCRIPT[turn % len(SCRIPT)], conn)
                    latencies.append(seconds)
                    errors += 0 if ok else 1
                except (OSError, http.client.HTTPException):
                    errors += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        finally:
            conn.close()
        return latencies, errors

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=patients) as pool:
        outcomes = list(pool.map(patient, range(patients)))
    wall = time.perf_counter() - start
    return [x for lat, _ in outcomes for x in lat], wall, sum(e for _, e in outcomes)


def long_conversation(port: int, turns: int = LONG_TURNS) -> Tuple[List[float], int]:
    """One patient asking ``turns`` mixed questions in one session; (seconds per turn, errors)."""
    sender = f"long-{uuid.uuid4().hex[:8]}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies, errors = [], 0
    try:
        for turn in range(turns):
            seconds, ok = post(port, sender, QUESTIONS[turn % len(QUESTIONS)], conn)
            latencies.append(seconds)
            errors += 0 if ok else 1
    finally:
        conn.close()
    return latencies, errors


def turn_cost(runs: List[List[float]]) -> Tuple[float, float]:
    """Median ms of the first and of the last EDGE turns over the long conversations."""
    first = [x for run in runs for x in run[:EDGE]]
    last = [x for run in runs for x in run[-EDGE:]]
    return percentile(first, 50) * 1000, percentile(last, 50) * 1000


def percentile(values: List[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def train_ours(workdir: Path) -> float:
    """Seconds for a full (forced) training of this assistant."""
    start = time.monotonic()
    subprocess.run([str(VENV_BIN / "rasa"), "train", "--domain", "domain.yml", "--config", "config.yml",
                    "--data", "bot/data", "--out", str(workdir / "models"), "--fixed-model-name", "bench",
                    "--force", "--quiet"], cwd=PROJECT_ROOT, env=rasa_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def rasa_env() -> Dict[str, str]:
    """Environment for Rasa commands."""
    return dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
                PYTHONPATH=str(PROJECT_ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1")


def start_starter(workdir: Path) -> Tuple[Server, subprocess.Popen]:
    """Generate Rasa's starter bot with ``rasa init`` (which trains it) and serve it over REST."""
    folder = workdir / "starter"
    folder.mkdir(parents=True)
    start = time.monotonic()
    subprocess.run([str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(folder)],
                   cwd=workdir, env=rasa_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    training = time.monotonic() - start
    port = free_port()
    log = open(workdir / "starter.log", "ab")  # noqa: SIM115 - lives as long as the process
    started = time.monotonic()
    proc = subprocess.Popen([str(VENV_BIN / "rasa"), "run", "--port", str(port), "--enable-api",
                             "--auth-token", "bench"], cwd=folder, env=rasa_env(), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    server = Server("Rasa starter bot", port, {"rasa": proc.pid}, training_seconds=training)
    server.start_to_first_answer = first_answer(port, started)
    return server, proc


def start_ours(workdir: Path) -> Tuple[Server, Stack]:
    """This assistant as `make run` serves it: action server, Rasa with the SQLite tracker store, web page."""
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    # The long conversation sends 200 turns back to back, past the per-sender limit `make run` keeps.
    stack = Stack(workdir=workdir / "ours", database_url=url, env_extra={"HFS_RATE_SENDER": "1000:1000/1s"})
    stack.workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    stack.start()
    stack.start_web()
    server = Server("This assistant", stack.rasa_ports[0],
                    {name: stack.procs[key].pid for name, key in
                     (("rasa", "rasa0"), ("actions", "actions"), ("web", "web"))})
    server.start_to_first_answer = first_answer(server.port, started)
    return server, stack


def report(ours: Server, starter: Server, rounds: int) -> str:
    """The results as Markdown."""
    lines = [f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
             f"{rounds} round(s) per load, loads alternating A B B A.", "",
             "| patients | bot | p50 ms | p95 ms | msg/s | failed or empty replies |",
             "| --- | --- | --- | --- | --- | --- |"]
    summary: Dict[Tuple[str, int], Tuple[float, float, float, int]] = {}
    for server in (starter, ours):
        for patients, runs in server.results.items():
            latencies = [x for lat, _, _ in runs for x in lat]
            throughput = sum(len(lat) for lat, _, _ in runs) / sum(w for _, w, _ in runs)
            errors = sum(e for _, _, e in runs)
            summary[(server.name, patients)] = (percentile(latencies, 50) * 1000,
                                                percentile(latencies, 95) * 1000, throughput, errors)
    for patients, _ in LOADS:
        for server in (starter, ours):
            p50, p95, tput, errors = summary[(server.name, patients)]
            lines.append(f"| {patients} | {server.name} | {p50:.0f} | {p95:.0f} | {tput:.1f} | {errors} |")
    lines += ["", "| patients | throughput ratio (ours / starter) | p50 ratio | p95 ratio |",
              "| --- | --- | --- | --- |"]
    for patients, _ in LOADS:
        a, b = summary[(ours.name, patients)], summary[(starter.name, patients)]
        lines.append(f"| {patients} | {a[2] / b[2]:.2f}x | {a[0] / b[0]:.2f} | {a[1] / b[1]:.2f} |")
    lines += ["", *turn_report(ours, starter), "", *memory_report(ours, starter),
              "", "| | this assistant | Rasa starter bot | ratio |", "| --- | --- | --- | --- |"]
    lines.append(f"| Full training | {ours.training_seconds:.0f} s | {starter.training_seconds:.0f} s "
                 f"(`rasa init`) | {ours.training_seconds / starter.training_seconds:.2f} |")
    lines.append(f"| Start to first answer | {ours.start_to_first_answer:.1f} s | "
                 f"{starter.start_to_first_answer:.1f} s | "
                 f"{ours.start_to_first_answer / starter.start_to_first_answer:.2f} |")
    return "\n".join(lines)


def turn_report(ours: Server, starter: Server) -> List[str]:
    """Per-turn cost of the long conversations as Markdown lines."""
    lines = [f"Per-turn cost: {len(ours.long_runs)} conversation(s) of {LONG_TURNS} patient turns each "
             "(mixed questions, one session, no form), median latency:", "",
             f"| bot | turns 1-{EDGE} ms | turns {LONG_TURNS - EDGE + 1}-{LONG_TURNS} ms | ratio (target ≤ 1.5) "
             "| failed or empty replies |", "| --- | --- | --- | --- | --- |"]
    for server in (starter, ours):
        if server.long_runs:
            first, last = turn_cost(server.long_runs)
            lines.append(f"| {server.name} | {first:.1f} | {last:.1f} | {last / first:.2f} | {server.long_errors} |")
    return lines


def memory_report(ours: Server, starter: Server) -> List[str]:
    """Resident memory of each process after the traffic, and the stack's total against the starter's Rasa."""
    lines = ["Resident memory after the traffic (VmRSS; peak VmHWM in brackets):", "",
             "| process | this assistant | Rasa starter bot |", "| --- | --- | --- |"]
    starter_rasa = rss_mb(starter.pids["rasa"])
    for name, label in (("rasa", "Rasa server"), ("actions", "Action server"), ("web", "Patient web page")):
        theirs = f"{starter_rasa:.0f} MB ({peak_rss_mb(starter.pids['rasa']):.0f})" if name == "rasa" else "(none)"
        lines.append(f"| {label} | {rss_mb(ours.pids[name]):.0f} MB ({peak_rss_mb(ours.pids[name]):.0f}) | {theirs} |")
    total = sum(rss_mb(pid) for pid in ours.pids.values())
    lines.append(f"| **Whole stack** | **{total:.0f} MB** | {starter_rasa:.0f} MB |")
    lines += ["", f"Stack total / starter bot's Rasa process: **{total / starter_rasa:.2f}** (target ≤ 0.75)."]
    return lines


def write_doc(markdown: str, begin: str = BEGIN, end: str = END) -> None:
    """Replace the figures between the markers in docs/performance.md (appended if missing)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"{begin}\n{end}\n"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    DOC.write_text(f"{head}{begin}\n{markdown}\n{end}{tail}", encoding="utf-8")


def main(argv: Optional[List[str]] = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bot.ops.bench")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each load per bot (A B B A order)")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--soak", type=int, metavar="N", help="run the memory soak of N conversations instead")
    args = parser.parse_args(argv)
    if args.soak:
        from bot.ops.soak import soak  # only the soak needs it (and it imports this module)

        return soak(args.soak, write=not args.no_doc)
    with tempfile.TemporaryDirectory(prefix="hfs-bench-") as tmp:
        workdir = Path(tmp)
        print("Training this assistant (forced)...", flush=True)
        training = train_ours(workdir)
        print("Generating and training Rasa's starter bot (rasa init)...", flush=True)
        starter, starter_proc = start_starter(workdir)
        ours, stack = start_ours(workdir)
        ours.training_seconds = training
        try:
            for patients, messages in LOADS:
                for round_index in range(args.rounds):
                    order = (starter, ours) if round_index % 2 == 0 else (ours, starter)
                    for server in order:
                        print(f"  {patients:>2} patients x {messages} messages -> {server.name}", flush=True)
                        server.results.setdefault(patients, []).append(run_load(server.port, patients, messages))
            for round_index in range(args.rounds):
                for server in (starter, ours) if round_index % 2 == 0 else (ours, starter):
                    print(f"  1 patient x {LONG_TURNS} turns in one session -> {server.name}", flush=True)
                    latencies, errors = long_conversation(server.port)
                    server.long_runs.append(latencies)
                    server.long_errors += errors
            markdown = report(ours, starter, args.rounds)
        finally:
            stack.stop()
            starter_proc.terminate()
            starter_proc.wait(timeout=30)
    print(markdown)
    if not args.no_doc:
        write_doc(markdown)
        print(f"\nWritten to {DOC.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
