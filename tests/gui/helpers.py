"""Helpers for GUI tests: write a small pack, find headings, click links like a reader."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.content.hyphenate import without_soft_hyphens
from lupus_reader.ui.main_window import MainWindow

BUNDLED = "lupus-stem-cell-therapy"
MARGIN = 3  # px of the surroundings grabbed with a widget


def help_dialogs(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, QDialog]]:
    """The glossary, About This Guide and the keyboard shortcuts, each opened from the Help menu's
    action, laid out, given to the caller, then closed."""
    for action, name in (
        (window.glossary_action, "glossaryDialog"),
        (window.about_guide_action, "aboutGuide"),
        (window.shortcuts_action, "shortcutsDialog"),
    ):
        action.trigger()
        qtbot.waitUntil(lambda n=name: any(d.isVisible() for d in window.findChildren(QDialog, n)))  # type: ignore[misc]
        dialog = next(d for d in window.findChildren(QDialog, name) if d.isVisible())
        QApplication.processEvents()
        yield name, dialog
        dialog.close()


def write_pack(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def pane_text(window: MainWindow) -> str:
    """The pane's text as a reader sees it: without the soft hyphens that only break lines."""
    return without_soft_hyphens(window.reader.toPlainText())


def heading_y(window: MainWindow, anchor: str) -> float:
    top = window.reader.heading_top(anchor)
    assert top is not None, f"no heading {anchor!r} in the pane"
    return top


def show_link(window: MainWindow, wanted: Callable[[str], bool]) -> tuple[str, QRect] | None:
    """The first link in the pane whose href is ``wanted``, scrolled into view: its href and where
    its first letters are in the viewport; None if there is none."""
    reader = window.reader
    block = reader.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href and wanted(href):
                cursor = QTextCursor(reader.document())
                cursor.setPosition(fragment.position() + min(1, fragment.length() - 1))
                reader.setTextCursor(cursor)
                reader.ensureCursorVisible()
                return href, reader.cursorRect(cursor)
            iterator += 1
        block = block.next()
    return None


def click_link(qtbot: QtBot, window: MainWindow, href: str) -> None:
    """Click the first link to ``href`` in the pane, where a reader would click it."""
    found = show_link(window, lambda candidate: candidate == href)
    assert found is not None, f"no link to {href} in the pane"
    point: QPoint = found[1].center()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def grab_with_margin(widget: QWidget) -> QImage:
    """The widget as painted in its window, with MARGIN px of what is around it.

    Past the window's edge (a panel flush with it) what is around it is the window's colour.
    """
    QApplication.processEvents()
    window = widget.window()
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(window.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    inside = area & window.rect()
    painter.drawPixmap(inside.topLeft() - area.topLeft(), window.grab(inside))
    painter.end()
    return image


def pixels(image: QImage) -> array[int]:
    """Every pixel as 0xffRRGGBB, row by row."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return array("I", bytes(image.constBits())[: image.sizeInBytes()])


def colour(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name()


def ink_on_paper(image: QImage) -> tuple[str, str]:
    """(ink, paper): the most common colour of a picture, and the one that stands out most from it.

    For a line of text that is its background and its text colour (the glyphs' solid cores).
    """
    from collections import Counter

    from lupus_reader.themes import contrast_ratio

    counts = Counter(pixels(image))
    paper = f"#{counts.most_common(1)[0][0] & 0xFFFFFF:06x}"
    ink = max((f"#{value & 0xFFFFFF:06x}" for value in counts), key=lambda c: contrast_ratio(c, paper))
    return ink, paper
