"""Initial schema: users, requests, outings, escorts, visits, acts, hand-over entries, files,
the append-only audit log and the counters of human numbers.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(36)


def _ix(table: str, *cols: str, unique: bool = False) -> None:
    op.create_index(f"ix_{table}_{'_'.join(cols)}", table, list(cols), unique=unique)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", ID, nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("login", name="uq_users_login"),
    )
    op.create_table(
        "requests",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.String(32), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("settlement_code", sa.String(64), nullable=False),
        sa.Column("category_code", sa.String(64), nullable=False),
        sa.Column("preferred_date", sa.Date(), nullable=True),
        sa.Column("subject_name", sa.String(300), nullable=False),
        sa.Column("subject_birth_date", sa.Date(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_requests"),
        sa.UniqueConstraint("number", name="uq_requests_number"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_requests_created_by_users"),
    )
    for col in ("state", "created_at", "registered_at", "settlement_code", "category_code", "preferred_date"):
        _ix("requests", col)
    op.create_table(
        "outings",
        sa.Column("id", ID, nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("model", sa.String(20), nullable=False),
        sa.Column("settlement_code", sa.String(64), nullable=False),
        sa.Column("administrator_id", ID, nullable=True),
        sa.Column("departure", sa.Time(), nullable=True),
        sa.Column("travel_minutes", sa.Integer(), nullable=False),
        sa.Column("vehicle", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outings"),
        sa.ForeignKeyConstraint(["administrator_id"], ["users.id"], name="fk_outings_administrator_id_users"),
    )
    for col in ("date", "settlement_code", "administrator_id"):
        _ix("outings", col)
    op.create_table(
        "escorts",
        sa.Column("id", ID, nullable=False),
        sa.Column("outing_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(300), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_escorts"),
        sa.ForeignKeyConstraint(
            ["outing_id"], ["outings.id"], name="fk_escorts_outing_id_outings", ondelete="CASCADE"
        ),
    )
    _ix("escorts", "outing_id")
    op.create_table(
        "visits",
        sa.Column("id", ID, nullable=False),
        sa.Column("outing_id", ID, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("planned_start", sa.Time(), nullable=True),
        sa.Column("planned_end", sa.Time(), nullable=True),
        sa.Column("call_outcome", sa.String(32), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("case_number", sa.String(64), nullable=False),
        sa.Column("journal_number", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        sa.UniqueConstraint("journal_number", name="uq_visits_journal_number"),
        sa.ForeignKeyConstraint(["outing_id"], ["outings.id"], name="fk_visits_outing_id_outings"),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name="fk_visits_request_id_requests"),
    )
    for col in ("outing_id", "request_id", "registered_at"):
        _ix("visits", col)
    op.create_table(
        "acts",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("visit_id", ID, nullable=True),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.Column("administrator_id", ID, nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_acts"),
        sa.UniqueConstraint("number", name="uq_acts_number"),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name="fk_acts_request_id_requests"),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"], name="fk_acts_visit_id_visits"),
        sa.ForeignKeyConstraint(["administrator_id"], ["users.id"], name="fk_acts_administrator_id_users"),
    )
    for col in ("request_id", "visit_id", "reason", "drawn_at", "administrator_id"):
        _ix("acts", col)
    op.create_table(
        "handover_entries",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("outing_id", ID, nullable=True),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handover_entries"),
        sa.UniqueConstraint("number", name="uq_handover_entries_number"),
        sa.ForeignKeyConstraint(["outing_id"], ["outings.id"], name="fk_handover_entries_outing_id_outings"),
    )
    for col in ("outing_id", "at"):
        _ix("handover_entries", col)
    op.create_table(
        "files",
        sa.Column("id", ID, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("entity_kind", sa.String(40), nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_files"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_files_created_by_users"),
    )
    _ix("files", "sha256")
    op.create_index("ix_files_entity", "files", ["entity_kind", "entity_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity_kind", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    for col in ("at", "action", "entity_id"):
        _ix("audit_log", col)
    op.execute(
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"""
    )
    op.execute(
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"""
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )


def downgrade() -> None:
    for table in (
        "counters",
        "audit_log",
        "files",
        "handover_entries",
        "acts",
        "visits",
        "escorts",
        "outings",
        "requests",
        "users",
    ):
        op.drop_table(table)
