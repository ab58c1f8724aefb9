"""Test setup shared by unit and GUI tests: headless Qt, and no test near real user data."""

from __future__ import annotations

import json
import os
import tempfile

# Set before anything imports Qt: every GUI test runs headless, on one
# 1920x1080 screen at 96 dpi (the offscreen default of 800x600 is smaller
# than any desktop the app meets, and would clamp restored window sizes).
_SCREEN = {
    "synthesizedScreens": False,
    "screens": [
        {
            "name": "test",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ],
}
_config = os.path.join(tempfile.mkdtemp(prefix="lupus-qpa-"), "offscreen.json")
with open(_config, "w", encoding="utf-8") as handle:
    json.dump(_SCREEN, handle)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
# The tests read the English UI, whatever the language of the machine they run on.
os.environ["LANGUAGE"] = "en"
os.environ.pop("LUPUS_READER_DATA_DIR", None)

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the real user's data, config or cache dirs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("LUPUS_READER_DATA_DIR", raising=False)
