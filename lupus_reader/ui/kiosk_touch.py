"""Touch first: every target a finger can hit is at least 48x48 px with 8 px of nothing between targets.

Applied to each visit's window by the kiosk lock-down. Lists and the navigator
scroll by finger (QScroller); their scroll bars are thin position indicators,
not targets. A tap anywhere on a question's row ticks it; one tap opens a
bookmark, a note or a search hit; own bookmarks, notes and questions have a
Delete button (and Undo) besides the Delete key.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollBar,
    QScroller,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.questions_panel import MINE_ROLE, QUESTION_ID_ROLE
from lupus_reader.ui.record_list import RecordList

TOUCH_PX = 48  # the least size of anything a finger presses (WCAG 2.5.5, platform guidelines)
GAP_PX = 8  # the least gap between two targets
TICK_PX = 36  # a question's tick box, drawn; the whole row is what a finger taps
FIND_FIELD_PX = 220  # the find bar's field keeps room for a few words
NAVIGATOR_PX = 280  # the least width of the search field and the navigator

TOUCH_STYLE = f"""
QToolButton, QPushButton {{ min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; padding: 4px 12px; }}
QLineEdit {{ min-height: {TOUCH_PX}px; }}
QToolBar {{ spacing: {GAP_PX}px; padding: {GAP_PX}px; }}
QMainWindow::separator {{ width: {GAP_PX}px; height: {GAP_PX}px; }}
QTabBar::tab {{ min-height: {TOUCH_PX}px; min-width: {TOUCH_PX}px; padding: 0 14px;
                margin-right: {GAP_PX}px; }}
