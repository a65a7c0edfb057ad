"""Runtime settings, read from environment variables with safe local defaults.

One database URL (``DATABASE_URL``) switches every store the project owns
(knowledge base, appointments, console) between the embedded SQLite file and
PostgreSQL. Clinic contact and emergency numbers live here so that a clinic in
another country changes configuration, not code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "bot" / "data"
VAR_DIR = Path(os.environ.get("HFS_VAR_DIR", PROJECT_ROOT / "var"))


def var_secret(name: str, make: Callable[[], str]) -> str:
    """A secret kept in ``var/<name>``, created once by ``make`` and readable by this user only (0600)."""
    path = VAR_DIR / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(make())
    return path.read_text(encoding="utf-8").strip()


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    """Configuration values used across the bot."""

    database_url: str
    appointments_database_url: str
    facts_path: Path
    source_path: Path
    emergency_number: str
    crisis_line: str
    clinic_phone: str
    clinic_name: str
    clinic_hours: str
    webhook_url: str
    outbox_path: Path
    retention_days: int
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "hfs-assistant@localhost"
    smtp_to: tuple[str, ...] = ()
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    console_url: str = "http://127.0.0.1:8000"
    notify_max_attempts: int = 8
    notify_backoff_seconds: float = 30.0

    @classmethod
    def from_env(cls) -> Settings:
        """Build settings from the process environment."""
        default_db = f"sqlite:///{VAR_DIR / 'hfs.db'}"
        database_url = _env("DATABASE_URL", default_db)
        return cls(
            database_url=database_url,
            appointments_database_url=_env("HFS_APPOINTMENTS_DATABASE_URL", database_url),
            facts_path=Path(_env("HFS_FACTS_PATH", str(DATA_DIR / "facts.yml"))),
            source_path=Path(
                _env("HFS_SOURCE_PATH", str(DATA_DIR / "hemifacial-spasm.txt"))
            ),
            emergency_number=_env("HFS_EMERGENCY_NUMBER", "911"),
            crisis_line=_env("HFS_CRISIS_LINE", "988"),
            clinic_phone=_env("HFS_CLINIC_PHONE", "(555) 010-2030"),
            clinic_name=_env("HFS_CLINIC_NAME", "the Neurology Clinic"),
            clinic_hours=_env(
                "HFS_CLINIC_HOURS", "Monday to Friday, 8 a.m. to 5 p.m."
            ),
            webhook_url=_env("HFS_STAFF_WEBHOOK_URL", ""),
            outbox_path=Path(_env("HFS_OUTBOX_PATH", str(VAR_DIR / "outbox.jsonl"))),
            retention_days=int(_env("HFS_RETENTION_DAYS", "365")),
            smtp_host=_env("HFS_SMTP_HOST", ""),
            smtp_port=int(_env("HFS_SMTP_PORT", "25")),
            smtp_from=_env("HFS_SMTP_FROM", "hfs-assistant@localhost"),
            smtp_to=tuple(a.strip() for a in _env("HFS_SMTP_TO", "").split(",") if a.strip()),
            smtp_starttls=_env("HFS_SMTP_STARTTLS", "0") == "1",
            smtp_user=_env("HFS_SMTP_USER", ""),
            smtp_password=_env("HFS_SMTP_PASSWORD", ""),
            console_url=_env("HFS_CONSOLE_URL", "http://127.0.0.1:8000").rstrip("/"),
            notify_max_attempts=int(_env("HFS_NOTIFY_MAX_ATTEMPTS", "8")),
            notify_backoff_seconds=float(_env("HFS_NOTIFY_BACKOFF", "30")),
        )


def get_settings() -> Settings:
    """Return the settings for the current environment (read fresh each call)."""
    return Settings.from_env()
