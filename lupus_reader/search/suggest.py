"""Titles and glossary terms that come close to a query that found nothing ("kidny" -> "Kidney care")."""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lupus_reader.search.query import MAX_QUERY_CHARS, MAX_TERMS
from lupus_reader.search.tokens import clean, split_words

if TYPE_CHECKING:
    from lupus_reader.content.pack import ContentPack


def fold(text: str) -> str:
    """Lower case without accents, to compare words that are spelt nearly alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


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
            for word in dict.fromkeys(split_words(key)):
                if len(word) > 1:
                    self._by_word.setdefault(word, []).append(len(self._entries))
            self._entries.append(" ".join(text.split()))
            self._is_term.append(is_term)
        self._words = sorted(self._by_word)

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` entries sharing the most words (or near misspellings) with ``query``."""
        words = [w for w in split_words(fold(clean(query[:MAX_QUERY_CHARS]))) if len(w) > 1]
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


def glossary_terms(packs: Iterable[ContentPack]) -> list[str]:
    """The glossary terms of these packs: suggested first when a search finds nothing."""
    return [term.name for pack in packs if pack.glossary is not None for term in pack.glossary]
