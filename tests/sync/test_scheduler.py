from __future__ import annotations

import random
import threading
import time

from mobile_case.sync import outbox as ob
from mobile_case.sync.pairing import pair
from mobile_case.sync.scheduler import MAX_BACKOFF, SyncScheduler, backoff_delay

from .kitdata import make_cases


def test_backoff_grows_is_capped_and_jittered():
    rng = random.Random(1)
    delays = [backoff_delay(n, 15, rng) for n in range(12)]
    assert delays[0] < 30 and delays[4] > 100
    assert max(delays) < MAX_BACKOFF * 1.5
    again = [backoff_delay(3, 15, random.Random(s)) for s in range(20)]
    assert len({round(d, 3) for d in again}) > 10  # jitter spreads the kits


def test_background_thread_delivers_and_sync_now_wakes_it(store, station):
    pair(store, code=station.code)
    make_cases(store, 2)
    reports = []
    done = threading.Event()

    def got(rep):
        reports.append((threading.current_thread().name, rep))
        done.set()

    sched = SyncScheduler(store, on_report=got)
    sched.start()
    try:
        assert done.wait(30)
        name, rep = reports[0]
        assert name == "mobile-case-sync" and rep.ok and len(rep.delivered) == 2
        done.clear()
        make_cases(store, 1, seed=2)
        sched.sync_now()
        assert done.wait(30)
        assert len(reports[-1][1].delivered) == 1
    finally:
        sched.stop()
    assert ob.counts(store) == {"delivered": 3}


def test_unreachable_station_still_seals(store, station):
    pair(store, code=station.code)
    station.close()
    make_cases(store, 2)
    sched = SyncScheduler(store, rng=random.Random(3))
    rep = sched.run_once()
    assert rep.error_code == "unreachable" and "недоступна" in rep.error
    assert rep.sealed == 2 and ob.counts(store) == {"sealed": 2}


def test_cases_completed_between_probes_are_sealed_soon(store, station, monkeypatch):
    from mobile_case.sync import scheduler as sch
    from mobile_case.sync.settings import SyncSettings, save_settings

    monkeypatch.setattr(sch, "SEAL_EVERY", 0.2)
    pair(store, code=station.code)
    save_settings(store, SyncSettings(probe_seconds=3600, auto=True))
    first = threading.Event()
    sched = SyncScheduler(store, on_report=lambda rep: first.set())
    sched.start()
    try:
        assert first.wait(30)
        make_cases(store, 2)
        deadline = time.monotonic() + 10
        while ob.counts(store).get("sealed", 0) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ob.counts(store) == {"sealed": 2}  # sealed long before the next probe (an hour away)
    finally:
        sched.stop()
