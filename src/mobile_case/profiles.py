"""Loading community profiles from ``resources/communities/*.toml`` (the file I/O side of F1).

``domain.profile`` turns parsed data into a checked ``CommunityProfile``; this module finds the files,
parses the TOML (stdlib ``tomllib``) and turns syntax errors into ``ProfileError`` naming the file and
the line. ``resources_dir()`` is the one place that knows where ``resources/`` lives:

1. ``MOBILE_CASE_RESOURCES`` environment variable, if set (tests, unusual installs);
2. a PyInstaller bundle: ``sys._MEIPASS/resources`` (the spec copies ``resources/`` there);
3. a source checkout / editable install: ``<repo>/resources`` next to ``src/``;
4. a wheel that ships the folder inside the package: ``mobile_case/resources`` (importlib.resources).
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from mobile_case.domain.errors import ProfileError
from mobile_case.domain.profile import CommunityProfile, Service, catalogue_from_dict, profile_from_dict

log = logging.getLogger(__name__)

DEFAULT_PROFILE_CODE = "chortkiv"
CATALOGUE_FILE = "services.toml"
ENV_RESOURCES = "MOBILE_CASE_RESOURCES"


def resources_dir() -> Path:
    """The folder holding ``communities/``, ``fonts/``, ``translations/`` … (see the module doc)."""
    env = os.environ.get(ENV_RESOURCES)
    if env:
        return Path(env)
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        bundled = Path(meipass) / "resources"
        if bundled.is_dir():
            return bundled
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    try:
        packaged = Path(str(importlib_resources.files("mobile_case") / "resources"))
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - exotic loaders
        pass
    return checkout


def communities_dir() -> Path:
    return resources_dir() / "communities"


def _display_name(path: Path) -> str:
    """The file name shown in messages: relative to resources/ when inside it, else the full path."""
    try:
        return str(path.resolve().relative_to(resources_dir().resolve()))
    except ValueError:
        return str(path)


def read_toml(path: Path) -> Mapping[str, Any]:
    """Parse a TOML file; any problem becomes ``ProfileError`` naming the file (and line for syntax)."""
    name = _display_name(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(name, "(файл)", "файл не знайдено.") from None
    except OSError as exc:
        raise ProfileError(name, "(файл)", f"файл не вдалося прочитати ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            name,
            "(файл)",
            f"файл має бути збережений у кодуванні UTF-8 (помилковий байт у позиції {exc.start}).",
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _error_position(exc, text)
        where = f"рядок {line}, позиція {col}" if line else "невідоме місце"
        raise ProfileError(
            name, f"(рядок {line})" if line else "(файл)", f"синтаксична помилка TOML ({where}): {exc}."
        ) from None


def _error_position(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    lineno = getattr(exc, "lineno", None)
    colno = getattr(exc, "colno", None)
    if lineno:
        return int(lineno), int(colno or 0)
    # Python 3.11/3.12: the message ends with "(at line L, column C)"
    msg = str(exc)
    marker = "(at line "
    if marker in msg:
        tail = msg.rsplit(marker, 1)[1].rstrip(")")
        parts = tail.replace("column", "").split(",")
        try:
            return int(parts[0]), int(parts[1])
        except (ValueError, IndexError):
            return 0, 0
    if "(at end of document)" in msg:
        return text.count("\n") + 1, 0
    return 0, 0


def load_catalogue(path: Path | None = None) -> tuple[Service, ...]:
    """The shared service catalogue (``resources/communities/services.toml`` by default)."""
    path = path or communities_dir() / CATALOGUE_FILE
    return catalogue_from_dict(read_toml(path), _display_name(path))


def load_profile(path: Path | str, catalogue_path: Path | None = None) -> CommunityProfile:
    """Load and check one community profile. The catalogue is ``services.toml`` next to the file
    (or ``catalogue_path``); without one, only the profile's own ``[[services]]`` are available."""
    path = Path(path)
    data = read_toml(path)
    if catalogue_path is None:
        candidate = path.parent / CATALOGUE_FILE
        catalogue_path = candidate if candidate.is_file() else None
    catalogue = load_catalogue(catalogue_path) if catalogue_path is not None else None
    profile = profile_from_dict(data, _display_name(path), catalogue)
    log.info(
        "community profile %s loaded from %s (%d services)", profile.code, path.name, len(profile.services)
    )
    return profile


def available_profiles(folder: Path | None = None) -> list[tuple[str, Path]]:
    """(code, path) of every community file in the folder, sorted by code; the catalogue is skipped.

    Only the ``code`` key is read here, so a broken file still shows up (and fails when loaded)."""
    folder = folder or communities_dir()
    result: list[tuple[str, Path]] = []
    if not folder.is_dir():
        return result
    for path in sorted(folder.glob("*.toml")):
        if path.name == CATALOGUE_FILE:
            continue
        code = path.stem
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            if isinstance(data.get("code"), str) and data["code"].strip():
                code = data["code"].strip()
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            pass
        result.append((code, path))
    result.sort(key=lambda item: item[0])
    return result


def profile_path(code: str, folder: Path | None = None) -> Path:
    for found, path in available_profiles(folder):
        if found == code:
            return path
    raise ProfileError(f"{code}.toml", "code", f"профіль громади з кодом «{code}» не знайдено.")


def load_profile_by_code(code: str, folder: Path | None = None) -> CommunityProfile:
    return load_profile(profile_path(code, folder))


@lru_cache(maxsize=1)
def default_profile() -> CommunityProfile:
    """The default community (Chortkiv, O 1.5). Cached: profiles are immutable."""
    return load_profile(communities_dir() / f"{DEFAULT_PROFILE_CODE}.toml")
