"""A populated demo store (``mobile-case --demo``, screenshots, tests).

Seeds a new data folder through the real services — every number, state, audit entry and PDF is made
the way the app makes them — with a stepping clock, so that yesterday's outing happened yesterday.

Demo accounts (logins and PINs are public: the demo is for training and screenshots only):

=========  ========  ===================  ================================
login      PIN       role                 name
=========  ========  ===================  ================================
kerivnyk   240607    head of the Centre   Петренко Олена Іванівна
admin      1357      administrator        Коваленко Андрій Петрович
admin2     2468      administrator        Савчук Ірина Миколаївна
keeper     9753      kit keeper           Бондар Василь Степанович
=========  ========  ===================  ================================

What is in it (``today`` = the day of seeding; "yesterday" and "tomorrow" are the working days before
and after it): 12 requests in every state across several settlements; yesterday's outing with a completed visit (application registered, PDF stored) and an act (subject
absent), the kit issued and returned; today's outing with two planned visits (calls recorded) and one
visit in progress; tomorrow's outing with one planned visit; two requests waiting to be scheduled,
a draft, a refusal (address outside the community) and a cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from mobile_case.domain.deadlines import WorkingCalendar
from mobile_case.domain.model import (
    Act,
    ActReason,
    ActStage,
    Address,
    CallOutcome,
    CaseState,
    Consents,
    DeliveryMethod,
    Escort,
    HandoverDirection,
    HandoverEntry,
    IdentificationSource,
    IdentityDocumentType,
    Outing,
    OutingModel,
    PaymentMethod,
    Person,
    RefusalReason,
    Representative,
    RequestChannel,
    Role,
    ServiceRequest,
    User,
    Visit,
    VisitStep,
)
from mobile_case.domain.profile import CommunityProfile
from mobile_case.services.context import AppServices, build_services
from mobile_case.storage.keys import KeyProvider


@dataclass(frozen=True)
class DemoLogin:
    login: str
    pin: str
    role: Role
    full_name: str
    position: str


DEMO_USERS: tuple[DemoLogin, ...] = (
    DemoLogin("kerivnyk", "240607", Role.HEAD, "Петренко Олена Іванівна", "Керівник Центру"),
    DemoLogin("admin", "1357", Role.ADMINISTRATOR, "Коваленко Андрій Петрович", "Адміністратор ЦНАП"),
    DemoLogin("admin2", "2468", Role.ADMINISTRATOR, "Савчук Ірина Миколаївна", "Адміністратор ЦНАП"),
    DemoLogin(
        "keeper",
        "9753",
        Role.KIT_KEEPER,
        "Бондар Василь Степанович",
        "Відповідальний за технічний стан кейсу",
    ),
)
HEAD, ADMIN, ADMIN2, KEEPER = DEMO_USERS


class SteppingClock:
    """The clock the demo is seeded with: set to a moment, it moves a minute per reading."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def at(self, moment: datetime) -> None:
        self._now = moment

    def __call__(self) -> datetime:
        now = self._now
        self._now = now + timedelta(minutes=1)
        return now


def rnokpp_for(birth: date, serial: int) -> str:
    """A РНОКПП with the right check digit for ``birth`` (fictitious person, serial 0–9999)."""
    days = (birth - date(1899, 12, 31)).days
    body = f"{days:05d}{serial:04d}"
    weights = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10
    return body + str(check)


@dataclass(frozen=True)
class _Citizen:
    surname: str
    given_name: str
    patronymic: str
    age: int
    phone: str
    street: str
    house: str
    apartment: str = ""
    door_code: str = ""
    access_notes: str = ""


