"""Requests: a case-folded ``search_text`` column for the text filter, filled for existing rows,
and a (state, created_at) index for the lists filtered by state and sorted by date.

Before this, the text filter had to decode every request's JSON; with 100,000 cases that took seconds.
SQLite's own lower() does not fold Cyrillic, so the text is folded in Python (str.casefold).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def search_text(number: str | None, data: dict) -> str:
    """Frozen copy of the rule at this revision (later code may change; this migration must not)."""
    subject = data.get("subject") or {}
    address = data.get("address") or {}
    rep = (data.get("representative") or {}).get("person") or {}
    parts = [
        number or "",
        subject.get("surname", ""),
        subject.get("given_name", ""),
        subject.get("patronymic", ""),
        subject.get("rnokpp", ""),
        subject.get("unzr", ""),
        subject.get("phone", ""),
        rep.get("surname", ""),
        rep.get("given_name", ""),
        rep.get("phone", ""),
        address.get("settlement_name", ""),
        address.get("street", ""),
        address.get("house", ""),
    ]
    return " ".join(p for p in parts if p).casefold()


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, number, data FROM requests")).fetchall()
    update = sa.text("UPDATE requests SET search_text = :t WHERE id = :id")
    for row in rows:
        conn.execute(update, {"t": search_text(row.number, json.loads(row.data)), "id": row.id})
    op.create_index("ix_requests_state_created_at", "requests", ["state", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_requests_state_created_at", table_name="requests")
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("search_text")
