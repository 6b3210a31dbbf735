"""``kit-devices.json`` in the data folder: one JSON object with a section per kit device (``lid``,
``external_recorder``), each a dataclass of plain values. A section is read over the dataclass's defaults
(a value of another type than the default's is ignored); writing one section keeps the others and replaces
the file atomically."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

SETTINGS_FILE = "kit-devices.json"

T = TypeVar("T")


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def load_section(data_dir: Path, name: str, cls: type[T]) -> T:
    """Section ``name`` as a ``cls`` (defaults when the file, the section or a value is missing or bad)."""
    config = cls()
    try:
        data = _read(Path(data_dir) / SETTINGS_FILE)
    except FileNotFoundError:
        return config
    except (OSError, ValueError) as exc:
        log.warning("kit device settings unreadable (%s); %s defaults used", type(exc).__name__, name)
        return config
    section = data.get(name)
    if isinstance(section, dict):
        for f in fields(config):  # type: ignore[arg-type]
            value = section.get(f.name)
            if value is not None and type(value) is type(getattr(config, f.name)):
                setattr(config, f.name, value)
    return config


def save_section(data_dir: Path, name: str, config: Any) -> None:
    """Write section ``name`` (a dataclass); the other sections are kept."""
    path = Path(data_dir) / SETTINGS_FILE
    try:
        data = _read(path)
    except (OSError, ValueError):
        data = {}
    data[name] = asdict(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
