"""What a reader types, made into a safe FTS5 query, and where its words are found in a text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lupus_reader.search.tokens import clean, fts_spans, split_words

# Longer input is cut: a pasted page is still a valid query, and a query of
# hundreds of words would only ever match nothing, slowly.
MAX_QUERY_CHARS = 256
MAX_TERMS = 16
MAX_PHRASE_WORDS = 16

_QUOTES = re.compile('["\u201c\u201d\u201e]')  # straight and typographic double quotes
# Not part of a literal: quotes (query syntax) and control characters (LIKE stops at a NUL).
_NOT_LITERAL = re.compile('["\u201c\u201d\u201e\x00-\x1f\x7f-\x9f]')


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase that must occur; ``prefix`` when its last word is still being typed."""

    words: tuple[str, ...]
    prefix: bool = False
    # Whole words that the last word, still being typed, may be on its way to (see with_alternatives).
    alternatives: tuple[str, ...] = ()

    def fts(self) -> str:
        text = _quote(" ".join(self.words)) + ("*" if self.prefix else "")
        if not self.alternatives:
            return text
        head = self.words[:-1]
        options = [_quote(" ".join((*head, word))) for word in self.alternatives]
        return "(" + " OR ".join([text, *options]) + ")"


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. ``fts()`` is always valid FTS5 syntax: every word is a quoted string."""

    text: str
    terms: tuple[Term, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """Every word searched for, in order, once each."""
        return tuple(dict.fromkeys(w for t in self.terms for w in (*t.words, *t.alternatives)))

    @property
    def literal(self) -> str:
        """For a query without a single word the index knows ("☺", "%"): the text to find as it stands."""
        return "" if self.terms else " ".join(_NOT_LITERAL.sub(" ", self.text).split())

    def fts(self) -> str:
        """All terms must match (implicit AND); "" for an empty query."""
        return " ".join(term.fts() for term in self.terms)

    def any_fts(self) -> str:
        """Any term may match: for highlighting each word wherever it appears."""
        return " OR ".join(term.fts() for term in self.terms)

    @property
    def typing(self) -> Term | None:
        """The last term if its last word is still being typed."""
        last = self.terms[-1] if self.terms else None
        return last if last is not None and last.prefix else None

    def with_alternatives(self, words: Sequence[str]) -> Query:
        """The query with the word being typed also matching these whole words.

        Porter stems what is typed as well as what is stored: "duri" stays
        "duri", which no stored stem starts with ("during" is kept as "dure"),
        so the results would vanish until the word is finished. The index's
        own list of words starting with what was typed fills the gap.
        """
        typing = self.typing
        if typing is None or not words:
            return self
        return replace(self, terms=(*self.terms[:-1], replace(typing, alternatives=tuple(words))))


def parse_query(text: str) -> Query:
    """Whatever was typed, as terms: quoted parts are phrases, everything else words.

    Words are split where the index splits text (see tokens.split_words), so
    an emoji the index keeps is a word and one it drops is not. Operators
    (AND, OR, NOT, NEAR, -, ^, column filters) are plain words here; an
    unclosed quote is a phrase being typed; "covid-19" is the phrase
    "covid 19", as the index split it. The last word is a prefix unless the
    text ends in a space or a closing quote.
    """
    text = unicodedata.normalize("NFC", clean(text[:MAX_QUERY_CHARS]))
    parts = _QUOTES.split(text)
    terms: list[Term] = []
    for index, part in enumerate(parts):
        chunks = [part] if index % 2 else part.split()
        for chunk in chunks:
            words = split_words(chunk)
            if words:
                terms.append(Term(tuple(words[:MAX_PHRASE_WORDS])))
    unique = list(dict.fromkeys(terms))
    cut = unique[:MAX_TERMS]
    # A word is being typed unless a space or a quote followed it.
    typing = bool(text) and not text[-1].isspace() and not _QUOTES.match(text[-1])
    if cut and cut[-1] == terms[-1] and typing:
        cut[-1] = replace(cut[-1], prefix=True)
    return Query(text, tuple(cut))


def as_query(query: Query | str) -> Query:
    return parse_query(query) if isinstance(query, str) else query


def highlight_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where in ``text`` the index would find any of the query's words: (start, end) offsets.

    Exact: SQLite tokenizes ``text`` as the index does (stems, accents, prefixes,
    phrases). Each term counts on its own, so every word is found, also in text
    that does not hold them all. A query without words (see Query.literal) is
    found as it stands, whatever its case. About 1 ms for 20 KB.
    """
    parsed = as_query(query)
    if parsed.literal:
        pattern = re.compile(re.escape(parsed.literal), re.IGNORECASE)
        return [match.span() for match in pattern.finditer(text)]
    return fts_spans(text, parsed.any_fts())
