"""Baseline: the project's tables as `create_all` made them before migrations.

Each table is created only when missing, so a database made by `create_all` is adopted as is.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa

from bot.storage.migrate import create_missing, drop

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the appointment, handoff, console and knowledge tables."""
    create_missing(
        "appointment_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("submission_key", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),  # Fernet tokens (bot.storage.crypto)
        sa.Column("date_of_birth", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text()),
        sa.Column("email", sa.Text()),
        sa.Column("visit_reason", sa.String(200), nullable=False),
        sa.Column("patient_status", sa.String(16), nullable=False),
        sa.Column("preferred_times", sa.String(200), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("booked_by", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        indexes=[("created_at",), ("sender_id",), ("status",)], unique=[("reference",)],
    )
    create_missing(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer()),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        indexes=[("reference",)],
    )
    create_missing(
        "handoff_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("resolved_at", TZ),
        indexes=[("sender_id",)],
    )
    create_missing(
        "console_users",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TZ),
        sa.Column("created_at", TZ, nullable=False),
    )
    create_missing(
        "console_reviews",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("reviewed", sa.Integer(), nullable=False),
        sa.Column("tags", sa.String(500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(80)),
        sa.Column("updated_at", TZ),
    )
    create_missing(
        "console_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("user", sa.String(80), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        indexes=[("at",)],
    )
    create_missing(
        "console_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user", sa.String(80), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ),
        indexes=[("expires_at",), ("user",)],
    )
    create_missing(
        "kb_topics",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("label", sa.String(200)),
        sa.Column("parent", sa.String(64)),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    create_missing(
        "kb_facts",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("topic_key", sa.String(64), sa.ForeignKey("kb_topics.key"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attributes", sa.String(200), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        indexes=[("topic_key",)],
    )
    create_missing(
        "kb_quotes",
        sa.Column("fact_id", sa.String(80), sa.ForeignKey("kb_facts.id"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
    )
    create_missing(
        "kb_meta",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime()),
    )


def downgrade() -> None:
    """Drop them (their data with them)."""
    drop("kb_meta", "kb_quotes", "kb_facts", "kb_topics", "console_sessions", "console_audit", "console_reviews",
         "console_users", "handoff_requests", "webhook_deliveries", "appointment_requests")
