"""Marks a source text for translation without translating it (no Qt here).

pyside6-lupdate is run with `-tr-function-alias QT_TR_NOOP+=tr_noop`, so every
`tr_noop("…")` in screens/ and kiosk/ lands in assets/i18n/kiosk_en.ts; the
text is translated where it is shown (screens.i18n.tr). Modules that must
stay free of Qt (kiosk/session.py) use this one.
"""


def tr_noop(text: str) -> str:
    return text
