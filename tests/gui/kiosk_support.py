"""Helpers for the kiosk's GUI tests: a session on a clock the test moves, a visit, what a window shows."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolBar,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader.kiosk.pin import hash_pin
from lupus_reader.kiosk.policy import KioskPolicy
from lupus_reader.ui.appearance import scale_app_font
from lupus_reader.ui.kiosk_shell import KioskSession
from lupus_reader.ui.main_window import MainWindow

PIN = "482913"
PIN_HASH = hash_pin(PIN, iterations=100_000)  # the least a settings file may hold: quick tests
SECRET = "zebrafinch"  # a word in nothing but what the visitor wrote
HOLD_MS = 50  # the staff corner's long press, shortened
SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}


class Clock:
    """Seconds on a monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@contextlib.contextmanager
def kiosk_session(
    qtbot: QtBot, tmp_path: Path, clock: Clock | None = None, **settings: object
) -> Iterator[KioskSession]:
    """A running kiosk (the first visit on screen and settled) on ``clock``; closed afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    defaults: dict[str, object] = {"pin_hash": PIN_HASH, "idle_timeout_s": 120, "warning_s": 30}
    policy = dataclasses.replace(KioskPolicy(), **{**defaults, **settings})  # type: ignore[arg-type]
    session = KioskSession(app, policy, tmp_path / "data", clock=clock or Clock(), long_press_ms=HOLD_MS)
    try:
        assert session.start_visit()
        settle(qtbot, session)
        yield session
    finally:
        session.close()
        scale_app_font(app, 100)


def settle(qtbot: QtBot, session: KioskSession) -> MainWindow:
    """Wait until the visit's window is on screen with its lists filled."""
    window = session.window
    assert window is not None
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    library = session.visit.library if session.visit else None
    assert library is not None
    qtbot.waitUntil(library.is_ready)
    return window


def at_size(qtbot: QtBot, window: MainWindow, size: str) -> None:
    """The kiosk's window as big as a screen of ``size`` ("1280x800"), as full screen is on one."""
    width, height = SIZES[size]
    if (window.width(), window.height()) != (width, height):
        window.showNormal()
        window.setGeometry(QRect(0, 0, width, height))
        qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    QApplication.processEvents()


def show_panel(qtbot: QtBot, window: MainWindow, title: str) -> None:
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == title:
                bar.setCurrentIndex(index)
    qtbot.waitUntil(lambda: any(d.windowTitle() == title and d.widget().isVisible() for d in window.docks))


def leave_traces(session: KioskSession) -> None:
    """Everything a visitor can leave behind, each holding SECRET where it can hold words."""
    visit = session.visit
    assert visit is not None
    window = visit.window
    visit.controller.step(1)
    visit.controller.step(1)
    visit.controller.zoom(1)
    window.reader.verticalScrollBar().setValue(200)
    window.bookmark_action.trigger()
    window.notes_pane.editor.setPlainText(f"My private note {SECRET}")
    window.notes_pane.flush()
    panel = window.questions_panel
    panel.entry.setText(f"My own question {SECRET}?")
    panel.add_button.click()
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    window.search_panel.field.setText(SECRET)
    window.search_panel.flush()
    window.find_action.trigger()
    window.find_bar.field.setText(SECRET)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(f"copied {SECRET}", QClipboard.Mode.Clipboard)
    clipboard.setText(f"selected {SECRET}", QClipboard.Mode.Selection)


def words_in(root: QWidget) -> str:
    """Every word ``root`` and its widgets show or hold: fields, texts, labels, every row of every model."""
    words = [root.windowTitle()]
    words += [w.text() for w in root.findChildren(QLineEdit)]
    words += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    words += [w.toPlainText() for w in root.findChildren(QTextEdit)]
    words += [w.text() for w in root.findChildren(QLabel)]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                for column in range(_columns(model, parent)):
                    index = model.index(row, column, parent)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if value:
                            words.append(str(value))
                    if column == 0 and isinstance(view, QTreeView) and model.rowCount(index):
                        pending.append(index)
    return "\n".join(words)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return max(model.columnCount(parent), 1)
    except TypeError:  # a list model keeps its one column to itself
        return 1


def tool_button(window: MainWindow, name: str) -> QWidget:
    """The button a finger taps for the toolbar action named ``name``."""
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            if action.objectName() == name:
                button = bar.widgetForAction(action)
                assert button is not None and button.isVisible()
                return button
    raise AssertionError(f"no tool {name}")


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def global_rect(widget: QWidget) -> QRect:
    """Where ``widget`` is on the screen."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
