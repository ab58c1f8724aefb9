"""The navigator, history, section stepping, zoom and links, driven as a reader would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import OpenWindow
from tests.gui.helpers import BUNDLED, click_link, heading_y, pane_text, write_pack

CONDITIONING = f"{BUNDLED}/03-how-it-works/conditioning"
TRANSPLANT = f"{BUNDLED}/03-how-it-works/transplant"
RISKS = f"{BUNDLED}/07-benefits-and-risks/possible-risks"


def test_opens_at_the_start_with_the_guide_in_the_pane(open_window: OpenWindow) -> None:
    window, _controller = open_window()
    assert "About This Guide" in pane_text(window)
    assert "not medical advice" in pane_text(window).lower()
    assert window.navigator.current_section() == f"{BUNDLED}/01-about/about-this-guide"
    assert window.progress_label.text() == "Section 1 of 31 · 0%"
    assert window.windowTitle().startswith("Stem Cell Therapy for Lupus")


def test_navigator_follows_scrolling(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(section=CONDITIONING)
    bar = window.reader.verticalScrollBar()
    # Scroll by hand (as the wheel would) to just past the "Transplant" heading.
    bar.setValue(round(heading_y(window, "transplant")) + 5)
    qtbot.waitUntil(lambda: window.navigator.current_section() == TRANSPLANT)
    assert controller.current is not None and controller.current.title == "Transplant"
    assert window.progress_label.text().startswith("Section 11 of 31 · ")
    # And back up to the chapter's first heading.
    bar.setValue(0)
    qtbot.waitUntil(
        lambda: window.navigator.current_section() == f"{BUNDLED}/03-how-it-works/how-the-treatment-works"
    )


def test_clicking_a_section_in_the_navigator_goes_there(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, _ = open_window()
    rect = window.navigator.visualRect(window.navigator.index_of(CONDITIONING))
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.verticalScrollBar().value() == round(heading_y(window, "conditioning"))
    assert "Next comes conditioning" in pane_text(window)
    assert window.progress_label.text().startswith("Section 10 of 31")


def test_keyboard_selection_in_the_navigator_goes_there(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
    assert controller.current is not None
    assert controller.current.id == f"{BUNDLED}/01-about/what-this-guide-covers"
    bar = window.reader.verticalScrollBar()
    assert bar.value() == min(round(heading_y(window, "what-this-guide-covers")), bar.maximum())


def test_back_and_forward_with_keys_and_mouse_buttons(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    start = controller.current.id  # type: ignore[union-attr]
    controller.go_to(CONDITIONING)
    controller.go_to(RISKS)
    assert "Possible risks" in pane_text(window)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert controller.current.id == CONDITIONING  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert controller.current.id == start  # type: ignore[union-attr]
    assert not window.back_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert controller.current.id == CONDITIONING  # type: ignore[union-attr]
    # The mouse's "back" and "forward" side buttons do the same.
    viewport = window.reader.viewport()
    for button, expected in (
        (Qt.MouseButton.ForwardButton, RISKS),
        (Qt.MouseButton.BackButton, CONDITIONING),
    ):
        event = QMouseEvent(
            QMouseEvent.Type.MouseButtonPress,
            QPointF(20, 20),
            QPointF(20, 20),
            button,
            button,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)
        assert controller.current.id == expected  # type: ignore[union-attr]


def test_previous_and_next_section_cross_chapters(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(section=f"{BUNDLED}/02-what-it-is/why-stem-cell-therapy-is-considered")
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert controller.current.id == f"{BUNDLED}/03-how-it-works/how-the-treatment-works"  # type: ignore[union-attr]
    assert "How the Treatment Works" in pane_text(window)
    window.previous_action.trigger()
    assert controller.current.id == f"{BUNDLED}/02-what-it-is/why-stem-cell-therapy-is-considered"  # type: ignore[union-attr]
    assert "What lupus is" in pane_text(window)


def test_zoom_changes_text_size_and_keeps_the_place(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(section=CONDITIONING)
    size = window.reader.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_label.text() == "Zoom 110%"
    assert window.reader.document().defaultFont().pointSizeF() > size
    assert controller.location().section_id == CONDITIONING  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_label.text() == "Zoom 90%"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_label.text() == "Zoom 100%"
    assert window.reader.document().defaultFont().pointSizeF() == size


def test_links_between_sections_work(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window(section=f"{BUNDLED}/07-benefits-and-risks/possible-risks")
    click_link(qtbot, window, "03-how-it-works.md#conditioning")
    assert controller.current.id == CONDITIONING  # type: ignore[union-attr]
    assert window.reader.verticalScrollBar().value() == round(heading_y(window, "conditioning"))
    # Back returns to the section the link was in.
    window.back_action.trigger()
    assert controller.current.id == RISKS  # type: ignore[union-attr]


def test_external_links_say_they_are_unavailable_offline(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    pack = write_pack(
        tmp_path / "web",
        {
            "01.md": "# Web\n\nSee [the clinic site](https://clinic.example/lupus) for more.\n",
        },
    )
    window, controller = open_window(packs=[pack])
    assert "the clinic site (web link, not available offline)" in pane_text(window)
    click_link(qtbot, window, "#external-0")
    message = window.statusBar().currentMessage()
    assert "https://clinic.example/lupus" in message and "not available offline" in message
    assert controller.current.id == "web/01/web"  # type: ignore[union-attr]


def test_a_link_to_a_missing_place_says_so(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, controller = open_window()
    controller.follow_link(window.reader.source().fromUserInput("nowhere.md#x"))
    assert "not in this guide" in window.statusBar().currentMessage()


def test_other_chapters_are_rendered_in_idle_moments(qtbot: QtBot, open_window: OpenWindow) -> None:
    window, controller = open_window()
    pack = controller.library.packs[0]
    qtbot.waitUntil(lambda: controller.prerender_pending() == 0, timeout=10_000)
    assert all(controller.pages.has(pack, chapter) for chapter in pack.chapters)
    # Moving to any of them now needs no Markdown: the renderer is never asked again.
    renderer = controller.pages.renderer()
    calls: list[object] = []
    original = renderer.render_chapter
    renderer.render_chapter = lambda *args: calls.append(args) or original(*args)  # type: ignore[method-assign]
    controller.go_to(RISKS)
    assert "Possible risks" in pane_text(window)
    assert calls == []


def test_a_narrowed_window_leaves_most_of_its_width_to_the_text(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window, _ = open_window()
    assert window.width() == 1200

    window.resize(720, 600)  # snapped to half of a small laptop's screen

    qtbot.waitUntil(lambda: window.width() == 720)
    qtbot.waitUntil(lambda: window.reader.width() >= 0.4 * 720)
    assert window.navigator.width() >= 180  # section titles still readable beside it
    assert window.docks[0].width() >= 200


def long_chapter_pack(folder: Path) -> Path:
    """One chapter far longer than Qt lays out when it is shown, which Qt guesses the height of
    from its first lines: long paragraphs first, then many short sections, so the guess falls short.
    """
    paragraph = "Your care team checks your blood counts every day while the new cells settle in. " * 6
    body = [f"# A long chapter\n\n{paragraph}\n\n{paragraph}\n"]
    body += [f"## Part {n}\n\nAsk.\n" for n in range(1, 41)]
    body += ["## Last words\n\n" + "\n\n".join([paragraph] * 6) + "\n"]
    return write_pack(folder, {"01-long.md": "\n".join(body)})


def test_a_section_deep_in_a_long_chapter_opens_at_its_heading(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, controller = open_window([long_chapter_pack(tmp_path / "long")])
    pack = next(pack for pack in controller.library.packs if pack.id == "long")
    reader = window.reader
    bar = reader.verticalScrollBar()
    for section in (pack.sections[30], pack.sections[-1], pack.sections[3]):
        controller.go_to(CONDITIONING)  # another chapter, so this one is laid out afresh
        controller.go_to(section.id)
        at_once = bar.value()
        assert reader.text_at_top().startswith(section.title)
        # Qt lays the rest of the chapter out in idle moments, and sets the scroll range from it.
        qtbot.wait(100)
        reader.document().size()  # the rest, now
        QApplication.processEvents()
        assert bar.value() == at_once == round(heading_y(window, section.anchor))
        assert reader.text_at_top().startswith(section.title)
        assert window.navigator.current_section() == section.id
    # A place part-way through a section (as history and restore keep it) comes back as it was.
    middle = pack.sections[20]
    controller.go_to(CONDITIONING)
    controller.go_to(middle.id, offset=0.5)
    QApplication.processEvents()
    place = reader.position_at_top()
    assert place is not None and place[0] == middle.anchor and abs(place[1] - 0.5) < 0.01
