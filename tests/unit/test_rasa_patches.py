"""The Rasa-side patches keep Rasa's behaviour where it is right and change it where it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import numpy as np
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import coo_matrix

from bot.rasa_patches import install_all


def test_action_response_validation_accepts_and_rejects_like_rasa() -> None:
    install_all()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "a", "value": 1}],
                                           "responses": [{"text": "hi"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}], "responses": []})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_the_fast_validator_gives_the_standard_verdict() -> None:
    import random

    from bot.rasa_patches.action_response_validation import _validators

    standard, fast = _validators()
    names = ["user", "action", "slot", "bot", "active_loop", "followup", "reset_slots", "restart", "form",
             "session_started", "loop_interrupted", "action_execution_rejected", "reminder", "nope", 3, None]
    keys = ["event", "name", "value", "text", "timestamp", "metadata", "data", "parse_data", "policy",
            "confidence", "is_interrupted", "date_time", "intent_name", "entities"]
    values = [None, 1, "x", True, [], {}, 2.5, {"a": 1}, ["x"]]
    rng, valid = random.Random(7), 0
    for _ in range(1500):
        events = [{"event": rng.choice(names),
                   **{rng.choice(keys): rng.choice(values) for _ in range(rng.randint(0, 3))}}
                  for _ in range(rng.randint(0, 3))]
        for event in events:
            if rng.random() < 0.1:
                event.pop("event", None)
        result = {"events": events, "responses": [{"text": rng.choice(values)}]}
        assert fast.is_valid(result) == standard.is_valid(result), result
        valid += standard.is_valid(result)
    assert 300 < valid < 1200  # both verdicts were exercised


async def test_action_server_calls_share_one_open_session() -> None:
    from rasa.utils.endpoints import EndpointConfig

    install_all()
    endpoint = EndpointConfig("http://127.0.0.1:9/webhook")
    async with endpoint.session() as first:
        pass
    async with endpoint.session() as second:
        assert second is first and not first.closed
    await first.close()
    async with endpoint.session() as third:  # a closed session is replaced
        assert third is not first and not third.closed
    await third.close()


def test_stale_connection_errors_are_recognised() -> None:
    import aiohttp

    from bot.rasa_patches.action_server_down import _stale_connection

    try:
        try:
            raise aiohttp.ServerDisconnectedError()
        except aiohttp.ServerDisconnectedError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert _stale_connection(outer)
    assert not _stale_connection(ValueError("other"))


def _featurized(rng: np.random.Generator, dense: bool) -> Message:

    message = Message(data={"text": "hi"})
    for origin, width in (("words", 5), ("chars", 7)):
        message.add_features(Features(coo_matrix(rng.integers(0, 3, (2, width))), "sequence", "text", origin))
        message.add_features(Features(coo_matrix(rng.integers(0, 3, (1, width))), "sentence", "text", origin))
    if dense:
        message.add_features(Features(rng.random((1, 3)), "sentence", "text", "dense"))
    return message


@pytest.mark.parametrize("dense", [False, True])
def test_the_intent_matrix_and_probabilities_are_rasas(dense: bool) -> None:
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from sklearn.linear_model import LogisticRegression

    from bot.rasa_patches import intent_features

    rng = np.random.default_rng(5)
    messages = [_featurized(rng, dense) for _ in range(40)]
    ours = intent_features._create_X(None, messages)  # type: ignore[arg-type]
    rasas = intent_features._original_create_X(None, messages)  # type: ignore[arg-type]
    assert ours.shape == rasas.shape and ours.dtype == rasas.dtype and (ours != rasas).nnz == 0
    classifier = LogisticRegression(max_iter=300).fit(rasas, rng.integers(0, 4, 40))
    for message in messages[:5]:
        assert np.array_equal(classifier.predict_proba(intent_features._create_X(None, [message])),
                              classifier.predict_proba(intent_features._original_create_X(None, [message])))
    install_all()
    assert LogisticRegressionClassifier._create_X is intent_features._create_X


class _Sum(GraphComponent):
    """A graph node adding its inputs (and a start value from its config)."""

    def __init__(self, start: int) -> None:
        self.start = start

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> _Sum:
        return cls(config.get("start", 0))

    def add(self, **numbers: int) -> int:
        if self.start < 0:
            raise RuntimeError("negative start")
        return self.start + sum(numbers.values())


def _runner(tmp_path: Path, start: int = 1) -> DaskGraphRunner:
    def node(needs: Dict[str, str], target: bool = False, **config: Any) -> SchemaNode:
        return SchemaNode(needs=needs, uses=_Sum, constructor_name="create", fn="add", config=config,
                          is_target=target)

    schema = GraphSchema({"a": node({"x": "__x__"}, start=start), "b": node({"a": "a"}),
                          "c": node({"a": "a", "b": "b", "x": "__x__"}, target=True),
                          "unused": node({"c": "c"})})
    return DaskGraphRunner(schema, LocalModelStorage(tmp_path), ExecutionContext(schema))


def _raised(run: Any, runner: DaskGraphRunner, inputs: Dict[str, Any]) -> type:
    with pytest.raises(Exception) as raised:  # noqa: B017 - compared between the two runners
        run(runner, inputs)
    return raised.type


def test_the_sequential_graph_runner_gives_dasks_results(tmp_path: Path) -> None:
    from bot.rasa_patches.sequential_graph import dask_run, run

    runner = _runner(tmp_path)
    for targets in (None, ["b"], ["c", "a"], ["__x__", "b"]):
        for x in (1, 5):
            assert run(runner, {"__x__": x}, targets) == dask_run(runner, {"__x__": x}, targets)
    assert run(runner, {"__x__": 2}) == {"c": 8}  # a = 1 + 2, b = a, c = a + b + 2
    assert _raised(run, runner, {"__x__": "a"}) is _raised(dask_run, runner, {"__x__": "a"}) is GraphRunError
    failing = _runner(tmp_path / "n", start=-1)
    assert _raised(run, failing, {"__x__": 1}) is _raised(dask_run, failing, {"__x__": 1})
    install_all()
    assert DaskGraphRunner.run is run


def _conversation(turns: int, pause_at: int = -1) -> DialogueStateTracker:
    events: list = [ActionExecuted("action_listen")]
    for turn in range(turns):
        if turn == pause_at:
            events.append(ConversationPaused())
        events += [UserUttered(f"message {turn}", {"name": "ask_question"}), ActionExecuted("action_answer_question"),
                   BotUttered(f"reply {turn}"), ActionExecuted("action_listen")]
    return DialogueStateTracker.from_events("recent", events)


def test_action_calls_carry_recent_turns_and_everything_since_a_pause() -> None:
    from bot.rasa_patches import recent_events

    recent_events.install()
    body = RemoteAction("action_answer_question", None)._action_call_format(_conversation(200), Domain.empty())
    texts = [e.get("text") for e in body["tracker"]["events"] if e["event"] == "user"]
    assert texts == [f"message {n}" for n in range(190, 200)]
    assert body["tracker"]["latest_message"]["text"] == "message 199" and "domain" in body

    paused = _conversation(60, pause_at=20)
    events = RemoteAction("action_x", None)._action_call_format(paused, Domain.empty())["tracker"]["events"]
    assert events[0]["event"] == "pause" and sum(e["event"] == "user" for e in events) == 40
    assert recent_events.recent_events(list(_conversation(3).events)) == list(_conversation(3).events)
