"""The section navigator: a tree of chapters and sections that follows the reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QStyle,
    QStyleFactory,
    QTreeView,
    QWidget,
)

from lupus_reader.content.pack import Chapter, ContentPack
from lupus_reader.ui.large_text import without_shaping

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QAbstractItemDelegate, QStyleOptionViewItem

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HAS_NOTE_ROLE = Qt.ItemDataRole.UserRole + 2
# Up to this many sections, every section is in the tree and shown from the
# start. A bigger pack shows its chapters, and a chapter's sections are added
# when it is opened (or read): a 10,000-row tree would cost start-up time.
SHOW_ALL_UP_TO = 500
_PLACEHOLDER = "…"


def _wrapping_delegate(view: QTreeView) -> QAbstractItemDelegate:
    """Row heights that fit a title wrapped to the navigator's width (Qt sizes rows for one line).

    Made when first needed (large text only): the style classes it uses cost
    start-up time to load.
    """
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    class WrappingDelegate(QStyledItemDelegate):
        def sizeHint(  # noqa: N802 (Qt API)
            self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
        ) -> QSize:
            hint = super().sizeHint(option, index)
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            item = QStyleOptionViewItem(option)
            self.initStyleOption(item, index)
            indent = view.indentation() * (depth + 1 if view.rootIsDecorated() else depth)
            item.rect = QRect(0, 0, view.viewport().width() - indent, hint.height())
            needed = wrapped_text_height(view, item)
            return QSize(hint.width(), max(hint.height(), needed)) if needed else hint

    return WrappingDelegate(view)


def wrapped_text_height(view: QWidget, item: QStyleOptionViewItem) -> int:
    """The height the style needs to paint the item's text wrapped, none of it elided (0: no text)."""
    from PySide6.QtWidgets import QStyle

    style = view.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, view)
    # The style keeps this margin on each side of the text as it paints it.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = text_rect.width() - 2 * margin
    if room <= 0 or not item.text:
        return 0
    bounds = item.fontMetrics.boundingRect(
        QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), item.text
    )
    return bounds.height() + (item.rect.height() - text_rect.height())


def _row_style() -> QStyle:
    """One plain Fusion for the navigators, owned by the application (kept as long as it is)."""
    app = QApplication.instance()
    style = app.findChild(QStyle, "lupusRowStyle") if app is not None else None
    if style is None:
        style = QStyleFactory.create("Fusion")
        style.setObjectName("lupusRowStyle")
        style.setParent(app)
    return style


