"""``python -m bot.console``: run the staff console, or manage staff users.

    python -m bot.console serve [--port 8000]
    python -m bot.console users add NAME --role reviewer|coordinator|admin   (asks for the password)
    python -m bot.console users passwd NAME [--password-stdin]   (new password; signs NAME out everywhere)
    python -m bot.console users list
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import List, Optional

from bot.console import accounts
from bot.console.models import ROLES


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.console")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the console web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    users = sub.add_parser("users", help="staff accounts").add_subparsers(dest="action", required=True)
    add = users.add_parser("add", help="add a staff user")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    passwd = users.add_parser("passwd", help="set a new password for a staff user (revokes their sessions)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    users.add_parser("list", help="list staff users")
    args = parser.parse_args(argv)
    if args.command == "serve":
        import uvicorn

        from bot.console.app import create_app
        from bot.console.conversations import start_sync_worker

        start_sync_worker()
        print(f"Staff console on http://localhost:{args.port}/ (Ctrl-C stops it)")
        uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning", ws="none")
        return 0
    return manage_users(args)


def manage_users(args: argparse.Namespace) -> int:
    """users add, passwd and list."""
    if args.action == "list":
        for user in accounts.list_users():
            print(f"{user.name}\t{user.role}")
        return 0
    password = read_password(args.password_stdin)
    if password is None:
        print("Passwords differ.", file=sys.stderr)
        return 1
    try:
        if args.action == "passwd":
            revoked = accounts.set_password(args.name, password, "cli")
            print(f"New password set for {args.name}; {revoked} open sessions signed out.")
        else:
            accounts.add_user(args.name, args.role, password)
            print(f"Added {args.name} ({args.role}).")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def read_password(from_stdin: bool) -> Optional[str]:
    """The password from standard input's first line, or asked twice (None if the two differ)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password (10+ characters): ")
    return password if getpass.getpass("Again: ") == password else None


if __name__ == "__main__":
    sys.exit(main())
