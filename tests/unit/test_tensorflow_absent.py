"""Rasa serves a model without TensorFlow only when no component of the model uses it (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from bot.ops.stack import MODEL
from bot.rasa_patches.tensorflow_absent import components_of, model_from_argv, tensorflow_users
from tests.conftest import ROOT

needs_model = pytest.mark.skipif(not MODEL.exists(), reason="no trained model (make train)")

# In a fresh interpreter: the stand-in decision, then Rasa's agent loading the model and parsing a
# message, and what the process holds afterwards.
PROBE = """
import asyncio, json, sys
from pathlib import Path
from bot.rasa_patches.tensorflow_absent import TensorFlowNotLoaded, install_if_unused
installed = install_if_unused(Path(sys.argv[1]))
from rasa.core.agent import load_agent

async def parse():
    agent = await load_agent(sys.argv[1])
    return await agent.parse_message("how is hemifacial spasm diagnosed?")

parsed = asyncio.run(parse())
import tensorflow as tf
try:
    tf.constant(1)
    called = "ran"
except TensorFlowNotLoaded:
    called = "refused"
with open("/proc/self/maps") as maps:
    mapped = "libtensorflow" in maps.read()
import thinc.compat
print(json.dumps({"installed": installed, "intent": parsed["intent"]["name"], "called": called,
                  "mapped": mapped, "thinc_tf": thinc.compat.has_tensorflow}))
"""


def run_probe(model: Path, **env: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(model)], cwd=ROOT, capture_output=True, text=True,
        timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false", **env),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def archive_with(tmp_path: Path, *uses: str) -> Path:
    """A model archive whose metadata names the given components."""
    nodes = {f"node{i}": {"uses": path} for i, path in enumerate(uses)}
    body = json.dumps({"train_schema": {"nodes": {}}, "predict_schema": {"nodes": nodes}}).encode()
    path = tmp_path / "model.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(body)
        archive.addfile(info, BytesIO(body))
    return path


def test_project_and_sparse_components_need_no_tensorflow(tmp_path):
    model = archive_with(
        tmp_path, "bot.nlp.components.SafetyNet",
        "rasa.nlu.classifiers.logistic_regression_classifier.LogisticRegressionClassifier",
        "rasa.graph_components.providers.domain_provider.DomainProvider",
    )
    assert tensorflow_users(components_of(model)) == []


def test_diet_and_ted_need_tensorflow(tmp_path):
    diet = "rasa.nlu.classifiers.diet_classifier.DIETClassifier"
    ted = "rasa.core.policies.ted_policy.TEDPolicy"
    assert tensorflow_users(components_of(archive_with(tmp_path, diet, ted))) == [ted, diet]


def test_the_model_rasa_run_serves(tmp_path):
    older, newer = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    older.write_bytes(b"x")
    newer.write_bytes(b"x")
    os.utime(older, (1, 1))
    assert model_from_argv(["rasa", "run", "--model", str(newer)]) == newer
    assert model_from_argv(["rasa", "run", "-m", str(tmp_path)]) == newer
    assert model_from_argv(["rasa", "run"], default_dir=tmp_path) == newer
    assert model_from_argv(["rasa", "run", "--model", str(tmp_path / "none.tar.gz")]) is None


@needs_model
def test_this_model_is_served_without_tensorflow():
    probe = run_probe(MODEL)
    assert probe["installed"] and not probe["mapped"]
    assert probe["intent"] not in ("", "nlu_fallback")  # the pipeline still classifies
    assert probe["called"] == "refused"  # real use fails loudly
    assert probe["thinc_tf"] is False  # spaCy's thinc settled on NumPy


@needs_model
def test_the_override_loads_tensorflow():
    probe = run_probe(MODEL, HFS_TENSORFLOW="load")
    assert not probe["installed"] and probe["mapped"] and probe["called"] == "ran"
