"""Roles and permissions (F15), checked below the UI by the services.

* Head of the CNAP (керівник Центру): everything, and is the only one who may open visit recordings
  (O 2.9: recordings are kept on the head's computer and used only by decision of the head).
* Administrator (адміністратор ЦНАП): intake, visits, outings, their own journals, export.
* Kit keeper (відповідальний за технічний стан, G 1.7): kit hand-over and maintenance, devices.
"""

from __future__ import annotations

from enum import StrEnum

from mobile_case.domain.errors import PermissionDenied
from mobile_case.domain.model import Role


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"  # create users, set PINs, deactivate
    VIEW_ALL_JOURNALS = "view_all_journals"  # journals of every administrator
    VIEW_OWN_JOURNALS = "view_own_journals"  # journals of the visits one made
    INTAKE = "intake"  # take, assess, register, refuse, cancel requests
    RUN_VISIT = "run_visit"  # open a visit, register the application, draw up an act
    PLAN_OUTINGS = "plan_outings"  # create outings, add visits, record calls
    KIT_HANDOVER = "kit_handover"  # Додаток 1 entries
    KIT_MAINTENANCE = "kit_maintenance"  # maintenance checklist (G 1.7)
    MANAGE_DEVICES = "manage_devices"  # device settings and tests
    OPEN_RECORDINGS = "open_recordings"  # O 2.9 — the head only
    EXPORT = "export"  # journals to PDF/XLSX
    BACKUP = "backup"  # database backup
    VIEW_SETTINGS = "view_settings"  # profile, devices
    EDIT_SETTINGS = "edit_settings"  # change settings, choose the community profile
    VIEW_REPORTS = "view_reports"  # quarterly statistics (F14)
    VIEW_AUDIT = "view_audit"  # the audit log


PERMISSION_TITLES: dict[Permission, str] = {
    Permission.MANAGE_USERS: "Керування користувачами",
    Permission.VIEW_ALL_JOURNALS: "Перегляд усіх журналів",
    Permission.VIEW_OWN_JOURNALS: "Перегляд власних журналів",
    Permission.INTAKE: "Прийом заявок",
    Permission.RUN_VISIT: "Проведення візитів",
    Permission.PLAN_OUTINGS: "Планування виїздів",
    Permission.KIT_HANDOVER: "Прийом-передача кейсу",
    Permission.KIT_MAINTENANCE: "Технічне обслуговування кейсу",
    Permission.MANAGE_DEVICES: "Налаштування пристроїв",
    Permission.OPEN_RECORDINGS: "Перегляд відеозаписів візитів",
    Permission.EXPORT: "Експорт журналів",
    Permission.BACKUP: "Резервне копіювання",
    Permission.VIEW_SETTINGS: "Перегляд налаштувань",
    Permission.EDIT_SETTINGS: "Зміна налаштувань",
    Permission.VIEW_REPORTS: "Звіти",
    Permission.VIEW_AUDIT: "Журнал дій користувачів",
}

P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.HEAD: frozenset(Permission),
    Role.ADMINISTRATOR: frozenset(
        {
            P.INTAKE,
            P.RUN_VISIT,
            P.PLAN_OUTINGS,
            P.KIT_HANDOVER,  # receives and returns the kit (Додаток 1, col. 8)
            P.VIEW_OWN_JOURNALS,
            P.EXPORT,
            P.VIEW_SETTINGS,
        }
    ),
    Role.KIT_KEEPER: frozenset(
        {
            P.KIT_HANDOVER,
            P.KIT_MAINTENANCE,
            P.MANAGE_DEVICES,
            P.BACKUP,
            P.VIEW_SETTINGS,
        }
    ),
}

_DENIED_HINT: dict[Permission, str] = {
    P.OPEN_RECORDINGS: "Відеозаписи візитів може переглядати лише керівник Центру (п. 2.9 Порядку).",
    P.MANAGE_USERS: "Користувачів додає і змінює лише керівник Центру.",
}


def permissions(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[Role(role)]


def has_permission(role: Role, permission: Permission) -> bool:
    return Permission(permission) in ROLE_PERMISSIONS[Role(role)]


def require(role: Role, permission: Permission) -> None:
    """Raise ``PermissionDenied`` (Ukrainian message) unless the role has the permission."""
    if has_permission(role, permission):
        return
    permission = Permission(permission)
    hint = _DENIED_HINT.get(permission)
    message = f"У вас немає права «{PERMISSION_TITLES[permission]}». " + (
        hint or "Зверніться до керівника Центру."
    )
    raise PermissionDenied(permission.value, message)
