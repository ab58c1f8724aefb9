"""Assistive technology: every widget a reader can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import OpenWindow


def _describe(widget: QWidget) -> str:
    return (
        f"{type(widget).__name__} objectName={widget.objectName()!r} parent={type(widget.parent()).__name__}"
    )


def unnamed_widgets(root: QWidget) -> list[str]:
    """Every widget that takes focus or is a button, and has no accessible name."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        interactive = widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, QAbstractButton)
        if not interactive:
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None, _describe(widget)
        if not interface.text(QAccessible.Text.Name).strip():
            missing.append(_describe(widget))
    return missing


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    window.find_action.trigger()  # the find bar too
    assert unnamed_widgets(window) == []


def test_shortcuts_dialog_lists_the_keys_and_is_named(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = window.findChild(QWidget, "shortcutsDialog")
    qtbot.waitUntil(lambda: dialog is not None or window.findChild(QWidget, "shortcutsDialog") is not None)
    dialog = window.findChild(QWidget, "shortcutsDialog")
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Find in Page"] == "Ctrl+F"
    assert rows["Back"].startswith("Alt+Left")
    assert rows["Keyboard Shortcuts"].startswith("F1")
    assert unnamed_widgets(dialog) == []
    dialog.close()
    QApplication.processEvents()
