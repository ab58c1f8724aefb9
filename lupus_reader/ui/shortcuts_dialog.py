"""Help > Keyboard Shortcuts (F1): every action of the window with its keys, read from the actions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
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

# Keys that belong to one widget rather than to a window action (translated where they are shown).
EXTRA_KEYS = (
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Next match (in the find bar)"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Previous match (in the find bar)"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Shift+Enter"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Close the find bar"), "Esc"),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Move between the navigator, the text and the panels"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Tab, Shift+Tab"),
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Rename a bookmark (in the Bookmarks list)"), "F2"),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Delete a bookmark, note or question (in its list)"),
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Delete"),
    ),
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
    extra = [(_translated(name), _translated(keys)) for name, keys in EXTRA_KEYS]
    return [*rows, *extra]


def _translated(text: object) -> str:
    return QCoreApplication.translate("ShortcutsDialog", str(text))


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(actions)
        intro = QLabel(self.tr("Everything in Lupus Reader can be done from the keyboard:"))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setCornerButtonEnabled(False)
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all"))
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
