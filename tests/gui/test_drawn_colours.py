"""The app's own colours as drawn, in every theme: messages, the note mark, find matches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lupus_reader.themes import contrast_ratio
from lupus_reader.ui.navigator import HAS_NOTE_ROLE
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import grab_with_margin, ink_on_paper

THEMES = ["light", "dark", "contrast"]


def text_minimum(theme: str) -> float:
    return 7.0 if theme == "contrast" else 4.5


@pytest.mark.parametrize("theme", THEMES)
def test_not_saved_and_banner_messages_are_readable(
    qtbot: QtBot, open_window: OpenWindow, theme: str
) -> None:
    window, _ = open_window(theme=theme)
    window.notes_pane.save_failed("the disk is full")
    window.banner.show_message("Your notes file was damaged, so a new one was started.")
    for label in (window.notes_pane.status, window.banner.label):
        qtbot.waitUntil(label.isVisible)
        ink, paper = ink_on_paper(grab_with_margin(label))
        assert contrast_ratio(ink, paper) >= text_minimum(theme), (label.text(), ink, paper)


@pytest.mark.parametrize("theme", THEMES)
def test_the_note_mark_stands_out_on_its_row_selected_or_not(
    qtbot: QtBot, open_window: OpenWindow, theme: str
) -> None:
    window, controller = open_window(theme=theme)
    navigator = window.navigator
    noted = controller.current.id
    window.notes_pane.editor.setPlainText("Ask about the side effects")
    window.notes_pane.flush()
    index = navigator.index_of(noted)
    qtbot.waitUntil(lambda: index.data(HAS_NOTE_ROLE) is True)
    window.reader.setFocus()  # no focus ring on the row: only the row and its mark

    def mark_on_row() -> float:
        QApplication.processEvents()
        rect = navigator.visualRect(index)
        image = navigator.viewport().grab(QRect(rect.left() + 2, rect.top() + 2, 16, rect.height() - 4))
        ink, paper = ink_on_paper(image.toImage())
        return contrast_ratio(ink, paper)

    assert navigator.currentIndex() == index  # the row read: selected
    assert mark_on_row() >= 3.0
    controller.step(1)
    qtbot.waitUntil(lambda: navigator.currentIndex() != index)
    assert mark_on_row() >= 3.0


@pytest.mark.parametrize("theme", THEMES)
def test_find_matches_are_readable(qtbot: QtBot, open_window: OpenWindow, theme: str) -> None:
    """Every match is marked (the current one in the selection's colours): its words stay readable."""
    window, _ = open_window(theme=theme)
    window.find_action.trigger()
    qtbot.keyClicks(window.find_bar.field, "guide")
    qtbot.waitUntil(lambda: len(window.find_bar.matches) > 1)
    reader = window.reader
    seen = 0
    for match in window.find_bar.matches:
        cursor = QTextCursor(match)
        cursor.setPosition(match.selectionStart())
        left = reader.cursorRect(cursor)
        cursor.setPosition(match.selectionEnd())
        right = reader.cursorRect(cursor)
        if left.top() != right.top() or not reader.viewport().rect().contains(right):
            continue  # wrapped, or not on screen
        area = QRect(left.right() + 1, left.top() + 2, right.left() - left.right() - 2, left.height() - 4)
        ink, paper = ink_on_paper(reader.viewport().grab(area).toImage())
        assert contrast_ratio(ink, paper) >= text_minimum(theme), (ink, paper)
        seen += 1
    assert seen >= 2
