"""A dismissable message above the content: problems the reader must not miss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from lupus_reader.themes import LIGHT


class MessageBanner(QWidget):
    """A dismissable message above the content: problems the reader must not miss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.set_colours(LIGHT.banner_background, LIGHT.banner_border, LIGHT.banner_text)  # until themed
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Message"))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Dismiss this message"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_colours(self, background: str, border: str, text: str) -> None:
        self.setStyleSheet(
            f"#messageBanner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
            f"#messageBanner QLabel {{ color: {text}; }}"
        )

    def show_message(self, text: str) -> None:
        current = self.label.text()
        self.label.setText(f"{current}\n{text}" if self.isVisible() and current else text)
        self.show()
