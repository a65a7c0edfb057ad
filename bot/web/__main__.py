"""``python -m bot.web --port 8080 --rasa-url http://localhost:5005``: serve the patient page."""

from __future__ import annotations

import argparse

import uvicorn

from bot.web.app import create_app


def main() -> None:
    """Parse arguments and run uvicorn."""
    parser = argparse.ArgumentParser(prog="python -m bot.web")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    args = parser.parse_args()
    # ws="none": no websocket routes here, and Rasa pins a websockets version uvicorn cannot use.
    uvicorn.run(create_app(args.rasa_url), host=args.host, port=args.port, log_level="warning", ws="none")


if __name__ == "__main__":
    main()
