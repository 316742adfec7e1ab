"""The welcome page's icons pre-rendered to PNG by the set-up (start-up, issue 11): the
first screen loads them instead of QtSvg, they are the same pixels as the SVG drawn
now, and a missing or broken PNG falls back to the SVG."""
from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from screens import icons


def pixels(pix) -> bytes:
    image = pix.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())


@pytest.fixture
def rendered_dir(tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(icons, "RENDERED_DIR", tmp_path / "rendered")
    icons.icon_pixmap.cache_clear()
    yield tmp_path / "rendered"
    icons.icon_pixmap.cache_clear()


def test_the_png_is_the_svgs_picture_and_is_what_the_first_screen_loads(rendered_dir, monkeypatch):
    written = icons.prerender()
    assert [p.name for p in written] == ["player-play-FFFFFF-40-2@1x.png"]
    name, colour, size = icons.FIRST_SCREEN[0]
    svg = icons._render_svg(name, colour, size, 2.0, 1.0)
    drawn = []
    monkeypatch.setattr(icons, "_render_svg", lambda *a: drawn.append(a) or svg)
    loaded = icons.icon_pixmap(name, colour, size)
    assert drawn == []                                  # from the PNG, no SVG rendered
    assert (loaded.width(), loaded.height()) == (40, 40)
    assert pixels(loaded) == pixels(svg) and any(pixels(svg))   # the same picture, not an empty one


def test_a_missing_or_broken_png_falls_back_to_the_svg(rendered_dir):
    name, colour, size = icons.FIRST_SCREEN[0]
    expected = pixels(icons._render_svg(name, colour, size, 2.0, 1.0))
    assert pixels(icons.icon_pixmap(name, colour, size)) == expected      # nothing rendered yet
    icons.icon_pixmap.cache_clear()
    rendered_dir.mkdir()
    (rendered_dir / "player-play-FFFFFF-40-2@1x.png").write_bytes(b"not a png")
    assert pixels(icons.icon_pixmap(name, colour, size)) == expected


def test_the_set_up_command_renders_them(tmp_path):
    out = subprocess.run([sys.executable, "-m", "screens.icons"], capture_output=True, text=True,
                         check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert "player-play-FFFFFF-40-2@1x.png" in out.stdout
    assert (icons.RENDERED_DIR / "player-play-FFFFFF-40-2@1x.png").is_file()
