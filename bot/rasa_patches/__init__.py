"""Small, documented patches to the Rasa server's behaviour, installed at start-up.

- ``paused_safety``: a paused conversation still answers: red flags get emergency guidance,
  other messages a short note that staff have been told.
- ``listen_before_user``: a message always starts a new turn, so a conversation left
  mid-turn (after a circuit-breaker trip or a crash) recovers on its next message.
- ``action_server_down``: an unreachable action server gives the patient a clear
  "having trouble" reply instead of silence.
- ``action_response_validation``: action-server responses are validated with a validator
  built once, instead of re-checking the schema on every call (half the CPU under load).
- ``shared_http_session``: one keep-alive HTTP session for action-server calls instead of a
  new session and connection per call.
- ``intent_features``: the intent classifier's input matrix is built in one step instead of
  per-featurizer copies and stacks (same matrix, same probabilities; issue #14).
- ``sequential_graph``: the model's graphs run in dependency order in the calling thread
  instead of through Dask's scheduler on every message (same nodes, same results; issue #14).
- ``recent_events``: action-server calls carry the last turns' events (and all since a pause)
  instead of the whole conversation, so a call costs the same at turn 200 as at turn 1.
- ``applied_events``: a tracker's applied events are extended as it grows instead of walking
  every event of the conversation several times a message.
- ``tracker_copy``: the tracker copy Rasa makes before every action takes the current state
  instead of replaying every event of the conversation.

- ``tensorflow_absent``: a model that never runs TensorFlow is served without importing it
  (installed by ``bot.ops.rasa_server`` before Rasa is imported, not by ``install_all``).

Installed from ``bot.channels`` (Rasa imports it for every channel in credentials.yml).
"""


def install_all() -> None:
    """Install every patch (idempotent). Imported here, so that importing the package does not
    import Rasa (``tensorflow_absent`` must run before Rasa is imported)."""
    from bot.rasa_patches import (
        action_response_validation,
        action_server_down,
        applied_events,
        intent_features,
        listen_before_user,
        paused_safety,
        recent_events,
        sequential_graph,
        shared_http_session,
        tracker_copy,
    )

    paused_safety.install()
    listen_before_user.install()
    action_server_down.install()
    action_response_validation.install()
    shared_http_session.install()
    intent_features.install()
    sequential_graph.install()
    recent_events.install()
    tracker_copy.install()
    applied_events.install()
