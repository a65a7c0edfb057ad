"""Staff notifications (retried from the database) and the follow-up list.

Created only when missing: code that ran before this revision may have made them with `create_all`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa

from bot.storage.migrate import create_missing, drop

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create notifications and follow_ups."""
    create_missing(
        "notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("last_error", sa.String(200)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("delivered_at", TZ),
        sa.UniqueConstraint("kind", "subject", "channel", name="uq_notifications_kind_subject_channel"),
        named=[("ix_notifications_status_next", ("status", "next_attempt_at"))],
    )
    create_missing(
        "follow_ups",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("handoff_id", sa.Integer()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("handled_at", TZ),
        sa.Column("handled_by", sa.String(80)),
        indexes=[("sender_id",)],
        named=[("ix_follow_ups_open", ("handled_at", "kind"))],
    )


def downgrade() -> None:
    """Drop them."""
    drop("follow_ups", "notifications")
