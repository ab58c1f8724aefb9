"""My questions: the guide's questions as a checklist, plus the reader's own; printable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from lupus_reader.storage.stores import Question

QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MINE_ROLE = Qt.ItemDataRole.UserRole + 2


class QuestionList(QListWidget):
    delete_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item and item.data(MINE_ROLE):
            self.delete_requested.emit(int(item.data(QUESTION_ID_ROLE)))
            event.accept()
            return
        super().keyPressEvent(event)


class QuestionsPanel(QWidget):
    """Emits intents: tick, add, delete, print; the controller does the rest."""

    toggled = Signal(int, bool)
    add_requested = Signal(str)
    delete_requested = Signal(int)
    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QuestionList()
        self.list.setAccessibleName(self.tr("Questions to ask your doctor"))
        self.list.setAccessibleDescription(self.tr("Tick a question once you have asked it"))
        self.list.setWordWrap(True)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Add a question of your own…"))
        self.entry.setAccessibleName(self.tr("New question"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add question"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setAccessibleName(self.tr("Print my questions and notes"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save my questions and notes as PDF"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.entry, 1)
        add_row.addWidget(self.add_button)
        print_row = QHBoxLayout()
        print_row.addStretch(1)
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list, 1)
        layout.addLayout(add_row)
        layout.addLayout(print_row)
        self._filling = False
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.delete_requested.connect(self.delete_requested)
        self.add_button.clicked.connect(self._add)
        self.entry.returnPressed.connect(self._add)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)

    def set_questions(self, questions: list[Question]) -> None:
        current = self.list.currentItem()
        current_id = current.data(QUESTION_ID_ROLE) if current is not None else None
        self._filling = True
        try:
            self.list.clear()
            for question in questions:
                label = (
                    self.tr("{question}  (mine)").format(question=question.text)
                    if question.mine
                    else question.text
                )
                item = QListWidgetItem(label)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(Qt.CheckState.Checked if question.checked else Qt.CheckState.Unchecked)
                item.setData(QUESTION_ID_ROLE, question.id)
                item.setData(MINE_ROLE, question.mine)
                self.list.addItem(item)
                if question.id == current_id:
                    self.list.setCurrentItem(item)  # a tick refills the list: the row ticked stays current
        finally:
            self._filling = False

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            checked = item.checkState() == Qt.CheckState.Checked
            self.toggled.emit(int(item.data(QUESTION_ID_ROLE)), checked)

    def _add(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.add_requested.emit(text)
            self.entry.clear()
