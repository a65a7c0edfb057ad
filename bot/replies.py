"""The reply type shared by the domain modules and the actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

APPOINTMENT_BUTTON = ("Request an appointment", "/request_appointment")
TESTS_BUTTON = ("What tests are there?", "/ask_list_tests")
TREATMENTS_BUTTON = ("What treatments are there?", "/ask_list_treatments")


@dataclass(frozen=True)
class Reply:
    """Text plus quick-reply buttons (title, payload) and the topic it was about."""

    text: str
    buttons: Tuple[Tuple[str, str], ...] = field(default_factory=tuple)
    topic: Optional[str] = None
    kind: str = "fact"
    asked: Optional[str] = None  # what the question asked (an attribute or a gap's class), for follow-ups
    note: str = ""  # a second message after the text: what the page does not say, beside what it does

    @property
    def messages(self) -> Tuple[str, ...]:
        """The texts to send, in order (the buttons go with the last)."""
        return (self.text, self.note) if self.note else (self.text,)

    @property
    def full_text(self) -> str:
        """Every message's text, as one string."""
        return "\n".join(self.messages)

    def button_dicts(self) -> List[Dict[str, str]]:
        """Buttons in the shape Rasa's dispatcher expects."""
        return [{"title": title, "payload": payload} for title, payload in self.buttons]
