"""The section navigator: a tree of chapters and sections that follows the reader."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from lupus_reader.content.pack import ContentPack

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Navigator(QTreeView):
    """Emits ``section_activated`` when the reader picks a section; never navigates itself."""

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self._items: dict[str, QStandardItem] = {}
        self._syncing = False
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Sections")
        self.setAccessibleDescription("Chapters and sections of the guide; pick one to read it")
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)

    def set_packs(self, packs: list[ContentPack]) -> None:
        self._model.clear()
        self._items.clear()
        for pack in packs:
            root = self._model.invisibleRootItem()
            if len(packs) > 1:
                root = self._item(pack.title, None)
                root.setSelectable(False)
                self._model.invisibleRootItem().appendRow(root)
            for chapter in pack.chapters:
                parents: list[QStandardItem] = [root]
                for section in chapter.sections:
                    item = self._item(section.title, section.id)
                    # Nest by heading level: h1 > h2 > h3, tolerant of skipped levels.
                    depth = min(section.level, len(parents)) - 1
                    del parents[depth + 1 :]
                    parents[depth].appendRow(item)
                    parents.append(item)
        self.expandToDepth(0 if len(packs) == 1 else 1)

    def _item(self, title: str, section_id: str | None) -> QStandardItem:
        item = QStandardItem(title)
        item.setToolTip(title)
        if section_id is not None:
            item.setData(section_id, SECTION_ID_ROLE)
            self._items[section_id] = item
        return item

    def section_titles(self) -> list[str]:
        return [item.text() for item in self._items.values()]

    def current_section(self) -> str | None:
        index = self.currentIndex()
        value = index.data(SECTION_ID_ROLE) if index.isValid() else None
        return value if isinstance(value, str) else None

    def select_section(self, section_id: str) -> None:
        """Highlight a section without emitting ``section_activated``."""
        item = self._items.get(section_id)
        if item is None or self.current_section() == section_id:
            return
        index = item.index()
        self._syncing = True
        try:
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)
        finally:
            self._syncing = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        section_id = current.data(SECTION_ID_ROLE)
        if isinstance(section_id, str):
            self.section_activated.emit(section_id)

    def _on_clicked(self, index: QModelIndex) -> None:
        # A click on the row that is already current still means "go there".
        if index == self.currentIndex():
            section_id = index.data(SECTION_ID_ROLE)
            if isinstance(section_id, str):
                self.section_activated.emit(section_id)
