"""Start the action server and Rasa as child processes on free ports, and talk to them."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.ops.credentials import write as write_credentials
from bot.settings import PROJECT_ROOT

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"
MODEL = PROJECT_ROOT / "models" / "hfs.tar.gz"


# Below Linux's ephemeral range (32768-60999): a port the kernel hands out for bind(0) can be
# taken a moment later as the local end of some outgoing connection, and the server then fails.
_PORTS = range(20000, 32000)
_handed_out: set[int] = set()
_pick = random.SystemRandom()  # leaves the seeded global generator (random walks) alone


def free_port() -> int:
    """A TCP port nobody uses right now, outside the ephemeral range, never the same one twice."""
    for _ in range(200):
        port = _pick.choice(_PORTS)
        if port in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free TCP port between 20000 and 32000")


def http_json(url: str, payload: Any = None, timeout: float = 30.0, method: Optional[str] = None,
              raw: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None) -> Any:
    """POST (or GET without a payload) and decode the JSON answer."""
    data = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else None)
    request = urllib.request.Request(url, data=data, method=method,  # noqa: S310 - local URLs
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local URLs
        body = response.read()
    return json.loads(body) if body else None


def wait_until(url: str, timeout: float, procs: List[subprocess.Popen]) -> None:
    """Poll ``url`` until it answers 200; fail early if a process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local URL
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@dataclass
class Stack:
    """One action server and one or more Rasa servers sharing a database."""

    workdir: Path
    database_url: str
    model: Path = MODEL
    rasa_count: int = 1
    endpoints_extra: str = ""
    endpoints_template: Optional[Path] = None
    env_extra: Dict[str, str] = field(default_factory=dict)
    token: str = "test-token"  # noqa: S105 - a throwaway token for local test servers
    action_token: str = "test-action-token"  # noqa: S105 - shared secret between Rasa and the action server
    actions_port: int = field(default_factory=free_port)
    rasa_ports: List[int] = field(default_factory=list)
    web_port: int = field(default_factory=free_port)
    console_port: int = field(default_factory=free_port)
    procs: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Base URL of the first Rasa server."""
        return f"http://127.0.0.1:{self.rasa_ports[0]}"

    def env(self) -> Dict[str, str]:
        """The environment the servers run with."""
        env = dict(os.environ)
        env.update({
            "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT),
            "TF_CPP_MIN_LOG_LEVEL": "3", "DATABASE_URL": self.database_url,
            "HFS_OUTBOX_PATH": str(self.workdir / "outbox.jsonl"),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "HFS_ALLOWED_ORIGINS": f"http://127.0.0.1:{self.web_port},http://localhost:{self.web_port}",
            "HFS_CONSOLE_SECRET": "test-console-secret-" + self.token,
            "HFS_ACTION_TOKEN": self.action_token, "RASA_TOKEN": self.token,
        })
        # Every test and benchmark patient comes from 127.0.0.1 (the benchmark: 50 at once, 160+
        # messages/s), and the benchmark's single patient sends 40 turns back to back in about
        # half a second, beyond the default per-sender burst of 20. The caller's environment wins.
        env.setdefault("HFS_RATE_ADDRESS", "100000:10000/1s")
        env.setdefault("HFS_RATE_SENDER", "50:1/1s")
        if self.rasa_ports:  # the console sends staff messages through the first Rasa server
            env["RASA_URL"] = self.url
        env.update(self.env_extra)
        return env

    def write_endpoints(self) -> Path:
        """An endpoints file pointing at this stack's action server (rendered from a template if given)."""
        path = self.workdir / "endpoints.yml"
        if self.endpoints_template is not None:
            env = dict(self.env(), ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.actions_port}/webhook")
            write_credentials(path, self.endpoints_template, env=env)
            return path
        path.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.actions_port}/webhook"\n'
            '  headers:\n    Authorization: Bearer ${HFS_ACTION_TOKEN}\n  enable_selective_domain: true\n'
            "tracker_store:\n  type: bot.storage.tracker_store.UrlSQLTrackerStore\n"
            + (self.endpoints_extra or "lock_store:\n  type: in_memory\n"),
            encoding="utf-8",
        )
        return path

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(args, cwd=PROJECT_ROOT, env=self.env(), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.procs[name] = proc
        return proc

    def start_actions(self, timeout: float = 120) -> None:
        """Start (or restart) the action server."""
        proc = self._spawn("actions", [str(VENV_BIN / "python"), "-m", "bot.actions.server",
                                       "--port", str(self.actions_port)])
        wait_until(f"http://127.0.0.1:{self.actions_port}/health", timeout, [proc])

    def start_rasa(self, index: int = 0, timeout: float = 240) -> None:
        """Start (or restart) Rasa server number ``index``."""
        while len(self.rasa_ports) <= index:
            self.rasa_ports.append(free_port())
        port = self.rasa_ports[index]
        credentials = self.workdir / "credentials.yml"
        write_credentials(credentials, env=self.env())
        proc = self._spawn(f"rasa{index}", [
            str(VENV_BIN / "python"), "-m", "bot.ops.rasa_server", "run", "--model", str(self.model),
            "--interface", "127.0.0.1", "--endpoints",
            str(self.write_endpoints()), "--credentials", str(credentials),
            "--port", str(port), "--enable-api",
        ])
        wait_until(f"http://127.0.0.1:{port}/status?token={self.token}", timeout, [proc])

    @property
    def web_url(self) -> str:
        """Base URL of the patient web page."""
        return f"http://127.0.0.1:{self.web_port}"

    def start_web(self, timeout: float = 60) -> None:
        """Serve the patient page, connecting its widget to the first Rasa server."""
        proc = self._spawn("web", [str(VENV_BIN / "python"), "-m", "bot.web", "--port", str(self.web_port),
                                   "--rasa-url", self.url])
        wait_until(f"{self.web_url}/health", timeout, [proc])

    @property
    def console_url(self) -> str:
        """Base URL of the staff console."""
        return f"http://127.0.0.1:{self.console_port}"

    def start_console(self, timeout: float = 60) -> None:
        """Serve the staff console on this stack's database."""
        proc = self._spawn("console", [str(VENV_BIN / "python"), "-m", "bot.console", "serve",
                                       "--port", str(self.console_port)])
        wait_until(f"{self.console_url}/login", timeout, [proc])

    def start(self) -> Stack:
        """Start the action server, then the Rasa servers."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.start_actions()
        for index in range(self.rasa_count):
            self.start_rasa(index)
        return self

    def stop_process(self, name: str) -> None:
        """Stop one process (SIGTERM, then SIGKILL)."""
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)

    def stop(self) -> None:
        """Stop everything."""
        for name in list(self.procs):
            self.stop_process(name)

    def say(self, sender: str, text: str, index: int = 0, timeout: float = 30) -> List[Dict[str, Any]]:
        """Send one message over the REST channel; return the bot's messages."""
        port = self.rasa_ports[index]
        return http_json(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                         {"sender": sender, "message": text}, timeout=timeout)

    def tracker(self, sender: str, index: int = 0) -> Dict[str, Any]:
        """The conversation tracker from the HTTP API (token protected)."""
        port = self.rasa_ports[index]
        return http_json(f"http://127.0.0.1:{port}/conversations/{sender}/tracker?token={self.token}")


def reply_text(messages: List[Dict[str, Any]]) -> str:
    """All reply texts and button titles, lower-cased, as the acceptance examples judge them."""
    parts = []
    for message in messages or []:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return " ".join(parts).lower()
