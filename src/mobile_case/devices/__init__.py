"""The devices of the kit, each behind a small protocol with a simulator and real backends.

``cardreader/`` (ID card, PC/SC), ``scanner/`` (SANE), ``printer/`` (Qt print system), ``recorder/``
(visit recording), ``network/`` (modem link); ``registry.DeviceRegistry`` picks the backend of each and
reports ``base.DeviceStatus``. Nothing here imports ``ui/`` or ``storage/``; Qt is used only through
QtCore/QtGui/QtMultimedia/QtNetwork, never QtWidgets.
"""
