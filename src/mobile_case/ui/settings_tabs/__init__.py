"""The tabs of the settings screen (``ui/settings.py`` assembles them into the page).

- ``tables``: the read-only touch table the tabs share (``make_table``, ``fill_table``).
- ``community``: the community profile of the council's decision (read-only).
- ``people``: users of the kit, their PINs and roles (head only).
- ``devices``: every device and its state, the device choice (``ui/kit/choice.py``), the kit check link.
- ``general``: language, inactivity lock, where the database key is kept, own PIN change.

The sync tab lives in ``ui/widgets/sync_settings.py``. Every string keeps its Qt context (the class
name, or ``SettingsPage`` where it is given explicitly), so the catalogues need no change.
"""
