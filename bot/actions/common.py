"""Small helpers shared by the actions."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation import Context, respond
from bot.replies import Reply

MAX_TEXT = 2000


def latest_text(tracker: Tracker) -> str:
    """The latest user message text, bounded in length."""
    return (tracker.latest_message.get("text") or "")[:MAX_TEXT]


def latest_intent(tracker: Tracker) -> Optional[str]:
    """The latest user intent name."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def entity_values(tracker: Tracker, entity: str) -> List[Any]:
    """Values of an entity in the latest message, in order."""
    return [e.get("value") for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == entity]


def send(dispatcher: CollectingDispatcher, reply: Reply, **kwargs: Dict[str, Any]) -> None:
    """Send a domain Reply through the dispatcher: its text, then its note, buttons on the last."""
    *first, last = reply.messages
    for text in first:
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(text=last, buttons=reply.button_dicts(), **kwargs)


def answer_and_remember(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> List[EventType]:
    """Answer a question-like message (safety first) and remember its topic for follow-ups."""
    reply = respond(text, context=conversation_context(tracker))
    send(dispatcher, reply)
    return remember(tracker, reply)


def conversation_context(tracker: Tracker) -> Context:
    """What the slots say about the conversation so far."""
    return Context(tracker.get_slot("topic"), tracker.get_slot("asked"), bool(tracker.get_slot("crisis_raised")),
                   red_flag_of_the_last_turn(tracker))


def red_flag_of_the_last_turn(tracker: Tracker) -> Optional[str]:
    """The red flag raised in reply to the patient's previous message, if any ("she's fine now" puts
    off care only right after one). Read from the ``red_flag_raised`` slot events of that turn."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2:
        return None
    turn = tracker.events[users[-2] + 1:users[-1]]
    raised = [e.get("value") for e in turn if e.get("event") == "slot" and e.get("name") == "red_flag_raised"]
    return raised[-1] if raised else None


def remember(tracker: Tracker, reply: Reply) -> List[EventType]:
    """Slot events for what a reply was about ("how often?" and "and the pills?" follow it up)."""
    wanted = {"topic": reply.topic, "asked": reply.asked} if reply.topic else {"asked": None}
    return [SlotSet(name, value) for name, value in wanted.items() if tracker.get_slot(name) != value]
