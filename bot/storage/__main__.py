"""``python -m bot.storage rotate-keys``: re-encrypt personal data under the first key in HFS_DATA_KEYS."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import bot.appointments.models  # noqa: F401 - registers the tables with encrypted columns
from bot.storage.rotation import rotate_keys


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.storage")
    parser.add_argument("command", choices=["rotate-keys"])
    parser.parse_args(argv)
    for table, count in rotate_keys().items():
        print(f"{table}: {count} row(s) re-encrypted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
