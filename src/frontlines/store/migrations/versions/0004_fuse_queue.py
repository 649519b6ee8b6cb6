"""What ``fuse()`` still has to do, so that it rebuilds only the events a write can touch.

- ``fuse_queue``: the documents whose reports were written since the last ``fuse()``
  (``kind`` "doc") and the events that held reports since replaced or removed ("event").
- ``store_state.fuse_full``: set when a change reaches every event (an outlet registered or
  renamed changes the outlet names events list); the next ``fuse()`` rebuilds them all. A store
  upgraded to this revision starts with it set, since its earlier writes were not queued.
- ``ix_reports_event_type_date``: a fuse finds the reports near a changed one (same event
  type, dates within a month) off this index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fuse_queue",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_fuse_queue")),
    )
    with op.batch_alter_table("store_state") as batch:
        batch.add_column(sa.Column("fuse_full", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_index("ix_reports_event_type_date", "reports", ["event_type", "date"])


def downgrade() -> None:
    op.drop_index("ix_reports_event_type_date", table_name="reports")
    with op.batch_alter_table("store_state") as batch:
        batch.drop_column("fuse_full")
    op.drop_table("fuse_queue")
