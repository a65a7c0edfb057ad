"""The Rasa-side patches keep Rasa's behaviour where it is right and change it where it is not."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.rasa_patches import install_all


def test_action_response_validation_accepts_and_rejects_like_rasa() -> None:
    install_all()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "a", "value": 1}],
                                           "responses": [{"text": "hi"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}], "responses": []})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})