_CITIZENS: tuple[_Citizen, ...] = (
    _Citizen(
        "Коваль",
        "Марія",
        "Іванівна",
        84,
        "+380671234501",
        "вул. Шевченка",
        "12",
        "3",
        "15К",
        "3 поверх, ліфта немає",
    ),
    _Citizen("Мельник", "Петро", "Васильович", 79, "+380501234502", "вул. Незалежності", "45"),
    _Citizen(
        "Бойко",
        "Ганна",
        "Степанівна",
        91,
        "+380971234503",
        "вул. Лесі Українки",
        "7",
        "",
        "",
        "Собака на подвір'ї, дзвонити заздалегідь",
    ),
    _Citizen("Ткаченко", "Іван", "Миколайович", 76, "+380631234504", "вул. Садова", "3"),
    _Citizen("Кравчук", "Оксана", "Петрівна", 58, "+380661234505", "вул. Зелена", "21", "14", "2580"),
    _Citizen("Олійник", "Степан", "Іванович", 88, "+380681234506", "вул. Церковна", "9"),
    _Citizen("Шевчук", "Надія", "Олексіївна", 73, "+380931234507", "вул. Польова", "16"),
    _Citizen("Поліщук", "Василь", "Дмитрович", 82, "+380991234508", "вул. Мазепи", "30", "8"),
    _Citizen("Лисенко", "Катерина", "Богданівна", 34, "+380951234509", "вул. Грушевського", "2", "41"),
    _Citizen("Савченко", "Микола", "Петрович", 95, "+380671234510", "вул. Тараса Бульби", "5"),
    _Citizen("Романюк", "Євгенія", "Ярославівна", 71, "+380501234511", "вул. Степова", "11"),
    _Citizen("Гнатюк", "Богдан", "Федорович", 80, "+380971234512", "вул. Київська", "18"),
)


def _birth(today: date, age: int, k: int) -> date:
    return date(today.year - age, 1 + (k * 5) % 12, 1 + (k * 7) % 27)


