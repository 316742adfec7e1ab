"""The slow parts of start-up, kept off the first paint.

Screens are built one per event-loop turn (each costs 5–40 ms with the theme
applied), so the attract screen stays responsive; the services and the device
libraries are built on a worker lane.
"""
from __future__ import annotations

import importlib
from typing import Callable

from PySide6.QtCore import QTimer


class ScreenBuilder:
    def __init__(self, specs: list[tuple], built: Callable, done: Callable[[], None]):
        """`specs`: (owner, attribute, module, class); `built(owner, attribute, screen)`
        for each, then `done()`."""
        self._pending = list(specs)
        self._built, self._done = built, done

    def build_all(self) -> None:
        while self._pending:
            self._build_one()
        self._done()

    def build_chunked(self) -> None:
        self._build_one()
        if self._pending:
            QTimer.singleShot(0, self.build_chunked)
        else:
            self._done()

    def _build_one(self) -> None:
        owner, attr, module, cls = self._pending.pop(0)
        self._built(owner, attr, getattr(importlib.import_module(module), cls)())


def build_services(cfg):
    """Worker lane: everything slow that the first screen does not need."""
    from kiosk.devices.hub import FACTORIES, configured_kinds
    from kiosk.services import Services
    for kind in configured_kinds(cfg):      # import device libraries off the UI thread
        importlib.import_module(FACTORIES[kind][0])
    return Services(cfg)
