"""Local stand-ins for the clinic's webhook and mail server, shared by the notification tests."""

from __future__ import annotations

import json
import threading
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import List


class Hook:
    """A local webhook answering with ``codes`` in turn (then 200), recording each body and header."""

    def __init__(self, codes: List[int]) -> None:
        self.codes, self.bodies, self.headers = list(codes), [], []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server hook name
                hook.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                hook.headers.append(self.headers)  # case-insensitive
                self.send_response(hook.codes.pop(0) if hook.codes else 200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Mailbox:
    """aiosmtpd handler keeping every message."""

    def __init__(self, port: int) -> None:
        self.messages: list = []
        self.port = port

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"
