"""The emulated camera's scene names, without OpenCV: the kiosk's side of the camera process
checks a scene here before it sends it to the camera's own process."""
from __future__ import annotations

SCENES = ("empty", "face", "face:still", "face:two", "face:far", "face:dark", "qr:", "document")


def check_scene(scene: str) -> str:
    """`scene`, or ValueError when it is not one the emulated camera can show."""
    if not (scene in SCENES or scene.startswith("qr:")):
        raise ValueError(f"unknown scene {scene!r}; one of {', '.join(SCENES)}<payload>")
    return scene
