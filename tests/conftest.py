"""Suite-wide defaults: headless Qt, no real OS keyring, no writes outside temp folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the developer's real keyring; storage tests switch backends explicitly.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
# Qt writes caches/settings under these; keep them out of the developer's home.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/mobile-case-test-runtime")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

pytest_plugins = ["devices.emrtd_card.pytest_plugin"]  # pcscd + vpcd fixtures for any folder (issue 3)
