"""Hyphenation in the pane: long words break with a hyphen, and nothing a reader finds, copies or keeps
has the soft hyphens in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lupus_reader.content.hyphenate import SOFT_HYPHEN
from lupus_reader.search import highlight_spans, parse_query
from lupus_reader.storage.db import LIBRARY_FILE
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.reader_view import ReaderView
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack

PARAGRAPH = (
    "Transplantation takes weeks. The transplantation team explains every step of transplantation "
    "in plain words."
)
CHAPTER = f"# Care\n\n{PARAGRAPH}\n\n## Later\n\nNothing else.\n"
MANIFEST = 'id = "care"\ntitle = "Care"\nchapters = ["one.md"]\nlanguage = "en"\nversion = "1"\n'


def _pack(tmp_path: Path) -> Path:
    return write_pack(
        tmp_path / "pack", {"pack.toml": MANIFEST + "reviewed = 2026-01-01\n", "one.md": CHAPTER}
    )


def _paragraph(window: MainWindow) -> QTextCursor:
    """A cursor over the paragraph with the long words."""
    block = window.reader.document().begin()
    while "weeks" not in block.text():
        block = block.next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def test_a_long_word_in_a_narrow_pane_breaks_at_a_hyphenation_point(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = open_window([_pack(tmp_path)])
    pane = ReaderView()
    qtbot.addWidget(pane)
    pane.show_document("narrow", window.reader.document().toHtml())
    pane.resize(150, 600)  # narrower than "Transplantation" at the pane's size
    pane.show()
    qtbot.waitExposed(pane)
    block = pane.document().begin()
    while "weeks" not in block.text():
        block = block.next()
    layout = block.layout()
    text = block.text()
    ends = [layout.lineAt(i).textStart() + layout.lineAt(i).textLength() for i in range(layout.lineCount())]
    # The first line ends inside the first word, right after one of its soft hyphens (where Qt draws "-").
    assert layout.lineCount() > 1
    assert ends[0] < len("Transplantation") + text[: ends[0]].count(SOFT_HYPHEN)
    assert text[ends[0] - 1] == SOFT_HYPHEN


def test_find_in_page_finds_counts_and_covers_hyphenated_words(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = open_window([_pack(tmp_path)])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "transplantation")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    highlighted = [s.cursor.selectedText() for s in window.reader.extraSelections()]
    # Each highlight covers the whole word, soft hyphens inside it included.
    assert [text.replace(SOFT_HYPHEN, "").lower() for text in highlighted] == ["transplantation"] * 3
    assert all(SOFT_HYPHEN in text for text in highlighted)
    # Part of a word across a break point is found too.
    bar.field.setText("plantation")
    bar.refresh()
    assert bar.count.text() == "1 of 3"


def test_search_hits_land_on_hyphenated_words(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = open_window([_pack(tmp_path)])
    query = parse_query("transplantation plain")
    window.find_bar.show_hits(lambda text: highlight_spans(text, query), "transplantation plain")
    highlighted = [s.cursor.selectedText().replace(SOFT_HYPHEN, "") for s in window.reader.extraSelections()]
    assert [text.lower() for text in highlighted] == ["transplantation"] * 3 + ["plain"]


def test_copied_text_has_no_soft_hyphens(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = open_window([_pack(tmp_path)])
    window.reader.setTextCursor(_paragraph(window))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().mimeData()
    assert copied.text() == PARAGRAPH
    assert SOFT_HYPHEN not in copied.html() and "transplantation team" in copied.html()


def test_bookmark_and_note_quotes_have_no_soft_hyphens(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, data_dir: Path
) -> None:
    window, _ = open_window([_pack(tmp_path)])
    # A note on the first section keeps its first words; a bookmark keeps the words at the top.
    qtbot.keyClicks(window.notes_pane.editor, "Ask about it")
    top = window.reader.document().documentLayout().blockBoundingRect(_paragraph(window).block()).top()
    window.reader.verticalScrollBar().setValue(round(top) + 2)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    connection = sqlite3.connect(data_dir / LIBRARY_FILE)
    try:
        qtbot.waitUntil(lambda: connection.execute("SELECT COUNT(*) FROM notes").fetchone() == (1,))
        notes = connection.execute("SELECT quote FROM notes").fetchall()
        bookmarks = connection.execute("SELECT quote FROM bookmarks").fetchall()
    finally:
        connection.close()
    assert notes == bookmarks == [(PARAGRAPH,)]
