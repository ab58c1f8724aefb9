"""Soft hyphens in rendered pages: from the pack's language, only in prose, never in code or links."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lupus_reader.content import hyphenate
from lupus_reader.content.hyphenate import SOFT_HYPHEN
from lupus_reader.content.pack import load_pack
from lupus_reader.content.render import Renderer


def _pack(folder: Path, language: str, text: str, glossary: str = "") -> Path:
    folder.mkdir(parents=True)
    manifest = f'id = "words"\ntitle = "Words"\nchapters = ["one.md"]\nlanguage = "{language}"\n'
    manifest += 'version = "1"\nreviewed = 2026-01-01\n'
    if glossary:
        manifest += 'glossary = "glossary.toml"\n'
        (folder / "glossary.toml").write_text(glossary, encoding="utf-8")
    (folder / "pack.toml").write_text(manifest, encoding="utf-8")
    (folder / "one.md").write_text(text, encoding="utf-8")
    return folder


def _rendered(folder: Path) -> str:
    pack = load_pack(folder)
    return Renderer().render_chapter(pack, pack.chapters[0]).html


def _shown(html: str) -> str:
    return html.replace(SOFT_HYPHEN, "·")


def test_an_english_pack_breaks_long_words_with_english_patterns(tmp_path: Path) -> None:
    html = _rendered(_pack(tmp_path / "en", "en", "# Transplantation care\n\nAfter transplantation, rest.\n"))
    assert "<p>After trans·plant·a·tion, rest.</p>" in _shown(html)
    # Headings too (a heading at 300% breaks its long words more often than the text does).
    assert '<h1 id="transplantation-care">Trans·plant·a·tion care</h1>' in _shown(html)


def test_a_spanish_pack_breaks_words_with_spanish_patterns(tmp_path: Path) -> None:
    text = "# Cuidado\n\nDesafortunadamente, el tratamiento es largo.\n"
    spanish = _shown(_rendered(_pack(tmp_path / "es", "es", text)))
    assert "<p>Des·afor·tu·na·da·men·te, el tra·ta·mien·to es largo.</p>" in spanish
    # English patterns would break the same word elsewhere ("de·sa·for·tu·nada·mente").
    english = _shown(_rendered(_pack(tmp_path / "en", "en", text)))
    assert "Des·afor" not in english and "De·sa·for" in english


def test_a_regional_tag_uses_its_language_dictionary(tmp_path: Path) -> None:
    html = _rendered(_pack(tmp_path / "pt", "pt-BR", "# Cuidado\n\nO transplante autólogo.\n"))
    assert "trans·plan·te au·tó·lo·go" in _shown(html)


@pytest.mark.parametrize("language", ["und", "he", "zz-Latn"])
def test_a_language_without_a_dictionary_renders_unhyphenated(tmp_path: Path, language: str) -> None:
    html = _rendered(_pack(tmp_path / "x", language, "# Care\n\nAfter transplantation, rest.\n"))
    assert "<p>After transplantation, rest.</p>" in html
    assert SOFT_HYPHEN not in html


def test_missing_dictionaries_leave_the_page_unhyphenated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken install (pyphen's dictionaries not shipped) still shows the page."""
    monkeypatch.setitem(sys.modules, "pyphen", None)  # "import pyphen" fails, as without its data
    hyphenate._dictionary.cache_clear()
    try:
        html = _rendered(_pack(tmp_path / "en", "en", "# Care\n\nAfter transplantation, rest.\n"))
    finally:
        hyphenate._dictionary.cache_clear()
    assert "<p>After transplantation, rest.</p>" in html


def test_code_links_addresses_and_acronyms_are_left_whole(tmp_path: Path) -> None:
    text = (
        "# Care\n\n"
        "Type `transplantation` or <kbd>Transplantation</kbd>, see [the transplantation page]"
        "(transplantation-notes.md 'transplantation notes'), mail someone@transplantation.example "
        "or read /clinic/transplantation.html. IMMUNOABLATION stays.\n\n"
        "```\ntransplantation\n```\n\n"
        "<pre>immunoablation</pre>\n"
    )
    html = _shown(_rendered(_pack(tmp_path / "en", "en", text)))
    assert "<code>transplantation</code>" in html
    assert "<kbd>Transplantation</kbd>" in html
    assert "<pre><code>transplantation\n</code></pre>" in html
    assert "<pre>immunoablation</pre>" in html
    assert (
        'href="transplantation-notes.md" title="transplantation notes">the trans·plant·a·tion page</a>'
        in html
    )
    assert "someone@transplantation.example" in html
    assert "/clinic/transplantation.html" in html
    assert "IMMUNOABLATION stays" in html


def test_glossary_terms_are_still_found_and_linked(tmp_path: Path) -> None:
    term = (
        '[[term]]\nname = "immunoablation"\ndefinition = "Strong treatment that resets the immune system."\n'
    )
    folder = _pack(tmp_path / "en", "en", "# Care\n\nImmunoablation comes first.\n", term)
    html = _shown(_rendered(folder))
    assert '<a class="glossary" href="#glossary-immunoablation"' in html
    assert ">Im·mun·o·ab·la·tion</a> comes first." in html
