"""Custom Rasa NLU graph components built on the project's blank spaCy pipeline.

- ``SpacyLemmaTokenizer``: spaCy tokenisation with the project's lemmas and
  spelling repairs, so featurizers see "botox" for "botex".
- ``TopicEntityExtractor``: adds ``topic`` entities from the medical term matcher.
- ``SafetyNet``: the deterministic red-flag check; when it fires, the intent
  becomes ``red_flag`` whatever the classifier said.
- ``KnowledgeIntentGuard``: questions naming a topic, asking for personal advice, asking
  about something the page does not cover, or written in another language reach the
  answer action whatever the classifier said.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.analysis import analyse_message
from bot.conversation import describes_symptoms
from bot.knowledge.coverage import coverage
from bot.knowledge.questions import UNCLEAR, UNCOVERED
from bot.nlp.normalize import tokenize
from bot.nlp.reading import asks, read
from bot.nlp.terms import default_matcher
from bot.safety.advice import NEXT_STEP, PERSONAL_CHOICE, WHICH_DOCTOR
from bot.safety.crisis_model import crisis_model
from bot.safety.emergency_care import asks_about_emergency_care
from bot.safety.general_question import is_general_question
from bot.safety.redflags import has_alarm_words

RED_FLAG_INTENT = "red_flag"
QUESTION_INTENT = "ask_question"


# A rule's decision (confidence 1.0) keeps the classifier's guesses below this, so that the
# FallbackClassifier never reads "red_flag 1.0, inform 0.96" as too close to call.
RULED_RUNNER_UP_CAP = 0.5


def set_intent(message: Message, name: str, confidence: float, drop: Tuple[str, ...] = ()) -> None:
    """Make ``name`` the message's intent, first in the ranking; ``drop`` removes other entries."""
    intent = {"name": name, PREDICTED_CONFIDENCE_KEY: confidence}
    removed = {name, *drop}
    cap = RULED_RUNNER_UP_CAP if confidence >= 1.0 else 1.0
    ranking = [intent] + [
        {**r, PREDICTED_CONFIDENCE_KEY: min(r.get(PREDICTED_CONFIDENCE_KEY, 0.0), cap)}
        for r in message.get(INTENT_RANKING_KEY, []) or [] if r.get("name") not in removed
    ]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


class _Stateless(GraphComponent):
    """A component with no configuration and nothing to train or persist."""

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Build the component (after its warm-up)."""
        cls.warm_up()
        return cls()

    @staticmethod
    def warm_up() -> None:
        """Load what the component reads, before the first message (nothing by default)."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SpacyLemmaTokenizer(Tokenizer):
    """Tokenises with spaCy's English rules and attaches the project's lemmas."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Defaults shared with Rasa's tokenizers."""
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        """Word tokens (punctuation dropped unless nothing else is left)."""
        text = message.get(attribute) or ""
        tokens = tokenize(text)
        words = [t for t in tokens if any(ch.isalnum() for ch in t.text)] or tokens
        result = [Token(t.text, t.start, t.end, lemma=t.lemma) for t in words]
        return self._apply_token_pattern(result)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TopicEntityExtractor(_Stateless):
    """Adds a ``topic`` entity (canonical key) for every medical term found."""

    @staticmethod
    def warm_up() -> None:
        """Build the matcher, shared per process."""
        default_matcher()

    def process(self, messages: List[Message]) -> List[Message]:
        """Append topic entities to each message."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            entities = [e for e in message.get(ENTITIES, []) if e.get("entity") != "topic"]
            for mention in read(text).mentions:
                entities.append({
                    "entity": "topic", "value": mention.topic, "start": mention.start,
                    "end": mention.end, "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                })
            message.set(ENTITIES, entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(_Stateless):
    """Overrides the intent with ``red_flag`` when the deterministic net fires."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the red-flag intent and a ``red_flag_kind`` entity where needed."""
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            flag = analyse_message(text).red_flag if text else None
            if flag is None:
                self._overrule_false_alarm(message, text)
                continue
            previous = message.get(INTENT) or {}
            set_intent(message, RED_FLAG_INTENT, 1.0)
            entities = list(message.get(ENTITIES, []))
            entities.append({
                "entity": "red_flag_kind", "value": flag.kind, "start": 0, "end": len(text),
                "extractor": self.__class__.__name__,
                "classifier_intent": previous.get("name"),
            })
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    @staticmethod
    def _overrule_false_alarm(message: Message, text: Optional[str]) -> None:
        """A classifier-only red flag stands only for a report naming an emergency sign.

        On a general question it becomes a knowledge question; on a message with no
        emergency sign at all ("the left side of my face won't stop twitching") the
        classifier's next-best intent is used.
        """
        intent = message.get(INTENT) or {}
        if intent.get("name") != RED_FLAG_INTENT or not text:
            return
        confidence = intent.get(PREDICTED_CONFIDENCE_KEY, 1.0)
        if is_general_question(text):
            set_intent(message, QUESTION_INTENT, confidence, drop=(RED_FLAG_INTENT,))
        elif not has_alarm_words(text):
            ranking = [r for r in message.get(INTENT_RANKING_KEY, []) or [] if r.get("name") != RED_FLAG_INTENT]
            runner_up = ranking[0] if ranking else {"name": QUESTION_INTENT, PREDICTED_CONFIDENCE_KEY: confidence}
            set_intent(message, runner_up["name"], runner_up.get(PREDICTED_CONFIDENCE_KEY, confidence),
                       drop=(RED_FLAG_INTENT,))

