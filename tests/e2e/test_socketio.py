"""The Socket.IO channel: replies arrive with session persistence on (RasaHQ/rasa#13027), the
conversation continues after a reconnect, and other origins are refused."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from typing import List

import pytest
import socketio

from bot.ops.stack import Stack


def converse(stack: Stack, session_id: str, texts: List[str], origin: str) -> List[str]:
    """Connect, request the session, send each text and collect the bot's replies to it."""
    client = socketio.Client(reconnection=False)
    replies: queue.Queue = queue.Queue()
    confirmed = threading.Event()
    client.on("session_confirm", lambda _sid: confirmed.set())
    client.on("bot_uttered", lambda message: replies.put(message.get("text") or ""))
    # Polling sends exactly this Origin header (websocket-client would add its own); the
    # browser test covers the websocket transport.
    client.connect(stack.url, transports=["polling"], headers={"Origin": origin})
    try:
        client.emit("session_request", {"session_id": session_id})
        assert confirmed.wait(10), "no session_confirm"
        answers = []
        for text in texts:
            client.emit("user_uttered", {"message": text, "session_id": session_id})
            parts = [replies.get(timeout=30)]
            time.sleep(0.5)
            while not replies.empty():
                parts.append(replies.get_nowait())
            answers.append(" ".join(parts).lower())
        return answers
    finally:
        client.eio.disconnect(abort=True)  # do not wait for the server's long-poll to end


def web_origin(stack: Stack) -> str:
    return f"http://localhost:{stack.web_port}"


def test_replies_arrive_with_session_persistence(stack: Stack) -> None:
    session = uuid.uuid4().hex
    [answer] = converse(stack, session, ["tell me about botox"], web_origin(stack))
    assert "block nerve signals" in answer


def test_conversation_survives_a_reconnect(stack: Stack) -> None:
    session = uuid.uuid4().hex
    converse(stack, session, ["what is MVD?"], web_origin(stack))
    [answer] = converse(stack, session, ["how is it done?"], web_origin(stack))
    assert "behind the ear" in answer
    events = stack.tracker(session)["events"]
    assert sum(1 for e in events if e["event"] == "user") == 2
    assert all(e.get("input_channel") == "socketio" for e in events if e["event"] == "user")


def test_empty_message_gets_a_clear_reply(stack: Stack) -> None:
    [answer] = converse(stack, uuid.uuid4().hex, ["   "], web_origin(stack))
    assert "didn't receive any text" in answer


def test_other_origins_are_refused(stack: Stack) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        converse(stack, uuid.uuid4().hex, ["hi"], "http://evil.example")
