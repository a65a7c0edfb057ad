"""Answer knowledge questions from the SQL knowledge base."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_context, entity_values, latest_intent, latest_text, remember, send
from bot.conversation import respond


class ActionAnswerQuestion(Action):
    """Answers a question about a test or treatment, in the page's own words."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Reply and remember the topic for follow-ups ("how often do I need it?")."""
        text = latest_text(tracker)
        is_payload = text.startswith("/")  # a button such as /ask_question{"topic":"mri"}
        topics = entity_values(tracker, "topic")
        hint = topics[0] if is_payload and topics else None
        reply = respond("" if is_payload else text, latest_intent(tracker), topic_hint=hint,
                        context=conversation_context(tracker))
        send(dispatcher, reply)
        return remember(tracker, reply)
