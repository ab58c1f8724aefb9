"""Print and Save as PDF: the file exists, has the pages, the text and the footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from lupus_reader.ui.print_controller import PrintController
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import write_pack

MANIFEST = """id = "printable"
title = "Printable Guide"
language = "en"
version = "1"
reviewed = 2026-10-01
chapters = ["one.md", "two.md"]
"""
LONG = "\n\n".join(f"Paragraph {n} about graft care and recovery at home." for n in range(120))


def _pages(path: Path) -> list[str]:
    """Each page's text without whitespace: PDF text comes out split by tabs and kerning."""
    return ["".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def has(text: str, words: str) -> bool:
    return "".join(words.split()) in text


@pytest.fixture
def printing(open_window: OpenWindow, tmp_path: Path) -> PrintController:
    pack = write_pack(
        tmp_path / "pack",
        {
            "pack.toml": MANIFEST,
            "one.md": (
                f"# Before\n\nIntro words.\n\n## Aftercare\n\n{LONG}\n\n## Questions\n\nAsk about fever.\n"
            ),
            "two.md": "# Second chapter\n\nThe last words of the guide.\n",
        },
    )
    window, _ = open_window([pack], section="printable/one/aftercare")
    found = window.findChild(PrintController)
    assert found is not None
    return found


def test_section_pdf_has_that_section_its_pages_and_footer(printing: PrintController, tmp_path: Path) -> None:
    out = tmp_path / "section.pdf"
    pages = printing.save_pdf(whole=False, path=out)
    texts = _pages(out)
    assert pages == len(texts) >= 2  # 120 paragraphs do not fit on one A4 page
    whole = "\n".join(texts)
    assert has(whole, "Aftercare") and has(whole, "Paragraph 119 about graft care")
    # Only that section: not the chapter's intro, not the next section, not the next chapter.
    assert not has(whole, "Intro words") and not has(whole, "Ask about fever")
    assert not has(whole, "Second chapter")
    for number, text in enumerate(texts, start=1):
        assert has(text, "Printable Guide · Reviewed 2026-10-01")
        assert has(text, f"Page {number} of {pages}")


def test_whole_guide_pdf_starts_each_chapter_on_a_new_page(printing: PrintController, tmp_path: Path) -> None:
    out = tmp_path / "guide.pdf"
    pages = printing.save_pdf(whole=True, path=out)
    texts = _pages(out)
    assert pages == len(texts) >= 3
    assert has(texts[0], "Intro words")
    assert has(texts[-1], "Second chapter") and has(texts[-1], "The last words of the guide.")
    assert not has(texts[-1], "Paragraph 119")  # the second chapter has a page of its own


def test_unwritable_pdf_is_an_error_not_a_crash(printing: PrintController, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        printing.save_pdf(whole=False, path=tmp_path / "missing-folder" / "x.pdf")
