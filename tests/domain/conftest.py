"""Fixtures of the domain tests: the shipped profiles, loaded once."""

from __future__ import annotations

import pytest

from mobile_case.domain.profile import CommunityProfile
from mobile_case.profiles import communities_dir, load_profile


@pytest.fixture(scope="session")
def chortkiv() -> CommunityProfile:
    return load_profile(communities_dir() / "chortkiv.toml")


@pytest.fixture(scope="session")
def illintsi() -> CommunityProfile:
    return load_profile(communities_dir() / "illintsi.toml")
