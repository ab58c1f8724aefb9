"""Kiosk mode: locked, touch-first, and private between visitors."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader.kiosk import EXIT_STAFF
from lupus_reader.kiosk.pin import PinGate, hash_pin
from lupus_reader.kiosk.policy import KioskPolicy
from lupus_reader.kiosk.takehome import QUIET_ZONE
from lupus_reader.ui.appearance import scale_app_font
from lupus_reader.ui.kiosk_shell import GAP_PX, TOUCH_PX, KioskSession, StaffCorner, blocked_sequences
from lupus_reader.ui.library_controller import LibraryController
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.search_controller import SearchController

PIN = "482913"
PIN_HASH = hash_pin(PIN, iterations=100_000)  # the least a settings file may hold: quick tests


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskSession]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    policy = KioskPolicy(pin_hash=PIN_HASH, idle_timeout_s=60, warning_s=20, allow_qr=True)
    kiosk = KioskSession(app, policy, tmp_path / "data")
    assert kiosk.start_visit()
    qtbot.waitExposed(kiosk.window)
    library = kiosk.window.findChild(LibraryController)
    qtbot.waitUntil(library.is_ready)
    yield kiosk
    app.removeEventFilter(kiosk)
    kiosk._idle.stop()
    if kiosk.window is not None:
        kiosk._leaving = True
        kiosk.window.close()
        kiosk.window.deleteLater()
    app.setQuitOnLastWindowClosed(True)
    scale_app_font(app, 100)


def test_full_screen_frameless_no_menus(session: KioskSession) -> None:
    window = session.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible()
    assert not window.quit_action.isEnabled() and not window.open_folder_action.isEnabled()
    assert not window.export_action.isEnabled() and not window.pdf_guide_action.isEnabled()
    assert not window.print_section_action.isEnabled()  # printing is off unless the settings allow it


@pytest.mark.parametrize(
    "keys", ["Alt+F4", "Ctrl+Q", "Ctrl+W", "Esc", "F11", "Ctrl+O", "Ctrl+P", "Ctrl+S", "Ctrl+N", "F10"]
)
def test_blocked_keys_do_nothing(qtbot: QtBot, session: KioskSession, keys: str) -> None:
    window = session.window
    combination = QKeySequence(keys)[0]
    assert combination in blocked_sequences()
    before = set(QApplication.topLevelWidgets())
    qtbot.keyClick(window.reader, combination.key(), combination.keyboardModifiers())
    QApplication.processEvents()
    assert window.isVisible() and window.isFullScreen()
    opened = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    assert opened == []  # no dialog, no file chooser


def test_close_attempts_are_ignored(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    assert window.close() is False
    QApplication.sendEvent(window, QEvent(QEvent.Type.Close))
    QApplication.processEvents()
    assert window.isVisible()


def test_no_context_menu(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50), QPoint(50, 50))
    QApplication.sendEvent(window.reader.viewport(), event)
    QApplication.processEvents()
    assert not any(isinstance(w, QMenu) and w.isVisible() for w in QApplication.topLevelWidgets())


def _open_pin_pad(qtbot: QtBot, session: KioskSession) -> QWidget:
    corner = session.window.findChild(StaffCorner)
    assert corner.geometry().topLeft().manhattanLength() < 16  # in the very corner
    corner._hold.setInterval(50)  # the real hold is two seconds
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window.findChild(QWidget, "pinPad") is not None)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    return session.window.findChild(QWidget, "pinPad")


def _enter(qtbot: QtBot, pad: QWidget, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["OK"], Qt.MouseButton.LeftButton)


def test_a_short_press_on_the_corner_does_nothing(qtbot: QtBot, session: KioskSession) -> None:
    corner = session.window.findChild(StaffCorner)
    qtbot.mouseClick(corner, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert session.window.findChild(QWidget, "pinPad") is None


def test_right_pin_exits_with_the_staff_code(
    qtbot: QtBot, session: KioskSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes: list[int] = []
    monkeypatch.setattr(session.app, "exit", codes.append)
    pad = _open_pin_pad(qtbot, session)
    _enter(qtbot, pad, "000000")
    assert pad.message.text().startswith("Wrong PIN. 4 tries left")
    assert codes == []
    _enter(qtbot, pad, PIN)
    assert codes == [EXIT_STAFF]
    assert EXIT_STAFF not in (0, 1, 2) and not 126 <= EXIT_STAFF <= 165


def test_five_wrong_pins_lock_the_pad_for_30_seconds(qtbot: QtBot, session: KioskSession) -> None:
    now = [1000.0]
    session.gate = PinGate(PIN_HASH, clock=lambda: now[0])
    pad = _open_pin_pad(qtbot, session)
    for _ in range(5):
        _enter(qtbot, pad, "111111")
    assert "Try again in 30 s" in pad.message.text()
    assert not pad.keys["1"].isEnabled()
    pad.press("4")  # nothing is taken while locked, not even the right PIN
    assert session.gate.try_pin(PIN).result == "locked"
    now[0] += 31
    pad._show_lock()
    assert pad.keys["1"].isEnabled()
    assert session.gate.try_pin(PIN).ok


def test_idle_countdown_a_tap_continues_zero_wipes(qtbot: QtBot, session: KioskSession) -> None:
    first = session.window
    session._last_activity = time.monotonic() - 45  # 15 s left of 60: inside the 20 s warning
    session.check_idle()
    countdown = session.countdown
    assert countdown is not None and countdown.isVisible()
    assert "In 15 s this screen is cleared" in countdown.seconds.text()
    qtbot.mouseClick(countdown.button, Qt.MouseButton.LeftButton)
    assert session.countdown is None
    session.check_idle()
    assert session.countdown is None and session.window is first
    session._last_activity = time.monotonic() - 61
    session.check_idle()
    assert session.window is not first  # wiped: a new visit


def _visit(qtbot: QtBot, window: MainWindow) -> None:
    """Everything a visitor can leave behind."""
    controller = window.findChild(LibraryController).reader
    controller.step(1)
    controller.step(1)
    controller.zoom(1)
    window.bookmark_action.trigger()
    window.notes_pane.editor.setPlainText("My private note about fatigue")
    window.notes_pane.flush()
    panel = window.questions_panel
    panel.entry.setText("Will I lose my hair?")
    panel.add_button.click()
    first = panel.list.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    window.search_panel.field.setText("fatigue")
    window.search_panel.flush()
    window.find_action.trigger()
    window.find_bar.field.setText("stem")
    QGuiApplication.clipboard().setText("copied private words")


def _visible_words(window: QWidget) -> str:
    words = [w.text() for w in window.findChildren(QLineEdit)]
    words += [w.toPlainText() for w in window.findChildren(QPlainTextEdit)]
    return "\n".join(words)


def test_finish_and_clear_leaves_nothing_of_the_visit(
    qtbot: QtBot, session: KioskSession, tmp_path: Path
) -> None:
    old = session.window
    _visit(qtbot, old)
    library = old.findChild(LibraryController)
    assert library.notes.all() and library.bookmarks.all()
    finish = old.findChild(QToolBar, "navigationToolbar")
    button = next(b for b in finish.findChildren(QAbstractButton) if b.text() == "Finish and clear")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # the visit's window and everything in it is gone
    new = session.window
    qtbot.waitUntil(new.findChild(LibraryController).is_ready)
    fresh = new.findChild(LibraryController)
    assert fresh.notes.all() == [] and fresh.bookmarks.all() == []
    assert fresh.reader.history.back == [] and not new.back_action.isEnabled()
    assert fresh.reader.state.zoom == 100
    assert "fatigue" not in _visible_words(new) and "stem" not in _visible_words(new)
    assert new.bookmarks_list.texts() == [] and new.notes_list.texts() == []
    questions = new.questions_panel.list
    texts = [questions.item(i).text() for i in range(questions.count())]
    assert "Will I lose my hair?" not in texts
    assert all(questions.item(i).checkState() == Qt.CheckState.Unchecked for i in range(questions.count()))
    assert new.navigator.current_section() == fresh.reader.library.first_section().id
    assert new.search_panel.results.rows.rowCount() == 0
    assert QGuiApplication.clipboard().text() == ""
    # Nothing was ever written: no library, no state, no cache, no index.
    written = [p for p in (tmp_path / "data").rglob("*")] if (tmp_path / "data").exists() else []
    assert written == []
    search = new.findChild(SearchController)
    assert search is not None and search.cache_dir is None


def test_every_control_is_big_enough_for_a_finger(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    small = []
    for widget in [*window.findChildren(QAbstractButton), *window.findChildren(QLineEdit)]:
        if widget.isVisible() and (widget.width() < TOUCH_PX or widget.height() < TOUCH_PX):
            small.append(
                f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r} {widget.size().toTuple()}"
            )
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                rect = bar.tabRect(i)
                if rect.width() < TOUCH_PX or rect.height() < TOUCH_PX:
                    small.append(f"tab {bar.tabText(i)!r} {rect.size().toTuple()}")
    assert small == []
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    buttons = sorted(
        (
            b
            for b in toolbar.findChildren(QAbstractButton)
            if b.isVisible() and b.objectName() != "qt_toolbar_ext_button"
        ),
        key=lambda b: b.x(),
    )
    gaps = [right.x() - (left.x() + left.width()) for left, right in itertools.pairwise(buttons)]
    assert gaps and min(gaps) >= GAP_PX


def test_take_my_questions_home_shows_a_qr_code(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    window.notes_pane.editor.setPlainText("Ask about fertility")
    window.notes_pane.flush()
    session.show_take_home()
    dialog = window.findChild(QWidget, "takeHomeDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert len(dialog.codes) == 1
    code = dialog.codes[0]
    assert "Ask about fertility" in code.part.text
    assert code.width() >= 300 and code.part.size >= 21
    # What is painted is the code: each module's centre is dark exactly where the matrix says.
    image = code.grab().toImage()
    modules = code.part.size + 2 * QUIET_ZONE
    cell = code.width() / modules
    for y, row in enumerate(code.part.matrix):
        for x, dark in enumerate(row):
            pixel = image.pixelColor(int((x + QUIET_ZONE + 0.5) * cell), int((y + QUIET_ZONE + 0.5) * cell))
            assert (pixel.lightness() < 128) is dark, (x, y)
    corner = image.pixelColor(int(cell), int(cell))  # the quiet zone stays light
    assert corner.lightness() > 200
