"""On the next start the window opens where the reader left off."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import OpenWindow
from tests.gui.helpers import BUNDLED, heading_y, pane_text

SECTION = f"{BUNDLED}/06-research/what-studies-have-found"


def test_reopens_at_the_same_section_scroll_size_zoom_and_history(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window()
    window.resize(1000, 700)
    controller.go_to(SECTION)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bar = window.reader.verticalScrollBar()
    bar.setValue(round(heading_y(window, "what-studies-have-found")) + 60)  # a little way into it
    scroll = bar.value()
    current = controller.current.id  # type: ignore[union-attr]
    window.close()
    assert (data_dir / "state.json").is_file()

    again, controller2 = open_window()
    assert controller2.current is not None and controller2.current.id == current
    assert again.navigator.current_section() == current
    assert again.reader.verticalScrollBar().value() == scroll
    assert (again.width(), again.height()) == (1000, 700)
    assert again.zoom_label.text() == "Zoom 110%"
    assert "What studies have found" in pane_text(again)
    again.back_action.trigger()
    assert controller2.current.id == f"{BUNDLED}/01-about/about-this-guide"


def test_place_is_saved_without_closing_shortly_after_moving(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    _window, controller = open_window()
    controller.go_to(SECTION)
    # A crash later must not lose the place: it is written within seconds.
    qtbot.waitUntil(lambda: (data_dir / "state.json").is_file(), timeout=5000)
    saved = json.loads((data_dir / "state.json").read_text())
    assert saved["section_id"] == SECTION


def test_section_on_the_command_line_wins_over_the_saved_place(
    open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window()
    controller.go_to(SECTION)
    window.close()
    _, controller2 = open_window(section=f"{BUNDLED}/09-questions/questions-to-ask")
    assert controller2.current.id == f"{BUNDLED}/09-questions/questions-to-ask"  # type: ignore[union-attr]


def test_damaged_state_file_opens_at_the_start(open_window: OpenWindow, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "state.json").write_text("{not json", encoding="utf-8")
    _window, controller = open_window()
    assert controller.current.id == f"{BUNDLED}/01-about/about-this-guide"  # type: ignore[union-attr]


def test_unwritable_data_dir_still_reads_and_says_why(open_window: OpenWindow, tmp_path: Path) -> None:
    # A file where the data dir should be: no user, not even root, can write there.
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    window, controller = open_window(data=blocked)
    controller.go_to(SECTION)
    controller.save()
    assert "cannot be saved" in window.statusBar().currentMessage()
    assert "What studies have found" in pane_text(window)
    assert blocked.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_data_dir_still_reads_and_says_why(open_window: OpenWindow, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    data_dir.chmod(0o500)
    try:
        window, controller = open_window()
        controller.go_to(SECTION)
        controller.save()
        assert "cannot be saved" in window.statusBar().currentMessage()
        assert "What studies have found" in pane_text(window)
    finally:
        data_dir.chmod(0o700)
