"""Request-body checks of the reference gateway. Each returns a list of `{"field","message"}`.

Form fields are checked by `kiosk.catalog.forms.validate_form`, the same
validator the touch screen and `kiosk submit` use.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
from typing import Callable

from kiosk.catalog.forms import validate_form, validate_materials
from kiosk.catalog.model import Item
from kiosk.gateway.wire import EVALUATION_DIMENSIONS, EVALUATION_REASONS

MAX_COMMENT = 500


def err(field: str, zh: str, en: str) -> dict:
    return {"field": field, "message": zh, "message_en": en}


def _str_field(body: dict, key: str, errors: list, prefix: str = "", max_len: int = 255) -> str | None:
    v = body.get(key)
    # Non-empty, exactly as the OpenAPI schema says (minLength 1); meaning is checked elsewhere.
    if not isinstance(v, str) or not v:
        errors.append(err(prefix + key, "缺少或为空", f"{prefix}{key} is required (a non-empty string)"))
        return None
    if len(v) > max_len:
        errors.append(err(prefix + key, "过长", f"{prefix}{key} is longer than {max_len}"))
        return None
    return v


# (id_number, license_id, sha256, accepted kinds) → None if the reference is good, else (zh, en).
LicenseCheck = Callable[[str, str, str, list], "tuple[str, str] | None"]


def _license_reference(m: dict, where: str, item: Item | None, id_number: str | None,
                       check: LicenseCheck | None) -> list[dict]:
    """免证办: `{"key","license_id","sha256"}` stands for a photographed material."""
    if not isinstance(m.get("license_id"), str) or not isinstance(m.get("sha256"), str):
        return [err(where, "电子证照引用缺少字段", f"{where} needs string license_id and sha256")]
    material = next((x for x in item.materials if x.key == m["key"]), None) if item else None
    if item is not None and material is not None and not material.accept_licenses:
        return [err(f"{where}.license_id", "该材料不接受电子证照", f"material {m['key']} accepts no licence")]
    if check is None or material is None or not id_number:
        return []
    problem = check(id_number, m["license_id"], m["sha256"].lower(), material.accept_licenses)
    return [err(f"{where}.license_id", problem[0], problem[1])] if problem else []


def check_submission(body, items: dict[str, Item],
                     license_check: LicenseCheck | None = None) -> tuple[list[dict], Item | None]:
    if not isinstance(body, dict):
        return [err("", "请求体必须是 JSON 对象", "the body must be a JSON object")], None
    errors: list[dict] = []
    code = _str_field(body, "item_code", errors)
    region = _str_field(body, "region", errors)
    _str_field(body, "kiosk_id", errors)
    _str_field(body, "submitted_at", errors)
    if "scene_id" in body:       # optional: the 一件事一次办 scene this item is one of
        scene = _str_field(body, "scene_id", errors, max_len=64)
        if scene is not None and not re.fullmatch(r"[A-Za-z0-9._-]+", scene):
            errors.append(err("scene_id", "场景编码格式错误", "scene_id must be A-Z a-z 0-9 . _ -"))
    if region is not None and not re.fullmatch(r"\d{6}", region):
        errors.append(err("region", "区划代码必须是 6 位数字", "region must be a 6-digit GB/T 2260 code"))
    item = items.get(code) if code else None
    if code and item is None:
        errors.append(err("item_code", "本网关没有该事项", "unknown item_code for this gateway"))
    if item is not None and region is not None and region != item.region:
        errors.append(err("region", "区划与事项不符", f"region {region} is not the item's region {item.region}"))
    applicant = body.get("applicant")
    if not isinstance(applicant, dict):
        errors.append(err("applicant", "缺少申请人信息", "applicant must be an object"))
    else:
        for k in ("id_type", "id_number", "name"):
            _str_field(applicant, k, errors, "applicant.")
    form = body.get("form")
    if not isinstance(form, dict):
        errors.append(err("form", "缺少表单", "form must be an object"))
    elif item is not None:
        errors += [e.as_wire() for e in validate_form(item, form)]
    materials = body.get("materials", [])
    keys: list[str] = []
    if not isinstance(materials, list):
        errors.append(err("materials", "材料格式错误", "materials must be a list"))
    else:
        for i, m in enumerate(materials):
            where = f"materials[{i}]"
            if not isinstance(m, dict):
                errors.append(err(where, "材料格式错误", f"{where} must be an object"))
                continue
            if "license_id" in m and isinstance(m.get("key"), str):
                problems = _license_reference(m, where, item, applicant.get("id_number")
                                              if isinstance(applicant, dict) else None, license_check)
                errors += problems
                if not problems:
                    keys.append(m["key"])
                continue
            bad = [k for k in ("key", "content_type", "sha256", "data_b64") if not isinstance(m.get(k), str)]
            if bad:
                errors.append(err(where, "材料缺少字段", f"{where} needs string {bad}"))
                continue
            try:
                data = base64.b64decode(m["data_b64"], validate=True)
            except (binascii.Error, ValueError):
                errors.append(err(f"{where}.data_b64", "材料内容不是有效的 base64", "data_b64 is not base64"))
                continue
            if hashlib.sha256(data).hexdigest() != m["sha256"].lower():
                errors.append(err(f"{where}.sha256", "材料校验值不符", "sha256 does not match data_b64"))
                continue
            keys.append(m["key"])
        if item is not None:
            errors += [dict(e.as_wire(), field=f"materials.{e.key}") for e in validate_materials(item, keys)]
    errors += _consents(body.get("consents"))
    return errors, item


def _consents(consents) -> list[dict]:
    """Optional (older kiosks send none): the resident's recorded consents, e.g. the face's
    {"agreed": bool, "at": RFC 3339, "version": wording, "verified_by": face|app_qr|staff|none}."""
    if consents is None:
        return []
    if not isinstance(consents, dict):
        return [err("consents", "同意记录格式错误", "consents must be an object")]
    face = consents.get("face")
    if face is None:
        return []
    if not isinstance(face, dict) or not isinstance(face.get("agreed"), bool) \
            or not all(isinstance(face.get(k), str) and face.get(k) for k in ("at", "version")):
        return [err("consents.face", "人脸核验同意记录不完整", "consents.face needs agreed (bool), at and version")]
    if face.get("verified_by", "face") not in ("face", "app_qr", "staff", "none"):
        return [err("consents.face.verified_by", "核验方式无效", "verified_by must be face, app_qr, staff or none")]
    return []


def _level_ok(v) -> bool:
    """1..5; 4.0 counts as 4 (JSON Schema's integer does too)."""
    return (isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer()
            and 1 <= v <= 5)


def check_evaluation(body) -> list[dict]:
    if not isinstance(body, dict):
        return [err("", "请求体必须是 JSON 对象", "the body must be a JSON object")]
    errors: list[dict] = []
    _str_field(body, "tracking_no", errors)
    _str_field(body, "item_code", errors)
    level = body.get("level")
    if not _level_ok(level):
        errors.append(err("level", "评价等级必须是 1 到 5", "level must be a whole number 1..5"))
    dims = body.get("dimensions", {})
    if dims is None:
        dims = {}
    if not isinstance(dims, dict):
        errors.append(err("dimensions", "评价维度格式错误", "dimensions must be an object"))
    else:
        for k, v in dims.items():
            if k not in EVALUATION_DIMENSIONS:
                errors.append(err(f"dimensions.{k}", "未知的评价维度",
                                  f"unknown dimension (known: {', '.join(EVALUATION_DIMENSIONS)})"))
            elif not _level_ok(v):
                errors.append(err(f"dimensions.{k}", "维度评分必须是 1 到 5", "a dimension level must be 1..5"))
    reasons = body.get("reasons")
    if reasons is not None and (not isinstance(reasons, list) or len(reasons) > len(EVALUATION_REASONS)
                                or any(not isinstance(r, str) or r not in EVALUATION_REASONS for r in reasons)):
        errors.append(err("reasons", "差评原因不正确",
                          f"reasons: a list of {', '.join(EVALUATION_REASONS)}"))
    comment = body.get("comment", "")
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT):
        errors.append(err("comment", f"评价内容不超过 {MAX_COMMENT} 字", f"comment: a string ≤ {MAX_COMMENT}"))
    region = body.get("region")
    if region is not None and (not isinstance(region, str) or not re.fullmatch(r"\d{6}", region)):
        errors.append(err("region", "区划代码必须是 6 位数字", "region must be a 6-digit code"))
    return errors


def check_verify(body) -> tuple[list[dict], bytes]:
    if not isinstance(body, dict):
        return [err("", "请求体必须是 JSON 对象", "the body must be a JSON object")], b""
    errors: list[dict] = []
    _str_field(body, "id_number", errors, max_len=32)
    _str_field(body, "name", errors, max_len=100)
    face = b""
    b64 = body.get("face_jpeg_b64")
    if not isinstance(b64, str):
        errors.append(err("face_jpeg_b64", "缺少人脸照片", "face_jpeg_b64 is required"))
    else:
        try:
            face = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            errors.append(err("face_jpeg_b64", "人脸照片不是有效的 base64", "face_jpeg_b64 is not base64"))
    return errors, face
