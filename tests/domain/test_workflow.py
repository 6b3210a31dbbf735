"""The case state machine: every allowed and every illegal pair."""

from __future__ import annotations

import itertools

import pytest

from mobile_case.domain.errors import IllegalTransition
from mobile_case.domain.model import CaseState
from mobile_case.domain.workflow import (
    ACTIVE,
    ALLOWED,
    TERMINAL,
    can_transition,
    illegal_message,
    is_terminal,
    next_states,
    state_title,
    transition,
)

S = CaseState

EXPECTED = {
    (S.DRAFT, S.REGISTERED),
    (S.DRAFT, S.REFUSED),
    (S.DRAFT, S.CANCELLED),
    (S.REGISTERED, S.SCHEDULED),
    (S.REGISTERED, S.CANCELLED),
    (S.REGISTERED, S.REFUSED),
    (S.SCHEDULED, S.IN_PROGRESS),
    (S.SCHEDULED, S.REGISTERED),
    (S.SCHEDULED, S.CANCELLED),
    (S.SCHEDULED, S.IMPOSSIBLE),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.IN_PROGRESS, S.IMPOSSIBLE),
}
ALL_PAIRS = list(itertools.product(CaseState, CaseState))


def test_every_state_is_in_the_table():
    assert set(ALLOWED) == set(CaseState)
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED


def test_terminal_states():
    assert TERMINAL == {S.COMPLETED, S.IMPOSSIBLE, S.CANCELLED, S.REFUSED}
    assert ACTIVE == {S.DRAFT, S.REGISTERED, S.SCHEDULED, S.IN_PROGRESS}
    for state in CaseState:
        assert is_terminal(state) == (state in TERMINAL)


@pytest.mark.parametrize(("src", "dst"), sorted(EXPECTED))
def test_allowed(src, dst):
    assert can_transition(src, dst)
    assert transition(src, dst) is dst
    assert transition(src.value, dst.value) is dst  # plain strings from storage work too


@pytest.mark.parametrize(("src", "dst"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_illegal(src, dst):
    assert not can_transition(src, dst)
    with pytest.raises(IllegalTransition) as info:
        transition(src, dst)
    err = info.value
    assert (err.source, err.target) == (src.value, dst.value)
    assert str(err) == f"illegal case transition {src.value} -> {dst.value}"
    message = err.user_message
    assert message == illegal_message(src, dst)
    assert message.endswith(".")
    if src == dst:
        assert message == f"Заявка вже має стан «{state_title(src)}»."
    else:
        assert message.startswith("Неможливо ")
        if src in TERMINAL:
            assert "нову заявку" in message or "не можна" in message


def test_next_states_in_declaration_order():
    assert next_states(S.SCHEDULED) == (S.REGISTERED, S.IN_PROGRESS, S.IMPOSSIBLE, S.CANCELLED)
    assert next_states(S.COMPLETED) == ()


def test_happy_paths():
    state = S.DRAFT
    for nxt in (S.REGISTERED, S.SCHEDULED, S.IN_PROGRESS, S.COMPLETED):
        state = transition(state, nxt)
    assert state is S.COMPLETED
    state = S.DRAFT
    for nxt in (S.REGISTERED, S.SCHEDULED, S.REGISTERED, S.SCHEDULED, S.IMPOSSIBLE):
        state = transition(state, nxt)
    assert is_terminal(state)


def test_state_titles_are_ukrainian():
    assert state_title(S.IMPOSSIBLE) == "Складено акт про неможливість надання послуги"
    assert all(state_title(s) for s in CaseState)
