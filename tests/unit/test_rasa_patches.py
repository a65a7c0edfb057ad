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


async def test_action_server_calls_share_one_open_session() -> None:
    from rasa.utils.endpoints import EndpointConfig

    install_all()
    endpoint = EndpointConfig("http://127.0.0.1:9/webhook")
    async with endpoint.session() as first:
        pass
    async with endpoint.session() as second:
        assert second is first and not first.closed
    await first.close()
    async with endpoint.session() as third:  # a closed session is replaced
        assert third is not first and not third.closed
    await third.close()


def test_stale_connection_errors_are_recognised() -> None:
    import aiohttp

    from bot.rasa_patches.action_server_down import _stale_connection

    try:
        try:
            raise aiohttp.ServerDisconnectedError()
        except aiohttp.ServerDisconnectedError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert _stale_connection(outer)
    assert not _stale_connection(ValueError("other"))
