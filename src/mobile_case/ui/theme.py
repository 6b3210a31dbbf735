"""The look of the app: touch-sized controls and large type for a 10" 1280×800 screen.

One place for sizes and colours, so every room's screens look alike. Widgets opt into variants through
dynamic properties, e.g. ``button.setProperty("kind", "primary")`` or ``label.setProperty("role", "muted")``
— the stylesheet below styles them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Sizes (logical pixels). Touch targets are never smaller than TOUCH_MIN (≥ 44 px guideline).
TOUCH_MIN = 48
BIG_BUTTON_HEIGHT = 56
KEYPAD_KEY = 72
FONT_PX = 17
FONT_SMALL_PX = 15
FONT_LARGE_PX = 20
FONT_TITLE_PX = 26
RAIL_WIDTH = 168
# The navigation rail's buttons (icon over text): compact enough for seven screens and the device chips
# in 800 px (the head's rail: home … journals, kit, settings), still far above TOUCH_MIN.
RAIL_BUTTON_MIN = 58
RAIL_ICON = 28
RAIL_SPACING = 4
SPACING = 12

# Colours.
PRIMARY = "#1f5fa8"
PRIMARY_DARK = "#174a84"
PRIMARY_LIGHT = "#e5eef9"
BACKGROUND = "#f4f6f9"
SURFACE = "#ffffff"
BORDER = "#c3cbd6"
TEXT = "#1b2430"
MUTED = "#5b6675"
DANGER = "#c62828"
DANGER_LIGHT = "#fdecea"
WARNING = "#b26a00"
WARNING_LIGHT = "#fff4e0"
SUCCESS = "#2e7d32"
SUCCESS_LIGHT = "#e8f5e9"
INFO_LIGHT = "#e8f1fb"
RAIL = "#1d2b3a"
RAIL_TEXT = "#e9eef5"
RAIL_ACTIVE = "#2d4d73"

STYLESHEET = f"""
QWidget {{
    font-size: {FONT_PX}px;
    color: {TEXT};
}}
QMainWindow, QDialog, QStackedWidget#PageStack > QWidget, QScrollArea > QWidget > QWidget {{
    background: {BACKGROUND};
}}
QLabel[role="title"] {{ font-size: {FONT_TITLE_PX}px; font-weight: 600; }}
QLabel[centered="true"], QLineEdit[centered="true"] {{ qproperty-alignment: AlignCenter; }}
QLabel[role="section"] {{ font-size: {FONT_LARGE_PX}px; font-weight: 600; color: {PRIMARY_DARK}; }}
QLabel[role="muted"] {{ color: {MUTED}; font-size: {FONT_SMALL_PX}px; }}
QLabel[role="error"] {{ color: {DANGER}; font-size: {FONT_SMALL_PX}px; }}
QLabel[role="fieldLabel"] {{ font-weight: 600; }}

