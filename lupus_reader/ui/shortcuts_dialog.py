"""Help > Keyboard Shortcuts (F1): every action of the window with its keys, read from the actions."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys that belong to one widget rather than to a window action.
EXTRA_KEYS = (
    ("Next match (in the find bar)", "Enter"),
    ("Previous match (in the find bar)", "Shift+Enter"),
    ("Close the find bar", "Esc"),
    ("Move between the navigator, the text and the panels", "Tab, Shift+Tab"),
    ("Rename a bookmark (in the Bookmarks list)", "F2"),
    ("Delete a bookmark, note or question (in its list)", "Delete"),
)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action that has keys, in menu order, each once."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()
        if keys and name and name not in seen:
            seen.add(name)
            rows.append((name, keys))
    return [*rows, *EXTRA_KEYS]


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(actions)
        intro = QLabel("Everything in Lupus Reader can be done from the keyboard:")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setCornerButtonEnabled(False)
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName("Select all")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Large text: a long action wraps onto a second line in a taller row, never cut short.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(fitting_size(self, QSize(560, 520), columns=70, lines=22))


def fitting_size(widget: QWidget, least: QSize, columns: int, lines: int) -> QSize:
    """``least`` at normal text sizes; room for ``columns`` by ``lines`` of larger text; never more
    than 90% of the screen."""
    metrics = widget.fontMetrics()
    wanted = least.expandedTo(QSize(metrics.averageCharWidth() * columns, metrics.height() * lines))
    screen = widget.screen()
    return wanted.boundedTo(screen.availableGeometry().size() * 0.9) if screen is not None else wanted
