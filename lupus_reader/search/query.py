"""What a reader types, made into a safe FTS5 query; the words it matches; titles that come close."""

from __future__ import annotations

import bisect
import difflib
import html
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

# The same tokenizer everywhere (pack indexes, the library's notes, highlighting),
# so "transplanted" finds "transplant" and "Sjogren" finds "Sjögren" in all of them.
TOKENIZE = "porter unicode61 remove_diacritics 2"
# Longer input is cut: a pasted page is still a valid query, and a query of
# hundreds of words would only ever match nothing, slowly.
MAX_QUERY_CHARS = 256
MAX_TERMS = 16
MAX_PHRASE_WORDS = 16
# Around matched words in snippets and marked titles: control characters that
# the indexed text never holds (the index replaces them with spaces).
MARK_START = "\x02"
MARK_END = "\x03"

_QUOTES = re.compile('["\u201c\u201d\u201e]')  # straight and typographic double quotes
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits, as unicode61 splits text
_SURROGATE = re.compile("[\ud800-\udfff]")
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
_ACCENT = "[\u0300-\u036f]"  # combining accents, as in decomposed text
_COMBINING = _ACCENT + "*"


def clean(text: str) -> str:
    """``text`` with lone surrogates (unencodable) and mark characters replaced, same length."""
    return _MARKS.sub(" ", _SURROGATE.sub("?", text))


def fold(text: str) -> str:
    """Lower case without accents: how the index compares words (before stemming)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase that must occur; ``prefix`` when its last word is still being typed."""

    words: tuple[str, ...]
    prefix: bool = False
    # Stems in the index that the typed word may be on its way to (see with_alternatives).
    alternatives: tuple[str, ...] = ()

    def fts(self) -> str:
        text = _quote(" ".join(self.words)) + ("*" if self.prefix else "")
        if self.alternatives:
            return "(" + " OR ".join([text, *map(_quote, self.alternatives)]) + ")"
        return text


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. ``fts()`` is always valid FTS5 syntax: every word is a quoted string."""

    text: str
    terms: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def words(self) -> tuple[str, ...]:
        """Every word searched for, in order, once each (what the UI highlights)."""
        return tuple(dict.fromkeys(w for t in self.terms for w in (*t.words, *t.alternatives)))

    def fts(self) -> str:
        """All terms must match (implicit AND); "" for an empty query."""
        return " ".join(term.fts() for term in self.terms)

    def any_fts(self) -> str:
        """Any term may match: for highlighting each word wherever it appears."""
        return " OR ".join(term.fts() for term in self.terms)

    @property
    def typing(self) -> Term | None:
        """The last term if its last word is still being typed (a single word, not a phrase)."""
        last = self.terms[-1] if self.terms else None
        return last if last is not None and last.prefix and len(last.words) == 1 else None

    def with_alternatives(self, stems: Sequence[str]) -> Query:
        """The query with the word being typed also matching these stored stems exactly.

        Porter stems what is typed as well as what is stored: "medicatio" stems
        to itself, which no stored stem ("medic") starts with, so the results
        would vanish until the word is finished. The index knows which shorter
        forms it holds; the longest one is what the reader is most likely typing.
        """
        typing = self.typing
        if typing is None or not stems:
            return self
        best = max(stems, key=len)
        return replace(self, terms=(*self.terms[:-1], replace(typing, alternatives=(best,))))


def parse_query(text: str) -> Query:
    """Whatever was typed, as terms: quoted parts are phrases, everything else words.

    Operators (AND, OR, NOT, NEAR, -, ^, column filters) are plain words here;
    an unclosed quote is a phrase being typed; "covid-19" is the phrase
    "covid 19", as the index split it. The last word is a prefix unless the
    text ends in a space or a closing quote.
    """
    text = unicodedata.normalize("NFC", clean(text[:MAX_QUERY_CHARS]))
    parts = _QUOTES.split(text)
    terms: list[Term] = []
    for index, part in enumerate(parts):
        chunks = [part] if index % 2 else part.split()
        for chunk in chunks:
            words = _WORD.findall(chunk)
            if words:
                terms.append(Term(tuple(words[:MAX_PHRASE_WORDS])))
    unique = list(dict.fromkeys(terms))
    cut = unique[:MAX_TERMS]
    # A word is being typed unless a space or a quote followed it.
    typing = bool(text) and not text[-1].isspace() and not _QUOTES.match(text[-1])
    if cut and cut[-1] == terms[-1] and typing:
        cut[-1] = replace(cut[-1], prefix=True)
    return Query(text, tuple(cut))


# -- stems and highlighting ----------------------------------------------------

_local = threading.local()


def _scratch() -> sqlite3.Connection:
    """A one-row FTS5 table in memory, one per thread, to ask SQLite how it reads words."""
    connection: sqlite3.Connection | None = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        connection.execute(f"CREATE VIRTUAL TABLE words USING fts5(text, tokenize = '{TOKENIZE}')")
        connection.execute("CREATE VIRTUAL TABLE words_terms USING fts5vocab(words, 'instance')")
        _local.connection = connection
    return connection


def stems(words: Sequence[str]) -> list[str]:
    """Each word's first token as the index keeps it (folded, porter-stemmed); "" for none."""
    if not words:
        return []
    sql = _scratch()
    try:
        sql.executemany("INSERT INTO words (rowid, text) VALUES (?, ?)", enumerate(map(clean, words), 1))
        found: dict[int, str] = {}
        for doc, term in sql.execute("SELECT doc, term FROM words_terms ORDER BY doc, offset"):
            found.setdefault(doc, term)
    finally:
        sql.execute("DELETE FROM words")
    return [found.get(i, "") for i in range(1, len(words) + 1)]


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


