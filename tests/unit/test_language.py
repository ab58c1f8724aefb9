"""Writing direction by language tag, and a right-to-left pack (Hebrew) that opens, checks and renders."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from lupus_reader.cli import check_pack_command
from lupus_reader.content.language import is_rtl, text_direction
from lupus_reader.content.pack import load_pack
from lupus_reader.content.render import Renderer, glossary_html

HEBREW_PACK = Path(__file__).parents[1] / "data" / "hebrew-pack"


@pytest.mark.parametrize(
    "tag",
    [
        "ar",
        "ar-EG",
        "AR_eg",
        "he",
        "he-IL",
        "iw",
        "fa",
        "fa-IR",
        "ur",
        "ur-PK",
        "yi",
        "ps",
        "sd",
        "ug",
        "dv",
        "ckb",
        "prs",
        "ku-Arab",
        "ku-Arab-IQ",
        "az-Arab",
        "pa-Arab",
        "uz-Arab",
        "und-Hebr",
        "ha-Arab",
        "syr",
        "nqo",
    ],
)
def test_right_to_left_languages(tag):
    assert is_rtl(tag)
    assert text_direction(tag) == "rtl"


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "en-US",
        "pt-BR",
        "ku",  # Kurmanji: Latin letters
        "ku-Latn",
        "sd-Deva",
        "ar-Latn",  # a script subtag wins over the language
        "az",
        "tr",
        "zh-yue-Hant",
        "und",
        "",
        "   ",
        "en-x-arab",  # private use is not a script
        "he1",  # not a language tag at all
    ],
)
def test_left_to_right_languages(tag):
    assert not is_rtl(tag)
    assert text_direction(tag) == "ltr"


def test_the_hebrew_pack_opens_right_to_left():
    pack = load_pack(HEBREW_PACK)

    assert pack.language == "he" and is_rtl(pack.language)
    assert pack.warnings == []
    assert pack.title == "טיפול בתאי גזע לזאבת"
    assert [s.id for s in pack.sections] == [
        "rtl-sample-he/01-about/about",
        "rtl-sample-he/01-about/לא-ייעוץ-רפואי",
        "rtl-sample-he/01-about/how-it-works",
        "rtl-sample-he/02-questions/שאלות-לרופא",
        "rtl-sample-he/02-questions/questions",
    ]
    assert len(pack.questions()) == 5
    assert pack.questions()[0].startswith("האם הטיפול הזה מתאים")


def test_the_hebrew_pack_passes_check_pack_without_a_grade():
    out = io.StringIO()
    assert check_pack_command(HEBREW_PACK, False, out) == 0
    lines = out.getvalue().splitlines()
    assert not [line for line in lines if ": error: " in line or ": warning: " in line]
    assert "01-about.md:1: info: no grade, 40 words, 1 min: על המדריך" in lines


def test_the_hebrew_pack_renders_its_text_ids_and_glossary_links():
    pack = load_pack(HEBREW_PACK)
    html = Renderer().render_chapter(pack, pack.chapters[0]).html

    assert '<h2 id="לא-ייעוץ-רפואי">לא ייעוץ רפואי</h2>' in html
    assert re.findall(r'<a class="glossary" href="([^"]*)"[^>]*>([^<]*)</a>', html) == [
        ("#glossary-זאבת", "זאבת"),  # "לזאבת" (to lupus) is a different word: only the free-standing one
        ("#glossary-ahsct", "AHSCT"),
    ]
    assert pack.glossary is not None
    assert pack.glossary.term_for_href("#glossary-זאבת") is pack.glossary.terms[0]
    page = glossary_html(pack)
    assert page.startswith('<html lang="he" dir="rtl">') and '<dt id="glossary-זאבת">' in page