class Navigator(QTreeView):
    """Emits ``section_activated`` when the reader picks a section; never navigates itself."""

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Rows are drawn by plain Fusion, in C++: through the app's style (ui/style.py, Python)
        # each row cost seven calls into Python, a third of a section switch on a big guide.
        # That style changes no row; it draws borders and focus rings, and this tree's border
        # and ring are drawn around it by its container (MainWindow.left_stack).
        self.setStyle(_row_style())
        without_shaping(self)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Qt's own item model: the view asks it for data hundreds of times per
        # repaint, which a Python model answers several milliseconds slower.
        self.sections = QStandardItemModel(self)
        self._items: dict[str, QStandardItem] = {}
        self._chapter_of: dict[str, str] = {}  # section id -> id of its chapter's row
        self._unbuilt: dict[str, Chapter] = {}  # chapter row id -> chapter still to fill in
        self._marked: set[str] = set()  # sections with a note
        self._mark_icon: Callable[[], QIcon] | None = None
        self._syncing = False
        self._packs: list[ContentPack] = []
        self._floor = 0  # the least width the window gave it, before large text asked for more
        self.setModel(self.sections)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(self.tr("Sections"))
        self.setAccessibleDescription(self.tr("Chapters and sections of the guide; pick one to read it"))
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)
        self.expanded.connect(self._on_expanded)

    def set_wrapping(self, wrap: bool) -> None:
        """Long titles on several lines (large text) rather than cut short with "…".

        Off at normal sizes: rows of one height let a pack of thousands of
        sections scroll without measuring every title.
        """
        if wrap == self.wordWrap():
            return
        if wrap:
            self._floor = self.minimumWidth()
        self.setWordWrap(wrap)
        self.setTextElideMode(Qt.TextElideMode.ElideNone if wrap else Qt.TextElideMode.ElideRight)
        self.setUniformRowHeights(not wrap)
        if wrap:
            self.setItemDelegate(_wrapping_delegate(self))
        else:
            from PySide6.QtWidgets import QStyledItemDelegate

            self.setItemDelegate(QStyledItemDelegate(self))
        self._fit_longest_word()
        self.scheduleDelayedItemsLayout()

    def _fit_longest_word(self) -> None:
        """Wide enough that every word of every title fits on its line beside the scroll bar.

        Titles wrap at spaces: a word longer than the line would run under the
        scroll bar, cut. Only while wrapping (large text); each word is measured once.
        """
        if not self.wordWrap():
            self.setMinimumWidth(self._floor)
            return
        metrics = self.fontMetrics()
        deepest: dict[str, int] = {}
        nested = len(self._packs) > 1
        for pack in self._packs:
            for section in pack.sections:
                depth = section.level + nested
                for word in section.title.split():
                    deepest[word] = max(deepest.get(word, 0), depth)
        indent = self.indentation()
        style = self.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        room = max(
            (metrics.horizontalAdvance(word) + indent * depth for word, depth in deepest.items()), default=0
        )
        chrome = 2 * margin + 2 * self.frameWidth() + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(max(self._floor, room + chrome + self.iconSize().width()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.wordWrap():
            self._fit_longest_word()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.wordWrap():  # rows grow or shrink with the room their titles have
            self.scheduleDelayedItemsLayout()

    def set_packs(self, packs: list[ContentPack]) -> None:
        self._packs = list(packs)
        self.sections.clear()
        self._items.clear()
        self._chapter_of.clear()
        self._unbuilt.clear()
        show_all = sum(len(pack.sections) for pack in packs) <= SHOW_ALL_UP_TO
        for pack in packs:
            root = self.sections.invisibleRootItem()
            if len(packs) > 1:
                root = QStandardItem(pack.title)
                root.setSelectable(False)
                self.sections.invisibleRootItem().appendRow(root)
            for chapter in pack.chapters:
                first = chapter.sections[0]
                for section in chapter.sections:
                    self._chapter_of[section.id] = first.id
                if show_all or first.level != 1 or len(chapter.sections) == 1:
                    self._build(root, chapter)
                else:
                    row = self._item(first.title, first.id)
                    row.appendRow(QStandardItem(_PLACEHOLDER))  # shows the expand arrow
                    root.appendRow(row)
                    self._unbuilt[first.id] = chapter
        if show_all:
            self.expandAll()
        elif len(packs) > 1:
            self.expandToDepth(0)

    def _build(self, root: QStandardItem, chapter: Chapter) -> None:
        """Add a chapter's rows, nested by heading level (h1 > h2 > h3)."""
        parents = [root]
        for section in chapter.sections:
            item = self._items.get(section.id) or self._item(section.title, section.id)
            depth = min(section.level, len(parents)) - 1
            del parents[depth + 1 :]
            if item.model() is None:
                parents[depth].appendRow(item)
            parents.append(item)

    def _fill(self, chapter_row_id: str) -> None:
        chapter = self._unbuilt.pop(chapter_row_id, None)
        if chapter is None:
            return
        row = self._items[chapter_row_id]
        row.removeRows(0, row.rowCount())  # the placeholder
        parent = row.parent() or self.sections.invisibleRootItem()
        self._build(parent, chapter)

    def _item(self, title: str, section_id: str) -> QStandardItem:
        item = QStandardItem(title)
        item.setToolTip(title)
        item.setData(section_id, SECTION_ID_ROLE)
        self._items[section_id] = item
        if section_id in self._marked:
            self._show_mark(item, True)
        return item

    def set_marked(self, section_ids: set[str], icon: Callable[[], QIcon]) -> None:
        """Mark the sections that have a note (rows not built yet get it when they are).

        ``icon`` makes the mark; it is called only once a section has a note.
        """
        self._mark_icon = icon
        for section_id in self._marked ^ section_ids:
            item = self._items.get(section_id)
            if item is not None:
                self._show_mark(item, section_id in section_ids)
        self._marked = set(section_ids)

    def restyle_marks(self) -> None:
        """Draw the marks again (another theme: ``icon`` now makes them in its colours)."""
        for section_id in self._marked:
            item = self._items.get(section_id)
            if item is not None:
                self._show_mark(item, True)

    def _show_mark(self, item: QStandardItem, marked: bool) -> None:
        from PySide6.QtGui import QIcon  # only once a note exists: icons cost start-up time

        item.setIcon(self._mark_icon() if marked and self._mark_icon else QIcon())
        item.setData(marked, HAS_NOTE_ROLE)
        title = item.text()
        item.setToolTip(self.tr("{title} (you have a note here)").format(title=title) if marked else title)

    def index_of(self, section_id: str) -> QModelIndex:
        """The row of a section, adding its chapter's rows first if they are not there yet."""
        self._fill(self._chapter_of.get(section_id, ""))
        item = self._items.get(section_id)
        return item.index() if item is not None else QModelIndex()

    def current_section(self) -> str | None:
        value = self.currentIndex().data(SECTION_ID_ROLE)
        return value if isinstance(value, str) else None

    def select_section(self, section_id: str) -> None:
        """Highlight a section without emitting ``section_activated``."""
        if self.current_section() == section_id:
            return
        index = self.index_of(section_id)
        if not index.isValid():
            return
        self._syncing = True
        try:
            parent = index.parent()
            while parent.isValid() and not self.isExpanded(parent):
                self.expand(parent)
                parent = parent.parent()
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)
        finally:
            self._syncing = False

    def _on_expanded(self, index: QModelIndex) -> None:
        section_id = index.data(SECTION_ID_ROLE)
        if isinstance(section_id, str) and section_id in self._unbuilt:
            self._fill(section_id)

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
