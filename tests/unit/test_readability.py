"""Reading time and reading grade: the figures check-pack gives authors, and the bundled guide's own."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest

from lupus_reader.cli import check_pack_command
from lupus_reader.content.glossary import Glossary, Term
from lupus_reader.content.pack import load_pack
from lupus_reader.content.readability import (
    flesch_kincaid_grade,
    grades_language,
    pack_readability,
    prose,
    reading_minutes,
    summarize,
)

# What the guide promises its readers (and its commissioners): plain language.
MEDIAN_GRADE_AT_MOST = 8.0
HARDEST_GRADE_AT_MOST = 10.0


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (200, 1), (299, 1), (300, 2), (1000, 5), (2559, 13)]
)
def test_reading_minutes_at_200_words_a_minute_never_less_than_one(words, minutes):
    assert reading_minutes(words) == minutes


def test_prose_keeps_sentences_and_drops_markup():
    markdown = textwrap.dedent(
        """\
        # Title is not prose

        A paragraph with **bold**, a [link](other.md#x) and
        a second line.

        - First item
        - Second item.

        | Head | Cell |
        |------|------|
        | a    | b    |

        ```
        code is not prose
        ```

        !!! warning "Box title"
            Box body

        Setext heading
        --------------

        ### Small heading {#small}

        > Quoted words
        """
    )
    assert prose(markdown) == (
        "A paragraph with bold, a link and a second line. First item. Second item. "
        "Head. Cell. a. b. Box body. Quoted words."
    )


def test_flesch_kincaid_grade_follows_the_formula():
    # 3 words, 1 sentence, 5 + 1 + 1 syllables: 0.39 * 3 + 11.8 * 7 / 3 - 15.59 = 13.1
    assert flesch_kincaid_grade("Immunoablation is hard.") == 13.1
    # Very easy text is grade 0, not a negative grade.
    assert flesch_kincaid_grade("The cat sat on the mat.") == 0.0
    assert flesch_kincaid_grade("") is None
    assert flesch_kincaid_grade("... !") is None


def test_a_defined_term_counts_as_one_short_word():
    glossary = Glossary([Term("immunoablation", "Strong treatment that cuts down immune cells.")])
    assert flesch_kincaid_grade("Immunoablation is hard. Immunoablation takes weeks.", glossary) == 0.0
    assert flesch_kincaid_grade("Immunoablation is hard. Immunoablation takes weeks.") > 10


@pytest.mark.parametrize(
    ("language", "graded"), [("en", True), ("en-GB", True), ("EN_us", True), ("und", True), ("he", False)]
)
def test_grades_are_for_english(language, graded):
    assert grades_language(language) is graded


def test_grading_needs_no_network():
    # A fresh interpreter with sockets disabled: the syllable counts ship with the package.
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("no network in this test")
        socket.socket = refuse
        socket.create_connection = refuse
        from lupus_reader.content.readability import flesch_kincaid_grade
        print(flesch_kincaid_grade("Inflammation is hard. Remission is a quiet time."))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 0


# -- the bundled guide ----------------------------------------------------------------------------


def test_the_bundled_guide_is_plain_language(bundled_pack):
    """Median section grade at most 8, none above 10: measured as check-pack measures it."""
    pack = load_pack(bundled_pack)
    sections = pack_readability(pack)
    overall = summarize(sections, pack.words)

    assert len(sections) == len(pack.sections)
    assert all(s.grade is not None for s in sections)
    assert overall.median is not None and overall.median <= MEDIAN_GRADE_AT_MOST
    too_hard = [
        (s.file, s.line, s.title, s.grade) for s in sections if (s.grade or 0) > HARDEST_GRADE_AT_MOST
    ]
    assert too_hard == []


def test_each_section_is_located_and_counted_as_the_navigator_counts_it(bundled_pack):
    pack = load_pack(bundled_pack)
    for row, section in zip(pack_readability(pack), pack.sections, strict=True):
        chapter = pack.chapter_of(section)
        heading = next(h for h in chapter.headings if h.slug == section.anchor)
        assert (row.section_id, row.title, row.file, row.line) == (
            section.id,
            section.title,
            chapter.file,
            heading.line,
        )
        assert row.words == pack.section_words(section)
        assert row.minutes == reading_minutes(row.words)


# -- check-pack -----------------------------------------------------------------------------------


def test_check_pack_prints_a_grade_per_section_then_the_summary(bundled_pack):
    out = io.StringIO()
    assert check_pack_command(bundled_pack, False, out) == 0
    lines = out.getvalue().splitlines()
    pack = load_pack(bundled_pack)

    info = [line for line in lines if ": info: " in line]
    assert len(info) == len(pack.sections)
    assert info[0].startswith("01-about.md:1: info: grade ")
    assert info[0].endswith(" min: About This Guide")
    assert lines[-2].startswith("readability: median grade ")
    assert "min to read" in lines[-2]
    assert ": ok: " in lines[-1]


def test_check_pack_json_lists_readability(bundled_pack):
    out = io.StringIO()
    assert check_pack_command(bundled_pack, True, out) == 0
    report = json.loads(out.getvalue())
    rows = report["readability"]

    assert len(rows) == report["summary"]["sections"]
    assert set(rows[0]) == {"section", "title", "file", "line", "words", "grade", "minutes"}
    assert rows[0]["section"] == "lupus-stem-cell-therapy/01-about/about-this-guide"
    assert all(isinstance(row["grade"], float) for row in rows)
    assert report["summary"]["minutes"] == reading_minutes(report["summary"]["words"])
    assert report["summary"]["median_grade"] <= MEDIAN_GRADE_AT_MOST
    assert report["summary"]["glossary_terms"] >= 12


def test_hard_text_never_fails_a_pack(make_pack, manifest):
    hard = (
        "# One\n\n"
        + "Notwithstanding considerable methodological heterogeneity, " * 20
        + "conclusions vary.\n"
    )
    folder = make_pack({"pack.toml": manifest(), "one.md": hard})
    out = io.StringIO()

    assert check_pack_command(folder, False, out) == 0
    info = next(line for line in out.getvalue().splitlines() if ": info: " in line)
    grade = float(info.split("grade ")[1].split(",")[0])
    assert grade > HARDEST_GRADE_AT_MOST


def test_a_pack_in_another_language_gets_times_but_no_grade(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(language="fr"), "one.md": "# Un\n\nDes mots simples.\n"})
    out = io.StringIO()
    assert check_pack_command(folder, False, out) == 0
    assert "one.md:1: info: no grade, 3 words, 1 min: Un" in out.getvalue().splitlines()
    assert "no reading grade (Flesch-Kincaid grades English text only)" in out.getvalue()

    out = io.StringIO()
    check_pack_command(folder, True, out)
    assert json.loads(out.getvalue())["readability"][0]["grade"] is None
