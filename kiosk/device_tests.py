"""Live device tests from the maintenance screen, each with an on-screen result.

读卡测试 waits for a card on the reader (the result shows it masked), 拍照测试
puts the camera's picture on the screen and reports its size, 测试打印 prints
the test page and reports what the printer said afterwards (缺纸 included),
测试语音 says a sentence and reports whether the engine ran. Results go to
`report(key, ok, text)`: ok is None while a test runs. Devices are reached
only through the hub's workers, the camera router and the voice lane.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.privacy import mask_id, mask_name
from kiosk.voice import TEST_SENTENCE

log = logging.getLogger(__name__)

CARD_WAIT_MS = 20_000
CAMERA_WAIT_MS = 8_000
CAMERA_SHOW_MS = 3_000
CARD_KEYS = {"test_card": "id_reader", "test_smartcard": "smartcard"}


class DeviceTests(QObject):
    _print_test = Signal()               # → the receipt printer's thread
    _print_test_a4 = Signal()            # → the A4 document printer's thread

    def __init__(self, ctx, report: Callable[[str, "bool | None", str], None], camera_area: Callable,
                 parent=None):
        super().__init__(parent)
        self.ctx, self._report, self._camera_area = ctx, report, camera_area
        self._card_kind: str | None = None
        self._camera_seen = False
        self._printing = False
        self._printing_a4 = False
        self._card_timer = self._single_shot(CARD_WAIT_MS, self._card_timeout)
        self._camera_timer = self._single_shot(CAMERA_WAIT_MS, self._camera_timeout)

    def _single_shot(self, ms: int, slot) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(slot)
        return t

    def wire(self) -> None:
        self.ctx.hub.card_read.connect(self._card_read)
        self.ctx.hub.card_error.connect(self._card_error)

    def attach(self) -> None:
        printer = self.ctx.hub.worker("printer")
        if printer is not None and hasattr(printer, "print_test"):
            self._print_test.connect(printer.print_test)
            printer.printed.connect(self._printed)
        a4 = self.ctx.hub.worker("document_printer")
        if a4 is not None:
            self._print_test_a4.connect(a4.print_test)
            a4.printed.connect(self._printed_a4)

    def run(self, key: str) -> bool:
        """Start the test named by a maintenance action; False if `key` is not a device test."""
        if key in CARD_KEYS:
            self._card_kind = CARD_KEYS[key]
            self._report(key, None, "请放置证件 place a card on the reader")
            self.ctx.hub.watch_cards(True)
            self._card_timer.start()
        elif key == "test_camera":
            self._camera_seen = False
            self._report(key, None, "正在打开摄像头 opening the camera")
            self.ctx.camera.start("document", self._camera_area(), on_frame=self._frame)
            self._camera_timer.start(CAMERA_WAIT_MS)
        elif key == "test_print":
            self._printing = True
            self._report(key, None, "正在打印测试页 printing the test page")
            self._print_test.emit()
        elif key == "test_print_a4":
            self._printing_a4 = True
            self._report(key, None, "正在打印 A4 测试页 printing the A4 test page")
            self._print_test_a4.emit()
        elif key == "test_voice":
            self._voice()
        else:
            return False
        return True

    def stop(self) -> None:
        """The technician left the screen: end what is running."""
        if self._card_kind is not None:
            self._card_kind = None
            self._card_timer.stop()
            self.ctx.hub.watch_cards(False)
        if self._camera_timer.isActive():
            self._camera_timer.stop()
            self.ctx.camera.stop()

    # -- cards ---------------------------------------------------------------------------
    def _card_key(self, kind: str) -> str | None:
        if kind != self._card_kind:
            return None
        self._card_kind = None
        self._card_timer.stop()
        self.ctx.hub.watch_cards(False)
        return next(k for k, v in CARD_KEYS.items() if v == kind)

    def _card_read(self, kind: str, record) -> None:
        key = self._card_key(kind)
        if key:
            self._report(key, True, f"读卡成功 read: {mask_name(record.name)} {mask_id(record.id_number)} "
                                    f"({record.card_type.value})")

    def _card_error(self, kind: str, error) -> None:
        key = self._card_key(kind)
        if key:
            self._report(key, False, f"{getattr(error, 'zh', '')} {getattr(error, 'en', error)}".strip())

    def _card_timeout(self) -> None:
        key = self._card_key(self._card_kind) if self._card_kind else None
        if key:
            self._report(key, False, "未检测到证件 no card within 20 s")

    # -- camera ---------------------------------------------------------------------------
    def _frame(self, image, _analysis: dict) -> None:
        if self._camera_seen:
            return
        self._camera_seen = True
        self._report("test_camera", True, f"画面正常 picture {image.width()}×{image.height()}")
        self._camera_timer.start(CAMERA_SHOW_MS)      # keep it on screen a moment, then stop

    def _camera_timeout(self) -> None:
        self.ctx.camera.stop()
        if not self._camera_seen:
            self._report("test_camera", False, "没有画面 no picture from the camera")

    # -- printer and speaker ------------------------------------------------------------------
    def _printed(self, outcome: dict) -> None:
        if not self._printing or not str(outcome.get("job_id", "")).startswith("T"):
            return
        self._printing = False
        if outcome.get("ok"):
            self._report("test_print", True, "测试页已打印 test page printed")
        else:
            self._report("test_print", False, f"{outcome.get('reason_zh', '')} {outcome.get('reason_en', '')} "
                                              f"[{outcome.get('status', '')}]".strip())

    def _printed_a4(self, outcome: dict) -> None:
        if not self._printing_a4 or outcome.get("doc_id") != "test":
            return
        self._printing_a4 = False
        if outcome.get("ok"):
            self._report("test_print_a4", True, "A4 测试页已打印 A4 test page printed")
        else:
            self._report("test_print_a4", False, f"{outcome.get('reason_zh', '')} {outcome.get('reason_en', '')}".strip())

    def _voice(self) -> None:
        speaker = self.ctx.speaker
        if not speaker.enabled:
            self._report("test_voice", False, "未配置语音 [voice] command is empty")
            return
        self._report("test_voice", None, "正在播放 speaking")

        def say():
            if not speaker.say(TEST_SENTENCE):
                return False, "语音引擎无法启动 the engine did not start"
            rc, err = speaker.wait(15)
            if rc == 0:
                return True, "已播放 spoken"
            return False, f"语音引擎出错 engine failed (exit {rc}): {err.strip()[:120]}"
        self.ctx.runner.run("voice", say, lambda r: self._report("test_voice", *r),
                            lambda exc: self._report("test_voice", False, type(exc).__name__))
