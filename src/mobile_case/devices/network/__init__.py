"""The modem / network link: ``monitor`` (protocol, system monitor, simulator)."""

from mobile_case.devices.network.monitor import (
    NetworkConfig,
    NetworkMonitor,
    NetworkReport,
    SimulatedNetwork,
    SystemNetworkMonitor,
)

__all__ = ["NetworkConfig", "NetworkMonitor", "NetworkReport", "SimulatedNetwork", "SystemNetworkMonitor"]
