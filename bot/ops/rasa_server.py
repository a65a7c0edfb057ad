"""``python -m bot.ops.rasa_server run …``: ``rasa run`` with its API token from the environment.

``rasa run --auth-token`` takes the token on the command line, where ``ps`` shows it to
every user of the machine. This launcher reads ``RASA_TOKEN`` and hands it to Rasa's own
command line parser inside the process, so the token never appears in a process list.

For ``run``, a model none of whose components uses TensorFlow is served without loading it
(``bot.rasa_patches.tensorflow_absent``): about 440 MB less per Rasa process.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run Rasa's CLI with the token added from the environment."""
    token = os.environ.get("RASA_TOKEN", "").strip()
    if not token:
        sys.exit("RASA_TOKEN must be set: the Rasa HTTP API is never served without a token")
    sys.argv = ["rasa", *sys.argv[1:], "--auth-token", token]
    if sys.argv[1:2] == ["run"]:
        from bot.rasa_patches.tensorflow_absent import install_if_unused, model_from_argv

        install_if_unused(model_from_argv(sys.argv))
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
