"""The side panels in tabs beside the text: notes, bookmarks, all notes, questions.

The notes panel is shown at start and made with the window. The other three
sit behind tabs nobody sees before the first page is on screen, so their
widgets (and their modules, and the Qt types they need) are made the first
time anything asks for them: a controller attaching after the first paint, a
tab picked, a kiosk laying them out for touch. Their docks, and so their tabs,
exist from the start. Their words keep the translation context they had in
MainWindow (lupdate reads only literal ``translate`` calls).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QTabWidget, QToolButton, QWidget

from lupus_reader.ui.large_text import PanelTitles, PlaceholderFit

if TYPE_CHECKING:
    from lupus_reader.ui.questions_panel import QuestionsPanel
    from lupus_reader.ui.record_list import RecordList


class SidePanels(NamedTuple):
    bookmarks: RecordList
    notes: RecordList
    questions: QuestionsPanel


def make_docks(window: QMainWindow, notes_pane: QWidget) -> list[QDockWidget]:
    """The four docks, tabbed on the right, the notes panel in the first; the rest still empty."""
    docks: list[QDockWidget] = []
    window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
    for title, name in (
        (QCoreApplication.translate("MainWindow", "Notes"), "notesDock"),
        (QCoreApplication.translate("MainWindow", "Bookmarks"), "bookmarksDock"),
        (QCoreApplication.translate("MainWindow", "All Notes"), "allNotesDock"),
        (QCoreApplication.translate("MainWindow", "Questions"), "questionsDock"),
    ):
        dock = QDockWidget(title, window)
        dock.setObjectName(name)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)  # fmt: skip
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if docks:
            window.tabifyDockWidget(docks[0], dock)
        docks.append(dock)
    docks[0].setWidget(notes_pane)
    docks[0].raise_()
    PanelTitles(window, docks)
    # Large text: tabs keep their whole names and scroll, rather than shrink to "Bookm…".
    # The docks' tab bars are the window's own children. (A recursive search would make a Python
    # wrapper for every object in the window, a few ms before the first paint.)
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        bar.setAccessibleName(QCoreApplication.translate("MainWindow", "Side panels"))
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setUsesScrollButtons(True)
        for arrow in bar.findChildren(QToolButton):  # the focused bar's arrow keys scroll it too
            arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return docks


def make_side_panels(docks: list[QDockWidget]) -> SidePanels:
    """Bookmarks, all notes and questions, each put in its dock (docks 1 to 3)."""
    from lupus_reader.ui.library_rows import bookmark_row, note_row
    from lupus_reader.ui.questions_panel import QuestionsPanel
    from lupus_reader.ui.record_list import RecordList

    bookmarks = RecordList(QCoreApplication.translate("MainWindow", "Bookmarks"), bookmark_row, editable=True)
    bookmarks.setAccessibleDescription(
        QCoreApplication.translate("MainWindow", "Enter opens a bookmark, F2 renames it, Delete removes it")
    )
    notes = RecordList(QCoreApplication.translate("MainWindow", "All your notes"), note_row)
    notes.setAccessibleDescription(
        QCoreApplication.translate("MainWindow", "Enter opens the section of a note, Delete removes it")
    )
    questions = QuestionsPanel()
    entry = questions.entry
    PlaceholderFit(
        entry,
        {
            entry.placeholderText(): (
                QCoreApplication.translate("MainWindow", "Add a question…"),
                QCoreApplication.translate("MainWindow", "Add…"),
            )
        },
    )
    for dock, widget in zip(docks[1:], (bookmarks, notes, questions), strict=True):
        dock.setWidget(widget)
    return SidePanels(bookmarks, notes, questions)
