"""What the guide says about itself: glossary definitions in place, the glossary page, reading time,
the review date and sources, and the first-start notice that it is not medical advice."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lupus_reader.content.glossary import Term
from lupus_reader.content.pack import ContentPack, Section
from lupus_reader.content.scan import reading_minutes  # not readability: its grading is for check-pack
from lupus_reader.themes import THEMES, content_css
from lupus_reader.ui import i18n
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow

NOT_ADVICE = str(  # the English, as the source of the translations
    QT_TRANSLATE_NOOP(
        "GuideInfo",
        "This guide is general information, not medical advice. Decisions about treatment "
        "belong with you, your rheumatologist and your care team.",
    )
)


def not_advice() -> str:
    """The not-medical-advice statement in the UI's language."""
    return QCoreApplication.translate("GuideInfo", NOT_ADVICE)


class GlossaryPopup(QFrame):
    """A term's definition beside the word: stays until the reader taps or clicks elsewhere."""

    show_all = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("glossaryPopup")
        self.setFrameShape(QFrame.Shape.Box)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName(self.tr("Definition"))
        self.text.setMaximumWidth(420)
        all_terms = QPushButton(self.tr("All terms…"))
        all_terms.setAccessibleName(self.tr("Show the glossary: all terms"))
        all_terms.clicked.connect(self.show_all)
        all_terms.clicked.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.text)
        layout.addWidget(all_terms, 0, Qt.AlignmentFlag.AlignRight)

    def show_term(self, term: Term, word: QRect) -> None:
        """Show the definition under the word (``word``: its place on the screen), or above it
        where there is no room below; always whole on the screen."""
        self.text.setText(f"<b>{html.escape(term.name)}</b><br>{html.escape(term.definition)}")
        self.ensurePolished()  # the size it will have on screen, the first time too
        self.adjustSize()
        room = self._room(word)
        self.move(popup_position(self.size(), word, room))
        self.show()
        self.move(popup_position(self.size(), word, room))

    def _room(self, word: QRect) -> QRect:
        screen = QGuiApplication.screenAt(word.center()) or self.screen()
        return screen.availableGeometry()


def popup_position(size: QSize, word: QRect, room: QRect) -> QPoint:
    """Top left of a box of ``size`` below ``word`` (else above it), kept inside ``room``."""
    gap = 4
    y = word.bottom() + gap
    if y + size.height() > room.bottom() + 1 and word.top() - gap - size.height() >= room.top():
        y = word.top() - gap - size.height()
    x = min(max(word.left(), room.left()), room.right() + 1 - size.width())
    y = min(max(y, room.top()), room.bottom() + 1 - size.height())
    return QPoint(max(x, room.left()), y)


class GlossaryDialog(QDialog):
    """The glossary page: every term of the guide, in alphabetical order."""

    def __init__(self, page_html: str, css: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle(self.tr("Glossary"))
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)  # nothing here links out; nothing is ever fetched
        self.page.setAccessibleName(self.tr("Glossary: all terms and what they mean"))
        self.page.document().setDefaultStyleSheet(css)
        self.page.setHtml(page_html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def go_to(self, slug: str) -> None:
        self.page.scrollToAnchor(f"glossary-{slug}")


def about_guide_html(pack: ContentPack) -> str:
    """Title, version, review date, language and sources, then the not-medical-advice statement."""
    rows = [f"<h2>{html.escape(pack.title)}</h2>"]
    if pack.subtitle:
        rows.append(f"<p>{html.escape(pack.subtitle)}</p>")
    unknown = QCoreApplication.translate("GuideInfo", "not stated")
    reviewed = i18n.long_date(pack.reviewed) if pack.reviewed else unknown
    facts = QCoreApplication.translate(
        "GuideInfo", "Version {version} · Last reviewed: <b>{reviewed}</b> · Language: {language}"
    )
    version, language = html.escape(pack.version or "—"), html.escape(pack.language)
    rows.append(f"<p>{facts.format(version=version, reviewed=html.escape(reviewed), language=language)}</p>")
    if pack.sources:
        sources = QCoreApplication.translate("GuideInfo", "Sources")
        rows.append(f"<p><b>{html.escape(sources)}</b></p><ul>")
        for source in pack.sources:
            line = html.escape(source.title)
            if source.note:
                line += f" — {html.escape(source.note)}"
            if source.url:  # shown, never opened: the reader is offline
                line += f"<br><small>{html.escape(source.url)}</small>"
            rows.append(f"<li>{line}</li>")
        rows.append("</ul>")
    rows.append(f"<p><b>{html.escape(not_advice())}</b></p>")
    return "".join(rows)


class NoticeBar(QWidget):
    """The first-start notice above the text, until the reader says they have read it."""

    understood = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Palette colours: the notice follows the theme, as the rest of the window does.
        self.setStyleSheet(
            "#firstStartNotice { background: palette(alternate-base); border: 2px solid palette(highlight);"
            " border-radius: 4px; }"
        )
        self.label = QLabel(not_advice())
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Important"))
        button = QPushButton(self.tr("I understand"))
        button.setAccessibleName(self.tr("I understand: hide this notice"))
        button.clicked.connect(self.understood)
        button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)


