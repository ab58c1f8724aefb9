"""'Still reading? Tap to continue': the idle warning, counting down to the end of the visit.

It covers the whole window, so a tap anywhere (on its button, its words or
the space around them) continues the visit; so does any key.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from lupus_reader.ui.kiosk_touch import buttons_at_least

MESSAGE = str(QT_TRANSLATE_NOOP("CountdownDialog", "Still reading? Tap to continue"))
BUTTON_SIZE = (480, 120)


class CountdownDialog(QDialog):
    """Accepted by a tap or a key anywhere on it; ``show_seconds`` says how long until the screen clears."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("idleCountdown")
        self.setWindowTitle(self.tr("Still reading?"))
        self.setModal(True)
        message = self.tr(MESSAGE)
        self.setAccessibleName(message)
        buttons_at_least(self, *BUTTON_SIZE)
        self.button = QPushButton(message)
        self.button.setAccessibleName(message)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.button.setFont(font)
        self.button.clicked.connect(self.accept)
        self.seconds = QLabel()
        self.seconds.setAccessibleName(self.tr("Seconds until the screen is cleared"))
        self.seconds.setWordWrap(True)
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Words are part of the one big target: a tap on them reaches the dialog.
        self.seconds.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.seconds)
        layout.addStretch(1)

    def show_seconds(self, seconds: int) -> None:
        self.seconds.setText(
            self.tr(
                "In {seconds} s this screen is cleared for the next person: "
                "your notes, bookmarks and questions are not kept."
            ).format(seconds=seconds)
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.window().geometry())  # all of the screen the visitor sees
        super().showEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()
        self.accept()  # the kiosk takes Esc and the other blocked keys before they get here
