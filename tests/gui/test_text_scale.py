"""Text size for the whole app: at 200% in a 1280x800 window no text is clipped and the pane needs
no sideways scrolling (WCAG 1.4.4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader.state import load_state
from lupus_reader.ui.guide_info import NoticeBar
from lupus_reader.ui.search_controller import SearchController
from tests.gui.clipping import clipped_texts
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import help_dialogs
from tests.gui.kiosk_support import kiosk_session
from tests.gui.test_command_line import assert_is_window_picture, run


def test_200_percent_in_1280_by_800_clips_nothing(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(text_scale=200)
    natural = QApplication.instance().property("lupusNaturalPointSize")
    assert QApplication.font().pointSizeF() == 2 * natural
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    # Once search is ready: while it prepares, the field says how far it has got.
    qtbot.waitUntil(window.findChild(SearchController).is_ready)
    pack = controller.library.packs[0]
    for chapter in pack.chapters:
        controller.go_to(chapter.sections[0].id)
        QApplication.processEvents()
        assert window.reader.horizontalScrollBar().maximum() == 0, chapter.file
        assert clipped_texts(window) == [], chapter.file
    for dock in window.docks:  # each side panel, its tab shown
        dock.raise_()
        QApplication.processEvents()
        assert clipped_texts(window) == [], dock.windowTitle()


def test_200_percent_in_a_720_px_window_clips_nothing(qtbot: QtBot, open_window: OpenWindow) -> None:
    """Half of a small laptop's screen: the navigator scrolls, and no title runs under its scroll bar."""
    window, _ = open_window(text_scale=200)
    window.findChild(NoticeBar).hide()  # read and understood: it no longer holds the window wider
    qtbot.waitUntil(lambda: window.minimumWidth() <= 720)
    window.resize(720, 800)
    qtbot.waitUntil(lambda: window.width() == 720)
    QApplication.processEvents()
    assert window.navigator.verticalScrollBar().isVisible()
    assert window.reader.horizontalScrollBar().maximum() == 0
    assert clipped_texts(window) == []


def test_200_percent_dialogs_clip_nothing(qtbot: QtBot, open_window: OpenWindow) -> None:
    """The glossary, About This Guide and the keyboard shortcuts, opened from a 1280x800 window."""
    window, _ = open_window(text_scale=200)
    window.resize(1280, 800)
    for name, dialog in help_dialogs(qtbot, window):
        assert clipped_texts(dialog) == [], name
        assert window.screen().availableGeometry().contains(dialog.frameGeometry()), name


def test_text_size_is_chosen_in_the_menu_and_remembered(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window()
    size_at_100 = window.reader.document().defaultFont().pointSizeF()
    menu_text = QApplication.font().pointSizeF()
    action = next(a for a in window.findChildren(type(window.find_action)) if a.text() == "150%")
    action.trigger()
    assert QApplication.font().pointSizeF() == menu_text * 1.5
    assert window.reader.document().defaultFont().pointSizeF() == size_at_100 * 1.5
    controller.save()
    assert load_state(data_dir).text_scale == 150


def _checked_size(window: QWidget) -> list[str]:
    return [
        a.text()
        for a in window.findChildren(QAction)
        if a.isCheckable() and a.isChecked() and "%" in a.text()
    ]


def test_a_size_between_the_menus_steps_from_the_command_line(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    result = run("--data-dir", str(tmp_path / "data"), "--text-scale", "130", "--screenshot", str(png))
    assert result.returncode == 0, result.stderr
    assert_is_window_picture(png)


def test_a_size_between_the_menus_steps_from_the_saved_state(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "state.json").write_text(json.dumps({"text_scale": 130}), encoding="utf-8")
    window, _ = open_window()
    natural = QApplication.instance().property("lupusNaturalPointSize")
    assert QApplication.font().pointSizeF() == pytest.approx(natural * 1.3)
    assert _checked_size(window) == ["130%"]  # the menu shows the size in use, among its steps
    menu = next(m for m in window.findChildren(QMenu) if m.title() == "Text &Size")
    sizes = [a.text() for a in menu.actions()]
    assert sizes == sorted(sizes, key=lambda text: int(text[:-1]))


def test_a_size_between_the_menus_steps_in_a_kiosk(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    with kiosk_session(qtbot, tmp_path, text_scale=130):
        natural = app.property("lupusNaturalPointSize")
        assert QApplication.font().pointSizeF() == pytest.approx(natural * 1.3)


def test_at_200_percent_the_first_frame_is_laid_out_in_large_text(qtbot: QtBot, data_dir: Path) -> None:
    """The first frame (what a --screenshot saves) has nothing cut: the status bar is as tall as
    its large text, not the height it had at 100% until a later relayout."""
    from lupus_reader.app import open_reader
    from lupus_reader.ui.appearance import scale_app_font

    at_first_paint: list[list[str]] = []
    try:
        opened = open_reader([], data_dir, remember=False, text_scale=200, notice=False)
        assert opened is not None
        window, _ = opened
        qtbot.addWidget(window)
        window.reader.first_paint.connect(lambda: at_first_paint.append(clipped_texts(window.statusBar())))
        qtbot.waitUntil(lambda: bool(at_first_paint))
    finally:
        scale_app_font(QApplication.instance(), 100)  # the app font is every later test's too
    labels = [window.reading_time_label, window.zoom_label, window.progress_label]
    assert all(label.text() for label in labels)
    assert at_first_paint == [[]]


def test_the_pane_follows_a_text_size_given_at_start_in_the_window_and_in_a_kiosk(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = open_window()
    at_100 = window.reader.document().defaultFont().pointSizeF()
    window.close()
    window, _ = open_window(data=tmp_path / "large", text_scale=150)
    assert window.reader.document().defaultFont().pointSizeF() == pytest.approx(at_100 * 1.5)
    window.close()
    with kiosk_session(qtbot, tmp_path / "kiosk", text_scale=150) as running:
        assert running.window.reader.document().defaultFont().pointSizeF() == pytest.approx(at_100 * 1.5)
