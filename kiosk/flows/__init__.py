"""One flow a use case. The shell loads them by name from FLOWS and knows them
only through kiosk.flows.base.Flow; flows never import one another (an
import-linter contract in pyproject.toml keeps it so)."""
from __future__ import annotations

import importlib

from kiosk.flows.base import Flow, FlowContext

FLOWS = {
    "resident": "kiosk.flows.resident:ResidentFlow",
    "progress": "kiosk.flows.progress:ProgressFlow",
    "technician": "kiosk.flows.technician:TechnicianFlow",
}
ALL = tuple(FLOWS)


def load(name: str) -> type[Flow]:
    module, cls = FLOWS[name].split(":")
    return getattr(importlib.import_module(module), cls)


__all__ = ["ALL", "FLOWS", "Flow", "FlowContext", "load"]