def marked_html(marked: str) -> str:
    """Marked text as HTML: everything escaped, then each marked stretch wrapped in <b>."""
    plain, spans = marked_spans(marked)
    out: list[str] = []
    at = 0
    for start, end in spans:
        out += [html.escape(plain[at:start]), "<b>", html.escape(plain[start:end]), "</b>"]
        at = end
    out.append(html.escape(plain[at:]))
    return "".join(out)


def mark(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Put the marks around ``spans`` of ``text`` (as from highlight_spans)."""
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [text[at:start], MARK_START, text[start:end], MARK_END]
        at = end
    out.append(text[at:])
    return "".join(out)


def _as_query(query: Query | str) -> Query:
    return parse_query(query) if isinstance(query, str) else query


def highlight_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where in ``text`` the index would find any of the query's words: (start, end) offsets.

    Exact: SQLite tokenizes ``text`` as the index does (stems, accents, prefixes,
    phrases). Each term counts on its own, so every word is found, also in text
    that does not hold them all. About 1 ms for 20 KB.
    """
    expression = _as_query(query).any_fts()
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


def highlight_html(text: str, query: Query | str) -> str:
    """``text`` as safe HTML with the words the query matches in <b>."""
    return marked_html(mark(clean(text), highlight_spans(text, query)))


def term_matches(word: str, query: Query | str) -> bool:
    """Would the index match this one word to one of the query's words? (Phrases word by word.)"""
    checks: list[tuple[str, bool]] = []  # (query word, may be the start of a longer one)
    for term in _as_query(query).terms:
        last = len(term.words) - 1
        checks += [(w, term.prefix and i == last) for i, w in enumerate(term.words)]
        checks += [(alternative, False) for alternative in term.alternatives]
    if not checks:
        return False
    found = stems([word, *(w for w, _ in checks)])
    target = found[0]
    return bool(target) and any(
        stem and (target == stem or (prefix and target.startswith(stem)))
        for stem, (_, prefix) in zip(found[1:], checks, strict=True)
    )


def _variants() -> dict[str, str]:
    """Each lower-case ASCII letter with its accented forms (Latin-1 to Latin Extended Additional)."""
    table: dict[str, list[str]] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha() and char.lower() == char:
            table.setdefault(base, []).append(char)
    return {base: "".join(chars) for base, chars in table.items()}


_VARIANTS: dict[str, str] = {}


def _letter(char: str, also: str = "") -> str:
    """A regex for one letter of a folded word: any accented form, decomposed or not."""
    if not _VARIANTS:
        _VARIANTS.update(_variants())
    chars = "".join(c + _VARIANTS.get(c, "") for c in char + also)
    return f"[{re.escape(chars)}]{_COMBINING}"


def highlight_pattern(query: Query | str) -> re.Pattern[str] | None:
    """A regex (case-insensitive) for the words in displayed text that the query's words find.

    It matches whole words that begin with each query word's porter stem, read
    without accents (the stem cut back to what it shares with the typed word,
    and a final "i" also as "y": "studies" -> "stud[iy]"). It errs on the side of
    more: "cell" also marks "cellular", which the index would not match. Exact
    offsets, at the price of one SQLite call, come from ``highlight_spans``.
    None for a query with no words.
    """
    parsed = _as_query(query)
    words = list(parsed.words)
    if not words:
        return None
    alternatives: list[str] = []
    for word, stem in zip(words, stems(words), strict=True):
        folded = fold(word)
        base = stem or folded
        shared = len(next((p for p in _prefixes(base) if folded.startswith(p)), ""))
        if shared >= min(3, len(base)):
            base = base[:shared]
        if not base:
            continue
        letters = [_letter(c) for c in base]
        if base.endswith("i") and len(base) > 1:
            letters[-1] = _letter("i", also="y")
        alternatives.append("".join(letters))
    if not alternatives:
        return None
    unique = sorted(set(alternatives), key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(unique)})(?:[^\W_]|{_ACCENT})*", re.IGNORECASE)


