"""Validate action-server responses with validators built once.

Rasa checks every action-server response with ``jsonschema.validate(result, spec)``,
which also re-validates the (fixed) schema itself on each call; profiling showed that
at about half of the Rasa server's CPU time under load. This builds the validator once
(checking the schema once) and validates each response exactly as before, raising the
same best-match ``ValidationError`` with Rasa's message.

A valid response is recognised by a second validator whose ``oneOf`` skips the event
branches whose ``event`` constant differs from the event's own (they cannot match, so
the verdict is the same), instead of collecting some thirty errors per event; the
standard validator and ``best_match`` run only for a response found invalid.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Iterator, List, Tuple

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import extend, validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


def _could_match(branch: Any, event: Any) -> bool:
    """Whether a ``oneOf`` branch could accept an event named ``event`` (False only on a differing const)."""
    const = branch.get("properties", {}).get("event", {}).get("const", event) if isinstance(branch, dict) else event
    return const == event


def _one_of_by_event(validator: Any, branches: List[Any], instance: Any, schema: Dict[str, Any]) -> Iterator:
    """``oneOf`` with the verdict of the standard one: exactly one branch must accept the instance."""
    if isinstance(instance, dict) and "event" in instance:
        branches = [b for b in branches if _could_match(b, instance["event"])]
    accepted = sum(1 for branch in branches if validator.evolve(schema=branch).is_valid(instance))
    if accepted != 1:
        yield ValidationError(f"{accepted} of the oneOf branches accept the instance")


@lru_cache(maxsize=1)
def _validators() -> Tuple[Any, Any]:
    """(standard validator, fast validator) of Rasa's action response schema."""
    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec), extend(cls, {"oneOf": _one_of_by_event})(spec)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    standard, fast = _validators()
    if fast.is_valid(result):
        return True
    error = best_match(standard.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Replace RemoteAction._validate_action_result once."""
    if RemoteAction._validate_action_result is not _validate_action_result:
        RemoteAction._validate_action_result = _validate_action_result


__all__ = ["ValidationError", "install"]
