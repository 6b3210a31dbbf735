"""The kit's real outbox (``mobile_case.sync``, the outbox room's) against this station: pairing with the
station's code, sealed cases delivered exactly once with hash-identical files, the recordings in the
archive, the merged journals filled from the kit's own case documents."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from mobile_case.station.store import recordings
from mobile_case.storage.keys import StaticKeyProvider
from mobile_case.storage.store import open_store
from mobile_case.sync import outbox as ob
from mobile_case.sync.pairing import pair

from .conftest import ServedStation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sync.kitdata import make_cases  # noqa: E402 — the outbox room's kit data helper


@pytest.fixture
def kit_store(tmp_path: Path):  # noqa: ANN201
    store = open_store(tmp_path / "kit", StaticKeyProvider(os.urandom(32)))
    yield store
    store.close()


def test_the_real_outbox_delivers_to_the_station(served: ServedStation, kit_store) -> None:  # noqa: ANN001
    code = served.station.new_pair_code("127.0.0.1", served.port)
    result = pair(kit_store, code=code.full, kit_name="Кейс Чортків-1")
    assert [k["kit_id"] for k in served.station.list_kits()] == [result.kit_id]
    ids = make_cases(kit_store, 4, recordings={1: 2 * 1024 * 1024 + 5})
    report = ob.Outbox(kit_store).run()
    assert report.ok, report.error
    assert len(report.delivered) == 4
    cases = served.station.list_cases()
    assert len(cases) == 4
    assert {c["case"]["request"]["id"] for c in cases} == set(ids)
    for c in cases:
        for f in c["files"]:
            if not f["in_archive"]:
                assert hashlib.sha256(served.station.document_path(f["sha256"]).read_bytes()).hexdigest() == f["sha256"]
    with served.station.engine.connect() as conn:
        recs = conn.execute(select(recordings)).all()
    assert len(recs) == 1 and recs[0].size == 2 * 1024 * 1024 + 5
    archived = served.station.config.archive_dir / f"{recs[0].recording_id}.mkenc"
    assert hashlib.sha256(b"".join(served.station.decrypt_recording(recs[0], archived))).hexdigest() == recs[0].sha256
    assert served.station.journal("services"), "the services journal lines come from the kit's visits"
    # nothing is sent twice
    again = ob.Outbox(kit_store).run()
    assert again.ok and again.delivered == []
    assert len(served.station.list_cases()) == 4
