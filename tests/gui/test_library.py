"""Bookmarks, notes and questions as a reader uses them, kept in a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from lupus_reader.storage.db import LIBRARY_FILE
from lupus_reader.ui.library_controller import LibraryController
from lupus_reader.ui.navigator import HAS_NOTE_ROLE
from lupus_reader.ui.questions_controller import QuestionsController
from lupus_reader.ui.questions_panel import MINE_ROLE
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import BUNDLED, heading_y, write_pack

RISKS = f"{BUNDLED}/07-benefits-and-risks/possible-risks"
CONDITIONING = f"{BUNDLED}/03-how-it-works/conditioning"


def library_of(window) -> LibraryController:  # type: ignore[no-untyped-def]
    return window.findChild(LibraryController)


def questions_of(window) -> QuestionsController:  # type: ignore[no-untyped-def]
    return window.findChild(QuestionsController)


def rows_in(database: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(database)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def list_texts(view) -> list[str]:  # type: ignore[no-untyped-def]
    """What a list says once its tab is opened (lists fill when first shown)."""
    view.window().show_dock(view)
    return view.texts()


def test_bookmark_jump_back_rename_and_undo_delete(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window(section=RISKS)
    bar = window.reader.verticalScrollBar()
    bar.setValue(round(heading_y(window, "possible-risks")) + 80)
    place = bar.value()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.bookmark_action.isChecked()
    assert list_texts(window.bookmarks_list) == ["Possible risks — Possible risks"]
    stored = rows_in(data_dir / LIBRARY_FILE, "SELECT pack, section, label, quote FROM bookmarks")
    assert stored[0][:3] == (BUNDLED, RISKS, "Possible risks") and stored[0][3]

    controller.go_to(CONDITIONING)
    assert not window.bookmark_action.isChecked()
    window.bookmarks_list.activated_record.emit(window.bookmarks_list.records.records[0][0])
    assert controller.current.id == RISKS  # type: ignore[union-attr]
    assert abs(bar.value() - place) <= 2  # the exact place, not just the section

    # Rename in place, as F2 and typing would.
    index = window.bookmarks_list.records.index(0)
    window.bookmarks_list.records.setData(index, "Ask about infection")
    assert list_texts(window.bookmarks_list) == ["Ask about infection — Possible risks"]

    window.bookmarks_list.setFocus()
    window.bookmarks_list.setCurrentIndex(index)
    qtbot.keyClick(window.bookmarks_list, Qt.Key.Key_Delete)
    assert list_texts(window.bookmarks_list) == []
    assert "Undo" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert list_texts(window.bookmarks_list) == ["Ask about infection — Possible risks"]
    assert rows_in(data_dir / LIBRARY_FILE, "SELECT COUNT(*) FROM bookmarks") == [(1,)]


def test_a_typed_note_survives_closing_without_saving(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, _controller = open_window(section=CONDITIONING)
    assert not any(
        b.text().lower() == "save" for b in window.findChildren(type(window.questions_panel.add_button))
    )
    qtbot.keyClicks(window.notes_pane.editor, "Ask how long the infection risk lasts.")
    window.close()  # straight away: no pause, no Save button

    again, controller2 = open_window()
    controller2.go_to(CONDITIONING)
    assert again.notes_pane.editor.toPlainText() == "Ask how long the infection risk lasts."
    assert list_texts(again.notes_list) == ["Conditioning: Ask how long the infection risk lasts."]
    assert again.navigator.index_of(CONDITIONING).data(HAS_NOTE_ROLE) is True


def test_a_note_is_saved_within_a_second_of_the_last_keystroke(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, _ = open_window(section=CONDITIONING)
    qtbot.keyClicks(window.notes_pane.editor, "Bring my medicine list")
    query = "SELECT text FROM notes"
    qtbot.waitUntil(
        lambda: rows_in(data_dir / LIBRARY_FILE, query) == [("Bring my medicine list",)], timeout=1500
    )
    assert window.notes_pane.status.text() == "Saved"


def test_moving_to_another_section_saves_and_shows_its_own_note(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window, controller = open_window(section=CONDITIONING)
    qtbot.keyClicks(window.notes_pane.editor, "first")
    controller.go_to(RISKS)  # before the save timer: the note still must be kept
    assert window.notes_pane.editor.toPlainText() == ""
    qtbot.keyClicks(window.notes_pane.editor, "second")
    controller.go_to(CONDITIONING)
    assert window.notes_pane.editor.toPlainText() == "first"
    window.notes_list.activated_record.emit(
        next(r[0] for r in window.notes_list.records.records if "second" in r[3])
    )
    assert controller.current.id == RISKS  # type: ignore[union-attr]
    assert window.notes_pane.editor.toPlainText() == "second"


def test_delete_a_note_from_the_overview_and_undo(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, _controller = open_window(section=CONDITIONING)
    qtbot.keyClicks(window.notes_pane.editor, "keep me")
    window.notes_pane.flush()
    window.notes_list.setCurrentIndex(window.notes_list.records.index(0))
    qtbot.keyClick(window.notes_list, Qt.Key.Key_Delete)
    assert list_texts(window.notes_list) == []
    assert window.notes_pane.editor.toPlainText() == ""
    assert window.navigator.index_of(CONDITIONING).data(HAS_NOTE_ROLE) is False
    window.undo_action.trigger()
    assert list_texts(window.notes_list) == ["Conditioning: keep me"]
    assert window.notes_pane.editor.toPlainText() == "keep me"


def test_a_full_disk_keeps_the_text_and_says_so(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, _controller = open_window(section=CONDITIONING)
    library = library_of(window)
    connection = library.database.connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
    words = "A long note. " * 400
    window.notes_pane.editor.setPlainText(words)
    window.notes_pane.flush()
    assert (
        "Not saved" in window.notes_pane.status.text() and "disk is full" in window.notes_pane.status.text()
    )
    assert window.notes_pane.editor.toPlainText() == words  # nothing the reader wrote is gone

    connection.execute("PRAGMA max_page_count = 1073741823")  # space again
    window.notes_pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.notes_pane.editor, "!")
    window.notes_pane.flush()
    assert window.notes_pane.status.text() == "Saved"
    assert rows_in(data_dir / LIBRARY_FILE, "SELECT text FROM notes") == [(words + "!",)]


def test_questions_checklist_tick_add_delete_and_pdf(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _controller = open_window()
    panel = window.questions_panel
    guide = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert guide[0].startswith("Is this treatment right for how severe my lupus is")
    assert len(guide) == 5

    item = panel.list.item(1)
    item.setCheckState(Qt.CheckState.Checked)  # as a click on its box does
    qtbot.keyClicks(panel.entry, "Can I keep working during recovery?")
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts[-1] == "Can I keep working during recovery?  (mine)"
    assert panel.list.item(1).checkState() == Qt.CheckState.Checked

    panel.list.setCurrentRow(5)
    assert panel.list.currentItem().data(MINE_ROLE)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.list.count() == 5
    window.undo_action.trigger()
    assert panel.list.count() == 6

    pdf = tmp_path / "questions.pdf"
    questions_of(window).save_questions_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data
    sheet = questions_of(window).sheet()
    assert "Can I keep working during recovery?" in sheet and "☑" in sheet and "☐" in sheet


def test_checked_questions_are_remembered(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    window.questions_panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    window.close()
    again, _ = open_window()
    states = [
        again.questions_panel.list.item(i).checkState() for i in range(again.questions_panel.list.count())
    ]
    assert states[0] == Qt.CheckState.Checked and states.count(Qt.CheckState.Checked) == 1


def test_two_windows_on_one_library_never_lose_a_note(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    first, _ = open_window(section=CONDITIONING)
    second, _ = open_window(section=CONDITIONING)  # a second app on the same data dir
    qtbot.keyClicks(first.notes_pane.editor, "written in the first window")
    first.notes_pane.flush()
    # The second window loaded the section before that save; its own words must not replace it.
    qtbot.keyClicks(second.notes_pane.editor, "written in the second window")
    second.notes_pane.flush()
    stored = sorted(text for (text,) in rows_in(data_dir / LIBRARY_FILE, "SELECT text FROM notes"))
    assert stored == ["written in the first window", "written in the second window"]
    # And each window goes on saving into its own note.
    qtbot.keyClicks(first.notes_pane.editor, " (more)")
    first.notes_pane.flush()
    stored = sorted(text for (text,) in rows_in(data_dir / LIBRARY_FILE, "SELECT text FROM notes"))
    assert stored == ["written in the first window (more)", "written in the second window"]


def test_export_then_import_into_a_new_library_from_the_window(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _controller = open_window(section=CONDITIONING)
    qtbot.keyClicks(window.notes_pane.editor, "note to carry over")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    exported = tmp_path / "mine.json"
    assert "1 bookmark" in library_of(window).export_to(exported)
    readable = tmp_path / "mine.md"
    library_of(window).export_to(readable)
    assert "note to carry over" in readable.read_text(encoding="utf-8")

    other, other_controller = open_window(data=tmp_path / "other-data")
    summary = library_of(other).import_from(exported)
    assert "added 1 bookmark" in summary
    assert list_texts(other.notes_list) == ["Conditioning: note to carry over"]
    assert list_texts(other.bookmarks_list) == ["Conditioning — Conditioning"]
    other_controller.go_to(CONDITIONING)
    assert other.notes_pane.editor.toPlainText() == "note to carry over"


def test_a_hostile_import_changes_nothing(open_window: OpenWindow, tmp_path: Path, data_dir: Path) -> None:
    window, _ = open_window(section=CONDITIONING)
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "lupus-reader-export", "version": 1, "exported_at": "2026-11-25T10:00:00+00:00",'
        ' "bookmarks": [], "questions": [], "notes": [{"pack": "p", "section": "p/a/b", "text": 5,'
        ' "created": "2026-11-25T10:00:00+00:00", "updated": "2026-11-25T10:00:00+00:00"}]}',
        encoding="utf-8",
    )
    before = rows_in(data_dir / LIBRARY_FILE, "SELECT COUNT(*) FROM notes")
    with pytest.raises(ValueError, match=r"notes\[0\]\.text"):
        library_of(window).import_from(bad)
    assert rows_in(data_dir / LIBRARY_FILE, "SELECT COUNT(*) FROM notes") == before


def test_notes_follow_an_updated_guide_and_are_never_dropped(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    manifest = 'id = "care"\ntitle = "Care"\nlanguage = "en"\nversion = "{v}"\nreviewed = 2026-01-01\n'
    manifest += 'chapters = ["01.md"]\n'
    version_1 = write_pack(tmp_path / "v1", {
        "pack.toml": manifest.format(v="1"),
        "01.md": "# Care\n\nIntro.\n\n## Eating well\n\nEat fresh food every day.\n\n"
                 "## Old advice\n\nThis part will go away.\n",
    })  # fmt: skip
    window, controller = open_window(packs=[version_1], section="care/01/eating-well")
    qtbot.keyClicks(window.notes_pane.editor, "ask about vitamin D")
    controller.go_to("care/01/old-advice")
    qtbot.keyClicks(window.notes_pane.editor, "was this ever true?")
    window.close()

    version_2 = write_pack(tmp_path / "v2", {
        "pack.toml": manifest.format(v="2"),
        "01.md": "# Care\n\nIntro.\n\n## Food and drink\n\nEat fresh food every day.\n",
    })  # fmt: skip
    again, controller2 = open_window(packs=[version_2])
    texts = list_texts(again.notes_list)
    assert "Food and drink: ask about vitamin D" in texts  # found again by its words
    assert "Old advice (changed guide): was this ever true?" in texts  # kept, under its old title
    controller2.go_to("care/01/food-and-drink")
    assert again.notes_pane.editor.toPlainText() == "ask about vitamin D"


def test_a_daily_backup_is_made_after_the_window_opens(open_window: OpenWindow, data_dir: Path) -> None:
    _window, _ = open_window(section=CONDITIONING)
    backups = list((data_dir / "backups").glob("library-*.sqlite3"))
    assert len(backups) == 1
    assert rows_in(backups[0], "PRAGMA integrity_check") == [("ok",)]
    tables = {name for (name,) in rows_in(backups[0], "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"bookmarks", "notes", "questions"} <= tables


def test_an_unusable_data_folder_is_reported_and_notes_still_work_for_now(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    window, _ = open_window(data=blocked, section=CONDITIONING)
    assert window.banner.isVisible()
    assert "cannot be opened" in window.banner.label.text()
    assert "kept only until you close the window" in window.banner.label.text()
    qtbot.keyClicks(window.notes_pane.editor, "still typed")
    window.notes_pane.flush()
    assert window.notes_pane.status.text() == "Saved"  # in memory, as the banner says
    assert blocked.read_text(encoding="utf-8") == "a file where the data folder should be"


def test_an_import_that_cannot_be_saved_says_why_and_changes_nothing(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _controller = open_window(section=CONDITIONING)
    library = library_of(window)
    window.notes_pane.editor.setPlainText("Ask about the fever plan. " * 400)
    window.notes_pane.flush()
    export = tmp_path / "notes.json"
    library.export_to(export)
    window.notes_pane.editor.setPlainText("Ask about the fever plan, and who to call")
    window.notes_pane.flush()
    connection = library.database.connection
    connection.execute("VACUUM")  # no free pages left in the file either
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # no room for the imported note
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(export), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    window.import_action.trigger()
    assert warnings == [
        (
            "Nothing was imported",
            "The import could not be saved: the disk is full; free some space.\n\nNothing was changed.",
        )
    ]
    assert rows_in(data_dir / LIBRARY_FILE, "SELECT text FROM notes") == [
        ("Ask about the fever plan, and who to call",)
    ]
    # A file that is not an export says what is wrong with it, in the import's own words.
    export.write_text("not an export", encoding="utf-8")
    window.import_action.trigger()
    assert warnings[-1][0] == "Nothing was imported" and warnings[-1][1].endswith("\n\nNothing was changed.")
    assert "could not be saved" not in warnings[-1][1]
