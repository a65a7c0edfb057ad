"""The action server: rasa-sdk's endpoint, reachable by Rasa alone.

Open-source Rasa's action server has no authentication, so anyone who can reach it can
forge a tracker and store an appointment request. Here every call except ``/health``
must carry ``Authorization: Bearer <HFS_ACTION_TOKEN>`` (Rasa sends it from the
``headers`` of ``action_endpoint`` in endpoints.yml); others get 401 and change
nothing. It listens on 127.0.0.1 unless ``--host`` says otherwise.

    HFS_ACTION_TOKEN=... python -m bot.actions.server --port 5055
"""

from __future__ import annotations

import sys

# spaCy (message analysis) imports thinc, whose ``thinc.compat`` imports every array backend it
# finds installed: TensorFlow (Rasa's dependency, about 400 MB resident here), PyTorch, MXNet,
# CuPy, and h5py for saving TensorFlow models. The actions use spaCy's CPU tokeniser only, so when
# this module is the process's entry point those imports are made to fail (``None`` in
# ``sys.modules`` raises ImportError) and thinc falls back to NumPy. A plain import does not do it,
# so tests and Rasa's own process are unaffected. It works because ``bot.actions`` imports none of
# the actions itself: rasa-sdk imports them when it registers the package, after this block.
UNUSED_BACKENDS = ("tensorflow", "torch", "mxnet", "cupy", "cupyx", "jax", "keras", "h5py")
if __name__ == "__main__":
    sys.modules.update({name: None for name in UNUSED_BACKENDS if name not in sys.modules})

import argparse  # noqa: E402 - after the backend block above
import hmac  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
from typing import List, Optional  # noqa: E402

from rasa_sdk.endpoint import create_app  # noqa: E402
from sanic import Sanic, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from bot.appointments.delivery import start_worker as start_notifications  # noqa: E402
from bot.appointments.outbox import start_worker as start_outbox  # noqa: E402
from bot.knowledge.coverage import coverage  # noqa: E402
from bot.safety.crisis_model import crisis_model  # noqa: E402

logger = logging.getLogger(__name__)
TOKEN_ENV = "HFS_ACTION_TOKEN"  # noqa: S105 - the name of the variable, not a secret
OPEN_PATHS = frozenset({"/health"})


def authorised(header: Optional[str], token: str) -> bool:
    """Whether an Authorization header carries the shared secret (constant-time)."""
    expected = f"Bearer {token}".encode()
    return bool(token) and hmac.compare_digest((header or "").encode(), expected)


def build_app(token: str, package: str = "bot.actions") -> Sanic:
    """rasa-sdk's app with the shared-secret check in front of every action call."""
    if not token:
        raise ValueError(f"{TOKEN_ENV} must be set: the action server accepts calls from Rasa only")
    app = create_app(package, cors_origins=[])

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[response.HTTPResponse]:
        if request.path in OPEN_PATHS or authorised(request.headers.get("authorization"), token):
            return None
        return response.json({"error": "unauthorised"}, status=401)

    return app


def main(argv: Optional[List[str]] = None) -> int:
    """Serve the actions until stopped."""
    parser = argparse.ArgumentParser(prog="python -m bot.actions.server")
    parser.add_argument("--host", default=os.environ.get("HFS_ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        app = build_app(os.environ.get(TOKEN_ENV, "").strip())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    coverage()  # build the page vocabulary now, not on a patient's first question
    crisis_model()  # and the crisis model
    start_outbox(float(os.environ.get("HFS_OUTBOX_INTERVAL", "30")))  # requests kept while the database was down
    start_notifications(float(os.environ.get("HFS_NOTIFY_INTERVAL", "5")))  # staff emails and webhooks
    logger.info("Action server on http://%s:%s", args.host, args.port)
    app.run(args.host, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
