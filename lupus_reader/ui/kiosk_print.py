"""Printing in a kiosk: a yes-or-no of the kiosk's own, then straight to the default printer.

The system's print dialog offers "Print to file" and a file browser, which
would open the computer's folders to any visitor. A kiosk never shows it: the
controllers send their print jobs here instead (their ``send_to_printer``), and
the job goes to the computer's default printer on paper, or nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lupus_reader.ui.kiosk_touch import buttons_at_least
from lupus_reader.ui.printing import PrintJob

BUTTON_SIZE = (160, 64)


def default_printer() -> QPrinter | None:
    """The computer's default printer, set to print on paper; None when there is none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setOutputFileName("")
    return printer if printer.isValid() else None


class PrintConfirm(QDialog):
    """Print this, on that printer? Or, when there is no printer, says so."""

    def __init__(self, heading: str, printer: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPrint")
        self.setWindowTitle(heading)
        self.setModal(True)
        buttons_at_least(self, *BUTTON_SIZE)
        if printer is None:
            words = self.tr("No printer is ready. Please ask the staff at the desk.")
        else:
            words = self.tr("{what} on the printer “{printer}”?").format(what=heading, printer=printer)
        self.message = QLabel(words)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Printing"))
        self.print_button = QPushButton(self.tr("Print"))
        self.cancel_button = QPushButton(self.tr("Cancel") if printer is not None else self.tr("OK"))
        self.print_button.setVisible(printer is not None)
        self.print_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        for button in (self.cancel_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(24)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)


class KioskPrinting(QObject):
    """The kiosk's ``send_to_printer``: asks with PrintConfirm, then prints on the default printer."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def send(self, heading: str, name: str, job: PrintJob) -> None:
        printer = default_printer()
        dialog = PrintConfirm(heading, printer.printerName() if printer is not None else None, self.window)
        if printer is not None:
            printer.setDocName(name)
            dialog.accepted.connect(lambda: job(printer))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
