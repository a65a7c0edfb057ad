"""Topic entity extraction on held-out messages: precision, recall and F1 with a floor."""

from __future__ import annotations

import yaml
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.components import SafetyNet, TopicEntityExtractor
from bot.nlp.terms import find_topics
from tests.conftest import TEST_DATA

CASES = yaml.safe_load((TEST_DATA / "topic_entities.yml").read_text(encoding="utf-8"))
FLOOR = 0.95


def test_topic_entity_f1_on_held_out_messages() -> None:
    tp = fp = fn = 0
    misses = []
    for case in CASES:
        found, expected = set(find_topics(case["text"])), set(case["topics"])
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        if found != expected:
            misses.append((case["text"], sorted(found), sorted(expected)))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"topic entities: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")
    assert f1 >= FLOOR, misses


def test_extractor_component_adds_entities_with_offsets() -> None:
    message = Message({TEXT: "is botex better than microvascular decompression?"})
    TopicEntityExtractor().process([message])
    entities = message.get(ENTITIES)
    assert [(e["value"], message.get(TEXT)[e["start"]:e["end"]]) for e in entities] == [
        ("botox", "botex"), ("mvd", "microvascular decompression")]


def test_safety_net_overrides_the_classifier() -> None:
    message = Message({TEXT: "my face suddenly went numb", "intent": {"name": "greet", "confidence": 0.9}})
    SafetyNet().process([message])
    assert message.get("intent")["name"] == "red_flag"
    assert any(e["entity"] == "red_flag_kind" for e in message.get(ENTITIES))


def test_safety_net_overrules_a_classifier_false_alarm() -> None:
    message = Message({TEXT: "will the spasms make my face weak?",
                       "intent": {"name": "red_flag", "confidence": 0.8}})
    SafetyNet().process([message])
    assert message.get("intent")["name"] == "ask_question"


def test_guard_turns_a_misread_topic_question_into_a_knowledge_question() -> None:
    from bot.nlp.components import KnowledgeIntentGuard

    misread = Message({TEXT: "can a magnetic resonance scan find a tumour?",
                       "intent": {"name": "human_handoff", "confidence": 0.5}})
    handoff = Message({TEXT: "can I talk to a person about botox?",
                       "intent": {"name": "human_handoff", "confidence": 0.9}})
    answer = Message({TEXT: "Botox treatment", "intent": {"name": "inform", "confidence": 0.9}})
    KnowledgeIntentGuard().process([misread, handoff, answer])
    assert [m.get("intent")["name"] for m in (misread, handoff, answer)] == [
        "ask_question", "human_handoff", "inform"]


def test_the_pipeline_is_rebuilt_when_its_vocabulary_fills(monkeypatch) -> None:
    """A long-running server sees endless new names; spaCy keeps every string, so the pipeline
    (and the topic matcher on it) is built afresh past a limit, and reading goes on as before."""
    from bot.nlp import normalize
    from bot.nlp.reading import read
    from bot.nlp.terms import default_matcher

    first = normalize.pipeline()
    monkeypatch.setattr(normalize, "MAX_VOCAB_STRINGS", len(first.vocab.strings) + 50)
    for number in range(40):
        normalize.analyse(f"my name is Zorblax{number} Quenterly{number}")
    rebuilt = normalize.pipeline()
    assert rebuilt is not first and len(rebuilt.vocab.strings) < len(first.vocab.strings)
    assert default_matcher().topics("is the dye scan safe") == ["mra"]
    assert read("what does an MRI show for my Zorblax spasm").topics == ("mri", "condition")


def test_guard_reads_a_question_after_an_aside_and_a_skipped_appointment() -> None:
    """fresh25: a question run on after an aside is a question; skipping a treatment is no booking."""
    from bot.nlp.components import KnowledgeIntentGuard

    aside = Message({TEXT: "brain tumours run in my family so I'm curious, can an MRI show a tumor",
                     "intent": {"name": "request_appointment", "confidence": 0.72}})
    skip = Message({TEXT: "twitching is calm right now so can i skip my next botox appointment",
                    "intent": {"name": "request_appointment", "confidence": 0.9}})
    booking = Message({TEXT: "i want to book an appointment", "intent": {"name": "greet", "confidence": 0.6}})
    KnowledgeIntentGuard().process([aside, skip, booking])
    assert [m.get("intent")["name"] for m in (aside, skip, booking)] == [
        "ask_question", "ask_personal_advice", "request_appointment"]
