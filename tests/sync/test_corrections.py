"""Nothing lost (issue 4, point 7): a change to a sealed case — even a field with no new act or file —
becomes a new package that supersedes the delivered one; an unchanged case is never sealed again."""

from __future__ import annotations

import json

from sqlalchemy import select

from mobile_case.storage.models import OutboxPackageRow, RequestRow, SyncSettingRow, VisitRow
from mobile_case.sync import outbox as ob
from mobile_case.sync.pairing import pair
from mobile_case.sync.sealing import FINGERPRINT_PREFIX, seal_pending
from mobile_case.sync.settings import load_settings

from .kitdata import make_cases


def _edit(store, model, rid_col, rid, change):
    with store.writer() as s:
        row = s.scalars(select(model).where(rid_col == rid)).first()
        data = json.loads(row.data)
        change(data)
        row.data = json.dumps(data, ensure_ascii=False)


def test_a_field_corrected_after_delivery_is_sent_again_as_a_superseding_package(store, station):
    pair(store, code=station.code)
    first_id, other_id = make_cases(store, 2)
    rep = ob.Outbox(store).run()
    assert len(rep.delivered) == 2
    old = {r.request_id: r.package_id for r in ob.queue(store)}
    assert seal_pending(store) == []  # nothing changed: nothing new, scan after scan
    assert seal_pending(store) == []

    # the head corrects the subject's phone in the request (no act, no file)
    _edit(
        store,
        RequestRow,
        RequestRow.id,
        first_id,
        lambda d: d.setdefault("subject", {}).update(phone="+380671112233"),
    )
    sealed = seal_pending(store)
    assert [r.request_id for r in sealed] == [first_id]
    assert seal_pending(store) == []  # sealed once, not at every scan
    rep = ob.Outbox(store).run()
    assert rep.delivered == [sealed[0].package_id]
    manifest = station.packages[sealed[0].package_id]["manifest"]
    assert manifest["supersedes"] == old[first_id]
    assert manifest["case"]["request"]["subject"]["phone"] == "+380671112233"

    # a visit's field corrected in the other case: its own superseding package
    _edit(store, VisitRow, VisitRow.request_id, other_id, lambda d: d.update(delivery_note="виправлено"))
    (again,) = seal_pending(store)
    assert again.request_id == other_id
    ob.Outbox(store).run()
    assert station.packages[again.package_id]["manifest"]["supersedes"] == old[other_id]
    assert len(station.packages) == 4  # exactly once each, nothing twice


def test_background_sealing_leaves_corrections_to_the_probe_and_settings_ignore_the_hashes(store, station):
    pair(store, code=station.code)
    (rid,) = make_cases(store, 1)
    (first,) = seal_pending(store, corrections=False)
    with store.reader() as s:
        names = list(s.scalars(select(SyncSettingRow.name)))
        assert FINGERPRINT_PREFIX + rid in names
        assert (
            s.scalar(select(OutboxPackageRow.id).where(OutboxPackageRow.request_id == rid))
            == first.package_id
        )
    _edit(store, RequestRow, RequestRow.id, rid, lambda d: d.update(note="змінено"))
    assert seal_pending(store, corrections=False) == []  # the 10-second sealing between probes
    assert [r.request_id for r in seal_pending(store)] == [rid]  # the probe's run
    assert load_settings(store).probe_seconds == 60  # the hash rows are not settings


def test_a_correction_not_yet_delivered_survives_pairing_anew(store, station, tmp_path):
    """Pairing anew drops the undelivered packages (sealed for the old station); a dropped correction of a
    case already delivered must be sealed again, not forgotten."""
    from .mini_station import MiniStation

    pair(store, code=station.code)
    (rid,) = make_cases(store, 1)
    assert len(ob.Outbox(store).run().delivered) == 1
    _edit(store, RequestRow, RequestRow.id, rid, lambda d: d["subject"].update(phone="+380509998877"))
    assert [r.request_id for r in seal_pending(store)] == [rid]  # sealed, not sent yet
    other = MiniStation(tmp_path / "other")
    try:
        pair(store, code=other.code)  # the kit is paired with another station before sending it
        rep = ob.Outbox(store).run()
        assert len(rep.delivered) == 1
        (pkg,) = other.packages.values()
        assert pkg["manifest"]["case"]["request"]["subject"]["phone"] == "+380509998877"
        assert pkg["manifest"]["supersedes"] is not None
        assert seal_pending(store) == []
    finally:
        other.close()
