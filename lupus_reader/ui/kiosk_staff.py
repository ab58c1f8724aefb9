"""The staff's way out: a long press on the top-left corner, then the PIN pad (wrong PINs locked out)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from lupus_reader.kiosk.pin import PIN_MAX_DIGITS, PinGate
from lupus_reader.ui.kiosk_touch import buttons_at_least

KEY_SIZE = 72  # px: well over the 48 px a finger needs
LONG_PRESS_MS = 2000
CORNER_PX = 56


class StaffCorner(QWidget):
    """An empty square in the top-left corner: held down for ``hold_ms``, it asks for the staff PIN."""

    long_pressed = Signal()

    def __init__(self, hold_ms: int = LONG_PRESS_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffCorner")
        self.setAccessibleName(self.tr("Staff only"))
        self.setFixedSize(CORNER_PX, CORNER_PX)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self.long_pressed)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._hold.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._hold.stop()
        event.accept()


class PinPad(QDialog):
    """Accepts when the right PIN is entered; ``unlocked`` says so before it closes."""

    unlocked = Signal()

    def __init__(self, gate: PinGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.setWindowTitle(self.tr("Staff PIN"))
        self.setModal(True)
        buttons_at_least(self, KEY_SIZE, KEY_SIZE)
        self.gate = gate
        title = QLabel(self.tr("Staff only: enter the PIN to close the kiosk"))
        title.setWordWrap(True)
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setReadOnly(True)  # digits come from the keys below (or a keyboard, see keyPressEvent)
        self.entry.setAccessibleName(self.tr("PIN entered"))
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumHeight(56)
        self.message = QLabel(" ")
        self.message.setAccessibleName(self.tr("PIN message"))
        self.message.setWordWrap(True)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, label in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            button = QPushButton(label)
            button.setMinimumSize(KEY_SIZE, KEY_SIZE)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            names = {"⌫": self.tr("Delete last digit"), "OK": self.tr("Enter PIN")}
            name = names.get(label) or self.tr("Digit {digit}").format(digit=label)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, key=label: self.press(key))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[label] = button
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(56)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(cancel)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_lock)
        self._show_lock()

    def press(self, key: str) -> None:
        if self.gate.seconds_locked() > 0:
            self._show_lock()
            return
        if key == "⌫":
            self.entry.setText(self.entry.text()[:-1])
        elif key == "OK":
            self.submit()
        elif len(self.entry.text()) < PIN_MAX_DIGITS:
            self.entry.setText(self.entry.text() + key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        text = event.text()
        if text.isdigit() and text.isascii():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("OK")
        # Esc and everything else: nothing (a kiosk dialog is left with Cancel)

    def submit(self) -> None:
        pin = self.entry.text()
        self.entry.clear()
        self.message.setText(self.tr("Checking…"))
        self.message.repaint()  # the check takes a moment: show that it is happening
        outcome = self.gate.try_pin(pin)
        if outcome.ok:
            self.message.setText(self.tr("Unlocked"))
            self.unlocked.emit()
            self.accept()
        elif outcome.result == "locked":
            self._show_lock()
        else:
            tries = outcome.attempts_left
            self.message.setText(self.tr("Wrong PIN. %n try(s) left before a pause.", "", tries))

    def _show_lock(self) -> None:
        seconds = self.gate.seconds_locked()
        locked = seconds > 0
        for button in self.keys.values():
            button.setEnabled(not locked)
        if locked:
            self.message.setText(
                self.tr("Too many wrong PINs. Try again in {seconds} s.").format(seconds=seconds)
            )
            self._tick.start()
        else:
            if self._tick.isActive():
                self.message.setText(self.tr("You can try again now."))
            self._tick.stop()
