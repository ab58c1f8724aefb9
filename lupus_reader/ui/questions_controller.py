"""Connects the questions checklist to its store, and prints it or saves it as PDF.

Writes go through the library controller, so a failed write is reported and
can be undone the same way as a bookmark's or a note's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from lupus_reader.content.pack import ContentPack, Section
from lupus_reader.storage.stores import Change, Note, Question, QuestionStore
from lupus_reader.ui.error_words import reason
from lupus_reader.ui.library_controller import UNDO_MESSAGE_MS, LibraryController

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from lupus_reader.ui.printing import SendToPrinter


class QuestionsController(QObject):
    def __init__(self, library: LibraryController) -> None:
        super().__init__(library)
        self.library = library
        self.window = library.window
        self.reader = library.reader
        self.questions = QuestionStore(library.database)
        self._pack: str | None = None  # the guide whose questions are in the panel
        self.send_to_printer: SendToPrinter = self._ask_for_printer  # a kiosk puts its own here

        # Connected after the library controller: a new section's note is shown first.
        self.reader.section_changed.connect(self._on_section_changed)
        library.settling.connect(self._on_settling)
        library.changed.connect(self._refresh)
        self._attached = False

    def _attach(self) -> None:
        """The Questions panel: made once the first page is up (or when first needed)."""
        panel = self.window.questions_panel
        panel.toggled.connect(self.tick_question)
        panel.add_requested.connect(self.add_question)
        panel.delete_requested.connect(self.delete_question)
        panel.pdf_requested.connect(self.pdf_questions_dialog)
        panel.print_requested.connect(self.print_questions_dialog)
        self._attached = True

    def _on_settling(self) -> None:
        if not self._attached:
            self._attach()
        pack = self.reader.current_pack()
        if pack is not None:
            self._show_questions(pack)

    def _on_section_changed(self, pack: ContentPack, _section: Section) -> None:
        if self.library.is_ready() and pack.id != self._pack:
            self._show_questions(pack)

    def _show_questions(self, pack: ContentPack) -> None:
        self._pack = pack.id
        self.library.write(
            lambda: self.questions.ensure_guide_questions(pack.id, pack.questions()) or Change("questions"),
            self.tr("The guide's questions"),
        )

    def _refresh(self, change: Change) -> None:
        if change.kind == "questions":
            pack = self.reader.current_pack()
            self.window.questions_panel.set_questions(self.questions.for_pack(pack.id) if pack else [])

    # -- the checklist ------------------------------------------------------------------

    def tick_question(self, question_id: int, checked: bool) -> None:
        self.library.write(lambda: self.questions.set_checked(question_id, checked), self.tr("The tick"))

    def add_question(self, text: str) -> None:
        pack = self.reader.current_pack()
        if pack is not None:
            self.library.write(lambda: self.questions.add_mine(pack.id, text)[1], self.tr("Your question"))

    def delete_question(self, question_id: int) -> None:
        self.library.delete_with_undo(
            lambda: self.questions.delete_mine(question_id),
            self.questions.restore,
            self.tr("Deleting the question"),
            lambda _question: self.tr("Question deleted"),
        )

    # -- the sheet, printed or as PDF ---------------------------------------------------

    def pdf_questions_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save my questions as PDF"),
            str(Path.home() / self.tr("My questions.pdf")),
            self.tr("PDF (*.pdf)"),
        )
        if chosen:
            try:
                self.save_questions_pdf(Path(chosen))
            except OSError as error:
                message = self.tr("The PDF could not be saved: {error}").format(error=reason(error))
                self.window.statusBar().showMessage(message, UNDO_MESSAGE_MS)
            else:
                self.window.statusBar().showMessage(
                    self.tr("Saved {path}").format(path=chosen), UNDO_MESSAGE_MS
                )

    def print_questions_dialog(self) -> None:
        from lupus_reader.ui.question_sheet import sheet_document

        sheet = self.sheet()
        heading = self.tr("Print my questions and notes")
        self.send_to_printer(
            heading, self.tr("My questions"), lambda printer: sheet_document(sheet).print_(printer)
        )

    def _ask_for_printer(self, heading: str, name: str, job: Callable[[QPrinter], None]) -> None:
        from lupus_reader.ui.printing import ask_for_printer

        ask_for_printer(self.window, heading, name, job)

    def save_questions_pdf(self, path: Path) -> None:
        from lupus_reader.ui.question_sheet import save_pdf

        save_pdf(self.sheet(), path)

    def sheet(self) -> str:
        from lupus_reader.ui.question_sheet import sheet_html

        return sheet_html(*self.contents())

    def contents(self, every_guide: bool = False) -> tuple[str, list[Question], list[Note]]:
        """What the sheet holds: the guide's title, its questions, and the notes on it (or on
        ``every_guide``), the note being typed included."""
        self.window.notes_pane.flush()
        pack = self.reader.current_pack()
        title = pack.title if pack else ""
        questions = self.questions.for_pack(pack.id) if pack else []
        notes = [n for n in self.library.notes.all() if every_guide or pack is None or n.pack == pack.id]
        return title, questions, notes