# "my face won't stop twitching" describes the condition; it is not a request to stop.
_NOT_A_STOP = re.compile(
    r"\b(?:won'?t|wont|will not|can'?t|cant|cannot|doesn'?t|does not|don'?t|never|not) stop(?:ping|ped|s)?\b"
    # "snip the nerve so it stops"
    r"|\b(?:so|until|till|to make) (?:that )?(?:it|they|the \w+) (?:\S+ )?stop(?:s|ped)?\b"
    r"|\b(?:cut|snip|inject|operate|treat|burn|zap)\w* (?:\S+ ){0,6}to stop\b"
    r"|\bstop(?:s|ped)? (?:the |my |this |these |her |his |it |them )?"
    r"(?:twitch|spasm|jerk|blink|moving|flicker|flutter)", re.I)
GUARDED_INTENTS = {
    "human_handoff", "out_of_scope", "chitchat", "greet", "goodbye", "thank",
    "bot_challenge", "affirm", "deny", "request_appointment",
}
# Intents whose replies are fixed: "ok I'll wait till Monday" must still reach the answer action.
_SMALL_TALK = (GUARDED_INTENTS - {"human_handoff", "request_appointment"}) | {"stop"}
# Classifier slips on a plain booking: a greeting or an unsure guess that names a booking.
_BOOKING_SLIPS = {"greet", "chitchat", "thank", "affirm", "out_of_scope", "bot_challenge", "request_appointment",
                  "stop"}
_WANTS_BOOKING = re.compile(r"^(?!.*\b(?:stop|cancel|don'?t|do not|no longer|never ?mind|not|no|skip|miss|postpone|"
                            r"put off|delay|push back)\b)"
                            r".*\b(?:book|booking|appointment|appt|schedule)\b", re.I)
# "Can I book an appointment for Botox?" books; "will they prod my face at the appointment?" asks.
_BOOKING = re.compile(r"\b(?:book|schedule|make|request|arrange|get|need|want|like|set up)\b (?:\S+ ){0,2}"
                      r"(?:appointment|appt|consult|consultation|visit|slot)|\b(?:get|be) seen\b|\bbook\b|"
                      r"\bsee (?:a|the|your|one of your|someone|somebody) ?"
                      r"(?:doctor|specialist|neurologist|surgeon)?\b|"
                      r"\bcome in\b|\bsign (?:me )?up\b|\breferr?al\b", re.I)
