"""Accounts: the head manages them; PIN rules; the last head cannot be removed; own PIN change."""

from __future__ import annotations

import pytest

from mobile_case.domain.errors import AuthError, PermissionDenied, ValidationError
from mobile_case.domain.model import Role, User
from mobile_case.services.auth import MAX_FAILED


def test_head_creates_lists_and_updates_users(app, team, login):
    login("head")
    by_login = {u.login: u for u in app.users.list()}
    assert set(by_login) == {"head", "admin", "admin2", "keeper"}
    assert by_login["keeper"].role == Role.KIT_KEEPER

    new = app.users.create(
        User(login="Novyi", full_name="Новий Адміністратор Тест", position="Адміністратор"), "4826"
    )
    assert new.login == "novyi"
    new.position = "Старший адміністратор"
    new.role = Role.KIT_KEEPER
    app.users.update(new)
    assert app.users.get(new.id).position == "Старший адміністратор"
    assert app.users.get(new.id).role == Role.KIT_KEEPER
    entry = app.store.audit.entries(action="user_updated")[0]
    assert set(entry.details["fields"]) == {"position", "role"}


def test_login_must_be_unique(app, team, login):
    login("head")
    with pytest.raises(ValidationError) as exc:
        app.users.create(User(login="ADMIN", full_name="Інший Адмін Тест"), "4826")
    assert exc.value.field == "login"
    team.admin2.login = "admin"
    with pytest.raises(ValidationError):
        app.users.update(team.admin2)


@pytest.mark.parametrize(
    ("role", "pin", "ok"),
    [
        (Role.ADMINISTRATOR, "4826", True),
        (Role.ADMINISTRATOR, "48260193", True),
        (Role.ADMINISTRATOR, "482", False),
        (Role.ADMINISTRATOR, "482601935", False),
        (Role.ADMINISTRATOR, "12a4", False),
        (Role.ADMINISTRATOR, "7777", False),
        (Role.ADMINISTRATOR, "6789", False),
        (Role.KIT_KEEPER, "9876", False),
        (Role.KIT_KEEPER, "9173", True),
        (Role.HEAD, "9173", False),
        (Role.HEAD, "917305", True),
    ],
)
def test_pin_rules_by_role(app, team, login, role, pin, ok):
    login("head")
    user = User(login="nova", full_name="Нова Особа Тест", role=role)
    if ok:
        app.users.create(user, pin)
        app.auth.logout()
        assert app.auth.login("nova", pin).role == role
    else:
        with pytest.raises(ValidationError) as exc:
            app.users.create(user, pin)
        assert exc.value.field == "pin"
        assert "nova" not in {u.login for u in app.users.list()}


def test_the_last_active_head_cannot_be_demoted_or_deactivated(app, team, login):
    login("head")
    head = team.head
    head.role = Role.ADMINISTRATOR
    with pytest.raises(ValidationError) as exc:
        app.users.update(head)
    assert exc.value.field == "role"
    head.role, head.active = Role.HEAD, False
    with pytest.raises(ValidationError):
        app.users.update(head)
    # With a second head it is allowed.
    app.users.create(User(login="head2", full_name="Друга Керівниця Тест", role=Role.HEAD), "917305")
    app.users.update(head)
    assert app.users.get(head.id).active is False


def test_set_pin_lifts_a_lockout(app, team, login):
    for _ in range(MAX_FAILED):
        with pytest.raises(AuthError):
            app.auth.login("admin", "0000")
    login("head")
    app.users.set_pin(team.admin.id, "5182")
    app.auth.logout()
    assert app.auth.login("admin", "5182").id == team.admin.id
    assert app.store.audit.entries(action="pin_set")[0].entity_id == team.admin.id


def test_unlock_lifts_a_lockout(app, team, login):
    for _ in range(MAX_FAILED):
        with pytest.raises(AuthError):
            app.auth.login("admin2", "0000")
    login("head")
    app.users.unlock(team.admin2.id)
    app.auth.logout()
    assert app.auth.login("admin2", "2468").id == team.admin2.id


def test_change_own_pin(app, team, login):
    login("admin")
    with pytest.raises(ValidationError):
        app.users.change_own_pin("1357", "1357")
    with pytest.raises(AuthError) as exc:
        app.users.change_own_pin("0000", "5182")
    assert "Поточний PIN невірний" in exc.value.user_message
    app.users.change_own_pin("1357", "5182")
    app.auth.logout()
    with pytest.raises(AuthError):
        app.auth.login("admin", "1357")
    assert app.auth.login("admin", "5182").id == team.admin.id
    assert [e.action for e in app.store.audit.entries(action="pin_changed")] == ["pin_changed"]


def test_wrong_current_pin_five_times_locks_and_logs_out(app, team, login):
    login("admin")
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(AuthError):
            app.users.change_own_pin("0000", "5182")
    with pytest.raises(AuthError) as exc:
        app.users.change_own_pin("0000", "5182")
    assert "заблоковано" in exc.value.user_message
    assert app.session.user is None


@pytest.mark.parametrize("who", ["admin", "keeper"])
def test_only_the_head_manages_users(app, team, login, who):
    login(who)
    for call in (
        lambda: app.users.list(),
        lambda: app.users.create(User(login="x1", full_name="Хтось Інший Тест"), "4826"),
        lambda: app.users.update(team.admin2),
        lambda: app.users.set_pin(team.admin2.id, "4826"),
        lambda: app.users.unlock(team.admin2.id),
    ):
        with pytest.raises(PermissionDenied) as exc:
            call()
        assert "керівник" in exc.value.user_message
    # but everyone may see who can go on an outing, and change their own PIN
    assert {u.login for u in app.users.field_staff()} == {"head", "admin", "admin2"}
    app.users.change_own_pin({"admin": "1357", "keeper": "9753"}[who], "5182")
    denied = app.store.audit.entries(action="permission_denied")
    assert len(denied) == 5 and {e.details["permission"] for e in denied} == {"manage_users"}
