import importlib.metadata

import pytest


def test_plain_opencv_is_not_installed():
    """opencv-python (non-headless) brings its own Qt 5 and breaks PySide6."""
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("opencv-python")
