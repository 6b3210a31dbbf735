"""Log in, lockout after five wrong PINs, the first head, unlock after inactivity — and their audit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mobile_case.domain.errors import AuthError, ValidationError
from mobile_case.domain.model import Role
from mobile_case.services.auth import LOCK_MINUTES, MAX_FAILED


def test_new_store_has_no_users_and_first_head_is_created_once(app):
    assert app.auth.has_users() is False
    head = app.auth.create_first_head("Kerivnyk", "Петренко  Олена Іванівна", "240607")
    assert head.role == Role.HEAD and head.login == "kerivnyk"
    assert head.full_name == "Петренко Олена Іванівна"
    assert app.auth.has_users() is True
    assert app.auth.current_user is None  # creating the account does not log in
    with pytest.raises(AuthError) as exc:
        app.auth.create_first_head("other", "Інша Особа Тест", "240607")
    assert "керівник" in exc.value.user_message
    [entry] = app.store.audit.entries(action="user_created")
    assert entry.entity_id == head.id and entry.details == {"role": "head", "first": True}


@pytest.mark.parametrize("pin", ["1357", "12345", "111111", "123456", "abcdef", "123456789"])
def test_first_head_needs_a_strong_enough_pin(app, pin):
    with pytest.raises(ValidationError) as exc:
        app.auth.create_first_head("kerivnyk", "Петренко Олена Іванівна", pin)
    assert exc.value.field == "pin"
    assert app.auth.has_users() is False


def test_login_sets_the_session_and_is_audited(app, team):
    user = app.auth.login(" ADMIN ", "1357")
    assert user.id == team.admin.id
    assert app.session.user == user and app.auth.current_user == user
    assert app.session.logged_in_at == app.clock()
    [entry] = app.store.audit.entries(action="login", actor_id=team.admin.id)
    assert entry.entity_id == team.admin.id
    app.auth.logout()
    assert app.session.user is None
    assert app.store.audit.entries(action="logout")[0].actor_id == team.admin.id


def test_unknown_login_fails_with_the_same_message_and_is_audited(app, team):
    with pytest.raises(AuthError) as exc:
        app.auth.login("nobody", "1357")
    assert exc.value.user_message == "Невірний логін або PIN."
    [entry] = app.store.audit.entries(action="login_failed")
    assert entry.details == {"reason": "unknown_login"}
    assert "nobody" not in str(entry)  # what was typed is not logged


def test_five_wrong_pins_lock_the_account_with_the_time_to_retry(app, team, clock):
    for attempt in range(1, MAX_FAILED):
        with pytest.raises(AuthError) as exc:
            app.auth.login("admin", "9999")
        assert f"Залишилось спроб: {MAX_FAILED - attempt}" in exc.value.user_message
    with pytest.raises(AuthError) as exc:
        app.auth.login("admin", "9999")
    until = clock() + timedelta(minutes=LOCK_MINUTES)
    assert f"Спробуйте знову о {until:%H:%M}" in exc.value.user_message
    assert "заблоковано" in exc.value.user_message

    # Locked: even the right PIN is refused, and nothing is counted against it.
    clock.advance(minutes=LOCK_MINUTES - 1)
    with pytest.raises(AuthError) as exc:
        app.auth.login("admin", "1357")
    assert "заблоковано" in exc.value.user_message
    assert app.session.user is None

    # Other accounts are not affected.
    assert app.auth.login("admin2", "2468").login == "admin2"
    app.auth.logout()

    clock.advance(minutes=1, seconds=1)
    assert app.auth.login("admin", "1357").id == team.admin.id

    actions = [e.action for e in app.store.audit.entries(entity_id=team.admin.id)]
    assert actions.count("login_failed") == MAX_FAILED
    assert actions.count("account_locked") == 1
    assert actions.count("login_refused_locked") == 1
    assert actions[0] == "login"


def test_a_successful_login_resets_the_count(app, team):
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(AuthError):
            app.auth.login("admin", "0000")
    app.auth.login("admin", "1357")
    app.auth.logout()
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(AuthError):
            app.auth.login("admin", "0000")
    assert app.auth.login("admin", "1357").login == "admin"  # not locked: the count started again


def test_inactive_user_cannot_log_in(app, team, login):
    login("head")
    team.admin.active = False
    app.users.update(team.admin)
    app.auth.logout()
    with pytest.raises(AuthError) as exc:
        app.auth.login("admin", "1357")
    assert exc.value.user_message == "Невірний логін або PIN."


def test_lock_after_inactivity_blocks_services_until_the_pin(app, team, login):
    login("admin")
    app.auth.lock()
    with pytest.raises(AuthError) as exc:
        app.requests.list()
    assert "бездіяльність" in exc.value.user_message
    assert app.auth.verify_pin("0000") is False
    assert app.session.locked
    assert app.auth.verify_pin("1357") is True
    assert not app.session.locked
    assert app.requests.list() == []
    actions = [e.action for e in app.store.audit.entries(entity_id=team.admin.id)]
    assert {"session_locked", "unlock_failed", "session_unlocked"} <= set(actions)


def test_five_wrong_pins_at_unlock_log_out_and_lock(app, team, login):
    login("admin")
    app.auth.lock()
    for _ in range(MAX_FAILED - 1):
        assert app.auth.verify_pin("0000") is False
    with pytest.raises(AuthError) as exc:
        app.auth.verify_pin("0000")
    assert "заблоковано" in exc.value.user_message
    assert app.session.user is None
    with pytest.raises(AuthError):
        app.auth.login("admin", "1357")


def test_services_refuse_when_nobody_is_logged_in(app, team):
    with pytest.raises(AuthError) as exc:
        app.requests.list()
    assert exc.value.user_message == "Увійдіть у програму, щоб продовжити."
    with pytest.raises(AuthError):
        app.auth.verify_pin("1357")
