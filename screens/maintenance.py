"""The maintenance screen: what is true about this terminal right now (Chinese + English).

Everything sits in the screen's scrolling body (it fits 1024×768 and up); the
way out (刷新, 返回服务, 退出终端) is the fixed action row. The screen shows what the
technician flow gives it and emits intents: `action(key)` for the buttons,
`retry_entry(local_id)` for one outbox entry. Nothing personal arrives here
except a masked card read in a device test.
"""
from __future__ import annotations

import re

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel

from screens.base import Screen
from screens.widgets import BigButton, PreviewArea, WrapButton, accessible, clear_layout, make_label

ACTIONS = [  # (action, label): the fixed buttons, in their sections
    ("sync_queue", "立即同步队列 Sync queue"),
    ("retry_needs_staff", "全部重试待人工 Retry all needs-staff"),
    ("reprint_last", "补打上一张回执 Reprint last"),
    ("sync_catalog", "同步事项目录 Sync catalog"),
    ("refresh", "刷新 Refresh"),
    ("back_to_service", "返回服务 Back to service"),
    ("exit_kiosk", "退出终端 Exit kiosk"),
]
BOTTOM = ("refresh", "back_to_service", "exit_kiosk")
# A device row's live test: kind → (action, button label).
DEVICE_TESTS = {"id_reader": ("test_card", "读卡测试 Read a card"),
                "smartcard": ("test_smartcard", "读卡测试 Read a card"),
                "camera": ("test_camera", "拍照测试 Camera picture"),
                "printer": ("test_print", "测试打印 Test print"),
                "document_printer": ("test_print_a4", "测试打印（A4） Test print A4"),
                "voice": ("test_voice", "测试语音 Test voice")}
STATE_ZH = {"ready": "正常", "busy": "忙", "no_media": "无介质(缺纸/无卡)", "offline": "离线",
            "error": "故障", "unknown": "未知", "off": "未启用"}
QUEUE_STATES = [("pending", "待提交 pending"), ("in_flight", "提交中 in flight"),
                ("needs_staff", "需人工 needs staff"), ("delivered", "已送达 delivered")]


def _when(t) -> str:
    return dt.datetime.fromtimestamp(t).strftime("%m-%d %H:%M:%S") if t else "-"


def _age(seconds) -> str:
    if seconds is None:
        return "-"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"



def _breakable(text: str, every: int = 24) -> str:
    """Log and audit lines hold long unbroken tokens (JSON, hashes): a zero-width space
    every few characters lets them wrap instead of widening the screen."""
    return re.sub(r"(\S{%d})(?=\S)" % every, "\\1\u200b", text)