class GuideInfoController(QObject):
    def __init__(self, window: MainWindow, reader: ReaderController, notice: bool) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.popup: GlossaryPopup | None = None
        self._last_slug = ""
        self.dialog: GlossaryDialog | None = None
        reader.glossary_link.connect(self.show_definition)
        reader.section_changed.connect(self._on_section_changed)
        window.glossary_action.triggered.connect(lambda: self.show_glossary())
        window.about_guide_action.triggered.connect(self.show_about_guide)
        self.notice: NoticeBar | None = None
        if notice and not reader.state.notice_seen:
            self.notice = NoticeBar()
            window.add_above_text(self.notice)
            self.notice.understood.connect(self._notice_understood)

    # -- glossary -------------------------------------------------------------------

    def show_definition(self, pack: ContentPack, href: str) -> None:
        term = pack.glossary.term_for_href(href) if pack.glossary else None
        if term is None:
            self.window.statusBar().showMessage(self.tr("This word is not in the guide's glossary."), 8000)
            return
        reader = self.window.reader
        viewport = reader.viewport()
        cursor = reader.textCursor()  # reached with the keyboard: the link the text cursor is on
        if reader.underMouse():  # clicked or tapped: the word under the pointer
            cursor = reader.cursorForPosition(viewport.mapFromGlobal(QCursor.pos()))
        place = reader.cursorRect(cursor)
        word = QRect(viewport.mapToGlobal(place.topLeft()), place.size())
        if self.popup is None:
            self.popup = GlossaryPopup(self.window)
            self.popup.show_all.connect(lambda: self.show_glossary(self._last_slug))
        self._last_slug = term.slug
        self.popup.show_term(term, word)

    def show_glossary(self, slug: str = "") -> None:
        from lupus_reader.content.render import glossary_html

        pack = self.reader.current_pack()
        if pack is None:
            return
        theme = self.window.theme or THEMES["light"]
        page = glossary_html(
            pack,
            title=self.tr("Glossary"),
            also=self.tr("Also called"),
            empty=self.tr("This guide has no glossary."),
        )
        self.dialog = GlossaryDialog(page, content_css(theme), self.window)
        self.dialog.setWindowTitle(self.tr("Glossary — {guide}").format(guide=pack.title))
        self.dialog.open()
        if slug:
            self.dialog.go_to(slug)

    # -- about the guide --------------------------------------------------------------

    def show_about_guide(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        pack = self.reader.current_pack()
        if pack is None:
            return
        box = QMessageBox(self.window)
        box.setObjectName("aboutGuide")
        box.setWindowTitle(self.tr("About this guide"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_guide_html(pack))
        box.open()

    # -- reading time -------------------------------------------------------------------

    def _on_section_changed(self, pack: ContentPack, section: Section) -> None:
        # Counting words reads the chapter's text: not before the first page is up.
        QTimer.singleShot(0, lambda: self._show_reading_time(pack, section))

    def _show_reading_time(self, pack: ContentPack, section: Section) -> None:
        if self.reader.current is not section:
            return
        minutes = reading_minutes(pack.section_words(section))
        self.window.reading_time_label.setText(self.tr("About %n min to read", "", minutes))

    # -- first start --------------------------------------------------------------------

    def _notice_understood(self) -> None:
        self.reader.state.notice_seen = True
        self.reader.remember_soon()
