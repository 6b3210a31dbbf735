"""Import from the external camera/recorder's USB storage: files found in a DCIM folder, their times from
the container (PyAV) or the file's mtime, matched to visits by open/closed time, copied into the visit's
encrypted archive with the SHA-256 verified and audited; the source kept unless asked and verified."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from media_files import make_video
from mobile_case.devices.external_recorder import (
    ExternalFile,
    ExternalImportError,
    ExternalRecorderConfig,
    VisitWindow,
    find_storage,
    import_to_visit,
    list_files,
    load_config,
    match_to_visits,
    probe_times,
    save_config,
)

DAY = date(2026, 3, 4)


def test_times_from_metadata_and_from_mtime(tmp_path):
    start = datetime(2026, 3, 4, 10, 5, 0)
    tagged = make_video(tmp_path / "DCIM" / "100CAM" / "MOV_0001.mp4", start, seconds=3)
    when, duration, source = probe_times(tagged)
    assert (when, source) == (start, "metadata") and duration == pytest.approx(3.0, abs=0.3)
    # a camera that writes its local time as if it were UTC, and whose clock is 3 minutes fast
    local = make_video(tmp_path / "local.mp4", start + timedelta(minutes=3), local=True)
    when, _d, _s = probe_times(local, ExternalRecorderConfig(metadata_is_local=True, clock_offset_minutes=3))
    assert when == start
    # no metadata (AVI): the modification time is the end of the recording
    plain = make_video(tmp_path / "DCIM" / "REC_0002.avi", None, seconds=2)
    end = datetime(2026, 3, 4, 11, 0, 0)
    os.utime(plain, (end.timestamp(), end.timestamp()))
    when, duration, source = probe_times(plain)
    assert (
        source == "mtime"
        and when == end - timedelta(seconds=duration)
        and duration == pytest.approx(2, abs=0.3)
    )
    # a file PyAV cannot read still gets its mtime
    junk = tmp_path / "broken.mp4"
    junk.write_bytes(b"not a video")
    assert probe_times(junk)[2] == "mtime"


def test_storage_is_found_by_its_dcim_folder_and_files_listed(tmp_path):
    card = tmp_path / "media" / "CAMERA"
    make_video(card / "DCIM" / "100CAM" / "A.mp4", datetime(2026, 3, 4, 10, 0))
    make_video(card / "DCIM" / "100CAM" / "B.mp4", datetime(2026, 3, 4, 9, 0))
    (card / "DCIM" / "100CAM" / "A.THM").write_bytes(b"thumbnail")  # not a recording
    (card / "System Volume Information").mkdir()
    (tmp_path / "media" / "STICK").mkdir()
    mounts = [str(card), str(tmp_path / "media" / "STICK"), str(tmp_path / "nowhere")]
    assert find_storage(mountpoints=mounts) == [card]
    assert find_storage(ExternalRecorderConfig(path=str(card))) == [card]
    assert find_storage(ExternalRecorderConfig(path=str(tmp_path / "gone"))) == []
    files = list_files(card)
    assert [f.name for f in files] == ["B.mp4", "A.mp4"]  # oldest first
    assert all(f.size > 0 and f.time_source == "metadata" for f in files)


def _file(start: datetime, minutes: float) -> ExternalFile:
    return ExternalFile(Path(f"/x/{start:%H%M}.mp4"), 1, start, minutes * 60, "metadata")


def test_matching_by_open_and_closed_time():
    visits = [
        VisitWindow("v1", datetime(2026, 3, 4, 10, 0), datetime(2026, 3, 4, 10, 40)),
        VisitWindow("v2", datetime(2026, 3, 4, 11, 0), datetime(2026, 3, 4, 11, 30)),
        VisitWindow("v3", datetime(2026, 3, 4, 14, 0), None),  # still open
    ]
    inside = _file(datetime(2026, 3, 4, 10, 2), 30)
    early = _file(datetime(2026, 3, 4, 9, 55), 4)  # started before the visit was opened: slack
    between = _file(datetime(2026, 3, 4, 10, 38), 30)  # overlaps v2 (18 min) more than v1 (12 min)
    lunch = _file(datetime(2026, 3, 4, 12, 30), 10)  # no visit
    now_open = _file(datetime(2026, 3, 4, 14, 5), 5)
    m = match_to_visits([inside, early, between, lunch, now_open], visits, now=datetime(2026, 3, 4, 14, 30))
    assert m.by_visit == {"v1": [inside, early], "v2": [between], "v3": [now_open]}
    assert m.unmatched == [lunch]
    strict = match_to_visits([early], visits, slack=timedelta(0))
    assert strict.unmatched == [early]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage import pins

    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    folder = tmp_path_factory.mktemp("demo") / "data"
    now = datetime.combine(DAY, time(11, 0))
    seed_demo(folder, default_profile(), now=now)
    app = build_services(folder, default_profile(), clock=lambda: now)
    app.auth.login("kerivnyk", "240607")
    yield app
    app.close()
    pins.use_hasher(previous)


def _windows(app, day: date) -> list[VisitWindow]:
    return [
        VisitWindow(v.id, v.opened_at, v.closed_at) for _o, v, _r in app.outings.today(day) if v.opened_at
    ]


def test_import_into_the_visit_archive_verified_and_audited(demo, tmp_path):
    app = demo
    [open_visit] = [w for w in _windows(app, DAY) if w.closed_at is None]  # the demo's visit in progress
    card = tmp_path / "CARD"
    video = make_video(card / "DCIM" / "MOV_0007.mp4", open_visit.opened_at + timedelta(minutes=1), seconds=2)
    original = video.read_bytes()
    files = list_files(card)
    matching = match_to_visits(files, _windows(app, DAY), now=datetime.combine(DAY, time(11, 0)))
    assert [f.name for f in matching.by_visit[open_visit.visit_id]] == ["MOV_0007.mp4"]
    before = len(app.recordings.recordings(open_visit.visit_id))
    progress: list[tuple[int, int]] = []
    [done] = import_to_visit(
        app.recordings, open_visit.visit_id, files, progress=lambda *a: progress.append(a)
    )
    assert progress == [(1, 1)] and not done.source_deleted
    assert video.read_bytes() == original  # the camera's file is left alone by default
    stored = app.recordings.recordings(open_visit.visit_id)
    assert len(stored) == before + 1 and done.file_id in {s.id for s in stored}
    audit = [e for e in app.store.audit.entries() if e.action == "recording_imported"]
    assert audit and audit[-1].details["sha256"] == done.sha256 and audit[-1].entity_id == open_visit.visit_id
    out = app.recordings.export(done.file_id, tmp_path / "opened.mp4")  # the head opens it: same bytes
    assert out.read_bytes() == original
    # asked to delete the source: only after the archived copy verified
    second = make_video(card / "DCIM" / "MOV_0008.mp4", open_visit.opened_at + timedelta(minutes=5))
    [f2] = [f for f in list_files(card) if f.name == "MOV_0008.mp4"]
    [done2] = import_to_visit(app.recordings, open_visit.visit_id, [f2], delete_source=True)
    assert done2.source_deleted and not second.exists()


class _BadArchive:
    """A recordings service whose archived copy comes back different (a damaged USB read)."""

    def import_external(self, visit_id, paths):  # noqa: ANN001, ANN201
        from mobile_case.services.types import StoredFile

        return [StoredFile("f1", "0" * 64, paths[0].name, "video/mp4", 1, "recording", "visit", visit_id)]


def test_a_copy_that_does_not_verify_keeps_the_source(tmp_path):
    video = make_video(tmp_path / "DCIM" / "X.mp4", datetime(2026, 3, 4, 10, 0))
    [f] = list_files(tmp_path)
    with pytest.raises(ExternalImportError) as err:
        import_to_visit(_BadArchive(), "v1", [f], delete_source=True)
    assert "не збігається з оригіналом" in err.value.user_message
    assert video.exists()


def test_settings_round_trip(tmp_path):
    assert load_config(tmp_path) == ExternalRecorderConfig()
    config = ExternalRecorderConfig(path="/media/cam", metadata_is_local=True, clock_offset_minutes=-2)
    save_config(tmp_path, config)
    assert load_config(tmp_path) == config
