"""The step machine, without Qt."""
import datetime as dt
from dataclasses import dataclass, field

import pytest

from drivers.identity import CardType, IdentityRecord
from kiosk.session import Refused, Step, StepError, Transaction


@dataclass
class M:
    key: str
    label: str
    required: bool = True
    pages: int = 1


@dataclass
class FakeItem:  # plain data shaped like a catalog item (catalog is tested on its own)
    code: str = "X1"
    identity: str = "card"
    offline: str = "allow"
    materials: list = field(default_factory=list)


def person(**kw):
    base = dict(card_type=CardType.RESIDENT, name="测试人", id_number="11010519491231002X",
                valid_until=dt.date(2040, 1, 1))
    base.update(kw)
    return IdentityRecord(**base)


def test_full_path_with_face_and_materials_then_wipe():
    t = Transaction()
    t.start()
    t.choose_item(FakeItem(identity="card_face", materials=[M("photo", "照片")]), online=True)
    assert t.proceed(online=True) == Step.IDENTITY
    assert t.identity_methods() == ["id_card"]
    assert t.identity_presented(person()) == Step.FACE
    with pytest.raises(Refused):
        t.face_result(False)
    assert t.face_result(True) == Step.FORM
    assert t.form_done({"phone": "1"}, errors=["bad"]) == Step.FORM
    assert t.form_done({"phone": "13800000000"}, errors=[]) == Step.MATERIALS
    with pytest.raises(Refused) as missing:
        t.materials_done()
    assert "照片" in missing.value.zh.format(**missing.value.params)   # a source text and its names
    t.add_page("photo", b"\xff\xd8jpeg")
    assert t.materials_done() == Step.REVIEW
    assert t.confirm() == Step.COMMIT
    assert t.committed("L1", "K1") == Step.RESULT
    assert t.result_seen() == Step.RATING
    old = t.session
    t.wipe()
    assert t.step == Step.ATTRACT
    assert t.session.identity is None and t.session.form == {} and not t.session.materials
    assert old.form == {} and all(not p for p in old.materials.values())
    assert "测试人" not in repr(old)


def test_offline_deny_refused_before_identity():
    t = Transaction()
    t.start()
    t.choose_item(FakeItem(offline="deny"), online=False)
    with pytest.raises(Refused) as r:
        t.proceed(online=False)
    assert r.value.code == "offline_deny"
    assert t.step == Step.ITEM
    assert t.proceed(online=True) == Step.IDENTITY


def test_expired_card_and_wrong_method_refused():
    t = Transaction(today=lambda: dt.date(2030, 1, 1))
    t.start()
    t.choose_item(FakeItem(identity="card_face"), online=True)
    t.proceed(online=True)
    with pytest.raises(Refused) as r:
        t.identity_presented(person(valid_until=dt.date(2029, 12, 31)))
    assert r.value.code == "card_expired"
    with pytest.raises(Refused) as r2:
        t.identity_presented(person(card_type=CardType.SOCIAL_SECURITY))
    assert r2.value.code == "method_not_allowed"
    # 长期 (no expiry) is fine
    assert t.identity_presented(person(valid_until=None)) == Step.FACE


def test_intents_out_of_order_are_errors_and_back_never_crosses_commit():
    t = Transaction()
    with pytest.raises(StepError):
        t.confirm()
    t.start()
    t.choose_item(FakeItem(), online=True)
    t.proceed(True)
    t.identity_presented(person())
    assert t.back() == Step.IDENTITY and t.session.identity is None
    t.identity_presented(person())
    t.form_done({}, [])
    t.confirm()
    assert t.back() == Step.COMMIT


def _at_form(item, record):
    t = Transaction()
    t.start()
    t.choose_item(item, online=True)
    t.proceed(online=True)
    assert t.identity_presented(record) == Step.FORM
    return t


def test_switch_item_keeps_the_identity_only_as_far_as_the_new_item_accepts_it():
    """主动服务's 办理: right after identity, before anything was typed."""
    t = _at_form(FakeItem("A"), person())
    assert t.switch_item(FakeItem("B", identity="card_face"), online=True) == Step.FACE   # its face check next
    assert t.session.item.code == "B" and t.session.identity.name == "测试人"
    assert t.face_result(True) == Step.FORM
    assert t.switch_item(FakeItem("C", identity="card_face"), online=True) == Step.FORM   # face passed already
    # A social-security card is not enough for a face-checked item: identity dropped, its guide.
    t = _at_form(FakeItem("A", identity="any"), person(card_type=CardType.SOCIAL_SECURITY))
    assert t.switch_item(FakeItem("B", identity="card_face"), online=True) == Step.ITEM
    assert t.session.identity is None and not t.session.face_checked
    # Offline, an offline-deny item is refused and the current item stays.
    t = _at_form(FakeItem("A"), person())
    with pytest.raises(Refused):
        t.switch_item(FakeItem("B", offline="deny"), online=False)
    assert t.session.item.code == "A" and t.step == Step.FORM
    # Not once the form was started, and not from another step.
    t.form_done({"phone": "1"}, errors=["bad"])
    with pytest.raises(StepError):
        t.switch_item(FakeItem("B"), online=True)
    t = Transaction()
    t.start()
    with pytest.raises(StepError):
        t.switch_item(FakeItem("B"), online=True)