QTabBar QToolButton {{ min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; }}
QTreeView::item {{ min-height: {TOUCH_PX}px; margin-top: {GAP_PX // 2}px; margin-bottom: {GAP_PX // 2}px; }}
QListView::item {{ min-height: {TOUCH_PX}px; }}
QListView::indicator {{ width: {TICK_PX}px; height: {TICK_PX}px; }}
QAbstractItemView {{ activate-on-singleclick: 1; }}
QToolBar QToolButton {{ border: 1px solid palette(mid); border-radius: 6px; background: palette(button); }}
QToolBar QToolButton:pressed, QToolBar QToolButton:checked {{ background: palette(midlight); }}
QToolBar QToolButton:disabled {{ border-color: palette(midlight); }}
QScrollBar:vertical {{ width: 10px; background: transparent; margin: 0; }}
QScrollBar:horizontal {{ height: 10px; background: transparent; margin: 0; }}
QScrollBar::handle {{ background: palette(mid); border-radius: 5px; }}
QScrollBar::handle:vertical {{ min-height: 40px; }}
QScrollBar::handle:horizontal {{ min-width: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def buttons_at_least(dialog: QWidget, width: int, height: int) -> None:
    """The least size of ``dialog``'s buttons (the kiosk window's style sheet, which a dialog of
    it inherits, would make them the 48 px least of all)."""
    dialog.setStyleSheet(f"QPushButton {{ min-width: {width}px; min-height: {height}px; }}")


def make_touch_first(window: MainWindow) -> None:
    """Big targets with gaps, finger scrolling, one-tap lists and touch controls for what needs keys."""
    window.setStyleSheet(TOUCH_STYLE)
    window.side_panels()  # made now (they are made on first use), so they are laid out for touch too
    PanelFitter(window)
    window.find_bar  # noqa: B018  # built now (it is built on first use), so it is laid out for touch too
    _fit_find_bar(window)
    _clear_button_beside(
        window.search_panel.field,
        QCoreApplication.translate("KioskTouch", "Clear the search"),
        window.search_panel.clear,
    )
    touch_up(window)
    _fixed_panes(window)
    _navigator_rows(window.navigator)
    for tabs in window.findChildren(QTabBar):
        GapGuard(tabs, functools.partial(_tab_at, tabs))
    questions = window.questions_panel.list
    questions.setItemDelegate(TapToTick(questions))
    # A tap on a bookmark opens it; renaming is for a keyboard (F2), never a tap.
    window.bookmarks_list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
    _delete_row(window, window.bookmarks_list, QCoreApplication.translate("KioskTouch", "Delete bookmark"))
    _delete_row(window, window.notes_list, QCoreApplication.translate("KioskTouch", "Delete note"))
    _delete_question_row(window)


class PanelFitter(QObject):
    """Whatever the screen: the navigator a fair share of it, and every panel tab in view (none behind
    scroll arrows, which would be one more small target)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit(self.window.width())  # now, before the window is painted at this size
            # And again after the window's own resizeEvent, which fits the panels for a desktop.
            QTimer.singleShot(0, self, lambda: self.fit(self.window.width()))
        return False

    def fit(self, width: int) -> None:
        window = self.window
        tabs = max((bar.sizeHint().width() for bar in window.findChildren(QTabBar)), default=0)
        panels = max(tabs + 2 * GAP_PX, width * 26 // 100)
        navigator = max(NAVIGATOR_PX, width * 22 // 100)
        window.splitter.setSizes([navigator, max(1, width - navigator - panels)])
        window.resizeDocks([window.docks[0]], [panels], Qt.Orientation.Horizontal)


def touch_up(root: QWidget) -> None:
    """Gaps in layouts and lists, finger scrolling, scroll bars that only show the place: for the
    window, and for each dialog or popup of it as it opens (they are made later)."""
    for layout in root.findChildren(QLayout):
        if 0 <= layout.spacing() < GAP_PX:
            layout.setSpacing(GAP_PX)
    for view in root.findChildren(QListView):
        view.setSpacing(GAP_PX // 2)  # around each row: GAP_PX between two rows, where a tap hits none
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
    for area in root.findChildren(QAbstractScrollArea):
        add_finger_scrolling(area)
    for bar in root.findChildren(QScrollBar):
        bar.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # shows the place; a finger scrolls


# -- finger scrolling --------------------------------------------------------------------------


_flick: tuple[QObject, Qt.GestureType] | None = None


def _flick_gesture() -> Qt.GestureType:
    """One flick recognizer, shared by every scrolling view until ``stop_finger_scrolling``.

    QScroller.grabGesture registers a new recognizer on every call, and PySide
    keeps a new Python enum class for each new gesture type it hands back: a
    window per visit would leak a few each time. The recognizer makes one gesture
    per view, driving that view's own QScroller, so one registration serves all.
    """
    global _flick
    if _flick is None:
        owner = QObject()
        owner.setObjectName("kioskFlickGesture")
        _flick = owner, QScroller.grabGesture(owner, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return _flick[1]


def stop_finger_scrolling() -> None:
    """Unregister the shared recognizer, once no view uses it: while Qt still runs, not as it is torn down."""
    global _flick
    _flick = None  # its owner goes, and its QScroller with it, which unregisters the recognizer


def add_finger_scrolling(area: QAbstractScrollArea) -> None:
    """Drag the content of ``area`` with a finger (or the mouse), and flick it on."""
    viewport = area.viewport()
    QScroller.scroller(viewport)  # its scroller first: the gesture looks for it when it is made
    viewport.grabGesture(_flick_gesture())


# -- gaps where a tap hits nothing --------------------------------------------------------------


class GapGuard(QObject):
    """Swallows presses on ``widget`` that land outside every target ``target_at`` knows of.

    For widgets whose targets sit edge to edge (tabs, tree rows): the style draws
    each a little smaller, and a tap between two drawn targets does nothing.
    """

    def __init__(self, widget: QWidget, target_at: Callable[[QPoint], bool]) -> None:
        super().__init__(widget)
        self.target_at = target_at
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseButtonRelease,
        ) and isinstance(event, QMouseEvent):
            return not self.target_at(event.position().toPoint())
        return False


def _fixed_panes(window: MainWindow) -> None:
    """The borders between the panes are gaps, not handles: the kiosk sizes the panes, a finger does not."""
    window.splitter.setHandleWidth(GAP_PX)
    for index in range(window.splitter.count()):
        window.splitter.handle(index).setEnabled(False)
    # Presses on the window itself land between its panes, where its dock separators are.
    GapGuard(window, lambda point: window.childAt(point) is not None)


def _tab_at(bar: QTabBar, point: QPoint) -> bool:
    """On a tab as drawn, or beside all tabs; False in the margin on a tab's right."""
    slots = [bar.tabRect(index) for index in range(bar.count())]
    drawn = [slot.adjusted(0, 0, -GAP_PX, 0) for slot in slots]
    return any(rect.contains(point) for rect in drawn) or not any(slot.contains(point) for slot in slots)


def _navigator_rows(tree: QTreeView) -> None:
    """Rows with gaps; a tap on a chapter opens it as well as going there (no separate little arrow)."""
    tree.setItemsExpandable(False)  # the arrows only show what is open: the row is the one target
    tree.clicked.connect(tree.expand)
    GapGuard(tree.viewport(), functools.partial(_row_at, tree))


def _row_at(view: QTreeView, point: QPoint) -> bool:
    """On a row as drawn (without its margins), or below the last row."""
    index = view.indexAt(point)
    if not index.isValid():
        return True  # below the last row: nothing to guard
    row = view.visualRect(index)
    return row.top() + GAP_PX // 2 <= point.y() <= row.bottom() - GAP_PX // 2


# -- the questions checklist ------------------------------------------------------------------


class TapToTick(QStyledItemDelegate):
    """A tap anywhere on a checkable row ticks or unticks it; a double tap counts as one tap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last: tuple[int, float] | None = None  # the row last ticked, and when

    def editorEvent(  # noqa: N802 (Qt API)
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return super().editorEvent(event, model, option, index)
        flags = model.flags(index)
        checkable = bool(flags & Qt.ItemFlag.ItemIsUserCheckable and flags & Qt.ItemFlag.ItemIsEnabled)
        if not checkable or not option.rect.contains(event.position().toPoint()):
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # the second tap of a double tap: its first one ticked already
        if event.type() != QEvent.Type.MouseButtonRelease:
            return False  # a press selects the row, as ever
        now = time.monotonic()
        interval = QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000
        row = index.row()  # a row number: a tick may refill the list, and its indexes with it
        if self._last is not None and self._last[0] == row and now - self._last[1] < interval:
            return True  # the second tap of a double tap, however it arrives
        self._last = row, now
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)


# -- touch controls for what a keyboard does ---------------------------------------------------------


def _touch_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setMinimumSize(TOUCH_PX, TOUCH_PX)
    return button


class DeleteButton(QPushButton):
    """Deletes the row last tapped, when ``current`` says it is the visitor's own (its id; else None)."""

    def __init__(self, text: str, current: Callable[[], int | None], delete: Callable[[int], None]) -> None:
        super().__init__(text)
        self.setAccessibleName(text)
        self.setMinimumSize(TOUCH_PX, TOUCH_PX)
        self.current = current
        self.delete = delete
        self.clicked.connect(self.delete_current)
        self.refresh()

    def refresh(self) -> None:
        self.setEnabled(self.current() is not None)

    def delete_current(self) -> None:
        row = self.current()
        if row is not None:
            self.delete(row)


class UndoButton(QPushButton):
    """Undo for a finger: the window's Undo Delete (Ctrl+Z), enabled when it is."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(self.tr("Undo"))
        self.setAccessibleName(self.tr("Undo the last delete"))
        self.setMinimumSize(TOUCH_PX, TOUCH_PX)
        self.action = window.undo_action
        self.clicked.connect(self.action.trigger)
        self.action.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.setEnabled(self.action.isEnabled())


def _button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(GAP_PX)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _delete_row(window: MainWindow, records: RecordList, label: str) -> None:
    """A Delete button under a list of bookmarks or notes: for the one last tapped."""
    delete = DeleteButton(label, records.current_id, records.delete_requested.emit)
    records.selectionModel().currentChanged.connect(delete.refresh)
    records.records.modelReset.connect(delete.refresh)
    dock = next(dock for dock in window.docks if dock.widget() is records)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(GAP_PX)
    column.addWidget(records, 1)
    column.addLayout(_button_row(delete, UndoButton(window)))
    dock.setWidget(holder)


def _delete_question_row(window: MainWindow) -> None:
    """A Delete button for the visitor's own question last tapped (the guide's cannot be deleted)."""
    panel = window.questions_panel
    questions = panel.list

    def mine() -> int | None:
        item = questions.currentItem()
        return int(item.data(QUESTION_ID_ROLE)) if item is not None and item.data(MINE_ROLE) else None

    delete = DeleteButton(
        QCoreApplication.translate("KioskTouch", "Delete my question"), mine, panel.delete_requested.emit
    )
    questions.currentItemChanged.connect(delete.refresh)  # clearing the list for a refresh says so too
    layout = panel.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertLayout(layout.indexOf(questions) + 1, _button_row(delete, UndoButton(window)))


def _clear_button_beside(field: QLineEdit, name: str, clear: Callable[[], None]) -> None:
    """A finger-sized ✕ beside a field, in place of the field's own small one."""
    field.setClearButtonEnabled(False)
    button = _touch_button("✕", name)
    button.setFixedWidth(TOUCH_PX)
    button.setToolTip(name)
    button.setEnabled(bool(field.text()))
    field.textChanged.connect(lambda text: button.setEnabled(bool(text)))
    button.clicked.connect(clear)
    parent = field.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QBoxLayout):
        row = QHBoxLayout()
        row.setSpacing(GAP_PX)
        layout.insertLayout(layout.indexOf(field), row)
        row.addWidget(field, 1)
        row.addWidget(button)


def _fit_find_bar(window: MainWindow) -> None:
    """Room for the words to find: the match count gives way (it wraps) before the field does."""
    bar = window.find_bar
    bar.field.setClearButtonEnabled(False)  # the bar's ✕ closes it, and a finger can hit that one
    bar.field.setMinimumWidth(FIND_FIELD_PX)
    bar.count.setMinimumWidth(0)
    bar.count.setWordWrap(True)
    for button in bar.findChildren(QToolButton):  # ▲ ▼ ✕ whole, with the style's margins, at large text
        button.setMinimumWidth(max(button.sizeHint().width(), TOUCH_PX))
