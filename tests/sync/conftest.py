from __future__ import annotations

import os

import pytest

from mobile_case.storage.keys import StaticKeyProvider
from mobile_case.storage.store import open_store

from .mini_station import MiniStation


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "kit", StaticKeyProvider(os.urandom(32)))
    yield st
    st.close()


@pytest.fixture
def station(tmp_path):
    s = MiniStation(tmp_path / "station-tmp" if (tmp_path / "station-tmp").mkdir() is None else None)
    yield s
    s.close()
