"""Kiosk mode: a locked, touch-first reader whose every visit lives in memory and ends wiped.

A visit is a window. Everything a visitor does (bookmarks, notes, ticked and
added questions, search text, history, zoom, scroll position) belongs to that
window and its in-memory library; nothing is written to disk. When the visit
ends (idle timeout, or "Finish and clear") the whole window is thrown away, the
clipboard is emptied, and a fresh window opens at the start section: nothing
can leak into the next visit because nothing is carried over.

Staff leave with a long press on the top-left corner and the PIN; the app then
exits with EXIT_STAFF, which a supervisor (systemd) tells apart from a crash.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QLayout,
    QPushButton,
    QScroller,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lupus_reader.kiosk import EXIT_STAFF
from lupus_reader.kiosk.pin import PinGate
from lupus_reader.kiosk.policy import KioskPolicy
from lupus_reader.ui.main_window import MainWindow

LONG_PRESS_MS = 2000
CORNER_PX = 56
TOUCH_PX = 48  # the least size of anything a finger presses (WCAG 2.5.5, platform guidelines)
GAP_PX = 8  # the least gap between two targets

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}

# What a visitor could use to leave, or to reach the system: none of it does anything in a kiosk.
_BLOCKED_STANDARD = (
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Open,
    QKeySequence.StandardKey.Save,
    QKeySequence.StandardKey.SaveAs,
    QKeySequence.StandardKey.New,
    QKeySequence.StandardKey.Print,
    QKeySequence.StandardKey.FullScreen,
    QKeySequence.StandardKey.Preferences,
    QKeySequence.StandardKey.HelpContents,
)
_BLOCKED_KEYS = (
    *("Alt+F4", "Ctrl+Q", "Ctrl+W", "Esc", "F11", "Ctrl+O", "Ctrl+P", "Ctrl+S", "Ctrl+N", "Ctrl+T"),
    *("Ctrl+Shift+Q", "Ctrl+Shift+W", "Ctrl+Shift+S", "F10", "Alt+Space", "Ctrl+Alt+Delete"),
)

TOUCH_STYLE = f"""
QToolButton, QPushButton {{ min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; padding: 4px 12px; }}
QLineEdit {{ min-height: {TOUCH_PX}px; }}
QToolBar {{ spacing: {GAP_PX}px; padding: 4px; }}
QTabBar::tab {{ min-height: {TOUCH_PX}px; min-width: {TOUCH_PX}px; padding: 0 14px; }}
QTabBar QToolButton {{ min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; }}
QTreeView::item, QListView::item {{ min-height: {TOUCH_PX}px; }}
QScrollBar:vertical {{ width: 28px; }}
QScrollBar:horizontal {{ height: 28px; }}
"""


def _first(sequence: QKeySequence) -> QKeyCombination:
    return sequence[0]  # type: ignore[index]  # QKeySequence is indexable; the stubs do not say so


def blocked_sequences(allow_print: bool = False) -> set[QKeyCombination]:
    blocked = {_first(QKeySequence(text)) for text in _BLOCKED_KEYS}
    for standard in _BLOCKED_STANDARD:
        blocked.update(
            _first(sequence) for sequence in QKeySequence.keyBindings(standard) if sequence.count()
        )
    if allow_print:
        printing = [QKeySequence("Ctrl+P"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Print)]
        blocked -= {_first(sequence) for sequence in printing if sequence.count()}
    return blocked


class StaffCorner(QWidget):
    """An empty square in the top-left corner: held down for two seconds, it asks for the staff PIN."""

    long_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffCorner")
        self.setFixedSize(CORNER_PX, CORNER_PX)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(LONG_PRESS_MS)
        self._hold.timeout.connect(self.long_pressed)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._hold.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._hold.stop()
        event.accept()


class CountdownDialog(QDialog):
    """ "Still reading? Tap to continue", counting down to the end of the visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleCountdown")
        self.setWindowTitle("Still reading?")
        self.setModal(True)
        self.button = QPushButton("Still reading? Tap to continue")
        self.button.setMinimumSize(360, 96)
        self.button.setAccessibleName("Still reading? Tap to continue")
        self.button.clicked.connect(self.accept)
        self.seconds = QLabel()
        self.seconds.setAccessibleName("Seconds until the screen is cleared")
        self.seconds.setWordWrap(True)
        self.seconds.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.button)
        layout.addWidget(self.seconds)

    def show_seconds(self, seconds: int) -> None:
        self.seconds.setText(
            f"In {seconds} s this screen is cleared for the next person: "
            "your notes, bookmarks and questions are not kept."
        )
        self.adjustSize()  # the words wrap onto as many lines as they need

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            return  # Esc does not dismiss it: only a tap on the button continues the visit
        super().keyPressEvent(event)


