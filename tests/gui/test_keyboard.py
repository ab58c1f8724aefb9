"""The keyboard: Tab walks the window in the order it reads, and only through what is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.ui.main_window import MainWindow
from tests.gui.clipping import shown
from tests.gui.conftest import OpenWindow


def tab_through(qtbot: QtBot, window: MainWindow, start: QWidget, presses: int = 40) -> list[str]:
    """Press Tab from ``start`` until focus comes back to it: the names of the widgets focused.

    The text pane takes Tab to move between its links first, so it may come several times in a row.
    """
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    names: list[str] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None and focused.window() is window
        # Only what the reader can see: on screen, inside the window.
        assert shown(focused), focused.accessibleName()
        if not names or names[-1] != focused.accessibleName():
            names.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            return names
    raise AssertionError(f"Tab never came back to the start: {names}")


def test_tab_follows_the_window_from_the_top_and_skips_hidden_panels(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window, _ = open_window()  # a first start: the not-medical-advice notice is above the text
    assert tab_through(qtbot, window, window.search_panel.field) == [
        "Search the guide and your notes",
        "Sections",
        "I understand: hide this notice",
        "Guide text",
        "Side panels",
        "Your note for this section",
    ]


def test_tab_goes_into_the_panel_of_the_tab_shown(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    bar = next(b for b in window.findChildren(QTabBar) if b.accessibleName() == "Side panels")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())  # Questions
    qtbot.waitUntil(window.questions_panel.isVisible)
    names = tab_through(qtbot, window, bar)
    assert names == [
        "Side panels",
        "Questions to ask your doctor",
        "New question",
        "Add question",
        "Print my questions and notes",
        "Save my questions and notes as PDF",
        "Search the guide and your notes",
        "Sections",
        "I understand: hide this notice",
        "Guide text",
    ]


def test_picking_another_tab_while_typing_takes_the_keys_along(qtbot: QtBot, open_window: OpenWindow) -> None:
    """The note editor had the keys; the reader clicks Bookmarks: the keys go to the list shown,
    not on into the editor Qt has moved off the window."""
    window, _ = open_window()
    editor = window.notes_pane.editor
    editor.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(editor.hasFocus)
    bar = next(b for b in window.findChildren(QTabBar) if b.accessibleName() == "Side panels")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # Bookmarks
    qtbot.waitUntil(lambda: window.bookmarks_list.hasFocus())
    qtbot.keyClicks(QApplication.focusWidget(), "abc")
    assert editor.toPlainText() == ""
