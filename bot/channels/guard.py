"""Clean patient input before Rasa sees it: control characters, empty and oversized messages."""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_MESSAGE_CHARS = 2000
EMPTY_INTENT = "/empty_message"
TOO_LONG_INTENT = "/message_too_long"


def sanitize_message(raw: Any) -> str:
    """The text to hand to Rasa: cleaned text, or a payload intent for unusable input."""
    if not isinstance(raw, str):
        return EMPTY_INTENT
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    text = " ".join(text.split())
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_INTENT
    if not any(ch.isalnum() for ch in text):
        return EMPTY_INTENT
    return text
