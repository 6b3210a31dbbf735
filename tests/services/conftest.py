"""Fixtures of the service tests: a fresh store per test, a clock the test moves, demo data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from mobile_case.domain.model import (
    Address,
    Outing,
    Person,
    RequestChannel,
    Role,
    ServiceRequest,
    User,
    Visit,
)
from mobile_case.profiles import default_profile
from mobile_case.services import AppServices, build_services
from mobile_case.services.demo import seed_demo
from mobile_case.storage import pins

# A Wednesday, so that "next working day" is Thursday and Friday's is Monday.
START = datetime(2026, 3, 4, 9, 0)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture(autouse=True)
def cheap_argon2():
    """Argon2id with small parameters: the same code path, a fraction of the time.
    (tests/storage/test_pins.py checks the production parameters.)"""
    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    pins.use_hasher(previous)


@pytest.fixture(scope="session")
def profile():
    return default_profile()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


PINS = {"head": "240607", "admin": "1357", "admin2": "2468", "keeper": "9753"}


@dataclass
class Team:
    head: User
    admin: User
    admin2: User
    keeper: User


@pytest.fixture
def app(tmp_path: Path, profile, clock) -> AppServices:
    services = build_services(tmp_path / "data", profile, clock=clock)
    yield services
    services.close()


@pytest.fixture
def team(app: AppServices) -> Team:
    """Head, two administrators and a kit keeper; nobody logged in afterwards."""
    head = app.auth.create_first_head("head", "Петренко Олена Іванівна", PINS["head"])
    app.auth.login("head", PINS["head"])
    admin = app.users.create(User(login="admin", full_name="Коваленко Андрій Петрович"), PINS["admin"])
    admin2 = app.users.create(User(login="admin2", full_name="Савчук Ірина Миколаївна"), PINS["admin2"])
    keeper = app.users.create(
        User(login="keeper", full_name="Бондар Василь Степанович", role=Role.KIT_KEEPER), PINS["keeper"]
    )
    app.auth.logout()
    return Team(head, admin, admin2, keeper)


@pytest.fixture
def login(app: AppServices, team: Team) -> Callable[[str], User]:
    def do(who: str) -> User:
        app.auth.logout()
        return app.auth.login(who, PINS[who])

    return do


@pytest.fixture
def fill(profile) -> Callable[..., ServiceRequest]:
    """Fill a draft with an eligible request (age category, a mobile service, all documents)."""

    def do(req: ServiceRequest, *, surname: str = "Коваль", settlement: int = 1, **changes) -> ServiceRequest:
        service = profile.mobile_services()[0]
        req.subject = Person(
            surname=surname,
            given_name="Марія",
            patronymic="Іванівна",
            birth_date=date(1941, 5, 12),
            phone="067 123 45 67",
        )
        req.address = Address(
            settlement_code=profile.settlements[settlement].code,
            street="вул. Шевченка",
            house="12",
            apartment="3",
            door_code="15К",
        )
        req.category_code = profile.age_category().code
        req.service_codes = [service.code]
        req.documents_present = {d.code: True for d in service.documents}
        for key, value in changes.items():
            setattr(req, key, value)
        return req

    return do


@pytest.fixture
def registered(app: AppServices, fill) -> Callable[..., ServiceRequest]:
    """A registered request (the caller is logged in with intake rights)."""

    def do(**kw) -> ServiceRequest:
        req = app.requests.new_draft(RequestChannel.PHONE)
        app.requests.save_draft(fill(req, **kw))
        return app.requests.register(req.id)

    return do


@pytest.fixture
def visit(app: AppServices, team: Team, login, registered) -> Visit:
    """The administrator logged in and a registered request's visit of 4 March 2026, 10:00–11:00, opened
    (IN_PROGRESS); a test module may define its own ``visit``."""
    login("admin")
    req = registered()
    outing = app.outings.create(Outing(date=date(2026, 3, 4), administrator_id=team.admin.id))
    v = app.outings.add_visit(outing.id, req.id, time(10, 0), time(11, 0))
    return app.visits.open(v.id)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, profile) -> Path:
    """One seeded demo store per test session; tests get copies (``demo_dir``)."""
    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        folder = tmp_path_factory.mktemp("demo-template") / "data"
        seed_demo(folder, profile, now=datetime.combine(date(2026, 3, 4), time(11, 0)))
    finally:
        pins.use_hasher(previous)
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target
