"""The kit keeper's maintenance log (G 1.7): who serviced the case, when, which checklist items were
done and their notes.

One row per maintenance session; the checklist itself (item code → done, note) is kept as JSON in
``data`` so that the guide's list can grow without a migration. ``at`` and ``performed_by`` are real,
indexed columns for the log view (newest first, by person).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "maintenance_log",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("performed_by", sa.String(36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_maintenance_log"),
        sa.ForeignKeyConstraint(["performed_by"], ["users.id"], name="fk_maintenance_log_performed_by_users"),
    )
    op.create_index("ix_maintenance_log_at", "maintenance_log", ["at"])
    op.create_index("ix_maintenance_log_performed_by", "maintenance_log", ["performed_by"])


def downgrade() -> None:
    op.drop_index("ix_maintenance_log_performed_by", table_name="maintenance_log")
    op.drop_index("ix_maintenance_log_at", table_name="maintenance_log")
    op.drop_table("maintenance_log")
