"""Login with a provincial app code (电子身份证 / 政务 app QR): a pluggable identity provider.

A provider turns a scanned QR payload into an `IdentityRecord`. Real
provincial apps (e.g. 黑龙江 全省事, 北京通) each have their own signed
format and a verification call; they plug in with `register_provider(prefix,
parse)`. The one shipped is the documented TEST format that the demo, the
tests and the gateway simulator use:

    KIOSKID1.<payload>.<signature>

    payload   = base64url (no padding) of UTF-8 JSON: an IdentityRecord dict
                (`IdentityRecord.as_dict()` keys; at least card_type, name,
                id_number) plus an optional "exp" (Unix seconds; expired → refused)
    signature = base64url (no padding) of HMAC-SHA256(key, "KIOSKID1." + payload)
    key       = DEMO_KEY = b"tongban-kiosk-demo-app-qr-key-v1" (public: test only)

The demo key is public, so a KIOSKID1 code proves nothing in production;
deployments register their province's provider and drop this one.
The record's card_type is always `app_qr` (where the identity came from).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Callable

from drivers.identity import CardType, IdentityRecord

PREFIX = "KIOSKID1"
DEMO_KEY = b"tongban-kiosk-demo-app-qr-key-v1"
MAX_PAYLOAD = 4096   # a QR code holds < 3 KB; anything longer is not ours

_TEXT_FIELDS = {"name", "id_number", "gender", "ethnicity", "birth_date", "address", "issuer", "valid_from",
                "valid_until", "english_name", "chinese_name", "nationality", "pass_number", "issue_count",
                "card_number", "spec_version"}

Parser = Callable[[str], IdentityRecord]
_providers: dict[str, Parser] = {}


def _b64e(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


def _b64d(s: str) -> bytes:
    if not s or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for c in s):
        raise ValueError("bad base64url")
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def _sign(payload_b64: str, key: bytes) -> str:
    return _b64e(hmac.new(key, f"{PREFIX}.{payload_b64}".encode("ascii"), hashlib.sha256).digest())


def _bad(en: str, zh: str) -> ValueError:
    return ValueError(f"{en} / {zh}")


def make_demo_app_qr(record: IdentityRecord, key: bytes = DEMO_KEY, exp: int | None = None) -> str:
    """The KIOSKID1 test code for a record (for the demo dock, tests and the gateway simulator)."""
    body = record.as_dict()
    body["card_type"] = CardType.APP_QR.value
    if exp is not None:
        body["exp"] = int(exp)
    payload = _b64e(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return f"{PREFIX}.{payload}.{_sign(payload, key)}"


def parse_demo_app_qr(payload: str, key: bytes = DEMO_KEY, now: float | None = None) -> IdentityRecord:
    parts = payload.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise _bad("not a KIOSKID1 code", "不是可识别的身份二维码")
    body_b64, sig = parts[1], parts[2]
    if not hmac.compare_digest(_sign(body_b64, key), sig):
        raise _bad("signature does not match", "身份二维码校验失败")
    try:
        body = json.loads(_b64d(body_b64).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise _bad("payload is not base64url JSON", "身份二维码内容无法解析") from None
    if not isinstance(body, dict):
        raise _bad("payload is not a JSON object", "身份二维码内容无法解析")
    exp = body.pop("exp", None)
    if exp is not None:
        if not isinstance(exp, (int, float)) or isinstance(exp, bool):
            raise _bad("exp must be a number", "身份二维码有效期格式错误")
        if (time.time() if now is None else now) > exp:
            raise _bad("code expired", "身份二维码已过期，请在手机上刷新")
    if not isinstance(body.get("name"), str) or not isinstance(body.get("id_number"), str) \
            or not body["name"] or not body["id_number"]:
        raise _bad("name and id_number are required", "身份二维码缺少姓名或证件号码")
    body["card_type"] = CardType.APP_QR.value
    for key, value in body.items():
        if key in _TEXT_FIELDS and value is not None and not isinstance(value, str):
            raise _bad(f"{key} must be text", "身份二维码内容格式错误")
    try:
        return IdentityRecord.from_dict(body)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _bad("payload fields are invalid", "身份二维码内容格式错误") from None


def register_provider(prefix: str, parse: Parser) -> None:
    """Plug in a province's app code: payloads starting with `prefix + "."` go to `parse`."""
    _providers[prefix] = parse


def parse_app_qr(payload: str) -> IdentityRecord:
    """The identity in an app QR code, or ValueError (English / Chinese) when it is not one."""
    if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD:
        raise _bad("empty or oversized QR payload", "不是可识别的身份二维码")
    prefix = payload.split(".", 1)[0]
    parse = _providers.get(prefix)
    if parse is None:
        raise _bad("unknown app code format", "不是可识别的身份二维码，请使用本省政务 App 的身份码")
    return parse(payload)


register_provider(PREFIX, parse_demo_app_qr)
