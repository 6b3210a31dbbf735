"""PIN hashing (Argon2id, memory-hard) and the PIN rules."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Role
from mobile_case.storage import pins


def test_production_hash_is_argon2id_and_memory_hard():
    assert pins._hasher is pins.DEFAULT_HASHER
    h = pins.hash_pin("1357")
    assert h.startswith("$argon2id$")
    params = extract_parameters(h)
    assert params.memory_cost >= 64 * 1024 and params.time_cost >= 3
    assert pins.verify_pin(h, "1357") and not pins.verify_pin(h, "1358")
    assert pins.hash_pin("1357") != h  # salted
    assert not pins.verify_pin("not a hash", "1357")


@pytest.mark.parametrize(
    ("pin", "role", "ok"),
    [
        ("1357", Role.ADMINISTRATOR, True),
        ("0815", Role.KIT_KEEPER, True),
        ("13579135", Role.ADMINISTRATOR, True),
        ("135", Role.ADMINISTRATOR, False),
        ("135791357", Role.ADMINISTRATOR, False),
        ("1357", Role.HEAD, False),
        ("13579", Role.HEAD, False),
        ("240607", Role.HEAD, True),
        ("0000", Role.ADMINISTRATOR, False),
        ("1234", Role.ADMINISTRATOR, False),
        ("4321", Role.ADMINISTRATOR, False),
        ("345678", Role.HEAD, False),
        ("12 34", Role.ADMINISTRATOR, False),
        ("١٢٣٤", Role.ADMINISTRATOR, False),  # Arabic-Indic digits are digits to str.isdigit()
        ("", Role.ADMINISTRATOR, False),
    ],
)
def test_pin_rules(pin, role, ok):
    if ok:
        assert pins.check_pin_rules(pin, role) == pin
    else:
        with pytest.raises(ValidationError) as exc:
            pins.check_pin_rules(pin, role)
        assert exc.value.field == "pin" and exc.value.user_message
