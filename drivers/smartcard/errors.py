"""Typed errors of the PC/SC social-security card driver."""
from __future__ import annotations

from drivers.base import DeviceError, DeviceOffline, NoMedia


class PcscUnavailable(DeviceOffline):
    def __init__(self, detail: str = ""):
        super().__init__("no_pcscd", "智能卡服务未运行（pcscd）",
                         f"PC/SC service not available (is pcscd running?) {detail}".strip())


class NoReader(DeviceOffline):
    def __init__(self, wanted: str = ""):
        what = f" matching '{wanted}'" if wanted else ""
        super().__init__("no_reader", "未找到社保卡读卡器", f"no PC/SC reader{what}")


class NoCard(NoMedia):
    def __init__(self):
        super().__init__("no_card", "请插入社保卡", "no card in the reader")


class CardRemoved(DeviceError):
    def __init__(self):
        super().__init__("card_removed", "读卡过程中社保卡被取出，请重新插卡",
                         "card removed while it was being read")


class CardError(DeviceError):
    """The card answered with an unexpected status word."""

    def __init__(self, what: str, sw1: int, sw2: int):
        super().__init__(f"sw_{sw1:02x}{sw2:02x}", f"社保卡读取失败（{what}，状态 {sw1:02X}{sw2:02X}）",
                         f"social-security card error during {what}: SW={sw1:02X}{sw2:02X}")
        self.sw = (sw1 << 8) | sw2


class CardDataError(DeviceError):
    def __init__(self, code: str, en: str, zh: str):
        super().__init__(code, f"社保卡信息无效：{zh}", f"invalid social-security card data: {en}")
