"""How FTS5 reads text, asked of SQLite itself: which characters make words, folded forms, stems, hits.

Python's idea of a letter is not unicode61's: it takes 🙂 and private-use
characters for letters, but not 👍 or ☺, and its tables are not Python's
Unicode version. So the query is split where SQLite would split it, by
asking SQLite (once per character, remembered), and words are folded and
stemmed by the tokenizer the index uses.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence

from lupus_reader.storage.db import FTS_TOKENIZE

TOKENIZE = FTS_TOKENIZE
# The same without stemming: the words as written (folded), for prefixes still being typed.
RAW_TOKENIZE = TOKENIZE.removeprefix("porter ")
# Around matched words in snippets and marked titles: control characters that
# the indexed text never holds (the index replaces them with spaces).
MARK_START = "\x02"
MARK_END = "\x03"

_SURROGATE = re.compile("[\ud800-\udfff]")
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")

# Every character seen so far: the separators map to a space (for str.translate).
_known: set[str] = {" "}
_separators: dict[int, str] = {ord(" "): " "}
_local = threading.local()


def clean(text: str) -> str:
    """``text`` with lone surrogates (unencodable) and mark characters replaced, same length."""
    return _MARKS.sub(" ", _SURROGATE.sub("?", text))


def _scratch() -> sqlite3.Connection:
    """Two one-row FTS5 tables in memory, one per thread, to ask SQLite how it reads words."""
    connection: sqlite3.Connection | None = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        for name, tokenize in (("words", TOKENIZE), ("raw", RAW_TOKENIZE)):
            connection.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(text, tokenize = '{tokenize}')")
            connection.execute(f"CREATE VIRTUAL TABLE {name}_terms USING fts5vocab({name}, 'instance')")
        _local.connection = connection
    return connection


def _tokens(table: str, texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens as ``table`` ("words": stemmed, "raw": folded) reads them, in order."""
    if not texts:
        return []
    sql = _scratch()
    found: list[list[str]] = [[] for _ in texts]
    try:
        sql.executemany(f"INSERT INTO {table} (rowid, text) VALUES (?, ?)", enumerate(map(clean, texts), 1))
        for doc, term in sql.execute(f"SELECT doc, term FROM {table}_terms ORDER BY doc, offset"):
            found[doc - 1].append(term)
    finally:
        sql.execute(f"DELETE FROM {table}")
    return found


def _learn(chars: Iterable[str]) -> None:
    """Ask SQLite which of these characters are part of words: "a?a" is then one token, not two."""
    new = sorted(set(chars) - _known)
    if not new:
        return
    for char, tokens in zip(new, _tokens("raw", [f"a{c}a" for c in new]), strict=True):
        if len(tokens) != 1:
            _separators[ord(char)] = " "
        _known.add(char)


def split_words(text: str) -> list[str]:
    """The words of ``text`` as written, split exactly where FTS5's tokenizer splits it."""
    text = clean(text)
    _learn(set(text))
    return [word for word in text.translate(_separators).split(" ") if word]


def folded(words: Sequence[str]) -> list[str]:
    """Each word as the index keeps it before stemming (lower case, Latin accents gone); "" for none."""
    return [tokens[0] if tokens else "" for tokens in _tokens("raw", words)]


def stems(words: Sequence[str]) -> list[str]:
    """Each word's first token as the index keeps it (folded, porter-stemmed); "" for none."""
    return [tokens[0] if tokens else "" for tokens in _tokens("words", words)]


def marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Split marked text into the plain text and the (start, end) of each marked stretch."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, -1
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = length if start < 0 else start
        elif piece == MARK_END:
            if 0 <= start < length:
                spans.append((start, length))
            start = -1
        else:
            plain.append(piece)
            length += len(piece)
    if 0 <= start < length:
        spans.append((start, length))
    return "".join(plain), spans


def unmarked(marked: str) -> str:
    return _MARKS.sub("", marked)


def marked_html(marked: str, tag: str = "b") -> str:
    """Marked text as HTML: everything escaped, then each marked stretch wrapped in ``<tag>``."""
    plain, spans = marked_spans(marked)
    out: list[str] = []
    at = 0
    for start, end in spans:
        out += [html.escape(plain[at:start]), f"<{tag}>", html.escape(plain[start:end]), f"</{tag}>"]
        at = end
    out.append(html.escape(plain[at:]))
    return "".join(out)


def fts_spans(text: str, expression: str) -> list[tuple[int, int]]:
    """Where in ``text`` the FTS5 ``expression`` matches: (start, end) offsets; [] on any error."""
    if not expression or not text:
        return []
    sql = _scratch()
    try:
        sql.execute("INSERT INTO words (rowid, text) VALUES (1, ?)", (clean(text),))
        row = sql.execute(
            "SELECT highlight(words, 0, ?, ?) FROM words WHERE words MATCH ?",
            (MARK_START, MARK_END, expression),
        ).fetchone()
    except sqlite3.Error:
        return []
    finally:
        sql.execute("DELETE FROM words")
    return [] if row is None else marked_spans(row[0])[1]
