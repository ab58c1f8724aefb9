"""Take-home without a network: a visitor's questions and notes as plain text, in QR codes to scan.

The phone's camera reads the text straight from the screen: nothing is sent
anywhere, and nothing stays on the kiosk. Long text is cut into at most four
codes at line ends, each headed "1/3", "2/3", ...; text too long for that is
refused with a message rather than cut short. Codes use error correction M (or
higher when it fits) and at most version 25 (117 modules a side), which a phone
reads from a screen at arm's length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import segno

from lupus_reader.storage.stores import Note, Question

MAX_CODES = 4
MAX_VERSION = 25
ERROR_LEVEL = "m"
# Bytes of text a version-25 code at level M holds in byte mode (ISO/IEC 18004 table 7);
# tests/unit/test_kiosk_takehome.py checks it against segno.
CAPACITY = 997
QUIET_ZONE = 4  # light modules to paint around each matrix: scanners need them
ZWJ = "\u200d"

Matrix = tuple[tuple[bool, ...], ...]


@dataclass(frozen=True, slots=True)
class QrPart:
    """One code: ``text`` is what it holds, ``chunk`` its piece of the whole text.

    ``text`` is ``chunk`` headed by "1/3" and a line break when the text needed
    several codes. ``matrix`` has one row of booleans per module row, True for
    dark, without the quiet zone (paint QUIET_ZONE light modules around it).
    """

    number: int
    total: int
    chunk: str
    text: str
    matrix: Matrix
    qr: segno.QRCode

    @property
    def size(self) -> int:
        """Modules per side, without the quiet zone."""
        return len(self.matrix)

    @property
    def version(self) -> int:
        """The QR version, 1-25: the size is 17 + 4 x version modules."""
        return (self.size - 17) // 4


@dataclass(frozen=True, slots=True)
class TakeHomeWords:
    """The words around what the visitor wrote, and the messages: English here; the window
    passes its own language's (ui/kiosk_take_home.py)."""

    title: str = "My questions for the doctor"
    questions: str = "Questions:"
    notes: str = "My notes:"
    nothing: str = "There is nothing to take home yet: tick a question or write a note."
    too_long: str = (
        "This is too long to take home as QR codes (about {count} characters too many). "
        "Remove some notes or questions and try again."
    )


ENGLISH = TakeHomeWords()


@dataclass(frozen=True, slots=True)
class TakeHome:
    """The codes to show, in order; none, and a message for the visitor, when there is nothing or too much."""

    text: str
    parts: tuple[QrPart, ...]
    message: str = ""
    too_long: bool = False


def take_home_text(
    guide_title: str, questions: Sequence[Question], notes: Sequence[Note], words: TakeHomeWords = ENGLISH
) -> str:
    """The ticked questions, the visitor's own, and the notes, as short plain text; "" if there is none."""
    chosen = [question.text.strip() for question in questions if question.checked or question.mine]
    chosen = [text for text in chosen if text]
    written = [note for note in notes if note.text.strip()]
    if not chosen and not written:
        return ""
    lines = [words.title, guide_title.strip()]
    if chosen:
        lines += ["", words.questions]
        lines += [f"- {' '.join(text.split())}" for text in chosen]
    if written:
        lines += ["", words.notes]
        for note in written:
            lines.append(f"* {' '.join((note.section_title or note.section).split())}")
            lines += [f"  {line.rstrip()}" if line.strip() else "" for line in note.text.strip().splitlines()]
    return "\n".join(lines) + "\n"


def take_home(
    guide_title: str, questions: Sequence[Question], notes: Sequence[Note], words: TakeHomeWords = ENGLISH
) -> TakeHome:
    """``take_home_text`` in QR codes."""
    return qr_codes(take_home_text(guide_title, questions, notes, words), words=words)


def qr_codes(text: str, max_codes: int = MAX_CODES, words: TakeHomeWords = ENGLISH) -> TakeHome:
    """``text`` in as few codes as hold it (at most ``max_codes``), with the text shared evenly."""
    if not text.strip():
        return TakeHome(text, (), words.nothing)
    if _size(text) <= CAPACITY:
        return TakeHome(text, (_part(1, 1, text),))
    budget = CAPACITY - _size(f"{max_codes}/{max_codes}\n")
    needed = len(_split(text, budget))
    if needed > max_codes:
        over = (_size(text) - max_codes * budget) * len(text) // _size(text)
        return TakeHome(text, (), words.too_long.format(count=f"{max(over, 1):,}"), too_long=True)
    # The smallest budget that still needs no more codes: every code about as dense, none crammed.
    low, high = -(-_size(text) // needed), budget  # less than an even share cannot do
    while low < high:
        middle = (low + high) // 2
        if len(_split(text, middle)) <= needed:
            high = middle
        else:
            low = middle + 1
    chunks = _split(text, low)
    return TakeHome(text, tuple(_part(n, len(chunks), chunk) for n, chunk in enumerate(chunks, 1)))


def _part(number: int, total: int, chunk: str) -> QrPart:
    text = chunk if total == 1 else f"{number}/{total}\n{chunk}"
    # Byte mode, UTF-8 always: phones read UTF-8 text without an ECI marker, which some misread.
    qr = segno.make_qr(text, error=ERROR_LEVEL, mode="byte", encoding="utf-8")
    if not isinstance(qr.version, int) or qr.version > MAX_VERSION:  # CAPACITY keeps parts within it
        raise ValueError(f"a take-home code needed version {qr.version}")
    matrix = tuple(tuple(bool(module) for module in row) for row in qr.matrix)
    return QrPart(number, total, chunk, text, matrix, qr)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _split(text: str, budget: int) -> list[str]:
    """``text`` cut into pieces of at most ``budget`` UTF-8 bytes: at line ends, else between words."""
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        if _size(line) <= budget:
            pieces.append(line)
            continue
        for word in re.findall(r"\S+\s*|\s+", line):
            pieces += _cut(word, budget) if _size(word) > budget else [word]
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and _size(current) + _size(piece) > budget:
            chunks.append(current)
            current = ""
        current += piece
    if current:
        chunks.append(current)
    return chunks


def _cut(word: str, budget: int) -> list[str]:
    """A word longer than ``budget`` bytes, in pieces that do not split a letter from its accent or emoji."""
    pieces = []
    while _size(word) > budget:
        end = max(1, len(word.encode("utf-8")[:budget].decode("utf-8", errors="ignore")))
        cut = end
        while cut > 0 and _joins(word[cut - 1], word[cut]):
            cut -= 1
        cut = cut or end  # one endless cluster: cut it anyway
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word] if word else pieces


def _joins(before: str, after: str) -> bool:
    """Whether ``before`` and ``after`` belong to one character as people see it."""
    code = ord(after)
    return (
        unicodedata.category(after).startswith("M")  # accents and other combining marks
        or ZWJ in (before, after)  # emoji joined into one
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji or text style)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
        or (0x1F1E6 <= ord(before) <= 0x1F1FF and 0x1F1E6 <= code <= 0x1F1FF)  # flags, approximately
    )
