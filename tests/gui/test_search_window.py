"""Search in the window: type, see results, pick one, land on the hit with every hit highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.search_controller import SearchController
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack

CHAPTERS = {
    "01-start.md": "# Start\n\nWelcome. Nothing about the treatment here.\n",
    "02-steps.md": (
        "# Steps\n\nThe steps of care.\n\n"
        "## Gardening\n\nGardening is allowed later. After gardening, wash your hands.\n\n"
        "## Recovery\n\nRest at home. Dr Pérez checks you weekly.\n"
    ),
}


def _open(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> tuple[MainWindow, ReaderController]:
    window, controller = open_window([write_pack(tmp_path / "pack", CHAPTERS)])
    search = window.findChild(SearchController)
    qtbot.waitUntil(search.is_ready)  # the index is built after the first paint, off the UI thread
    return window, controller


def _rows(window: MainWindow) -> list[str]:
    rows = window.search_panel.results.rows
    return [rows.item(r).text() for r in range(rows.rowCount())]


def test_typing_shows_results_and_enter_lands_on_the_hit(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    field = window.search_panel.field
    assert field.hasFocus()
    qtbot.keyClicks(field, "gardened")  # stemmed: finds "gardening"
    qtbot.waitUntil(lambda: bool(_rows(window)))
    assert window.left_stack.currentWidget() is window.search_panel.results
    first = _rows(window)[0]
    assert first.startswith("Gardening, in Steps › Gardening")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.navigator.current_section() == "pack/02-steps/gardening"
    bar = window.find_bar
    assert bar.isVisible()
    highlighted = [s.cursor.selectedText().lower() for s in window.reader.extraSelections()]
    assert highlighted == ["gardening"] * 3  # the heading and both in the text
    assert bar.count.text() == "Searched words: 1 of 3"
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)
    assert bar.count.text() == "Searched words: 2 of 3"


def test_diacritics_prefix_and_clearing(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    window.search_action.trigger()
    qtbot.keyClicks(window.search_panel.field, "pere")  # no accent, half a word
    qtbot.waitUntil(lambda: bool(_rows(window)))
    assert _rows(window)[0].startswith("Recovery")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Escape)
    assert window.search_panel.field.text() == ""
    assert window.left_stack.currentWidget() is window.navigator


@pytest.mark.parametrize(
    ("typed", "found"),
    [('"unclosed', False), ("AND(", True), ("*", False), ('gardening"', True), ("zzzz" * 3000, False)],
)
def test_anything_typed_gets_results_or_says_no_matches(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, typed: str, found: bool
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    window.search_action.trigger()
    window.search_panel.field.setText(typed)
    window.search_panel.flush()
    assert bool(_rows(window)) is found
    status = window.search_panel.status.text()
    assert ("No matches for" in status) is not found


def test_a_close_title_is_offered_and_picking_it_searches(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    window.search_panel.field.setText("gxrdening")
    window.search_panel.flush()
    status = window.search_panel.status.text()
    assert "Did you mean" in status and "Gardening" in status
    window.search_panel.status.linkActivated.emit("suggest:Gardening")
    assert _rows(window)[0].startswith("Gardening")


def test_my_note_is_found_and_labelled(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, controller = _open(qtbot, open_window, tmp_path)
    controller.go_to(next(s.id for s in controller.library.packs[0].sections if s.title == "Recovery"))
    window.notes_pane.editor.setPlainText("Ask about the wheelchairs ramp")
    window.notes_pane.flush()
    window.search_panel.field.setText("wheelchair")
    window.search_panel.flush()
    assert _rows(window)[0].startswith("Your note in Recovery")
