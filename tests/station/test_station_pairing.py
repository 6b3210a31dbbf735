"""Pairing (one-time code, HMAC proofs both ways, the pinned certificate) and request authentication."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from mobile_case.station.store import now_utc, pair_codes
from mobile_case.sync import protocol

from .conftest import ServedStation, make_config
from .kitsim import TestKit, server_cert_der


def test_good_pairing_both_proofs_and_the_pin(served: ServedStation, tmp_path: Path) -> None:
    code = served.station.new_pair_code("127.0.0.1", served.port)
    parsed = protocol.parse_pair_code(code.full)
    assert (parsed.host, parsed.port, parsed.secret) == ("127.0.0.1", served.port, code.secret)
    seen = protocol.cert_sha256_der(server_cert_der("127.0.0.1", served.port))
    assert seen.startswith(parsed.cert_prefix)
    kit = TestKit(served.url, None, tmp_path / "k")
    try:
        resp = kit.pair(parsed.secret, seen)
        assert resp.status_code == 200
        body = resp.json()
        assert body["format"] == "mobile-case/pair-response/1"
        assert body["cert_sha256"] == seen == served.station.identity.cert_sha256
        assert protocol.check_pair_proof(parsed.secret, body)
        assert [k["kit_id"] for k in served.station.list_kits()] == [kit.kit_id]
        # lower case and O/I typed for 0/1 still match (Crockford)
    finally:
        kit.close()


def test_typed_code_is_normalised(served: ServedStation, tmp_path: Path) -> None:
    code = served.station.new_pair_code("127.0.0.1", served.port)
    kit = TestKit(served.url, served.cert_path, tmp_path / "k")
    try:
        typed = code.secret.lower().replace("0", "o").replace("1", "l")
        secret = protocol.normalize_secret(typed)
        assert kit.pair(secret).status_code == 200
    finally:
        kit.close()


def test_wrong_code_is_refused_and_five_wrong_proofs_burn_the_code(served: ServedStation, tmp_path: Path) -> None:
    code = served.station.new_pair_code("127.0.0.1", served.port)
    kit = TestKit(served.url, served.cert_path, tmp_path / "k")
    try:
        wrong = code.secret[:4] + ("0" if code.secret[4] != "0" else "1") + code.secret[5:]
        for _ in range(5):
            resp = kit.pair(wrong)
            assert resp.status_code == 403 and resp.json()["error"] == "pair_code_invalid"
        assert kit.pair(code.secret).status_code == 403  # guessed too often: the code is dead
        unknown = "ZZZZ" + code.secret[4:] if not code.secret.startswith("ZZZZ") else "YYYY" + code.secret[4:]
        assert kit.pair(unknown).status_code == 403
    finally:
        kit.close()


def test_expired_code_is_refused(served: ServedStation, tmp_path: Path) -> None:
    code = served.station.new_pair_code("127.0.0.1", served.port)
    with served.station.engine.begin() as conn:
        conn.execute(update(pair_codes).values(expires_at=now_utc() - timedelta(seconds=1)))
    kit = TestKit(served.url, served.cert_path, tmp_path / "k")
    try:
        assert kit.pair(code.secret).status_code == 403
    finally:
        kit.close()


def test_a_code_is_single_use(served: ServedStation, tmp_path: Path) -> None:
    code = served.station.new_pair_code("127.0.0.1", served.port)
    first = TestKit(served.url, served.cert_path, tmp_path / "a")
    second = TestKit(served.url, served.cert_path, tmp_path / "b")
    try:
        assert first.pair(code.secret).status_code == 200
        assert second.pair(code.secret).status_code == 403
        assert len(served.station.list_kits()) == 1
    finally:
        first.close()
        second.close()


def test_mitm_certificate_mismatch_is_detected(served: ServedStation, tmp_path: Path) -> None:
    """An impostor station with its own certificate: the code's fingerprint prefix does not match what the
    kit sees; and a response whose cert_sha256 is altered in transit fails the HMAC proof."""
    impostor = ServedStation(make_config(tmp_path / "impostor"))
    try:
        code = served.station.new_pair_code("127.0.0.1", served.port)
        parsed = protocol.parse_pair_code(code.full)
        seen_at_impostor = protocol.cert_sha256_der(server_cert_der("127.0.0.1", impostor.port))
        assert not seen_at_impostor.startswith(parsed.cert_prefix)
        # a relaying MITM: the real station answers with its certificate, not the one the kit saw
        kit = TestKit(served.url, served.cert_path, tmp_path / "k")
        try:
            with pytest.raises(AssertionError, match="certificate mismatch"):
                kit.pair(parsed.secret, seen_at_impostor)
        finally:
            kit.close()
        # a MITM rewriting the fingerprint in the answer breaks the station's proof
        code2 = served.station.new_pair_code("127.0.0.1", served.port)
        kit2 = TestKit(served.url, served.cert_path, tmp_path / "k2")
        try:
            body = kit2.http.post("/api/v1/pair", json=kit2.pair_request(code2.secret)).json()
            assert protocol.check_pair_proof(code2.secret, body)
            assert not protocol.check_pair_proof(code2.secret, {**body, "cert_sha256": seen_at_impostor})
        finally:
            kit2.close()
    finally:
        impostor.stop()


def test_unpaired_kit_is_refused(served: ServedStation, tmp_path: Path) -> None:
    stranger = TestKit(served.url, served.cert_path, tmp_path / "s")
    try:
        r = stranger.tus_create(10, {})
        assert r.status_code == 401 and r.json()["error"] == "kit_unknown"
        r = stranger.request("POST", "/api/v1/packages/x/commit", b"{}")
        assert r.status_code == 401 and r.json()["error"] == "kit_unknown"
    finally:
        stranger.close()


def test_revoked_kit_is_refused_everywhere(served: ServedStation, kit: TestKit) -> None:
    url = kit.tus_create(4, {}).headers["location"]
    assert served.station.revoke(kit.kit_id)
    assert kit.tus_head(url).status_code == 403  # HEAD: no body
    for resp in (kit.tus_create(4, {}), kit.tus_patch(url, 0, b"0123"),
                 kit.request("POST", "/api/v1/packages/x/commit", b"{}")):
        assert resp.status_code == 403 and resp.json()["error"] == "kit_revoked"
    assert [k["state"] for k in served.station.list_kits()] == ["revoked"]


def test_clock_skew_is_refused_with_the_station_time(served: ServedStation, kit: TestKit) -> None:
    r = kit.request("POST", "/files/", headers={"Tus-Resumable": "1.0.0", "Upload-Length": "1"},
                    ts=int(time.time()) - 3600)
    assert r.status_code == 401
    body = r.json()
    assert body["error"] == "clock_skew" and body["server_time"].endswith("Z")
    assert "-3600" in body["detail"] or "-359" in body["detail"]


def test_a_replayed_request_is_refused(served: ServedStation, kit: TestKit) -> None:
    path = "/files/"
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "1", "Authorization": kit.auth("POST", path)}
    assert kit.http.post(path, headers=headers).status_code == 201
    again = kit.http.post(path, headers=headers)
    assert again.status_code == 401 and again.json()["error"] == "replay"


def test_a_bad_signature_is_refused(served: ServedStation, kit: TestKit) -> None:
    path = "/files/"
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "1", "Authorization": kit.auth("POST", "/other/")}
    r = kit.http.post(path, headers=headers)
    assert r.status_code == 401 and r.json()["error"] == "bad_signature"
