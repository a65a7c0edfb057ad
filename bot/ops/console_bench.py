"""Console pages at scale: ``python -m bot.ops.console_bench [--conversations 100000]`` (``make bench-console``).

Seeds Rasa's ``events`` table of a SQLite file with conversations written as Rasa writes them
(session start, patient messages with intent ranking and entities, actions, replies, form and
slot events; some red flags, handoffs, fallbacks and appointment requests), migrates it (which
backfills the conversation summaries), then times the console's conversation list, a filtered
search and insights through the real Starlette app and a signed-in admin: the median of
``--runs`` requests after one warm-up. ``--db`` keeps the seeded file for another run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, insert
from starlette.testclient import TestClient

from bot.storage import get_engine

BATCH = 20_000
PASSWORD = "benchmark password 1"  # noqa: S105 - a throwaway user of a throwaway database
PAGES = {"list": "/conversations", "search": "/conversations?flag=fallback&q=botox",
         "text": "/conversations?q=eyelid&page=3", "insights": "/insights"}
INTENTS = ["ask_question", "ask_list_treatments", "ask_list_tests", "greet", "affirm", "deny", "thanks",
           "request_appointment", "ask_uncovered", "ask_personal_advice", "goodbye", "human_handoff", "red_flag",
           "nlu_fallback", "inform", "bot_challenge"]
TOPICS = ["botox", "mvd", "mri", "emg", "symptoms", "causes", "recovery", "side_effects"]
QUESTIONS = ["what is {t}?", "how long does {t} take", "is {t} safe for me", "tell me about {t}",
             "does {t} hurt", "my eyelid twitches, what about {t}", "how often is {t} needed",
             "can {t} stop the spasm", "what are the risks of {t}", "where can I get {t}"]
REPLIES = [
    "Botulinum toxin injections relax the facial muscles for about three months; most people need repeat "
    "injections. Your care team decides the dose.",
    "Microvascular decompression moves a blood vessel away from the facial nerve. It is surgery under general "
    "anaesthesia and most patients stay in hospital for a few days.",
    "An MRI of the brain looks for a blood vessel or another cause pressing on the facial nerve.",
    "The page doesn't cover that question. Your care team can answer it at your next visit.",
    "I'm not sure I understood. You can ask about tests, treatments or booking an appointment.",
]
_rasa = MetaData()
EVENTS = Table("events", _rasa, Column("id", Integer, primary_key=True), Column("sender_id", String(255),
               nullable=False, index=True), Column("type_name", String(255), nullable=False),
               Column("timestamp", Float), Column("intent_name", String(255)), Column("action_name", String(255)),
               Column("data", Text))


def _action(name: str, at: float) -> Dict:
    return {"event": "action", "timestamp": at, "metadata": {"model_id": "bench"}, "name": name,
            "policy": "RulePolicy", "confidence": 1.0, "action_text": None, "hide_rule_turn": False}


def _user(text: str, intent: str, confidence: float, topic: Optional[str], channel: str, at: float) -> Dict:
    ranking = [{"name": intent, "confidence": confidence}] + [
        {"name": other, "confidence": round((1 - confidence) / 9, 4)} for other in INTENTS[:9] if other != intent]
    entities = [{"entity": "topic", "value": topic, "start": 0, "end": len(topic), "extractor": "TopicExtractor",
                 "confidence_entity": 1.0}] if topic else []
    return {"event": "user", "timestamp": at, "metadata": {}, "text": text,
            "parse_data": {"intent": {"name": intent, "confidence": confidence}, "entities": entities,
                           "text": text, "message_id": f"{int(at * 1000):x}", "metadata": {},
                           "intent_ranking": ranking},
            "input_channel": channel, "message_id": f"{int(at * 1000):x}"}


def _bot(text: str, at: float) -> Dict:
    return {"event": "bot", "timestamp": at, "metadata": {"utter_action": "utter_answer"}, "text": text,
            "data": {"elements": None, "quick_replies": None, "buttons": None, "attachment": None,
                     "image": None, "custom": None}}


def conversation(rng: random.Random, at: float) -> List[Dict]:
    """One conversation's events (about 20), starting at ``at``."""
    channel = rng.choice(["socketio", "socketio", "socketio", "rest", "twilio", "telegram"])
    events = [_action("action_session_start", at), {"event": "session_started", "timestamp": at},
              _action("action_listen", at)]
    for turn in range(rng.choice([2, 3, 4, 4, 5, 6])):
        at += rng.uniform(5, 90)
        roll = rng.random()
        topic = rng.choice(TOPICS) if roll < 0.8 else None
        intent, confidence, action, reply = "ask_question", round(rng.uniform(0.4, 0.99), 3), "action_answer", \
            rng.choice(REPLIES[:3])
        if roll < 0.01:
            intent, action, reply = "red_flag", "action_emergency_guidance", "Call 911 now."
        elif roll < 0.03:
            intent, action, reply = "human_handoff", "action_human_handoff", "A person from the team will reply."
        elif roll < 0.08:
            intent, confidence, action, reply = "nlu_fallback", round(rng.uniform(0.1, 0.3), 3), "action_fallback", \
                REPLIES[4]
        elif roll < 0.12:
            reply = REPLIES[3]
        text = rng.choice(QUESTIONS).format(t=topic or "this")
        events += [_user(text, intent, confidence, topic, channel, at), _action(action, at + 0.2),
                   _bot(reply, at + 0.3), _action("action_listen", at + 0.4)]
        if turn == 1 and rng.random() < 0.05:
            events += [{"event": "active_loop", "timestamp": at + 1, "name": "appointment_form"},
                       {"event": "slot", "timestamp": at + 1, "name": "full_name", "value": "[redacted]"},
                       {"event": "active_loop", "timestamp": at + 2, "name": None},
                       {"event": "slot", "timestamp": at + 2, "name": "appointment_reference",
                        "value": f"HFS-{rng.randrange(16 ** 6):06X}"}]
    return events


