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


@pytest.mark.parametrize("size", [0, 1, 1000, 4096, 4097, 3 * 4096 + 17])
def test_large_files_are_streamed_in_authenticated_chunks(blobs, tmp_path, size):
    source = tmp_path / "segment.mkv"
    data = os.urandom(size)
    source.write_bytes(data)
    sha = blobs.put_file(source, chunk_bytes=4096)
    assert sha == hashlib.sha256(data).hexdigest()
    raw = blobs.path(sha).read_bytes()
    assert raw.startswith(b"MCB2") and (size < 64 or data[:64] not in raw)
    out = blobs.read_to_file(sha, tmp_path / "out.mkv")
    assert out.read_bytes() == data
    assert blobs.read(sha) == data
    assert blobs.put_file(source, chunk_bytes=4096) == sha  # stored once


def _chunked(blobs, tmp_path, chunks=3):
    source = tmp_path / "segment.mkv"
    data = os.urandom(4096 * chunks)
    source.write_bytes(data)
    return blobs.put_file(source, chunk_bytes=4096), data


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) - (12 + 4 + 4096 + 16)],  # the last chunk cut off
        lambda raw: raw[:-1],  # the last byte cut off
        lambda raw: raw[:100] + bytes([raw[100] ^ 1]) + raw[101:],  # a flipped bit
        lambda raw: (
            raw[:8] + raw[8 + 4128 : 8 + 2 * 4128] + raw[8 : 8 + 4128] + raw[8 + 2 * 4128 :]
        ),  # swapped
    ],
)
def test_damaged_chunked_objects_are_detected(blobs, tmp_path, damage):
    sha, _ = _chunked(blobs, tmp_path)
    path = blobs.path(sha)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(BlobError):
        blobs.read_to_file(sha, tmp_path / "out.mkv")
    assert not (tmp_path / "out.mkv").exists()  # nothing half-written is left as the result
    assert not list(tmp_path.glob(".out.mkv*"))
    assert blobs.verify_all() == [sha]


def test_delete(blobs):
    sha = blobs.put(PDF)
    blobs.delete(sha)
    assert not blobs.exists(sha)
    blobs.delete(sha)
