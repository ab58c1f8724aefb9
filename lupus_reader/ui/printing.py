"""Print or save as PDF: the current section or the whole guide, paged, with a footer on every page.

The pages are laid out by the same QTextDocument machinery as the pane, with the
app's own CSS, at a fixed print size (the reader's zoom is for the screen). The
footer names the guide, the date it was last reviewed and the page: a printout
that leaves the clinic still says what it is and how old it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from lupus_reader.content.pack import ContentPack
from lupus_reader.ui.reader_view import block_anchors

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

PRINT_POINT_SIZE = 11.0
FOOTER_GAP_PT = 14.0  # between the text and the footer line
MARGIN_MM = 18.0

ImageResolver = Callable[[QUrl], "QImage | None"]
PrintJob = Callable[["QPrinter"], None]  # paints a document on the printer it is given
# Where a print goes: (heading, document name, job) -> None; ask_for_printer, or a kiosk's own.
SendToPrinter = Callable[[str, str, PrintJob], None]


class PrintDocument(QTextDocument):
    """A document whose images come only from the pack, like the pane's."""

    def __init__(self, resolver: ImageResolver | None = None) -> None:
        super().__init__()
        self.resolver = resolver

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt API)
        url = QUrl(url) if isinstance(url, str) else url
        if kind == QTextDocument.ResourceType.ImageResource.value and self.resolver is not None:
            image = self.resolver(url)
            if image is not None:
                return image
        return None  # never the network, never a file outside the pack


def footer_text(pack: ContentPack) -> str:
    if not pack.reviewed:
        return pack.title
    reviewed = QCoreApplication.translate("Printing", "Reviewed {date}").format(
        date=pack.reviewed.isoformat()
    )
    return f"{pack.title} · {reviewed}"


def _new_document(css: str, resolver: ImageResolver | None) -> PrintDocument:
    document = PrintDocument(resolver)
    document.setDefaultStyleSheet(css)
    font = QFont(document.defaultFont())
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    return document


def guide_document(
    chapters_html: Sequence[str], css: str, resolver: ImageResolver | None = None
) -> PrintDocument:
    """Every chapter, each starting on a new page."""
    document = _new_document(css, resolver)
    cursor = QTextCursor(document)
    for index, html in enumerate(chapters_html):
        if index:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock()
            block = cursor.blockFormat()
            block.setPageBreakPolicy(block.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setBlockFormat(block)
        cursor.insertHtml(html)
    return document


def section_document(
    chapter_html: str, anchor: str, css: str, resolver: ImageResolver | None = None
) -> PrintDocument:
    """One section of a chapter: its heading and everything up to the next heading as high or higher."""
    document = _new_document(css, resolver)
    document.setHtml(chapter_html)
    block = document.begin()
    while block.isValid() and anchor not in block_anchors(block):
        block = block.next()
    if not block.isValid():
        return document  # no such heading: the whole chapter, rather than nothing
    level = block.blockFormat().headingLevel() or 1
    start = block.position()
    end_block = block.next()
    while end_block.isValid():
        other = end_block.blockFormat().headingLevel()
        if other and other <= level:
            break
        end_block = end_block.next()
    cursor = QTextCursor(document)
    if end_block.isValid():
        cursor.setPosition(end_block.position() - 1)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    cursor.setPosition(0)
    cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    return document


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, footer: str) -> int:
    """Lay ``document`` out on ``device``'s pages with the footer; the number of pages painted."""
    resolution = device.logicalDpiY()
    layout = device.pageLayout()
    page = layout.paintRectPixels(resolution)
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(PRINT_POINT_SIZE * 0.8)
    gap = FOOTER_GAP_PT * resolution / 72.0
    footer_height = footer_font.pointSizeF() * 1.6 * resolution / 72.0
    body = QSizeF(page.width(), page.height() - footer_height - gap)
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(body)
    document.setDocumentMargin(0)
    pages = max(document.pageCount(), 1)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file cannot be written")
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            top = number * body.height()
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, body.width(), body.height()))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.black)
            line_y = body.height() + gap / 2
            painter.drawLine(0, round(line_y), round(body.width()), round(line_y))
            area = QRectF(0, body.height() + gap, body.width(), footer_height)
            painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, footer)
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                QCoreApplication.translate("Printing", "Page {number} of {count}").format(
                    number=number + 1, count=pages
                ),
            )
    finally:
        painter.end()
    return pages


def ask_for_printer(parent: QWidget, heading: str, name: str, job: PrintJob) -> None:
    """The system's print dialog; ``job`` paints on the printer chosen there, if one is.

    The controllers send every print through a function like this one; a kiosk
    puts its own in its place (kiosk_print), which never offers a file.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(heading)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        job(printer)


def write_pdf(document: QTextDocument, path: Path, footer: str, title: str) -> int:
    """Save ``document`` as an A4 PDF at ``path``; the number of pages.

    Written beside the target and then moved into place, so a failure (full
    disk, a folder gone) never leaves half a PDF under the chosen name.
    """
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb"):  # a clear OSError (no folder, no permission) before Qt tries
        pass
    try:
        pages = _write_pdf(document, partial, footer, title)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return pages


def _write_pdf(document: QTextDocument, path: Path, footer: str, title: str) -> int:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Lupus Reader")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    pages = paint_pages(document, writer, footer)
    del writer  # the file is complete once the writer is gone
    if path.stat().st_size == 0:
        raise OSError(f"{path.name} came out empty")
    return pages
