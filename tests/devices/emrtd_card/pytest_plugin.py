"""pytest plugin: one private pcscd with the vpcd readers for every test of the run that wants it.

Registered from tests/conftest.py (``pytest_plugins``), so tests/devices and tests/ui (and any other
folder) share the same fixtures whether they run in one pytest process or separately:

- ``pcsc_service``  session: pcscd with the vpcd readers (emrtd_card/pcsc_service.py), private to this
                    run where mount namespaces are allowed; started on first use, stopped by its PID at the
                    end of the session. Skips (with the apt packages to install) when pyscard, pcscd or
                    vsmartcard-vpcd are missing, or pcscd cannot be started.
- ``pcscd``         the first vpcd reader's name («Virtual PCD 00 00»).

libpcsclite reads its socket path once, at the first PC/SC call of the process, so this module points
the process at the private socket when it is imported — that is, when pytest loads the root conftest,
before any test module (or the app's PC/SC reader) talks to PC/SC. It also puts tests/devices on
``sys.path`` so that ``emrtd_card`` and ``vpcd_card`` import under one name everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_DEVICES = str(Path(__file__).resolve().parents[1])
if _DEVICES not in sys.path:
    sys.path.insert(0, _DEVICES)

from emrtd_card import pcsc_service as pcsc_service_module  # noqa: E402

pcsc_service_module.prepare_private_socket()


@pytest.fixture(scope="session")
def pcsc_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pcsc_service_module.PcscService]:
    """pcscd with the vpcd readers for the whole session (see emrtd_card/pcsc_service.py)."""
    reason = pcsc_service_module.missing_reason()
    if reason:
        pytest.skip(reason)
    try:
        service = pcsc_service_module.start(tmp_path_factory.mktemp("pcscd"))
    except RuntimeError as exc:
        pytest.skip(f"pcscd with the vpcd readers could not be started: {exc}")
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture
def pcscd(pcsc_service: pcsc_service_module.PcscService) -> str:
    """The first virtual reader's name («Virtual PCD 00 00»); cards for it connect to ``pcsc_service.port``."""
    return pcsc_service.reader
