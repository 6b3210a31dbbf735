"""The services journal screen on a store with 100,000 cases: GUI-thread stalls while it opens and filters.

    .venv/bin/python benchmarks/bench_journal_100k.py [--cases 100000] [--quick] [--reseed]

The store is seeded once and cached (``<temp>/mobile-case-bench/journal-<cases>-<hash>``, the hash
covering the storage schema, the row mappers and this seeder): a head and six administrators made
through the services (real PIN hashing), then ``--cases`` requests written with the storage layer's own
row mappers (``storage.repo``) and bulk ``INSERT``s of its SQLAlchemy models in one transaction. A year
of working days up to today; outings of 2–6 visits by six administrators across every settlement of the
default profile; most cases completed (application registered, case number, delivery), ~8 % ended by an
act (every O 2.13 reason; "subject absent" without opening the visit), a few still in progress today,
and requests that never reached the journal (registered, scheduled for the coming days, cancelled,
refused, drafts). Each run works on a fresh copy of the cached folder.

Then, in this process, as the app does it (fusion style, theme, Ukrainian catalogue): the head logs
in, the main window (1280×800) is shown, and the journals screen is opened and filtered; each step is
one *phase*:

0. after login, the main window imports the pages' modules in a worker (``PageSpec.preload``, 1.5 s
   after the window opens, as in the app); the phase lasts until that import is done;
1. open the journals screen (default period: the last 31 days) by a tap on the rail's button — the
   first opening also builds the screen on the GUI thread, as the app does;
2. period → the whole year;
3. scroll the year's list to its end, twenty times (the view fetches the lines a chunk at a time);
4. settlement → a village;
5. text → the commonest surname (the 350 ms typing debounce is skipped with ``filters.flush()``);
6. text → one request number (exactly one line);
7. «Reset» (back to the last 31 days, every settlement);
8. the journals screen again, from the settings page (already built: it reloads its journal);
9. with ``--home`` only: the home page on the same store — measured, but not part of the journal's
   verdict (its lists grow with the store: see docs/benchmarks.md).

During every phase a 5 ms ``QTimer`` heartbeat on the GUI thread records the gaps between its ticks
(a gap is how long the GUI thread could not react); each gap over the target is listed with the full
garbage collections (≥ 10 ms) that overlapped it (a collection holds the GIL, whichever thread runs it). "Rows
shown" is the time from the action to the first paint of the table after the matching query's lines
were put into the model. The baseline is the same heartbeat in the same process with an idle event
loop, for as long as all the phases together.

Target (issue 2): no GUI-thread stall over 100 ms (the largest gap of every phase). Exit status 1 when
it is not met.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchlib import cache_dir, fingerprint, percentile, storage_sources, use_offscreen_here

use_offscreen_here()

TARGET_MS = 100.0
HEARTBEAT_MS = 5
SEED_VERSION = 1
QUICK_CASES = 2_000

HEAD_LOGIN, HEAD_PIN, HEAD_NAME = "kerivnyk", "270418", "Гнатюк Оксана Романівна"
ADMIN_PIN = "5827"
ADMIN_NAMES = (
    "Коваленко Андрій Петрович",
    "Савчук Ірина Миколаївна",
    "Мельник Тарас Богданович",
    "Ткачук Наталія Василівна",
    "Бондаренко Олег Іванович",
    "Кравець Марія Степанівна",
)
SURNAMES = (
    "Шевчук", "Коваленко", "Бондар", "Ткаченко", "Кравчук", "Олійник", "Шевченко", "Поліщук",
    "Лисенко", "Гнатюк", "Марчук", "Рудь", "Савчук", "Мороз", "Павлюк", "Костюк", "Гуменюк",
    "Стефанишин", "Процюк", "Дячук", "Козак", "Романюк", "Федорів", "Яремчук", "Климчук",
    "Борисюк", "Білик", "Головатий", "Остапчук", "Вербицький",
)  # fmt: skip
GIVEN = (
    ("Марія", "Ганна", "Ольга", "Катерина", "Надія", "Євдокія", "Параска", "Стефанія", "Ірина", "Любов"),
    ("Іван", "Петро", "Михайло", "Василь", "Степан", "Богдан", "Григорій", "Ярослав", "Микола", "Йосип"),
)
FATHERS = ("Іван", "Петр", "Михайл", "Василь", "Степан", "Богдан", "Григорі", "Ярослав", "Микол", "Андрі")
STREETS = (
    "вул. Шевченка", "вул. Франка", "вул. Незалежності", "вул. Лесі Українки", "вул. Зелена",
    "вул. Садова", "вул. Хмельницького", "вул. Галицька", "вул. Степана Бандери", "вул. Польова",
    "вул. Грушевського", "вул. Монастирська", "вул. Дністровська", "вул. Яблунева", "вул. Церковна",
)  # fmt: skip


# -- seeding -------------------------------------------------------------------------------------------
def seed_fingerprint(count: int) -> str:
    """Changes whenever the stored form of a case may change (then the cache is seeded again); bump
    ``SEED_VERSION`` when the seeder itself changes."""
    return fingerprint(storage_sources(), f"{SEED_VERSION}:{count}")


def _person(rng: random.Random, today: date) -> Any:
    from mobile_case.domain.model import Person

    female = rng.random() < 0.62
    surname = rng.choice(SURNAMES)
    if female and surname.endswith(("ий", "ій")):
        surname = surname[:-2] + "а"
    father = rng.choice(FATHERS)
    if female:
        patronymic = father + ("івна" if not father.endswith(("і", "й")) else "ївна")
    else:
        patronymic = father + ("ович" if not father.endswith(("і", "й")) else "йович")
    patronymic = patronymic.replace("іівна", "іївна").replace("ійович", "ійович")
    age = rng.choice((71, 73, 76, 78, 80, 82, 84, 86, 88, 91, 45, 52, 63, 38))
    birth = today - timedelta(days=age * 365 + rng.randrange(365))
    rnokpp = f"{(birth - date(1899, 12, 31)).days:05d}{rng.randrange(10000):04d}{rng.randrange(10)}"
    return Person(
        surname=surname,
        given_name=rng.choice(GIVEN[0 if female else 1]),
        patronymic=patronymic,
        birth_date=birth,
        rnokpp=rnokpp,
        phone=f"+38067{rng.randrange(10_000_000):07d}",
    )


@dataclass
class _Counters:
    values: dict[str, int] = field(default_factory=dict)

    def next(self, name: str) -> int:
        self.values[name] = self.values.get(name, 0) + 1
        return self.values[name]


def _working_days(today: date, back: int) -> list[date]:
    days = [today - timedelta(days=k) for k in range(back, -1, -1)]
    return [d for d in days if d.weekday() < 5]


def generate_cases(
    profile: Any, admin_ids: list[str], today: date, count: int, seed: int = 2026
) -> Iterator[Any]:
    """Domain objects in creation order: (kind, object) with kind outing | request | visit | act."""
    from mobile_case.domain.model import (
        Act,
        ActReason,
        ActStage,
        Address,
        CallOutcome,
        CaseState,
        Consents,
        DeliveryMethod,
        Identification,
        IdentificationSource,
        Outing,
        Payment,
        PaymentMethod,
        RefusalReason,
        RequestChannel,
        ServiceRequest,
        Visit,
        VisitStep,
    )
    from mobile_case.services.acts import act_number
    from mobile_case.services.requests import request_number
    from mobile_case.services.visits import case_number

    rng = random.Random(seed)
    counters = _Counters()
    settlements = list(profile.settlements)
    weights = [6 if i == 0 else 1 for i in range(len(settlements))]  # the town: most of the visits
    services = list(profile.mobile_services())
    categories = list(profile.categories)
    cat_weights = [8 if c.group == "age" else 1 for c in categories]
    past = _working_days(today, 365)
    future = [today + timedelta(days=k) for k in range(1, 15) if (today + timedelta(days=k)).weekday() < 5]

    def request(state: CaseState, created: datetime) -> ServiceRequest:
        place = rng.choices(settlements, weights)[0]
        codes = [rng.choice(services).code]
        if rng.random() < 0.15:
            codes.append(rng.choice(services).code)
        codes = list(dict.fromkeys(codes))
        chosen = [profile.service(c) for c in codes]
        paid = any(not s.is_free for s in chosen)
        category = rng.choices(categories, cat_weights)[0]
        req = ServiceRequest(
            state=state,
            created_at=created,
            created_by=rng.choice(admin_ids),
            channel=rng.choice(list(RequestChannel)),
            subject=_person(rng, today),
            address=Address(
                settlement_code=place.code,
                street=rng.choice(STREETS),
                house=str(rng.randrange(1, 140)),
                apartment=str(rng.randrange(1, 60)) if place.kind == "місто" and rng.random() < 0.5 else "",
                access_notes=rng.choice(("", "", "2 поверх", "собака у дворі", "дзвонити двічі")),
            ),
            category_code=category.code,
            category_reason=category.reason_text,
            proof_document_codes=list(category.accepted_proof_codes[:1]),
            proof_note=f"№ {rng.randrange(100000, 999999)}" if category.needs_proof else "",
            service_codes=codes,
            documents_present={d.code: True for s in chosen for d in s.documents},
            payment_method=rng.choice((PaymentMethod.PREPAID_RECEIPT, PaymentMethod.FAST_PAY))
            if paid
            else PaymentMethod.FREE,
            preferred_date=created.date() + timedelta(days=rng.randrange(1, 8)),
            window_start=clock_time(10, 0),
            window_end=clock_time(13, 0),
            consents=Consents(True, True, True, rng.random() < 0.3),
        )
        if state is not CaseState.DRAFT:
            year = created.year
            req.number = request_number(year, counters.next(f"request-{year}"))
        return req

    # 1. the journal: every working day of the past year, outings of 2–6 visits
    line_cases = int(count * 0.90)
    per_day = line_cases / len(past)
    owed = 0.0
    made = 0
    for day in past:
        owed += per_day
        quota = min(int(owed) - made, line_cases - made) if day != past[-1] else line_cases - made
        while quota > 0:
            size = min(quota, rng.randrange(2, 7))
            quota -= size
            made += size
            place = rng.choices(settlements, weights)[0]
            admin = rng.choice(admin_ids)
            outing = Outing(
                date=day, settlement_code=place.code, administrator_id=admin, departure=clock_time(9, 0)
            )
            outing.travel_minutes = rng.choice((15, 20, 30, 45))
            yield "outing", outing
            for order in range(1, size + 1):
                start = datetime.combine(day, clock_time(9, 30)) + timedelta(minutes=50 * (order - 1))
                created = datetime.combine(
                    day - timedelta(days=rng.randrange(1, 15)),
                    clock_time(rng.randrange(8, 17), rng.randrange(60)),
                )
                r = rng.random()
                in_progress = day == today and r < 0.3
                if in_progress:
                    state = CaseState.IN_PROGRESS
                elif r < 0.92:
                    state = CaseState.COMPLETED
                else:
                    state = CaseState.IMPOSSIBLE
                req = request(state, created)
                req.address.settlement_code = place.code
                visit = Visit(
                    outing_id=outing.id,
                    request_id=req.id,
                    planned_start=start.time(),
                    planned_end=(start + timedelta(minutes=45)).time(),
                    order=order,
                    call_outcome=CallOutcome.CONFIRMED,
                    call_at=datetime.combine(day - timedelta(days=1), clock_time(15, 0)),
                )
                absent = state is CaseState.IMPOSSIBLE and rng.random() < 0.4
                if not absent:
                    visit.opened_at = start + timedelta(minutes=rng.randrange(0, 10))
                    visit.recording_consent = True
                    visit.present_persons = f"{req.subject.full_name} (суб'єкт звернення)"
                    visit.identification = Identification(
                        document_number=f"{rng.randrange(10**9):09d}",
                        source=rng.choice(list(IdentificationSource)),
                        verified=True,
                    )
                    visit.category_confirmed = True
                    visit.documents_checked = dict(req.documents_present)
                visit.journal_number = counters.next("journal-services")  # type: ignore[attr-defined]
                act = None
                if state is CaseState.COMPLETED:
                    fee = sum((profile.service(c).fee or Decimal(0)) for c in req.service_codes)
                    visit.payment = Payment(
                        method=req.payment_method,
                        amount=fee,
                        receipt_number=f"0.0.{rng.randrange(10**10)}.1" if fee else "",
                        paid_at=visit.opened_at if fee else None,
                    )
                    visit.application_registered_at = visit.opened_at + timedelta(minutes=25)
                    year = day.year
                    visit.case_number = case_number(year, counters.next(f"case-{year}"))
                    visit.application_printed = True
                    visit.delivery_method = rng.choice(list(DeliveryMethod))
                    visit.current_step = VisitStep.DELIVERY
                    visit.closed_at = visit.opened_at + timedelta(minutes=rng.randrange(30, 55))
                elif state is CaseState.IN_PROGRESS:
                    visit.current_step = rng.choice(list(VisitStep)[1:5])
                else:
                    reasons = [r for r in ActReason if r is not ActReason.SUBJECT_ABSENT]
                    reason = ActReason.SUBJECT_ABSENT if absent else rng.choice(reasons)
                    if reason is ActReason.NO_RECORDING_CONSENT:
                        visit.recording_consent = False
                    drawn = (visit.opened_at or start) + timedelta(minutes=15)
                    visit.closed_at = drawn
                    act = Act(
                        number=act_number(day.year, counters.next(f"act-{day.year}")),
                        request_id=req.id,
                        visit_id=visit.id,
                        service_titles="; ".join(profile.service(c).title for c in req.service_codes),
                        stage=ActStage.DOCUMENT_INTAKE,
                        subject_name=req.subject.full_name,
                        address_text=f"{place.display_name}, {req.address.street}, {req.address.house}",
                        reason=reason,
                        drawn_at=drawn,
                        administrator_id=admin,
                        administrator_name="",
                    )
                yield "request", req
                yield "visit", visit
                if act is not None:
                    yield "act", act

    # 2. requests that never reached the journal
    rest = count - line_cases
    for i in range(rest):
        r = i / max(1, rest)
        created = datetime.combine(rng.choice(past), clock_time(rng.randrange(8, 17), rng.randrange(60)))
        if r < 0.2:
            req = request(
                CaseState.REGISTERED,
                datetime.combine(today, clock_time(9)) - timedelta(days=rng.randrange(5)),
            )
            yield "request", req
        elif r < 0.45:
            req = request(
                CaseState.SCHEDULED, datetime.combine(today, clock_time(9)) - timedelta(days=rng.randrange(5))
            )
            outing = Outing(
                date=rng.choice(future),
                settlement_code=req.address.settlement_code,
                administrator_id=rng.choice(admin_ids),
                departure=clock_time(9, 0),
            )
            yield "outing", outing
            yield "request", req
            yield (
                "visit",
                Visit(
                    outing_id=outing.id,
                    request_id=req.id,
                    planned_start=clock_time(10, 0),
                    planned_end=clock_time(11, 0),
                    order=1,
                ),
            )
        elif r < 0.65:
            req = request(CaseState.CANCELLED, created)
            req.notes = "Скасовано на прохання заявника"
            yield "request", req
        elif r < 0.9:
            req = request(CaseState.REFUSED, created)
            req.refusal_reasons = [rng.choice(list(RefusalReason))]
            req.decision_explanation = "Відмовлено у прийнятті заяви (п. 2.3 Порядку)."
            yield "request", req
        else:
            yield "request", request(CaseState.DRAFT, created)
    yield "counters", dict(counters.values)


def _columns(model: Any) -> list[str]:
    return [c.key for c in model.__table__.columns]


def seed_store(data_dir: Path, count: int, *, progress: Callable[[str], None] = print) -> dict[str, int]:
    """A new store in ``data_dir`` (key in a key file) with ``count`` cases. Returns what was written."""
    from sqlalchemy import insert

    from mobile_case.domain.model import Role, User
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.storage import repo
    from mobile_case.storage.keys import FileKeyProvider
    from mobile_case.storage.models import ActRow, CounterRow, OutingRow, RequestRow, VisitRow

    profile = default_profile()
    app = build_services(data_dir, profile, key_provider=FileKeyProvider())
    written = {"outing": 0, "request": 0, "visit": 0, "act": 0}
    try:
        app.auth.create_first_head(HEAD_LOGIN, HEAD_NAME, HEAD_PIN)
        app.auth.login(HEAD_LOGIN, HEAD_PIN)
        admin_ids = []
        for i, name in enumerate(ADMIN_NAMES):
            user = User(
                login=f"admin{i + 1}", full_name=name, position="Адміністратор ЦНАП", role=Role.ADMINISTRATOR
            )
            admin_ids.append(app.users.create(user, ADMIN_PIN).id)
        app.auth.logout()
        today = app.clock().date()
        models = {"outing": OutingRow, "request": RequestRow, "visit": VisitRow, "act": ActRow}
        columns = {kind: _columns(model) for kind, model in models.items()}
        pending: dict[str, list[dict[str, Any]]] = {kind: [] for kind in models}
        started = time.perf_counter()

        def flush(s: Any) -> None:
            for kind in ("outing", "request", "visit", "act"):  # parents first
                if pending[kind]:
                    s.execute(insert(models[kind]), pending[kind])
                    written[kind] += len(pending[kind])
                    pending[kind] = []

        with app.store.writer() as s:  # one transaction
            for kind, obj in generate_cases(profile, admin_ids, today, count):
                if kind == "counters":
                    for name, value in obj.items():
                        s.merge(CounterRow(name=name, value=value))
                    continue
                if kind == "outing":
                    row = OutingRow(
                        id=obj.id,
                        date=obj.date,
                        model=obj.model.value,
                        settlement_code=obj.settlement_code,
                        administrator_id=obj.administrator_id,
                        departure=obj.departure,
                        travel_minutes=obj.travel_minutes,
                        vehicle="Renault Duster ВО 1234 АА",
                        notes="",
                        created_at=datetime.combine(obj.date, clock_time(8, 0)),
                    )
                elif kind == "request":
                    row = repo.request_to_row(obj, registered_at=obj.created_at if obj.number else None)
                elif kind == "visit":
                    number = getattr(obj, "journal_number", None)
                    row = repo.visit_to_row(obj)
                    row.journal_number = number
                else:
                    row = repo.act_to_row(obj)
                pending[kind].append({name: getattr(row, name) for name in columns[kind]})
                if len(pending["request"]) >= 5000:
                    flush(s)
                    done = written["request"]
                    progress(f"  seeded {done:,} of {count:,} cases ({time.perf_counter() - started:.0f} s)")
            flush(s)
    finally:
        app.close()
    return written


def seeded_store(count: int, *, reseed: bool = False) -> Path:
    """The cached seeded data folder for ``count`` cases (seeded now if missing or outdated)."""
    root = cache_dir()
    target = root / f"journal-{count}-{seed_fingerprint(count)}"
    if target.exists() and (target / "seeded.json").exists() and not reseed:
        return target
    for old in root.glob(f"journal-{count}-*"):
        shutil.rmtree(old, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=f"journal-{count}-", suffix=".building", dir=root))
    print(f"seeding {count:,} cases into {target} (once; later runs reuse it)")
    started = time.perf_counter()
    written = seed_store(building / "data", count)
    (building / "seeded.json").write_text(json.dumps(written))
    building.rename(target)
    print(f"seeded in {time.perf_counter() - started:.0f} s: {written}")
    return target


# -- measuring -----------------------------------------------------------------------------------------
class Heartbeat:
    """A 5 ms timer on the GUI thread; ``gaps`` are the times between its ticks, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.long: list[tuple[float, float]] = []  # (start, end) of each gap over the target
        self.last = 0.0

    def start(self) -> None:
        self.gaps = []
        self.long = []
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        self._gap(time.perf_counter())

    def _gap(self, now: float) -> None:
        gap = (now - self.last) * 1000
        self.gaps.append(gap)
        if gap > TARGET_MS:
            self.long.append((self.last, now))
        self.last = now

    def stop(self) -> list[float]:
        self.timer.stop()
        self._gap(time.perf_counter())  # a stall at the very end counts too
        return self.gaps


