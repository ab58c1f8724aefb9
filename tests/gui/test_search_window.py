"""Search in the window: type, see results, pick one, land on the hit with every hit highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.search_controller import SearchController
from lupus_reader.ui.search_panel import HTML_ROLE
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack

CHAPTERS = {
    "01-start.md": "# Start\n\nWelcome. Nothing about the treatment here.\n",
    "02-steps.md": (
        "# Steps\n\nThe steps of care.\n\n"
        "## Gardening\n\nGardening is allowed later. After gardening, wash your hands.\n\n"
        "## Recovery\n\nRest at home. Dr Pérez checks you weekly.\n\n"
        "## Smiles\n\n🙂 𝐀 😀 Be kind: smiles help 👍 recovery, smiles 👍 too.\n"
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
    row = window.search_panel.results.rows.item(0).data(HTML_ROLE)
    assert row.startswith("<b><u>Gardening</u></b><br>")  # the title is bold, its matched word underlined
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


def _search(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    window.search_panel.field.setText(text)
    window.search_panel.flush()
    return _rows(window)


def _highlighted(window: MainWindow) -> list[str]:
    return [s.cursor.selectedText() for s in window.reader.extraSelections()]


def test_ctrl_shift_f_also_goes_to_the_search_field(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    window.reader.setFocus()
    qtbot.keyClick(
        window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.search_panel.field.hasFocus()
    assert not window.find_bar.isVisible()  # not Ctrl+F's find in page


def test_a_click_opens_a_result_and_a_double_click_opens_it_once(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, controller = _open(qtbot, open_window, tmp_path)
    search = window.findChild(SearchController)
    assert _search(qtbot, window, "weekly ")[0].startswith("Recovery")
    results = window.search_panel.results
    point = results.visualRect(results.rows.index(0, 0)).center()
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.navigator.current_section() == "pack/02-steps/recovery"
    assert _highlighted(window) == ["weekly"]

    opened: list[object] = []
    window.search_panel.hit_activated.connect(opened.append)
    controller.go_to(controller.library.packs[0].sections[0].id)
    _double_click(results.viewport(), point)
    assert window.navigator.current_section() == "pack/02-steps/recovery"
    assert len(opened) == 1
    assert search.last_query == "weekly "


def _double_click(widget: QWidget, point: QPoint) -> None:
    """What a mouse sends for a double-click: press, release, press, double-click, release."""
    at = QPointF(point)
    global_at = QPointF(widget.mapToGlobal(point))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    steps = [
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonRelease, none),
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonDblClick, left),
        (QEvent.Type.MouseButtonRelease, none),
    ]
    for kind, buttons in steps:
        event = QMouseEvent(kind, at, global_at, left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


def test_highlights_land_on_the_words_after_emoji(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    assert _search(qtbot, window, "smiles ")[0].startswith("Smiles")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)
    # 🙂, 𝐀 and 😀 are two UTF-16 units each in Qt, one character each in Python.
    assert [text.lower() for text in _highlighted(window)] == ["smiles"] * 3
    assert window.find_bar.count.text() == "Searched words: 1 of 3"


def test_text_without_words_is_found_as_it_stands_and_highlighted(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    assert _search(qtbot, window, "👍")[0].startswith("Smiles")  # 👍 is no word to the index
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)
    assert window.navigator.current_section() == "pack/02-steps/smiles"
    assert _highlighted(window) == ["👍", "👍"]


def test_a_pasted_page_of_text_leaves_the_window_as_wide_as_it_was(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = _open(qtbot, open_window, tmp_path)
    width, side = window.width(), window.search_panel.width()
    for pasted in ("zq" * 5_000, "zq " * 3_000):
        assert _search(qtbot, window, pasted) == []
        qtbot.wait(50)  # layouts settle
        assert (window.width(), window.search_panel.width()) == (width, side)
        status = window.search_panel.status
        assert status.text().startswith("No matches for “zq") and "…" in status.text()
        assert status.width() <= window.search_panel.width()


def test_a_note_result_shows_the_note_with_its_words_marked(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, controller = _open(qtbot, open_window, tmp_path)
    controller.go_to("pack/02-steps/recovery")
    window.notes_pane.editor.setPlainText("🙂 Ask about the wheelchair ramp")
    window.notes_pane.flush()
    controller.go_to("pack/01-start")
    assert _search(qtbot, window, "wheelchair")[0].startswith("Your note in Recovery")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)

    assert window.navigator.current_section() == "pack/02-steps/recovery"
    editor = window.notes_pane.editor
    assert editor.isVisible() and editor.hasFocus()
    assert [s.cursor.selectedText() for s in editor.extraSelections()] == ["wheelchair"]
    assert not window.find_bar.isVisible()  # the section's text does not hold the word
    qtbot.keyClicks(editor, "!")  # editing unmarks it
    assert editor.extraSelections() == []


def test_results_on_show_follow_the_notes_as_they_are_saved(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, controller = _open(qtbot, open_window, tmp_path)
    assert _search(qtbot, window, "marigolds") == []
    controller.go_to("pack/02-steps/gardening")
    window.notes_pane.editor.setPlainText("Plant marigolds in May")
    window.notes_pane.flush()
    assert _rows(window)[0].startswith("Your note in Gardening")
    window.notes_pane.editor.setPlainText("Plant tulips")
    window.notes_pane.flush()
    assert "No matches" in window.search_panel.status.text()


def test_building_the_index_shows_its_progress_in_the_status_bar(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from PySide6.QtWidgets import QProgressBar

    import lupus_reader.search as search_package

    real = search_package.prepare_index
    go_on = threading.Event()

    def slow(pack, cache_dir, progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        if progress is not None:
            progress(3, 10)
        go_on.wait(30)
        return real(pack, cache_dir, progress, cancelled)

    monkeypatch.setattr(search_package, "prepare_index", slow)
    window, _ = open_window([write_pack(tmp_path / "pack", CHAPTERS)])
    search = window.findChild(SearchController)

    def bar() -> QProgressBar | None:
        found = [b for b in window.statusBar().findChildren(QProgressBar) if b.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: bar() is not None)
    shown = bar()
    assert shown is not None and shown.value() == 30 and shown.text() == "Preparing search… 30%"
    window.search_panel.field.setText("gardening")  # the reader types: the field's placeholder is gone
    assert bar() is not None
    go_on.set()
    with qtbot.waitSignal(search.ready, timeout=30_000):
        pass
    assert bar() is None
    assert window.search_panel.field.placeholderText() == "Search the guide and your notes"


def test_a_damaged_index_is_built_again_while_the_window_is_open(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, data_dir: Path
) -> None:
    window, _ = open_window([write_pack(tmp_path / "pack", CHAPTERS)], cache_dir=tmp_path / "cache")
    search = window.findChild(SearchController)
    qtbot.waitUntil(search.is_ready)
    index = next((tmp_path / "cache" / "search").glob("pack-*.sqlite3"))
    size = index.stat().st_size
    with index.open("r+b") as handle:  # every page after the first
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))
    assert _search(qtbot, window, "gardening") == []  # the damage is found here
    with qtbot.waitSignal(search.ready, timeout=30_000):
        pass
    assert _rows(window)[0].startswith("Gardening")  # built again, and the results followed


def test_opening_another_pack_indexes_that_pack_alone(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lupus_reader.search as search_package

    window, controller = _open(qtbot, open_window, tmp_path)
    search = window.findChild(SearchController)
    real = search_package.prepare_index
    prepared: list[str] = []

    def counted(pack, *args, **options):  # type: ignore[no-untyped-def]
        prepared.append(pack.id)
        return real(pack, *args, **options)

    monkeypatch.setattr(search_package, "prepare_index", counted)
    other = write_pack(tmp_path / "other", {"01-orchids.md": "# Orchids\n\nWater orchids weekly.\n"})
    with qtbot.waitSignal(search.ready, timeout=30_000):
        assert controller.open_pack(other)
    assert prepared == ["other"]  # the packs already indexed are not read and hashed again
    assert _search(qtbot, window, "orchids ")[0].startswith("Orchids")
