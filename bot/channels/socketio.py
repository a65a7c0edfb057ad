"""Socket.IO channel with working session persistence and restricted CORS.

Rasa 3.6 calls ``sio.enter_room`` without ``await``; from python-socketio 5.10
it is a coroutine, so the client never joins its session room and bot replies
are silently dropped (RasaHQ/rasa#13027). This subclass re-registers the
``session_request`` handler with the await, limits CORS to configured origins,
and cleans incoming messages like the REST channel (bot.channels.guard).
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.guard import sanitize_message

logger = logging.getLogger(__name__)

SESSION_ID_RX = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
DEFAULT_ORIGINS = "http://localhost:8080,http://127.0.0.1:8080"


def allowed_origins(configured: Optional[Any]) -> List[str]:
    """Origins from credentials or HFS_ALLOWED_ORIGINS (comma-separated)."""
    if isinstance(configured, list):
        return [str(o) for o in configured]
    value = configured or os.environ.get("HFS_ALLOWED_ORIGINS") or DEFAULT_ORIGINS
    return [o.strip() for o in str(value).split(",") if o.strip()]


class PersistentSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel with ``enter_room`` awaited and CORS restricted."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name so clients and trackers see "socketio"."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """Read the usual socketio credentials plus ``cors_allowed_origins``."""
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_origins = allowed_origins(credentials.get("cors_allowed_origins"))
        return channel

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Build Rasa's blueprint, then replace the session handler and set CORS."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        sio.eio.cors_allowed_origins = getattr(self, "cors_origins", allowed_origins(None))

        async def session_request(sid: str, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not SESSION_ID_RX.match(session_id):
                session_id = uuid.uuid4().hex
            data["session_id"] = session_id
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug("Socket.IO session %s confirmed", sid)

        async def handle_message(sid: str, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence:
                session_id = data.get("session_id")
                if not isinstance(session_id, str) or not SESSION_ID_RX.match(session_id):
                    logger.warning("Socket.IO message without a valid session id ignored")
                    return
                sender_id = session_id
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(
                sanitize_message(data.get("message")),
                SocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await on_new_message(message)

        sio.on("session_request", namespace=self.namespace)(session_request)
        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
