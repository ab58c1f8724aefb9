"""Anything typed is a valid query, split as the index splits text; highlights; close titles."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lupus_reader.content.pack import ContentPack, load_pack
from lupus_reader.search import (
    MARK_END,
    MARK_START,
    Searcher,
    Suggester,
    highlight_spans,
    marked_html,
    marked_spans,
    parse_query,
)
from lupus_reader.search.query import MAX_QUERY_CHARS, MAX_TERMS
from lupus_reader.search.text import section_rows
from lupus_reader.search.tokens import RAW_TOKENIZE, TOKENIZE, split_words
from lupus_reader.storage.memory import open_memory_database
from lupus_reader.storage.stores import NoteStore, QuestionStore
from tests.unit.search_guide import open_searcher, titles, write_guide

NOTE = 'kidney "AND" (NEAR) * 🙂 👍'


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> ContentPack:
    return load_pack(write_guide(tmp_path_factory.mktemp("search") / "guide"))


@pytest.fixture(scope="module")
def searcher(pack: ContentPack, tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    """The test guide, with a note and a question of the reader's own beside it."""
    library = open_memory_database()
    NoteStore(library).save(None, "care", "care/01-care/energy", "Energy", "", NOTE)
    QuestionStore(library).add_mine("care", "Is my kidney OK?")
    return open_searcher(pack, tmp_path_factory.mktemp("cache"), library.connection)


def found(searcher: Searcher, text: str) -> list[str]:
    return [f"{hit.kind}: {hit.title}" for hit in searcher.search(text).hits]


KIDNEY = [
    "note: Energy",
    "question: Is my kidney OK?",
    "section: Kidney care",
    "section: Sjögren syndrome",
    "section: Blood tests",
    "section: Transplant basics",
    "section: Energy",
]
# What each hostile text finds: its words, as words (never as operators), or the
# text as it stands when it holds no word at all.
HOSTILE = {
    "": [],
    " ": [],
    '"': [],  # a phrase begun, nothing in it yet
    '""': [],
    '"""': [],
    "AND(": [  # "and", as a word
        "note: Energy",
        "section: Living with lupus",
        "section: Sjögren syndrome",
        "section: Fatigue",
        "section: Sleep",
        "section: Transplant basics",
    ],
    "kidney AND(": ["note: Energy", "section: Sjögren syndrome", "section: Transplant basics"],
    "*": ["note: Energy"],  # no word: the note that holds a "*"
    "**": [],
    "NEAR": ["note: Energy"],
    "NEAR(kidney lupus, 2)": [],  # four words that no text holds all of
    "kidney OR": ["section: Transplant basics"],  # "or…" as in "organ", in the Kidney care chapter
    "NOT kidney": ["section: Energy"],  # "is not laziness", under Kidney care
    "-": [],
    "-kidney": KIDNEY,
    "^kidney": KIDNEY,
    "kidney:": KIDNEY,
    "\ud800kidney": KIDNEY,
    "\x02kidney\x03": KIDNEY,
    "kidney " * 2_000: KIDNEY,
    "title:kidney": [],  # the phrase "title kidney"
    "{title}: kidney": [],
    "(((": [],
    ")": ["note: Energy"],  # "(NEAR)"
    "'; DROP TABLE sections; --": [],
    "\x00": [],
    "\u200b\u200b": [],
    "x" * 10_000: [],
    "a" * 300 + " kidney": [],
    "\\": [],
    "%_": [],
    "🙂": ["note: Energy", "section: Fatigue"],  # the index keeps 🙂 as a word
    "kidney 🙂": ["note: Energy"],
    "👍": ["note: Energy", "section: Sleep"],  # the index drops 👍: found as it stands
    "☺": [],
}


@pytest.mark.parametrize("text", list(HOSTILE), ids=range(len(HOSTILE)))
def test_hostile_queries_find_their_words(searcher, pack, text):
    result = searcher.search(text)
    assert found(searcher, text) == HOSTILE[text]
    assert searcher.broken() == []
    # Every section found holds every word searched for (as the index reads it).
    rows = {row[1]: " ".join(row[2:]) for row in section_rows(pack)}
    for hit in result.hits:
        if hit.kind == "section" and not result.query.literal:
            for term in result.query.terms:
                assert highlight_spans(rows[hit.section_id], parse_query(" ".join(term.words) + "*"))
    searcher.suggestions(text)


@given(st.text(max_size=400))
def test_any_text_searches_without_an_error(searcher, text):
    result = searcher.search(text)
    assert all(hit.kind in ("section", "note", "question") for hit in result.hits)
    assert searcher.broken() == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_every_query_is_valid_fts5(text):
    expression = parse_query(text).fts()
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = '{TOKENIZE}')")
    if expression:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


def _fts5_tokens(text: str) -> list[str]:
    """How SQLite's FTS5 reads ``text``: its tokens (folded, not stemmed), in order."""
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, tokenize = '{RAW_TOKENIZE}')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    connection.execute("INSERT INTO t (a) VALUES (?)", (text,))
    return [row[0] for row in connection.execute("SELECT term FROM v ORDER BY offset")]


