"""A verified document, and the refusal of one that did not pass.

Privacy: a VerifiedDocument holds the PDF (with the resident's name) in memory
only. Its `label` (title and verification code) is all that may reach a
receipt or a log line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# What a resident reads whatever went wrong: calm, no jargon, a way forward.
RESIDENT_MESSAGE = "证明文件暂时无法在本机显示或打印，您的办理结果不受影响。请联系现场工作人员协助。"
RESIDENT_MESSAGE_EN = "The document cannot be shown or printed here; your application is not affected. Please ask staff."

# code → (English, Chinese) for staff: what was wrong with the file.
REASONS = {
    "oversized": ("larger than [documents] max_bytes", "文件超过大小上限（[documents] max_bytes）"),
    "sha256_mismatch": ("sha256 differs from the one the gateway announced", "文件校验值与网关公布的不一致"),
    "unreadable": ("not a readable PDF (damaged or truncated)", "不是可读取的 PDF 文件（损坏或不完整）"),
    "truncated": ("truncated: the signature covers bytes the file does not have", "文件不完整（被截断）"),
    "unsigned": ("no signature in the PDF", "文件没有电子签章"),
    "modified": ("changed after signing (the signed digest does not match)", "文件在签章后被修改"),
    "bad_signature": ("the signature is not cryptographically valid", "电子签章无效"),
    "untrusted": ("signed by a certificate that does not chain to [documents] trust_roots",
                  "签章证书不属于受信任的根证书（[documents] trust_roots）"),
    "not_whole_file": ("the signature does not cover the whole file (something was added after signing)",
                       "签章未覆盖整个文件（签章后有追加内容）"),
    "code_mismatch": ("the verification code in the signed file differs from the announced one",
                      "签章文件中的验证码与网关公布的不一致"),
    "pages_mismatch": ("page count differs from the announced one", "页数与网关公布的不一致"),
    "no_trust_roots": ("no trust roots could be loaded (see [documents] trust_roots)",
                       "未能加载受信任的根证书（请检查 [documents] trust_roots）"),
    "fetch_failed": ("the gateway did not deliver the document", "未能从网关取得文件"),
}


class DocumentRefused(Exception):
    """Refused: `code` is stable, `en`/`zh` are for staff (never personal data), `detail` is English."""

    def __init__(self, code: str, detail: str = ""):
        en, zh = REASONS[code]
        self.code, self.en, self.zh, self.detail = code, en, zh, detail
        super().__init__(f"{code}: {en}" + (f" ({detail})" if detail else ""))

    resident_message = RESIDENT_MESSAGE


@dataclass(frozen=True)
class VerifiedDocument:
    id: str
    title: str
    pages: int
    sha256: str
    verification_code: str
    signer: str                      # the seal's subject, e.g. the department's name
    data: bytes = field(repr=False)  # the PDF; never written anywhere

    @property
    def label(self) -> str:
        """What receipts and logs may say about it."""
        return f"{self.title}（验证码 {self.verification_code}）"
