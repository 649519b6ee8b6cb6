"""The store's revision, and an index for the list's commonest pair of filters.

- ``store_state.revision``: a counter every write transaction raises. Readers that keep
  something derived from the store (the web app's situation picture and its kept responses)
  compare one number, read by primary key, instead of counting events.
- ``ix_events_country_code_event_type_date``: country and event type together (the list's and
  the map's form) read a page and count its matches off one index, instead of walking a
  country's every event to find the few of one type.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_state")),
    )
    op.bulk_insert(table, [{"id": 1, "revision": 0}])
    # The list order, as in 0002: PostgreSQL must be told to put undated events last.
    date_desc = "date DESC NULLS LAST" if op.get_bind().dialect.name == "postgresql" else "date DESC"
    op.create_index("ix_events_country_code_event_type_date", "events",
                    ["country_code", "event_type", sa.text(date_desc), "id"])


def downgrade() -> None:
    op.drop_index("ix_events_country_code_event_type_date", table_name="events")
    op.drop_table("store_state")
