"""Fast test data for the outbox: completed cases written through the row mappers (like the bulk demo
seeder), with their PDFs, scans and recordings in the real blob store."""

from __future__ import annotations

import os
import random
from datetime import datetime, time, timedelta
from pathlib import Path

from mobile_case.domain.model import (
    Act,
    ActReason,
    Address,
    CaseState,
    DeliveryMethod,
    Outing,
    Person,
    ServiceRequest,
    Visit,
    new_id,
)
from mobile_case.storage import repo
from mobile_case.storage.models import ActRow, FileRow, OutingRow, RequestRow, VisitRow


def random_file(path: Path, size: int, seed: int) -> Path:
    """``size`` pseudo-random bytes, fast (os.urandom-like speed via random.randbytes)."""
    rng = random.Random(seed)
    with open(path, "wb") as fh:
        left = size
        while left:
            n = min(left, 4 * 1024 * 1024)
            fh.write(rng.randbytes(n))
            left -= n
    return path


def make_cases(
    store,
    n: int,
    *,
    pdf_size: int = 20_000,
    scans: int = 1,
    scan_size: int = 60_000,
    recordings: dict[int, int] | None = None,
    start: datetime = datetime(2026, 11, 2, 10, 0),
    tmp: Path | None = None,
    seed: int = 1,
) -> list[str]:
    """``n`` finished cases (every tenth ended by an act); ``recordings`` maps case index → bytes of a
    recording attached to its visit. Returns the request ids."""
    rng = random.Random(seed)
    recordings = recordings or {}
    tmp = tmp or Path(store.data_dir) / "tmp-gen"
    tmp.mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    outing = Outing(date=start.date(), settlement_code="s1", departure=time(9, 0))
    with store.writer() as s:
        s.add(
            OutingRow(
                id=outing.id,
                date=outing.date,
                model=outing.model.value,
                settlement_code="s1",
                administrator_id=None,
                departure=outing.departure,
                travel_minutes=30,
                vehicle="",
                notes="",
                created_at=start,
            )
        )
    for i in range(n):
        state = CaseState.IMPOSSIBLE if i % 10 == 9 else CaseState.COMPLETED
        at = start + timedelta(minutes=i)
        req = ServiceRequest(
            number=f"МК-2026-T{seed:02d}{i:05d}",
            state=state,
            created_at=at,
            subject=Person(
                "Тестенко", "Олена", "Петрівна", datetime(1950, 1, 1).date(), phone="+380501234567"
            ),
            address=Address(settlement_code="s1", street="Шевченка", house=str(i + 1)),
            service_codes=["svc"],
        )
        visit = Visit(
            outing_id=outing.id,
            request_id=req.id,
            opened_at=at,
            closed_at=at + timedelta(minutes=30),
            recording_consent=state == CaseState.COMPLETED,
        )
        if state == CaseState.COMPLETED:
            visit.application_registered_at = at + timedelta(minutes=20)
            visit.case_number = f"МК-С-2026-T{i:05d}"
            visit.delivery_method = DeliveryMethod.POST
        files: list[tuple[str, str, bytes | Path, str]] = []
        files.append(
            ("application_pdf", "request", b"%PDF-1.4\n" + rng.randbytes(pdf_size), "application/pdf")
        )
        for _k in range(scans):
            files.append(("scan", "request", rng.randbytes(scan_size), "image/jpeg"))
        if i in recordings:
            files.append(
                (
                    "recording",
                    "visit",
                    random_file(tmp / f"rec{i}.mkv", recordings[i], seed * 1000 + i),
                    "video/x-matroska",
                )
            )
        with store.writer() as s:
            s.add(repo.request_to_row(req, registered_at=at))
            s.flush()
            vrow = repo.visit_to_row(visit)
            vrow.journal_number = store.next_number(s, "journal-services")
            s.add(vrow)
            s.flush()
            if state == CaseState.IMPOSSIBLE:
                act = Act(
                    number=f"T{i}/2026",
                    request_id=req.id,
                    visit_id=visit.id,
                    reason=ActReason.NO_RECORDING_CONSENT,
                    drawn_at=at,
                    subject_name="Тестенко О. П.",
                )
                s.add(repo.act_to_row(act))
        for kind, entity_kind, data, mime in files:
            if isinstance(data, Path):
                size = data.stat().st_size
                sha = store.blobs.put_file(data)
                data.unlink()
            else:
                size = len(data)
                sha = store.blobs.put(data)
            with store.writer() as s:
                s.add(
                    FileRow(
                        id=new_id(),
                        sha256=sha,
                        name=f"{kind}-{i}",
                        mime=mime,
                        size=size,
                        kind=kind,
                        entity_kind=entity_kind,
                        entity_id=visit.id if entity_kind == "visit" else req.id,
                        created_at=at,
                        created_by=None,
                    )
                )
        ids.append(req.id)
    return ids


def sha_of_blob(store, sha: str) -> bool:
    return store.blobs.exists(sha)


__all__ = ["make_cases", "random_file", "ActRow", "RequestRow", "VisitRow", "os"]
