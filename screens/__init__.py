"""Resident-facing Qt screens of the kiosk. They show plain data and emit intents.

No screen imports a driver or the offline queue, does I/O or blocks; the
application (kiosk/app) drives them. Every screen subclasses screens.base.Screen.

- attract.AttractScreen        start page; a tap anywhere starts
- home.HomeScreen              search, categories, item list, 进度查询
- item_guide.ItemGuideScreen   申报须知; refuses politely when offline-denied
- identity.IdentityScreen      ID card / social-security card / app QR
- face_check.FaceCheckScreen   人证核验 with the camera view; staff help always offered
- form.FormScreen              the (prefilled) form, errors per field and on top
- materials.MaterialsScreen    document-camera pages per material
- review.ReviewScreen          confirmation in full + consent
- submitting.SubmittingScreen  busy while committing/sending
- result.ResultScreen          已受理, number, receipt or its QR, 请取走身份证
- rating.RatingScreen          好差评: five levels, four dimensions
- progress.ProgressScreen      进度查询 by number, receipt QR or ID card
- error.ErrorScreen            暂时无法办理 / 已呼叫工作人员
- technician.PinDialogScreen, technician.MaintenanceScreen
Also: idle_prompt.IdlePrompt (还在吗？ overlay), dock.DemoDock (demo devices),
keypads (NumberPad, LetterPad),
widgets (BigButton, TopBar, NetworkBanner, CountdownLabel,
PreviewArea), qr_picture (qr_pixmap) and theme (apply_theme, set_elder_mode).
"""
