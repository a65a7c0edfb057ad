"""Alembic environment: the project's own tables, on the database the app uses (DATABASE_URL).

Rasa's ``events`` table belongs to Rasa's tracker store and is left out of comparisons.
"""

from __future__ import annotations

from alembic import context

from bot.storage.migrate import database_url, metadata, owned, render_item, skip_empty

config = context.config


def run_offline() -> None:
    """Emit SQL instead of running it (``--sql``)."""
    context.configure(url=database_url(config), target_metadata=metadata(), literal_binds=True,
                      include_object=owned, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run against a connection handed in by bot.storage.migrate, else one opened on the URL."""
    connection = config.attributes.get("connection")
    if connection is None:
        from bot.storage.db import get_engine

        with get_engine(database_url(config)).connect() as connection:
            _run(connection)
            connection.commit()
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=metadata(), include_object=owned,
                      render_as_batch=True, compare_type=True, render_item=render_item,
                      process_revision_directives=skip_empty)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
