"""The station client: token-bucket bandwidth limit, tus calls, pinned TLS."""

from __future__ import annotations

import time

import pytest

from mobile_case.sync import protocol as p
from mobile_case.sync.pairing import pair
from mobile_case.sync.transport import StationClient, StationError, TokenBucket


def test_token_bucket_limits_the_rate():
    now = [0.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    bucket = TokenBucket(1000.0, clock=lambda: now[0])
    for _ in range(10):
        bucket.take(500, sleep=sleep)
    # 5000 bytes at 1000 B/s with a 1000 B burst: about 4 s of waiting
    assert 3.9 <= sum(slept) <= 4.1
    unlimited = TokenBucket(0)
    unlimited.take(10**9, sleep=lambda s: pytest.fail("unlimited must not sleep"))


def _client(store, station, rate=0.0):
    from mobile_case.sync.keys import load_kit_key
    from mobile_case.sync.outbox import load_pairing

    pr = load_pairing(store)
    return StationClient(
        pr.url,
        pr.cert_sha256,
        kit_id=pr.kit_id,
        kit_key=load_kit_key(store.data_dir, pr.kit_id),
        rate_limit_bps=rate,
    )


def test_bandwidth_limit_slows_the_upload(store, station):
    pair(store, code=station.code)
    data = bytes(600_000)
    with _client(store, station, rate=400_000) as c:
        url = c.tus_create(len(data), {"package_id": "x", "file_id": "f", "enc_sha256": p.sha256_hex(data)})
        t0 = time.monotonic()
        assert c.tus_patch(url, 0, data[:300_000]) == 300_000
        assert c.tus_patch(url, 300_000, data[300_000:]) == 600_000
        took = time.monotonic() - t0
    assert took >= 0.45  # 600 kB at 400 kB/s with a one-second (400 kB) burst: ≥ 0.5 s
    with _client(store, station) as c:
        assert c.tus_offset(url) == 600_000
        c.tus_delete(url)
        assert c.tus_offset(url) is None


def test_wrong_offset_and_checksum_are_reported(store, station):
    pair(store, code=station.code)
    with _client(store, station) as c:
        url = c.tus_create(10, {"package_id": "x", "file_id": "f", "enc_sha256": "0" * 64})
        with pytest.raises(StationError) as e:
            c.tus_patch(url, 5, b"12345")
        assert e.value.code == "offset_mismatch"
        assert c.tus_offset(url) == 0


def test_unauthenticated_request_is_refused(store, station):
    pair(store, code=station.code)
    from mobile_case.sync.outbox import load_pairing

    pr = load_pairing(store)
    with StationClient(pr.url, pr.cert_sha256, kit_id=pr.kit_id, kit_key=p.new_sign_key()) as c:
        with pytest.raises(StationError) as e:
            c.tus_create(1, {"package_id": "x"})
    assert e.value.status == 401
