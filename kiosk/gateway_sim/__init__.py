"""The reference gateway (`kiosk gateway-sim`): the wire contract with a SQLite store and fault injection."""
from kiosk.gateway_sim.server import GatewaySim, start_embedded

__all__ = ["GatewaySim", "start_embedded"]
