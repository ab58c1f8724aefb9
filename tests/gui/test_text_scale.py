"""Text size for the whole app: at 200% in a 1280x800 window no text is clipped and the pane needs
no sideways scrolling (WCAG 1.4.4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QStyleOptionViewItem,
    QTabBar,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader.state import load_state
from lupus_reader.ui.navigator import wrapped_text_height
from tests.gui.conftest import OpenWindow


def clipped_texts(window: QWidget) -> list[str]:
    """Every visible label, button and tab whose text does not fit in it."""
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        room = label.contentsRect()
        if label.wordWrap():
            fits = label.heightForWidth(room.width()) <= room.height() + 1
        else:
            fits = label.sizeHint().width() <= label.width() and label.sizeHint().height() <= label.height()
        if not fits:
            found.append(f"label {label.text()!r}: {label.size().toTuple()} < {label.sizeHint().toTuple()}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            hint = button.sizeHint()
            if hint.width() > button.width() or hint.height() > button.height():
                found.append(f"button {button.text()!r}: {button.size().toTuple()} < {hint.toTuple()}")
    for bar in window.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            needed = bar.fontMetrics().horizontalAdvance(bar.tabText(index))
            if bar.tabRect(index).width() < needed:
                found.append(f"tab {bar.tabText(index)!r}: {bar.tabRect(index).width()} < {needed}")
    for tree in window.findChildren(QTreeView):
        if not tree.isVisible():
            continue
        index = tree.indexAt(tree.viewport().rect().topLeft())
        while index.isValid() and tree.visualRect(index).top() < tree.viewport().height():
            item = QStyleOptionViewItem()
            item.initFrom(tree)
            tree.itemDelegate().initStyleOption(item, index)
            item.rect = tree.visualRect(index)
            needed = wrapped_text_height(tree, item)  # as the style paints it, wrapped, nothing elided
            if item.rect.height() < needed:
                found.append(f"navigator {item.text!r}: {item.rect.height()} < {needed}")
            index = tree.indexBelow(index)
    return found


def test_200_percent_in_1280_by_800_clips_nothing(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(text_scale=200)
    natural = QApplication.instance().property("lupusNaturalPointSize")
    assert QApplication.font().pointSizeF() == 2 * natural
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    pack = controller.library.packs[0]
    for chapter in pack.chapters:
        controller.go_to(chapter.sections[0].id)
        QApplication.processEvents()
        assert window.reader.horizontalScrollBar().maximum() == 0, chapter.file
        assert clipped_texts(window) == [], chapter.file


def test_text_size_is_chosen_in_the_menu_and_remembered(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window()
    size_at_100 = window.reader.document().defaultFont().pointSizeF()
    menu_text = QApplication.font().pointSizeF()
    action = next(a for a in window.findChildren(type(window.find_action)) if a.text() == "150%")
    action.trigger()
    assert QApplication.font().pointSizeF() == menu_text * 1.5
    assert window.reader.document().defaultFont().pointSizeF() == size_at_100 * 1.5
    controller.save()
    assert load_state(data_dir).text_scale == 150