class KioskSession(QObject):
    """Runs visits one after another until staff leave with the PIN."""

    visit_started = Signal(object)  # the visit's MainWindow
    visit_ended = Signal()

    def __init__(
        self,
        app: QApplication,
        policy: KioskPolicy,
        data_dir: Path,
        packs: Sequence[Path] = (),
        text_scale: int | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.policy = policy
        self.data_dir = data_dir
        self.packs = [*policy.packs, *packs]
        self.text_scale = text_scale or policy.text_scale
        self.theme = theme or policy.theme
        self.gate = PinGate(policy.pin_hash)  # one for the app's life: a new visit does not reset the count
        self.rules = policy.idle_rules
        self.window: MainWindow | None = None
        self.countdown: CountdownDialog | None = None
        self._leaving = False
        self._last_activity = time.monotonic()
        self._blocked = blocked_sequences(policy.allow_print)
        self._idle = QTimer(self)
        self._idle.setInterval(1000)
        self._idle.timeout.connect(self.check_idle)
        app.setQuitOnLastWindowClosed(False)  # between two visits there is, for a moment, no window
        app.installEventFilter(self)

    # -- visits -------------------------------------------------------------------------

    def start_visit(self) -> bool:
        """A fresh window at the start section, locked down; False if no pack opens."""
        from lupus_reader.app import open_reader

        opened = open_reader(
            self.packs,
            self.data_dir,
            self.policy.start_section or None,
            remember=False,
            cache_dir=None,
            text_scale=self.text_scale,
            theme=self.theme,
            empty_library=True,
        )
        if opened is None:
            return False
        self.window = opened[0]
        self.lock_down(self.window)
        self._last_activity = time.monotonic()
        self._idle.start()
        self.visit_started.emit(self.window)
        return True

    def end_visit(self) -> None:
        """Wipe the visit: the window and everything in it, the clipboard; then start the next."""
        self._idle.stop()
        old = self.window
        self.window = None
        self.countdown = None
        if old is not None:
            from lupus_reader.ui.library_controller import LibraryController

            self._leaving = True
            try:
                old.close()  # notes flush, to the in-memory library only
            finally:
                self._leaving = False
            library = old.findChild(LibraryController)
            if library is not None:
                library.database.close()
            old.deleteLater()
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(clipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(clipboard.Mode.Selection)
        self.visit_ended.emit()
        self.start_visit()

    def staff_exit(self) -> None:
        self._idle.stop()
        if self.window is not None:
            self._leaving = True
            self.window.close()
        self.app.exit(EXIT_STAFF)

    # -- locking down -----------------------------------------------------------------------

    def lock_down(self, window: MainWindow) -> None:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.menuBar().hide()
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        for action in (
            window.open_folder_action,
            window.open_zip_action,
            window.quit_action,
            window.export_action,
            window.import_action,
            window.pdf_section_action,
            window.pdf_guide_action,
            window.shortcuts_action,
        ):
            _disable(action)
        if not self.policy.allow_print:
            _disable(window.print_section_action)
            _disable(window.print_guide_action)
        window.questions_panel.pdf_button.hide()
        window.questions_panel.print_button.setVisible(self.policy.allow_print)
        for dock in window.findChildren(QDockWidget):
            dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        toolbar = window.findChild(QToolBar, "navigationToolbar")
        assert toolbar is not None
        corner = StaffCorner()
        corner.long_pressed.connect(self.ask_pin)
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertWidget(first, corner) if first else toolbar.addWidget(corner)
        toolbar.addSeparator()
        finish = QAction("Finish and clear", window)
        finish.setObjectName("finishVisit")
        finish.setToolTip("End your visit: everything you did here is cleared for the next person")
        finish.triggered.connect(self.end_visit)
        toolbar.addAction(finish)
        if self.policy.allow_qr:
            take_home = QAction("Take my questions home", window)
            take_home.setObjectName("takeHome")
            take_home.triggered.connect(self.show_take_home)
            toolbar.addAction(take_home)
        window.setStyleSheet(TOUCH_STYLE)
        for layout in window.findChildren(QLayout):
            if 0 <= layout.spacing() < GAP_PX:
                layout.setSpacing(GAP_PX)
        for area in window.findChildren(QAbstractScrollArea):
            QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        window.showFullScreen()
        # Room for every panel tab at the kiosk's large text, so each is one tap away.
        tabs = [bar.sizeHint().width() for bar in window.findChildren(QTabBar)]
        if window.docks and tabs:
            window.resizeDocks([window.docks[0]], [max(tabs) + 2 * GAP_PX], Qt.Orientation.Horizontal)

    def ask_pin(self) -> None:
        from lupus_reader.ui.pin_pad import PinPad

        if self.window is None:
            return
        pad = PinPad(self.gate, self.window)
        pad.unlocked.connect(self.staff_exit)
        pad.open()

    def show_take_home(self) -> None:
        from lupus_reader.kiosk.takehome import take_home
        from lupus_reader.ui.library_controller import LibraryController
        from lupus_reader.ui.take_home_dialog import TakeHomeDialog

        window = self.window
        if window is None:
            return
        library = window.findChild(LibraryController)
        assert library is not None
        from lupus_reader.storage.stores import QuestionStore

        controller = library.reader
        pack = controller.current_pack()
        title = pack.title if pack else ""
        questions = QuestionStore(library.database).for_pack(pack.id) if pack else []
        window.notes_pane.flush()
        dialog = TakeHomeDialog(take_home(title, questions, library.notes.all()), window)
        dialog.setObjectName("takeHomeDialog")
        dialog.open()

    # -- idle -----------------------------------------------------------------------------

    def check_idle(self) -> None:
        state = self.rules.state(self._last_activity, time.monotonic())
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
        self._last_activity = time.monotonic()
        self._close_countdown()

    def _close_countdown(self) -> None:
        countdown, self.countdown = self.countdown, None
        if countdown is not None:
            countdown.finished.disconnect(self._continue)
            countdown.close()
            countdown.deleteLater()

    def activity(self) -> None:
        """A touch or a key: the visit goes on (a tap on the countdown's button continues it)."""
        self._last_activity = time.monotonic()

    # -- every event of the app passes here ------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in _ACTIVITY and self.countdown is None:
            self.activity()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            if event.keyCombination() in self._blocked:
                event.accept()
                return True
        elif kind == QEvent.Type.ContextMenu:
            return True
        elif kind == QEvent.Type.Close and watched is self.window and not self._leaving:
            event.ignore()
            return True
        return False


def _disable(action: QAction) -> None:
    action.setEnabled(False)
    action.setVisible(False)
    action.setShortcuts([])


def run_kiosk(
    app: QApplication,
    policy: KioskPolicy,
    data_dir: Path,
    packs: Sequence[Path] = (),
    text_scale: int | None = None,
    theme: str | None = None,
) -> int:
    """Run the kiosk until staff leave (EXIT_STAFF); 1 if no pack opens."""
    session = KioskSession(app, policy, data_dir, packs, text_scale, theme)
    if not session.start_visit():
        return 1
    return app.exec()
