"""The merged journals: the lines a received case adds (services, acts, hand-over), the service date
retention counts from, and the journals' view for the office."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from mobile_case.station.common import StationPart
from mobile_case.station.errors import ApiError
from mobile_case.station.store import journal_lines, kits, now_utc

JOURNALS = ("services", "acts", "handover")


class Journals(StationPart):
    def journal(self, kind: str, day_from: date | None = None, day_to: date | None = None) -> list[dict[str, Any]]:
        if kind not in JOURNALS:
            raise ApiError(404, "not_found", f"journal must be one of {', '.join(JOURNALS)}")
        query = select(journal_lines, kits.c.name.label("kit_name")).join(
            kits, kits.c.kit_id == journal_lines.c.kit_id
        ).where(journal_lines.c.journal == kind)
        if day_from:
            query = query.where(journal_lines.c.day >= day_from)
        if day_to:
            query = query.where(journal_lines.c.day <= day_to)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(journal_lines.c.day, journal_lines.c.id)).all()
        return [
            {"kit_id": r.kit_id, "kit_name": r.kit_name, "package_id": r.package_id,
             "day": r.day.isoformat() if r.day else None, "line": r.line}
            for r in rows
        ]


def _parse_day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _visits(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The case's visits as the kit seals them: ``case.visits[] = {"visit": {...}, "journal_services_number"…}``."""
    out = []
    for item in case.get("visits") or []:
        if isinstance(item, dict):
            out.append(item)
    return out


def _service_date(case: dict[str, Any], manifest: dict[str, Any], files: list[dict[str, Any]]) -> date:
    """The service date retention counts from: ``case.service_date`` if given, else the day the last visit
    was closed (or opened), else the day of the first act, else the first recording's day, else the
    sealing day."""
    day = _parse_day(case.get("service_date"))
    if day:
        return day
    for item in reversed(_visits(case)):
        visit = item.get("visit") if isinstance(item.get("visit"), dict) else {}
        day = _parse_day(visit.get("closed_at")) or _parse_day(visit.get("opened_at"))
        if day:
            return day
    for item in case.get("acts") or []:
        act = item.get("act") if isinstance(item, dict) and isinstance(item.get("act"), dict) else {}
        day = _parse_day(act.get("drawn_at"))
        if day:
            return day
    for f in files:
        day = _parse_day(f.get("recorded_at"))
        if day:
            return day
    return _parse_day(manifest.get("sealed_at")) or now_utc().date()


def _journal_lines(case: dict[str, Any], service_day: date) -> list[tuple[str, date, dict[str, Any]]]:
    """The lines this case adds to the merged journals (kit id and package id are added by the caller):
    a services-journal line per visit with a journal number, an acts-journal line per act, and the
    hand-over lines of the case's outings (each once per kit: ``key`` is the line's id)."""
    request = case.get("request") if isinstance(case.get("request"), dict) else {}
    request_number = case.get("request_number") or request.get("number") or ""
    out: list[tuple[str, date, dict[str, Any]]] = []
    for item in _visits(case):
        number = item.get("journal_services_number")
        visit = item.get("visit") if isinstance(item.get("visit"), dict) else {}
        if number is None:
            continue
        day = _parse_day(visit.get("closed_at")) or _parse_day(visit.get("opened_at")) or service_day
        out.append(
            (
                "services",
                day,
                {
                    "key": f"visit:{visit.get('id', number)}",
                    "number": number,
                    "date": day.isoformat(),
                    "request_number": request_number,
                    "case_number": visit.get("case_number", ""),
                    "subject": request.get("subject", {}),
                    "address": request.get("address", {}),
                    "service_codes": request.get("service_codes", []),
                    "category_code": request.get("category_code", ""),
                    "payment": item.get("payment", {}),
                },
            )
        )
    for item in case.get("acts") or []:
        act = item.get("act") if isinstance(item, dict) and isinstance(item.get("act"), dict) else {}
        if not act:
            continue
        day = _parse_day(act.get("drawn_at")) or service_day
        out.append(
            (
                "acts",
                day,
                {
                    "key": f"act:{act.get('id', '')}",
                    "number": item.get("journal_acts_number") or act.get("number", ""),
                    "date": day.isoformat(),
                    "request_number": request_number,
                    "service_titles": act.get("service_titles", ""),
                    "subject_name": act.get("subject_name", ""),
                    "address_text": act.get("address_text", ""),
                    "stage": act.get("stage", ""),
                    "reason": act.get("reason", ""),
                    "administrator_name": act.get("administrator_name", ""),
                },
            )
        )
    journal = case.get("journal") if isinstance(case.get("journal"), dict) else {}
    for line in journal.get("handover") or []:
        if isinstance(line, dict):
            day = _parse_day(line.get("at")) or service_day
            out.append(("handover", day, {"key": f"handover:{line.get('id', line.get('number'))}", **line}))
    return out
