"""Rasa's RulePolicy with the turn guard of ``bot.dialogue.turns`` applied to every prediction.

Rules alone can loop: after a custom fallback that does not end the turn, the rule
policy predicts the fallback again until Rasa's circuit breaker trips. This policy
keeps every rule and form behaviour and only overrides a prediction the guard
rejects (a repeat, a fallback after a reply, a silent turn). Being a subclass, it keeps
RulePolicy's default actions (``/restart``, ``/back``); Rasa's training-time warning that
"RulePolicy is not included" checks the class name only.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.states import RememberingTracker, StatesMemo
from bot.dialogue.turns import guard

logger = logging.getLogger(__name__)
_STATES = StatesMemo()  # one per Rasa process; see bot.dialogue.states


def actions_this_turn(tracker: DialogueStateTracker) -> List[str]:
    """Action names run since the latest user message, oldest first."""
    names: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return names[::-1]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class TurnSafeRulePolicy(RulePolicy):
    """RulePolicy whose predictions can never loop or leave a message unanswered."""

    @staticmethod
    def format_tracker_states(states: List[Dict]) -> str:
        """Rasa formats every state of the session for a debug line on each prediction; only when it is logged."""
        if not logging.getLogger("rasa.core.policies.rule_policy").isEnabledFor(logging.DEBUG):
            return ""
        return RulePolicy.format_tracker_states(states)

    def _prediction_states(
        self, tracker: DialogueStateTracker, domain: Domain, use_text_for_last_user_input: bool = False,
        rule_only_data: Optional[Dict[str, Any]] = None,
    ) -> List[State]:
        """Rasa's states for prediction, with the session's history replayed once, not every turn."""
        remembering = RememberingTracker(tracker, _STATES)
        return super()._prediction_states(remembering, domain, use_text_for_last_user_input,  # type: ignore[arg-type]
                                          rule_only_data)

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None, **kwargs: Any,
    ) -> PolicyPrediction:
        """The rule prediction, or the guard's replacement for it."""
        prediction = super().predict_action_probabilities(tracker, domain, rule_only_data, **kwargs)
        predicted = domain.action_names_or_texts[prediction.max_confidence_index]
        replacement = guard(predicted, actions_this_turn(tracker), self._fallback_action_name)
        if replacement is None:
            return prediction
        logger.debug("Turn guard: %s instead of %s", replacement, predicted)
        return self._rule_prediction(
            self._prediction_result(replacement, tracker, domain), "turn guard",
            is_no_user_prediction=prediction.is_no_user_prediction,
        )
