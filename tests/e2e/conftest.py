"""Start the real servers once for the end-to-end tests."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Dict, Iterator

import pytest

from bot.console.accounts import add_user
from bot.knowledge.repository import load_facts
from bot.ops.stack import MODEL, Stack
from tests.e2e.browser import CHROMIUM, LAUNCH_ARGS
from tests.e2e.invariants import CIRCUIT_BREAKER, circuit_breaker_trips


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Action server + Rasa on free ports, with their own SQLite database."""
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first")
    workdir: Path = tmp_path_factory.mktemp("stack")
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
    trips = circuit_breaker_trips(stack)
    if trips:
        pytest.fail(f"Rasa's log says '{CIRCUIT_BREAKER}' {trips} time(s): a conversation looped")


PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def console(stack: Stack) -> Iterator[Dict[str, str]]:
    """Conversations of every kind, three staff users, and the console server."""
    ids = {name: f"console-{name}-{uuid.uuid4().hex[:6]}" for name in
           ("script", "form", "emergency", "fallback", "handoff")}
    stack.say(ids["script"], "<script>alert('x')</script> what is MVD?")
    for turn in ["book an appointment", "Rosa Delgado", "3 April 1959", "555-867-5309",
                 "Surgical consultation (MVD)", "Returning patient", "Tuesdays", "Yes, I agree", "yes"]:
        messages = stack.say(ids["form"], turn)
    ids["reference"] = re.search(r"HFS-[A-Z0-9]{6}", messages[0]["text"]).group(0)
    stack.say(ids["emergency"], "my face suddenly went numb and droopy")
    stack.say(ids["fallback"], "blorp zzzt qwx")
    stack.say(ids["handoff"], "I want to talk to a person")
    for name, role in (("rita", "reviewer"), ("cora", "coordinator"), ("adam", "admin")):
        add_user(name, role, PASSWORD, stack.database_url)
    stack.start_console()
    yield ids
    stack.stop_process("console")


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """One headless Debian chromium for every browser test (Playwright allows one per thread)."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()
