"""Quick replies in each platform's own shape (pure functions, unit tested)."""

from __future__ import annotations

from typing import Any, Dict, List

Button = Dict[str, Any]


def numbered_text(text: str, buttons: List[Button]) -> str:
    """SMS and WhatsApp have no buttons: list the options, answered by number."""
    if not buttons:
        return text
    options = "\n".join(f"{i}. {b['title']}" for i, b in enumerate(buttons, 1))
    return f"{text}\n\nReply with a number:\n{options}"


def facebook_quick_replies(text: str, buttons: List[Button]) -> Dict[str, Any]:
    """Messenger quick replies (up to 13, titles up to 20 characters)."""
    return {
        "text": text[:2000],
        "quick_replies": [
            {"content_type": "text", "title": str(b["title"])[:20], "payload": str(b["payload"])[:1000]}
            for b in buttons[:13]
        ],
    }


def pick_numbered(text: str, buttons: List[Button]) -> str:
    """Map a bare number ("2") back to the payload of the option it names."""
    stripped = (text or "").strip().rstrip(".)")
    if stripped.isdigit() and 1 <= int(stripped) <= len(buttons):
        return str(buttons[int(stripped) - 1]["payload"])
    return text
