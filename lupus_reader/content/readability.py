"""Reading time and reading grade (Flesch-Kincaid) of a pack's sections, for check-pack and the UI.

Grades are for authors: ``check-pack`` reports them and never fails a pack
on them. The formula is Flesch-Kincaid's (as textstat computes it) over the
section's prose: headings, code and markup left out, each list item, table
cell and box a sentence of its own. Defined glossary terms count as one
short word: a long medical word that the glossary explains is not what
makes a sentence hard. Syllables come from syllapy (a word list with a rule
for the rest, no download), imported only when a grade is asked for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from lupus_reader.content.scan import plain_text, reading_minutes

if TYPE_CHECKING:
    from lupus_reader.content.glossary import Glossary
    from lupus_reader.content.pack import Chapter, ContentPack

# A defined term is read as one short word when grading (see the module docstring).
TERM_STAND_IN = "term"

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")  # as scan.count_words: "self-care" is one word
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”)\]]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_HR = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:_\s*){3,}|(?:\*\s*){3,})$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^(?:\d+[.)]|[-*+:])\s+")
_REFERENCE = re.compile(r"^\[[^\]]+\]:\s")
_RAW_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")


def prose(markdown: str) -> str:
    """The sentences of a piece of Markdown as plain text, one block after another.

    Headings, code, rules and table rules are left out; every paragraph,
    list item, table cell and box ends a sentence, with a full stop added
    where the author wrote none (a list item is a sentence to a reader).
    """
    sentences: list[str] = []
    block: list[str] = []

    def end_block() -> None:
        text = " ".join(" ".join(block).split())
        if text:
            sentences.append(text if _ENDS_SENTENCE.search(text) else text + ".")
        block.clear()

    in_fence = False
    for raw_line in markdown.split("\n"):
        if _FENCE.match(raw_line):
            in_fence = not in_fence
            end_block()
            continue
        line = raw_line.strip()
        while line.startswith(">"):
            line = line[1:].strip()
        if not in_fence and block and _SETEXT.match(line):
            block.clear()  # the lines above were a heading's title (before a rule, as in Markdown)
        elif in_fence or not line or _HR.match(line) or line.startswith("!!!") or _ATX.match(line):
            end_block()
        elif _SETEXT.match(line):
            end_block()  # "===" under nothing: not a heading, not prose
        elif line.startswith("|"):
            end_block()
            if not _TABLE_RULE.match(line):
                for cell in line.strip("|").split("|"):
                    block.append(_inline(cell))
                    end_block()
        elif not _REFERENCE.match(line):
            item = _LIST_ITEM.match(line)
            if item:
                end_block()
                line = line[item.end() :]
            block.append(_inline(line))
    end_block()
    return " ".join(sentences)


def _inline(markdown: str) -> str:
    return plain_text(_ATTR_LIST.sub("", _RAW_TAG.sub("", markdown)))


@functools.cache
def _syllable_counter() -> Callable[[str], int]:
    import syllapy  # type: ignore[import-untyped]  # loads its word list: only when grading

    count: Callable[[str], int] = syllapy.count
    return count


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word; at least 1 (numbers and initialisms included)."""
    return max(1, _syllable_counter()(word))


def flesch_kincaid_grade(text: str, glossary: Glossary | None = None) -> float | None:
    """The Flesch-Kincaid grade of plain ``text`` (see ``prose``), at least 0; None without words.

    0.39 x words per sentence + 11.8 x syllables per word - 15.59. Glossary
    terms and their aliases count as the one-syllable word "term".
    """
    if glossary:
        text = glossary.replace(text, TERM_STAND_IN)
    words = _WORD.findall(text)
    if not words:
        return None
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    total = sum(syllables(word.lower()) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
    return max(0.0, round(grade, 1))


def grades_language(language: str) -> bool:
    """Flesch-Kincaid is a formula for English; an unknown language ("und") is taken as English."""
    primary = language.replace("_", "-").split("-", 1)[0].lower()
    return primary in {"en", "und"}


class SectionReadability(NamedTuple):
    """One section's length and grade, located as ``file:line`` of its heading."""

    section_id: str
    title: str
    file: str
    line: int
    words: int
    grade: float | None  # None: no prose, or not an English pack
    minutes: int


class ReadabilitySummary(NamedTuple):
    median: float | None
    hardest: SectionReadability | None
    minutes: int  # the whole pack, read at WORDS_PER_MINUTE


def pack_readability(pack: ContentPack) -> list[SectionReadability]:
    """Words, minutes and grade of every section, in reading order: what check-pack reports."""
    graded = grades_language(pack.language)
    found: list[SectionReadability] = []
    for chapter in pack.chapters:
        lines = {heading.slug: heading.line for heading in chapter.headings}
        words = {heading.slug: heading.words for heading in chapter.scan.headings}
        for section, text in zip(chapter.sections, _section_texts(pack, chapter), strict=True):
            count = words.get(section.anchor, chapter.words) if words else chapter.words
            grade = flesch_kincaid_grade(prose(text), pack.glossary) if graded else None
            found.append(
                SectionReadability(
                    section.id,
                    section.title,
                    chapter.file,
                    lines.get(section.anchor, 1),
                    count,
                    grade,
                    reading_minutes(count),
                )
            )
    return found


def _section_texts(pack: ContentPack, chapter: Chapter) -> list[str]:
    # Sections follow the headings one for one; slicing once keeps a long chapter linear.
    headings = chapter.headings
    if not headings or len(headings) != len(chapter.sections):
        return [pack.section_text(section) for section in chapter.sections]
    text = chapter.text
    ends = [heading.start for heading in headings[1:]] + [len(text)]
    return [text[heading.start : end] for heading, end in zip(headings, ends, strict=True)]


def summarize(sections: list[SectionReadability], total_words: int) -> ReadabilitySummary:
    """The median grade, the hardest section and the minutes the whole pack takes."""
    import statistics  # fractions, decimal, random: not worth loading for the reader

    grades = [s.grade for s in sections if s.grade is not None]
    hardest = max((s for s in sections if s.grade is not None), key=lambda s: s.grade or 0.0, default=None)
    median = round(statistics.median(grades), 1) if grades else None
    return ReadabilitySummary(median, hardest, reading_minutes(total_words))
