"""Faults: action server killed, Rasa restarted, appointment database down, bad payloads."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot.knowledge.repository import load_facts
from bot.ops import postgres
from bot.ops.stack import Stack, reply_text
from tests.e2e.pg_fixtures import require_services

FORM = ["book an appointment", "Maria Lopez", "14 March 1965", "555-123-4567", "Botox treatment",
        "New patient", "mornings", "Yes, I agree"]


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """SQLite tracker store; appointments on a PostgreSQL database we can cut off."""
    require_services()
    workdir: Path = tmp_path_factory.mktemp("faults")
    kb_url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=kb_url)
    with postgres.scratch_database("hfs_fault") as (pg_url, name, role):
        stack = Stack(workdir=workdir, database_url=kb_url, env_extra={
            "HFS_APPOINTMENTS_DATABASE_URL": pg_url + "?connect_timeout=3",
            "HFS_OUTBOX_WORKER": "1", "HFS_OUTBOX_INTERVAL": "1"})
        try:
            stack.start()
            yield stack, pg_url, name, role
        finally:
            postgres.restore(name, role)
            stack.stop()


@contextmanager
def action_server_down(stack: Stack) -> Iterator[None]:
    """Kill the action server for the duration of the block, then start it again."""
    stack.stop_process("actions")
    try:
        yield
    finally:
        stack.start_actions()


def test_action_server_killed_then_back(faulty: tuple) -> None:
    stack = faulty[0]
    sender = uuid.uuid4().hex
    assert "block nerve signals" in reply_text(stack.say(sender, "tell me about botox"))
    with action_server_down(stack):
        down = reply_text(stack.say(sender, "how often do I need it?"))
        assert "having trouble" in down and "call the clinic" in down
    assert "every few months" in reply_text(stack.say(sender, "how often do I need it?"))


def test_action_server_down_inside_the_form_asks_again(faulty: tuple) -> None:
    stack = faulty[0]
    sender = uuid.uuid4().hex
    stack.say(sender, "book an appointment")
    with action_server_down(stack):
        down = reply_text(stack.say(sender, "Maria Lopez"))
        assert "having trouble" in down and "full name" in down
    assert "date of birth" in reply_text(stack.say(sender, "Maria Lopez"))


def test_rasa_restart_continues_from_the_tracker_store(faulty: tuple) -> None:
    stack = faulty[0]
    sender = uuid.uuid4().hex
    stack.say(sender, "tell me about microvascular decompression")
    stack.stop_process("rasa0")
    stack.start_rasa(0)
    assert "behind the ear" in reply_text(stack.say(sender, "how is it done?"))


def appointment_rows(pg_url: str, sender: str) -> int:
    engine = create_engine(pg_url, future=True)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM appointment_requests WHERE sender_id = :s"),
                                {"s": sender}).scalar_one()
    finally:
        engine.dispose()


def test_database_down_at_submit_is_not_reported_stored_and_is_stored_later(faulty: tuple) -> None:
    stack, pg_url, name, role = faulty
    warmup = uuid.uuid4().hex  # creates the tables while the database is up
    for turn in FORM + ["yes"]:
        stack.say(warmup, turn)
    sender = uuid.uuid4().hex
    for turn in FORM:
        stack.say(sender, turn)
    postgres.cut_off(name, role)
    try:
        reply = reply_text(stack.say(sender, "yes"))
        assert "did not go through" in reply and "hfs-" not in reply
    finally:
        postgres.restore(name, role)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and appointment_rows(pg_url, sender) == 0:
        time.sleep(0.5)
    assert appointment_rows(pg_url, sender) == 1


@pytest.mark.parametrize("body, content_type", [
    (b"", "application/json"), (b"{not json", "application/json"), (b"\x00\xff\xfe" * 1000, "application/json"),
    (json.dumps({"sender": "big", "message": "x" * 1_000_000}).encode(), "application/json"),
    (b"a" * 1_000_000, "text/plain"), (json.dumps({"message": "no sender"}).encode(), "application/json"),
    (json.dumps(["a", "list"]).encode(), "application/json"),
    (json.dumps({"sender": "s" * 300, "message": "hi"}).encode(), "application/json"),
])
def test_malformed_and_oversized_payloads(faulty: tuple, body: bytes, content_type: str) -> None:
    stack = faulty[0]
    request = urllib.request.Request(f"{stack.url}/webhooks/rest/webhook", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read() or b"[]")
            assert response.status == 200 and answer and "too long" in answer[0]["text"].lower()
    except urllib.error.HTTPError as error:
        assert 400 <= error.code < 500, error.code
    assert "microvascular decompression" in reply_text(stack.say(uuid.uuid4().hex, "what is MVD?"))
