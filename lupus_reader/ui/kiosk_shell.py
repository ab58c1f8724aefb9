"""Kiosk mode: visits one after another, each in a window of its own that lives in memory and ends wiped.

A visit is a window. Everything a visitor does (bookmarks, notes, ticked and
added questions, search text, history, zoom, scroll position) belongs to that
window and its in-memory library; nothing is written to disk. When the visit
ends (the idle countdown runs out, or "Finish and clear") every dialog and
popup is closed, the window is thrown away, the clipboard is emptied, and a
fresh window opens at the start section: nothing is carried over to the next.

The window is dressed by kiosk_lockdown (no way out, touch-first); staff leave
with a long press on the top-left corner and the PIN (kiosk_staff), and the
app exits with EXIT_STAFF, which a supervisor (systemd) tells apart from a
crash. A visit that cannot open (its guides gone) ends the app with
EXIT_FAILURE, so that the supervisor starts it again.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication

from lupus_reader import APP_NAME
from lupus_reader.app import Reader, build_reader, screenshot_at_first_paint
from lupus_reader.exit_codes import EXIT_FAILURE, EXIT_STAFF
from lupus_reader.kiosk.pin import PinGate
from lupus_reader.kiosk.policy import KioskPolicy
from lupus_reader.ui.kiosk_countdown import CountdownDialog
from lupus_reader.ui.kiosk_lockdown import KioskGuard, lock_down, visit_tool
from lupus_reader.ui.kiosk_staff import LONG_PRESS_MS, PinPad, StaffCorner
from lupus_reader.ui.kiosk_touch import stop_finger_scrolling
from lupus_reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from lupus_reader.ui.printing import PrintJob, SendToPrinter

IDLE_CHECK_MS = 1000

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class KioskSession(QObject):
    """Runs visits one after another until staff leave with the PIN.

    ``clock`` (seconds, monotonic) and ``long_press_ms`` (the staff corner's
    hold) are the real ones unless a test gives its own.
    """

    visit_started = Signal(object)  # the visit's MainWindow
    visit_ended = Signal()

    def __init__(
        self,
        app: QApplication,
        policy: KioskPolicy,
        data_dir: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        long_press_ms: int = LONG_PRESS_MS,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.policy = policy
        self.data_dir = data_dir  # a kiosk visit neither reads nor writes anything there
        self.clock = clock
        self.long_press_ms = long_press_ms
        self.gate = PinGate(policy.pin_hash)  # one for the app's life: a new visit does not reset the count
        self.rules = policy.idle_rules
        self.visit: Reader | None = None
        self.countdown: CountdownDialog | None = None
        self.guard = KioskGuard(app, policy.allow_print)
        self._last_activity = clock()
        self._ticker = QTimer(self)
        self._ticker.setInterval(IDLE_CHECK_MS)
        self._ticker.timeout.connect(self.check_idle)
        app.setQuitOnLastWindowClosed(False)  # between two visits there is, for a moment, no window
        app.installEventFilter(self)

    @property
    def window(self) -> MainWindow | None:
        """The window of the visit going on, if any."""
        return self.visit.window if self.visit is not None else None

    # -- visits -------------------------------------------------------------------------

    def start_visit(self) -> bool:
        """A fresh window at the start section, locked down; False if its guides do not open."""
        visit = build_reader(
            self.policy.packs,
            self.data_dir,
            self.policy.start_section or None,
            remember=False,
            cache_dir=None,
            text_scale=self.policy.text_scale,
            theme=self.policy.theme,
            kiosk=True,
        )
        if visit is None:
            return False
        self.visit = visit
        window = visit.window
        # Never the system's print dialog (it offers files): the kiosk's own question, or nothing.
        send: SendToPrinter = _no_printing
        if self.policy.allow_print:
            from lupus_reader.ui.kiosk_print import KioskPrinting  # Qt's printing: loaded only to print

            send = KioskPrinting(window).send
        visit.printing.send_to_printer = send
        visit.questions.send_to_printer = send
        corner = StaffCorner(self.long_press_ms)
        corner.long_pressed.connect(self.ask_pin)
        tools = []
        if self.policy.allow_qr:
            tip = self.tr("Your questions and notes as QR codes, for your phone's camera")
            label = self.tr("Take my questions home")
            tools.append(visit_tool(window, label, "takeHome", tip, self.show_take_home))
        tip = self.tr("End your visit: everything you did here is cleared for the next person")
        tools.append(visit_tool(window, self.tr("Finish and clear"), "finishVisit", tip, self.end_visit))
        self.guard.window = window
        lock_down(window, allow_print=self.policy.allow_print, corner=corner, visit_tools=tools)
        self._last_activity = self.clock()
        self._ticker.start()
        self.visit_started.emit(window)
        return True

    def end_visit(self) -> None:
        """Wipe the visit (its window and all in it, every dialog and popup, the clipboard); then the next."""
        self._leave_visit()
        self.visit_ended.emit()
        if not self.start_visit():
            print(
                f"{APP_NAME}: the next kiosk visit could not be opened (see above); "
                f"ending with exit code {EXIT_FAILURE} so that the kiosk is started again",
                file=sys.stderr,
            )
            self.app.exit(EXIT_FAILURE)

    def staff_exit(self) -> None:
        self._leave_visit()
        self.app.exit(EXIT_STAFF)

    def close(self) -> None:
        """Stop for good: no more visits, no more watching the app's events."""
        self._leave_visit()
        # The last window goes now, not when the app is torn down (its gestures must go before Qt's).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        stop_finger_scrolling()
        self.app.removeEventFilter(self)
        self.guard.remove()
        self.app.setQuitOnLastWindowClosed(True)

    def _leave_visit(self) -> None:
        self._ticker.stop()
        self._close_countdown()
        old, self.visit = self.visit, None
        # Dialogs and popups first, or they would stand over the next visit until the old window goes.
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and (old is None or widget is not old.window):
                widget.close()
        if old is not None:
            self.guard.window = None
            self.guard.close_window(old.window)  # notes flush, to the in-memory library only
            database = old.library.database
            old.window.destroyed.connect(lambda: database.close())
            old.window.deleteLater()
        clipboard = QGuiApplication.clipboard()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection, QClipboard.Mode.FindBuffer):
            clipboard.clear(mode)  # a mode the platform lacks is ignored

    # -- staff and take-home ------------------------------------------------------------

    def ask_pin(self) -> None:
        if self.window is None:
            return
        pad = PinPad(self.gate, self.window)
        pad.unlocked.connect(self.staff_exit)
        pad.open()

    def show_take_home(self) -> None:
        from lupus_reader.kiosk.takehome import take_home
        from lupus_reader.ui.kiosk_take_home import TakeHomeDialog, take_home_words

        if self.visit is None:
            return
        title, questions, notes = self.visit.questions.contents(every_guide=True)
        dialog = TakeHomeDialog(take_home(title, questions, notes, take_home_words()), self.visit.window)
        dialog.open()

    # -- idle -----------------------------------------------------------------------------

    def check_idle(self) -> None:
        """Once a second: show, count down or close the warning, or end the visit."""
        state = self.rules.state(self._last_activity, self.clock())
        if state.phase == "expired":
            self.end_visit()
        elif state.phase == "warning":
            if self.countdown is None and self.window is not None:
                self.countdown = CountdownDialog(self.window)
                self.countdown.finished.connect(self._continue)
                self.countdown.show_seconds(state.seconds_left)
                self.countdown.open()
            elif self.countdown is not None:
                self.countdown.show_seconds(state.seconds_left)
        elif self.countdown is not None:
            self._close_countdown()

    def _continue(self) -> None:
        self._last_activity = self.clock()
        self._close_countdown()

    def _close_countdown(self) -> None:
        countdown, self.countdown = self.countdown, None
        if countdown is not None:
            countdown.finished.disconnect(self._continue)
            countdown.close()
            countdown.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # A touch or a key: the visit goes on. While the warning shows, only a tap on it continues.
        if event.type() in _ACTIVITY and self.countdown is None:
            self._last_activity = self.clock()
        return False


def _no_printing(_heading: str, _name: str, _job: PrintJob) -> None:
    """Printing is off: the print actions are gone, and this is what any print request would reach."""


def run_kiosk(app: QApplication, policy: KioskPolicy, data_dir: Path, screenshot: Path | None = None) -> int:
    """Run the kiosk until staff leave (EXIT_STAFF); EXIT_FAILURE if a visit cannot open.

    With ``screenshot``, save the first visit's window as a PNG once it is painted, and end (EXIT_OK).
    """
    session = KioskSession(app, policy, data_dir)
    try:
        if not session.start_visit():
            return EXIT_FAILURE
        window = session.window
        assert window is not None
        if screenshot is not None:
            return screenshot_at_first_paint(app, window, screenshot)
        return app.exec()
    finally:
        session.close()
