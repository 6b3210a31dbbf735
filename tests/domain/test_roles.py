"""Role → permission matrix; only the head may open recordings (O 2.9)."""

from __future__ import annotations

import pytest

from mobile_case.domain.errors import PermissionDenied
from mobile_case.domain.model import Role
from mobile_case.domain.roles import PERMISSION_TITLES, Permission, has_permission, permissions, require

P = Permission

MATRIX = {
    Role.HEAD: set(Permission),
    Role.ADMINISTRATOR: {
        P.INTAKE,
        P.RUN_VISIT,
        P.PLAN_OUTINGS,
        P.KIT_HANDOVER,
        P.VIEW_OWN_JOURNALS,
        P.EXPORT,
        P.VIEW_SETTINGS,
    },
    Role.KIT_KEEPER: {P.KIT_HANDOVER, P.KIT_MAINTENANCE, P.MANAGE_DEVICES, P.BACKUP, P.VIEW_SETTINGS},
}


@pytest.mark.parametrize(("role", "perm"), [(r, p) for r in Role for p in Permission])
def test_matrix(role, perm):
    allowed = perm in MATRIX[role]
    assert has_permission(role, perm) is allowed
    if allowed:
        require(role, perm)
    else:
        with pytest.raises(PermissionDenied) as info:
            require(role, perm)
        assert info.value.action == perm.value
        assert PERMISSION_TITLES[perm] in info.value.user_message
        assert str(info.value) == f"permission denied: {perm.value}"


def test_only_the_head_opens_recordings():
    assert [r for r in Role if has_permission(r, P.OPEN_RECORDINGS)] == [Role.HEAD]
    with pytest.raises(PermissionDenied) as info:
        require(Role.ADMINISTRATOR, P.OPEN_RECORDINGS)
    assert "п. 2.9 Порядку" in info.value.user_message


def test_strings_are_accepted():
    assert has_permission("head", "manage_users")
    assert permissions(Role.KIT_KEEPER) == frozenset(MATRIX[Role.KIT_KEEPER])


def test_every_permission_has_a_title():
    assert set(PERMISSION_TITLES) == set(Permission)
