"""File > Print and Save as PDF: what to print (this section or the whole guide) and where it goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from lupus_reader.content.pack import Chapter, ContentPack
from lupus_reader.themes import THEMES, content_css
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.error_words import reason
from lupus_reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from lupus_reader.ui.printing import PrintDocument, SendToPrinter


class PrintController(QObject):
    def __init__(self, window: MainWindow, reader: ReaderController) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.send_to_printer: SendToPrinter = self._ask_for_printer  # a kiosk puts its own here
        window.print_section_action.triggered.connect(lambda: self.print_dialog(whole=False))
        window.print_guide_action.triggered.connect(lambda: self.print_dialog(whole=True))
        window.pdf_section_action.triggered.connect(lambda: self.pdf_dialog(whole=False))
        window.pdf_guide_action.triggered.connect(lambda: self.pdf_dialog(whole=True))

    def document(self, whole: bool) -> tuple[PrintDocument, str, str] | None:
        """(document, footer, title) for the current section or its whole guide; None before any."""
        # Imported on first use: nothing of printing is needed before the first paint.
        from lupus_reader.ui.printing import footer_text, guide_document, section_document

        section = self.reader.current
        pack = self.reader.current_pack()
        if section is None or pack is None:
            return None
        css = content_css(THEMES["light"])  # paper is white, whatever the screen's theme
        if whole:
            html = [self.reader.pages.page(pack, chapter).html for chapter in pack.chapters]
            document = guide_document(html, css, self._resolver(pack, pack.chapters))
            title = pack.title
        else:
            chapter = pack.chapter_of(section)
            html_page = self.reader.pages.page(pack, chapter).html
            document = section_document(html_page, section.anchor, css, self._resolver(pack, [chapter]))
            title = self.tr("{section} — {guide}").format(section=section.title, guide=pack.title)
        return document, footer_text(pack), title

    def _resolver(self, pack: ContentPack, chapters: list[Chapter]):  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QImage  # made when printing, not at start-up

        def resolve(url: QUrl) -> QImage | None:
            if url.scheme() or url.host():
                return None
            for chapter in chapters:
                path = pack.resource_path(chapter, url.toString())
                if path is None:
                    continue
                try:
                    image = QImage.fromData(pack.source.read_bytes(path))
                except KeyError:
                    continue
                if not image.isNull():
                    return image
            return None

        return resolve

    def save_pdf(self, whole: bool, path: Path) -> int:
        """Write the PDF; the number of pages. Raises OSError when it cannot be written."""
        from lupus_reader.ui.printing import write_pdf

        made = self.document(whole)
        if made is None:
            raise OSError("there is nothing open to save")
        document, footer, title = made
        pages = write_pdf(document, path, footer, title)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"{path} could not be written")
        return pages

    def _default_name(self, whole: bool) -> str:
        pack = self.reader.current_pack()
        section = self.reader.current
        stem = pack.id if pack else "guide"
        if not whole and section is not None:
            stem = f"{stem}-{section.anchor}"
        return f"{stem}.pdf"

    def pdf_dialog(self, whole: bool) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the whole guide as PDF") if whole else self.tr("Save this section as PDF"),
            str(Path.home() / self._default_name(whole)),
            self.tr("PDF files (*.pdf)"),
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
        try:
            pages = self.save_pdf(whole, path)
        except OSError as error:
            self._tell(self.tr("The PDF could not be saved: {error}").format(error=reason(error)), error=True)
            return
        self._tell(self.tr("Saved %n page(s) to {path}", "", pages).format(path=path))

    def print_dialog(self, whole: bool) -> None:
        made = self.document(whole)
        if made is None:
            return
        document, footer, title = made
        heading = self.tr("Print the whole guide") if whole else self.tr("Print this section")
        self.send_to_printer(heading, title, lambda printer: self._print_on(printer, document, footer))

    def _ask_for_printer(self, heading: str, name: str, job: Callable[[QPrinter], None]) -> None:
        from lupus_reader.ui.printing import ask_for_printer

        ask_for_printer(self.window, heading, name, job)

    def _print_on(self, printer: QPrinter, document: PrintDocument, footer: str) -> None:
        from lupus_reader.ui.printing import paint_pages

        try:
            pages = paint_pages(document, printer, footer)
        except OSError as error:
            self._tell(self.tr("Printing failed: {error}").format(error=reason(error)), error=True)
            return
        self._tell(self.tr("Sent %n page(s) to the printer", "", pages))

    def _tell(self, message: str, error: bool = False) -> None:
        if error:
            self.window.banner.show_message(message)
        self.window.statusBar().showMessage(message, 10_000)