class CollectionLog:
    """Garbage collections of 10 ms or more: when, which generation, in which thread — to tell a long
    gap caused by the collector (it holds the GIL, so every thread waits) from any other."""

    MIN_MS = 10.0

    def __init__(self) -> None:
        import gc

        self.spans: list[tuple[float, float, int, str]] = []
        self._started: dict[int, float] = {}
        gc.callbacks.append(self._callback)

    def close(self) -> None:
        import gc

        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._started[ident] = time.perf_counter()
        elif ident in self._started:
            began = self._started.pop(ident)
            end = time.perf_counter()
            if (end - began) * 1000 >= self.MIN_MS:
                self.spans.append((began, end, info.get("generation", -1), threading.current_thread().name))

    def during(self, start: float, end: float) -> list[str]:
        """The collections overlapping ``start``–``end``, described."""
        return [
            f"gen-{gen} GC {(e - b) * 1000:.0f} ms in {name}"
            for b, e, gen, name in self.spans
            if b < end and e > start
        ]


def spin(until: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop (so the heartbeat ticks) until ``until()`` is true or ``timeout`` seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    check = QTimer()
    check.setInterval(10)

    def poll() -> None:
        if until() or time.perf_counter() > deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start()
    if not until():
        loop.exec()
    check.stop()
    return until()


@dataclass
class Phase:
    name: str
    rows: int = 0
    shown_ms: float | None = None
    action_ms: float = 0.0  # the action's own synchronous time on the GUI thread
    gaps: list[float] = field(default_factory=list)
    long: list[tuple[float, float]] = field(default_factory=list)
    started: float = 0.0
    seconds: float = 0.0
    counted: bool = True  # part of the journal's verdict
    unfinished: bool = False  # still loading when the wait ended

    @property
    def worst(self) -> float:
        return max(self.gaps)

    @property
    def p99(self) -> float:
        return percentile(self.gaps, 99)

    @property
    def long_gaps(self) -> int:
        return sum(1 for g in self.gaps if g > TARGET_MS)


class RowsShown:
    """Notes when the journals page has put the newest query's lines in its model and the table has
    painted them (a wrapper around ``JournalsPage._loaded`` and an event filter on the viewport)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject

        from mobile_case.ui.journals.page import JournalsPage

        self.loaded_at: float | None = None
        self.painted_at: float | None = None
        self.page: Any = None
        watcher = self
        paint = QEvent.Type.Paint

        class _Paint(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
                if event.type() == paint and watcher.loaded_at is not None and watcher.painted_at is None:
                    watcher.painted_at = time.perf_counter()
                return False

        self._filter = _Paint()
        original = JournalsPage._loaded

        def loaded(page: Any, kind: Any, generation: int, f: Any, rows: list[Any]) -> None:
            original(page, kind, generation, f, rows)
            if generation == page.states[kind].generation:
                watcher.page = page
                page.states[kind].view.viewport().installEventFilter(watcher._filter)
                watcher.loaded_at = time.perf_counter()
                page.states[kind].view.viewport().update()

        JournalsPage._loaded = loaded  # the bench's own hook; the page is otherwise untouched

    def reset(self) -> None:
        self.loaded_at = self.painted_at = None

    def done(self) -> bool:
        return self.painted_at is not None


def run_phase(
    name: str,
    action: Callable[[], None],
    beat: Heartbeat,
    shown: RowsShown,
    *,
    wait: str,
    rows: Callable[[], int],
    busy: Callable[[], bool],
    settle_s: float,
    timeout: float,
) -> Phase:
    phase = Phase(name)
    shown.reset()
    beat.start()
    started = time.perf_counter()
    action()
    phase.action_ms = (time.perf_counter() - started) * 1000
    if wait == "rows":
        if not spin(shown.done, timeout):
            raise RuntimeError(f"{name}: the rows were not shown within {timeout:.0f} s")
        phase.shown_ms = (shown.painted_at - started) * 1000
    elif wait == "idle" and not spin(lambda: not busy(), timeout):
        phase.unfinished = True  # reported as such; the home page is outside the verdict
    spin(lambda: False, settle_s)  # trailing work (model reset, collections) still counts
    phase.gaps = beat.stop()
    phase.long = list(beat.long)
    phase.started = started
    phase.seconds = time.perf_counter() - started
    phase.rows = rows()
    return phase


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_CASES:,} cases, short phases (smoke test)"
    )
    parser.add_argument("--reseed", action="store_true", help="seed the cached store again")
    parser.add_argument(
        "--home", action="store_true", help="also measure the home page on this store (outside the verdict)"
    )
    args = parser.parse_args(argv)
    count = QUICK_CASES if args.quick else args.cases
    settle_s = 0.1 if args.quick else 0.3
    timeout = 120.0 if args.quick else 600.0
    home_timeout = 60.0 if args.quick else 180.0

    source = seeded_store(count, reseed=args.reseed)

    import os

    os.environ.setdefault("QT_STYLE_OVERRIDE", "fusion")  # as app.main does
    from PySide6.QtWidgets import QApplication

    from mobile_case import i18n
    from mobile_case.app import AppConfig
    from mobile_case.devices.registry import DeviceRegistry
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.services.types import JournalKind
    from mobile_case.storage.keys import FileKeyProvider
    from mobile_case.ui import theme
    from mobile_case.ui.main_window import MainWindow
    from mobile_case.ui.tasks import runner

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(qapp, "uk", cache_dir=cache_dir() / "translations")
    theme.apply_theme(qapp)

    with tempfile.TemporaryDirectory(prefix="bench-journal-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(source / "data", data_dir)
        services = build_services(data_dir, default_profile(), key_provider=FileKeyProvider())
        tasks = runner()
        window = None
        try:
            services.auth.login(HEAD_LOGIN, HEAD_PIN)
            window = MainWindow(
                services,
                devices=DeviceRegistry(simulate=True),
                tasks=tasks,
                config=AppConfig(path=data_dir / "settings.json"),
            )
            window.resize(1280, 800)
            window.show()  # no page yet (the home page is measured apart, with --home)
            spin(lambda: False, 0.3)

            beat = Heartbeat()
            shown = RowsShown()
            collections = CollectionLog()
            today = services.clock().date()
            profile = services.profile
            village = profile.settlements[1]
            pages: dict[str, Any] = {}

            def journal_rows() -> int:
                page = pages.get("journals")
                return page.state(JournalKind.SERVICES).model.total() if page else 0

            def open_journals() -> None:
                # a tap on the rail's «Журнали», as the user opens it: the press and release go through
                # the application's event filters (the inactivity lock's among them) like real input
                from PySide6.QtCore import Qt
                from PySide6.QtTest import QTest

                button = window.nav_button("journals")
                QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
                pages["journals"] = window.page("journals")

            def whole_year() -> None:
                pages["journals"].filters.set_period(today - timedelta(days=365), today)

            def scroll_to_end() -> None:
                view = pages["journals"].state(JournalKind.SERVICES).view
                for _ in range(20):
                    view.scrollToBottom()
                    spin(lambda: False, 0.03)

            def settlement() -> None:
                pages["journals"].filters.settlement.set_current_code(village.code)

            surname = {}

            def text_surname() -> None:
                model = pages["journals"].state(JournalKind.SERVICES).model
                names = model.column_values(2)  # «Surname Name Patronymic, birth date»
                surname["word"] = statistics.mode(n.split()[0] for n in names) if names else "Шевчук"
                filters = pages["journals"].filters
                filters.text.setText(surname["word"])
                filters.flush()

            number = {}

            def text_number() -> None:
                page = pages["journals"]
                model = page.state(JournalKind.SERVICES).model
                keys = [model.key(i) for i in range(model.total())]
                request_id = keys[len(keys) // 2]
                number["request"] = services.requests.get(request_id).number  # the one line to find
                page.filters.text.setText(number["request"])
                page.filters.flush()

            def reset() -> None:
                pages["journals"].filters.reset()

            def home() -> None:
                window.open_page("home")

            def reopen() -> None:
                window.open_page("journals")

            def hop_to_settings() -> None:  # unmeasured: leave the journals for a light page
                window.open_page("settings")
                spin(lambda: not any(not n.startswith("device") for n in tasks.pending_names()), 60)
                spin(lambda: False, settle_s)

            # (name, action, wait for: rows | idle | nothing, part of the journal's verdict)
            steps = [
                ("open the journals screen (31 days)", open_journals, "rows", True),
                ("period: the whole year", whole_year, "rows", True),
                ("scroll the year to its end ×20", scroll_to_end, "", True),
                (f"settlement: {village.display_name}", settlement, "rows", True),
                ("text: the commonest surname", text_surname, "rows", True),
                ("text: one request number", text_number, "rows", True),
                ("reset the filters", reset, "rows", True),
                ("the journals screen again (from settings)", reopen, "rows", True),
            ]
            if args.home:
                steps.append(("home page (not the journal)", home, "idle", False))
            phases = []
            # As in the app: a moment after login the main window imports the pages' modules in a
            # worker (PageSpec.preload), so the first opening of a screen only builds it. The GUI
            # thread's gaps while that import runs are measured and counted like the rest.
            preload = run_phase(
                "after login: page modules imported (worker)",
                lambda: None,
                beat,
                shown,
                wait="idle",
                rows=lambda: -1,
                busy=lambda: window._preload_timer.isActive() or "preload-pages" in tasks.pending_names(),
                settle_s=settle_s,
                timeout=timeout,
            )
            phases.append(preload)
            for name, action, wait, counted in steps:
                if action is reopen:
                    hop_to_settings()
                phase = run_phase(
                    name,
                    action,
                    beat,
                    shown,
                    wait=wait,
                    rows=journal_rows if wait == "rows" else lambda: -1,
                    busy=lambda: any(not n.startswith("device") for n in tasks.pending_names()),
                    settle_s=settle_s,
                    timeout=timeout if counted else home_timeout,
                )
                phase.counted = counted
                phases.append(phase)
            total = sum(p.seconds for p in phases)
            baseline = Phase("baseline: idle event loop")
            beat.start()
            spin(lambda: False, total)
            baseline.gaps = beat.stop()
            baseline.seconds = total
            collections.close()
        finally:
            tasks.wait_idle(60)
            if window is not None:
                window.watcher.stop()
                window.close()
            tasks.shutdown(wait=True)
            services.close()

    print(
        f"store: {count:,} cases ({source.name}); today {today:%d.%m.%Y}; heartbeat every {HEARTBEAT_MS} ms"
    )
    print(
        f"{'phase':40s} {'lines':>7s} {'shown':>9s} {'max gap':>9s} {'p99 gap':>8s} {'>100ms':>6s} {'ticks':>6s}"
    )
    for p in [*phases, baseline]:
        shown_text = f"{p.shown_ms:7.0f}ms" if p.shown_ms is not None else "        -"
        if p.unfinished:
            shown_text = f"  >{p.seconds:4.0f}s!"
        lines = f"{p.rows:7,d}" if p.rows >= 0 and p is not baseline else "      -"
        print(
            f"{p.name:40s} {lines} {shown_text} {p.worst:7.0f}ms {p.p99:6.0f}ms {p.long_gaps:6d} {len(p.gaps):6d} {p.action_ms:6.0f}ms"
        )
    for p in phases:
        for start, end in p.long:
            gcs = collections.during(start, end)
            cause = "; " + ", ".join(gcs) if gcs else "; no garbage collection in it"
            print(
                f"  stall of {(end - start) * 1000:.0f} ms, {max(0.0, start - p.started):.2f} s into «{p.name}»{cause}"
            )
    journal = [p for p in phases if p.counted]
    worst = max(p.worst for p in journal)
    all_gaps = [g for p in journal for g in p.gaps]
    p99 = percentile(all_gaps, 99)
    print(
        f"journal phases: max stall {worst:.0f} ms ({worst / baseline.worst:.1f}x the idle baseline's "
        f"{baseline.worst:.0f} ms), p99 gap {p99:.0f} ms ({p99 / baseline.p99:.1f}x the baseline's "
        f"{baseline.p99:.0f} ms), gaps over {TARGET_MS:.0f} ms: {sum(p.long_gaps for p in journal)}"
    )
    ok = worst <= TARGET_MS
    print(f"target: no GUI-thread stall over {TARGET_MS:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
