"""The demo store: the documented logins work, every state is there, the journals and files are filled."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from mobile_case.domain.model import CaseState, HandoverDirection, Role
from mobile_case.services import JournalFilter, build_services
from mobile_case.services.demo import DEMO_USERS, seed_demo

TODAY = date(2026, 3, 4)


def test_demo_logins_and_content(demo_dir, profile):
    app = build_services(demo_dir, profile, clock=lambda: datetime(2026, 3, 4, 11, 30))
    try:
        for who in DEMO_USERS:
            user = app.auth.login(who.login, who.pin)
            assert (user.role, user.full_name) == (who.role, who.full_name)
            app.auth.logout()
        assert {u.role for u in DEMO_USERS} == set(Role)

        app.auth.login("kerivnyk", "240607")
        requests = app.requests.list()
        assert len(requests) == 12
        assert set(Counter(r.state for r in requests)) == set(CaseState)
        assert len({r.address.settlement_code for r in requests if r.address.settlement_code}) >= 4

        outings = app.outings.list()
        assert [o.date for o in outings] == [date(2026, 3, 3), TODAY, date(2026, 3, 5)]
        today = app.outings.today(TODAY)
        assert len(today) == 3
        assert Counter(r.state for _, _, r in today) == {CaseState.SCHEDULED: 2, CaseState.IN_PROGRESS: 1}
        assert len(app.outings.today(date(2026, 3, 5))) == 1

        lines = app.journals.services(JournalFilter())
        assert [e.outcome for e in lines] == ["completed", "completed", "impossible", "in_progress"]
        assert all(e.administrator_name == "Коваленко Андрій Петрович" for e in lines)
        [act] = app.journals.acts(JournalFilter())
        assert act.number == "1/2026"
        handovers = app.journals.handover(JournalFilter())
        assert [h.direction for h in handovers] == [
            HandoverDirection.ISSUE,
            HandoverDirection.RETURN,
            HandoverDirection.ISSUE,
        ]
        assert [h.number for h in handovers] == [1, 2, 3]

        completed = [r for r in requests if r.state == CaseState.COMPLETED]
        for req in completed:
            [pdf] = app.documents.files(req.id)
            assert app.documents.read(pdf).startswith(b"%PDF")
        [act_pdf] = app.documents.files(act.request_id)
        assert act_pdf.kind == "act_pdf"
        assert {d.kind.value for d in app.journals.deadlines_due(TODAY)} >= {"handover", "schedule"}
        assert app.store.audit.entries(action="visit_completed")
    finally:
        app.close()


def test_seed_demo_does_nothing_on_a_store_with_users(demo_dir, profile):
    before = (demo_dir / "mobile-case.db").stat().st_size
    assert seed_demo(demo_dir, profile) is False
    app = build_services(demo_dir, profile)
    try:
        app.auth.login("admin", "1357")
        assert len(app.requests.list()) == 12
    finally:
        app.close()
    assert (demo_dir / "mobile-case.db").stat().st_size >= before


def test_demo_on_a_monday_uses_friday_for_yesterday(tmp_path, profile):
    seed_demo(tmp_path / "d", profile, now=datetime(2026, 3, 9, 11, 0))  # Monday
    app = build_services(tmp_path / "d", profile)
    try:
        app.auth.login("admin", "1357")
        assert [o.date for o in app.outings.list()] == [date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 10)]
    finally:
        app.close()


def test_demo_with_every_shipped_profile(tmp_path):
    from mobile_case.profiles import available_profiles, load_profile

    for code, path in available_profiles():
        other = load_profile(path)
        assert seed_demo(tmp_path / code, other, now=datetime(2026, 3, 4, 11, 0))
        app = build_services(tmp_path / code, other)
        try:
            app.auth.login("kerivnyk", "240607")
            assert set(Counter(r.state for r in app.requests.list())) == set(CaseState), code
        finally:
            app.close()
