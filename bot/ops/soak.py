"""``python -m bot.ops.bench --soak N`` (``make bench-soak``): memory under many short conversations.

Starts this assistant as the benchmark does (action server, Rasa with the SQLite tracker store,
patient page) and sends N conversations of 8 turns (the script's first 8 messages, fresh sender
each, and a name no other conversation uses: unique words are what grow spaCy's vocabulary)
from ``PATIENTS`` patients at once. Each process's resident memory (VmRSS) is sampled after
the warm-up, which is longer than the tracker store's cache of 2,000 conversations so that the
cache is full, then after each further tenth, and the growth from warm-up to end is reported.
Not part of the tests: 20,000 conversations take about 20 minutes on 2 cores.
"""

from __future__ import annotations

import http.client
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Tuple

from bot.knowledge.repository import load_facts
from bot.ops.bench import DOC, SCRIPT, post, rss_mb, write_doc
from bot.ops.stack import Stack

TURNS, PATIENTS, WARMUP = 8, 10, 2500
BEGIN, END = "<!-- soak:begin -->", "<!-- soak:end -->"
Sample = Tuple[int, Dict[str, float]]  # conversations so far, MB per process


def unique_name() -> str:
    """A made-up name no other conversation uses, as real patients' names are (8 letters a-p)."""
    return "".join(chr(ord("a") + int(digit, 16)) for digit in uuid.uuid4().hex[:8]).title() + " Lopez"


def conversation(port: int, conn: http.client.HTTPConnection) -> int:
    """One fresh patient's 8 turns over ``conn``; the number of failed or empty replies."""
    sender = f"soak-{uuid.uuid4().hex[:12]}"
    errors = 0
    for text in [unique_name() if line == "Maria Lopez" else line for line in SCRIPT[:TURNS]]:
        try:
            errors += 0 if post(port, sender, text, conn)[1] else 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()  # http.client reconnects on the next request
    return errors


def batch(port: int, count: int) -> int:
    """``count`` conversations spread over PATIENTS threads; the failed or empty replies."""

    def patient(share: int) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            return sum(conversation(port, conn) for _ in range(share))
        finally:
            conn.close()

    shares = [count // PATIENTS + (1 if i < count % PATIENTS else 0) for i in range(PATIENTS)]
    with ThreadPoolExecutor(max_workers=PATIENTS) as pool:
        return sum(pool.map(patient, [s for s in shares if s]))


def report(samples: List[Sample], errors: int, seconds: float) -> str:
    """The samples and the growth after warm-up as Markdown."""
    names = list(samples[0][1])
    lines = [f"Soak: {samples[-1][0]:,} conversations × {TURNS} turns, {PATIENTS} patients at once, "
             f"{seconds / 60:.0f} min, {errors} failed or empty replies. Resident memory (VmRSS, MB):", "",
             f"| conversations | {' | '.join(names)} | total |", "| --- |" + " --- |" * (len(names) + 1)]
    for done, mb in samples:
        lines.append(f"| {done:,} | {' | '.join(f'{mb[n]:.0f}' for n in names)} | {sum(mb.values()):.0f} |")
    (start, warm), (_, end) = samples[0], samples[-1]
    growth = {n: (end[n] / warm[n] - 1) * 100 for n in names}
    total = (sum(end.values()) / sum(warm.values()) - 1) * 100
    lines += ["", f"Growth after the warm-up ({start:,} conversations) to the end: "
              + ", ".join(f"{n} {g:+.1f} %" for n, g in growth.items())
              + f"; whole stack **{total:+.1f} %** (target < 10 %)."]
    return "\n".join(lines)


def soak(conversations: int, write: bool = True) -> int:
    """Run the soak; print (and unless ``write`` is false, record) the figures."""
    warmup = min(WARMUP, conversations // 2)
    with tempfile.TemporaryDirectory(prefix="hfs-soak-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'hfs.db'}"
        load_facts(url=url)
        stack = Stack(workdir=Path(tmp) / "ours", database_url=url)
        stack.workdir.mkdir(parents=True)
        try:
            stack.start()
            stack.start_web()
            pids = {name: stack.procs[key].pid for name, key in
                    (("rasa", "rasa0"), ("actions", "actions"), ("web", "web"))}
            started = time.monotonic()
            errors = batch(stack.rasa_ports[0], warmup)
            done, samples = warmup, [(warmup, {n: rss_mb(p) for n, p in pids.items()})]
            step = max(1, (conversations - warmup) // 10)
            while done < conversations:
                count = min(step, conversations - done)
                errors += batch(stack.rasa_ports[0], count)
                done += count
                samples.append((done, {n: rss_mb(p) for n, p in pids.items()}))
                print(f"  {done:,} conversations: {sum(samples[-1][1].values()):.0f} MB", flush=True)
            markdown = report(samples, errors, time.monotonic() - started)
        finally:
            stack.stop()
    print(markdown)
    if write:
        write_doc(markdown, BEGIN, END)
        print(f"\nWritten to {DOC.name}")
    return 0
