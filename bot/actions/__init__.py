"""Custom actions served by the Rasa action server (``rasa run actions --actions bot.actions``).

Importing this package registers the actions and starts the outbox worker, which
stores appointment requests kept while the database was down.
"""

import os

from bot.actions import appointment, knowledge, safety  # noqa: F401  (registers the actions)
from bot.appointments.outbox import start_worker

start_worker(float(os.environ.get("HFS_OUTBOX_INTERVAL", "30")))
