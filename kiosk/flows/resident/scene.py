"""一件事一次办 in the resident flow (a part of ResidentFlow): the scene on the home screen, its
guide with the optional items, and its commit as linked submissions.

Between the guide and the review a scene is one merged Item (kiosk.catalog.scenes.merge), so
identity, face check, form, materials and review are the ordinary steps, asked once. At COMMIT
each chosen item gets its own body (its fields, its materials) and all are committed together
(OutboxService.submit_linked: one transaction, all or none); each goes to its own region's
gateway. The receipt lists every item with its tracking number or local number, and says which
one needs staff.
"""
from __future__ import annotations

import logging

from kiosk import viewmodels as vm
from kiosk.catalog.scenes import SCENE_CATEGORY, SCENE_CATEGORY_EN
from kiosk.session import Step
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

# The step indicator of a scene: the same steps, named for one visit of several items.
SCENE_INDICATOR_LABELS = {"选择事项": tr_noop("选择一件事"), "填写信息": tr_noop("合并填表"),
                          "核对提交": tr_noop("一次核对提交")}


class SceneSteps:
    # -- home ----------------------------------------------------------------------
    def scene_tiles(self) -> list[tuple[str, str]]:
        """The 一件事一次办 tile first on the home screen, when the catalog has scenes."""
        if not self.services.catalog.scenes():
            return []
        return [(SCENE_CATEGORY, SCENE_CATEGORY_EN if self.lang == "en" else SCENE_CATEGORY)]

    def _scene_row(self, scene) -> dict:
        from kiosk.catalog.scenes import merge
        return vm.item_row(merge(scene, self.services.catalog.scene_items(scene)), self.ctx.online, lang=self.lang)

    def on_search(self, query: str) -> None:
        catalog = self.services.catalog
        if query.strip():
            rows = [self._scene_row(s) for s in catalog.search_scenes(query)]
            rows += [vm.item_row(i, self.ctx.online, lang=self.lang) for i in catalog.search(query)]
        else:
            rows = [vm.item_row(i, self.ctx.online, lang=self.lang) for i in catalog.items()]
        self.home.set_items(rows)

    def on_category(self, category: str) -> None:
        catalog = self.services.catalog
        if category == SCENE_CATEGORY:
            self.home.set_items([self._scene_row(s) for s in catalog.scenes()])
            return
        items = [i for i in catalog.items() if i.category == category]
        self.home.set_items([vm.item_row(i, self.ctx.online, lang=self.lang) for i in items])

    # -- the scene's guide ----------------------------------------------------------------
    def on_scene_chosen(self, scene_id: str) -> None:
        catalog = self.services.catalog
        scene = catalog.scene(scene_id)
        self.tx.choose_scene(scene, catalog.scene_items(scene))
        self.ctx.metrics.item_chosen(scene_id)
        self.show_scene_guide()
        self.show_step(Step.ITEM)

    def show_scene_guide(self) -> None:
        s = self.tx.session
        chosen = {i.code for i in s.scene_items}
        self._indicator = [(SCENE_INDICATOR_LABELS.get(label, label), steps) for label, steps in self.INDICATOR
                           if Step.MATERIALS not in steps or s.item.materials]
        self.guide.show_item(vm.item_guide(s.item, lang=self.lang))
        self.guide.show_scene_items([{"code": i.code, "name": vm.text(i, "name", self.lang),
                                      "optional": s.scene.is_optional(i.code), "chosen": i.code in chosen}
                                     for i in s.scene_all])
        self._show_refusal(self.ctx.online)

    def on_scene_item_toggled(self, code: str, chosen: bool) -> None:
        if self.tx.step != Step.ITEM or self.tx.session.scene is None:
            return
        self.tx.set_scene_item(code, chosen)
        self.show_scene_guide()
        self.show_step(Step.ITEM)

    # -- commit -------------------------------------------------------------------------
    def commit_scene(self) -> None:
        from kiosk.catalog.scenes import form_of
        from kiosk.submission import applicant_group, build_submission
        s = self.tx.session
        cfg, outbox = self.ctx.cfg, self.services.outbox
        identity, form, scene = s.identity, dict(s.form), s.scene
        jobs = []
        for item in s.scene_items:          # each item: its own fields, its own materials
            keys = {m.key for m in item.materials}
            pages = [{"key": key, "content_type": "image/jpeg", "data": p.jpeg}
                     for key, ps in s.materials.items() if key in keys for p in ps]
            pages += [lic.reference(key) for key, lic in s.licenses.items() if key in keys]
            jobs.append((item, form_of(item, form), pages))

        def commit():
            bodies = [build_submission(cfg, item, identity, f, pages) for item, f, pages in jobs]
            return outbox.submit_linked(bodies, applicant_group(identity, cfg), scene.id)
        self.ctx.runner.run("outbox", commit, self._on_scene_committed, self._on_commit_failed)

    def _on_scene_committed(self, local_ids: list[str]) -> None:
        outbox = self.services.outbox
        self.tx.scene_committed(local_ids, outbox.outbox.idempotency_key(local_ids[0]))
        self.ctx.metrics.committed()
        self.submitting.show_progress(tr_noop("申请已保存，正在提交…") if self.ctx.online
                                      else tr_noop("申请已保存在本机，联网后自动提交…"))
        wait_s = self.ctx.cfg.gateway.wait_tracking_s
        self.ctx.runner.run("network", lambda: outbox.settled(local_ids, wait_s), self._on_scene_settled,
                            lambda exc: self._on_scene_settled({}))

    def _on_scene_settled(self, outcomes: dict) -> None:
        if self.tx.step != Step.RESULT:
            return
        self.tx.scene_settled(outcomes)
        self.print_receipt()

    def scene_lines(self) -> list[dict]:
        """Every item of the committed visit: name, local number, tracking number, needs staff."""
        s = self.tx.session
        out = []
        for item, lid in zip(s.scene_items, s.scene_local_ids):
            o = s.scene_outcomes.get(lid, {})
            out.append({"name": item.name, "display_name": vm.text(item, "name", self.lang), "local_no": lid,
                        "tracking_no": o.get("tracking_no"), "needs_staff": o.get("state") == "needs_staff"})
        return out
