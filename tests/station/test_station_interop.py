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


def test_a_correction_replaces_the_case_in_the_office_lists_and_journals(served: ServedStation, kit_store) -> None:  # noqa: ANN001
    """A sealed case corrected on the kit (a field of its request) arrives as a new package that supersedes
    the first: the station keeps both packages, but the office's cases and merged journals list it once."""
    import json

    from mobile_case.storage.models import RequestRow
    from mobile_case.sync.sealing import seal_pending

    code = served.station.new_pair_code("127.0.0.1", served.port)
    pair(kit_store, code=code.full, kit_name="Кейс Чортків-1")
    first, _other = make_cases(kit_store, 2)
    assert len(ob.Outbox(kit_store).run().delivered) == 2
    lines_before = sorted((j, len(served.station.journal(j))) for j in ("services", "acts", "handover"))
    old_pid = next(c["package_id"] for c in served.station.list_cases() if c["case"]["request"]["id"] == first)
    with kit_store.writer() as s:
        row = s.get(RequestRow, first)
        data = json.loads(row.data)
        data["subject"]["phone"] = "+380671112233"
        row.data = json.dumps(data, ensure_ascii=False)
    (new,) = seal_pending(kit_store)
    assert ob.Outbox(kit_store).run().delivered == [new.package_id]
    cases = served.station.list_cases()
    assert len(cases) == 2  # the corrected case once, in its newest form
    corrected = next(c for c in cases if c["case"]["request"]["id"] == first)
    assert corrected["package_id"] == new.package_id and corrected["supersedes"] == old_pid
    assert corrected["case"]["request"]["subject"]["phone"] == "+380671112233"
    assert sorted((j, len(served.station.journal(j))) for j in ("services", "acts", "handover")) == lines_before
    assert {ln["package_id"] for ln in served.station.journal("services")} >= {new.package_id}
    assert old_pid not in {ln["package_id"] for ln in served.station.journal("services")}
    with served.station.engine.connect() as conn:  # both packages are kept
        from mobile_case.station.store import packages

        assert conn.execute(select(packages.c.package_id)).all().__len__() == 3
