"""The notes pane: the reader's own words for the section being read, saved without a Save button."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from lupus_reader.themes import LIGHT

# Saved this long after the last keystroke (and on section change and close).
SAVE_DELAY_MS = 700


class NotesPane(QWidget):
    """Emits ``save_requested`` with the text; the controller stores it and reports back."""

    save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(
            self.tr("Type a note or a question for your doctor. It is saved as you type.")
        )
        self.editor.setAccessibleName(self.tr("Your note for this section"))
        self.editor.setTabChangesFocus(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Note status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._dirty = False
        self._loading = False
        self._error_colour = LIGHT.error_text  # the window gives its theme's
        self._error = False
        self.editor.textChanged.connect(self._on_text_changed)

    def show_note(self, section_title: str, text: str) -> None:
        """Show the note of another section (the caller flushes the current one first)."""
        self._loading = True
        try:
            self.heading.setText(self.tr("Notes: {title}").format(title=section_title))
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._dirty = False
        self._timer.stop()

    def _on_text_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.set_status(self.tr("Not saved yet…"))
        self._timer.start()

    def is_dirty(self) -> bool:
        return self._dirty

    def flush(self) -> None:
        """Ask for the text to be saved now, if it changed."""
        self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.save_requested.emit(self.editor.toPlainText())

    def save_failed(self, message: str) -> None:
        """Keep the text, say why, and try again after the next keystroke (or now, on retry)."""
        self._dirty = True
        self.set_status(
            self.tr("Not saved: {reason}. Your text is still here.").format(reason=message), error=True
        )

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self._error = error
        self.status.setStyleSheet(f"color: {self._error_colour}; font-weight: bold;" if error else "")

    def set_error_colour(self, colour: str) -> None:
        """The theme's colour for "Not saved" (it must stand 4.5:1 off the panel in every theme)."""
        self._error_colour = colour
        if self._error:
            self.set_status(self.status.text(), error=True)
