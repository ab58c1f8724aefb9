""" "My questions": the reader's checklist and notes as one sheet to print or save as PDF."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QFont, QTextDocument

from lupus_reader.storage.stores import Note, Question

SHEET_CSS = """
body { color: #000000; }
h1 { font-size: x-large; margin-bottom: 4px; }
h2 { font-size: large; margin-top: 16px; border-bottom: 1px solid #888888; }
h3 { font-size: medium; margin-top: 10px; margin-bottom: 2px; }
p.meta { color: #444444; }
td.box { font-size: large; padding-right: 8px; }
td { padding-top: 4px; padding-bottom: 4px; }
"""


def sheet_html(guide_title: str, questions: Sequence[Question], notes: Sequence[Note]) -> str:
    """The sheet as HTML: questions with tick boxes, then notes grouped by section."""
    esc = html.escape
    today = dt.date.today().strftime("%d %B %Y")
    parts = [
        f"<h1>My questions for the doctor</h1><p class='meta'>{esc(guide_title)} · {esc(today)}</p>",
        "<h2>Questions</h2>",
    ]
    if questions:
        parts.append("<table>")
        for question in questions:
            box = "☑" if question.checked else "☐"
            mine = " <i>(my own)</i>" if question.mine else ""
            parts.append(f"<tr><td class='box'>{box}</td><td>{esc(question.text)}{mine}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No questions yet.</p>")
    written = [note for note in notes if note.text.strip()]
    parts.append("<h2>My notes</h2>")
    if not written:
        parts.append("<p>No notes yet.</p>")
    for note in written:
        title = note.section_title or note.section
        detached = " <i>(this part of the guide has changed)</i>" if note.detached else ""
        parts.append(f"<h3>{esc(title)}{detached}</h3>")
        parts += [f"<p>{esc(line) or '&nbsp;'}</p>" for line in note.text.splitlines()]
    return "<html><body>" + "".join(parts) + "</body></html>"


def sheet_document(sheet: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(SHEET_CSS)
    font = QFont()
    font.setPointSizeF(12)
    document.setDefaultFont(font)
    document.setHtml(sheet)
    return document


def save_pdf(sheet: str, path: Path) -> None:
    """Write the sheet as a PDF (A4 or the system's paper size); raises OSError on failure."""
    from PySide6.QtPrintSupport import QPrinter  # loaded when printing, not at start-up

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName("My questions for the doctor")
    sheet_document(sheet).print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
