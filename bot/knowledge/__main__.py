"""Command line: ``python -m bot.knowledge load|show``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.knowledge.repository import knowledge, load_facts


def main(argv: list[str] | None = None) -> int:
    """Load the facts file into the database, or print what the database holds."""
    parser = argparse.ArgumentParser(prog="python -m bot.knowledge")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="load bot/data/facts.yml into the database")
    load.add_argument("--facts", type=Path, default=None)
    load.add_argument("--url", default=None, help="SQLAlchemy URL (default: DATABASE_URL)")
    show = sub.add_parser("show", help="list the topics and facts in the database")
    show.add_argument("--url", default=None)
    args = parser.parse_args(argv)
    if args.command == "load":
        result = load_facts(args.facts, args.url)
        state = "loaded" if result.changed else "already up to date"
        print(
            f"Knowledge base {state}: {result.topics} topics, "
            f"{result.facts} facts, {result.quotes} quotes."
        )
        return 0
    for topic in knowledge(args.url).topics:
        print(f"{topic.key} ({topic.section})")
        for fact in topic.facts:
            print(f"  [{', '.join(fact.attributes)}] {fact.answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
