"""Social-security cards (社会保障卡) over PC/SC, and a virtual card for vsmartcard's vpcd.

    from drivers.smartcard import SocialSecurityReader
    with SocialSecurityReader("") as r:
        rec = r.read_card()
"""
from drivers.smartcard.errors import (CardDataError, CardError, CardRemoved, NoCard, NoReader,
                                      PcscUnavailable)
from drivers.smartcard.reader import SocialSecurityReader

__all__ = ["CardDataError", "CardError", "CardRemoved", "NoCard", "NoReader", "PcscUnavailable",
           "SocialSecurityReader"]
