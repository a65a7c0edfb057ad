"""``python -m bot.storage migrate | summarise | revision -m MESSAGE | rotate-keys``.

- ``migrate``: upgrade the project's tables to the newest Alembic revision (on DATABASE_URL, and on
  HFS_APPOINTMENTS_DATABASE_URL when it differs), then backfill the conversation summaries.
- ``summarise``: fold conversation events not yet in the summaries (the backfill alone).
- ``revision -m MESSAGE``: write the next revision from what the models add (review it before use).
- ``rotate-keys``: re-encrypt personal data under the first key in HFS_DATA_KEYS.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import List, Optional

import bot.appointments.models  # noqa: F401 - registers the tables with encrypted columns
from bot.settings import get_settings
from bot.storage import summaries
from bot.storage.migrate import autogenerate, current, upgrade
from bot.storage.rotation import rotate_keys


def migrate() -> None:
    """Upgrade every configured database, then backfill the summaries."""
    settings = get_settings()
    for url in dict.fromkeys([settings.database_url, settings.appointments_database_url]):
        upgrade(url)
        print(f"database at revision {current(url)}")
    summarise()


def summarise() -> None:
    """Fold the events appended since the last run into the conversation summaries."""
    began = time.perf_counter()
    read = summaries.sync()
    if read:
        print(f"summarised {read} new event(s) in {time.perf_counter() - began:.1f} s")


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.storage")
    parser.add_argument("command", choices=["migrate", "summarise", "revision", "rotate-keys"])
    parser.add_argument("-m", "--message", default="schema change", help="the revision's title (revision)")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        migrate()
    elif args.command == "revision":
        print(autogenerate(args.message) or "no revision written")
    elif args.command == "summarise":
        summarise()
    else:
        for table, count in rotate_keys().items():
            print(f"{table}: {count} row(s) re-encrypted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
