"""The settings screen: assembles the tabs — community profile (read-only), people (head only),
devices, general and (with the right to edit settings) sync.

Each tab lives in its own module of ``ui/settings_tabs/`` (community, people, devices, general; the
shared table in ``tables``); the sync tab in ``ui/widgets/sync_settings.py``. The tab classes and helpers
are re-exported here, so ``from mobile_case.ui.settings import UserDialog`` etc. keep working.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from mobile_case.ui.pages import PageContext, allowed
from mobile_case.ui.settings_tabs.community import ProfileTab
from mobile_case.ui.settings_tabs.devices import DevicesTab, backend_title
from mobile_case.ui.settings_tabs.general import INACTIVITY_CHOICES, GeneralTab
from mobile_case.ui.settings_tabs.people import PeopleTab, PinDialog, UserDialog
from mobile_case.ui.settings_tabs.tables import fill_table, make_table

__all__ = [
    "INACTIVITY_CHOICES",
    "DevicesTab",
    "GeneralTab",
    "PeopleTab",
    "PinDialog",
    "ProfileTab",
    "SettingsPage",
    "UserDialog",
    "backend_title",
    "fill_table",
    "make_table",
]


class SettingsPage(QWidget):
    """Registered as page "settings" by the main window."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        self.profile_tab = ProfileTab(ctx.services.profile)
        self.tabs.addTab(self.profile_tab, self.tr("Community"))
        self.people_tab: PeopleTab | None = None
        from mobile_case.domain.roles import Permission

        role = getattr(ctx.user, "role", None)
        if allowed(role, Permission.MANAGE_USERS):
            self.people_tab = PeopleTab(ctx)
            self.tabs.addTab(self.people_tab, self.tr("People"))
        self.devices_tab = DevicesTab(ctx)
        self.tabs.addTab(self.devices_tab, self.tr("Devices"))
        self.general_tab = GeneralTab(ctx)
        self.tabs.addTab(self.general_tab, self.tr("General"))
        self.sync_tab = None  # issue 4: pairing with the CNAP office station and the sync settings
        if allowed(role, Permission.EDIT_SETTINGS):
            from mobile_case.ui.widgets.sync_settings import SyncSettingsTab

            self.sync_tab = SyncSettingsTab(ctx)
            self.tabs.addTab(self.sync_tab, self.sync_tab.title())
        self.tabs.currentChanged.connect(self._tab_changed)

    def activate(self, tab: str = "", **_kwargs: Any) -> None:
        """``open_page("settings", tab="people"|"devices"|"general"|"community")``."""
        tabs = {
            "community": self.profile_tab,
            "people": self.people_tab,
            "devices": self.devices_tab,
            "general": self.general_tab,
            "sync": self.sync_tab,
        }
        target = tabs.get(tab)
        if target is not None:
            self.tabs.setCurrentWidget(target)
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.people_tab and self.people_tab is not None:
            self.people_tab.refresh()
        elif current is self.devices_tab:
            self.devices_tab.refresh()
        elif current is self.general_tab:
            self.general_tab.load()
        elif current is not None and current is self.sync_tab:
            self.sync_tab.load()
