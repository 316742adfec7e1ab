"""The resident's transaction: one session object and its step machine.

No Qt here: the whole flow is tested without widgets. The session holds every
piece of personal data of one visit; `wipe()` drops it all.

attract ─► home ─► item ─► identity ─► face? ─► form ─► materials? ─► review
        ─► commit ─► result ─► rating ─► (wipe) attract
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from drivers.identity import CardType, IdentityRecord
from kiosk.catalog.scenes import merge
from screens.i18n_marks import tr_noop


class Step(str, enum.Enum):
    ATTRACT = "attract"
    HOME = "home"
    ITEM = "item"
    IDENTITY = "identity"
    FACE = "face"
    FORM = "form"
    MATERIALS = "materials"
    REVIEW = "review"
    COMMIT = "commit"
    RESULT = "result"
    RATING = "rating"


class Refused(Exception):
    """The step cannot go on; `zh` is what the resident reads (a source text, translated
    where it is shown, with `params` for its {placeholders}); `en` is for the log."""

    def __init__(self, code: str, zh: str, en: str, **args):
        super().__init__(en)
        self.code, self.zh, self.en, self.params = code, zh, en, args


class StepError(Exception):
    """A programming error: an intent arrived in a step where it makes no sense."""


# Which identity sources an item accepts (DESIGN: face is never the only way in).
# The provincial app's QR code carries the electronic ID card (电子身份证), which
# stands for the card wherever the card alone is enough.
METHODS_BY_REQUIREMENT = {
    "card": ["id_card", "social_card", "app_qr"],
    "card_face": ["id_card"],
    "any": ["id_card", "social_card", "app_qr"],
}
# The device each identity method needs (a method whose device is not configured is not offered).
DEVICE_OF_METHOD = {"id_card": "id_reader", "social_card": "smartcard", "app_qr": "camera"}
CARD_TYPE_METHOD = {
    CardType.RESIDENT: "id_card",
    CardType.HK_MO_TW_PERMIT: "id_card",
    CardType.FOREIGN_PERMANENT_2017: "id_card",
    CardType.FOREIGN_PERMANENT_2023: "id_card",
    CardType.SOCIAL_SECURITY: "social_card",
    CardType.APP_QR: "app_qr",
}


@dataclass
class MaterialPage:
    jpeg: bytes = field(repr=False)


@dataclass
class Session:
    """Everything personal about one visit. Lives in memory only."""

    item: Any = None                       # kiosk.catalog.model.Item (not personal)
    identity: IdentityRecord | None = None
    face_checked: bool = False
    staff_checked: bool = False    # 工作人员核验 stood for the face (kept for an item switch)
    form: dict[str, str] = field(default_factory=dict)
    materials: dict[str, list[MaterialPage]] = field(default_factory=dict)
    local_id: str | None = None
    tracking_no: str | None = None
    receipt_key: str | None = None         # opaque key for the progress QR
    # 免证办: material key → kiosk.documents.fetch.License chosen instead of photos, and when the
    # resident agreed (separately) that the kiosk may fetch their licences.
    licenses: dict[str, Any] = field(default_factory=dict)
    license_consent_at: str | None = None
    # The face's own consent (PIPL art. 29): {"agreed", "at", "version"} once asked (a refusal is
    # kept: the resident is never asked again this visit), and the way identity was confirmed
    # instead of the face: "app_qr" or "staff".
    face_consent: dict[str, Any] | None = None
    face_way: str | None = None
    # The documents the submission produced: kiosk.documents.VerifiedDocument, in memory only.
    documents: list[Any] = field(default_factory=list)
    # 主动服务: asked once a session; the time the resident agreed (None: declined or not asked).
    recommend_asked: bool = False
    recommend_consent_at: str | None = None
    # 一件事一次办: the scene, its items (catalog Items) and the ones chosen (`item` is then their
    # merged form, kiosk.catalog.scenes.merge); after the commit, each item's local id, and after
    # delivery each one's {"state", "tracking_no"}.
    scene: Any = None
    scene_all: list[Any] = field(default_factory=list)
    scene_items: list[Any] = field(default_factory=list)
    scene_local_ids: list[str] = field(default_factory=list)
    scene_outcomes: dict[str, dict] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Session(item={getattr(self.item, 'code', None)!r}, <personal data hidden>)"


class Transaction:
    """The step machine. Every intent checks the step and returns the next one."""

    def __init__(self, today=dt.date.today):
        self.step = Step.ATTRACT
        self.session = Session()
        self._today = today

    # -- navigation -------------------------------------------------------
    def _expect(self, *steps: Step) -> None:
        if self.step not in steps:
            raise StepError(f"intent not valid in step {self.step.value}")

    def start(self) -> Step:
        self._expect(Step.ATTRACT)
        self.step = Step.HOME
        return self.step

    def choose_item(self, item, online: bool) -> Step:
        self._expect(Step.HOME, Step.ITEM)
        self.session.item = item
        self.session.face_way = None
        self.session.scene, self.session.scene_all, self.session.scene_items = None, [], []
        self.step = Step.ITEM
        return self.step

    def choose_scene(self, scene, items: list) -> Step:
        """一件事一次办: every item of the scene chosen (optional ones can be left out in the ITEM step)."""
        self._expect(Step.HOME, Step.ITEM)
        s = self.session
        s.scene, s.scene_all, s.scene_items = scene, list(items), list(items)
        s.item = merge(scene, s.scene_items)
        self.step = Step.ITEM
        return self.step

    def set_scene_item(self, code: str, chosen: bool) -> None:
        """Leave out (or take back) an optional item of the scene; required ones always stay."""
        self._expect(Step.ITEM)
        s = self.session
        if s.scene is None or not s.scene.is_optional(code):
            raise StepError(f"{code} is not an optional item of this scene")
        keep = {i.code for i in s.scene_items} - {code} | ({code} if chosen else set())
        s.scene_items = [i for i in s.scene_all if i.code in keep]
        s.item = merge(s.scene, s.scene_items)

    def refusal(self, online: bool) -> Refused | None:
        """Items that cannot be done offline are refused before the resident types anything:
        offline-deny items, and items with a face check (the gateway compares the face)."""
        item = self.session.item
        if item is None or online:
            return None
        if item.offline == "deny":
            return Refused("offline_deny",
                           tr_noop("网络暂时中断，此事项需要联网实时办理，请稍后再试或咨询工作人员。"),
                           "this item needs a live connection and the network is down")
        if item.identity == "card_face":
            return Refused("offline_face",
                           tr_noop("网络暂时中断，此事项需要联网进行人脸核验，请稍后再试或咨询工作人员。"),
                           "the face check needs the gateway and the network is down")
        return None

    def proceed(self, online: bool) -> Step:
        self._expect(Step.ITEM)
        refused = self.refusal(online)
        if refused:
            raise refused
        self.step = Step.IDENTITY
        return self.step

    def identity_methods(self, devices=None) -> list[str]:
        """The ways in this item allows; with `devices` (the configured device kinds), only
        those whose device is there."""
        methods = list(METHODS_BY_REQUIREMENT.get(self.session.item.identity, ["id_card"]))
        if self.session.face_way == "app_qr":      # the face refused: the app's identity code instead
            methods = ["app_qr"]
        if devices is not None:
            methods = [m for m in methods if DEVICE_OF_METHOD[m] in devices]
        return methods

    def needs_face(self) -> bool:
        return self.session.item is not None and self.session.item.identity == "card_face"

    def identity_presented(self, record: IdentityRecord) -> Step:
        self._expect(Step.IDENTITY)
        method = CARD_TYPE_METHOD.get(record.card_type)
        if method not in self.identity_methods():
            raise Refused("method_not_allowed", tr_noop("此事项不能使用这种方式验证身份，请使用身份证。"),
                          f"identity source {record.card_type.value} not accepted for this item")
        if record.valid_until is not None and record.valid_until < self._today():
            raise Refused("card_expired", tr_noop("您的证件已过期，请使用有效证件或咨询工作人员。"),
                          "the card has expired")
        card = self.session.identity
        if self.session.face_way == "app_qr" and card is not None and card.id_number != record.id_number:
            raise Refused("not_same_person", tr_noop("此身份码与刚才读取的证件不是同一人，请出示本人的政务 App 身份码。"),
                          "the app QR code is not the card holder's")
        self.session.identity = record
        self.step = Step.FACE if self.needs_face() and self.session.face_way is None else Step.FORM
        return self.step

    def face_consent_given(self, agreed: bool, at: str, version: str) -> None:
        """The resident's answer on the consent page, before the camera opens."""
        self._expect(Step.FACE)
        self.session.face_consent = {"agreed": bool(agreed), "at": at, "version": version}

    def face_refused(self) -> bool:
        consent = self.session.face_consent
        return consent is not None and not consent["agreed"]

    def face_instead(self, way: str) -> Step:
        """Another way than the face, one the item allows. "app_qr" (after 不同意) goes back to the
        identity step for the app's code (the same person as the card); "staff" holds this step."""
        self._expect(Step.FACE)
        # Staff may be asked for at any moment of this step (the face screen's 请工作人员协助核验:
        # 不刷脸); the app's code only after 不同意 (it goes back to the identity step).
        if way not in self.session.item.face_alternatives or way != "staff" and not self.face_refused():
            raise StepError(f"face alternative {way!r} not offered here")
        self.session.face_way = way
        if way == "app_qr":
            self.step = Step.IDENTITY
        return self.step

    def staff_verified(self) -> Step:
        """请工作人员核验 done: the hall staff checked the card holder in person (their PIN on the
        kiosk) instead of the face; on to the form as after a passed face check."""
        self._expect(Step.FACE)
        if self.session.face_way != "staff" or self.session.identity is None:
            raise StepError("staff verification without the resident's asking for it")
        self.session.staff_checked = True
        self.step = Step.FORM
        return self.step

    def face_result(self, match: bool) -> Step:
        self._expect(Step.FACE)
        if not match:
            raise Refused("face_mismatch", tr_noop("人脸核验未通过。您可以重试，或请工作人员协助办理。"),
                          "face verification did not match")
        self.session.face_checked = True
        self.step = Step.FORM
        return self.step

    def switch_item(self, item, online: bool) -> Step:
        """主动服务's 办理: another item right after identity (and face), keeping the verified identity.

        Only before anything was typed for the current item (FORM with an empty form), and only
        as far as the new item would accept this identity on its own: its offline rule and its
        identity methods are checked again; a face check it needs and
        the resident has not passed comes next. An identity it would not accept is dropped and
        the new item starts at its guide (the resident shows the card it asks for)."""
        self._expect(Step.FORM)
        if self.session.form or self.session.materials or self.session.licenses:
            raise StepError("switch_item after the form was started")
        before = self.session.item, self.session.scene, self.session.scene_all, self.session.scene_items
        # The new item alone: a scene chosen before (一件事一次办) no longer applies.
        self.session.item, self.session.scene, self.session.scene_all, self.session.scene_items = item, None, [], []
        refused = self.refusal(online)
        if refused:
            self.session.item, self.session.scene, self.session.scene_all, self.session.scene_items = before
            raise refused
        record = self.session.identity
        if CARD_TYPE_METHOD.get(record.card_type) not in self.identity_methods():
            self.session.identity, self.session.face_checked, self.session.staff_checked = None, False, False
            self.step = Step.ITEM
            return self.step
        # A face passed, or staff who confirmed the resident in person, stands for this visit.
        verified = self.session.face_checked or self.session.staff_checked
        self.step = Step.FACE if self.needs_face() and not verified else Step.FORM
        return self.step

    def form_done(self, values: dict[str, str], errors: list) -> Step:
        """`errors` comes from the catalog's one validator; on errors the step stays."""
        self._expect(Step.FORM)
        self.session.form = dict(values)
        if errors:
            return self.step
        self.step = Step.MATERIALS if self.session.item.materials else Step.REVIEW
        return self.step

    def add_page(self, key: str, jpeg: bytes) -> None:
        self._expect(Step.MATERIALS)
        self.session.materials.setdefault(key, []).append(MaterialPage(jpeg))

    def remove_page(self, key: str, index: int) -> None:
        self._expect(Step.MATERIALS)
        pages = self.session.materials.get(key, [])
        if 0 <= index < len(pages):
            del pages[index]

    def missing_materials(self) -> list[str]:
        """Required materials with fewer pages than they ask for (居民身份证正反面: 2)."""
        return [m.label for m in self.session.item.materials
                if m.required and m.key not in self.session.licenses
                and len(self.session.materials.get(m.key, [])) < max(1, m.pages)]

    def use_license(self, key: str, license) -> None:
        """A verified electronic licence stands for material `key` (its photos are dropped)."""
        self._expect(Step.MATERIALS)
        if self.session.license_consent_at is None:
            raise StepError("licences used without the resident's consent")
        self.session.materials.pop(key, None)
        self.session.licenses[key] = license

    def materials_done(self) -> Step:
        self._expect(Step.MATERIALS)
        missing = self.missing_materials()
        if missing:
            raise Refused("materials_missing", tr_noop("还缺少材料：{names}"),
                          f"{len(missing)} required material(s) missing", names="、".join(missing))
        self.step = Step.REVIEW
        return self.step

    def confirm(self) -> Step:
        self._expect(Step.REVIEW)
        self.step = Step.COMMIT
        return self.step

    def committed(self, local_id: str, receipt_key: str) -> Step:
        """Called only once the outbox says the entry is durable."""
        self._expect(Step.COMMIT)
        self.session.local_id = local_id
        self.session.receipt_key = receipt_key
        self.step = Step.RESULT
        return self.step

    def delivered(self, tracking_no: str | None) -> None:
        self.session.tracking_no = tracking_no

    def scene_committed(self, local_ids: list[str], receipt_key: str) -> Step:
        """A scene's entries are durable together: the first is the visit's receipt number."""
        self.session.scene_local_ids = list(local_ids)
        return self.committed(local_ids[0], receipt_key)

    def scene_settled(self, outcomes: dict[str, dict]) -> None:
        """Each item's {"state", "tracking_no"}; the visit's tracking number is the first one delivered."""
        self.session.scene_outcomes = dict(outcomes)
        self.session.tracking_no = next((o["tracking_no"] for lid in self.session.scene_local_ids
                                         if (o := outcomes.get(lid, {})).get("tracking_no")), None)

    def result_seen(self) -> Step:
        self._expect(Step.RESULT)
        self.step = Step.RATING
        return self.step

    def back(self) -> Step:
        """One step back where that makes sense; never back past a commit."""
        order = [Step.HOME, Step.ITEM, Step.IDENTITY, Step.FACE, Step.FORM, Step.MATERIALS, Step.REVIEW]
        if self.step not in order or self.step == Step.HOME:
            return self.step
        i = order.index(self.step) - 1
        while order[i] == Step.FACE and not self.needs_face() or \
                order[i] == Step.MATERIALS and not (self.session.item and self.session.item.materials):
            i -= 1
        if order[i] in (Step.IDENTITY, Step.FACE):
            # Re-identify from scratch rather than keep a half-checked identity.
            self.session.identity = None
            self.session.face_checked = self.session.staff_checked = False
            if self.step != Step.IDENTITY:
                self.session.face_way = None
            i = order.index(Step.IDENTITY)
        self.step = order[i]
        return self.step

    def wipe(self) -> Step:
        """Drop everything personal (completion, cancel, idle timeout)."""
        s = self.session
        for pages in s.materials.values():
            pages.clear()
        s.form.clear()
        s.licenses.clear()
        s.documents.clear()
        s.scene_outcomes.clear()
        self.session = Session()
        self.step = Step.ATTRACT
        return self.step
