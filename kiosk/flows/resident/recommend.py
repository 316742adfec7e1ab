"""主动服务 in the resident flow (a part of ResidentFlow): after identity (and the face check
if the item has one), the kiosk offers to ask the platform what this resident needs now.

Nothing leaves the kiosk before the resident taps 为您推荐 on screen; 不用了 is one
tap and the question is not asked again in the session (nor after agreeing). With
consent, `GET /v1/recommendations` runs on the network lane (the identity and the
time of consent in headers) and up to three cards are shown: the item, why, 办理.

办理 switches to that item keeping the verified identity (Transaction.switch_item):
the question comes at FORM before anything was typed, so nothing is lost, and the
step machine checks the new item's offline rule and identity methods again and asks
for a face check the new item needs and the resident has not passed. An identity the
new item would not accept is dropped and the new item starts at its guide.
继续办理 goes on with the item the resident came for.

The answer lives in memory for this screen only: never stored, never printed, logged
as item codes only, and dropped at the wipe, on 办理 and on 继续办理.
"""
from __future__ import annotations

import datetime as dt
import logging

from kiosk import viewmodels as vm
from kiosk.session import Refused, Step
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

TITLE = "为您推荐"


class RecommendSteps:
    SCREENS = [("recommend", "screens.recommendations", "RecommendScreen")]
    _recs: list = []            # kiosk.gateway.recommendations.Recommendation, for the screen only

    def wire_recommendations(self) -> None:
        self.recommend.consent.connect(self.on_recommend_consent)
        self.recommend.chosen.connect(self.on_recommendation_chosen)
        self.recommend.continued.connect(self.on_recommend_continue)

    def wipe_recommendations(self) -> None:
        self._recs = []

    # -- after identity -----------------------------------------------------------
    def _wants_recommendations(self) -> bool:
        s = self.tx.session
        return (self.ctx.cfg.kiosk.recommendations and not s.recommend_asked and self.ctx.online
                and self.tx.step == Step.FORM and s.identity is not None and self.services is not None)

    def after_identity(self) -> None:
        """Identity (and face) done: the question once a session, else straight to the form."""
        if not self._wants_recommendations():
            self.enter_form()
            return
        self.tx.session.recommend_asked = True
        self.recommend.ask(vm.text(self.tx.session.item, "name", self.lang))
        self._show_recommend()

    def _show_recommend(self) -> None:
        position = next(i for i, (_, steps) in enumerate(self._indicator) if Step.IDENTITY in steps)
        self.ctx.steps.set_steps([label for label, _ in self._indicator])
        self.ctx.nav.show(self.recommend, TITLE, back=True, step=position)

    def _on_recommend_screen(self) -> bool:
        return self.tx.step == Step.FORM and self.ctx.nav.current() is self.recommend

    def on_recommend_consent(self, agreed: bool) -> None:
        if not self._on_recommend_screen():
            return
        if not agreed:
            log.info("recommendations declined / 不用推荐")
            self.enter_form()
            return
        from kiosk.gateway import recommendations as rec
        s = self.tx.session
        s.recommend_consent_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        log.info("recommendation consent recorded / 已记录推荐授权")
        headers = rec.headers(s.identity.card_type.value, s.identity.id_number, s.recommend_consent_at)
        client = self.services.gateway.client_for(None)        # the home gateway (the exchange)
        self.recommend.show_waiting()
        session = s
        self.ctx.runner.run("network", lambda: rec.fetch(client, headers),
                            lambda recs: self._on_recommendations(session, recs),
                            lambda exc: self._on_recommendations_failed(session, exc))

    def _on_recommendations_failed(self, session, exc: BaseException) -> None:
        log.warning("recommendations not fetched: %s (HTTP %s)", type(exc).__name__, getattr(exc, "status", None))
        if self.tx.session is session and self._on_recommend_screen():
            self.recommend.show_message(tr_noop("暂时无法为您推荐，您可以继续办理当前事项。"))

    def _on_recommendations(self, session, recs) -> None:
        if self.tx.session is not session or not self._on_recommend_screen():
            return                         # the resident went on, or the session was wiped
        from kiosk.gateway.recommendations import MAX_SHOWN, codes
        current = session.item.code
        self._recs = [r for r in recs if self._openable(r) and r.code != current][:MAX_SHOWN]
        log.info("recommendations shown: %s", codes(self._recs))
        self._show_cards()

    def _openable(self, r) -> bool:
        """An item in this kiosk's catalog; a scene only where the catalog and the flow know scenes."""
        catalog = self.services.catalog
        if r.kind == "item":
            return catalog.get(r.code) is not None
        find = getattr(catalog, "scene", None)
        return callable(find) and find(r.code) is not None and callable(getattr(self, "start_scene", None))

    def _show_cards(self) -> None:
        catalog = self.services.catalog
        rows = []
        for r in self._recs:
            target = catalog.get(r.code) if r.kind == "item" else catalog.scene(r.code)
            rows.append({"kind": r.kind, "code": r.code, "name": vm.text(target, "name", self.lang),
                         "reason": r.reason_in(self.lang)})
        self.recommend.show_cards(rows)

    def relabel_recommendations(self) -> None:
        """中文/EN while the cards are up: the names and reasons in the new language."""
        if self._on_recommend_screen() and self._recs:
            self._show_cards()

    # -- the resident's choice --------------------------------------------------------
    def on_recommend_continue(self) -> None:
        if self._on_recommend_screen():
            self._recs = []
            self.enter_form()

    def on_recommendation_chosen(self, kind: str, code: str) -> None:
        if not self._on_recommend_screen() or not any(r.kind == kind and r.code == code for r in self._recs):
            return
        if kind == "scene":
            self._recs = []
            self.start_scene(code)             # where a scene flow exists (see _openable)
            return
        item = self.services.catalog.get(code)
        try:
            step = self.tx.switch_item(item, self.ctx.online)
        except Refused as r:
            self.recommend.show_message(r.zh, **r.params)
            return
        self._recs = []
        log.info("recommendation taken: item:%s", code)
        self.ctx.metrics.item_chosen(code)
        self._indicator = [(label, steps) for label, steps in self._indicator_all()
                           if Step.MATERIALS not in steps or item.materials]
        if step == Step.FACE:
            self.start_face_check()
        elif step == Step.FORM:
            self.enter_form()
        else:                                  # the identity did not suit the new item: its guide
            self.ctx.hub.watch_cards(False)
            self.guide.show_item(vm.item_guide(item, lang=self.lang))
            self._show_refusal(self.ctx.online)
            self.show_step(Step.ITEM)

    def _indicator_all(self):
        from kiosk.flows.resident.flow import INDICATOR
        return INDICATOR
