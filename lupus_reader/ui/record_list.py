"""A list of the reader's records (bookmarks, notes): a lazy model and a view that only emits intents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Record = tuple[Any, ...]  # a row as read from the store; its first field is the id
# record -> (text shown, tooltip, text an editor starts from)
Formatter = Callable[[Record], tuple[str, str, str]]

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value


class RecordListModel(QAbstractListModel):
    """Rows kept as the store's tuples and worded only when shown: ten thousand cost what a screenful does."""

    rename_requested = Signal(int, str)

    def __init__(self, formatter: Formatter, editable: bool = False) -> None:
        super().__init__()
        self.records: list[Record] = []
        self.formatter = formatter
        self.editable = editable

    def set_records(self, records: list[Record]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def update_records(self, changed: Sequence[Record], ids: Sequence[int]) -> bool:
        """Refresh the rows of ``ids`` in place (gone ones removed); False if a full reload is needed."""
        by_id = {record[0]: record for record in changed}
        positions = {record[0]: number for number, record in enumerate(self.records)}
        if any(record_id not in positions for record_id in by_id):
            return False  # a new record: its place in the order is the store's to say
        for record_id in ids:
            number = positions.get(record_id)
            if number is None:
                continue
            if record_id in by_id:
                self.records[number] = by_id[record_id]
                self.dataChanged.emit(self.index(number), self.index(number))
            else:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self.records[number]
                self.endRemoveRows()
                positions = {record[0]: n for n, record in enumerate(self.records)}
        return True

    def text(self, number: int) -> str:
        return self.formatter(self.records[number])[0]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.records)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role == RECORD_ID_ROLE:
            return record[0]
        if role in (_DISPLAY, _EDIT, _TOOLTIP):
            text, tooltip, edit_text = self.formatter(record)
            return {_DISPLAY: text, _EDIT: edit_text or text, _TOOLTIP: tooltip or None}[role]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:  # noqa: N802 (Qt API)
        # The view asks to change a row: pass the intent on; the store decides.
        if role != _EDIT or not isinstance(value, str) or not index.isValid():
            return False
        if value.strip():
            self.rename_requested.emit(self.records[index.row()][0], value.strip())
        return False  # the row is refreshed from the store


class RecordList(QListView):
    """Emits what the reader wants; never touches the stores itself."""

    activated_record = Signal(int)
    delete_requested = Signal(int)
    rename_requested = Signal(int, str)

    def __init__(
        self,
        accessible_name: str,
        formatter: Formatter,
        editable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.records = RecordListModel(formatter, editable)
        self.records.setParent(self)
        self.setModel(self.records)
        self.setAccessibleName(accessible_name)
        self.setUniformItemSizes(True)
        # Lay out a long list in idle batches instead of all at once.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.activated.connect(self._on_activated)
        self.records.rename_requested.connect(self.rename_requested)

    def set_records(self, records: list[Record]) -> None:
        current = self.current_id()
        self.records.set_records(records)
        if current is not None:
            self.select_id(current)

    def texts(self) -> list[str]:
        return [self.records.text(number) for number in range(len(self.records.records))]

    def current_id(self) -> int | None:
        value = self.currentIndex().data(RECORD_ID_ROLE)
        return value if isinstance(value, int) else None

    def select_id(self, record_id: int) -> None:
        for number, record in enumerate(self.records.records):
            if record[0] == record_id:
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
