"""Reuse one HTTP client session (keep-alive) for calls to the action server.

Rasa's ``EndpointConfig.session()`` builds a new ``aiohttp.ClientSession`` for every
request, so each custom action opens a new connection. This returns a shared session per
event loop and endpoint settings, wrapped so that Rasa's ``async with`` does not close it.
A pooled connection that died (the action server restarted) is retried once by
``action_server_down``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Tuple

import aiohttp
from rasa.utils.endpoints import EndpointConfig

_original_session = EndpointConfig.session
_sessions: Dict[Tuple[int, str], aiohttp.ClientSession] = {}


class _Borrowed:
    """``async with`` hands out the shared session and leaves it open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *_: Any) -> bool:
        return False


def _session(self: EndpointConfig) -> Any:
    loop = asyncio.get_running_loop()
    key = (id(loop), repr((self.headers, self.basic_auth)))
    shared = _sessions.get(key)
    if shared is None or shared.closed:
        shared = _original_session(self)
        _sessions[key] = shared
    return _Borrowed(shared)


def install() -> None:
    """Patch EndpointConfig.session once."""
    if EndpointConfig.session is not _session:
        EndpointConfig.session = _session
