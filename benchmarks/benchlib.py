"""Small helpers shared by the benchmarks (no Qt at import time).

* ``cache_dir()``   where seeded stores and compiled bytecode are kept between runs;
* ``fingerprint()`` a short hash of source files (a cached store is seeded again when they change);
* ``demo_store()``  a data folder with the demo store (``seed_demo``) seeded today, cached;
* ``child_env()``   the environment of a benchmark's child process;
* ``rss_mb()``      resident memory of this process from ``/proc/self/status``;
* ``percentile()``  nearest-rank percentile of a list of numbers.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
KEYRING_FAIL = "keyring.backends.fail.Keyring"  # no OS keyring: the store keeps its key in a key file


def cache_dir() -> Path:
    """``$MOBILE_CASE_BENCH_CACHE`` or ``<temp>/mobile-case-bench`` (created)."""
    path = Path(
        os.environ.get("MOBILE_CASE_BENCH_CACHE") or Path(tempfile.gettempdir()) / "mobile-case-bench"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def child_env(**extra: str) -> dict[str, str]:
    """Offscreen Qt, the *fail* keyring backend, and compiled bytecode kept in the
    bench cache (an installed app has its .pyc files; a developer's ``PYTHONDONTWRITEBYTECODE`` would
    otherwise make every child compile whatever source changed since its last .pyc was written)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = KEYRING_FAIL
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MOBILE_CASE_STARTUP_PROBE", None)
    env.update(extra)
    return env


def fingerprint(paths: list[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def storage_sources() -> list[Path]:
    """The files that decide how a case is stored."""
    src = SRC / "mobile_case"
    return [
        src / "domain" / "model.py",
        src / "storage" / "models.py",
        src / "storage" / "repo.py",
        src / "storage" / "codec.py",
        *sorted((src / "storage" / "migrations" / "versions").glob("*.py")),
    ]


def demo_store() -> Path:
    """The data folder of a demo store seeded today (``services.demo.seed_demo``, key in a key file
    as with the *fail* keyring), cached in the bench cache. Copy it before use."""
    use_offscreen_here()
    key = fingerprint(
        [*storage_sources(), SRC / "mobile_case" / "services" / "demo.py"], date.today().isoformat()
    )
    root = cache_dir()
    target = root / f"demo-{key}"
    if (target / "seeded").exists():
        return target / "data"
    for old in root.glob("demo-*"):
        shutil.rmtree(old, ignore_errors=True)
    from mobile_case.profiles import default_profile
    from mobile_case.services.demo import seed_demo

    building = Path(tempfile.mkdtemp(prefix="demo-", suffix=".building", dir=root))
    seed_demo(building / "data", default_profile())
    (building / "seeded").write_text("ok")
    building.rename(target)
    return target / "data"


def use_offscreen_here() -> None:
    """The same settings for this process (call before importing Qt or keyring): offscreen Qt, the
    *fail* keyring, and bytecode written to / read from the bench cache from now on."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHON_KEYRING_BACKEND"] = KEYRING_FAIL
    sys.pycache_prefix = str(cache_dir() / "pycache")
    sys.dont_write_bytecode = False
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} missing from /proc/self/status")


def rss_mb() -> float:
    """Resident set size now (VmRSS), MiB."""
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """Highest resident set size so far (VmHWM), MiB."""
    return _status_kb("VmHWM") / 1024


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