QLineEdit, QComboBox, QDateEdit, QTimeEdit, QSpinBox, QDoubleSpinBox, QPlainTextEdit, QTextEdit {{
    background: {SURFACE};
    border: 2px solid {BORDER};
    border-radius: 6px;
    padding: 6px 10px;
    min-height: {TOUCH_MIN - 16}px;
    selection-background-color: {PRIMARY};
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus,
QSpinBox:focus, QDateEdit:focus, QTimeEdit:focus {{
    border-color: {PRIMARY};
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border-color: {DANGER};
    background: {DANGER_LIGHT};
}}
QComboBox::drop-down {{ width: 36px; border: none; }}
QComboBox QAbstractItemView {{ font-size: {FONT_PX}px; }}
QComboBox QAbstractItemView::item {{ min-height: {TOUCH_MIN}px; }}
QSpinBox::up-button, QSpinBox::down-button, QTimeEdit::up-button, QTimeEdit::down-button {{ width: 32px; }}

QPushButton, QToolButton {{
    min-height: {TOUCH_MIN}px;
    min-width: {TOUCH_MIN}px;
    padding: 4px 16px;
    border: 2px solid {BORDER};
    border-radius: 8px;
    background: {SURFACE};
    font-weight: 600;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {PRIMARY}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {PRIMARY_LIGHT}; }}
QPushButton:disabled, QToolButton:disabled {{ color: #9aa3ad; background: #eceff3; border-color: #d8dde4; }}
QPushButton[kind="primary"] {{ background: {PRIMARY}; color: white; border-color: {PRIMARY}; }}
QPushButton[kind="primary"]:pressed {{ background: {PRIMARY_DARK}; }}
QPushButton[kind="primary"]:disabled {{ background: #9fb6d3; border-color: #9fb6d3; color: #eef2f7; }}
QPushButton[kind="danger"] {{ background: {DANGER}; color: white; border-color: {DANGER}; }}
QPushButton[kind="danger"]:disabled {{ background: #e8c4c4; border-color: #e8c4c4; color: #fbeeee; }}
QPushButton[kind="flat"] {{ border: none; background: transparent; color: {PRIMARY}; }}
QPushButton[kind="key"] {{ font-size: 28px; min-height: {KEYPAD_KEY}px; min-width: {KEYPAD_KEY}px; padding: 0; }}
QPushButton[kind="row"] {{
    text-align: left; padding: 10px 16px; font-weight: normal; min-height: 60px;
}}

QCheckBox, QRadioButton {{ min-height: {TOUCH_MIN}px; spacing: 12px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 28px; height: 28px; }}

QTabBar::tab {{ min-height: {TOUCH_MIN}px; padding: 4px 22px; font-weight: 600; }}
QTabBar::tab:selected {{ color: {PRIMARY}; border-bottom: 3px solid {PRIMARY}; }}
QTabWidget::pane {{ border: none; }}

QTableView, QTableWidget, QListView, QListWidget, QTreeView {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    gridline-color: #e2e6ec;
    selection-background-color: {PRIMARY_LIGHT};
    selection-color: {TEXT};
}}
QHeaderView::section {{
    background: #e9edf2; padding: 6px; border: none; border-right: 1px solid {BORDER}; font-weight: 600;
}}
QScrollBar:vertical {{ width: 18px; }}
QScrollBar:horizontal {{ height: 18px; }}

QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QFrame[role="banner-info"] {{ background: {INFO_LIGHT}; border: 1px solid #9cc0e8; border-radius: 8px; }}
QFrame[role="banner-success"] {{ background: {SUCCESS_LIGHT}; border: 1px solid #9ccfa0; border-radius: 8px; }}
QFrame[role="banner-warning"] {{ background: {WARNING_LIGHT}; border: 1px solid #f0c27a; border-radius: 8px; }}
QFrame[role="banner-error"] {{ background: {DANGER_LIGHT}; border: 1px solid #ef9a9a; border-radius: 8px; }}

QFrame#NavRail {{ background: {RAIL}; }}
QFrame#NavRail QToolButton {{
    color: {RAIL_TEXT}; background: transparent; border: none; border-radius: 10px;
    min-height: {RAIL_BUTTON_MIN}px; padding: 2px 4px; font-size: {FONT_SMALL_PX}px;
}}
QFrame#NavRail QToolButton:checked {{ background: {RAIL_ACTIVE}; color: white; }}
QFrame#NavRail QToolButton:disabled {{ color: #6f7d8c; }}
QFrame#Header {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QLabel[role="chip-ready"], QLabel[role="chip-simulated"], QLabel[role="chip-missing"],
QLabel[role="chip-failing"] {{
    border-radius: 12px; padding: 2px 10px; font-size: 14px; font-weight: 600;
}}
QLabel[role="chip-ready"] {{ background: {SUCCESS_LIGHT}; color: {SUCCESS}; }}
QLabel[role="chip-simulated"] {{ background: {INFO_LIGHT}; color: {PRIMARY_DARK}; }}
QLabel[role="chip-missing"] {{ background: #eceff3; color: {MUTED}; }}
QLabel[role="chip-failing"] {{ background: {DANGER_LIGHT}; color: {DANGER}; }}
QFrame#LockOverlay, QFrame#LoginWindow {{ background: {BACKGROUND}; border: none; }}
"""


def _resource_rules() -> str:
    """Stylesheet rules that point at files of resources/ (absolute paths, known only at run time)."""
    from mobile_case.i18n import resources_dir

    arrow = (resources_dir() / "icons" / "chevron-down.svg").as_posix()
    return f"""
QComboBox::down-arrow {{ image: url({arrow}); width: 18px; height: 18px; }}
QComboBox::down-arrow:disabled {{ image: none; }}
"""


_ICON_CACHE: dict = {}


def icon(name: str, color: str = TEXT, background: str = SURFACE):  # noqa: ANN201 - QIcon
    """``resources/icons/<name>.svg`` drawn in ``color`` (an empty QIcon when there is no such file).

    The SVGs use ``currentColor`` for strokes and ``currentBackground`` for fills."""
    from PySide6.QtGui import QIcon, QPixmap

    if not name:
        return QIcon()
    key = (name, color, background)
    if key in _ICON_CACHE:
        return _ICON_CACHE[key]
    from mobile_case.i18n import resources_dir

    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    svg = (
        path.read_text(encoding="utf-8")
        .replace("currentColor", color)
        .replace("currentBackground", background)
    )
    pixmap = QPixmap()
    pixmap.loadFromData(svg.encode("utf-8"), "SVG")
    result = QIcon(pixmap) if not pixmap.isNull() else QIcon()
    _ICON_CACHE[key] = result
    return result


def apply_theme(app: QApplication) -> None:
    """Fusion style, a light palette, a large default font and the app-wide stylesheet.

    ``app.py`` asks for Fusion through ``QT_STYLE_OVERRIDE`` before the QApplication exists (cheaper
    at start-up); otherwise it is set here."""
    import os

    if os.environ.get("QT_STYLE_OVERRIDE", "").lower() != "fusion":
        app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fb"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PRIMARY))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET + _resource_rules())  # sets the font size of every widget too


def centered(widget: QWidget) -> QWidget:
    """Centre a label's (or line edit's) text through the stylesheet.

    The login window uses this instead of ``Qt.AlignmentFlag``: the first access to the ``Qt``
    namespace makes PySide6 build ~100 Python enums (~0.1 s), and the first screen must open fast."""
    widget.setProperty("centered", "true")
    return widget


def set_role(widget: QWidget, role: str, name: str = "role") -> None:
    """Set a styling property (``role`` or ``kind``) and make the stylesheet re-apply at once.

    A widget whose window has never been shown is not polished yet: setting the property is enough
    (the stylesheet reads it when the window is first shown). Re-polishing such widgets would also make
    PySide6 build the ``Qt`` namespace enums (~0.1 s) before the first screen paints."""
    if widget.property(name) == role:
        return
    widget.setProperty(name, role)
    if widget.window().windowHandle() is None:
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
