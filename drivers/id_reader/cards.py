"""Sample cards (assets/cards/*.json): loading and listing, for emulators and the demo dock."""
from __future__ import annotations

import json
from pathlib import Path

CARDS_DIR = Path(__file__).resolve().parents[2] / "assets" / "cards"


def load_card(card: dict | str | Path) -> dict:
    if isinstance(card, dict):
        return dict(card)
    with open(card, encoding="utf-8") as fh:
        return json.load(fh)


def sample_cards(kind: str = "id_reader") -> dict[str, Path]:
    """{stem: path} of the shipped samples; kind "id_reader" or "smartcard"."""
    out = {}
    for p in sorted(CARDS_DIR.glob("*.json")):
        try:
            ct = json.loads(p.read_text(encoding="utf-8")).get("card_type")
        except (OSError, ValueError):
            continue
        if (ct == "social_security") == (kind == "smartcard"):
            out[p.stem] = p
    return out
