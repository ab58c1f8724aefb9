"""Finding text that does not fit where it is drawn, measured independently of the code that sizes it.

Each check asks Qt's font metrics how much room the words need and compares
that with the room the widget really has on screen (its rectangle, less
frames, margins, icons and whatever covers it, such as a scroll bar).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

from lupus_reader.themes import contrast_ratio

WRAP = int(Qt.TextFlag.TextWordWrap)
# QLineEdit keeps this many pixels between its frame and its text on each side (qlineedit_p.h).
LINE_EDIT_MARGIN = 2


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that does not fit in the room it has."""
    return [
        *_labels(root),
        *_buttons(root),
        *_tabs(root),
        *_dock_titles(root),
        *_placeholders(root),
        *_tree_rows(root),
        *_table_cells(root),
        *_text_panes(root),
    ]


def shown(widget: QWidget) -> bool:
    """On screen: visible, and not in a side panel whose tab is not shown (Qt moves those off).

    A widget its own children cover whole (a frameless view under its viewport) has no visible
    region of its own: theirs count.
    """
    if not widget.isVisible():
        return False
    area = widget.visibleRegion()
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isVisible():
            area += child.visibleRegion().translated(child.pos())
    return not area.isEmpty()


def _labels(root: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        if not shown(label) or not label.text():
            continue
        room = label.contentsRect()
        if label.wordWrap():
            fits = label.heightForWidth(room.width()) <= room.height() + 1
        else:
            fits = label.sizeHint().width() <= label.width() and label.sizeHint().height() <= label.height()
        if not fits:
            found.append(f"label {label.text()!r}: {label.size().toTuple()} < {label.sizeHint().toTuple()}")
    return found


def _buttons(root: QWidget) -> list[str]:
    found = []
    for button in root.findChildren(QAbstractButton):
        if shown(button) and button.text():
            hint = button.sizeHint()
            if hint.width() > button.width() or hint.height() > button.height():
                found.append(f"button {button.text()!r}: {button.size().toTuple()} < {hint.toTuple()}")
    return found


def _tabs(root: QWidget) -> list[str]:
    found = []
    for bar in root.findChildren(QTabBar):
        if not shown(bar):
            continue
        for index in range(bar.count()):
            needed = bar.fontMetrics().horizontalAdvance(bar.tabText(index))
            if bar.tabRect(index).width() < needed:
                found.append(f"tab {bar.tabText(index)!r}: {bar.tabRect(index).width()} < {needed}")
    return found


def _dock_titles(root: QWidget) -> list[str]:
    """A panel's title as drawn: its letters as tall as the app's text is now.

    Qt draws its own dock title in the font the title had when the dock was made,
    so the letters painted in the title band are measured, not the font asked for.
    """
    found = []
    for dock in root.findChildren(QDockWidget):
        content = dock.widget()
        if not shown(dock) or content is None or not shown(content):
            continue
        title = dock.titleBarWidget()
        band = QRect(0, 0, dock.width() // 2, content.geometry().top())  # the title, not its buttons
        if title is not None or band.height() < 2:
            continue  # ours: a label, measured as labels are; or none (the panel's tab says it)
        image = dock.grab(band).toImage()
        paper = image.pixelColor(1, 1).name()
        rows = [
            y
            for y in range(image.height())
            if any(contrast_ratio(image.pixelColor(x, y).name(), paper) >= 3.0 for x in range(image.width()))
        ]
        drawn = rows[-1] - rows[0] + 1 if rows else 0
        wanted = QFontMetrics(QApplication.font()).tightBoundingRect(dock.windowTitle()).height()
        if drawn < 0.8 * wanted:
            found.append(f"dock title {dock.windowTitle()!r}: letters {drawn} px high, the app's {wanted}")
    return found


def _placeholders(root: QWidget) -> list[str]:
    found = []
    for edit in root.findChildren(QLineEdit):
        if not shown(edit) or edit.text() or not edit.placeholderText():
            continue
        option = QStyleOptionFrame()
        option.initFrom(edit)
        option.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, edit)
        room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        width = room.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN
        for side in edit.findChildren(QToolButton):  # the clear button and other icons inside
            if side.isVisibleTo(edit):
                width -= side.width()
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        if needed > width:
            found.append(f"placeholder {edit.placeholderText()!r}: {width} < {needed}")
    return found


def _tree_rows(root: QWidget) -> list[str]:
    """Rows on screen: wrapped in the width left beside the scroll bar, the title fits the row."""
    found = []
    for tree in root.findChildren(QTreeView):
        if not shown(tree):
            continue
        style = tree.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
        visible = tree.viewport().rect()
        index = tree.indexAt(visible.topLeft())
        while index.isValid() and tree.visualRect(index).top() < visible.height():
            rect = tree.visualRect(index)
            text = str(index.data() or "")
            left = rect.left() + margin
            if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                left += tree.iconSize().width() + margin
            # right() is the last pixel in: the room runs one past it (as the style paints).
            width = min(rect.right(), visible.right()) + 1 - margin - left
            metrics = tree.fontMetrics()
            one_line = metrics.horizontalAdvance(text) <= width
            bounds = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), WRAP, text)
            # Wrapped at spaces (and soft hyphens, which Qt draws as hyphens): a word too long
            # for the line runs past the room, under the scroll bar.
            if not one_line and (
                not tree.wordWrap() or bounds.height() > rect.height() or bounds.width() > width
            ):
                found.append(
                    f"row {text!r}: {rect.size().toTuple()}, in {width} px needs {bounds.size().toTuple()}"
                )
            index = tree.indexBelow(index)
    return found


def _table_cells(root: QWidget) -> list[str]:
    found = []
    for table in root.findChildren(QTableWidget):
        if not shown(table):
            continue
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        visible = table.viewport().rect()
        metrics = table.fontMetrics()
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                rect = table.visualItemRect(item)
                if not rect.intersects(visible):
                    continue
                width = min(rect.right(), visible.right()) - rect.left() - 2 * margin
                text = item.text()
                one_line = metrics.horizontalAdvance(text) <= width
                needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), WRAP, text).height()
                if not one_line and (not table.wordWrap() or needed > rect.height()):
                    found.append(f"cell {text!r}: {rect.size().toTuple()} in {width} px, needs {needed}")
    return found


def _text_panes(root: QWidget) -> list[str]:
    """Pages of text wrap to their width: none needs scrolling sideways."""
    return [
        f"text {pane.accessibleName()!r} scrolls sideways"
        for pane in root.findChildren(QTextEdit)
        if shown(pane) and pane.horizontalScrollBar().maximum() > 0
    ]