def rows(count: int, seed: int = 12) -> Iterator[Dict]:
    """Event rows of ``count`` conversations spread over the year before 2026-11-01."""
    rng = random.Random(seed)
    end = 1_793_491_200.0  # 2026-11-01 UTC
    for number in range(count):
        at = end - 365 * 86400 * (count - number) / count
        for e in conversation(rng, at):
            yield {"sender_id": f"bench-{number:06d}", "type_name": e["event"], "timestamp": e["timestamp"],
                   "intent_name": (e.get("parse_data") or {}).get("intent", {}).get("name"),
                   "action_name": e.get("name"), "data": json.dumps(e)}


def seed(url: str, count: int) -> int:
    """Write the events in batches; returns the number of events."""
    engine = get_engine(url)
    EVENTS.create(engine, checkfirst=True)
    written, batch = 0, []
    with engine.begin() as conn:
        for row in rows(count):
            batch.append(row)
            if len(batch) == BATCH:
                conn.execute(insert(EVENTS), batch)
                written, batch = written + len(batch), []
        if batch:
            conn.execute(insert(EVENTS), batch)
            written += len(batch)
    return written


def migrate(url: str) -> Optional[float]:
    """Upgrade and backfill the summaries (seconds); None on code without migrations."""
    try:
        from bot.storage.migrate import upgrade
        from bot.storage.summaries import sync
    except ImportError:
        return None
    began = time.perf_counter()
    upgrade(url)
    sync(url)
    return time.perf_counter() - began


def signed_in(url: str) -> TestClient:
    """A TestClient on the console, signed in as an admin."""
    from bot.console.accounts import add_user
    from bot.console.app import create_app

    try:
        add_user("bench", "admin", PASSWORD, url)
    except ValueError:
        pass  # kept database: the user is there
    client = TestClient(create_app(db_url=url, https=False), follow_redirects=False)
    page = client.get("/login").text
    token = re.search(r'action="/login".*?name="csrf_token" value="([^"]+)"', page, re.S).group(1)
    response = client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token, "next": "/"})
    assert response.status_code == 303, response.status_code
    return client


def time_pages(url: str, runs: int) -> Dict[str, Tuple[float, int]]:
    """Median milliseconds and response size of each page."""
    client = signed_in(url)
    results = {}
    for name, path in PAGES.items():
        took = []
        for _ in range(runs + 1):
            began = time.perf_counter()
            response = client.get(path)
            took.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        results[name] = (statistics.median(took[1:]), len(response.content))
    return results


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.ops.console_bench")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="SQLite file to seed (kept), or to reuse when it exists")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL database instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("HFS_CONSOLE_SECRET", "console-benchmark-secret")
    if args.postgres:
        from bot.ops.postgres import scratch_database

        with scratch_database("hfs_console_bench") as (url, _name, _role):
            try:
                run(url, args.conversations, args.runs, fresh=True)
            finally:
                get_engine(url).dispose()
        return 0
    path = Path(args.db or Path(tempfile.mkdtemp(prefix="hfs-console-bench-")) / "bench.db")
    run(f"sqlite:///{path}", args.conversations, args.runs, fresh=not path.exists())
    return 0


def run(url: str, conversations: int, runs: int, fresh: bool) -> None:
    """Seed (when ``fresh``), migrate, time the pages and print the figures."""
    if fresh:
        began = time.perf_counter()
        events = seed(url, conversations)
        print(f"seeded {conversations} conversations, {events} events in {time.perf_counter() - began:.0f} s")
    took = migrate(url)
    if took is not None:
        print(f"migrated and summarised in {took:.1f} s")
    for name, (ms, size) in time_pages(url, runs).items():
        print(f"{name:9} {PAGES[name]:45} median {ms:8.1f} ms  ({size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
