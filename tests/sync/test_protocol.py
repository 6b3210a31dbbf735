"""The shared wire protocol: canonical JSON, signatures, MKSTREAM1, key wrap, envelope/receipt."""

from __future__ import annotations

import io
import os

import pytest

from mobile_case.sync import protocol as p


def test_canonical_is_sorted_compact_utf8():
    assert p.canonical({"b": 1, "a": "Київ"}) == '{"a":"Київ","b":1}'.encode()


def test_b64_roundtrip_without_padding():
    for n in range(0, 40):
        data = os.urandom(n)
        text = p.b64e(data)
        assert "=" not in text
        assert p.b64d(text) == data


@pytest.mark.parametrize(
    "size", [0, 1, p.SEGMENT_PLAIN - 1, p.SEGMENT_PLAIN, p.SEGMENT_PLAIN + 1, 3 * p.SEGMENT_PLAIN]
)
def test_stream_roundtrip_and_size(size, tmp_path):
    key = os.urandom(32)
    data = os.urandom(size)
    src = tmp_path / "plain"
    src.write_bytes(data)
    res = p.encrypt_file(src, tmp_path / "enc", key, b"pkg-1")
    enc = (tmp_path / "enc").read_bytes()
    assert len(enc) == res.enc_size == p.encrypted_size(size)
    assert res.enc_sha256 == p.sha256_hex(enc)
    assert res.sha256 == p.sha256_hex(data)
    assert p.decrypt_bytes(enc, key, b"pkg-1") == data


def test_stream_detects_truncation_reorder_wrong_aad():
    key = os.urandom(32)
    data = os.urandom(2 * p.SEGMENT_PLAIN + 10)
    enc = p.encrypt_bytes(data, key, b"pkg")
    # cut exactly at a segment boundary: the last segment flag makes this fail
    cut = enc[: p.STREAM_HEADER_LEN + 2 * p.SEGMENT_ENC]
    with pytest.raises(p.ProtocolError):
        p.decrypt_bytes(cut, key, b"pkg")
    with pytest.raises(p.ProtocolError):
        p.decrypt_bytes(enc, key, b"other")
    flipped = bytearray(enc)
    flipped[100] ^= 1
    with pytest.raises(p.ProtocolError):
        p.decrypt_bytes(bytes(flipped), key, b"pkg")
    h = p.STREAM_HEADER_LEN
    swapped = (
        enc[:h]
        + enc[h + p.SEGMENT_ENC : h + 2 * p.SEGMENT_ENC]
        + enc[h : h + p.SEGMENT_ENC]
        + enc[h + 2 * p.SEGMENT_ENC :]
    )
    with pytest.raises(p.ProtocolError):
        p.decrypt_bytes(swapped, key, b"pkg")


def test_key_wrap_roundtrip_and_binding():
    station = p.new_box_key()
    k = os.urandom(32)
    wrapped = p.wrap_key(k, p.public_raw(station), "pkg-a")
    assert p.unwrap_key(wrapped, station, "pkg-a") == k
    with pytest.raises(p.ProtocolError):
        p.unwrap_key(wrapped, station, "pkg-b")
    with pytest.raises(p.ProtocolError):
        p.unwrap_key(wrapped, p.new_box_key(), "pkg-a")


def test_auth_header_verifies_and_rejects():
    key = p.new_sign_key()
    h = p.auth_header("kit-1", key, "PATCH", "/files/abc?x=1", p.sha256_hex(b"chunk"), ts=1_000_000)
    params = p.parse_auth_header(h)
    assert params.kit_id == "kit-1" and len(params.nonce) == 16
    p.verify_auth(params, p.public_raw(key), "PATCH", "/files/abc?x=1", p.sha256_hex(b"chunk"), now=1_000_100)
    with pytest.raises(p.ProtocolError) as e:
        p.verify_auth(
            params, p.public_raw(key), "PATCH", "/files/abc?x=1", p.sha256_hex(b"other"), now=1_000_100
        )
    assert e.value.code == "bad_signature"
    with pytest.raises(p.ProtocolError) as e:
        p.verify_auth(
            params, p.public_raw(key), "PATCH", "/files/abc?x=1", p.sha256_hex(b"chunk"), now=1_000_700
        )
    assert e.value.code == "clock_skew"


def test_envelope_and_receipt():
    kit = p.new_sign_key()
    station_sign = p.new_sign_key()
    station_box = p.new_box_key()
    k = os.urandom(32)
    env = p.build_envelope(
        package_id="pkg",
        kit_id="kit",
        content_key=k,
        station_box_pub=p.public_raw(station_box),
        manifest_enc_sha256="ab" * 32,
        files=[{"file_id": "f1", "enc_sha256": "cd" * 32, "enc_size": 5}],
        kit_key=kit,
    )
    p.verify_envelope(env, p.public_raw(kit))
    assert p.unwrap_key(env["wrapped_key"], station_box, "pkg") == k
    forged = dict(env, manifest_enc_sha256="ef" * 32)
    with pytest.raises(p.ProtocolError) as e:
        p.verify_envelope(forged, p.public_raw(kit))
    assert e.value.code == "package_tampered"
    rc = p.build_receipt(
        package_id="pkg",
        kit_id="kit",
        station_id="st",
        manifest_sha256="11",
        files=[{"file_id": "f1", "sha256": "22"}],
        station_key=station_sign,
    )
    p.verify_receipt(
        rc,
        p.public_raw(station_sign),
        package_id="pkg",
        kit_id="kit",
        manifest_sha256="11",
        files={"f1": "22"},
    )
    with pytest.raises(p.ProtocolError):
        p.verify_receipt(
            rc,
            p.public_raw(station_sign),
            package_id="pkg",
            kit_id="kit",
            manifest_sha256="11",
            files={"f1": "33"},
        )
    with pytest.raises(p.ProtocolError):
        p.verify_receipt(
            rc,
            p.public_raw(p.new_sign_key()),
            package_id="pkg",
            kit_id="kit",
            manifest_sha256="11",
            files={"f1": "22"},
        )


def test_pair_code_and_proof():
    code = p.parse_pair_code("MK1-cnap-office.local:8443-0123456789abcdef-ab12cd34ef")
    assert code.host == "cnap-office.local" and code.port == 8443
    assert code.secret == "AB12CD34EF" and code.code_id == "AB12"
    assert p.parse_pair_code(code.render()) == code
    with pytest.raises(p.ProtocolError):
        p.parse_pair_code("MK1-host:1-xyz-ABCDEFGHJK")
    doc = {"format": p.FORMAT_PAIR_REQUEST, "kit_id": "k"}
    doc["proof"] = p.pair_proof(code.secret, doc)
    assert p.check_pair_proof(code.secret, doc)
    assert not p.check_pair_proof("ZZZZZZZZZZ", doc)


def test_tus_metadata_roundtrip():
    md = {"package_id": "p", "file_id": "скан 1"}
    assert p.parse_tus_metadata(p.tus_metadata(md)) == md
    assert p.tus_checksum_header(b"abc").startswith("sha256 ")


def test_encrypt_stream_from_open_file(tmp_path):
    key = os.urandom(32)
    res = p.encrypt_file(io.BytesIO(b"hello"), tmp_path / "e", key, b"x")
    assert res.size == 5 and p.decrypt_bytes((tmp_path / "e").read_bytes(), key, b"x") == b"hello"
