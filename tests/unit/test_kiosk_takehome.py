"""Take-home QR codes: short plain text, cut into at most 4 scannable codes that rejoin to the whole."""

from __future__ import annotations

import segno

from lupus_reader.kiosk.takehome import (
    CAPACITY,
    ERROR_LEVEL,
    MAX_CODES,
    MAX_VERSION,
    qr_codes,
    take_home,
    take_home_text,
)
from lupus_reader.storage.stores import Note, Question


def question(text: str, checked: bool = False, mine: bool = False) -> Question:
    return Question(1, "demo", text, checked, mine, "2026-11-25T10:00:00+00:00")


def note(text: str, section_title: str = "What is lupus?") -> Note:
    stamp = "2026-11-25T10:00:00+00:00"
    return Note(1, "demo", "what-is-lupus", section_title, "", text, stamp, stamp, 1)


def rejoined(parts) -> str:
    return "".join(part.chunk for part in parts)


def test_the_text_has_the_title_ticked_and_own_questions_and_notes():
    questions = [
        question("How long is the hospital stay?", checked=True),
        question("Is it covered by insurance?"),  # not ticked: stays on the kiosk
        question("Can my  sister\nbe the donor?", mine=True),
    ]
    notes = [note("Ask about fertility.\n\nBring the scan."), note("   "), note("Costs", section_title="")]

    text = take_home_text("Stem Cell Therapy for Lupus", questions, notes)

    assert text == (
        "My questions for the doctor\n"
        "Stem Cell Therapy for Lupus\n"
        "\n"
        "Questions:\n"
        "- How long is the hospital stay?\n"
        "- Can my sister be the donor?\n"
        "\n"
        "My notes:\n"
        "* What is lupus?\n"
        "  Ask about fertility.\n"
        "\n"
        "  Bring the scan.\n"
        "* what-is-lupus\n"  # no title: the section's id, as on the printed sheet
        "  Costs\n"
    )


def test_nothing_chosen_is_nothing_to_take_home():
    result = take_home("Guide", [question("Unticked?")], [note("")])

    assert result.text == "" and result.parts == ()
    assert "nothing to take home" in result.message and not result.too_long


def test_a_short_text_is_one_code_without_a_header():
    result = take_home("Guide", [question("Which tests come first?", checked=True)], [])

    (part,) = result.parts
    assert (part.number, part.total, part.text, part.chunk) == (1, 1, result.text, result.text)
    assert result.message == "" and not result.too_long
    assert part.qr.mode == "byte" and part.qr.error in ("M", "Q", "H")
    assert part.size == len(part.matrix) == len(part.matrix[0]) == 17 + 4 * part.version
    assert all(isinstance(module, bool) for row in part.matrix for module in row)
    assert any(any(row) for row in part.matrix) and not all(all(row) for row in part.matrix)


def test_the_matrix_is_segnos_own():
    (part,) = qr_codes("Frage: Wie lange dauert es?\n").parts

    expected = segno.make_qr(part.text, error=ERROR_LEVEL, mode="byte", encoding="utf-8")
    assert part.matrix == tuple(tuple(bool(m) for m in row) for row in expected.matrix)
    assert part.version == expected.version


def test_accents_and_emoji_are_utf8_bytes():
    text = "Café, crème brûlée 😀 and 👩‍⚕️: ask Dr. Šimůnek\n"

    (part,) = qr_codes(text).parts

    assert part.qr.mode == "byte"
    assert part.text == text
    # UTF-8 (not ISO 8859-1) always: "é" alone would fit Latin-1, and phones then show "Ã©".
    latin = segno.make_qr("Café", error=ERROR_LEVEL, mode="byte", encoding="utf-8")
    assert qr_codes("Café").parts[0].matrix == tuple(tuple(bool(m) for m in row) for row in latin.matrix)


def test_the_capacity_is_what_a_version_25_code_holds():
    full = segno.make_qr("a" * CAPACITY, error=ERROR_LEVEL, mode="byte", encoding="utf-8")
    assert full.version == MAX_VERSION and full.error == "M"
    too_much = segno.make_qr("a" * (CAPACITY + 1), error=ERROR_LEVEL, mode="byte", encoding="utf-8")
    assert too_much.version == MAX_VERSION + 1


def long_notes(count: int, words: str = "Remember to ask about the side effects of the treatment") -> str:
    return "".join(f"{n}. {words} ({n}).\n" for n in range(count))


def test_a_long_text_is_cut_at_line_ends_into_numbered_codes_that_rejoin():
    text = long_notes(40)  # about 2.5 kB: three codes

    result = qr_codes(text)

    assert len(result.parts) == 3 and not result.too_long
    assert rejoined(result.parts) == text
    for number, part in enumerate(result.parts, 1):
        assert (part.number, part.total) == (number, 3)
        assert part.text == f"{number}/3\n{part.chunk}"
        assert part.chunk.endswith("\n")  # whole lines
        assert part.version <= MAX_VERSION and part.qr.error in ("M", "Q", "H")
        assert part.size == 17 + 4 * part.version
    sizes = [len(part.chunk.encode()) for part in result.parts]
    assert max(sizes) - min(sizes) < 200  # shared evenly, not two full codes and a scrap


def test_a_very_long_line_is_cut_between_words():
    text = "word " * 500 + "\n"

    result = qr_codes(text)

    assert len(result.parts) == 3
    assert rejoined(result.parts) == text
    assert all(part.chunk.endswith((" ", "\n")) for part in result.parts)


def test_cuts_never_split_accents_or_emoji():
    family = "👩‍👩‍👧‍👦"  # four people joined into one emoji with zero-width joiners
    accent = "e\u0301"  # e + combining acute accent
    text = (family + accent) * 60  # one "word" of 1,680 bytes

    result = qr_codes(text)

    assert len(result.parts) >= 2
    assert rejoined(result.parts) == text
    for part in result.parts:
        assert part.chunk.startswith(family) or part.chunk.startswith(accent)
        part.chunk.encode("utf-8")  # whole characters only


def test_four_codes_at_most_then_a_message():
    fits = long_notes(60)  # about 3.7 kB
    too_long = long_notes(70)  # about 4.4 kB

    assert len(qr_codes(fits).parts) == MAX_CODES
    result = qr_codes(too_long)

    assert result.too_long and result.parts == ()
    assert "too long to take home as QR codes" in result.message
    assert "characters too many" in result.message
