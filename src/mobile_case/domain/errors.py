"""Domain exceptions: a Ukrainian message for the user, an English message for the log.

The log message (``str(exc)``) must never contain personal data; the user message may name the field.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the user may see."""

    def __init__(self, log_message: str, user_message: str) -> None:
        super().__init__(log_message)
        self.user_message = user_message


class ValidationError(DomainError):
    """A value typed by the user is not valid. ``field`` names the field (stable code)."""

    def __init__(self, field: str, user_message: str, log_message: str | None = None) -> None:
        super().__init__(log_message or f"invalid value in field {field!r}", user_message)
        self.field = field


class PermissionDenied(DomainError):
    def __init__(self, action: str, user_message: str | None = None) -> None:
        super().__init__(
            f"permission denied: {action}",
            user_message or "У вас немає прав на цю дію. Зверніться до керівника Центру.",
        )
        self.action = action


class AuthError(DomainError):
    pass


class NotFound(DomainError):
    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident} not found", "Запис не знайдено. Можливо, його вже видалено.")
        self.kind = kind


class IllegalTransition(DomainError):
    def __init__(self, source: str, target: str, user_message: str) -> None:
        super().__init__(f"illegal case transition {source} -> {target}", user_message)
        self.source = source
        self.target = target


class ProfileError(DomainError):
    """A community profile file is invalid: names the file, the field and the problem."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        super().__init__(
            f"invalid community profile {source}: {field}: {problem}",
            f"Файл профілю громади «{source}» містить помилку в полі «{field}»: {problem}",
        )
        self.source = source
        self.field = field
        self.problem = problem