# Letters, marks, numbers, symbols (emoji), private use, unassigned: where Python and SQLite disagree.
SCRIPTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZé9 -_'\"🙂👍🏽☺€\u0308\u200b\ue000𝐀𐐀ѐ\u0378\U000e0001"),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=60,
)


@given(SCRIPTS)
def test_queries_are_split_into_words_exactly_where_fts5_splits_text(text):
    words = split_words(text)
    assert [token for word in words for token in _fts5_tokens(word)] == _fts5_tokens(text)
    assert all(len(_fts5_tokens(word)) <= 1 for word in words)


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
    assert parse_query("☺ ** --").terms == ()
    assert parse_query("🙂 👍 ").fts() == '"🙂"'  # as the index: 🙂 is a word, 👍 is not


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


def test_emoji_are_found_as_the_index_keeps_them(searcher):
    assert titles(searcher, "🙂 ", kinds=["section"]) == ["Fatigue"]
    assert titles(searcher, '"count 🙂"') == ["Fatigue"]
    assert titles(searcher, '"wins 🙂"') == []  # a phrase: the emoji counts, and here it is not next
    hit = searcher.search("🙂", kinds=["section"]).hits[0]
    assert f"{MARK_START}🙂{MARK_END}" in hit.snippet


def test_text_without_a_word_is_found_as_it_stands(searcher):
    result = searcher.search("👍")
    assert result.query.literal == "👍"
    note, section = result.hits
    assert (note.kind, section.kind, section.title) == ("note", "section", "Sleep")
    assert f"{MARK_START}👍{MARK_END}" in section.snippet and f"{MARK_START}👍{MARK_END}" in note.snippet
    assert section.breadcrumb == "Living with lupus › Fatigue › Sleep"
    assert [hit.kind for hit in searcher.search("%").hits] == []  # LIKE's wildcards are plain text
    text = "A good night 👍 helps 👍."
    assert [text[a:b] for a, b in highlight_spans(text, "👍")] == ["👍", "👍"]


# -- highlighting --------------------------------------------------------------------


def test_spans_are_exactly_where_the_index_finds_the_words():
    text = "Sjögren's studies on a transplant, and the STUDY of transplantation plans."
    spans = highlight_spans(text, "sjogren study transplanted")
    assert [text[a:b] for a, b in spans] == ["Sjögren", "studies", "transplant", "STUDY", "transplantation"]
    phrase = highlight_spans("the blood counts and the counts of blood", '"blood counts"')
    assert phrase == [(4, 16)]
    assert highlight_spans("", "x") == [] and highlight_spans("text", "") == []


def test_the_words_a_half_typed_word_becomes_are_highlighted(searcher):
    query = searcher.search("duri").query
    text = "Before, during and after."
    assert [text[a:b] for a, b in highlight_spans(text, query)] == ["during"]


def test_marked_text_becomes_safe_html():
    marked = f'<script>alert(1)</script> & {MARK_START}<b>kidney</b>{MARK_END} "quoted" {MARK_START}open'
    html = marked_html(marked)
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>&lt;b&gt;kidney&lt;/b&gt;</b> "
        "&quot;quoted&quot; <b>open</b>"
    )
    plain, spans = marked_spans(marked)
    assert MARK_START not in plain and plain[spans[0][0] : spans[0][1]] == "<b>kidney</b>"
    assert marked_html(f"{MARK_START}Transplant{MARK_END} basics", tag="u") == "<u>Transplant</u> basics"


# -- suggestions ---------------------------------------------------------------------


def test_no_matches_suggests_close_titles(searcher):
    assert titles(searcher, "kidny ") == []
    assert searcher.suggestions("kidny")[0] == "Kidney care"
    assert searcher.suggestions("fatige")[0] == "Fatigue"
    assert "Sjögren syndrome" in searcher.suggestions("sjogrn syndrom")
    assert searcher.suggestions("zzzzzz") == []
    assert searcher.suggestions("kidny", terms=["Kidney biopsy"])[0] == "Kidney biopsy"
    assert searcher.suggestions("kidny", terms=["Kidney biopsy"])[0] == "Kidney biopsy"  # remembered
    assert searcher.suggestions("kidny", terms=["Kidney stones"])[0] == "Kidney stones"  # other terms
    assert searcher.suggestions("kidny")[0] == "Kidney care"


def test_suggestions_rank_titles_sharing_more_words():
    titles_ = ["Blood tests", "Kidney tests", "Blood tests for kidneys", "Diet"]
    found_ = Suggester(titles_).suggest("blod tests for kidnies", limit=3)
    assert found_ == ["Blood tests for kidneys", "Blood tests", "Kidney tests"]
    assert Suggester(["Blood tests"]).suggest("x") == []
    assert Suggester(["Blood tests", "blood  TESTS"]).suggest("blood") == ["Blood tests"]  # once
