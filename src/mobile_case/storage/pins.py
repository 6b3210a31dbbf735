"""PINs: the rules, and hashing with Argon2id (memory-hard; argon2-cffi's RFC 9106 low-memory profile:
3 passes over 64 MiB, 4 lanes — about 50–100 ms per check on the kit laptop).

Rules (decided for F15, shown to the user in Ukrainian):
- digits only; 4 to 8 digits for administrators and kit keepers;
- at least 6 digits for the head of the Centre (the head manages accounts and may open recordings);
- not one digit repeated (0000, 111111) and not a straight run up or down (1234, 987654).
A short PIN is acceptable only because the account locks after 5 wrong attempts and the data are
encrypted at rest with a key that does not depend on the PIN.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Role

PIN_MIN = 4
PIN_MIN_HEAD = 6
PIN_MAX = 8

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory defaults
DEFAULT_HASHER = _hasher


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Swap the hasher (tests use a cheaper Argon2id to stay fast); returns the previous one.
    Existing hashes keep verifying: each hash carries its own parameters, and a login with a hash
    made under other parameters re-hashes it with the current ones."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def min_length(role: Role) -> int:
    return PIN_MIN_HEAD if role == Role.HEAD else PIN_MIN


def check_pin_rules(pin: str, role: Role, field: str = "pin") -> str:
    """Return ``pin`` if it follows the rules, else raise ``ValidationError`` (Ukrainian message)."""
    shortest = min_length(role)
    if not pin.isascii() or not pin.isdigit():
        raise ValidationError(field, "PIN має складатися лише з цифр.")
    if not shortest <= len(pin) <= PIN_MAX:
        who = "керівника Центру" if role == Role.HEAD else "користувача"
        raise ValidationError(field, f"PIN {who} має містити від {shortest} до {PIN_MAX} цифр.")
    if len(set(pin)) == 1:
        raise ValidationError(field, "PIN не може складатися з однієї повтореної цифри.")
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({1}, {-1}):
        raise ValidationError(field, "PIN не може бути послідовністю цифр (як 1234 чи 4321).")
    return pin


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(pin_hash: str) -> bool:
    return _hasher.check_needs_rehash(pin_hash)
