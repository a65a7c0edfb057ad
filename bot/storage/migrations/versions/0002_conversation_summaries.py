"""Conversation summaries for the console's list and insights, with their indexes.

Filled by `bot.storage.summaries.sync` (the backfill of existing conversations runs right after
this revision in `python -m bot.storage migrate`) and kept current by the tracker store.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa

from bot.storage.migrate import create_missing, drop

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEY = sa.String(255)


def upgrade() -> None:
    """One summary row per conversation, plus its texts, intents, days and topics."""
    create_missing(
        "conversation_summaries",
        sa.Column("sender_id", KEY, primary_key=True),
        sa.Column("first_event_id", sa.Integer(), nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.Column("started", sa.Float()),
        sa.Column("last_at", sa.Float()),
        sa.Column("channel", KEY, nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ("turns", "fallbacks", "red_flags", "handoffs", "unanswered")),
        sa.Column("min_confidence", sa.Float(), nullable=False),
        sa.Column("last_intent", KEY, nullable=False),
        *(sa.Column(name, sa.Boolean(), nullable=False)
          for name in ("emergency", "fallback", "handoff", "appointment", "in_form", "awaiting_reply")),
        named=[("ix_conversation_summaries_started", ("started",)),
               ("ix_conversation_summaries_first_event_id", ("first_event_id",))],
    )
    create_missing("conversation_texts", sa.Column("sender_id", KEY, primary_key=True),
                   sa.Column("text", sa.Text(), nullable=False))
    create_missing("conversation_intents", sa.Column("sender_id", KEY, primary_key=True),
                   sa.Column("intent", KEY, primary_key=True),
                   named=[("ix_conversation_intents_intent", ("intent", "sender_id"))])
    create_missing("conversation_days", sa.Column("sender_id", KEY, primary_key=True),
                   sa.Column("day", sa.String(10), primary_key=True),
                   sa.Column("messages", sa.Integer(), nullable=False),
                   named=[("ix_conversation_days_day", ("day", "messages"))])
    create_missing("conversation_topics", sa.Column("sender_id", KEY, primary_key=True),
                   sa.Column("topic", sa.String(64), primary_key=True),
                   sa.Column("mentions", sa.Integer(), nullable=False),
                   named=[("ix_conversation_topics_topic", ("topic", "mentions"))])
    create_missing("conversation_sync", sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
                   sa.Column("last_event_id", sa.Integer(), nullable=False))


def downgrade() -> None:
    """Drop the summaries (they can be rebuilt from the events)."""
    drop("conversation_sync", "conversation_topics", "conversation_days", "conversation_intents",
         "conversation_texts", "conversation_summaries")
