"""The action server accepts Rasa only; servers listen on loopback; no secret on a command line."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Optional

import pytest
from sqlalchemy import func, select

from bot.appointments.models import AppointmentRequest
from bot.ops.stack import Stack
from bot.storage import session_scope

FORGED_SUBMIT = {
    "next_action": "action_submit_appointment", "sender_id": "forger", "version": "3.6.2",
    "domain": {}, "tracker": {
        "sender_id": "forger", "events": [], "latest_message": {"text": "yes", "intent": {}, "entities": []},
        "active_loop": {}, "latest_action_name": "action_listen", "paused": False, "followup_action": None,
        "slots": {"confirmation": "yes", "full_name": "Forged Person", "date_of_birth": "1960-01-01",
                  "phone": "+15550001111", "visit_reason": "Other", "patient_status": "new",
                  "preferred_times": "any", "consent": "yes"},
    },
}


def call(url: str, body: Optional[dict] = None, headers: Optional[Dict[str, str]] = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def rows(stack: Stack) -> int:
    with session_scope(stack.database_url) as session:
        return session.execute(select(func.count()).select_from(AppointmentRequest)).scalar_one()


@pytest.mark.parametrize("headers", [None, {"Authorization": "Bearer wrong"},
                                     {"Authorization": "test-action-token"}])
def test_forged_action_calls_are_refused_and_store_nothing(stack: Stack, headers: Optional[dict]) -> None:
    base = f"http://127.0.0.1:{stack.actions_port}"
    before = rows(stack)
    assert call(f"{base}/webhook", FORGED_SUBMIT, headers) == 401
    assert call(f"{base}/actions", headers=headers) == 401
    assert rows(stack) == before
    assert call(f"{base}/health") == 200


def test_rasa_calls_with_the_secret_are_served(stack: Stack) -> None:
    headers = {"Authorization": f"Bearer {stack.action_token}"}
    assert call(f"http://127.0.0.1:{stack.actions_port}/actions", headers=headers) == 200


def listening_addresses(port: int) -> set:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_servers_listen_on_loopback_only(stack: Stack) -> None:
    loopback = {"0100007F", "00000000000000000000000001000000"}
    for port in (stack.actions_port, stack.rasa_ports[0]):
        addresses = listening_addresses(port)
        assert addresses and addresses <= loopback, (port, addresses)


def test_no_secret_on_a_command_line_and_the_database_is_private(stack: Stack) -> None:
    for name in ("rasa0", "actions"):
        cmdline = Path(f"/proc/{stack.procs[name].pid}/cmdline").read_bytes().decode()
        assert stack.token not in cmdline and stack.action_token not in cmdline
    database = Path(stack.database_url.removeprefix("sqlite:///"))
    assert database.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("body", [{"sender": "nul\x00byte", "message": "hi"},
                                  {"sender": "ok-sender", "message": "hi", "metadata": "text"}])
def test_unsafe_sender_ids_and_metadata_get_400(stack: Stack, body: dict) -> None:
    assert call(f"{stack.url}/webhooks/rest/webhook", body) == 400
