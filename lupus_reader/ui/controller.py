"""Connects the window's intents to the library, history and saved state."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, QUrl, Signal

from lupus_reader import APP_DISPLAY_NAME, __version__
from lupus_reader.content.glossary import HREF_PREFIX as GLOSSARY_PREFIX
from lupus_reader.content.library import Library
from lupus_reader.content.pack import EXTERNAL_PREFIX, Chapter, ContentPack, PackError, Section, load_pack
from lupus_reader.content.render_cache import ChapterPages, RenderCache
from lupus_reader.history import History, Location
from lupus_reader.state import ZOOM_STEPS, ReadingState, save_state
from lupus_reader.themes import THEMES, content_css
from lupus_reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

PRERENDER_DELAY_MS = 300
SAVE_DELAY_MS = 1500


class ReaderController(QObject):
    """Owns where the reader is; the window only shows it."""

    # The section being read changed: (pack, section).
    section_changed = Signal(object, object)
    # A pack was added or replaced (its sections may have changed).
    packs_changed = Signal()
    # A glossary term was clicked: (pack, href "#glossary-slug").
    glossary_link = Signal(object, str)

    def __init__(
        self,
        window: MainWindow,
        library: Library,
        state: ReadingState,
        data_dir: Path | None,
        cache_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.state = state
        self.data_dir = data_dir  # None: remember nothing (screenshots, kiosk)
        self.history = History(state.back, state.forward)
        self.pages = ChapterPages(RenderCache(cache_dir / "pages" if cache_dir else None))
        # After the first page is up, the other chapters are rendered one per
        # idle moment, so moving to any of them later costs no Markdown.
        self._prerender_queue: list[tuple[ContentPack, Chapter]] = []
        self._prerender_timer = QTimer(self)
        self._prerender_timer.setInterval(0)
        self._prerender_timer.timeout.connect(self._prerender_one)
        window.reader.first_paint.connect(self._start_prerender, Qt.ConnectionType.SingleShotConnection)
        self._shown: tuple[ContentPack, Chapter] | None = None
        self._external: tuple[str, ...] = ()
        self.current: Section | None = None
        self._pinned: Section | None = None
        self._save_failed = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)

        reader = window.reader
        reader.resolver = self.resolve_image
        reader.set_style_sheet(content_css(THEMES["light"]))  # the theme, once chosen, replaces it
        reader.set_zoom(state.zoom)
        reader.link_clicked.connect(self.follow_link)
        reader.scrolled_by_user.connect(self._on_user_scroll)
        reader.back_requested.connect(self.back)
        reader.forward_requested.connect(self.forward)
        window.navigator.section_activated.connect(self.go_to)
        window.navigator.set_packs(library.packs)
        window.back_action.triggered.connect(self.back)
        window.forward_action.triggered.connect(self.forward)
        window.previous_action.triggered.connect(lambda: self.step(-1))
        window.next_action.triggered.connect(lambda: self.step(1))
        window.zoom_in_action.triggered.connect(lambda: self.zoom(1))
        window.zoom_out_action.triggered.connect(lambda: self.zoom(-1))
        window.zoom_reset_action.triggered.connect(lambda: self.set_zoom(100))
        window.open_folder_action.triggered.connect(lambda: self.open_pack_dialog(folder=True))
        window.open_zip_action.triggered.connect(lambda: self.open_pack_dialog(folder=False))
        window.about_action.triggered.connect(self.show_about)
        window.closing.connect(self.save)
        if state.geometry:
            window.restoreGeometry(QByteArray.fromBase64(state.geometry.encode("ascii")))
        if state.splitter:
            window.splitter.restoreState(QByteArray.fromBase64(state.splitter.encode("ascii")))
        self._update_zoom_label()

    # -- where to start ------------------------------------------------------

    def start(self, section_id: str | None = None) -> None:
        """Open at ``section_id``, else where the reader left off, else the beginning."""
        if section_id and self.library.find(section_id):
            self.go_to(section_id, record=False)
            return
        if section_id:
            self.window.banner.show_message(
                self.tr("There is no section “{id}” in the open guides.").format(id=section_id)
            )
        if self.state.section_id and self.library.find(self.state.section_id):
            self.go_to(self.state.section_id, self.state.offset, record=False, pin=False)
            return
        first = self.library.first_section()
        if first is not None:
            self.go_to(first.id, record=False)

    # -- moving around --------------------------------------------------------

    def current_pack(self) -> ContentPack | None:
        found = self.library.find(self.current.id) if self.current else None
        return found[0] if found else None

    def location(self) -> Location | None:
        """The exact position on screen: the section at the top edge and how far into it."""
        if self._shown is None:
            return None
        at_top = self.window.reader.position_at_top()
        if at_top is None:
            return None
        chapter = self._shown[1]
        anchor, fraction = at_top
        section = next((s for s in chapter.sections if s.anchor == anchor), None)
        return Location(section.id, round(fraction, 4)) if section else None

    def go_to(self, section_id: str, offset: float = 0.0, record: bool = True, pin: bool = True) -> bool:
        found = self.library.find(section_id)
        if found is None:
            return False
        pack, section = found
        if record:
            leaving = self.location()
            if leaving != Location(section_id, offset):
                self.history.visit(leaving)
        chapter = pack.chapter_of(section)
        if self._shown is None or self._shown[1] is not chapter:
            page = self.pages.page(pack, chapter)
            # Set before showing: the pane asks for the chapter's images while it loads.
            self._shown = (pack, chapter)
            self._external = page.external_links
            self.window.reader.show_document((pack.id, chapter.index), page.html)
            self.window.setWindowTitle(
                self.tr("{guide} — {app}").format(guide=pack.title, app=APP_DISPLAY_NAME)
            )
        self.window.reader.scroll_to(section.anchor, offset)
        self._pinned = section if pin else None
        self._set_current(pack, section if pin else self._section_at_reading_line() or section)
        return True

    def back(self) -> None:
        target = self.history.go_back(self.location())
        if target is not None:
            self.go_to(target.section_id, target.offset, record=False)

    def forward(self) -> None:
        target = self.history.go_forward(self.location())
        if target is not None:
            self.go_to(target.section_id, target.offset, record=False)

    def step(self, direction: int) -> None:
        if self.current is not None:
            neighbour = self.library.neighbour(self.current.id, direction)
            if neighbour is not None:
                self.go_to(neighbour.id)

    def follow_link(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(EXTERNAL_PREFIX):
            index = int(href.removeprefix(EXTERNAL_PREFIX) or -1)
            target = self._external[index] if 0 <= index < len(self._external) else self.tr("a web page")
            self.window.statusBar().showMessage(
                self.tr(
                    "This link goes to {target}. It is not available offline: "
                    "Lupus Reader never opens web pages."
                ).format(target=target),
                15000,
            )
            return
        if self._shown is None:
            return
        pack, chapter = self._shown
        if href.startswith(GLOSSARY_PREFIX):
            self.glossary_link.emit(pack, href)
            return
        section = pack.resolve_link(chapter, href)
        if section is None:
            self.window.statusBar().showMessage(
                self.tr("This link points to “{href}”, which is not in this guide.").format(href=href), 10000
            )
            return
        self.go_to(section.id)

    # -- zoom -----------------------------------------------------------------

    def zoom(self, direction: int) -> None:
        steps = list(ZOOM_STEPS)
        index = min(range(len(steps)), key=lambda i: abs(steps[i] - self.state.zoom))
        self.set_zoom(steps[min(max(index + direction, 0), len(steps) - 1)])

    def set_zoom(self, percent: int) -> None:
        here = self.location()
        self.state.zoom = percent
        self.window.reader.set_zoom(percent)
        found = self.library.find(here.section_id) if here is not None else None
        if here is not None and found is not None:
            self.window.reader.scroll_to(found[1].anchor, here.offset)
        self._update_zoom_label()
        self._schedule_save()

    def _update_zoom_label(self) -> None:
        self.window.zoom_label.setText(self.tr("Zoom {percent}%").format(percent=self.state.zoom))
        self.window.zoom_in_action.setEnabled(self.state.zoom < ZOOM_STEPS[-1])
        self.window.zoom_out_action.setEnabled(self.state.zoom > ZOOM_STEPS[0])

    # -- rendering and resources ------------------------------------------------

    def _start_prerender(self) -> None:
        if self._shown is None:
            return
        shown_pack, here = self._shown[0], self._shown[1].index

        def distance(item: tuple[ContentPack, Chapter]) -> tuple[bool, int]:
            return item[0] is not shown_pack, abs(item[1].index - here)

        # Nearest chapters first: the ones a reader is likeliest to open next.
        chapters = [(pack, chapter) for pack in self.library.packs for chapter in pack.chapters]
        self._prerender_queue = sorted(chapters, key=distance, reverse=True)
        QTimer.singleShot(PRERENDER_DELAY_MS, self._prerender_timer.start)

    def prerender_pending(self) -> int:
        """Chapters still waiting to be rendered in idle moments."""
        return len(self._prerender_queue)

    def stop_prerender(self) -> None:
        self._prerender_queue.clear()
        self._prerender_timer.stop()

    def _prerender_one(self) -> None:
        while self._prerender_queue:
            pack, chapter = self._prerender_queue.pop()
            if not self.pages.has(pack, chapter):
                self.pages.page(pack, chapter)
                return  # one chapter per idle moment keeps the window responsive
        self._prerender_timer.stop()

    def resolve_image(self, url: QUrl) -> QImage | None:
        """An image from inside the current pack, or None: nothing else is ever loaded."""
        if self._shown is None or url.scheme() or url.host():
            return None
        pack, chapter = self._shown
        path = pack.resource_path(chapter, url.toString())
        if path is None:
            return None
        try:
            data = pack.source.read_bytes(path)
        except KeyError:
            return None
        from PySide6.QtGui import QImage  # here: its type and enums are made only for a guide with pictures

        image = QImage.fromData(data)
        return None if image.isNull() else image

    # -- following the reader ------------------------------------------------------

    def _section_at_reading_line(self) -> Section | None:
        if self._shown is None:
            return None
        anchor = self.window.reader.anchor_at_reading_line()
        return next((s for s in self._shown[1].sections if s.anchor == anchor), None)

    def _on_user_scroll(self) -> None:
        self._pinned = None
        section = self._section_at_reading_line()
        if section is not None and self._shown is not None:
            self._set_current(self._shown[0], section)

    def _set_current(self, pack: ContentPack, section: Section) -> None:
        changed = section is not self.current
        self.current = section
        self.window.navigator.select_section(section.id)
        fraction = 0.0 if self._pinned is section else self.window.reader.fraction_through(section.anchor)
        percent = round(100 * self.library.progress(pack, section, fraction))
        self.window.progress_label.setText(
            self.tr("Section {number} of {count} · {percent}%").format(
                number=section.index + 1, count=len(pack.sections), percent=percent
            )
        )
        self.window.back_action.setEnabled(self.history.can_go_back())
        self.window.forward_action.setEnabled(self.history.can_go_forward())
        self._schedule_save()
        if changed:
            self.section_changed.emit(pack, section)

    # -- packs, about ------------------------------------------------------------

    def open_pack(self, path: Path) -> bool:
        try:
            pack = load_pack(path)
        except PackError as error:
            self.report_broken_pack(path, error, fallback=False)
            return False
        self.library.add(pack)
        self.pages.forget(pack.id)
        if self._shown is not None and self._shown[0].id == pack.id:
            self._shown = None
        self.window.navigator.set_packs(self.library.packs)
        self.packs_changed.emit()
        self.go_to(pack.sections[0].id)
        return True

    def report_broken_pack(self, path: Path, error: PackError, fallback: bool) -> None:
        lines = [f"lupus-reader: cannot open the content pack {path}:"]
        lines += [f"  {problem}" for problem in error.problems if problem.severity == "error"]
        print("\n".join(lines), file=sys.stderr)
        message = self.tr("The content pack at {path} could not be opened: {error}.").format(
            path=path, error=error
        )
        if fallback:
            message += " " + self.tr("Showing the bundled guide instead.")
        self.window.banner.show_message(message)

    def open_pack_dialog(self, folder: bool) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load on first use, not at start-up

        if folder:
            chosen = QFileDialog.getExistingDirectory(self.window, self.tr("Open a content pack folder"))
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, self.tr("Open a content pack archive"), "", self.tr("Content packs (*.zip)")
            )
        if chosen:
            self.open_pack(Path(chosen))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from lupus_reader.ui.guide_info import not_advice  # the one wording, as in the notice

        box = QMessageBox(self.window)
        box.setObjectName("aboutApp")
        box.setWindowTitle(self.tr("About {app}").format(app=APP_DISPLAY_NAME))
        box.setTextFormat(Qt.TextFormat.RichText)
        blurb = self.tr("An offline reader for patient-education guides.")
        box.setText(
            f"<p><b>{APP_DISPLAY_NAME}</b> {__version__}</p><p>{blurb}</p><p><b>{not_advice()}</b></p>"
        )
        box.open()

    # -- remembering -----------------------------------------------------------------

    def reshow(self) -> None:
        """Lay the current chapter out again (a new stylesheet), at the same place."""
        here = self.location()
        if self._shown is None or here is None:
            return
        self._shown = None
        self.go_to(here.section_id, here.offset, record=False, pin=False)

    def remember_soon(self) -> None:
        """A preference changed: write the state shortly (nothing when nothing is remembered)."""
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self.data_dir is not None:
            self._save_timer.start()

    def save(self) -> None:
        if self.data_dir is None:
            return
        self._save_timer.stop()
        here = self.location()
        if here is not None:
            self.state.section_id, self.state.offset = here.section_id, here.offset
        self.state.geometry = bytes(self.window.saveGeometry().toBase64().data()).decode("ascii")
        self.state.splitter = bytes(self.window.splitter.saveState().toBase64().data()).decode("ascii")
        self.state.back, self.state.forward = list(self.history.back), list(self.history.forward)
        try:
            save_state(self.data_dir, self.state)
        except OSError as error:
            if not self._save_failed:
                self._save_failed = True
                print(
                    f"lupus-reader: cannot save the reading position in {self.data_dir}: {error}",
                    file=sys.stderr,
                )
                self.window.statusBar().showMessage(
                    self.tr("Your reading position cannot be saved ({reason}). Reading still works.").format(
                        reason=error.strerror
                    ),
                    15000,
                )