_HANDOFF_WORDS = re.compile(
    r"\b(?:person|human|someone|somebody|staff|nurse|agent|representative|receptionist)\b", re.I
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KnowledgeIntentGuard(_Stateless):
    """A question that names a test or treatment is a knowledge question.

    Catches classifier slips such as "can a magnetic resonance scan find a tumour?"
    read as ``human_handoff``; it never touches form answers (``inform``).
    """

    @staticmethod
    def warm_up() -> None:
        """Build the page vocabulary and the crisis model when the model loads, not on a patient's first message."""
        coverage()
        crisis_model()

    def process(self, messages: List[Message]) -> List[Message]:
        """Switch guarded intents to ``ask_question`` when a specific topic is asked about."""
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if intent == "stop" and _NOT_A_STOP.search(text):
                set_intent(message, QUESTION_INTENT, 1.0)
                continue
            if intent in _SMALL_TALK and asks_about_emergency_care(text, right_after_a_red_flag=False):
                set_intent(message, QUESTION_INTENT, 1.0)  # after a red flag, the answer repeats the guidance
                continue
            reading = read(text)
            if intent in _BOOKING_SLIPS and _WANTS_BOOKING.search(text) and not asks(reading):
                set_intent(message, "request_appointment", 1.0)  # "hello, booking for my son"; "i want to book"
                continue
            boundary = boundary_intent(text, intent)
            if boundary:
                set_intent(message, boundary, 1.0)
                continue
            if intent not in GUARDED_INTENTS or not asks(reading):
                continue
            if intent == "human_handoff" and _HANDOFF_WORDS.search(text):
                continue
            if intent == "request_appointment" and _BOOKING.search(text):
                continue
            # A small-talk slip needs less: "at my wit's end. What's the first step to getting diagnosed?"
            least = 1 if intent in _SMALL_TALK else 2
            topics = [m for m in reading.mentions if m.specificity >= least]
            if not topics:
                continue
            set_intent(message, QUESTION_INTENT, 1.0)
        return messages


# Intents the boundary check leaves alone: form answers, red flags, and intents that already
# reach the answer action.
_UNGUARDED = {"inform", RED_FLAG_INTENT, QUESTION_INTENT, "ask_list_tests", "ask_list_treatments",
              "ask_uncovered", "ask_personal_advice", "other_language"}
# A greeting, goodbye or thanks stands only with words of one (or of an acknowledgement: "great, that helps");
# without them it is a classifier slip.
_PLEASANTRIES = {"greet", "goodbye", "thank"}
_PLEASANTRY_WORDS = re.compile(r"\b(?:hi+|hiya|hello|helo|hey+|howdy|yo|greetings|morning|afternoon|evening|night|"
                               r"g'?day|bye+|goodbye|byee?|later|cya|see (?:you|ya|u)|take care|cheers|thanks?|thx|"
                               r"thanx|ty|ta|thank\w*|much appreciated|appreciate|salam|namaste|hola|gracias|adios|"
                               r"ciao|helps?|helpful|great|perfect|brilliant|lovely|awesome|nice|ok|okay|got it|"
                               r"all good|that'?s all|grand|sound|wonderful|fab|cool)\b", re.I)
_PRACTICAL_GAPS = {"cost", "logistics", "duration"}  # "how long is the wait for a first appointment?"
_APPOINTMENT_WORDS = re.compile(r"\b(?:appointment|appt|book|schedule|consult|visit|slot|seen\b|come in\b|sign me up|"
                                r"get me in\b)", re.I)


# "Should I book now or wait and see?" asks for advice, though it names a booking.
# "should I book or wait and see?", "book the acupuncturist or go to the neuro clinic first?": a choice, not a booking
_A_CHOICE = re.compile(r"\bor (?:\S+ ){0,3}(?:wait|leave it|see if|hold off|not)\b|\bor (?:\S+ ){0,5}first\b|"
                       r"\bor (?:go|going|see|seeing|try|trying) (?:to |for )?\b", re.I)


def boundary_intent(text: str, intent: Optional[str]) -> Optional[str]:
    """The intent a message needs when it leaves the page, asks personal advice, or is not English."""
    if intent == RED_FLAG_INTENT or not text.strip() or text.startswith("/"):
        return None
    analysis = analyse_message(text)
    if not analysis.is_english:
        return "other_language"
    if intent in _UNGUARDED:
        return None
    asked = asks(analysis.reading)  # "brain tumours run in my family, can an MRI show a tumour"
    if intent == "request_appointment" and not _APPOINTMENT_WORDS.search(text) and describes_symptoms(analysis):
        return "ask_personal_advice"  # "my eye has twitched for a year": how it is looked into, then an offer
    if intent == "request_appointment" and asked and not _BOOKING.search(text) \
            and analysis.question.kind not in (UNCLEAR, UNCOVERED) and not analysis.advice:
        return QUESTION_INTENT  # "my face freezes in a spasm. how do they diagnose this?"
    named = any(m.specificity >= 3 for m in analysis.reading.mentions)
    if intent == "request_appointment" and named and not _APPOINTMENT_WORDS.search(text) and not analysis.advice \
            and analysis.question.kind not in (UNCLEAR, UNCOVERED):
        return QUESTION_INTENT  # "wrinkle poison injection for my eye cramp": a treatment named, no booking
    if intent == "chitchat" and named and len(text.split()) >= 6 and not analysis.advice:
        return QUESTION_INTENT  # "the bit where the doc makes you smile and checks your reflexes"
    if intent == "request_appointment" and asked and (analysis.advice in (WHICH_DOCTOR, NEXT_STEP) or (
            analysis.advice == PERSONAL_CHOICE and _A_CHOICE.search(text))):
        return "ask_personal_advice"  # "which kind of specialist do I book?", "should I book or wait and see?"
    if intent == "request_appointment" and analysis.advice and not _BOOKING.search(text):
        return "ask_personal_advice"  # "can I borrow my wife's baclofen until my appointment?"
    if intent == "request_appointment" and _APPOINTMENT_WORDS.search(text) and not (
            asked and analysis.question.gap and (analysis.question.gap.kind in _PRACTICAL_GAPS
                                                 or not _BOOKING.search(text))):
        return None  # "how much is a first consultation?" asks a cost; "can I bring the baby to my appointment?"
    if intent == "human_handoff" and _HANDOFF_WORDS.search(text) and analysis.advice != WHICH_DOCTOR:
        return None
    if analysis.advice:
        return "ask_personal_advice"
    if intent in _PLEASANTRIES and not _PLEASANTRY_WORDS.search(text):
        # "mvd hearing loss risk", "face exercises worth doing": a terse question taken for a greeting or a goodbye
        if analysis.question.gap:
            return "ask_uncovered"
        if analysis.question.kind != UNCLEAR:
            return QUESTION_INTENT
    short_replies = ("affirm", "deny", "greet", "goodbye", "thank", "stop")
    booking_slip = intent == "request_appointment" and not _APPOINTMENT_WORDS.search(text)  # "CBD oil - any good?"
    if analysis.question.gap and (asked or booking_slip or intent not in (*short_replies, "request_appointment")):
        return "ask_uncovered"
    return None
