"""Borders and focus rings as drawn (WCAG 1.4.11, 2.4.7): pixels of grabbed widgets, in every theme.

Each widget is grabbed with a few pixels of what is around it. Its border is
the first pixel, walking in from outside, that differs from the surface it
sits on: it must stand 3:1 off that surface. With keyboard focus the widget
must look different: a ring at least one pixel wide all round that changes
3:1 from the unfocused picture and stands 3:1 off the surface.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QStyleOptionViewItem, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.themes import contrast_ratio
from lupus_reader.ui.main_window import MainWindow
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import MARGIN, colour, grab_with_margin, pixels


def edges(image: QImage) -> list[tuple[str, str]]:
    """(surface, mark) on each side: the pixel just outside the widget, and the first one,
    walking in from the widget's edge a third of the way along the side, that differs from it."""
    w, h = image.width(), image.height()
    m = MARGIN
    walks = [
        [(x, h // 3) for x in range(m - 1, w // 2)],
        [(x, h // 3) for x in range(w - m, w // 2, -1)],
        [(w // 3, y) for y in range(m - 1, h // 2)],
        [(w // 3, y) for y in range(h - m, h // 2, -1)],
    ]
    found = []
    for walk in walks:
        surface = colour(image, *walk[0])
        mark = next((colour(image, x, y) for x, y in walk[1:] if colour(image, x, y) != surface), surface)
        found.append((surface, mark))
    return found


def border_problems(name: str, image: QImage) -> list[str]:
    return [
        f"{name}: border {mark} on {surface}: {contrast_ratio(mark, surface):.2f}:1"
        for surface, mark in edges(image)
        if contrast_ratio(mark, surface) < 3.0
    ]


def ring_problems(name: str, before: QImage, after: QImage, ring: QRect, at_edge: bool = True) -> list[str]:
    """The focused picture changes 3:1 from the unfocused one (and so from what the ring is drawn
    over) on at least a 1 px ring's worth of pixels; a ring at the widget's edge stands 3:1 off
    what is around it."""
    ratios: dict[tuple[int, int], float] = {}
    changed = 0
    for old, new in zip(pixels(before), pixels(after), strict=True):
        if old != new:
            if (old, new) not in ratios:
                ratios[old, new] = contrast_ratio(f"#{old & 0xFFFFFF:06x}", f"#{new & 0xFFFFFF:06x}")
            changed += ratios[old, new] >= 3.0
    perimeter = 2 * (ring.width() + ring.height()) - 12  # a ring 1 px in from the edge
    problems = []
    if changed < perimeter:
        problems.append(f"{name}: focus changes {changed} px by 3:1, fewer than its perimeter {perimeter}")
    if at_edge:
        problems += [p.replace("border", "focus ring") for p in border_problems(name, after)]
    return problems


def targets(window: MainWindow) -> list[tuple[str, QWidget]]:
    """The widgets a reader moves through with Tab, each made visible first."""
    window.find_action.trigger()
    window.find_bar.field.setText("lupus")
    window.find_bar.refresh()
    assert window.find_bar.next_button.isEnabled()
    tab_bar = next(bar for bar in window.findChildren(QTabBar) if bar.isVisible())
    return [
        ("reader pane", window.reader),
        ("note editor", window.notes_pane.editor),
        ("search field", window.search_panel.field),
        # Its border and ring are drawn by the panel it fills (setFocus reaches the navigator).
        ("navigator", window.left_stack),
        ("find field", window.find_bar.field),
        ("find: next match (tool button)", window.find_bar.next_button),
        ("side panel tabs", tab_bar),
        ("bookmarks list", window.bookmarks_list),
        ("questions list", window.questions_panel.list),
        ("new question field", window.questions_panel.entry),
        ("Add button", window.questions_panel.add_button),
    ]


def _shown(window: MainWindow, widget: QWidget) -> None:
    for dock in window.docks:
        if dock.isAncestorOf(widget):
            dock.raise_()
    QApplication.processEvents()


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_borders_and_focus_rings_stand_out_as_drawn(
    qtbot: QtBot, open_window: OpenWindow, theme: str
) -> None:
    window, _ = open_window(theme=theme)
    problems: list[str] = []
    for name, widget in targets(window):
        _shown(window, widget)
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        assert not widget.hasFocus()
        before = grab_with_margin(widget)
        if not isinstance(widget, QTabBar):  # tabs are told apart by their words
            problems += border_problems(name, before)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        after = grab_with_margin(widget)
        if isinstance(widget, QTabBar):  # the ring is on the current tab
            problems += ring_problems(name, before, after, widget.tabRect(widget.currentIndex()), False)
        else:
            problems += ring_problems(name, before, after, widget.rect())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_the_questions_tick_boxes_stand_out(qtbot: QtBot, open_window: OpenWindow, theme: str) -> None:
    """Each question's tick box, as drawn in the list: its edge 3:1 against the row."""
    window, _ = open_window(theme=theme)
    questions = window.questions_panel.list
    _shown(window, questions)
    qtbot.waitUntil(lambda: questions.count() > 0)
    window.reader.setFocus()  # no focus ring in the picture: only the rows
    QApplication.processEvents()
    row = questions.visualItemRect(questions.item(0))
    box = questions.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, _item_option(questions, row), questions
    )
    image = questions.viewport().grab(box.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)).toImage()
    problems = border_problems("tick box", image)
    assert not problems, "\n".join(problems)


def _item_option(view: QListWidget, rect: QRect) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = rect
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return option
