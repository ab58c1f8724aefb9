"""Touch first, measured on the real widgets at 1280x800 and 1920x1080: big targets, gaps, one-tap lists."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollBar,
    QScroller,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader.ui.kiosk_shell import KioskSession
from lupus_reader.ui.kiosk_staff import StaffCorner
from lupus_reader.ui.kiosk_touch import GAP_PX, TOUCH_PX
from lupus_reader.ui.main_window import MainWindow
from tests.gui.clipping import shown
from tests.gui.kiosk_support import SIZES, at_size, kiosk_session, show_panel

PANELS = ["Notes", "Bookmarks", "All Notes", "Questions"]


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskSession]:
    with kiosk_session(qtbot, tmp_path) as running:
        yield running


@pytest.fixture(params=list(SIZES))
def window(request: pytest.FixtureRequest, qtbot: QtBot, session: KioskSession) -> MainWindow:
    """The visit's window, at each screen size, holding two bookmarks, a note and a question of its own."""
    visit = session.visit
    assert visit is not None
    at_size(qtbot, visit.window, request.param)
    visit.window.bookmark_action.trigger()
    visit.controller.step(1)
    visit.window.bookmark_action.trigger()
    visit.window.notes_pane.editor.setPlainText("My note")
    visit.window.notes_pane.flush()
    visit.window.questions_panel.entry.setText("Will I lose my hair?")
    visit.window.questions_panel.add_button.click()
    return visit.window


def in_window(window: QWidget, widget: QWidget, rect: QRect | None = None) -> QRect:
    rect = rect if rect is not None else widget.rect()
    return QRect(widget.mapTo(window, rect.topLeft()), rect.size())


def targets(window: MainWindow) -> list[tuple[str, QRect]]:
    """Everything on screen a finger can hit, where it is: controls, fields, lists, the text, drawn tabs."""
    found = []
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView, StaffCorner)
    for widget in window.findChildren(QWidget):
        if isinstance(widget, kinds) and shown(widget):
            label = getattr(widget, "text", lambda: "")() if isinstance(widget, QAbstractButton) else ""
            found.append(
                (f"{type(widget).__name__} {widget.accessibleName() or label!r}", in_window(window, widget))
            )
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                drawn = bar.tabRect(index).adjusted(0, 0, -GAP_PX, 0)
                found.append((f"tab {bar.tabText(index)!r}", in_window(window, bar, drawn)))
    return found


def gap(a: QRect, b: QRect) -> int:
    """Empty pixels between two rectangles (negative when they overlap)."""
    across = max(b.left() - a.right() - 1, a.left() - b.right() - 1)
    down = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return max(across, down)


def _searching(qtbot: QtBot, window: MainWindow) -> None:
    window.search_panel.field.setText("stem cells")
    window.search_panel.flush()
    results = window.search_panel.results
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() > 0)


def _finding(qtbot: QtBot, window: MainWindow) -> None:
    window.find_action.trigger()
    qtbot.waitUntil(window.find_bar.isVisible)


STATES: dict[str, Callable[[QtBot, MainWindow], None]] = {
    **{panel: (lambda qtbot, window, panel=panel: show_panel(qtbot, window, panel)) for panel in PANELS},
    "searching": _searching,
    "finding": _finding,
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_target_is_48_px_and_8_px_from_the_next(qtbot: QtBot, window: MainWindow, state: str) -> None:
    STATES[state](qtbot, window)
    qtbot.wait(50)
    found = targets(window)
    assert len(found) > 15

    small = [
        f"{name} {rect.size().toTuple()}"
        for name, rect in found
        if min(rect.width(), rect.height()) < TOUCH_PX
    ]
    close = [
        f"{a} and {b}: {gap(ra, rb)} px"
        for (a, ra), (b, rb) in itertools.combinations(found, 2)
        if gap(ra, rb) < GAP_PX
    ]

    assert small == []
    assert close == [], "\n".join(close)
    for bar in (bar for bar in window.findChildren(QTabBar) if bar.isVisible()):
        assert all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count()))  # every tab in view


