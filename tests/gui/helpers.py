"""Helpers for GUI tests: write a small pack, find headings, click links like a reader."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from lupus_reader.ui.main_window import MainWindow

BUNDLED = "lupus-stem-cell-therapy"


def write_pack(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def heading_y(window: MainWindow, anchor: str) -> float:
    return next(y for y, name in window.reader.heading_positions() if name == anchor)


def click_link(qtbot: QtBot, window: MainWindow, href: str) -> None:
    """Click the first link to ``href`` in the pane, where a reader would click it."""
    reader = window.reader
    block = reader.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(reader.document())
                cursor.setPosition(fragment.position() + min(1, fragment.length() - 1))
                reader.setTextCursor(cursor)
                reader.ensureCursorVisible()
                point: QPoint = reader.cursorRect(cursor).center()
                qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the pane")
