"""The navigator's tree: every section of a guide, chapters of a big pack, one root per pack."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from lupus_reader.ui.navigator import SECTION_ID_ROLE, SHOW_ALL_UP_TO
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack


def big_pack(folder: Path, chapters: int = 30, sections: int = 20) -> Path:
    files = {}
    for number in range(1, chapters + 1):
        body = [f"# Chapter {number}\n\nIntro.\n"]
        body += [f"## Part {number}.{part}\n\nText of part {part}.\n" for part in range(1, sections)]
        files[f"{number:03d}.md"] = "\n".join(body)
    return write_pack(folder, files)


def rows(model, parent=None):  # type: ignore[no-untyped-def]
    parent = parent or model.invisibleRootItem()
    return [parent.child(row).text() for row in range(parent.rowCount())]


def test_a_guide_shows_every_section_nested_by_level(open_window: OpenWindow) -> None:
    window, _ = open_window()
    model = window.navigator.sections
    assert rows(model)[:3] == ["About This Guide", "What Stem Cell Therapy Is", "How the Treatment Works"]
    how = model.invisibleRootItem().child(2)
    assert rows(model, how) == ["Collection", "Conditioning", "Transplant", "Recovery and follow-up"]
    assert window.navigator.isExpanded(how.index())


def test_a_big_pack_lists_chapters_and_fills_one_in_when_it_is_read(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    pack = big_pack(tmp_path / "big")
    window, controller = open_window(packs=[pack])
    assert SHOW_ALL_UP_TO < 30 * 20
    model = window.navigator.sections
    assert rows(model) == ["Chapter 1", "Stem Cell Therapy for Lupus"]  # one root per pack
    big = model.invisibleRootItem().child(0)
    assert rows(model, big) == [f"Chapter {n}" for n in range(1, 31)]
    chapter_17 = big.child(16)
    assert rows(model, chapter_17) == ["…"]  # not built yet

    target = next(s for s in controller.library.packs[0].sections if s.title == "Part 17.5")
    assert controller.go_to(target.id)
    assert window.navigator.current_section() == target.id == "big/017/part-175"
    assert rows(model, chapter_17) == [f"Part 17.{n}" for n in range(1, 20)]
    assert window.navigator.isExpanded(chapter_17.index())

    # Opening a chapter by hand fills it in too.
    chapter_3 = big.child(2)
    window.navigator.expand(chapter_3.index())
    assert rows(model, chapter_3)[:2] == ["Part 3.1", "Part 3.2"]
    assert chapter_3.child(0).data(SECTION_ID_ROLE) == "big/003/part-31"


def test_several_packs_each_have_their_own_root(open_window: OpenWindow, tmp_path: Path) -> None:
    extra = write_pack(tmp_path / "extra", {"01.md": "# Extra guide\n\n## One\n\nText.\n"})
    window, _ = open_window(packs=[extra])
    model = window.navigator.sections
    assert rows(model) == ["Extra guide", "Stem Cell Therapy for Lupus"]
    assert not model.invisibleRootItem().child(0).isSelectable()
