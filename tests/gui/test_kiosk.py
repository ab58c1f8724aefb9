"""Kiosk mode: locked, private between visitors, the idle countdown, staff exit, take-home and printing."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QClipboard, QContextMenuEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.kiosk.pin import PinGate
from lupus_reader.ui.kiosk_shell import KioskSession
from lupus_reader.ui.kiosk_staff import StaffCorner
from tests.gui.helpers import click_link, write_pack
from tests.gui.kiosk_support import (
    PIN,
    PIN_HASH,
    SECRET,
    Clock,
    kiosk_session,
    leave_traces,
    settle,
    tool_button,
    visible_windows,
    words_in,
)

BLOCKED = ["Alt+F4", "Ctrl+Q", "Ctrl+W", "Esc", "F11", "Ctrl+O", "Ctrl+P", "Ctrl+S", "Ctrl+N", "F10"]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path, clock: Clock) -> Iterator[KioskSession]:
    with kiosk_session(qtbot, tmp_path, clock) as running:
        yield running


@pytest.fixture
def printing_session(qtbot: QtBot, tmp_path: Path, clock: Clock) -> Iterator[KioskSession]:
    with kiosk_session(qtbot, tmp_path, clock, allow_print=True) as running:
        yield running


# -- locked ---------------------------------------------------------------------------------------


def test_full_screen_frameless_no_menus(session: KioskSession) -> None:
    window = session.window
    assert window is not None
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible()
    assert not window.quit_action.isEnabled() and not window.open_folder_action.isEnabled()
    assert not window.export_action.isEnabled() and not window.pdf_guide_action.isEnabled()
    assert not window.print_section_action.isEnabled()  # printing is off unless the settings allow it
    assert not window.questions_panel.print_button.isVisible()


@pytest.mark.parametrize("keys", BLOCKED)
def test_blocked_keys_reach_nothing(qtbot: QtBot, session: KioskSession, keys: str) -> None:
    window = session.window
    assert window is not None
    # Something ready to act on the key, as an app's own shortcut would be: it must never hear it.
    heard: list[str] = []
    probe = QAction("probe", window)
    probe.setShortcut(QKeySequence(keys))
    probe.triggered.connect(lambda: heard.append(keys))
    window.addAction(probe)
    before = set(visible_windows())

    combination = QKeySequence(keys)[0]
    qtbot.keyClick(window.reader, combination.key(), combination.keyboardModifiers())
    QApplication.processEvents()

    assert heard == []
    assert window.isVisible() and window.isFullScreen()
    assert set(visible_windows()) == before  # no dialog, no file chooser


def test_keys_that_are_not_blocked_still_work(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    assert window is not None and not window.bookmark_action.isChecked()

    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    assert window.bookmark_action.isChecked()  # Ctrl+D bookmarked the place: keys do reach the app


def test_close_attempts_are_ignored(session: KioskSession) -> None:
    window = session.window
    assert window is not None
    assert window.close() is False
    QApplication.sendEvent(window, QEvent(QEvent.Type.Close))
    QApplication.processEvents()
    assert window.isVisible()


def test_no_context_menu(session: KioskSession) -> None:
    window = session.window
    assert window is not None
    opened: list[QWidget] = []

    def close_popups() -> None:  # a context menu runs its own loop: close it, and remember it opened
        popup = QApplication.activePopupWidget()
        if popup is not None:
            opened.append(popup)
            popup.close()

    QTimer.singleShot(300, close_popups)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50), QPoint(50, 50))
    QApplication.sendEvent(window.reader.viewport(), event)
    QApplication.processEvents()
    close_popups()

    assert opened == []
    assert not any(isinstance(w, QMenu) for w in visible_windows())


# -- staff ----------------------------------------------------------------------------------------


def _open_pin_pad(qtbot: QtBot, session: KioskSession) -> QWidget:
    window = session.window
    assert window is not None
    corner = window.findChild(StaffCorner)
    assert corner.mapTo(window, QPoint(0, 0)).manhattanLength() < 16  # in the very corner
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "pinPad") is not None)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    return window.findChild(QWidget, "pinPad")


def _enter(qtbot: QtBot, pad: QWidget, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["OK"], Qt.MouseButton.LeftButton)


def test_a_short_press_on_the_corner_does_nothing(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    assert window is not None
    corner = window.findChild(StaffCorner)
    qtbot.mouseClick(corner, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert window.findChild(QWidget, "pinPad") is None


def test_five_wrong_pins_lock_the_pad_for_30_seconds(qtbot: QtBot, session: KioskSession) -> None:
    now = [1000.0]
    session.gate = PinGate(PIN_HASH, clock=lambda: now[0])
    pad = _open_pin_pad(qtbot, session)
    _enter(qtbot, pad, "000000")
    assert pad.message.text().startswith("Wrong PIN. 4 tries left")
    for _ in range(4):
        _enter(qtbot, pad, "111111")
    assert "Try again in 30 s" in pad.message.text()
    assert not pad.keys["1"].isEnabled()
    pad.press("4")  # nothing is taken while locked, not even the right PIN
    assert session.gate.try_pin(PIN).result == "locked"
    now[0] += 31
    qtbot.waitUntil(lambda: pad.keys["1"].isEnabled(), timeout=3000)  # the pad looks again each second
    assert session.gate.try_pin(PIN).ok


# -- the idle countdown ---------------------------------------------------------------------------


def _countdown(qtbot: QtBot, session: KioskSession) -> QWidget:
    qtbot.waitUntil(lambda: session.countdown is not None and session.countdown.isVisible(), timeout=3000)
    assert session.countdown is not None
    return session.countdown


def test_the_countdown_starts_after_the_whole_idle_timeout(
    qtbot: QtBot, session: KioskSession, clock: Clock
) -> None:
    clock.advance(119)
    session.check_idle()  # what the kiosk does once a second
    assert session.countdown is None
    clock.advance(2)

    countdown = _countdown(qtbot, session)

    assert "Still reading? Tap to continue" in countdown.button.text()
    assert "In 29 s this screen is cleared" in countdown.seconds.text()  # the whole 30 s warning


@pytest.mark.parametrize("where", ["words", "empty space", "button"])
def test_one_tap_anywhere_on_the_countdown_continues(
    qtbot: QtBot, session: KioskSession, clock: Clock, where: str
) -> None:
    first = session.window
    clock.advance(125)
    countdown = _countdown(qtbot, session)
    assert countdown.geometry().contains(first.geometry())  # it covers the visitor's whole screen
    target, point = {
        "words": (countdown.seconds, countdown.seconds.rect().center()),
        "empty space": (countdown, QPoint(20, 20)),
        "button": (countdown.button, countdown.button.rect().center()),
    }[where]

    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=point)

    qtbot.waitUntil(lambda: not countdown.isVisible())
    clock.advance(100)  # the tap started the idle time again: 100 s is not 120
    session.check_idle()
    assert session.countdown is None and session.window is first


def _first_glossary_link(window: QWidget) -> str:
    block = window.reader.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            href = fragments.fragment().charFormat().anchorHref()
            if href.startswith("#glossary-"):
                return href
            fragments += 1
        block = block.next()
    raise AssertionError("no glossary term in this section")


def _wait_for_new_visit(qtbot: QtBot, session: KioskSession, old: QWidget) -> None:
    qtbot.waitUntil(lambda: session.window is not None and session.window is not old, timeout=3000)
    settle(qtbot, session)


def test_at_zero_the_visit_is_wiped_and_nothing_of_it_remains(
    qtbot: QtBot, session: KioskSession, clock: Clock, tmp_path: Path
) -> None:
    old = session.window
    leave_traces(session)
    assert SECRET in words_in(old)
    clock.advance(125)
    _countdown(qtbot, session)
    clock.advance(30)  # nobody tapped: the countdown ran out

    _wait_for_new_visit(qtbot, session, old)

    qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # the visit's window and everything in it is gone
    _assert_nothing_of_the_visit(session, tmp_path)


def test_finish_and_clear_leaves_nothing_of_the_visit(
    qtbot: QtBot, session: KioskSession, tmp_path: Path
) -> None:
    old = session.window
    leave_traces(session)
    qtbot.mouseClick(tool_button(old, "finishVisit"), Qt.MouseButton.LeftButton)

    _wait_for_new_visit(qtbot, session, old)
    _assert_nothing_of_the_visit(session, tmp_path)


def _assert_nothing_of_the_visit(session: KioskSession, tmp_path: Path) -> None:
    visit = session.visit
    assert visit is not None
    window = visit.window
    assert SECRET not in words_in(window)
    assert visit.library.notes.all() == [] and visit.library.bookmarks.all() == []
    assert window.bookmarks_list.texts() == [] and window.notes_list.texts() == []
    assert visit.controller.history.back == [] and not window.back_action.isEnabled()
    assert visit.controller.state.zoom == 100
    questions = window.questions_panel.list
    assert all(questions.item(i).checkState() == Qt.CheckState.Unchecked for i in range(questions.count()))
    assert window.navigator.current_section() == visit.controller.library.first_section().id
    clipboard = QGuiApplication.clipboard()
    assert SECRET not in clipboard.text(QClipboard.Mode.Clipboard)
    assert SECRET not in clipboard.text(QClipboard.Mode.Selection)
    assert all(SECRET not in words_in(w) for w in QApplication.allWidgets() if w.isWindow())
    # Nothing was ever written: no library, no state, no cache, no index.
    data = tmp_path / "data"
    assert not data.exists() or list(data.rglob("*")) == []


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_the_wipe_closes_every_dialog_and_popup_before_the_next_visit_shows(
    qtbot: QtBot, session: KioskSession, clock: Clock
) -> None:
    old = session.window
    visit = session.visit
    visit.controller.go_to("lupus-stem-cell-therapy/02-what-it-is/what-lupus-is")
    click_link(qtbot, old, _first_glossary_link(old))  # a definition pops up beside the word
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    old.notes_pane.editor.setPlainText(f"take {SECRET} home")
    session.show_take_home()
    session.ask_pin()
    # And the definition again, over the dialogs (a tap on a dialog closed it).
    visit.controller.glossary_link.emit(visit.controller.current_pack(), _first_glossary_link(old))
    qtbot.waitUntil(lambda: len(visible_windows()) >= 4 and QApplication.activePopupWidget() is not None)
    seen: list[list[QWidget]] = []
    session.visit_started.connect(lambda new: seen.append([w for w in visible_windows() if w is not new]))
    clock.advance(155)

    _wait_for_new_visit(qtbot, session, old)

    assert seen == [[]]  # when the new visit showed, nothing of the old one was on screen
    assert visible_windows() == [session.window]


def test_after_many_visits_only_one_window_is_alive_and_nothing_piles_up(
    qtbot: QtBot, session: KioskSession
) -> None:
    import gc

    windows: list[weakref.ref[QWidget]] = []
    session.visit_started.connect(lambda window: windows.append(weakref.ref(window)))
    counts = []
    for _ in range(6):
        old = session.window
        session.end_visit()
        _wait_for_new_visit(qtbot, session, old)
        qtbot.waitUntil(lambda old=old: not shiboken6.isValid(old))
        del old
        gc.collect()
        counts.append(sum(isinstance(thing, type) for thing in gc.get_objects()))

    alive = [ref() for ref in windows if ref() is not None]
    assert alive == [session.window]
    assert counts[-1] <= counts[1]  # no class is made per visit and kept (each would stay for good)


def test_a_visit_shows_exactly_the_guides_of_the_settings(qtbot: QtBot, tmp_path: Path) -> None:
    guide = write_pack(
        tmp_path / "clinic",
        {
            "pack.toml": 'id = "clinic"\ntitle = "Clinic Guide"\nchapters = ["one.md"]\n'
            'language = "en"\nversion = "1"\nreviewed = 2026-01-01\n',
            "one.md": "# Welcome\n\nRead this first.\n\n## Second\n\nThen this.\n",
        },
    )
    installed = tmp_path / "data" / "packs"
    installed.mkdir(parents=True)
    write_pack(installed / "other", {})  # what a desktop would add: a kiosk shows its settings' guides only
    with kiosk_session(qtbot, tmp_path, packs=(guide,), start_section="clinic/one/second") as running:
        window = running.window
        assert [pack.id for pack in running.visit.controller.library.packs] == ["clinic"]  # no bundled guide
        assert window.navigator.current_section() == "clinic/one/second"
        assert "Stem Cell" not in words_in(window.navigator)
