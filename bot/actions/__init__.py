"""Custom actions served by the action server (``python -m bot.actions.server``).

rasa-sdk imports every module of this package when it registers the actions, so this file
imports none of them: the server can then keep spaCy's unused array backends (TensorFlow)
out of its process before anything imports spaCy. The server also starts the outbox worker,
which stores appointment requests kept while the database was down.
"""
