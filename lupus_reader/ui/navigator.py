"""The section navigator: a tree of chapters and sections that follows the reader."""

from __future__ import annotations

from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from lupus_reader.content.pack import ContentPack

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class SectionTreeModel(QAbstractItemModel):
    """Packs > chapters > sections, as flat arrays: no Qt object per row.

    Qt asks only for the rows on screen, so a pack with ten thousand sections
    opens as fast as one with ten.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reset_nodes()

    def _reset_nodes(self) -> None:
        # Node 0 is the invisible root; a node's number is its internalId.
        self._parent: list[int] = [0]
        self._row: list[int] = [0]
        self._children: list[list[int]] = [[]]
        self._title: list[str] = [""]
        self._section: list[str | None] = [None]
        self.node_of: dict[str, int] = {}

    def _add(self, parent: int, title: str, section_id: str | None) -> int:
        node = len(self._parent)
        self._parent.append(parent)
        self._row.append(len(self._children[parent]))
        self._children[parent].append(node)
        self._children.append([])
        self._title.append(title)
        self._section.append(section_id)
        if section_id is not None:
            self.node_of[section_id] = node
        return node

    def set_packs(self, packs: list[ContentPack]) -> None:
        self.beginResetModel()
        self._reset_nodes()
        for pack in packs:
            root = self._add(0, pack.title, None) if len(packs) > 1 else 0
            for chapter in pack.chapters:
                parents = [root]
                for section in chapter.sections:
                    # Nest by heading level: h1 > h2 > h3, tolerant of skipped levels.
                    depth = min(section.level, len(parents)) - 1
                    del parents[depth + 1 :]
                    parents.append(self._add(parents[depth], section.title, section.id))
        self.endResetModel()

    def index_of(self, section_id: str) -> QModelIndex:
        node = self.node_of.get(section_id)
        return QModelIndex() if node is None else self.createIndex(self._row[node], 0, node)

    # -- QAbstractItemModel ---------------------------------------------------

    def _node(self, index: AnyIndex) -> int:
        return int(index.internalId()) if index.isValid() else 0

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children[self._node(parent)]
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    @overload
    def parent(self) -> QObject: ...
    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...
    def parent(self, child: AnyIndex | None = None) -> Any:
        if child is None:
            return super().parent()
        node = self._node(child)
        up = self._parent[node] if node else 0
        return QModelIndex() if up == 0 else self.createIndex(self._row[up], 0, up)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children[self._node(parent)])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt API)
        return bool(self._children[self._node(parent)])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._title[node]
        if role == SECTION_ID_ROLE:
            return self._section[node]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._section[self._node(index)] is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class Navigator(QTreeView):
    """Emits ``section_activated`` when the reader picks a section; never navigates itself."""

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = SectionTreeModel(self)
        self._syncing = False
        self.setModel(self.sections)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Sections")
        self.setAccessibleDescription("Chapters and sections of the guide; pick one to read it")
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)

    def set_packs(self, packs: list[ContentPack]) -> None:
        self.sections.set_packs(packs)
        if len(packs) == 1 and len(packs[0].sections) <= 500:
            self.expandAll()  # a guide-sized pack: show every section
        else:
            self.expandToDepth(0)

    def current_section(self) -> str | None:
        value = self.currentIndex().data(SECTION_ID_ROLE)
        return value if isinstance(value, str) else None

    def select_section(self, section_id: str) -> None:
        """Highlight a section without emitting ``section_activated``."""
        if self.current_section() == section_id:
            return
        index = self.sections.index_of(section_id)
        if not index.isValid():
            return
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
