"""Find in page (Ctrl+F): the count, next and previous, the highlights, Esc."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack

CHAPTER = """# Graft care

The graft needs time. A new graft is watched closely.

## After the graft

Ask how the GRAFT is checked. Grafting is a different word.

## Unrelated

Nothing to see here.
"""


def _pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", {"01-graft.md": CHAPTER, "02-other.md": "# Other\n\nNo match.\n"})


def _highlighted(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.cursor.selectedText() for s in window.reader.extraSelections()]


def test_ctrl_f_counts_and_highlights_every_match(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window, _ = open_window([_pack(tmp_path)])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "graft")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 6")
    # Case-insensitive, headings too, and "Grafting" contains it: six, each highlighted in the pane.
    assert [text.lower() for text in _highlighted(window)] == ["graft"] * 6
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 6"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "6 of 6"  # wraps around
    # The current match is where the text cursor sits, so the pane shows it.
    assert window.reader.textCursor().position() == bar.matches[5].position()


def test_no_match_says_so_and_esc_closes(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = open_window([_pack(tmp_path)])
    window.find_action.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "zebra")
    qtbot.waitUntil(lambda: bar.count.text() == "No matches")
    assert _highlighted(window) == []
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.reader.hasFocus()


def test_another_page_is_searched_again(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, controller = open_window([_pack(tmp_path)])
    window.find_action.trigger()
    qtbot.keyClicks(window.find_bar.field, "match")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "No matches")
    other = next(s for s in controller.library.packs[0].sections if s.title == "Other")
    controller.go_to(other.id)
    assert window.find_bar.count.text() == "1 of 1"
    assert _highlighted(window) == ["match"]


def test_selected_words_fill_the_field(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window, _ = open_window([_pack(tmp_path)])
    cursor = window.reader.document().find("watched")
    window.reader.setTextCursor(cursor)
    window.find_action.trigger()
    assert window.find_bar.field.text() == "watched"
    assert window.find_bar.count.text() == "1 of 1"


def test_matches_after_emoji_and_other_astral_characters_are_highlighted_exactly(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    page = "# Astral\n\n🙂 𝐀 graft 😀😀 GRAFT 𐐀 and graft.\n"
    window, _ = open_window([write_pack(tmp_path / "pack", {"01-astral.md": page})])
    window.find_action.trigger()
    qtbot.keyClicks(window.find_bar.field, "graft")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "1 of 3")
    assert [text.lower() for text in _highlighted(window)] == ["graft"] * 3
