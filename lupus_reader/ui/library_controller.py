"""Connects the reader's own things (bookmarks, notes; export and import) to their stores.

Panels only emit intents; this controller writes through the stores, and
every write's ``Change`` goes out on ``changed`` so each view refreshes only
when it is concerned. A write that fails (full disk, read-only folder) is
reported where it happened and the reader's text stays where it is. The
questions checklist has its own controller (questions_controller), which
writes through this one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from lupus_reader.content.pack import ContentPack, Section

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from lupus_reader.ui.record_list import Record, RecordList
from lupus_reader.storage import listing
from lupus_reader.storage.db import Database, StorageError
from lupus_reader.storage.stores import BookmarkStore, Change, Note, NoteStore
from lupus_reader.themes import LIGHT
from lupus_reader.ui import i18n
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.error_words import reason
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.transfer_words import TransferWords

T = TypeVar("T")
UNDO_MESSAGE_MS = 15_000


def _local_time(stamp: str) -> str:
    """A stored UTC time as the reader's own clock shows it."""
    try:
        return i18n.short_date_time(dt.datetime.fromisoformat(stamp).astimezone())
    except ValueError:
        return stamp


@functools.cache
def note_icon(mark: str, selected_mark: str) -> QIcon:
    """The navigator's dot for a section with a note: ``selected_mark`` on a selected row,
    which is drawn in the highlight colour that ``mark`` may not stand out from."""
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap  # drawn once a note exists

    icon = QIcon()
    for colour, mode in ((mark, QIcon.Mode.Normal), (selected_mark, QIcon.Mode.Selected)):
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


