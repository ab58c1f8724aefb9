"""What the guide says about itself, as a reader meets it: glossary popups and page, the review
date and sources, reading time, the not-medical-advice notice, and a right-to-left guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from lupus_reader.content.glossary import HREF_PREFIX
from lupus_reader.state import load_state
from lupus_reader.themes import THEMES
from lupus_reader.ui.guide_info import NOT_ADVICE, GlossaryDialog, GlossaryPopup, NoticeBar, popup_position
from lupus_reader.ui.main_window import MainWindow
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import ink_on_paper, show_link, write_pack
from tests.gui.test_accessibility import unnamed_widgets
from tests.gui.test_command_line import run

# The offscreen platform cannot raise a popup or give it the keyboard; Qt says so, and goes on.
POPUP_WARNINGS = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
HEBREW_PACK = Path(__file__).parent.parent / "data" / "hebrew-pack"


def first_glossary_link(window: MainWindow) -> tuple[str, QRect]:
    """The href of the first marked term in the pane and where its word is on the screen."""
    found = show_link(window, lambda href: href.startswith(HREF_PREFIX))
    assert found is not None, "no glossary term in the pane"
    href, place = found
    return href, QRect(window.reader.viewport().mapToGlobal(place.topLeft()), place.size())


def click_term(qtbot: QtBot, window: MainWindow) -> tuple[str, QRect, GlossaryPopup]:
    href, word = first_glossary_link(window)
    viewport = window.reader.viewport()
    point = viewport.mapFromGlobal(word.center())
    qtbot.mouseMove(viewport, point)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: any(p.isVisible() for p in window.findChildren(GlossaryPopup)))
    return href, word, window.findChild(GlossaryPopup)


@POPUP_WARNINGS
def test_a_marked_term_shows_its_definition_by_the_word(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    href, word, popup = click_term(qtbot, window)
    term = controller.current_pack().glossary.term_for_href(href)
    assert term.definition in popup.text.text()
    assert 0 <= popup.geometry().top() - word.bottom() <= 12  # just under the word
    assert abs(popup.geometry().left() - word.left()) <= 12
    assert unnamed_widgets(popup) == []
    # A popup takes the keys while it is open.
    qtbot.keyClick(popup.focusWidget() or popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())


@POPUP_WARNINGS
def test_all_terms_opens_the_glossary_at_that_term(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    href, _, popup = click_term(qtbot, window)
    qtbot.mouseClick(popup.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(GlossaryDialog)))
    dialog = next(d for d in window.findChildren(GlossaryDialog) if d.isVisible())
    page = dialog.page
    qtbot.waitUntil(lambda: page.verticalScrollBar().value() > 0)
    # The term's entry is on screen (at the top, or as near it as the end of the page allows).
    term = controller.current_pack().glossary.term_for_href(href)
    found = page.document().find(term.definition[:40])
    assert not found.isNull()
    y = page.cursorRect(found).top()
    assert 0 <= y < page.viewport().height() - 20, y
    assert unnamed_widgets(dialog) == []
    dialog.close()


@POPUP_WARNINGS
def test_the_definition_stays_on_the_screen_near_its_edge(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    screen = window.screen().availableGeometry()
    # The window pushed to the bottom right of the screen: the term's word near the corner.
    _, word = first_glossary_link(window)
    target = window.pos() + QPoint(screen.right() - 40 - word.left(), screen.bottom() - 30 - word.bottom())
    window.move(target)
    qtbot.waitUntil(lambda: window.pos() == target)
    _, word, popup = click_term(qtbot, window)
    popup.hide()
    assert screen.contains(popup.geometry()), (popup.geometry(), screen)
    assert popup.geometry().bottom() < word.top()  # above the word, not over it


def test_popup_position_below_above_and_inside() -> None:
    room = QRect(0, 0, 1000, 800)
    size = QSize(300, 100)
    assert popup_position(size, QRect(100, 100, 50, 20), room) == QPoint(100, 123)  # 4 px under
    assert popup_position(size, QRect(100, 750, 50, 20), room) == QPoint(100, 646)  # no room below
    assert popup_position(size, QRect(900, 100, 50, 20), room) == QPoint(700, 123)  # kept inside
    assert popup_position(QSize(1200, 100), QRect(900, 100, 50, 20), room).x() == 0


def test_about_this_guide_shows_its_review_date_and_sources(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    window.about_guide_action.trigger()
    box = window.findChild(QMessageBox, "aboutGuide")
    qtbot.waitUntil(box.isVisible)
    pack = controller.current_pack()
    assert "Last reviewed: <b>25 November 2026</b>" in box.text()
    assert pack.sources and all(source.title in box.text() for source in pack.sources)
    assert NOT_ADVICE in box.text()
    assert unnamed_widgets(box) == []
    box.close()


def test_about_the_app_says_the_same_not_medical_advice(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "aboutApp")
    qtbot.waitUntil(box.isVisible)
    assert NOT_ADVICE in box.text()
    assert "specialist" not in box.text()  # no advice of one guide's own in the app's box
    assert unnamed_widgets(box) == []
    box.close()


def test_each_section_says_how_long_it_takes_to_read(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    words = " ".join(["word"] * 1000)  # about five minutes at 200 words a minute
    pack = write_pack(
        tmp_path / "pack",
        {
            "pack.toml": 'id = "timed"\ntitle = "Timed"\nchapters = ["one.md"]\nlanguage = "en"\n'
            'version = "1"\nreviewed = 2026-01-01\n',
            "one.md": f"# Short {{#short}}\n\nA few words.\n\n# Long {{#long}}\n\n{words}\n",
        },
    )
    window, controller = open_window([pack], section="timed/one/short")
    qtbot.waitUntil(lambda: window.reading_time_label.text() == "About 1 min to read")
    controller.go_to("timed/one/long")
    qtbot.waitUntil(lambda: window.reading_time_label.text() == "About 5 min to read")


def test_the_first_start_notice_until_understood(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window()
    notice = window.findChild(NoticeBar)
    assert notice is not None and notice.isVisible()
    assert NOT_ADVICE in notice.label.text()
    qtbot.mouseClick(notice.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    controller.save()
    assert load_state(data_dir).notice_seen
    window.close()
    again, _ = open_window()
    assert not [bar for bar in again.findChildren(NoticeBar) if bar.isVisible()]


def longest_highlight_run(image: QImage) -> int:
    """The longest horizontal line of the light theme's highlight colour: the notice's border."""
    mark = THEMES["light"].highlight
    longest = 0
    for y in range(image.height()):
        run = 0
        for x in range(image.width()):
            run = run + 1 if image.pixelColor(x, y).name() == mark else 0
            longest = max(longest, run)
    return longest


def test_no_notice_in_a_screenshot(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = open_window(theme="light")  # a first start, on screen: the notice, edged in highlight
    assert longest_highlight_run(window.grab().toImage()) > 400
    png = tmp_path / "shot.png"
    result = run("--data-dir", str(tmp_path / "data"), "--theme", "light", "--screenshot", str(png))
    assert result.returncode == 0, result.stderr
    assert longest_highlight_run(QImage(str(png))) < 300  # a selected row, a focused field: no notice


def test_a_right_to_left_guide_reads_from_the_right(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window([HEBREW_PACK], section="rtl-sample-he/01-about/about")
    reader = window.reader
    block = reader.document().begin()
    lines = 0
    while block.isValid():
        if block.text().strip():
            assert block.layout().textOption().textDirection() == Qt.LayoutDirection.RightToLeft, block.text()
            lines += 1
        block = block.next()
    assert lines > 3
    # The heading, as drawn: its words sit against the right edge of the text, not the left.
    heading = reader.document().begin()
    while not heading.text().strip():
        heading = heading.next()
    rect = reader.document().documentLayout().blockBoundingRect(heading).toRect()
    rect.translate(0, -reader.verticalScrollBar().value())
    image = reader.viewport().grab(rect).toImage()
    ink, _ = ink_on_paper(image)
    columns = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).name() == ink for y in range(image.height()))
    ]
    assert min(columns) > image.width() / 3, (min(columns), image.width())
    assert max(columns) > image.width() - 40