class MaintenanceScreen(Screen):
    name = "maintenance"
    title = "维护 Maintenance"
    action = Signal(str)
    retry_entry = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent, heading="维护 Maintenance")     # self.body scrolls (screens.base)
        self.setObjectName("maintenance")
        self.action_buttons: dict[str, BigButton] = {}
        self.test_results: dict[str, QLabel] = {}
        self.about_labels = self._section_grid("终端 Kiosk", [
            ("kiosk_id", "终端编号 kiosk id"), ("version", "软件版本 version"),
            ("ips", "IP 地址 address"), ("catalog", "事项目录版本 catalog")])
        self.catalog_label = self.about_labels["catalog"]
        self.body.addWidget(self._button("sync_catalog"))
        self.body.addWidget(make_label("网关 Gateways", "subtitle"))
        self._gateways = QGridLayout()
        self.body.addLayout(self._gateways)
        self.body.addWidget(make_label("设备 Devices", "subtitle"))
        self._devices = QGridLayout()
        self.body.addLayout(self._devices)
        self.camera_preview = PreviewArea()
        self.camera_preview.hide()
        self.body.addWidget(self.camera_preview)
        self.queue_labels = self._section_grid("离线队列 Outbox", QUEUE_STATES + [
            ("oldest_pending_age_s", "最久等待 oldest pending"), ("last_error", "最近错误 last error"),
            ("damage", "队列损坏 outbox damage")])
        row = QHBoxLayout()
        row.addWidget(self._button("sync_queue"))
        row.addWidget(self._button("retry_needs_staff"))
        self.body.addLayout(row)
        self._entries = QGridLayout()
        self.body.addLayout(self._entries)
        self.body.addWidget(make_label("上一张已打印回执 Last receipt printed", "subtitle"))
        self.printed_label = make_label("无 none", "tech")
        self.body.addWidget(self.printed_label)
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignLeft)
        accessible(self.preview_label, "打印预览 print preview")
        self.body.addWidget(self.preview_label)
        self.body.addWidget(self._button("reprint_last"))
        self.log_label = self._text_block("日志 Log (last lines)")
        self.audit_label = self._text_block("审计日志 Audit log")
        self.body.addStretch(1)
        for key in BOTTOM:                  # the fixed action row: never scrolls away
            self.add_action(self._button(key))
        self.set_printed_preview(None)

    # -- building blocks ---------------------------------------------------------------
    def _button(self, key: str, label: str | None = None) -> BigButton:
        label = label or dict(ACTIONS)[key]
        # Two languages a label: it wraps where a portrait or 长辈模式 row is short.
        b = WrapButton(label, label, "danger" if key == "exit_kiosk" else "secondary")
        b.clicked.connect(lambda _=False, k=key: self.action.emit(k))
        self.action_buttons[key] = b
        return b

    def _section_grid(self, title: str, fields: list[tuple[str, str]]) -> dict[str, QLabel]:
        self.body.addWidget(make_label(title, "subtitle"))
        grid = QGridLayout()
        labels = {}
        for i, (key, text) in enumerate(fields):
            grid.addWidget(make_label(text, "tech"), i, 0)
            labels[key] = make_label("-", "tech")
            labels[key].setWordWrap(True)
            grid.addWidget(labels[key], i, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        return labels

    def _text_block(self, title: str) -> QLabel:
        self.body.addWidget(make_label(title, "subtitle"))
        label = make_label("-", "tech")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.addWidget(label)
        return label

    # -- what the flow shows -------------------------------------------------------------
    def set_about(self, about: dict) -> None:
        a = self.about_labels
        a["kiosk_id"].setText(f"{about.get('kiosk_id', '-')}  {about.get('hall', '')}".strip())
        a["version"].setText(f"{about.get('version', '-')} ({about.get('commit', '-')})")
        a["ips"].setText(", ".join(about.get("ips") or ["-"]))

    def set_catalog_version(self, version: str) -> None:
        self.catalog_label.setText(version)

    def set_gateways(self, gateways: list[dict]) -> None:
        clear_layout(self._gateways)
        for i, g in enumerate(gateways):
            self._gateways.addWidget(make_label(f"{g['name']}  {g['url']}", "tech"), i, 0)
            state = f"正常 answers ({g['ms']} ms)" if g["ok"] else f"无响应 no answer {g.get('error', '')}".strip()
            label = make_label(state, "tech" if g["ok"] else "error")
            self._gateways.addWidget(label, i, 1)

    def set_devices(self, devices: list[dict]) -> None:
        """Rows of {kind, label, state, message_zh, message_en}, each with its live test."""
        for key in [k for k in self.action_buttons if k.startswith("test_")]:
            del self.action_buttons[key]
        results = {k: (v.text(), v.property("role")) for k, v in self.test_results.items()}
        self.test_results = {}
        clear_layout(self._devices)
        for i, d in enumerate(devices):
            state = str(d.get("state", ""))
            self._devices.addWidget(make_label(d.get("label", d.get("kind", "")), "tech"), i, 0)
            self._devices.addWidget(make_label(f"{STATE_ZH.get(state, state)} {state}", "tech"), i, 1)
            msg = " / ".join(m for m in (d.get("message_zh"), d.get("message_en")) if m)
            self._devices.addWidget(make_label(msg, "tech"), i, 2)
            test = DEVICE_TESTS.get(d.get("kind", ""))
            if test:
                self._devices.addWidget(self._button(test[0], test[1]), i, 3)
                text, role = results.get(test[0], ("", "tech"))
                result = make_label(text, role or "tech")
                result.setWordWrap(True)
                self.test_results[test[0]] = result
                self._devices.addWidget(result, i, 4)
        self._devices.setColumnStretch(2, 1)
        self._devices.setColumnStretch(4, 1)

    def set_test_result(self, key: str, ok: bool | None, text: str) -> None:
        """A live test's outcome on screen: ok True/False, None while it runs."""
        label = self.test_results.get(key)
        if label is None:
            return
        prefix = "…" if ok is None else ("✔ 通过 " if ok else "✘ 失败 ")
        label.setText(prefix + text)
        label.setProperty("role", "tech" if ok is None else ("ok" if ok else "error"))
        label.style().unpolish(label)
        label.style().polish(label)

    def set_queue(self, status: dict, entries: list[dict] | None = None) -> None:
        """`status` as `kiosk queue status --json`; `entries` the undelivered ones (metadata)."""
        counts = status.get("counts", {})
        for key, _ in QUEUE_STATES:
            self.queue_labels[key].setText(str(counts.get(key, "-")))
        self.queue_labels["oldest_pending_age_s"].setText(_age(status.get("oldest_pending_age_s")))
        err = status.get("last_error")
        self.queue_labels["last_error"].setText(
            f"{err['local_id']} {_when(err.get('at'))}: {err['error']}" if err else "-")
        damage = status.get("damage") or []
        self.queue_labels["damage"].setText(
            "; ".join(f"{d.get('file')}: 丢失 {len(d.get('lost') or [])} 条 lost — kiosk doctor" for d in damage)
            or ("无 none" if status.get("healthy", True) else "?"))
        clear_layout(self._entries)
        for i, e in enumerate(entries or []):
            text = (f"{e['local_id']}  {e.get('kind', '')}  {e.get('state', '')}  "
                    f"{e.get('attempts', 0)} 次 tries  {e.get('last_error') or ''}")
            label = make_label(text.strip(), "tech")
            label.setWordWrap(True)
            self._entries.addWidget(label, i, 0)
            b = WrapButton("重试 Retry", f"重试 {e['local_id']}", "secondary")
            b.clicked.connect(lambda _=False, lid=e["local_id"]: self.retry_entry.emit(lid))
            self._entries.addWidget(b, i, 1)
        self._entries.setColumnStretch(0, 1)

    def set_last_printed(self, info: dict | None) -> None:
        if info:
            self.printed_label.setText(f"{info['receipt_no']}  {_when(info.get('printed_at'))}")
        else:
            self.printed_label.setText("无 none")
            self.set_printed_preview(None)

    def set_printed_preview(self, image: QImage | None) -> None:
        """The last receipt as printed (masked data only); None clears it."""
        if image is None or image.isNull():
            self.preview_label.clear()
        else:
            self.preview_label.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                min(image.width(), 576), Qt.SmoothTransformation))

    def set_logs(self, logs: dict) -> None:
        self.log_label.setText(_breakable("\n".join(logs.get("log") or ["-"])))
        self.audit_label.setText(_breakable("\n".join(logs.get("audit") or ["-"])))

    def wipe(self) -> None:
        super().wipe()
        for label in self.test_results.values():
            label.setText("")         # a card test showed a (masked) name
        self.camera_preview.hide()
