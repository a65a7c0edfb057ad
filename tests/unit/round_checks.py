"""Checks shared by the test rounds written after each fresh set (one shape, many wordings)."""

from __future__ import annotations

from typing import Iterable

from bot.conversation import respond
from bot.safety.redflags import CRISIS, detect_red_flag

NOT_COVERED = "doesn't cover"
EMERGENCY_NUMBER = "911"


def assert_flag(text: str, kinds: Iterable[str] = (CRISIS,)) -> None:
    """The message raises a red flag of one of ``kinds``."""
    flag = detect_red_flag(text)
    assert flag is not None and flag.kind in tuple(kinds), (text, flag)


def assert_no_alarm(text: str) -> None:
    """Neither a red flag nor emergency text in the reply."""
    assert detect_red_flag(text) is None, text
    assert EMERGENCY_NUMBER not in respond(text).full_text, text


def assert_reply_has(text: str, *phrases: str) -> None:
    """Every phrase appears in the whole reply (any case)."""
    reply = respond(text).full_text.lower()
    missing = [phrase for phrase in phrases if phrase.lower() not in reply]
    assert not missing, (text, missing, reply)
