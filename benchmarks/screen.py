"""The screen the benchmarks' windows open on: offscreen, but desktop-sized.

Qt's offscreen platform defaults to an 800x600 screen, where the reader's
1200x800 window is shrunk to 720x540 and its text column to a sliver, so
layout costs look far worse than on any real desktop. Every benchmark child
gets one 1920x1080 screen at 96 dpi instead, as the tests do.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

SCREEN = {
    "synthesizedScreens": False,
    "screens": [
        {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ],
}  # fmt: skip


@functools.cache
def offscreen_platform() -> str:
    """A QT_QPA_PLATFORM value: offscreen on one 1920x1080 screen."""
    config = Path(tempfile.mkdtemp(prefix="lupus-bench-screen-")) / "offscreen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    return f"offscreen:configfile={config}"
