"""Event-list indexes: every filter the list and the map use, followed by the list order.

A page of events is "newest first, undated last, then id". With an index whose columns are the
filter's column and then (date DESC, id), the database reads a page straight off the index and
stops, instead of gathering and sorting every match (seconds on a million events). These replace
the single-column indexes on the same leading columns, which they cover.

PostgreSQL sorts NULL first in a DESC column unless told; the list order puts undated events
last, so its indexes say NULLS LAST (SQLite sorts NULL last in DESC already and refuses the words).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# index name -> leading filter column (None: the list order alone)
LIST_INDEXES: dict[str, str | None] = {
    "ix_events_date_desc_id": None,
    "ix_events_country_code_date": "country_code",
    "ix_events_event_type_date": "event_type",
    "ix_events_sub_event_type_date": "sub_event_type",
    "ix_events_actor1_slug_date": "actor1_slug",
    "ix_events_actor2_slug_date": "actor2_slug",
    "ix_events_geonameid_date": "geonameid",
}
REPLACED = {
    "ix_events_date_id": ["date", "id"],
    "ix_events_event_type": ["event_type"],
    "ix_events_actor1_slug": ["actor1_slug"],
    "ix_events_actor2_slug": ["actor2_slug"],
    "ix_events_geonameid": ["geonameid"],
}


def _date_desc() -> sa.TextClause:
    if op.get_bind().dialect.name == "postgresql":
        return sa.text("date DESC NULLS LAST")
    return sa.text("date DESC")


def upgrade() -> None:
    for name, column in LIST_INDEXES.items():
        lead = [column] if column else []
        op.create_index(name, "events", [*lead, _date_desc(), "id"])
    for name in REPLACED:
        op.drop_index(name, table_name="events")


def downgrade() -> None:
    for name, columns in REPLACED.items():
        op.create_index(name, "events", columns)
    for name in LIST_INDEXES:
        op.drop_index(name, table_name="events")