def _prefixes(text: str) -> list[str]:
    return [text[:n] for n in range(len(text), 0, -1)]


# -- suggestions -----------------------------------------------------------------


class Suggester:
    """Titles and terms close to a query that found nothing ("kidny" -> "Kidney care")."""

    def __init__(self, titles: Iterable[str], terms: Iterable[str] = ()) -> None:
        self._entries: list[str] = []
        self._is_term: list[bool] = []
        self._by_word: dict[str, list[int]] = {}
        seen: set[str] = set()
        for text, is_term in [*((t, True) for t in terms), *((t, False) for t in titles)]:
            key = fold(" ".join(text.split()))
            if not key or key in seen:
                continue
            seen.add(key)
            for word in dict.fromkeys(_WORD.findall(key)):
                if len(word) > 1:
                    self._by_word.setdefault(word, []).append(len(self._entries))
            self._entries.append(" ".join(text.split()))
            self._is_term.append(is_term)
        self._words = sorted(self._by_word)

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` entries sharing the most words (or near misspellings) with ``query``."""
        words = [w for w in _WORD.findall(fold(clean(query[:MAX_QUERY_CHARS]))) if len(w) > 1]
        if limit <= 0 or not words:
            return []
        scores: dict[int, float] = {}
        for word in list(dict.fromkeys(words))[:MAX_TERMS]:
            close = {word: 1.0} if word in self._by_word else {}
            matcher = difflib.SequenceMatcher(b=word, autojunk=False)
            for candidate in difflib.get_close_matches(word, self._words, n=6, cutoff=0.75):
                matcher.set_seq1(candidate)
                close.setdefault(candidate, matcher.ratio())
            if len(word) >= 3:  # a word the reader has only begun
                start = bisect.bisect_left(self._words, word)
                for candidate in self._words[start : start + 6]:
                    if candidate.startswith(word):
                        close.setdefault(candidate, 0.8)
            best: dict[int, float] = {}
            for candidate, score in close.items():
                for entry in self._by_word[candidate]:
                    best[entry] = max(best.get(entry, 0.0), score)
            for entry, score in best.items():
                scores[entry] = scores.get(entry, 0.0) + score
        ranked = sorted(scores, key=lambda e: (-scores[e], not self._is_term[e], len(self._entries[e]), e))
        return [self._entries[e] for e in ranked[:limit]]


def suggestions(query: str, titles: Iterable[str], limit: int = 5, terms: Iterable[str] = ()) -> list[str]:
    """Section titles (and glossary ``terms``, listed first on a tie) that come close to ``query``."""
    return Suggester(titles, terms).suggest(query, limit)
