"""The resident flow's welcome-page content (常用事项, the regions served) and its
redrawing of data-made screens when the resident switches 中文/EN (a part of ResidentFlow)."""
from __future__ import annotations

from kiosk import viewmodels as vm
from kiosk.session import Step

FREQUENT_DEFAULT = 6


class WelcomeAndLanguage:
    def categories(self) -> list[tuple[str, str]]:
        """(key, shown name) for the category tiles."""
        return self.scene_tiles() + [(c["key"], c["label"]) for c in vm.categories(self.services.catalog, self.lang)]

    def fill_welcome(self) -> None:
        """常用事项 and the other regions served here, on the welcome page."""
        catalog, cfg = self.services.catalog, self.ctx.cfg
        codes = list(cfg.catalog.frequent) or [i.code for i in catalog.items()
                                               if i.region == cfg.kiosk.region][:FREQUENT_DEFAULT]
        items = [catalog.get(c) for c in codes]
        rows = [vm.item_row(i, True, lang=self.lang) for i in items if i is not None]
        attract = self.ctx.screen("attract")
        from screens.home import CATEGORY_ICONS
        attract.set_frequent([{"code": r["code"], "name": r["name"],
                               "icon": CATEGORY_ICONS.get(r.get("category", ""), "file-text")} for r in rows])
        home = cfg.kiosk.region
        others = sorted({i.region for i in catalog.items()} - {home, home[:2] + "0000"})
        attract.set_regions([vm.region_label(r, self.lang, r) for r in others])

    def relabel(self, lang: str) -> None:
        """The resident switched 中文/EN: redraw what came from data, in the new language,
        keeping what was typed and chosen."""
        step, s = self.tx.step, self.tx.session
        if step == Step.ATTRACT:
            self.fill_welcome()
        elif step == Step.HOME:
            self.home.set_categories(self.categories())
            self.on_search(self.home.search_edit.text())
        elif step == Step.ITEM and s.scene is not None:
            self.show_scene_guide()
        elif step == Step.ITEM:
            self.guide.show_item(vm.item_guide(s.item, lang=lang))
            self._show_refusal(self.ctx.online)
        elif step == Step.FORM:
            self.fill_form(self.form.values())
            self.relabel_recommendations()
        elif step == Step.REVIEW:
            self.enter_review()
        elif step == Step.RESULT and self.ctx.nav.current() is self.result:
            self._show_result(self._printed)
