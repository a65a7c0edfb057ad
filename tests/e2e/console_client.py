"""A cookie-keeping HTTP client for the staff console (no redirects followed)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, Optional, Tuple


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


class ConsoleClient:
    """GET and POST with a session cookie; answers (status, body, headers)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: Optional[Dict[str, str]] = None) -> Tuple[int, str, Dict[str, str]]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, method="POST" if data is not None else "GET")
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def get(self, path: str) -> Tuple[int, str, Dict[str, str]]:
        return self.request(path)

    def csrf(self, path: str = "/login") -> str:
        status, body, _ = self.get(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', body)
        assert match, f"no CSRF token on {path} ({status})"
        return match.group(1)

    def post(self, path: str, data: Dict[str, str], csrf_from: Optional[str] = None) -> Tuple[int, str, Dict[str, str]]:
        if csrf_from is not None:
            data = dict(data, csrf_token=self.csrf(csrf_from))
        return self.request(path, data)

    def login(self, name: str, password: str) -> int:
        status, _, _ = self.post("/login", {"name": name, "password": password, "next": "/"}, csrf_from="/login")
        return status
