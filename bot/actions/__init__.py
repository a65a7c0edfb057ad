"""Custom actions served by the Rasa action server (``rasa run actions --actions bot.actions``)."""

from bot.actions import appointment, knowledge, safety  # noqa: F401  (registers the actions)
