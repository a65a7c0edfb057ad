"""Conversations left mid-turn (a circuit-breaker trip, a crash) answer again on the next message."""

from __future__ import annotations

import uuid

from bot.ops.stack import Stack, http_json, reply_text
from tests.e2e.invariants import turn_problems


def test_a_conversation_stuck_mid_turn_recovers(stack: Stack) -> None:
    sender = f"stuck-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "hello")
    # What a tripped circuit breaker leaves behind: ten fallback actions and no action_listen.
    stuck = [{"event": "action", "name": "action_fallback"} for _ in range(10)]
    http_json(f"{stack.url}/conversations/{sender}/tracker/events?token={stack.token}", stuck)
    messages = stack.say(sender, "my face suddenly went weak and droopy")
    assert turn_problems(messages, red_flag=True) == []
    messages = stack.say(sender, "what is MVD?")
    assert turn_problems(messages, red_flag=False) == [] and "decompression" in reply_text(messages)


def test_the_loops_of_issue_10_end_with_one_reply(stack: Stack) -> None:
    for first in ("botox every 3 months ok?", "I'm Ruth Adams, born 05/12/1948", "blorp zzzt qwx"):
        sender = uuid.uuid4().hex
        messages = stack.say(sender, first)
        assert turn_problems(messages, red_flag=False) == [], first
        assert turn_problems(stack.say(sender, "thanks"), red_flag=False) == [], first
        assert turn_problems(stack.say(sender, "I can't swallow since my botox"), red_flag=True) == []
