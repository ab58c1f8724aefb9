"""Soft hyphens in the long words of a rendered page, from the pack's language.

Qt's text engine never hyphenates by itself, but it breaks a line at a
U+00AD SOFT HYPHEN and draws a hyphen there (and nothing anywhere else). So
the renderer puts one at each place pyphen's dictionary (LibreOffice's
patterns) allows, in the words of the prose: a long word in a narrow pane
or at a large text size breaks like it would in a book instead of leaving a
ragged gap or running off the edge.

The pane hides them from everything but line breaking: find in page, copying
and the quotes kept with bookmarks and notes all see the plain word
(``without_soft_hyphens``). Word counts, reading times, grades and the search
index are made from the Markdown, never from this HTML.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen

SOFT_HYPHEN = "\u00ad"
# Shorter words gain little from a break and look choppy with one.
MIN_LETTERS = 8
# Nothing inside these is prose: a reader copies code and keys as they are. Headings are
# hyphenated too: at 300% a heading's long word would otherwise break anywhere, without a hyphen.
_SKIPPED = frozenset({"code", "pre", "kbd"})
# The sanitizer (nh3) writes well-formed, normalized tags: a tag is "<", a name, anything but ">".
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_RUN = re.compile(r"\S+")
_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
# A run of text that is an address, a path or a file name is not prose either.
_NOT_PROSE = re.compile(r"[/\\@_=#~]|://|^www\.|\.[a-z]{2,4}$", re.IGNORECASE)


@functools.cache
def _dictionary(language: str) -> Pyphen | None:
    """One Pyphen per language, loaded the first time a page in it is rendered (~60 ms).

    None where pyphen has no dictionary for the language, or its dictionaries
    are missing or damaged (a broken install): the page is shown unhyphenated.
    """
    try:
        import pyphen  # only when a page has to be rendered: a warm start-up never needs it

        found = pyphen.language_fallback(language.strip().replace("-", "_")) if language.strip() else None
        return pyphen.Pyphen(lang=found) if found else None
    except (ImportError, OSError, ValueError):
        return None


def hyphenator(language: str) -> Callable[[str], str] | None:
    """A function that puts soft hyphens in one word, or None where pyphen has no dictionary."""
    dictionary = _dictionary(language.lower())
    if dictionary is None:
        return None
    return functools.partial(dictionary.inserted, hyphen=SOFT_HYPHEN)


def hyphenate_html(html: str, language: str) -> str:
    """``html`` (sanitized) with soft hyphens in the long words of its text, never in tags or code.

    A language pyphen has no dictionary for ("und", Hebrew, ...) leaves the
    page as it is. Acronyms and words with capitals inside (AHSCT, iPhone) are
    left whole, as are addresses and paths.
    """
    insert = hyphenator(language)
    if insert is None or not html:
        return html
    out: list[str] = []
    skipped = 0  # how deep inside <code>, <pre> or <kbd> we are
    position = 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        out.append(_hyphenate_text(text, insert) if text and not skipped else text)
        out.append(tag.group())
        if tag.group(2).lower() in _SKIPPED:
            skipped = max(skipped - 1, 0) if tag.group(1) else skipped + 1
        position = tag.end()
    rest = html[position:]
    out.append(_hyphenate_text(rest, insert) if rest and not skipped else rest)
    return "".join(out)


def _hyphenate_text(text: str, insert: Callable[[str], str]) -> str:
    def run(match: re.Match[str]) -> str:
        words = match.group()
        if _NOT_PROSE.search(words) or not _WORD.search(words):
            return words
        return _WORD.sub(lambda word: _word(word.group(), insert), words)

    return _RUN.sub(run, text)


def _word(word: str, insert: Callable[[str], str]) -> str:
    if not word[1:].islower():  # AHSCT, CamelCase: not a word pyphen knows
        return word
    return insert(word)


def without_soft_hyphens(text: str) -> str:
    """The text as a reader sees it: every soft hyphen taken out."""
    return text.replace(SOFT_HYPHEN, "") if SOFT_HYPHEN in text else text
