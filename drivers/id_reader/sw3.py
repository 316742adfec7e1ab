"""SW3 status bytes of the SAM, each mapped to a typed error with Chinese and English text."""
from __future__ import annotations

from drivers.base import DeviceError, NoMedia

SUCCESS = 0x90
NOT_ON_CARD = 0x91
FIND_OK = 0x9F
NO_CARD = 0x80
SELECT_FAILED = 0x81

# code: (English, 中文)
SW3_TEXT: dict[int, tuple[str, str]] = {
    0x90: ("success", "操作成功"),
    0x91: ("item not on the card", "卡中无此项内容"),
    0x9F: ("card found", "寻找证/卡成功"),
    0x10: ("checksum error in the host's frame", "接收业务终端数据的校验和错误"),
    0x11: ("length error in the host's frame", "接收业务终端数据的长度错误"),
    0x21: ("bad command", "接收业务终端的命令错误"),
    0x23: ("operation not permitted", "越权操作"),
    0x24: ("unrecognised error", "无法识别的错误"),
    0x31: ("card failed to authenticate the SAM", "证/卡认证机具失败"),
    0x32: ("SAM failed to authenticate the card", "机具认证证/卡失败"),
    0x33: ("information verification error", "信息验证错误"),
    0x37: ("fingerprint verification error", "指纹信息验证错误"),
    0x3F: ("information length error", "信息长度错误"),
    0x40: ("unknown card type", "无法识别的卡类型"),
    0x41: ("read failed", "读证/卡操作失败"),
    0x47: ("random number failure", "取随机数失败"),
    0x60: ("SAM self-test failed", "SAM 自检失败"),
    0x66: ("SAM not authorised", "SAM 未经授权，无法使用"),
    0x80: ("no card, or the card was not re-presented", "未放卡或需重新放卡"),
    0x81: ("select failed", "选取证/卡失败"),
}


class Sw3Error(DeviceError):
    """The SAM answered with an error SW3. `code` is e.g. "sw3_41"."""

    def __init__(self, sw3: int):
        en, zh = SW3_TEXT.get(sw3, (f"unknown status {sw3:02X}", f"未知状态码 {sw3:02X}"))
        super().__init__(f"sw3_{sw3:02x}", f"身份证读卡失败：{zh}（SW3={sw3:02X}）",
                         f"ID card reader error: {en} (SW3={sw3:02X})")
        self.sw3 = sw3


class NoCard(NoMedia):
    """Find/select answered 80/81: no (new) card on the reader."""

    def __init__(self, sw3: int = NO_CARD):
        super().__init__("no_card", "请放置身份证", f"no card on the reader (SW3={sw3:02X})")
        self.sw3 = sw3


def meaning(sw3: int) -> str:
    en, zh = SW3_TEXT.get(sw3, ("unknown", "未知"))
    return f"{en} / {zh}"
