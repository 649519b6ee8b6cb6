"""Initial schema: documents, reports, events (+ event_reports, event_outlets), outlets,
actors, places.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _actor_columns(n: int, *, slug: bool) -> list[sa.Column]:
    cols = [sa.Column(f"actor{n}_name", sa.String(300))]
    if slug:
        cols.append(sa.Column(f"actor{n}_slug", sa.String(300)))
    cols += [
        sa.Column(f"actor{n}_mention", sa.Text()),
        sa.Column(f"actor{n}_inter", sa.Integer()),
        sa.Column(f"actor{n}_country", sa.String(8)),
    ]
    return cols


def _place_columns() -> list[sa.Column]:
    return [
        sa.Column("place_name", sa.String(300)),
        sa.Column("place_mention", sa.Text()),
        sa.Column("geonameid", sa.Integer()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("country_code", sa.String(8)),
        sa.Column("admin1", sa.String(300)),
        sa.Column("feature_code", sa.String(16)),
        sa.Column("geo_precision", sa.Integer()),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.String(300)),
        sa.Column("outlet_slug", sa.String(300)),
        sa.Column("title", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("published", sa.DateTime()),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_outlet_slug", "documents", ["outlet_slug"])
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "reports",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("tags", sa.JSON(), nullable=False),
        *_actor_columns(1, slug=False),
        *_actor_columns(2, slug=False),
        *_place_columns(),
        sa.Column("date", sa.Date()),
        sa.Column("time_precision", sa.Integer()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("outlet", sa.String(300)),
        sa.Column("speaker", sa.Text()),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_reports_doc_id_documents"
        ),
    )
    op.create_index("ix_reports_doc_id", "reports", ["doc_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("tags", sa.JSON(), nullable=False),
        *_actor_columns(1, slug=True),
        *_actor_columns(2, slug=True),
        *_place_columns(),
        sa.Column("date", sa.Date()),
        sa.Column("time_precision", sa.Integer()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("fatalities_low", sa.Integer()),
        sa.Column("fatalities_high", sa.Integer()),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_date_id", "events", ["date", "id"])
    op.create_index("ix_events_country_code_admin1", "events", ["country_code", "admin1"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_actor1_slug", "events", ["actor1_slug"])
    op.create_index("ix_events_actor2_slug", "events", ["actor2_slug"])
    op.create_index("ix_events_geonameid", "events", ["geonameid"])
    op.create_index("ix_events_modality", "events", ["modality"])
    op.create_index("ix_events_updated_at", "events", ["updated_at"])

    op.create_table(
        "event_reports",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "report_id", name="pk_event_reports"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], ondelete="CASCADE", name="fk_event_reports_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            ondelete="CASCADE",
            name="fk_event_reports_report_id_reports",
        ),
    )
    op.create_index("ix_event_reports_report_id", "event_reports", ["report_id"])

    op.create_table(
        "event_outlets",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("outlet_slug", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "outlet_slug", name="pk_event_outlets"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], ondelete="CASCADE", name="fk_event_outlets_event_id_events"
        ),
    )
    op.create_index("ix_event_outlets_outlet_slug", "event_outlets", ["outlet_slug"])

    op.create_table(
        "outlets",
        sa.Column("slug", sa.String(300), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("domain", sa.String(300)),
        sa.Column("country", sa.String(8)),
        sa.Column("grade", sa.String(8)),
        sa.Column("description", sa.Text()),
        sa.PrimaryKeyConstraint("slug", name="pk_outlets"),
    )
    op.create_index("ix_outlets_domain", "outlets", ["domain"])

    op.create_table(
        "actors",
        sa.Column("slug", sa.String(300), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("inter", sa.Integer()),
        sa.Column("country", sa.String(8)),
        sa.PrimaryKeyConstraint("slug", name="pk_actors"),
    )

    op.create_table(
        "places",
        sa.Column("geonameid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country_code", sa.String(8)),
        sa.Column("admin1", sa.String(300)),
        sa.Column("feature_code", sa.String(16)),
        sa.PrimaryKeyConstraint("geonameid", name="pk_places"),
    )
    op.create_index("ix_places_country_code", "places", ["country_code"])


def downgrade() -> None:
    for table in (
        "places",
        "actors",
        "outlets",
        "event_outlets",
        "event_reports",
        "events",
        "reports",
        "documents",
    ):
        op.drop_table(table)