class LibraryController(QObject):
    changed = Signal(object)  # a Change
    # During the start-up work after the first paint, before the lists fill:
    # the questions controller adds the guide's own questions then.
    settling = Signal()

    def __init__(self, window: MainWindow, reader: ReaderController, database: Database) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.database = database
        self.bookmarks = BookmarkStore(database)
        self.notes = NoteStore(database)
        self._note: Note | None = None  # the note in the pane, as last read or saved
        self._note_section: tuple[ContentPack, Section] | None = None
        self._undo: list[tuple[str, Callable[[], Change]]] = []

        reader.section_changed.connect(self._on_section_changed)
        reader.packs_changed.connect(self.place_in_current_guides)
        window.bookmark_action.triggered.connect(self.toggle_bookmark)
        window.undo_action.triggered.connect(self.undo)
        window.notes_pane.save_requested.connect(self.save_note)
        window.closing.connect(window.notes_pane.flush)
        window.export_action.triggered.connect(self.export_dialog)
        window.import_action.triggered.connect(self.import_dialog)
        self.changed.connect(self._refresh)
        if database.read_only:
            window.notes_pane.set_status(
                self.tr("Your notes can be read but not changed: the data folder is read-only."), error=True
            )
        self._ready = False
        self._lists: dict[str, RecordList] = {}  # the panels, once made (_settle)
        self._refresh_marks()  # a few milliseconds even for ten thousand notes
        # The lists can hold thousands of rows: they are filled after the first
        # page is on screen (and after anything else waiting for that moment).
        window.reader.first_paint.connect(
            lambda: QTimer.singleShot(0, self._settle), Qt.ConnectionType.SingleShotConnection
        )

    def is_ready(self) -> bool:
        """Has the start-up work after the first paint been done?"""
        return self._ready

    def _settle(self) -> None:
        self._attach_lists()
        self.back_up()
        self.place_in_current_guides()
        self.settling.emit()
        self._ready = True
        for kind in self._lists:
            self._refresh(Change(kind))  # type: ignore[arg-type]

    def _attach_lists(self) -> None:
        """The Bookmarks and All Notes panels, made now if nothing has needed them yet."""
        bookmarks, notes = self.window.bookmarks_list, self.window.notes_list
        bookmarks.activated_record.connect(self.open_bookmark)
        bookmarks.rename_requested.connect(self.rename_bookmark)
        bookmarks.delete_requested.connect(self.delete_bookmark)
        notes.activated_record.connect(self.open_note)
        notes.delete_requested.connect(self.delete_note)
        self._lists = {"bookmarks": bookmarks, "notes": notes}

    # -- writing, with errors where the reader can see them ------------------------------

    def write(self, action: Callable[[], Change], what: str) -> bool:
        """Run a write; its Change goes out on ``changed``, a failure to the status bar. Did it work?"""
        try:
            change = action()
        except StorageError as error:
            message = self.tr("{what} could not be saved: {error}").format(what=what, error=reason(error))
            self.window.statusBar().showMessage(message, UNDO_MESSAGE_MS)
            return False
        self.changed.emit(change)
        return True

    def offer_undo(self, message: str, undo: Callable[[], Change]) -> None:
        self._undo.append((message, undo))
        self.window.undo_action.setEnabled(True)
        self.window.undo_action.setText(self.tr("&Undo: {what}").format(what=message))
        self.window.statusBar().showMessage(
            self.tr("{what}. Undo with Ctrl+Z.").format(what=message), UNDO_MESSAGE_MS
        )

    def undo(self) -> None:
        if not self._undo:
            return
        message, action = self._undo.pop()
        if self.write(action, self.tr("Undo")):
            self.window.statusBar().showMessage(
                self.tr("Brought back: {what}").format(what=message.lower()), 5000
            )
        self.window.undo_action.setEnabled(bool(self._undo))
        last = self._undo[-1][0] if self._undo else ""
        self.window.undo_action.setText(
            self.tr("&Undo: {what}").format(what=last) if last else self.tr("&Undo Delete")
        )

    # -- the section being read --------------------------------------------------------

    def _on_section_changed(self, pack: ContentPack, section: Section) -> None:
        self.window.notes_pane.flush()  # the old section's text is saved before it goes
        self._note_section = (pack, section)
        self._note = listing.first_note(self.database, pack.id, section.id)
        self.window.notes_pane.show_note(section.title, self._note.text if self._note else "")
        if self._note is not None:
            self.window.notes_pane.set_status(
                self.tr("Saved {time}").format(time=_local_time(self._note.updated))
            )
        elif not self.database.read_only:
            self.window.notes_pane.set_status("")
        self._update_bookmark_toggle()

    def back_up(self) -> None:
        """At most one backup a day, the last seven kept, beside the library."""
        from lupus_reader.storage.backup import make_daily_backup

        if self.database.read_only or str(self.database.path) == ":memory:":
            return
        try:
            make_daily_backup(self.database, self.database.path.parent / "backups")
        except StorageError as error:
            self.window.statusBar().showMessage(
                self.tr("Today's backup of your notes could not be made: {error}").format(error=reason(error))
            )

    def place_in_current_guides(self) -> None:
        """Re-anchor bookmarks and notes to the guides as they are now (a pack may have been updated)."""
        from lupus_reader.storage.reanchor import needs_reanchoring, reanchor

        try:
            if not needs_reanchoring(self.database, self.reader.library.packs):
                return
            result = reanchor(self.database, self.reader.library.packs)
        except StorageError as error:
            self.window.statusBar().showMessage(
                self.tr("Your notes could not be matched to the guide: {error}").format(error=reason(error))
            )
            return
        for change in result.changes:
            self.changed.emit(change)
        if result.changes and self._note_section is not None:
            self._on_section_changed(*self._note_section)  # its note may have moved here or away
        if result.detached:
            self.window.statusBar().showMessage(
                self.tr(
                    "%n of your bookmarks or notes are for parts of the guide that changed; "
                    "they are kept and marked “changed guide”.",
                    "",
                    result.detached,
                ),
                UNDO_MESSAGE_MS,
            )

    def _update_bookmark_toggle(self) -> None:
        section = self.reader.current
        pack = self.reader.current_pack()
        marked = bool(section and pack and listing.has_bookmark(self.database, pack.id, section.id))
        self.window.bookmark_action.setChecked(marked)
        self.window.bookmark_action.setIconText(self.tr("★ Bookmarked") if marked else self.tr("☆ Bookmark"))

    # -- bookmarks ----------------------------------------------------------------------

    def toggle_bookmark(self) -> None:
        section, pack = self.reader.current, self.reader.current_pack()
        if section is None or pack is None:
            return
        existing = self.bookmarks.for_section(pack.id, section.id)
        if existing:
            for bookmark in existing:
                self.delete_bookmark(bookmark.id)
        else:
            here = self.reader.location()
            offset = here.offset if here and here.section_id == section.id else 0.0
            quote = self.window.reader.text_at_top()
            self.write(
                lambda: self.bookmarks.add(pack.id, pack.version, section.id, section.title, offset, quote)[
                    1
                ],
                self.tr("The bookmark"),
            )
        self._update_bookmark_toggle()

    def open_bookmark(self, bookmark_id: int) -> None:
        bookmark = listing.bookmark_by_id(self.database, bookmark_id)
        if bookmark is None:
            return
        if bookmark.detached or not self.reader.go_to(bookmark.section, bookmark.offset):
            self.window.statusBar().showMessage(
                self.tr("This part of the guide has changed. You marked: “{quote}”").format(
                    quote=bookmark.quote
                ),
                UNDO_MESSAGE_MS,
            )

    def rename_bookmark(self, bookmark_id: int, label: str) -> None:
        self.write(lambda: self.bookmarks.rename(bookmark_id, label), self.tr("The new name"))

    def delete_with_undo(
        self,
        delete: Callable[[], tuple[T | None, Change]],
        restore: Callable[[T], Change],
        what: str,
        describe: Callable[[T], str],
    ) -> T | None:
        """Delete one thing through its store and offer to bring it back; returns what went."""
        deleted: list[T] = []

        def run() -> Change:
            item, change = delete()
            if item is not None:
                deleted.append(item)
            return change

        if not self.write(run, what) or not deleted:
            return None
        item = deleted[0]
        self.offer_undo(describe(item), lambda: restore(item))
        return item

    def delete_bookmark(self, bookmark_id: int) -> None:
        self.delete_with_undo(
            lambda: self.bookmarks.delete(bookmark_id),
            self.bookmarks.restore,
            self.tr("Deleting the bookmark"),
            lambda bookmark: self.tr("Bookmark “{name}” deleted").format(name=bookmark.label),
        )
        self._update_bookmark_toggle()

    # -- notes --------------------------------------------------------------------------

    def save_note(self, text: str) -> None:
        if self._note_section is None:
            return
        pack, section = self._note_section
        if self._note is None and not text.strip():
            return  # nothing written, nothing to keep
        quote = self.window.reader.text_after(section.anchor)
        try:
            saved, change = self.notes.save(self._note, pack.id, section.id, section.title, quote, text)
        except StorageError as error:
            self.window.notes_pane.save_failed(reason(error))
            return
        self._note = saved
        self.window.notes_pane.set_status(self.tr("Saved"))
        self.changed.emit(change)

    def open_note(self, note_id: int) -> None:
        note = listing.note_by_id(self.database, note_id)
        if note is not None and (note.detached or not self.reader.go_to(note.section)):
            self.window.statusBar().showMessage(
                self.tr("This part of the guide has changed; your note was for “{title}”.").format(
                    title=note.section_title
                ),
                UNDO_MESSAGE_MS,
            )
        elif note is not None:
            self.window.show_dock(self.window.notes_pane)

    def delete_note(self, note_id: int) -> None:
        deleted = self.delete_with_undo(
            lambda: self.notes.delete(note_id),
            self._restore_note,
            self.tr("Deleting the note"),
            lambda note: self.tr("Note on “{title}” deleted").format(title=note.section_title),
        )
        if deleted is not None and self._note is not None and self._note.id == note_id:
            self._note = None
            self.window.notes_pane.show_note(self._note_section[1].title if self._note_section else "", "")

    def _restore_note(self, note: Note) -> Change:
        change = self.notes.restore(note)  # perhaps under a new id, if the old one was taken
        here = self._note_section
        if here is not None and (note.pack, note.section) == (here[0].id, here[1].id):
            self._note = listing.first_note(self.database, note.pack, note.section)
            self.window.notes_pane.show_note(here[1].title, self._note.text if self._note else "")
        return change

    # -- export and import --------------------------------------------------------------

    def export_to(self, path: Path) -> str:
        """Write everything to ``path`` (JSON, or Markdown for a .md name); returns a summary."""
        from lupus_reader.files import write_atomically
        from lupus_reader.storage.transfer import read_records, to_json, to_markdown

        self.window.notes_pane.flush()
        records = read_records(self.database)
        markdown = path.suffix.lower() in (".md", ".markdown", ".txt")
        text = to_markdown(records, self.reader.library.packs) if markdown else to_json(records)
        write_atomically(path, text.encode("utf-8"))
        return TransferWords().exported(records, path)

    def import_from(self, path: Path) -> str:
        """Add what an export file holds; raises ValueError or StorageError, changing nothing."""
        from lupus_reader.storage.export_format import read_export_file
        from lupus_reader.storage.importing import import_records

        self.window.notes_pane.flush()
        records = read_export_file(path)
        known = {section.id for pack in self.reader.library.packs for section in pack.sections}
        report = import_records(records, self.database, known)
        for kind in ("bookmarks", "notes", "questions"):
            self.changed.emit(Change(kind))
        if self._note_section is not None:
            self._on_section_changed(*self._note_section)
        return TransferWords().imported(report)

    def export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export my bookmarks, notes and questions"),
            str(Path.home() / "lupus-reader-notes.json"),
            self.tr("Complete, for importing (*.json);;Readable text (*.md)"),
        )
        if chosen:
            try:
                message = self.export_to(Path(chosen))
            except (OSError, StorageError) as error:
                message = self.tr("The export could not be saved: {error}").format(error=reason(error))
            self.window.statusBar().showMessage(message, UNDO_MESSAGE_MS)

    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import bookmarks, notes and questions"),
            str(Path.home()),
            self.tr("Lupus Reader export (*.json)"),
        )
        if not chosen:
            return
        try:
            message = self.import_from(Path(chosen))
        except (ValueError, StorageError) as error:
            words = str(error)  # what is wrong with the file: the import's own words
            if isinstance(error, StorageError):
                words = self.tr("The import could not be saved: {error}.").format(error=reason(error))
            QMessageBox.warning(
                self.window,
                self.tr("Nothing was imported"),
                self.tr("{error}\n\nNothing was changed.").format(error=words),
            )
            return
        self.window.statusBar().showMessage(message, UNDO_MESSAGE_MS)

    # -- views ----------------------------------------------------------------------------

    def _refresh(self, change: Change) -> None:
        """Bring the views concerned up to date: only the changed rows when the Change names them."""
        if change.kind == "notes":
            self._refresh_marks()
        if change.kind in self._lists and self._ready:  # before that, _settle fills them
            view = self._lists[change.kind]
            read = listing.bookmark_rows if change.kind == "bookmarks" else listing.note_rows
            changed: list[Record] = list(read(self.database, change.ids)) if change.ids else []
            if not change.ids or not view.records.update_records(changed, change.ids):
                view.set_records(list(read(self.database)))

    def _refresh_marks(self) -> None:
        """Sections with notes get a dot in the navigator."""
        self.window.navigator.set_marked(listing.sections_with_notes(self.database), self._note_icon)

    def _note_icon(self) -> QIcon:
        theme = self.window.theme or LIGHT
        return note_icon(theme.note_mark, theme.highlighted_text)
