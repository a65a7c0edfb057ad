"""Serve a model that never runs TensorFlow without loading TensorFlow (issue #14).

Rasa 3.6 imports TensorFlow and Keras on its way to the agent (``rasa.core.policies.policy`` →
featurizers → ``rasa.utils.train_utils`` → ``rasa.utils.tensorflow``) and again when its recipe
registers DIET, TED and the response selector, even when the model uses none of them. That
import alone is about 440 MB of the Rasa process. This pipeline (sparse featurizers, logistic
regression, rules and the project's own components) never calls TensorFlow.

``install_if_unused(model)`` reads the model archive's graph (``metadata.json``) before Rasa is
imported. When every component is on ``TENSORFLOW_FREE``, it puts a stand-in for the
``tensorflow`` and ``keras`` packages on the import path: attribute access gives placeholder
classes, so Rasa's modules still import (subclasses, type hints), and *calling* anything raises
:class:`TensorFlowNotLoaded`, so real use fails loudly instead of computing nonsense. A model
with any other component, an unreadable archive, or ``HFS_TENSORFLOW=load`` loads the real
TensorFlow as before. thinc (spaCy) is imported first with the array backends hidden, so it
settles on NumPy, as in the action server.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import logging
import os
import sys
import tarfile
import types
from pathlib import Path
from typing import Any, FrozenSet, Iterable, List, Optional, Sequence

logger = logging.getLogger(__name__)

STUBBED_PACKAGES = frozenset(
    {"tensorflow", "keras", "tensorflow_addons", "tensorflow_hub", "tensorflow_text"}
)
HIDDEN_FROM_THINC = ("tensorflow", "torch", "mxnet", "cupy", "cupyx", "jax", "keras", "h5py")
OVERRIDE_ENV = "HFS_TENSORFLOW"

# Graph components known not to call TensorFlow while predicting (checked against Rasa 3.6's
# source: sparse featurizers, scikit-learn classifiers, rules and memoization, providers).
_RASA_TENSORFLOW_FREE = (
    "rasa.core.policies.ensemble.DefaultPolicyPredictionEnsemble",
    "rasa.core.policies.rule_policy.RulePolicy",
    "rasa.core.policies.memoization.MemoizationPolicy",
    "rasa.core.policies.memoization.AugmentedMemoizationPolicy",
    "rasa.nlu.classifiers.fallback_classifier.FallbackClassifier",
    "rasa.nlu.classifiers.logistic_regression_classifier.LogisticRegressionClassifier",
    "rasa.nlu.classifiers.keyword_intent_classifier.KeywordIntentClassifier",
    "rasa.nlu.classifiers.regex_message_handler.RegexMessageHandler",
    "rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer.CountVectorsFeaturizer",
    "rasa.nlu.featurizers.sparse_featurizer.regex_featurizer.RegexFeaturizer",
    "rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer.LexicalSyntacticFeaturizer",
    "rasa.nlu.extractors.entity_synonyms.EntitySynonymMapper",
    "rasa.nlu.extractors.regex_entity_extractor.RegexEntityExtractor",
    "rasa.nlu.tokenizers.whitespace_tokenizer.WhitespaceTokenizer",
)
_RASA_TENSORFLOW_FREE_PACKAGES = ("rasa.graph_components.",)
PROJECT_PACKAGE = "bot."


class TensorFlowNotLoaded(RuntimeError):
    """TensorFlow was called in a process started without it."""


class _Placeholder(type):
    """A class standing for any TensorFlow name: it can be subclassed and named, not called."""

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _placeholder(f"{cls.__qualname__}.{name}", cls.__module__, owner=cls)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        raise TensorFlowNotLoaded(
            f"{cls.__module__}.{cls.__qualname__} was called, but this Rasa process runs without "
            f"TensorFlow because its model has no component that uses it "
            f"(set {OVERRIDE_ENV}=load to load it)"
        )


def _placeholder(qualname: str, module: str, owner: Any) -> Any:
    """A new placeholder, kept on its owner (a stand-in module or placeholder) for next time."""
    name = qualname.rsplit(".", 1)[-1]
    child = _Placeholder(name, (), {"__module__": module, "__qualname__": qualname})
    setattr(owner, name, child)
    return child


class _StandInModule(types.ModuleType):
    """A stand-in package: every missing attribute is a placeholder."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _placeholder(name, self.__name__, owner=self)


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the stand-in for the stubbed packages and every module under them."""

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]], target: Any = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname.split(".", 1)[0] not in STUBBED_PACKAGES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _StandInModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the stand-in is empty."""


def components_of(model: Path) -> FrozenSet[str]:
    """The class paths of every node in a trained model's graphs."""
    with tarfile.open(model, "r:gz") as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("metadata.json"))
        handle = archive.extractfile(member)
        metadata = json.load(handle) if handle else {}
    return frozenset(
        node["uses"]
        for schema in ("train_schema", "predict_schema")
        for node in metadata.get(schema, {}).get("nodes", {}).values()
    )


def tensorflow_users(components: Iterable[str]) -> List[str]:
    """The components not known to run without TensorFlow."""
    return sorted(
        c for c in components
        if not c.startswith(PROJECT_PACKAGE)
        and not c.startswith(_RASA_TENSORFLOW_FREE_PACKAGES)
        and c not in _RASA_TENSORFLOW_FREE
    )


def model_from_argv(argv: Sequence[str], default_dir: Path = Path("models")) -> Optional[Path]:
    """The model ``rasa run`` will serve: ``--model``/``-m`` (file or folder), else the newest."""
    chosen = default_dir
    for flag in ("--model", "-m"):
        if flag in argv[:-1]:
            chosen = Path(argv[list(argv).index(flag) + 1])
    if chosen.is_dir():
        archives = sorted(chosen.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        return archives[-1] if archives else None
    return chosen if chosen.is_file() else None


def install() -> None:
    """Settle thinc on NumPy, then put the stand-in in front of the real packages."""
    if any(isinstance(f, _StandInFinder) for f in sys.meta_path):
        return
    hidden = [name for name in HIDDEN_FROM_THINC if name not in sys.modules]
    sys.modules.update({name: None for name in hidden})
    try:
        import thinc.compat  # noqa: F401 - imported for its backend detection
    finally:
        for name in hidden:
            sys.modules.pop(name, None)
    sys.meta_path.insert(0, _StandInFinder())


def install_if_unused(model: Optional[Path]) -> bool:
    """Install the stand-in when the model never uses TensorFlow; whether it was installed."""
    if os.environ.get(OVERRIDE_ENV, "").strip().lower() == "load" or model is None:
        return False
    if any(name in sys.modules for name in STUBBED_PACKAGES):
        return False
    try:
        users = tensorflow_users(components_of(model))
    except (OSError, tarfile.TarError, StopIteration, ValueError, KeyError) as error:
        logger.info("TensorFlow loaded: the model's graph could not be read (%s)", error)
        return False
    if users:
        logger.info("TensorFlow loaded: the model uses %s", ", ".join(users))
        return False
    install()
    return True