def _rows(view: QAbstractItemView) -> list[QRect]:
    model = view.model()
    rows = [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    return [rect for rect in rows if rect.intersects(view.viewport().rect())]


@pytest.mark.parametrize("where", ["Bookmarks", "All Notes", "Questions", "search results"])
def test_list_rows_are_48_px_with_8_px_between_where_a_tap_hits_nothing(
    qtbot: QtBot, window: MainWindow, where: str
) -> None:
    if where == "search results":
        _searching(qtbot, window)
    else:
        show_panel(qtbot, window, where)
    lists: list[QListView] = [window.bookmarks_list, window.notes_list, window.questions_panel.list]
    lists.append(window.search_panel.results)
    for view in [view for view in lists if shown(view)]:
        rows = _rows(view)
        assert len(rows) >= (1 if view is window.notes_list else 2), view.accessibleName()
        assert all(rect.height() >= TOUCH_PX for rect in rows)
        for upper, lower in itertools.pairwise(rows):
            assert lower.top() - upper.bottom() - 1 >= GAP_PX
            between = QPoint(upper.center().x(), (upper.bottom() + lower.top()) // 2)
            assert not view.indexAt(between).isValid()  # the gap belongs to no row


def _taps_along(
    qtbot: QtBot, widget: QWidget, points: list[QPoint], reset: Callable[[], None], read: Callable[[], object]
) -> list[object]:
    """What one tap at each point leads to, starting each time from ``reset``."""
    outcomes = []
    for point in points:
        reset()
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
        outcomes.append(read())
    return outcomes


def _dead_run(outcomes: list[object], first: object, second: object) -> int:
    """How many taps in a row hit nothing, after the last to hit ``first``, before the first on ``second``."""
    last_first = max(i for i, outcome in enumerate(outcomes) if outcome == first)
    first_second = min(i for i, outcome in enumerate(outcomes) if outcome == second)
    return first_second - last_first - 1


def test_a_tap_between_two_tabs_hits_neither(qtbot: QtBot, window: MainWindow) -> None:
    bar = next(bar for bar in window.findChildren(QTabBar) if bar.isVisible())
    left, right = bar.tabRect(0), bar.tabRect(1)
    y = left.center().y()
    points = [QPoint(x, y) for x in range(left.center().x(), right.center().x() + 1)]

    outcomes = _taps_along(qtbot, bar, points, lambda: bar.setCurrentIndex(3), bar.currentIndex)

    assert _dead_run(outcomes, 0, 1) >= GAP_PX


def test_a_tap_between_two_navigator_rows_hits_neither(qtbot: QtBot, window: MainWindow) -> None:
    navigator = window.navigator
    model = navigator.model()
    upper = navigator.visualRect(model.index(0, 0))
    lower = navigator.visualRect(model.index(0, 0, model.index(0, 0)))  # its first section, the next row
    elsewhere = "lupus-stem-cell-therapy/03-how-it-works/collection"
    x = upper.center().x()
    points = [QPoint(x, y) for y in range(upper.center().y(), lower.center().y() + 1)]
    first, second = (
        model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1),
        model.index(0, 0, model.index(0, 0)).data(Qt.ItemDataRole.UserRole + 1),
    )

    outcomes = _taps_along(
        qtbot,
        navigator.viewport(),
        points,
        lambda: navigator.select_section(elsewhere),
        navigator.current_section,
    )

    assert _dead_run(outcomes, first, second) >= GAP_PX
    assert all(rect.height() - GAP_PX >= TOUCH_PX for rect in (upper, lower))  # each drawn row a finger high


def test_a_tap_anywhere_on_a_question_ticks_it_once(
    qtbot: QtBot, session: KioskSession, window: MainWindow
) -> None:
    show_panel(qtbot, window, "Questions")
    questions = window.questions_panel.list
    viewport = questions.viewport()
    apart = QGuiApplication.styleHints().mouseDoubleClickInterval() + 50  # ms: two taps, not a double tap

    def ticked() -> list[bool]:
        _title, kept, _notes = session.visit.questions.contents()
        return [question.checked for question in kept]

    row = questions.visualItemRect(questions.item(1))
    words = QPoint(row.right() - 20, row.center().y())  # on the words, far from the box
    box = QPoint(row.left() + 20, row.center().y())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=words)
    assert ticked()[1] is True and questions.item(1).checkState() == Qt.CheckState.Checked
    qtbot.wait(apart)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=words)
    assert ticked()[1] is False
    qtbot.wait(apart)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=box)
    assert ticked()[1] is True  # on the box too: ticked once, not on and off again
    qtbot.wait(apart)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=words)  # a double tap: press, release,
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=words)  # then the double click
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=words)
    assert ticked()[1] is False  # one tap's worth
    qtbot.wait(apart)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=words)
    assert ticked()[1] is True  # and the next tap counts again
    assert ticked().count(True) == 1


