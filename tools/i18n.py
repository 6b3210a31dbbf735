#!/usr/bin/env python3
"""Translation catalogues of the UI rooms (resources/translations/uk/<room>.ts).

Usage (from the repository root; started by a Python without PySide6, e.g. ``./tools/i18n.py`` on a
fresh clone, the tool runs itself again under the project's .venv):

  python tools/i18n.py update <room> [files or folders ...]
      Run lupdate over the room's Python files and create/update resources/translations/uk/<room>.ts,
      keeping every existing translation. Without files, the room's own paths are used:
        shell  -> src/mobile_case/app.py, src/mobile_case/ui/*.py, ui/widgets/, ui/settings_tabs/
        intake -> src/mobile_case/ui/intake/, src/mobile_case/ui/outings/
        visit  -> src/mobile_case/ui/visit/, src/mobile_case/ui/journals/
        recorder -> ui/visit/recording.py, ui/widgets/rec_indicator.py (the visit's recording, issue 5)
        chip   -> ui/visit/steps/identification.py, ui/widgets/cardread.py (the ID-card read, issue 3)
      --drop-obsolete removes messages whose source string is gone from the code.

  python tools/i18n.py fill <room> <mapping.json>
      Set translations from a JSON object {"English source": "Українською", ...}. A key may be
      "Context::English source" to target one context only. A value may be a list of three strings for
      a plural (%n) message (one / few / many). Prints the keys that matched nothing.

  python tools/i18n.py missing <room>
      Print the room's unfinished messages as a JSON mapping source -> "" (a template for `fill`).

  python tools/i18n.py check
      Verify that every translatable string in src/mobile_case/ui/ (and app.py) has a finished Ukrainian
      translation in some catalogue, in the same context. Exit 1 listing the missing ones.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "mobile_case"
UI = SRC / "ui"
TRANSLATIONS = ROOT / "resources" / "translations" / "uk"

ROOM_PATHS: dict[str, list[Path]] = {
    "shell": [SRC / "app.py", UI, UI / "widgets", UI / "settings_tabs"],  # UI: only its top-level files
    "intake": [UI / "intake", UI / "outings"],
    "visit": [UI / "visit", UI / "journals"],
    "kit": [UI / "kit"],  # issue 5: self-check, maintenance log, recorder import, lid sensor
    "scanner": [UI / "visit" / "scan_editor.py", UI / "visit" / "steps" / "documents.py"],  # issue 5
    "recorder": [UI / "visit" / "recording.py", UI / "widgets" / "rec_indicator.py"],  # issue 5
    "chip": [UI / "visit" / "steps" / "identification.py", UI / "widgets" / "cardread.py"],  # issue 3
    "sync": [UI / "widgets" / "sync_queue.py", UI / "widgets" / "sync_settings.py"],  # issue 4 (outbox)
    "office": [UI / "office"],  # issue 4 (station): the head's office window
}


def in_project_python() -> None:
    """Run under the project's .venv when started by a Python without PySide6 (``python3 tools/i18n.py``
    or ``./tools/i18n.py`` in a shell where the .venv is not activated, e.g. on a fresh clone in CI)."""
    try:
        import PySide6  # noqa: F401
    except ImportError:
        venv = ROOT / ".venv"
        in_venv = Path(sys.prefix).resolve() == venv.resolve()
        for venv_python in (venv / "bin" / "python", venv / "Scripts" / "python.exe"):
            if venv_python.exists() and not in_venv:
                os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
        raise SystemExit(
            "PySide6 is not installed for this Python and there is no .venv: run `bash scripts/setup.sh test`"
        ) from None


def qt_tool(name: str) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from mobile_case.i18n import qt_tool as find

    tool = find(name)
    if tool is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials into the .venv")
    return str(tool)


def qt_tool_env(tool: str) -> dict[str, str]:
    """The Qt libraries of the wheel on the library path (see ``mobile_case.i18n.qt_tool_env``)."""
    sys.path.insert(0, str(ROOT / "src"))
    from mobile_case.i18n import qt_tool_env as env

    return env(Path(tool))


def py_files(path: Path, recursive: bool = True) -> list[Path]:
    if path.is_file():
        return [path] if path.suffix == ".py" else []
    if not path.is_dir():
        return []
    pattern = "**/*.py" if recursive else "*.py"
    return sorted(p for p in path.glob(pattern) if "__pycache__" not in p.parts)


def room_files(room: str) -> list[Path]:
    if room not in ROOM_PATHS:
        raise SystemExit(f"unknown room {room!r}; give the files explicitly")
    files: list[Path] = []
    for path in ROOM_PATHS[room]:
        files += py_files(path, recursive=not (room == "shell" and path == UI))
    # A file claimed more specifically by another room (its own path, or a deeper folder) belongs to that
    # room only: `update visit` must not copy the chip, scanner or recorder rooms' strings into visit.ts.
    return [f for f in files if owner_room(f) == room]


def owner_room(file: Path) -> str:
    """The room whose ROOM_PATHS entry names ``file`` most specifically (the longest matching path)."""
    best, best_len = "", -1
    for room, paths in ROOM_PATHS.items():
        for path in paths:
            if file == path or path in file.parents:
                if room == "shell" and path == UI and file.parent != UI:
                    continue  # shell takes only the top-level files of ui/
                length = len(path.parts)
                if length > best_len:
                    best, best_len = room, length
    return best


def all_ui_files() -> list[Path]:
    return [SRC / "app.py", *py_files(UI)] if (SRC / "app.py").exists() else py_files(UI)


def run_lupdate(files: list[Path], ts: Path, drop_obsolete: bool = False, locations: str = "relative") -> str:
    ts.parent.mkdir(parents=True, exist_ok=True)
    tool = qt_tool("lupdate")
    args = [
        tool,
        *map(str, files),
        "-ts",
        str(ts),
        "-target-language",
        "uk_UA",
        "-source-language",
        "en",
        "-locations",
        locations,
    ]
    if drop_obsolete:
        args.append("-no-obsolete")
    result = subprocess.run(args, capture_output=True, text=True, check=False, env=qt_tool_env(tool))
    if result.returncode != 0:
        raise SystemExit(f"lupdate failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


# -- .ts reading and writing ---------------------------------------------------------------------
@dataclass
class Message:
    context: str
    source: str
    comment: str
    finished: bool
    obsolete: bool
    location: str
    numerus: bool = False  # a plural (%n): in a .ts, numerus="yes"; in the code, a count is passed


def read_ts(path: Path) -> list[Message]:
    tree = ET.parse(path)
    messages: list[Message] = []
    last_file = ""
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            if tr is None:
                text_ok = False
            elif msg.get("numerus") == "yes":
                forms = [f.text or "" for f in tr.iter("numerusform")]
                text_ok = bool(forms) and all(f.strip() for f in forms)
            else:
                text_ok = bool((tr.text or "").strip())
            loc = msg.find("location")
            location = ""
            if loc is not None:
                last_file = loc.get("filename") or last_file
                file = (path.parent / last_file).resolve() if last_file else path
                try:
                    shown = str(file.relative_to(ROOT))
                except ValueError:
                    shown = str(file)
                location = f"{shown}:{(loc.get('line') or '').lstrip('+')}"
            messages.append(
                Message(
                    context=name,
                    source=msg.findtext("source") or "",
                    comment=msg.findtext("comment") or "",
                    finished=text_ok and kind not in ("unfinished", "vanished", "obsolete"),
                    obsolete=kind in ("vanished", "obsolete"),
                    location=location,
                    numerus=msg.get("numerus") == "yes",
                )
            )
    return messages


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def fill(room: str, mapping: dict[str, object]) -> tuple[int, list[str]]:
    ts = TRANSLATIONS / f"{room}.ts"
    if not ts.exists():
        raise SystemExit(f"{ts} does not exist; run `update {room}` first")
    tree = ET.parse(ts)
    used: set[str] = set()
    changed = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            key = f"{name}::{source}"
            if key in mapping:
                value = mapping[key]
                used.add(key)
            elif source in mapping:
                value = mapping[source]
                used.add(source)
            else:
                continue
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            if tr.get("type") in ("vanished", "obsolete"):
                continue
            if msg.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value] * 3
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = str(form)
            else:
                if isinstance(value, list):
                    value = value[0]
                tr.text = str(value)
            if "type" in tr.attrib and str(value).strip():
                del tr.attrib["type"]
            changed += 1
    write_ts(tree, ts)
    return changed, sorted(set(mapping) - used)


def literal_calls(files: list[Path]) -> list[Message]:
    """The translatable literals of ``files`` found by reading the code (``ast``): ``self.tr("…")``,
    ``*.translate("Ctx", "…")``, ``QT_TRANSLATE_NOOP("Ctx", "…")``, ``QT_TR_NOOP("…")``. A second
    opinion next to lupdate, whose Python parser silently skips some calls (e.g. a ``%n`` count given
    as an expression such as ``len(x) - 1``)."""
    import ast

    found: list[Message] = []

    def const(node: ast.AST | None) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        try:
            shown = str(path.relative_to(ROOT))
        except ValueError:
            shown = str(path)

        def visit(node: ast.AST, cls: str, shown: str = shown) -> None:
            if isinstance(node, ast.ClassDef):
                cls = node.name
            if isinstance(node, ast.Call):
                func = node.func
                name = (
                    func.attr
                    if isinstance(func, ast.Attribute)
                    else func.id
                    if isinstance(func, ast.Name)
                    else ""
                )
                args = node.args
                ctx = src = comment = None
                counted = any(k.arg == "n" for k in node.keywords)
                if name in ("tr", "QT_TR_NOOP") and args and cls:
                    ctx, src = cls, const(args[0])
                    comment = const(args[1]) if len(args) > 1 else None
                    counted = counted or len(args) > 2
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                    ctx, src = const(args[0]), const(args[1])
                    comment = const(args[2]) if len(args) > 2 else None
                    counted = counted or len(args) > 3
                if ctx and src:
                    loc = f"{shown}:{node.lineno}"
                    found.append(Message(ctx, src, comment or "", False, False, loc, counted))
            for child in ast.iter_child_nodes(node):
                visit(child, cls)

        visit(tree, "")
    return found


def check() -> list[str]:
    """Problems: every tr() string of src/mobile_case/ui (and app.py) lacking a finished translation,
    and every literal that lupdate cannot see (so it could never get into a catalogue)."""
    files = all_ui_files()
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.ts"
        run_lupdate(files, probe, locations="absolute")
        wanted = read_ts(probe)
    seen_by_lupdate = {(m.context, m.source): m for m in wanted}
    calls = literal_calls(files)
    unseen = [m for m in calls if (m.context, m.source) not in seen_by_lupdate]
    # a count passed, but lupdate made a plain message of it (QCoreApplication.translate with a variable
    # count): Qt then finds no translation for the «few»/«many» forms, so «+ 2 more» stays English
    not_plural = [
        m
        for m in calls
        if m.numerus
        and "%n" in m.source
        and (m.context, m.source) in seen_by_lupdate
        and not seen_by_lupdate[(m.context, m.source)].numerus
    ]
    have: set[tuple[str, str, str]] = set()
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        for m in read_ts(ts):
            if m.finished:
                have.add((m.context, m.source, m.comment))
    problems = []
    for m in wanted:
        if (m.context, m.source, m.comment) not in have:
            problems.append(f"{m.location}  [{m.context}]  {m.source!r}")
    for m in not_plural:
        problems.append(
            f"{m.location}  [{m.context}]  {m.source!r}  (a count is passed but lupdate does not make it a "
            'plural: use self.tr(source, "", n) inside the class)'
        )
    for m in unseen:
        problems.append(
            f"{m.location}  [{m.context}]  {m.source!r}  (lupdate cannot extract this call: pass plain "
            "literals and a plain name for the %n count)"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    in_project_python()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_update = sub.add_parser("update", help="create/update a room's .ts with lupdate")
    p_update.add_argument("room")
    p_update.add_argument("files", nargs="*", type=Path)
    p_update.add_argument("--drop-obsolete", action="store_true")
    p_fill = sub.add_parser("fill", help="set translations from a JSON mapping")
    p_fill.add_argument("room")
    p_fill.add_argument("mapping", type=Path)
    p_missing = sub.add_parser("missing", help="print a room's unfinished messages as JSON")
    p_missing.add_argument("room")
    sub.add_parser("check", help="every UI string has a finished Ukrainian translation")
    args = parser.parse_args(argv)

    if args.command == "update":
        files: list[Path] = []
        for f in args.files:
            files += py_files(f.resolve())
        files = files or room_files(args.room)
        if not files:
            raise SystemExit("no Python files to scan")
        print(run_lupdate(files, TRANSLATIONS / f"{args.room}.ts", args.drop_obsolete).strip())
        return 0
    if args.command == "fill":
        mapping = json.loads(args.mapping.read_text(encoding="utf-8"))
        changed, unused = fill(args.room, mapping)
        print(f"{changed} message(s) translated in {args.room}.ts")
        for key in unused:
            print(f"not found in {args.room}.ts: {key!r}")
        return 0
    if args.command == "missing":
        ts = TRANSLATIONS / f"{args.room}.ts"
        pending = {m.source: "" for m in read_ts(ts) if not m.finished and not m.obsolete}
        print(json.dumps(pending, ensure_ascii=False, indent=2))
        return 0
    if args.command == "check":
        problems = check()
        if problems:
            print(f"{len(problems)} UI string(s) without a finished Ukrainian translation:")
            for line in problems:
                print("  " + line)
            return 1
        print("every UI string has a Ukrainian translation")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
