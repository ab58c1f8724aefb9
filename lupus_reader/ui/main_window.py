"""The main window: navigator beside the reader pane, toolbar, menus and status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lupus_reader import APP_DISPLAY_NAME
from lupus_reader.themes import LIGHT, Theme

if TYPE_CHECKING:
    from lupus_reader.ui.find_bar import FindBar
    from lupus_reader.ui.questions_panel import QuestionsPanel
    from lupus_reader.ui.record_list import RecordList
from lupus_reader.ui.focus_order import chain_focus, set_reachable
from lupus_reader.ui.large_text import PlaceholderFit
from lupus_reader.ui.message_banner import MessageBanner
from lupus_reader.ui.navigator import Navigator
from lupus_reader.ui.notes_panel import NotesPane
from lupus_reader.ui.reader_view import ReaderView
from lupus_reader.ui.search_panel import SearchPanel
from lupus_reader.ui.side_docks import SidePanels, make_docks, make_side_panels


class MainWindow(QMainWindow):
    """Layout and actions only; the controller decides what they do."""

    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.navigator = Navigator()
        self.reader = ReaderView()
        self.banner = MessageBanner()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Reading progress"))
        self.reading_time_label = QLabel()
        self.reading_time_label.setAccessibleName(self.tr("Reading time of this section"))
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName(self.tr("Zoom of the text pane"))

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 4, 0, 0)  # apart from the toolbar: each border seen whole
        column.setSpacing(4)
        column.addWidget(self.banner)
        column.addWidget(self.reader, 1)
        self._column = column
        self._find_bar: FindBar | None = None  # made the first time it is needed
        self.theme: Theme | None = None  # the theme the window is painted in, once one is applied
        self._match_colours = (LIGHT.find_match_background, LIGHT.find_match_text)

        # Left: the search field over the navigator; results take the navigator's place while searching.
        self.search_panel = SearchPanel()
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.navigator)
        self.left_stack.addWidget(self.search_panel.results)
        # The border and focus ring of the navigator and the results, drawn here (by the app's
        # style) rather than by them: the navigator draws in plain Fusion (see navigator.py).
        self.left_stack.setFrameShape(QFrame.Shape.StyledPanel)
        self.left_stack.setFocusProxy(self.navigator)  # its hasFocus() is the page's: the ring
        self.left_stack.currentChanged.connect(self._left_page_shown)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._repaint_left_ring)
        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(4, 4, 0, 0)
        side.setSpacing(4)
        side.addWidget(self.search_panel)
        field = self.search_panel.field  # large text: a shorter hint rather than one cut short
        PlaceholderFit(
            field, {field.placeholderText(): (self.tr("Search guide and notes"), self.tr("Search"))}
        )
        side.addWidget(self.left_stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(content)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 600])
        self.navigator.setMinimumWidth(180)
        self.setCentralWidget(self.splitter)
        self.statusBar().addPermanentWidget(self.reading_time_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.statusBar().addPermanentWidget(self.progress_label)
        self._make_actions()
        self._make_docks()
        self.order_focus()
        size = self._first_size()
        self.resize(size)
        self.fit_side_panels(size.width())
        # Just after the first paint, not before it: it looks at every widget in the window.
        self.reader.first_paint.connect(
            lambda: QTimer.singleShot(0, self.name_qt_buttons), Qt.ConnectionType.SingleShotConnection
        )

    def name_qt_buttons(self) -> None:
        """Give a spoken name to the buttons Qt makes itself (overflow arrows, clear buttons)."""
        names = {
            "qt_toolbar_ext_button": self.tr("More tools"),
            "qt_menubar_ext_button": self.tr("More menus"),
        }
        for button in self.findChildren(QToolButton):
            if not button.accessibleName():
                parent = button.parent()
                clear = isinstance(parent, QLineEdit)
                button.setAccessibleName(
                    names.get(button.objectName(), self.tr("Clear") if clear else button.text())
                )

    def _first_size(self) -> QSize:
        """1200x800, or less on a small screen: never larger than 90% of it."""
        wanted = QSize(1200, 800)
        screen = self.screen()
        if screen is None:
            return wanted
        return wanted.boundedTo(screen.availableGeometry().size() * 0.9)

    def _action(
        self,
        text: str,
        shortcuts: list[QKeySequence],
        label: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(self)  # not QAction(text, parent): its overloads make PySide build QIcon's enums
        action.setText(text)
        action.setShortcuts(shortcuts)
        if label:
            action.setIconText(label)  # the toolbar's words: arrows drawn with text, no icon set to load
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
        action.setToolTip(f"{tip or text.replace('&', '')} ({keys})" if keys else tip or text)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence
        self.back_action = self._action(
            self.tr("&Back"),
            [key(key.StandardKey.Back)],
            self.tr("◀ Back"),
            self.tr("Go back to where you were"),
        )
        self.forward_action = self._action(
            self.tr("&Forward"),
            [key(key.StandardKey.Forward)],
            self.tr("Forward ▶"),
            self.tr("Go forward again"),
        )
        self.previous_action = self._action(
            self.tr("&Previous Section"), [key("Ctrl+PgUp"), key("Alt+Up")], self.tr("▲ Previous Section")
        )
        self.next_action = self._action(
            self.tr("&Next Section"), [key("Ctrl+PgDown"), key("Alt+Down")], self.tr("▼ Next Section")
        )
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"), [key(key.StandardKey.ZoomIn), key("Ctrl+=")], tip=self.tr("Larger text")
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &Out"), [key(key.StandardKey.ZoomOut)], tip=self.tr("Smaller text")
        )
        self.zoom_reset_action = self._action(
            self.tr("&Actual Size"), [key("Ctrl+0")], tip=self.tr("Normal text size")
        )
        self.open_folder_action = self._action(self.tr("&Open Pack Folder…"), [key(key.StandardKey.Open)])
        self.open_zip_action = self._action(self.tr("Open Pack &Archive (.zip)…"), [])
        self.quit_action = self._action(self.tr("&Quit"), [key(key.StandardKey.Quit)])
        self.about_action = self._action(self.tr("&About Lupus Reader"), [])
        self.glossary_action = self._action(
            self.tr("&Glossary"),
            [key("Ctrl+G")],
            tip=self.tr("All the medical words in this guide, explained"),
        )
        self.about_guide_action = self._action(
            self.tr("About This &Guide"),
            [],
            tip=self.tr("When the guide was reviewed, and where it comes from"),
        )
        self.shortcuts_action = self._action(
            self.tr("&Keyboard Shortcuts"), [key(key.StandardKey.HelpContents), key("Ctrl+/")]
        )
        self.bookmark_action = self._action(
            self.tr("&Bookmark This Place"),
            [key("Ctrl+D")],
            tip=self.tr("Bookmark this place, or remove its bookmark"),
        )
        self.bookmark_action.setCheckable(True)
        self.bookmark_action.setIconText(self.tr("☆ Bookmark"))
        self.undo_action = self._action(
            self.tr("&Undo Delete"), [key(key.StandardKey.Undo)], tip=self.tr("Bring back what you deleted")
        )
        self.undo_action.setEnabled(False)
        self.export_action = self._action(
            self.tr("&Export My Notes…"), [], tip=self.tr("Save your bookmarks, notes and questions")
        )
        self.import_action = self._action(
            self.tr("&Import Notes…"), [], tip=self.tr("Add bookmarks, notes and questions from a file")
        )
        self.search_action = self._action(
            self.tr("&Search…"),
            [key("Ctrl+K"), key("Ctrl+Shift+F")],
            tip=self.tr("Search the guide and your notes"),
        )
        self.find_action = self._action(
            self.tr("&Find in Page…"), [key(key.StandardKey.Find)], tip=self.tr("Find words in this page")
        )
        self.print_section_action = self._action(
            self.tr("&Print This Section…"), [key(key.StandardKey.Print)]
        )
        self.print_guide_action = self._action(self.tr("Print the &Whole Guide…"), [])
        self.pdf_section_action = self._action(self.tr("Save This Section as P&DF…"), [])
        self.pdf_guide_action = self._action(self.tr("Save the Whole Guide as PD&F…"), [])
        self.quit_action.triggered.connect(self.close)
        self.find_action.triggered.connect(lambda: self.find_bar.open_find())
        self.find_next_action = self._action(self.tr("Find &Next"), [key(key.StandardKey.FindNext)])
        self.find_previous_action = self._action(
            self.tr("Find Pre&vious"), [key(key.StandardKey.FindPrevious)]
        )
        self.find_next_action.triggered.connect(lambda: self._step_find(1))
        self.find_previous_action.triggered.connect(lambda: self._step_find(-1))

        toolbar = self.addToolBar(self.tr("Navigation"))
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.back_action,
            self.forward_action,
            None,
            self.previous_action,
            self.next_action,
            None,
            self.bookmark_action,
            None,
            self.zoom_out_action,
            self.zoom_in_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.zoom_out_action.setIconText("A−")
        self.zoom_in_action.setIconText("A+")

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.open_folder_action, self.open_zip_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.import_action])
        file_menu.addSeparator()
        file_menu.addActions([self.print_section_action, self.print_guide_action])
        file_menu.addActions([self.pdf_section_action, self.pdf_guide_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.bookmark_action])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [self.search_action, self.find_action, self.find_next_action, self.find_previous_action]
        )
        go_menu = bar.addMenu(self.tr("&Go"))
        go_menu.addActions([self.back_action, self.forward_action, self.previous_action, self.next_action])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        self.view_menu = view_menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.glossary_action, self.about_guide_action])
        help_menu.addSeparator()
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

    def _make_docks(self) -> None:
        """The reader's own things, in tabs beside the text (ui/side_docks.py)."""
        self.notes_pane = NotesPane()
        self.docks = make_docks(self, self.notes_pane)
        self._side_panels: SidePanels | None = None  # made the first time they are needed
        for dock in self.docks:
            # Qt moves the panels of tabs not shown off the window, still "visible": Tab would walk
            # into them. Not hidden (the dock area would lose its size): out of Tab's reach.
            dock.visibilityChanged.connect(lambda shown, dock=dock: self._on_dock_shown(dock, shown))
            self.view_menu.addAction(dock.toggleViewAction())

    def _on_dock_shown(self, dock: QDockWidget, shown: bool) -> None:
        if dock.widget() is None:
            if not shown:
                return
            self.side_panels()  # its tab was picked before anything else needed them
        self._reachable(dock.widget(), shown)

    def side_panels(self) -> SidePanels:
        """Bookmarks, all notes and questions: made on first use (after the first paint at the
        latest, when the library controller fills them)."""
        if self._side_panels is None:
            self._side_panels = make_side_panels(self.docks)
            for dock in self.docks[1:]:  # a tab not shown keeps its panel out of Tab's reach
                self._reachable(dock.widget(), dock.isVisible() and not dock.visibleRegion().isEmpty())
            self.order_focus()
            self.name_qt_buttons()  # the question field's clear button
        return self._side_panels

    @property
    def bookmarks_list(self) -> RecordList:
        return self.side_panels().bookmarks

    @property
    def notes_list(self) -> RecordList:
        return self.side_panels().notes

    @property
    def questions_panel(self) -> QuestionsPanel:
        return self.side_panels().questions

    def order_focus(self) -> None:
        """Tab follows the window as it reads: the search field and navigator, what is above the
        text, the text, the find bar, then the side panel's tabs and the panel shown."""
        items = (self._column.itemAt(i) for i in range(self._column.count()))
        column = [item.widget() for item in items if item is not None]
        tab_bars = self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        chain_focus(
            [
                self.search_panel,
                self.left_stack,
                *(widget for widget in column if widget is not None),
                *tab_bars,
                *(dock.widget() for dock in self.docks if dock.widget() is not None),
            ]
        )

    def _reachable(self, panel: QWidget, shown: bool) -> None:
        set_reachable(panel, shown, [dock.widget() for dock in self.docks if dock.widget() is not None])

    def fit_side_panels(self, width: int) -> None:
        """Side panels that leave the text most of a small window: at 1200 px the navigator
        gets 260 and the tabs 340; narrower, each gets its share, down to a floor."""
        navigator = max(180, min(260, width * 22 // 100))
        tabs = max(200, min(340, width * 28 // 100))
        self.splitter.setSizes([navigator, max(1, width - navigator - tabs)])
        self.resizeDocks([self.docks[0]], [tabs], Qt.Orientation.Horizontal)

    @property
    def find_bar(self) -> FindBar:
        """Find in page, under the text; built on first use (it is hidden until then anyway)."""
        if self._find_bar is None:
            from lupus_reader.ui.find_bar import FindBar

            bar = FindBar(self.reader, self)
            bar.set_colours(*self._match_colours)
            self._column.addWidget(bar)
            self.reader.document_changed.connect(bar.refresh)
            bar.closed.connect(self.reader.setFocus)
            self._find_bar = bar
            self.order_focus()
            self.name_qt_buttons()  # its clear button
        return self._find_bar

    def _step_find(self, direction: int) -> None:
        if self._find_bar is not None:  # F3 before any find: nothing to step through
            self._find_bar.step(direction)

    def _left_page_shown(self, index: int) -> None:
        page = self.left_stack.widget(index)
        if page is not None:
            self.left_stack.setFocusProxy(page)

    def _repaint_left_ring(self, old: QWidget | None, new: QWidget | None) -> None:
        if any(w is not None and self.left_stack.isAncestorOf(w) for w in (old, new)):
            self.left_stack.update()

    def show_navigator(self, shown: bool) -> None:
        """The navigator, or the search results in its place."""
        self.left_stack.setCurrentIndex(0 if shown else 1)

    def add_above_text(self, widget: QWidget) -> None:
        """A notice over the text, above the message banner."""
        self._column.insertWidget(0, widget)
        self.order_focus()

    def apply_theme(self, theme: Theme) -> None:
        """The window's own colours (the palette does the rest)."""
        self.theme = theme
        self.banner.set_colours(theme.banner_background, theme.banner_border, theme.banner_text)
        self.notes_pane.set_error_colour(theme.error_text)
        self.navigator.restyle_marks()
        self._match_colours = (theme.find_match_background, theme.find_match_text)
        if self._find_bar is not None:
            self._find_bar.set_colours(*self._match_colours)

    def show_shortcuts(self) -> None:
        from lupus_reader.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.actions(), self)
        dialog.setObjectName("shortcutsDialog")
        dialog.open()

    def show_dock(self, widget: QWidget) -> None:
        for dock in self.docks:
            if dock.widget() is widget:
                dock.show()
                dock.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        # Made narrower (a half-screen snap, a small laptop): the side panels give way to the text.
        width = event.size().width()
        if width < event.oldSize().width() and self.splitter.sizes()[-1] < width * 0.4:
            self.fit_side_panels(width)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.closing.emit()
        super().closeEvent(event)