@pytest.mark.parametrize("panel", ["Bookmarks", "All Notes"])
def test_one_tap_opens_a_bookmark_or_a_note(
    qtbot: QtBot, session: KioskSession, window: MainWindow, panel: str
) -> None:
    records = window.bookmarks_list if panel == "Bookmarks" else window.notes_list
    show_panel(qtbot, window, panel)
    session.visit.controller.step(3)
    before = window.navigator.current_section()
    row = records.visualRect(records.model().index(0, 0))

    qtbot.mouseClick(records.viewport(), Qt.MouseButton.LeftButton, pos=row.center())

    assert window.navigator.current_section() != before
    assert window.navigator.current_section() in {
        b.section for b in session.visit.library.bookmarks.all()
    } | {n.section for n in session.visit.library.notes.all()}


@pytest.mark.parametrize("panel", ["Bookmarks", "All Notes", "Questions"])
def test_own_things_are_deleted_and_brought_back_by_touch(
    qtbot: QtBot, window: MainWindow, panel: str
) -> None:
    show_panel(qtbot, window, panel)
    holder = next(dock.widget() for dock in window.docks if dock.windowTitle() == panel)
    delete = next(b for b in holder.findChildren(QAbstractButton) if b.text().startswith("Delete"))
    undo = next(b for b in holder.findChildren(QAbstractButton) if b.text() == "Undo")
    view = next(v for v in holder.findChildren(QAbstractItemView) if v.isVisible())

    def texts() -> list[str]:
        model = view.model()
        return [str(model.index(row, 0).data()) for row in range(model.rowCount())]

    before = texts()
    mine = next(row for row, text in enumerate(before) if panel != "Questions" or "(mine)" in text)
    if panel == "Questions":  # the guide's own questions stay: nothing to delete there
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 0)).center()
        )
        assert not delete.isEnabled()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(mine, 0)).center()
    )
    assert delete.isEnabled() and not undo.isEnabled()

    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert before[mine] not in texts()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert sorted(texts()) == sorted(before)


@pytest.mark.parametrize("size", ["1280x800"])
def test_nothing_is_cut_short_on_a_small_screen(qtbot: QtBot, session: KioskSession, size: str) -> None:
    window = session.window
    at_size(qtbot, window, size)
    _finding(qtbot, window)
    for bar in window.findChildren(QToolBar):
        for button in bar.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut short"
    assert window.find_bar.field.width() >= 200
    assert window.search_panel.field.width() >= 150


def _finger_on(qtbot: QtBot, viewport: QWidget) -> tuple[QScroller.State, QScroller.State]:
    """The scroller's state once a finger is down on ``viewport``, and once it has moved 75 px up."""

    def state() -> QScroller.State:
        return (
            QScroller.scroller(viewport).state()
            if QScroller.hasScroller(viewport)
            else QScroller.State.Inactive
        )

    start = viewport.rect().center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    pressed = state()
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start - QPoint(0, 15 * step))
    moved = state()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 75))
    if QScroller.hasScroller(viewport):
        QScroller.scroller(viewport).stop()
    return pressed, moved


@pytest.mark.parametrize(
    "what", ["text", "navigator", "search results", "Notes", "Bookmarks", "All Notes", "Questions"]
)
def test_a_finger_drags_the_text_the_navigator_and_the_lists(
    qtbot: QtBot, session: KioskSession, window: MainWindow, what: str
) -> None:
    area: QAbstractScrollArea
    if what == "text":
        area = window.reader
    elif what == "navigator":
        area = window.navigator
    elif what == "search results":
        _searching(qtbot, window)
        area = window.search_panel.results
    else:
        _make_long(session, what)
        show_panel(qtbot, window, what)
        holder = next(dock.widget() for dock in window.docks if dock.windowTitle() == what)
        area = next(a for a in holder.findChildren(QAbstractScrollArea) if a.isVisible())
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)  # longer than the screen

    pressed, moved = _finger_on(qtbot, area.viewport())

    assert (pressed, moved) == (QScroller.State.Pressed, QScroller.State.Dragging)


def _make_long(session: KioskSession, what: str) -> None:
    """More bookmarks, notes, questions or lines of a note than a screen shows."""
    visit = session.visit
    assert visit is not None
    window = visit.window
    if what == "Notes":
        window.notes_pane.editor.setPlainText("\n".join(f"line {n} of a long note" for n in range(80)))
        return
    for number in range(16):
        if what == "Questions":
            window.questions_panel.entry.setText(f"My question number {number}?")
            window.questions_panel.add_button.click()
            continue
        visit.controller.step(1)
        if what == "Bookmarks":
            window.bookmark_action.trigger()
        else:
            window.notes_pane.editor.setPlainText(f"Note {number}")
            window.notes_pane.flush()


def test_scroll_bars_show_the_place_and_are_no_target(window: MainWindow) -> None:
    bars = [bar for bar in window.findChildren(QScrollBar)]
    assert bars and all(bar.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents) for bar in bars)
