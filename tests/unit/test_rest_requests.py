"""REST requests: unusable senders and metadata are refused before Rasa sees them."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from bot.channels.rest import request_problem


def request(body: Any) -> Any:
    return SimpleNamespace(json=body)


@pytest.mark.parametrize("body", [
    {"sender": "abc\x00def", "message": "hi"}, {"sender": "a b", "message": "hi"},
    {"sender": "<script>", "message": "hi"}, {"sender": "x" * 129, "message": "hi"},
    {"sender": "ok", "message": "hi", "metadata": "not an object"},
    {"sender": "ok", "message": "hi", "metadata": [1, 2]}, {"message": "hi"}, [], "text",
])
def test_refused(body: Any) -> None:
    assert request_problem(request(body))


@pytest.mark.parametrize("body", [
    {"sender": "walk-1-2", "message": "hi"}, {"sender": 42, "message": "hi"},
    {"sender": "j01-ab12cd34", "message": "hi", "metadata": {"page": "/"}},
    {"sender": "whatsapp:+15551234567", "message": "hi", "metadata": None},
    {"sender": "0f" * 16, "message": "hi"},
])
def test_accepted(body: Any) -> None:
    assert request_problem(request(json.loads(json.dumps(body)))) is None
