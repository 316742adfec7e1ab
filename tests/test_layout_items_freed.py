"""Rebuilt lists free their layout items (issue 15's soak: heaptrack found every item
that QLayout.takeAt() handed over still allocated, ~20 KB a transaction).

Measured with glibc's own count of bytes in use (mallinfo2), not RSS: freed memory
that malloc keeps would hide a leak in RSS, and other threads' noise would fake one.
"""
from __future__ import annotations

import ctypes

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from screens.widgets import clear_layout, take_item

CYCLES = 30_000          # ~100 bytes an item: ~3 MB if they stay


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def heap_in_use() -> int:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def turn_the_event_loop() -> None:
    """deleteLater's deletions, as the kiosk's loop runs them. (sendPostedEvents from
    outside a loop deletes them too but leaves ~35 bytes an object in Qt: not ours.)"""
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def growth(cycle, n: int = CYCLES) -> int:
    for _ in range(500):                 # warm-up: Qt's and Python's own first allocations
        cycle()
    before = heap_in_use()
    for _ in range(n):
        cycle()
    return heap_in_use() - before


def test_take_item_frees_what_take_at_leaves_behind(qapp):
    layout = QVBoxLayout(holder := QWidget())

    def plain():
        label = QLabel()
        layout.addWidget(label)
        layout.takeAt(0)                  # PySide6's own: the item stays allocated
        label.setParent(None)

    def ours():
        label = QLabel()
        layout.addWidget(label)
        assert take_item(layout, 0) is label
        label.setParent(None)

    leaked = growth(plain)
    assert leaked > CYCLES * 40, f"the measurement cannot see the leak ({leaked} bytes)"
    freed = growth(ours)
    assert freed < leaked / 4, f"take_item: {freed} bytes grew over {CYCLES} items (plain takeAt: {leaked})"
    assert layout.count() == 0 and holder is not None


def test_clear_layout_frees_its_items_and_keeps_nested_layouts_usable(qapp):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    row = QVBoxLayout()
    layout.addLayout(row)

    def rebuild():
        for _ in range(10):
            layout.addWidget(QLabel("x"))
        row.addWidget(QLabel("y"))
        clear_layout(layout)
        layout.addLayout(row)            # the nested layout survives, Python still holds it
        turn_the_event_loop()

    grew = growth(rebuild, CYCLES // 10)
    assert grew < CYCLES * 25, f"{grew} bytes grew over {CYCLES} items"
    assert layout.count() == 1 and row.count() == 0
