"""Channel fixes: input cleaning, and the awaited enter_room of the Socket.IO channel."""

from __future__ import annotations

import warnings

import pytest
from rasa.core.channels.socketio import SocketIOInput

from bot.channels.guard import EMPTY_INTENT, TOO_LONG_INTENT, sanitize_message
from bot.channels.socketio import PersistentSocketIOInput, allowed_origins


@pytest.mark.parametrize("raw, expected", [
    ("What is MVD?", "What is MVD?"), ("  hi \n there ", "hi there"), ("", EMPTY_INTENT),
    ("   ", EMPTY_INTENT), (None, EMPTY_INTENT), (42, EMPTY_INTENT), ("\x00\x01\x02", EMPTY_INTENT),
    ("?!...", EMPTY_INTENT), ("a" * 2001, TOO_LONG_INTENT), ("bo\x00tox", "bo tox"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
])
def test_sanitize_message(raw: object, expected: str) -> None:
    assert sanitize_message(raw) == expected


async def _join(channel: SocketIOInput, session_id: str) -> bool:
    """Run the channel's session_request handler for a connected client; is it in the room?"""

    async def on_new_message(_message: object) -> None:
        return None

    channel.blueprint(on_new_message)
    sio = channel.sio
    sid = await sio.manager.connect("eio-1", "/")  # what a real client connection registers
    handler = sio.handlers["/"]["session_request"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # Rasa's "coroutine was never awaited"
        await handler(sid, {"session_id": session_id})
    return sid in sio.manager.rooms["/"].get(session_id, {})


async def test_rasa_channel_does_not_join_the_session_room() -> None:
    """The bug this project works around (RasaHQ/rasa#13027)."""
    channel = SocketIOInput.from_credentials({"session_persistence": True})
    assert not await _join(channel, "a1b2c3d4e5f6a7b8")


async def test_persistent_channel_joins_the_session_room() -> None:
    channel = PersistentSocketIOInput.from_credentials({"session_persistence": True})
    assert await _join(channel, "a1b2c3d4e5f6a7b8")


def test_allowed_origins(monkeypatch: pytest.MonkeyPatch) -> None:
    assert allowed_origins(["https://clinic.example"]) == ["https://clinic.example"]
    monkeypatch.setenv("HFS_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    assert allowed_origins(None) == ["https://a.example", "https://b.example"]


def test_numbered_options_round_trip() -> None:
    from bot.channels.buttons import numbered_text, pick_numbered

    buttons = [{"title": "MRI", "payload": "/ask_question{\"topic\":\"mri\"}"},
               {"title": "EMG", "payload": "/ask_question{\"topic\":\"emg\"}"}]
    assert numbered_text("Which test?", buttons).endswith("Reply with a number:\n1. MRI\n2. EMG")
    assert pick_numbered("2", buttons) == buttons[1]["payload"]
    assert pick_numbered(" 1. ", buttons) == buttons[0]["payload"]
    assert pick_numbered("3", buttons) == "3" and pick_numbered("what is MRI", buttons) == "what is MRI"


def test_facebook_quick_replies_respect_platform_limits() -> None:
    from bot.channels.buttons import facebook_quick_replies

    buttons = [{"title": f"A very long button title number {i}", "payload": f"/p{i}"} for i in range(20)]
    message = facebook_quick_replies("text", buttons)
    assert len(message["quick_replies"]) == 13
    assert all(len(q["title"]) <= 20 for q in message["quick_replies"])


def test_the_shared_socketio_manager_follows_the_lock_store_redis() -> None:
    """One process needs no shared manager; several share the lock store's Redis unless told otherwise."""
    from bot.channels.socketio import manager_url

    assert manager_url({}) is None
    assert manager_url({"REDIS_HOST": "10.0.0.5", "REDIS_PORT": "6380", "REDIS_DB": "2"}) == "redis://10.0.0.5:6380/2"
    assert manager_url({"REDIS_HOST": "r", "REDIS_PASSWORD": "pw"}) == "redis://:pw@r:6379/0"
    assert manager_url({"HFS_SOCKETIO_REDIS_URL": "redis://x/1", "REDIS_HOST": "r"}) == "redis://x/1"
