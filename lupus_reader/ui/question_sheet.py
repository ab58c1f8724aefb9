""" "My questions": the reader's checklist and notes as one sheet to print or save as PDF."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QTextDocument

from lupus_reader.storage.stores import Note, Question
from lupus_reader.ui import i18n

SHEET_CSS = """
body { color: #000000; }
h1 { font-size: x-large; margin-bottom: 4px; }
h2 { font-size: large; margin-top: 16px; border-bottom: 1px solid #888888; }
h3 { font-size: medium; margin-top: 10px; margin-bottom: 2px; }
p.meta { color: #444444; }
td.box { font-size: large; padding-right: 8px; }
td { padding-top: 4px; padding-bottom: 4px; }
"""


def sheet_title() -> str:
    """The sheet's heading, and the printed document's name."""
    return QCoreApplication.translate("QuestionSheet", "My questions for the doctor")


def sheet_html(guide_title: str, questions: Sequence[Question], notes: Sequence[Note]) -> str:
    """The sheet as HTML: questions with tick boxes, then notes grouped by section."""
    esc = html.escape
    today = i18n.long_date(dt.date.today())
    questions_heading = QCoreApplication.translate("QuestionSheet", "Questions")
    parts = [
        f"<h1>{esc(sheet_title())}</h1><p class='meta'>{esc(guide_title)} · {esc(today)}</p>",
        f"<h2>{esc(questions_heading)}</h2>",
    ]
    if questions:
        mine = esc(QCoreApplication.translate("QuestionSheet", "(my own)"))
        parts.append("<table>")
        for question in questions:
            box = "☑" if question.checked else "☐"
            own = f" <i>{mine}</i>" if question.mine else ""
            parts.append(f"<tr><td class='box'>{box}</td><td>{esc(question.text)}{own}</td></tr>")
        parts.append("</table>")
    else:
        none_yet = QCoreApplication.translate("QuestionSheet", "No questions yet.")
        parts.append(f"<p>{esc(none_yet)}</p>")
    written = [note for note in notes if note.text.strip()]
    notes_heading = QCoreApplication.translate("QuestionSheet", "My notes")
    parts.append(f"<h2>{esc(notes_heading)}</h2>")
    if not written:
        no_notes = QCoreApplication.translate("QuestionSheet", "No notes yet.")
        parts.append(f"<p>{esc(no_notes)}</p>")
    changed = esc(QCoreApplication.translate("QuestionSheet", "(this part of the guide has changed)"))
    for note in written:
        title = note.section_title or note.section
        detached = f" <i>{changed}</i>" if note.detached else ""
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
    printer.setDocName(sheet_title())
    sheet_document(sheet).print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
