"""Dataclass <-> JSON for the nested parts of the domain entities kept in JSON columns.

Typed by the dataclass annotations: enums by value, dates/times in ISO 8601, Decimal as text.
Unknown keys are ignored and missing keys take the field's default, so an older row still loads
after a field is added to a dataclass (and a newer one in an older app).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A JSON-ready structure for a dataclass (or any value inside one)."""
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in value]
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from :func:`to_plain` output."""
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        if len(args) == 1:
            return from_plain(args[0], data)
        for arg in args:  # pragma: no cover - the model has no such unions today
            try:
                return from_plain(arg, data)
            except (TypeError, ValueError):
                continue
        raise ValueError(f"no member of {tp} accepts {data!r}")
    if data is None:
        return None
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(tp)
        item = args[0] if args else Any
        items = [from_plain(item, v) for v in data]
        return origin(items) if origin is not list else items
    if origin is dict:
        ktp, vtp = typing.get_args(tp) or (Any, Any)
        return {from_plain(ktp, k): from_plain(vtp, v) for k, v in data.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return from_dict(tp, data)
        if issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            return datetime.fromisoformat(data)
        if tp is date:
            return date.fromisoformat(data)
        if tp is time:
            return time.fromisoformat(data)
        if tp is Decimal:
            return Decimal(str(data))
        if tp is bool:
            return bool(data)
        if tp in (int, float, str):
            return tp(data)
    raise TypeError(f"cannot load a value of type {tp!r}")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data and f.init:
            kwargs[f.name] = from_plain(hints[f.name], data[f.name])
    return cls(**kwargs)


def loads(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))
