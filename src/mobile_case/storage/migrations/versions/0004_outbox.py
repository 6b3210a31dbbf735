"""The sync outbox (issue 4): the pairing with the CNAP office station, the sync settings, and the sealed
packages with their encrypted files waiting to be sent.

* ``sync_pairing`` — at most one row: the paired station (id, name, URL, public keys, pinned certificate
  SHA-256) and this kit's id and name. The kit's private key is in the OS keyring (or an owner-only file).
* ``sync_settings`` — name → JSON value (chunk size, bandwidth limit, mobile data for recordings, days to
  keep local copies after delivery).
* ``outbox_packages`` — one sealed package per completed or act-ended case: its state (sealed, sending,
  awaiting receipt, delivered, deferred, set aside), bytes, last error, the wrapped content key, the
  envelope once built and the station's signed receipt. Every state change is its own commit.
* ``outbox_files`` — each encrypted file of a package (spool path, sizes, hashes, tus upload URL and the
  offset the station confirmed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
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
        "sync_pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kit_id", sa.String(36), nullable=False),
        sa.Column("kit_name", sa.String(200), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("station_name", sa.String(200), nullable=False),
        sa.Column("url", sa.String(300), nullable=False),
        sa.Column("station_sign_pub", sa.String(64), nullable=False),
        sa.Column("station_box_pub", sa.String(64), nullable=False),
        sa.Column("cert_sha256", sa.String(64), nullable=False),
        sa.Column("paired_at", sa.DateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_pairing"),
    )
    op.create_table(
        "sync_settings",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_sync_settings"),
    )
    op.create_table(
        "outbox_packages",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("request_id", sa.String(36), nullable=False),
        sa.Column("case_state", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("local_purged_at", sa.DateTime(), nullable=True),
        sa.Column("bytes_total", sa.Integer(), nullable=False),
        sa.Column("bytes_sent", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("has_recording", sa.Boolean(), nullable=False),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.Text(), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("receipt", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_packages"),
    )
    op.create_index("ix_outbox_packages_request_id", "outbox_packages", ["request_id"])
    op.create_index("ix_outbox_packages_state", "outbox_packages", ["state"])
    op.create_index("ix_outbox_packages_sealed_at", "outbox_packages", ["sealed_at"])
    op.create_table(
        "outbox_files",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("package_id", sa.String(36), nullable=False),
        sa.Column("file_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("source_file_id", sa.String(36), nullable=True),
        sa.Column("spool", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("enc_size", sa.Integer(), nullable=False),
        sa.Column("enc_sha256", sa.String(64), nullable=False),
        sa.Column("upload_url", sa.String(500), nullable=False),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_files"),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["outbox_packages.id"],
            name="fk_outbox_files_package_id_outbox_packages",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("package_id", "file_id", name="uq_outbox_files_package_id_file_id"),
    )
    op.create_index("ix_outbox_files_package_id", "outbox_files", ["package_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_files_package_id", table_name="outbox_files")
    op.drop_table("outbox_files")
    op.drop_index("ix_outbox_packages_sealed_at", table_name="outbox_packages")
    op.drop_index("ix_outbox_packages_state", table_name="outbox_packages")
    op.drop_index("ix_outbox_packages_request_id", table_name="outbox_packages")
    op.drop_table("outbox_packages")
    op.drop_table("sync_settings")
    op.drop_table("sync_pairing")
