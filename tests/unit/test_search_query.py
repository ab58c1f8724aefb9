"""Anything typed is a valid query; highlighting finds the words the index found; close titles."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lupus_reader.content.pack import load_pack
from lupus_reader.search import (
    MARK_END,
    MARK_START,
    Searcher,
    highlight_html,
    highlight_pattern,
    highlight_spans,
    marked_html,
    marked_spans,
    parse_query,
    suggestions,
    term_matches,
)
from lupus_reader.search.query import MAX_QUERY_CHARS, MAX_TERMS, TOKENIZE
from lupus_reader.storage.memory import open_memory_database
from lupus_reader.storage.stores import NoteStore, QuestionStore
from tests.unit.search_guide import open_searcher, titles, write_guide


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    """The test guide, with a note and a question of the reader's own beside it."""
    folder = tmp_path_factory.mktemp("search")
    pack = load_pack(write_guide(folder / "guide"))
    library = open_memory_database()
    NoteStore(library).save(None, "care", "care/01-care/energy", "Energy", "", 'kidney "AND" (NEAR) * 🙂')
    QuestionStore(library).add_mine("care", "Is my kidney OK?")
    return open_searcher(pack, folder / "cache", library.connection)


HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"""',
    "AND(",
    "kidney AND(",
    "*",
    "**",
    "NEAR",
    "NEAR(kidney lupus, 2)",
    "OR",
    "kidney OR",
    "NOT kidney",
    "-",
    "-kidney",
    "^kidney",
    "title:kidney",
    "{title}: kidney",
    "kidney:",
    "(((",
    ")",
    "'; DROP TABLE sections; --",
    "\x00",
    "\ud800kidney",
    "🙂",
    "kidney 🙂 lupus",
    "\u200b\u200b",
    "x" * 10_000,
    "kidney " * 2_000,
    "a" * 300 + " kidney",
    "\\",
    "%_",
    "\x02kidney\x03",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_just_queries(searcher, text):
    result = searcher.search(text)
    assert isinstance(result.hits, tuple)
    assert searcher.broken() == []
    searcher.suggestions(text)
    highlight_pattern(text)
    highlight_spans("Your kidneys filter the blood.", text)


@given(st.text(max_size=400))
def test_any_text_searches_without_an_error(searcher, text):
    result = searcher.search(text)
    assert isinstance(result.hits, tuple)
    assert all(hit.kind in ("section", "note", "question") for hit in result.hits)
    assert searcher.broken() == []
    pattern = highlight_pattern(text)
    assert pattern is None or isinstance(pattern, re.Pattern)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_every_query_is_valid_fts5(text):
    expression = parse_query(text).fts()
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = '{TOKENIZE}')")
    if expression:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


def test_operators_and_quotes_are_words_in_a_query():
    assert parse_query('kidney AND "blood test" OR').fts() == '"kidney" "AND" "blood test" "OR"*'
    assert parse_query('"unclosed phra').fts() == '"unclosed phra"*'
    assert parse_query('"closed phrase"').fts() == '"closed phrase"'
    assert parse_query("covid-19 ").fts() == '"covid 19"'
    assert parse_query("kidney ").fts() == '"kidney"'
    assert parse_query("kidney").fts() == '"kidney"*'
    assert parse_query("kidney kidney kidney").fts() == '"kidney"*'
    assert parse_query("kidney lupus kidney").fts() == '"kidney" "lupus"'  # the typed word was there
    assert parse_query("“typographic quotes”").fts() == '"typographic quotes"'
    assert parse_query("🙂 ** --").empty


def test_long_queries_are_cut():
    query = parse_query(" ".join(f"word{n}" for n in range(1000)))
    assert len(query.terms) == MAX_TERMS
    assert len(parse_query("y" * 10_000).text) == MAX_QUERY_CHARS


def test_found_even_with_stray_syntax(searcher):
    assert [hit.kind for hit in searcher.search("kidney AND(").hits][:2] == ["note", "section"]
    assert [hit.kind for hit in searcher.search('kidney "ok').hits] == ["question"]
    assert titles(searcher, '"transplant') == ["Transplant basics"]
    assert titles(searcher, "transplant*") == ["Transplant basics"]
    assert titles(searcher, "-transplant ") == ["Transplant basics"]
    assert titles(searcher, "nurse^") == ["Transplant basics"]
    assert titles(searcher, "(nurse)") == ["Transplant basics"]


# -- highlighting --------------------------------------------------------------------


def test_the_pattern_marks_the_forms_the_index_matches():
    pattern = highlight_pattern("transplanted Sjogren studies")
    assert pattern is not None
    text = (
        "A Transplant, TRANSPLANTATION and transplanted; Sjögren and Sjo\u0308gren; study, studies; "
        "but not plant, trans or prestudy."
    )
    found = [m.group(0) for m in pattern.finditer(text)]
    assert found == [
        "Transplant",
        "TRANSPLANTATION",
        "transplanted",
        "Sjögren",
        "Sjo\u0308gren",
        "study",
        "studies",
    ]
    assert highlight_pattern("🙂 ") is None


def test_spans_are_exactly_where_the_index_finds_the_words():
    text = "Sjögren's studies on a transplant, and the STUDY of transplantation plans."
    spans = highlight_spans(text, "sjogren study transplanted")
    assert [text[a:b] for a, b in spans] == ["Sjögren", "studies", "transplant", "STUDY", "transplantation"]
    phrase = highlight_spans("the blood counts and the counts of blood", '"blood counts"')
    assert phrase == [(4, 16)]
    assert highlight_spans("", "x") == [] and highlight_spans("text", "") == []


def test_a_word_matches_as_the_index_would_match_it():
    assert term_matches("Transplants", "transplanted")
    assert term_matches("transplantation", "transpl")  # the word being typed is a prefix
    assert not term_matches("transplantation", "transpl ")
    assert term_matches("SJÖGREN", "sjogren")
    assert not term_matches("plant", "transplant")
    assert not term_matches("kidney", "")


def test_marked_text_becomes_safe_html():
    marked = f'<script>alert(1)</script> & {MARK_START}<b>kidney</b>{MARK_END} "quoted" {MARK_START}open'
    html = marked_html(marked)
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>&lt;b&gt;kidney&lt;/b&gt;</b> "
        "&quot;quoted&quot; <b>open</b>"
    )
    plain, spans = marked_spans(marked)
    assert MARK_START not in plain and plain[spans[0][0] : spans[0][1]] == "<b>kidney</b>"
    assert highlight_html("5 < 6 & kidneys", "kidney") == "5 &lt; 6 &amp; <b>kidneys</b>"


# -- suggestions ---------------------------------------------------------------------


def test_no_matches_suggests_close_titles(searcher):
    assert titles(searcher, "kidny ") == []
    assert searcher.suggestions("kidny")[0] == "Kidney care"
    assert searcher.suggestions("fatige")[0] == "Fatigue"
    assert "Sjögren syndrome" in searcher.suggestions("sjogrn syndrom")
    assert searcher.suggestions("zzzzzz") == []
    assert searcher.suggestions("kidny", terms=["Kidney biopsy"])[0] == "Kidney biopsy"


def test_suggestions_rank_titles_sharing_more_words():
    found = suggestions(
        "blod tests for kidnies",
        ["Blood tests", "Kidney tests", "Blood tests for kidneys", "Diet"],
        limit=3,
    )
    assert found == ["Blood tests for kidneys", "Blood tests", "Kidney tests"]
    assert suggestions("x", ["Blood tests"]) == []
    assert suggestions("blood", ["Blood tests", "blood  TESTS"]) == ["Blood tests"]  # once


def test_suggestions_are_fast_enough_for_a_big_guide(tmp_path: Path):
    import time

    titles_ = [f"Section {n}: {topic}" for n in range(10_000) for topic in ["Fatigue and sleep"]]
    began = time.perf_counter()
    found = suggestions("fatige", titles_, limit=5)
    assert found and time.perf_counter() - began < 2.0
