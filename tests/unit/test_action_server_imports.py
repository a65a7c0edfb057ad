"""The action server process runs on rasa-sdk alone: no Rasa, no TensorFlow (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Runs ``python -m bot.actions.server`` as the entry point does, with Sanic's ``run`` replaced so
# the process stops after building the app (actions registered, spaCy loaded), then reports
# which modules it imported and checks that spaCy still tokenises.
PROBE = """
import json, runpy, sys
import sanic
sanic.Sanic.run = lambda *args, **kwargs: None
sys.argv = ["server", "--port", "1"]
try:
    runpy.run_module("bot.actions.server", run_name="__main__", alter_sys=True)
except SystemExit as exit_:
    assert not exit_.code, exit_.code
from bot.nlp.normalize import lemma_text
loaded = sorted(name for name, module in sys.modules.items() if module is not None)
print(json.dumps({"modules": loaded, "lemmas": lemma_text("The spasms were worse")}))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the server process loaded, and spaCy's lemmas in it (one subprocess for the module)."""
    tmp_path = tmp_path_factory.mktemp("probe")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HFS_ACTION_TOKEN="probe-token",
               DATABASE_URL=f"sqlite:///{tmp_path / 'probe.db'}", HFS_OUTBOX_WORKER="0",
               HFS_NOTIFY_WORKER="0", HFS_OUTBOX_PATH=str(tmp_path / "outbox.jsonl"))
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def top_level(modules: list) -> set:
    return {name.split(".")[0] for name in modules}


def test_action_server_imports_neither_rasa_nor_tensorflow(probe):
    loaded = top_level(probe["modules"])
    assert {"rasa_sdk", "spacy", "thinc", "bot"} <= loaded
    assert not loaded & {"rasa", "tensorflow", "torch", "jax", "keras"}
    assert "bot.actions.knowledge" in probe["modules"]  # rasa-sdk registered the actions


def test_spacy_still_lemmatises_without_tensorflow(probe):
    assert probe["lemmas"].startswith("the spasm ")


def test_a_plain_import_blocks_nothing():
    code = "import sys, bot.actions.server; print(sys.modules.get('tensorflow', 'absent') is None)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=180)
    assert done.stdout.strip().splitlines()[-1] == "False"
