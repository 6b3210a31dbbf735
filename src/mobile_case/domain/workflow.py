"""The request/case life cycle as an explicit state machine.

::

    DRAFT ──► REGISTERED ──► SCHEDULED ──► IN_PROGRESS ──► COMPLETED
      │           │  ▲           │  │            │
      │           │  └───────────┘  │            └──► IMPOSSIBLE (act, O 2.13)
      │           │  (visit removed)└──► IMPOSSIBLE (subject absent at the agreed time)
      ├──► REFUSED ◄──┤ (O 2.3)
      └──► CANCELLED ◄┴── SCHEDULED

Terminal states (COMPLETED, IMPOSSIBLE, CANCELLED, REFUSED) go nowhere: a new request is made instead.
"""

from __future__ import annotations

from mobile_case.domain.errors import IllegalTransition
from mobile_case.domain.model import CaseState
from mobile_case.domain.texts import STATE_TITLES

S = CaseState

ALLOWED: dict[CaseState, frozenset[CaseState]] = {
    S.DRAFT: frozenset({S.REGISTERED, S.REFUSED, S.CANCELLED}),
    S.REGISTERED: frozenset({S.SCHEDULED, S.CANCELLED, S.REFUSED}),
    S.SCHEDULED: frozenset({S.IN_PROGRESS, S.REGISTERED, S.CANCELLED, S.IMPOSSIBLE}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.IMPOSSIBLE}),
    S.COMPLETED: frozenset(),
    S.IMPOSSIBLE: frozenset(),
    S.CANCELLED: frozenset(),
    S.REFUSED: frozenset(),
}

TERMINAL: frozenset[CaseState] = frozenset(s for s, targets in ALLOWED.items() if not targets)
ACTIVE: frozenset[CaseState] = frozenset(S) - TERMINAL

# What the user was trying to do, for the message («Неможливо <дія>: …»).
_ACTION: dict[CaseState, str] = {
    S.DRAFT: "повернути заявку в чернетку",
    S.REGISTERED: "прийняти заявку",
    S.SCHEDULED: "запланувати виїзд",
    S.IN_PROGRESS: "розпочати візит",
    S.COMPLETED: "завершити надання послуги",
    S.IMPOSSIBLE: "скласти акт про неможливість надання послуги",
    S.CANCELLED: "скасувати заявку",
    S.REFUSED: "відмовити у прийнятті заяви",
}

# Why it cannot be done from the current state, and what to do instead.
_WHY: dict[CaseState, str] = {
    S.DRAFT: "заявка ще є чернеткою. Спочатку прийміть заявку (перевірте відповідність умовам і збережіть її).",
    S.REGISTERED: "заявку прийнято, але виїзд ще не заплановано. Спочатку додайте візит до виїзду.",
    S.SCHEDULED: "виїзд заплановано, але візит ще не розпочато. Спочатку відкрийте візит за адресою заявника.",
    S.IN_PROGRESS: "візит уже триває. Завершіть його реєстрацією заяви або складіть акт про неможливість надання послуги.",
    S.COMPLETED: "послугу вже надано, заяву зареєстровано і справу сформовано; змінити стан такої заявки не можна.",
    S.IMPOSSIBLE: "щодо заявки вже складено акт про неможливість надання послуги; для нового візиту прийміть нову заявку.",
    S.CANCELLED: "заявку скасовано; якщо громадянин звернувся знову, прийміть нову заявку.",
    S.REFUSED: "у прийнятті заяви відмовлено; якщо причину усунуто, прийміть нову заявку.",
}


def can_transition(src: CaseState, dst: CaseState) -> bool:
    return dst in ALLOWED[CaseState(src)]


def transition(src: CaseState, dst: CaseState) -> CaseState:
    """Return ``dst`` when the move is allowed; otherwise raise ``IllegalTransition`` with a Ukrainian message."""
    src, dst = CaseState(src), CaseState(dst)
    if dst in ALLOWED[src]:
        return dst
    raise IllegalTransition(src.value, dst.value, illegal_message(src, dst))


def illegal_message(src: CaseState, dst: CaseState) -> str:
    src, dst = CaseState(src), CaseState(dst)
    if src == dst:
        return f"Заявка вже має стан «{STATE_TITLES[src]}»."
    return f"Неможливо {_ACTION[dst]}: {_WHY[src]}"


def state_title(state: CaseState) -> str:
    return STATE_TITLES[CaseState(state)]


def is_terminal(state: CaseState) -> bool:
    return CaseState(state) in TERMINAL


def next_states(state: CaseState) -> tuple[CaseState, ...]:
    """Allowed targets in the declaration order of ``CaseState`` (stable for menus and tests)."""
    allowed = ALLOWED[CaseState(state)]
    return tuple(s for s in CaseState if s in allowed)
