"""A list of the reader's records (bookmarks, notes): a lazy model and a view that only emits intents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    text: str  # what the row says
    tooltip: str = ""
    edit_text: str = ""  # what an editor starts from, for renameable rows


class RecordListModel(QAbstractListModel):
    """Rows made on demand: ten thousand notes cost what the visible ones cost."""

    rename_requested = Signal(int, str)

    def __init__(self, editable: bool = False) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.editable = editable

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole.value) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole.value:
            return row.text
        if role == Qt.ItemDataRole.EditRole.value:
            return row.edit_text or row.text
        if role == Qt.ItemDataRole.ToolTipRole.value:
            return row.tooltip or None
        if role == RECORD_ID_ROLE:
            return row.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole.value) -> bool:  # noqa: N802
        # The view asks to change a row: pass the intent on; the store decides.
        if role != Qt.ItemDataRole.EditRole.value or not isinstance(value, str) or not index.isValid():
            return False
        if value.strip():
            self.rename_requested.emit(self.rows[index.row()].id, value.strip())
        return False  # the list is refilled from the store


class RecordList(QListView):
    """Emits what the reader wants; never touches the stores itself."""

    activated_record = Signal(int)
    delete_requested = Signal(int)
    rename_requested = Signal(int, str)

    def __init__(self, accessible_name: str, editable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = RecordListModel(editable)
        self.records.setParent(self)
        self.setModel(self.records)
        self.setAccessibleName(accessible_name)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.activated.connect(self._on_activated)
        self.records.rename_requested.connect(self.rename_requested)

    def set_rows(self, rows: list[Row]) -> None:
        current = self.current_id()
        self.records.set_rows(rows)
        if current is not None:
            self.select_id(current)

    def current_id(self) -> int | None:
        value = self.currentIndex().data(RECORD_ID_ROLE)
        return value if isinstance(value, int) else None

    def select_id(self, record_id: int) -> None:
        for number, row in enumerate(self.records.rows):
            if row.id == record_id:
                self.setCurrentIndex(self.records.index(number))
                return

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(RECORD_ID_ROLE)
        if isinstance(value, int):
            self.activated_record.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            record = self.current_id()
            if record is not None:
                self.delete_requested.emit(record)
                event.accept()
                return
        super().keyPressEvent(event)
