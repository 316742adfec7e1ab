"""Finger scrolling (QScroller) for the screens' scroll areas, grabbed late.

The first use of QScroller builds ~75 Python enums (~15-25 ms here). A grab is
done on the next event-loop turn; while the first screen is waiting for its
first paint (kiosk/boot.py holds the grabs), the areas wait until the paint
is on screen: that next turn came before the paint.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer

_held: list | None = None       # areas waiting while the first paint is held; None: not held


def grab_soon(area) -> None:
    """TouchGesture (not LeftMouseButton), so mouse clicks stay plain clicks."""
    if _held is not None:
        _held.append(area)
    else:
        QTimer.singleShot(0, area, lambda: _grab(area))


def hold() -> None:
    global _held
    _held = []


def release() -> None:
    """After the first paint: every held area is grabbed now."""
    global _held
    areas, _held = _held or [], None
    for area in areas:
        _grab(area)


def _grab(area) -> None:
    from PySide6.QtWidgets import QScroller
    try:
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    except RuntimeError:          # the area was deleted before its turn came
        pass