class _Seeder:
    def __init__(self, app: AppServices, clock: SteppingClock, now: datetime) -> None:
        self.app = app
        self.clock = clock
        self.now = now
        self.today = now.date()
        self.profile: CommunityProfile = app.profile
        self.users: dict[str, User] = {}
        settlements = self.profile.settlements
        self.places = [settlements[i % len(settlements)] for i in range(5)]
        self.services = list(self.profile.mobile_services())
        calendar = WorkingCalendar.from_profile(self.profile)
        self.previous = self.today - timedelta(days=1)  # the last working day before today
        while not calendar.is_working_day(self.previous):
            self.previous -= timedelta(days=1)
        self.next = calendar.next_working_day(self.today)

    # --- helpers ---------------------------------------------------------------------------------
    def at(self, day_offset: int, hh: int, mm: int = 0) -> None:
        """``day_offset`` -1 is the previous working day (yesterday's outing), -2 and -3 the days
        before it (planning, intake)."""
        base = self.previous if day_offset < 0 else self.today
        shift = day_offset + 1 if day_offset < 0 else day_offset
        self.clock.at(datetime.combine(base + timedelta(days=shift), time(hh, mm)))

    def as_user(self, who: DemoLogin) -> User:
        self.app.auth.logout()
        return self.app.auth.login(who.login, who.pin)

    def _eligible_category(self, age: int, k: int):  # noqa: ANN202
        age_cat = self.profile.age_category()
        if age_cat is not None and age_cat.min_age is not None and age >= age_cat.min_age:
            return age_cat, []
        others = [c for c in self.profile.categories if c.group != "age"]
        cat = others[k % len(others)]
        proofs = list(cat.accepted_proof_codes[:1]) if cat.needs_proof else []
        return cat, proofs

    def request(
        self,
        k: int,
        *,
        channel: RequestChannel = RequestChannel.PHONE,
        place: int = 0,
        services: int = 1,
        preferred: int | None = None,
        representative: bool = False,
        outside: str = "",
    ) -> ServiceRequest:
        c = _CITIZENS[k]
        req = self.app.requests.new_draft(channel)
        birth = _birth(self.today, c.age, k)
        req.subject = Person(
            surname=c.surname,
            given_name=c.given_name,
            patronymic=c.patronymic,
            birth_date=birth,
            rnokpp=rnokpp_for(birth, 1000 + k * 37),
            phone=c.phone,
        )
        if representative:
            req.representative = Representative(
                person=Person(
                    surname=c.surname, given_name="Олена", patronymic="Миколаївна", phone="+380671239999"
                ),
                relation="донька",
            )
        settlement = self.places[place]
        req.address = Address(
            settlement_code="" if outside else settlement.code,
            settlement_name=outside,
            street=c.street,
            house=c.house,
            apartment=c.apartment,
            door_code=c.door_code,
            access_notes=c.access_notes,
        )
        category, proofs = self._eligible_category(c.age, k)
        req.category_code = category.code
        req.category_reason = category.reason_text or "похилого віку та стану здоров'я"
        req.proof_document_codes = proofs
        req.proof_note = "№ 123456 від 14.02.2023" if proofs else ""
        chosen = [self.services[(k + i) % len(self.services)] for i in range(services)]
        req.service_codes = [s.code for s in chosen]
        req.documents_present = {d.code: True for s in chosen for d in s.documents}
        paid = next((s for s in chosen if not s.is_free), None)
        req.payment_method = PaymentMethod.PREPAID_RECEIPT if paid else PaymentMethod.FREE
        if preferred is not None:
            req.preferred_date = self.today + timedelta(days=preferred)
            req.window_start, req.window_end = time(10, 0), time(12, 0)
        req.consents = Consents(True, True, True, k % 3 == 0)
        return self.app.requests.save_draft(req)

    def registered(self, k: int, **kw) -> ServiceRequest:  # noqa: ANN003
        req = self.request(k, **kw)
        return self.app.requests.register(req.id)

    def run_visit(self, visit: Visit, req: ServiceRequest, *, finish: bool = True) -> Visit:
        visits = self.app.visits
        visit = visits.open(visit.id)
        visit.recording_consent = True
        visit.present_persons = "суб'єкт звернення, водій службового автомобіля"
        visit.current_step = VisitStep.IDENTIFICATION
        visit = visits.save(visit)
        visit.identification.document_type = IdentityDocumentType.ID_CARD
        visit.identification.document_number = f"00{4512370 + len(req.subject.surname)}"
        visit.identification.source = IdentificationSource.CHIP
        visit.identification.verified = True
        visit.current_step = VisitStep.CATEGORY_PROOF
        visit = visits.save(visit)
        if not finish:
            return visit
        visit.category_confirmed = True
        visit.category_documents_seen = list(req.proof_document_codes)
        visit.documents_checked = dict(req.documents_present)
        fee = sum(
            (s.fee for s in (self.profile.service(c) for c in req.service_codes) if s and s.fee),
            Decimal("0"),
        )
        if fee:
            visit.payment.method = PaymentMethod.PREPAID_RECEIPT
            visit.payment.amount = fee
            visit.payment.receipt_number = "0.0.3456789012.1"
            visit.payment.paid_at = self.clock()
        visit.current_step = VisitStep.APPLICATION
        visit = visits.save(visit)
        visit = visits.register_application(visit.id)
        self.app.documents.application_pdf(req.id)
        visit.application_printed = True
        visit.delivery_method = DeliveryMethod.POST
        visit.delivery_note = "Укрпоштою на адресу візиту"
        visit.current_step = VisitStep.DELIVERY
        visit = visits.save(visit)
        return visits.complete(visit.id)

    def handover(self, outing: Outing, direction: HandoverDirection, admin: DemoLogin) -> None:
        keeper = KEEPER.full_name
        given, received = (
            (keeper, admin.full_name) if direction == HandoverDirection.ISSUE else (admin.full_name, keeper)
        )
        self.app.outings.handover(
            HandoverEntry(
                outing_id=outing.id,
                direction=direction,
                kit_items_checked=[i.code for i in self.profile.kit_items],
                given_by_name=given,
                received_by_name=received,
            )
        )

    # --- the story -------------------------------------------------------------------------------
    def seed(self) -> None:
        app = self.app
        self.at(-3, 8, 30)
        app.auth.create_first_head(HEAD.login, HEAD.full_name, HEAD.pin)
        head = self.as_user(HEAD)
        self.users[HEAD.login] = head
        for who in (ADMIN, ADMIN2, KEEPER):
            self.users[who.login] = app.users.create(
                User(login=who.login, full_name=who.full_name, position=who.position, role=who.role), who.pin
            )
        admin, admin2 = self.users[ADMIN.login], self.users[ADMIN2.login]

        # Intake, three days ago.
        self.at(-3, 9, 0)
        self.as_user(ADMIN)
        done = self.registered(0, place=1, services=2, representative=True)
        done2 = self.registered(1, place=1, channel=RequestChannel.IN_PERSON)
        absent = self.registered(2, place=1)
        s1 = self.registered(3, place=2)
        s2 = self.registered(4, place=2, channel=RequestChannel.MESSENGER)
        ip = self.registered(5, place=2, services=2)
        s3 = self.registered(6, place=3, preferred=(self.next - self.today).days)
        cancelled = self.registered(7, place=0)
        self.at(-2, 11, 0)
        waiting_today = self.registered(8, place=4, preferred=0)
        waiting_later = self.registered(9, place=3, preferred=5, representative=True)
        refused = self.request(10, outside="Тернопіль")
        decision = app.requests.assess(refused, self.today)
        app.requests.refuse(
            refused.id, decision.reasons or [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY], decision.explanation
        )
        app.requests.cancel(cancelled.id, "Заявник повідомив телефоном, що звернеться до ЦНАП особисто")
        draft = self.request(11, place=0)
        draft.notes = "Уточнити номер квартири та код домофону"
        app.requests.save_draft(draft)

        # Planning, two days ago: yesterday, today, tomorrow.
        self.at(-2, 14, 0)
        outings = app.outings
        yesterday = outings.create(
            Outing(
                date=self.previous,
                model=OutingModel.AT_ADDRESS,
                settlement_code=self.places[1].code,
                administrator_id=admin.id,
                escorts=[Escort("Кушнір Олег Романович", "водій")],
                vehicle="Renault Duster ВО 1234 АА",
                departure=time(9, 0),
                travel_minutes=25,
            )
        )
        today = outings.create(
            Outing(
                date=self.today,
                model=OutingModel.FIXED_POINT,
                settlement_code=self.places[2].code,
                administrator_id=admin.id,
                escorts=[
                    Escort("Кушнір Олег Романович", "водій"),
                    Escort("Дячук Світлана Ігорівна", "представник УСЗН"),
                ],
                vehicle="Renault Duster ВО 1234 АА",
                departure=time(9, 0),
                travel_minutes=30,
                notes="Виїзний прийом у приміщенні старостату",
            )
        )
        tomorrow = outings.create(
            Outing(
                date=self.next,
                model=OutingModel.AT_ADDRESS,
                settlement_code=self.places[3].code,
                administrator_id=admin2.id,
                escorts=[Escort("Кушнір Олег Романович", "водій")],
                vehicle="Renault Duster ВО 1234 АА",
                departure=time(10, 0),
                travel_minutes=40,
            )
        )
        v_done = outings.add_visit(yesterday.id, done.id, time(9, 30), time(10, 30))
        v_done2 = outings.add_visit(yesterday.id, done2.id, time(11, 0), time(12, 0))
        v_absent = outings.add_visit(yesterday.id, absent.id, time(12, 30), time(13, 0))
        v_s1 = outings.add_visit(today.id, s1.id, time(10, 0), time(10, 40))
        v_s2 = outings.add_visit(today.id, s2.id, time(10, 45), time(11, 30))
        v_ip = outings.add_visit(today.id, ip.id, time(9, 30), time(10, 0))
        outings.add_visit(tomorrow.id, s3.id, time(10, 30), time(11, 30))
        outings.reorder_visits(today.id, [v_ip.id, v_s1.id, v_s2.id])  # the order at the point

        # Yesterday: calls, the kit issued, two visits done, one act, the kit returned.
        self.at(-1, 8, 0)
        for v in (v_done, v_done2, v_absent):
            outings.record_call(v.id, CallOutcome.CONFIRMED)
        self.as_user(KEEPER)
        self.at(-1, 8, 40)
        self.handover(yesterday, HandoverDirection.ISSUE, ADMIN)
        self.as_user(ADMIN)
        self.at(-1, 9, 35)
        self.run_visit(v_done, done)
        self.at(-1, 11, 5)
        self.run_visit(v_done2, done2)
        self.at(-1, 12, 45)
        act = app.acts.draw_up(
            Act(
                request_id=absent.id,
                visit_id=v_absent.id,
                stage=ActStage.DOCUMENT_INTAKE,
                reason=ActReason.SUBJECT_ABSENT,
                details="На дзвінки у двері та телефоном ніхто не відповів протягом 20 хвилин.",
                acknowledgement_note="суб'єкт звернення відсутній",
            )
        )
        app.documents.act_pdf(act.id)
        self.as_user(KEEPER)
        self.at(-1, 15, 10)
        self.handover(yesterday, HandoverDirection.RETURN, ADMIN)

        # Today: calls, the kit issued, one visit under way.
        self.as_user(ADMIN)
        self.clock.at(self.now - timedelta(minutes=40))
        outings.record_call(v_s1.id, CallOutcome.CONFIRMED)
        outings.record_call(v_s2.id, CallOutcome.NO_ANSWER, "Передзвонити о 10:00")
        outings.record_call(v_ip.id, CallOutcome.CONFIRMED)
        self.as_user(KEEPER)
        self.handover(today, HandoverDirection.ISSUE, ADMIN)
        self.as_user(ADMIN)
        self.clock.at(self.now - timedelta(minutes=10))
        self.run_visit(v_ip, ip, finish=False)
        del waiting_today, waiting_later, s3
        app.auth.logout()


