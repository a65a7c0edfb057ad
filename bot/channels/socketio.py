"""Socket.IO channel with working session persistence and restricted CORS.

Rasa 3.6 calls ``sio.enter_room`` without ``await``; from python-socketio 5.10
it is a coroutine, so the client never joins its session room and bot replies
are silently dropped (RasaHQ/rasa#13027). This subclass re-registers the
``session_request`` handler with the await, limits CORS to configured origins,
cleans incoming messages like the REST channel (bot.channels.guard), and applies the
rate limits (bot.channels.ratelimit): a refused message is dropped before Rasa sees it, and
the client hears the slow-down text once per notice interval, not once per message.

With several Rasa processes (the PostgreSQL + Redis profile), a message one process emits must
reach a widget connected to another: the server then uses python-socketio's
``AsyncRedisManager`` on the lock store's Redis (``shared_manager``), so emits go through Redis
publish/subscribe to whichever process holds the connection.

Messages staff send from the console (Rasa's HTTP API with ``output_channel=latest``) reach the
widget through ``get_output_channel``; they carry ``staff`` (the name the patient sees) and
``staff_event`` so that the widget can show who wrote.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.guard import sanitize_message
from bot.channels.ratelimit import SLOW_DOWN, gated, shared_limiter
from bot.dialogue.paused import KIND_KEY, LABEL_KEY

logger = logging.getLogger(__name__)

SESSION_ID_RX = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
DEFAULT_ORIGINS = "http://localhost:8080,http://127.0.0.1:8080"


def allowed_origins(configured: Optional[Any]) -> List[str]:
    """Origins from credentials or HFS_ALLOWED_ORIGINS (comma-separated)."""
    if isinstance(configured, list):
        return [str(o) for o in configured]
    value = configured or os.environ.get("HFS_ALLOWED_ORIGINS") or DEFAULT_ORIGINS
    return [o.strip() for o in str(value).split(",") if o.strip()]


def socket_address(environ: Optional[Dict[str, Any]]) -> str:
    """The client's address from the connection's environ.

    engine.io's Sanic driver puts a fixed 127.0.0.1 in REMOTE_ADDR, so the Sanic request it
    keeps is asked first (forwarded headers count only if Sanic is configured to trust them).
    """
    environ = environ or {}
    request = environ.get("sanic.request")
    address = (request.remote_addr or request.ip) if request is not None else ""
    return address or environ.get("REMOTE_ADDR") or "unknown"


def manager_url(environ: Optional[Dict[str, str]] = None) -> Optional[str]:
    """The Redis URL of the shared Socket.IO manager: HFS_SOCKETIO_REDIS_URL, else the lock store's Redis."""
    env = os.environ if environ is None else environ
    if env.get("HFS_SOCKETIO_REDIS_URL"):
        return env["HFS_SOCKETIO_REDIS_URL"]
    if not env.get("REDIS_HOST"):
        return None  # one process: the in-memory manager is enough
    password = env.get("REDIS_PASSWORD")
    auth = f":{password}@" if password else ""
    return f"redis://{auth}{env['REDIS_HOST']}:{env.get('REDIS_PORT', '6379')}/{env.get('REDIS_DB', '0')}"


def shared_manager(sio: Any, environ: Optional[Dict[str, str]] = None) -> bool:
    """Give the server a Redis client manager shared by every Rasa process; False when there is one."""
    url = manager_url(environ)
    if not url:
        return False
    import socketio  # python-socketio, installed with Rasa

    env = os.environ if environ is None else environ
    channel = f"{env.get('REDIS_KEY_PREFIX', 'hfs')}-socketio"
    sio.manager = socketio.AsyncRedisManager(url, channel=channel)
    sio.manager.set_server(sio)
    sio.manager_initialized = False  # started on the first connection, as the default manager is
    logger.info("Socket.IO messages are shared through Redis (channel %s)", channel)
    return True


class StaffAwareSocketIOOutput(SocketIOOutput):
    """Rasa's Socket.IO output; a staff member's message also says who wrote it."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Like Rasa (one event per paragraph), adding ``staff`` and ``staff_event`` for staff messages."""
        label = kwargs.get(LABEL_KEY)
        if not label:
            await super().send_text_message(recipient_id, text, **kwargs)
            return
        for part in text.strip().split("\n\n"):
            await self._send_message(recipient_id, {"text": part, "staff": str(label),
                                                    "staff_event": str(kwargs.get(KIND_KEY) or "message")})


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

    def get_output_channel(self) -> Optional[OutputChannel]:
        """The output for messages sent through the HTTP API (None before the server started)."""
        if self.sio is None:
            return super().get_output_channel()
        return StaffAwareSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Build Rasa's blueprint, then replace the session handler and set CORS."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        sio.eio.cors_allowed_origins = getattr(self, "cors_origins", allowed_origins(None))
        shared_manager(sio)
        limiter = shared_limiter()
        in_line = gated(on_new_message, limiter)

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
            output = StaffAwareSocketIOOutput(sio, self.bot_message_evt)
            verdict = limiter.check(sender_id, socket_address(sio.get_environ(sid, namespace=self.namespace)))
            if not verdict.allowed:
                logger.debug("Socket.IO message of %s refused: %s limit", sender_id, verdict.reason)
                if limiter.notice_due(sender_id):
                    await output.send_text_message(sender_id, SLOW_DOWN)
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(
                sanitize_message(data.get("message")),
                output,
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await in_line(message)

        sio.on("session_request", namespace=self.namespace)(session_request)
        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
