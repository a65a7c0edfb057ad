"""The one place that opens database connections (SQLAlchemy engines and sessions)."""

from bot.storage.db import Base, get_engine, reset_engines, session_scope

__all__ = ["Base", "get_engine", "reset_engines", "session_scope"]
