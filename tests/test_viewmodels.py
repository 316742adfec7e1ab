"""The screens' dicts in Chinese (the default, unchanged) and in English, from the real seed catalog."""
from __future__ import annotations

import copy
import json
import re

import pytest

from gateway_testkit import ID_NUMBER, NAME, SEED, fill_form, person
from kiosk import viewmodels as vm
from kiosk.catalog.model import parse_item
from kiosk.catalog.store import load_seed
from kiosk.privacy import mask_name
from kiosk.progress_view import progress_view

CAT = load_seed(SEED)
SBK = CAT.get("230100-RS-001")           # 社保卡申领: gender and pickup selects, face check, photo
BJ = CAT.get("110000-RS-001")            # 北京社保卡补换: proxy
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
PAGES = {"photo": [b"jpeg"]}


def chinese_in(value, allowed: set[str]) -> list[str]:
    """Every string inside `value` (dicts, lists, tuples) that holds CJK and is not one of `allowed`."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in chinese_in(v, allowed)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in chinese_in(v, allowed)]
    return [value] if isinstance(value, str) and CJK.search(value) and value not in allowed else []


def test_chinese_is_the_default_and_keeps_its_shape():
    row = vm.item_row(BJ, online=True)
    assert row == {"code": "110000-RS-001", "name": "北京社会保障卡补换（跨省通办）", "region_name": "北京市",
                   "category": "社会保障", "mode_label": "异地代收代办", "needs_face": True, "offline_denied": False}
    guide = vm.item_guide(SBK)
    assert guide["name"] == "社会保障卡申领" and guide["fee"] == "不收费" and "official_name" not in guide
    assert guide["identity_label"] == "身份证 + 人脸核验" and guide["time_limit"] == "15 个工作日"
    assert guide["materials"] == [{"label": "本人近期免冠证件照（白底）", "required": True, "pages": 1}]
    pickup = next(f for f in vm.form_fields(SBK) if f["key"] == "pickup")
    assert pickup["label"] == "领取方式" and pickup["options"] == pickup["option_labels"] == ["窗口领取", "邮寄送达"]
    review = vm.review_summary(SBK, person(), dict(fill_form(SBK), pickup="邮寄送达"), PAGES, online=False)
    assert ("领取方式", "邮寄送达") in review["fields"] and review["offline_note"].startswith("网络暂时中断")
    res = vm.result(SBK, person(), "L-1", None, "rk", None)
    assert res["queued_note"] == res["queued_note_zh"] and res["headline"] == "已保存，联网后自动提交"
    assert res["printer_message"] == res["printer_message_zh"] == "回执打印机暂不可用"
    assert vm.item_row(BJ, True, "zh") == row and vm.item_row(BJ, True, "fr") == row     # unknown: Chinese


def test_english_item_carries_its_official_chinese_name():
    row = vm.item_row(BJ, online=False, lang="en")
    assert row == {"code": "110000-RS-001",
                   "name": "Beijing social security card replacement (inter-provincial service)",
                   "official_name": "北京社会保障卡补换（跨省通办）", "region_name": "Beijing",
                   "category": "社会保障", "mode_label": "Accepted here for the home region", "needs_face": True,
                   # offline, a face-check item is refused like an offline-deny one (the gateway compares faces)
                   "offline_denied": True}
    guide = vm.item_guide(SBK, "en")
    assert guide["department"] == "Harbin Human Resources and Social Security Bureau"
    assert guide["identity_label"] == "ID card + face check" and guide["fee"] == "Free"
    assert guide["guide"].startswith("How it works:") and guide["time_limit"] == "15 working days"
    assert guide["materials"][0]["label"] == "Recent ID photo of yourself (white background, no hat)"


def test_english_form_shows_english_options_but_submits_the_chinese_values():
    fields = {f["key"]: f for f in vm.form_fields(SBK, "en")}
    pickup = fields["pickup"]
    assert pickup["label"] == "How to collect"
    assert pickup["options"] == ["窗口领取", "邮寄送达"]                       # what the form submits
    assert pickup["option_labels"] == ["Collect at the counter", "Delivery by post"]   # what shows
    mail = fields["mail_address"]
    assert mail["required"] is False and mail["required_when"] == {"pickup": "邮寄送达"}
    assert mail["hint"] == "Needed if you choose delivery by post"
    assert fields["name"]["readonly"] and fields["phone"]["hint"] == "11-digit mobile number"
    assert fields["gender"]["option_labels"] == ["Male", "Female"]


def test_english_review_and_result():
    form = dict(fill_form(SBK), pickup="邮寄送达", mail_address="黑龙江省哈尔滨市南岗区红军街15号")
    review = vm.review_summary(SBK, person(), form, PAGES, online=False, lang="en")
    assert review["item_name"] == "Social security card application" and review["official_name"] == "社会保障卡申领"
    assert ("How to collect", "Delivery by post") in review["fields"] and ("Gender", "Male") in review["fields"]
    assert ("Mailing address", "黑龙江省哈尔滨市南岗区红军街15号") in review["fields"]   # typed: as typed
    assert review["materials"] == [("Recent ID photo of yourself (white background, no hat)", 1, 1)]
    assert review["offline_note"].startswith("The network is down")
    assert review["applicant_name"] == NAME and review["applicant_id"] == ID_NUMBER
    queued = vm.result(SBK, person(), "L-1", None, "rk", {"ok": False, "reason_zh": "缺纸",
                                                            "reason_en": "paper out (DLE EOT 4 bit 5)"}, "en")
    assert queued["headline"] == "Saved, to be submitted when the network is back"
    assert queued["queued_note"].startswith("Your application is saved")
    assert queued["printer_message"] == "The receipt printer is not available right now."
    assert queued["printer_message_zh"] == "缺纸" and queued["item_name"] == "Social security card application"
    done = vm.result(SBK, person(), "L-1", "TRK-9", "rk", {"ok": True}, "en")
    assert done["headline"] == "Accepted" and done["queued_note"] == "" and done["printer_message"] == ""
    assert done["masked_name"] == "王*明" and done["official_name"] == "社会保障卡申领"


@pytest.mark.parametrize("item", CAT.items(), ids=lambda i: i.code)
def test_no_chinese_reaches_an_english_resident_but_the_official_name_and_their_own_data(item):
    ident = person()
    form = fill_form(item, ident)
    own = {ident.name, ident.id_number, *(str(form[f.key]) for f in item.fields if f.type != "select")}
    allowed = own | {item.name, mask_name(ident.name)}
    pages = {m.key: [b"x"] for m in item.materials}
    dicts = [vm.item_row(item, False, "en"), vm.item_guide(item, "en"), vm.form_fields(item, "en"),
             vm.materials(item, "en"), vm.review_summary(item, ident, form, pages, False, lang="en"),
             vm.result(item, ident, "L-1", None, "rk", None, "en"),
             progress_view({"tracking_no": "T", "item_code": item.code, "status": "accepted",
                            "history": [{"status": "received", "at": "2026-11-26T10:00:00+08:00"}]}, "en", CAT)]
    # the form's `options`, the row's `category` and a material's `accept_licenses` are values
    # (what is submitted, filtered on or matched), never shown, and the result's *_zh keys are
    # the Chinese texts kept for the Chinese screens: leave them out of the check
    shown = json.loads(json.dumps(dicts, ensure_ascii=False))
    shown[0].pop("category")
    for f in shown[2]:
        f.pop("options"), f.pop("required_when")
    for m in shown[3]:
        m.pop("accept_licenses")
    shown[5] = {k: v for k, v in shown[5].items() if not k.endswith("_zh")}
    assert chinese_in(shown, allowed) == []


def test_an_item_without_english_falls_back_to_chinese():
    d = json.loads(SEED.read_text(encoding="utf-8"))["items"][0]
    bare = copy.deepcopy(d)
    for obj in [bare, *bare["fields"], *bare["materials"]]:
        for k in [k for k in obj if k.endswith("_en")]:
            del obj[k]
    item = parse_item(bare)
    row = vm.item_row(item, True, "en")
    assert row["name"] == "社会保障卡申领" and row["official_name"] == ""      # not shown twice
    assert row["region_name"] == "Harbin" and row["mode_label"] == "Fully online"
    pickup = next(f for f in vm.form_fields(item, "en") if f["key"] == "pickup")
    assert pickup["label"] == "领取方式" and pickup["option_labels"] == ["窗口领取", "邮寄送达"]
    assert vm.item_guide(item, "en")["guide"] == d["guide"]


def test_categories_and_regions():
    zh = vm.categories(CAT)
    en = vm.categories(CAT, "en")
    assert [c["key"] for c in zh] == [c["key"] for c in en] == CAT.categories()
    assert all(c["label"] == c["key"] for c in zh)
    assert {"key": "住房公积金", "label": "Housing provident fund"} in en
    assert not [c for c in en if CJK.search(c["label"])]
    assert vm.region_label("133100", "en") == "Xiong'an New Area" and vm.region_label("230100") == "哈尔滨市"
    assert vm.region_label("999999", "en", "某地") == "某地" and vm.region_label("999999") == "999999"


def test_progress_in_both_languages_with_the_item_name():
    answer = {"tracking_no": "T-1", "item_code": "230100-GA-001", "status": "accepted",
              "history": [{"status": "received", "at": "2026-11-26T10:00:00+08:00"},
                          {"status": "accepted", "at": "2026-11-26T10:05:00+08:00", "note": "材料齐全，已受理"}]}
    zh = progress_view(answer)
    assert zh == {"tracking_no": "T-1", "status_label": "已受理", "item_name": "",
                  "history": [("2026-11-26 10:00", "已接收"), ("2026-11-26 10:05", "材料齐全，已受理")]}
    en = progress_view(answer, "en", CAT)
    assert en["status_label"] == "Accepted" and en["item_name"] == "Household registration certificate"
    assert en["official_name"] == "户籍证明开具"
    assert en["history"] == [("2026-11-26 10:00", "Received"), ("2026-11-26 10:05", "Accepted")]
    assert progress_view(answer, catalog=CAT)["item_name"] == "户籍证明开具"
    assert progress_view({"status": "queued"}, "en", CAT)["status_label"] == "Waiting to be submitted"
