"""免证办 in the resident flow (a part of ResidentFlow): an electronic licence instead of a photo.

A material whose catalog entry has `accept_licenses` offers 使用电子证照. The
kiosk asks for the resident's separate consent first (PIPL: the licences are
personal data held by the platform); only then does it fetch them (identity
and the consent's time in the request), verify each file like any document,
and offer the matching ones. Choosing one attaches a reference (licence id
and sha256) to the submission instead of a photo.
"""
from __future__ import annotations

import datetime as dt
import logging

from kiosk import viewmodels as vm
from screens.i18n_marks import tr_noop
from kiosk.session import Step

log = logging.getLogger(__name__)

CONSENT_TEXT = ("使用电子证照需要您的授权：本机将凭您的身份信息向政务服务平台查询您名下的电子证照，"
                "仅用于本次办理，办理结束后立即清除，不在本机保存。是否同意？")


class LicenseSteps:
    """Needs self._licenses_found (ResidentFlow.__init__)."""
    _license_key: str | None = None

    def on_license_requested(self, key: str) -> None:
        if self.tx.step != Step.MATERIALS:
            return
        self._license_key = key
        if self.tx.session.license_consent_at is None:
            self.materials.show_license_consent(CONSENT_TEXT)
            return
        self._fetch_licenses(key)

    def on_license_consent(self, agreed: bool) -> None:
        if self.tx.step != Step.MATERIALS:
            return
        if not agreed:
            self.materials.show_license_message(tr_noop("您可以继续拍照提交材料。"))
            return
        self.tx.session.license_consent_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        log.info("licence consent recorded / 已记录电子证照授权")
        if self._license_key:
            self._fetch_licenses(self._license_key)

    def _fetch_licenses(self, key: str) -> None:
        from kiosk.documents.fetch import resident_licenses
        from kiosk.gateway.client import GatewayClient
        s = self.tx.session
        item, identity = s.item, s.identity
        kinds = {k for m in item.materials for k in m.accept_licenses}
        headers = GatewayClient.license_headers(identity.card_type.value, identity.id_number,
                                                s.license_consent_at, identity.name)
        client, verifier = self.services.gateway.client_for(item.region), self.verifier()
        self.materials.show_license_message(tr_noop("正在查询您的电子证照…"))
        self.ctx.runner.run("network", lambda: resident_licenses(client, headers, kinds, verifier),
                            lambda found: self._on_licenses(key, found), self._on_licenses_failed)

    def _on_licenses_failed(self, exc: BaseException) -> None:
        log.warning("licences not fetched: %s: %s", type(exc).__name__, getattr(exc, "reason", exc))
        if self.tx.step == Step.MATERIALS:
            self.materials.show_license_message(tr_noop("暂时无法查询电子证照，请拍照提交材料。"))

    def _on_licenses(self, key: str, found) -> None:
        if self.tx.step != Step.MATERIALS:
            return
        licenses, refused = found
        for listing, refusal in refused:
            log.warning("licence %s refused for staff: %s / %s", listing.get("title", ""), refusal, refusal.zh)
        self._licenses_found = {lic.id: lic for lic in licenses}
        material = next(m for m in self.tx.session.item.materials if m.key == key)
        choices = [vm.license_choice(lic) for lic in licenses if lic.kind in material.accept_licenses]
        self.materials.show_licenses(key, choices)

    def on_license_chosen(self, key: str, license_id: str) -> None:
        lic = self._licenses_found.get(license_id)
        if lic is None or self.tx.step != Step.MATERIALS:
            return
        self.tx.use_license(key, lic)
        self.materials.set_license_used(key, tr_noop("已使用电子证照：{kind}（{number}）"), kind=lic.kind,
                                        number=lic.number_masked)