def seed_demo(
    data_dir: Path,
    profile: CommunityProfile,
    *,
    key_provider: KeyProvider | None = None,
    now: datetime | None = None,
) -> bool:
    """Fill ``data_dir`` with the demo if its store has no users yet. Returns True when it seeded."""
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    clock = SteppingClock(now)
    app = build_services(Path(data_dir), profile, key_provider=key_provider, clock=clock)
    try:
        if app.auth.has_users():
            return False
        _Seeder(app, clock, now).seed()
        return True
    finally:
        app.close()


def seed_bulk_cases(
    data_dir: Path,
    profile: CommunityProfile,
    count: int,
    *,
    key_provider: KeyProvider | None = None,
    start: date = date(2023, 1, 2),
    days: int = 1000,
    per_outing: int = 4,
) -> int:
    """Benchmark data: ``count`` finished cases over ``days`` days from ``start`` (requests with their
    outings and visits; most completed, every tenth ended with an act), written straight through the row
    mappers in large transactions — fast, and without audit entries (it is not a record of anyone's
    work). Returns the number written. The store must already have users (``seed_demo`` first)."""
    import random

    from sqlalchemy import select

    from mobile_case.domain.model import Visit as _Visit
    from mobile_case.storage import repo
    from mobile_case.storage.models import ActRow, CounterRow, OutingRow, RequestRow, UserRow, VisitRow
    from mobile_case.storage.store import open_store

    rng = random.Random(20260304)
    store = open_store(Path(data_dir), key_provider)
    try:
        with store.reader() as s:
            admins = list(s.scalars(select(UserRow.id).where(UserRow.role == Role.ADMINISTRATOR.value)))
        if not admins:
            raise ValueError("seed the demo users first")
        services = list(profile.mobile_services())
        settlements = list(profile.settlements)
        category = profile.age_category() or profile.categories[0]
        written = 0
        batch = 5000
        outing: Outing | None = None
        while written < count:
            with store.writer() as s:
                counter = s.get(CounterRow, "journal-services") or CounterRow(
                    name="journal-services", value=0
                )
                s.add(counter)
                journal = counter.value
                rows = []
                for i in range(written, min(count, written + batch)):
                    day = start + timedelta(days=i * days // count)
                    if i % per_outing == 0 or outing is None:
                        place = settlements[rng.randrange(len(settlements))]
                        outing = Outing(
                            date=day,
                            settlement_code=place.code,
                            administrator_id=admins[i % len(admins)],
                            departure=time(9, 0),
                        )
                        rows.append(
                            OutingRow(
                                id=outing.id,
                                date=day,
                                model=outing.model.value,
                                settlement_code=place.code,
                                administrator_id=outing.administrator_id,
                                departure=outing.departure,
                                travel_minutes=30,
                                vehicle="",
                                notes="",
                                created_at=datetime.combine(day, time(8, 0)),
                            )
                        )
                    c = _CITIZENS[i % len(_CITIZENS)]
                    service = services[i % len(services)]
                    state = CaseState.IMPOSSIBLE if i % 10 == 9 else CaseState.COMPLETED
                    registered_at = datetime.combine(day - timedelta(days=3), time(10, 0))
                    req = ServiceRequest(
                        number=f"МК-{day.year}-Б{i + 1:06d}",
                        state=state,
                        created_at=registered_at,
                        created_by=admins[0],
                        subject=Person(
                            c.surname, c.given_name, c.patronymic, _birth(day, c.age, i), phone=c.phone
                        ),
                        address=Address(
                            settlement_code=outing.settlement_code, street=c.street, house=c.house
                        ),
                        category_code=category.code,
                        service_codes=[service.code],
                        documents_present={d.code: True for d in service.documents},
                    )
                    rows.append(repo.request_to_row(req, registered_at=registered_at))
                    opened = datetime.combine(day, time(10, 0)) + timedelta(minutes=(i % per_outing) * 45)
                    visit = _Visit(
                        outing_id=outing.id,
                        request_id=req.id,
                        planned_start=opened.time(),
                        planned_end=(opened + timedelta(minutes=40)).time(),
                        order=i % per_outing + 1,
                        opened_at=opened,
                        closed_at=opened + timedelta(minutes=35),
                        recording_consent=state == CaseState.COMPLETED,
                    )
                    if state == CaseState.COMPLETED:
                        visit.application_registered_at = opened + timedelta(minutes=20)
                        visit.case_number = f"МК-С-{day.year}-Б{i + 1:06d}"
                        visit.delivery_method = DeliveryMethod.POST
                    visit_row = repo.visit_to_row(visit)
                    journal += 1
                    visit_row.journal_number = journal
                    rows.append(visit_row)
                    if state == CaseState.IMPOSSIBLE:
                        act = Act(
                            number=f"Б{i + 1}/{day.year}",
                            request_id=req.id,
                            visit_id=visit.id,
                            reason=ActReason.NO_RECORDING_CONSENT,
                            drawn_at=visit.closed_at,
                            administrator_id=outing.administrator_id,
                            subject_name=req.subject.full_name,
                        )
                        rows.append(repo.act_to_row(act))
                    written += 1
                counter.value = journal
                # no ORM relationships: insert table by table, parents first
                for kind in (OutingRow, RequestRow, VisitRow, ActRow):
                    s.add_all([r for r in rows if isinstance(r, kind)])
                    s.flush()
        return written
    finally:
        store.close()
