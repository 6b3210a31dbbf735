"""The content-addressed, encrypted file store."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from mobile_case.storage import BlobError, BlobStore

KEY = bytes(range(32))
PDF = b"%PDF-1.7\n" + "Заява Коваль Марія Іванівна".encode() + os.urandom(2000)


@pytest.fixture
def blobs(tmp_path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", KEY)


def test_round_trip_named_by_the_plaintext_hash(blobs):
    sha = blobs.put(PDF)
    assert sha == hashlib.sha256(PDF).hexdigest()
    assert blobs.path(sha) == blobs.root / sha[:2] / sha
    assert blobs.read(sha) == PDF
    assert blobs.exists(sha)


def test_encrypted_at_rest(blobs):
    sha = blobs.put(PDF)
    raw = blobs.path(sha).read_bytes()
    assert raw.startswith(b"MCB1")
    assert b"%PDF" not in raw and "Коваль".encode() not in raw
    assert len(raw) == len(PDF) + 4 + 12 + 16


def test_same_content_is_stored_once(blobs):
    a = blobs.put(PDF)
    mtime = blobs.path(a).stat().st_mtime_ns
    b = blobs.put(PDF)
    assert a == b
    assert blobs.path(a).stat().st_mtime_ns == mtime  # not rewritten
    assert [p.name for p in blobs.root.rglob("*") if p.is_file()] == [a]  # no temporary files left


@pytest.mark.parametrize("offset", [0, 10, 20, -1])
def test_a_corrupt_object_is_detected(blobs, offset):
    sha = blobs.put(PDF)
    path = blobs.path(sha)
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(BlobError) as exc:
        blobs.read(sha)
    assert "пошкоджено" in exc.value.user_message
    assert blobs.verify_all() == [sha]
    # storing the good bytes again repairs it
    blobs.put(PDF)
    assert blobs.read(sha) == PDF and blobs.verify_all() == []


def test_truncated_and_missing_objects(blobs):
    sha = blobs.put(PDF)
    blobs.path(sha).write_bytes(b"MCB1")
    with pytest.raises(BlobError):
        blobs.read(sha)
    blobs.path(sha).unlink()
    with pytest.raises(BlobError) as exc:
        blobs.read(sha)
    assert "не знайдено" in exc.value.user_message


def test_an_object_copied_under_another_name_does_not_open(blobs):
    a = blobs.put(PDF)
    b = blobs.put(b"other content")
    shutil.copyfile(blobs.path(a), blobs.path(b))
    with pytest.raises(BlobError):
        blobs.read(b)


def test_another_key_cannot_read(blobs, tmp_path):
    sha = blobs.put(PDF)
    other = BlobStore(blobs.root, bytes(32))
    with pytest.raises(BlobError):
        other.read(sha)


def test_names_must_be_hashes(blobs):
    with pytest.raises(ValueError):
        blobs.read("../../etc/passwd")
