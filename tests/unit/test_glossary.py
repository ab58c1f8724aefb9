"""Glossaries: the format and its checks, terms marked in the text (HTML in, HTML out), the glossary page."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lupus_reader.cli import check_pack_command
from lupus_reader.content.glossary import LONG_DEFINITION, MAX_FORM, Glossary, Term, parse_glossary
from lupus_reader.content.hyphenate import without_soft_hyphens
from lupus_reader.content.pack import PackError, load_pack
from lupus_reader.content.problems import Problem
from lupus_reader.content.render import Renderer, glossary_html
from lupus_reader.content.render_cache import ChapterPages, RenderCache, chapter_key
from lupus_reader.content.scan import make_slug

GLOSSARY = """\
[[term]]
name = "AHSCT"
aliases = ["autologous hematopoietic stem cell transplantation"]
definition = "Using your own blood-forming stem cells."

[[term]]
name = "autologous"
definition = "From your own body."

[[term]]
name = "flare"
aliases = ["flares", "flare-up"]
definition = "A time when lupus symptoms get worse."

[[term]]
name = "graft-versus-host disease"
aliases = ["GvHD"]
definition = "When donor cells attack the patient's body."
"""

GOOD_CHAPTER = "# One\n\nA flare is hard.\n"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture
def glossary() -> Glossary:
    problems: list[Problem] = []
    parsed = parse_glossary(GLOSSARY, "glossary.toml", problems)
    assert problems == []
    assert parsed is not None
    return parsed


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every glossary link in ``html``, its words as the reader sees them."""
    found = re.findall(r'<a class="glossary" href="([^"]*)" title="[^"]*">([^<]*)</a>', html)
    return [(href, without_soft_hyphens(text)) for href, text in found]


def render(renderer: Renderer, glossary: Glossary | None, text: str) -> str:
    return renderer.render_markdown(text, glossary=glossary).html


def run_check(path) -> tuple[int, str]:
    out = io.StringIO()
    code = check_pack_command(path, False, out)
    return code, out.getvalue()


# -- the format -----------------------------------------------------------------------------------


def test_a_glossary_has_terms_with_aliases_slugs_and_links(glossary):
    assert [term.name for term in glossary] == ["AHSCT", "autologous", "flare", "graft-versus-host disease"]
    gvhd = glossary.term("graft-versus-host-disease")
    assert gvhd is not None
    assert gvhd.href == "#glossary-graft-versus-host-disease"
    assert gvhd.aliases == ("GvHD",)
    assert gvhd.line == 15
    assert glossary.term_for_href("#glossary-flare") is glossary.term("flare")
    assert glossary.term_for_href("glossary-flare") is glossary.term("flare")
    assert glossary.term_for_href("#flare") is None
    assert glossary.term_for_form("  FLARE-up ") is glossary.term("flare")
    assert glossary.term_for_form("Autologous  hematopoietic\nstem cell transplantation").name == "AHSCT"


def test_a_percent_encoded_link_finds_a_term_written_in_another_script():
    glossary = Glossary([Term("זאבת", "מחלה אוטואימונית.")])
    assert glossary.term_for_href("#glossary-%D7%96%D7%90%D7%91%D7%AA") is glossary.terms[0]
    assert glossary.term_for_href("#glossary-זאבת") is glossary.terms[0]


def test_find_is_whole_word_case_insensitive_and_longest_first(glossary):
    text = "Flares, AHSCT's aim, autologous hematopoietic stem cell transplantation; flared; ahsctx; GVHD."
    found = [(match.group(), term.name) for match, term in glossary.find(text)]
    assert found == [
        ("Flares", "flare"),
        ("AHSCT", "AHSCT"),
        ("autologous hematopoietic stem cell transplantation", "AHSCT"),
        ("GVHD", "graft-versus-host disease"),
    ]
    assert glossary.replace("A flare-up after autologous cells.", "term") == "A term after term cells."


def naive_spans(forms: list[str], text: str) -> list[tuple[int, int]]:
    """What the matcher must find: leftmost, then longest, whole words, any case, spaces as white space."""
    alternatives = sorted(set(forms), key=len, reverse=True)
    pattern = "|".join(r"\s+".join(map(re.escape, form.split())) for form in alternatives)
    return [m.span() for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)]


_FORM = st.text(alphabet="abAB -", min_size=1, max_size=8).map(lambda f: " ".join(f.split()).strip("-"))
_FORMS = st.lists(_FORM.filter(lambda f: bool(re.fullmatch(r"\w(.*\w)?", f))), min_size=1, max_size=8)


@given(forms=_FORMS, text=st.text(alphabet="abAB -.\n", max_size=60))
def test_the_matcher_finds_what_a_plain_longest_first_search_finds(forms, text):
    glossary = Glossary([Term(form, "x") for form in dict.fromkeys(f.lower() for f in forms)])
    assert [m.span() for m, _ in glossary.find(text)] == naive_spans(list(glossary_forms(glossary)), text)


def glossary_forms(glossary: Glossary) -> list[str]:
    return [form for term in glossary for form in term.forms]


def test_thousands_of_terms_are_matched_quickly():
    terms = [Term(f"term{i} word{i}", "x", (f"alias{i}",)) for i in range(3000)]
    text = " ".join(f"filler{i} text" for i in range(5000)) + " term2999 word2999 and alias7."
    found = [(m.group(), t.name) for m, t in Glossary(terms).find(text)]
    assert found == [("term2999 word2999", "term2999 word2999"), ("alias7", "term7 word7")]


def test_the_longest_allowed_form_is_matched():
    form = "a" * (MAX_FORM - 1) + "z"
    glossary = Glossary([Term(form, "x")])
    assert [m.group() for m, _ in glossary.find(f"x {form.upper()} y")] == [form.upper()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[[term\n", "glossary.toml:1: error: not valid TOML", id="not TOML"),
        pytest.param(
            "title = 'x'\n", "glossary.toml:1: error: the glossary has no [[term]] entries", id="empty"
        ),
        pytest.param(
            "[[term]]\ndefinition = 'x'\n",
            "glossary.toml:1: error: each [[term]] needs a 'name' (a non-empty string)",
            id="no name",
        ),
        pytest.param(
            "[[term]]\nname = 'A'\n\n[[term]]\nname = 'B'\ndefinition = '  '\n",
            "glossary.toml:6: error: term 'B' needs a 'definition'",
            id="blank definition",
        ),
        pytest.param(
            "[[term]]\nname = 'A'\ndefinition = 'x'\naliases = 'a'\n",
            "glossary.toml:4: error: 'aliases' of term 'A' must be a list of non-empty strings",
            id="aliases not a list",
        ),
        pytest.param(
            "[[term]]\nname = 'A'\ndefinition = 'x'\naliases = ['b']\n\n"
            "[[term]]\nname = 'B'\ndefinition = 'y'\n",
            "glossary.toml:6: error: 'B' of term 'B' is already a name or alias of term 'A'",
            id="form of two terms",
        ),
        pytest.param(
            "[[term]]\nname = 'a b'\ndefinition = 'x'\n\n[[term]]\nname = 'a-b'\ndefinition = 'y'\n",
            "glossary.toml:5: error: terms 'a b' and 'a-b' have the same id 'a-b'",
            id="same slug",
        ),
        pytest.param(
            "[[term]]\nname = '(A)'\ndefinition = 'x'\n",
            "glossary.toml:1: error: '(A)' of term '(A)' must start and end with a letter or digit",
            id="cannot be matched",
        ),
    ],
)
def test_a_broken_glossary_is_an_error_at_its_line(text, expected):
    problems: list[Problem] = []
    assert parse_glossary(text, "glossary.toml", problems) is None
    assert any(str(problem).startswith(expected) for problem in problems), [str(p) for p in problems]


def test_small_slips_are_warnings_and_the_glossary_stays(glossary):
    text = (
        'version = 2\n\n[[term]]\nname = "A"\ncolour = "red"\n'
        f'aliases = ["a"]\ndefinition = "{"word " * (LONG_DEFINITION // 5 + 1)}"\n'
    )
    problems: list[Problem] = []
    parsed = parse_glossary(text, "words.toml", problems)

    assert parsed is not None and parsed.terms[0].aliases == ()
    assert [str(p).split(": ", 2)[:2] for p in problems] == [
        ["words.toml:1", "warning"],
        ["words.toml:5", "warning"],
        ["words.toml:7", "warning"],
        ["words.toml:6", "warning"],
    ]
    assert "unknown field 'version'" in problems[0].message
    assert "unknown field 'colour' in term 'A'" in problems[1].message
    assert "keep it under" in problems[2].message
    assert "lists 'a' twice" in problems[3].message


# -- in a pack ------------------------------------------------------------------------------------


def test_check_pack_reports_glossary_problems_as_file_line_errors(make_pack, manifest):
    broken = "[[term]]\nname = 'flare'\n"
    folder = make_pack(
        {"pack.toml": manifest(glossary="words.toml"), "one.md": GOOD_CHAPTER, "words.toml": broken}
    )
    code, out = run_check(folder)

    assert code == 1
    assert "words.toml:1: error: term 'flare' needs a 'definition'" in out.splitlines()


def test_the_reader_opens_a_pack_with_a_broken_glossary_without_it(make_pack, manifest):
    folder = make_pack(
        {"pack.toml": manifest(glossary="words.toml"), "one.md": GOOD_CHAPTER, "words.toml": "[[x"}
    )
    pack = load_pack(folder)

    assert pack.glossary is None
    assert [p.severity for p in pack.warnings] == ["warning"]
    assert pack.warnings[0].file == "words.toml"
    assert pack.warnings[0].message.endswith("(the guide opens without its glossary)")
    # Other errors still stop the pack.
    folder = make_pack(
        {"pack.toml": manifest(glossary="words.toml", omit=("id",)), "words.toml": "[[x"}, "two"
    )
    with pytest.raises(PackError):
        load_pack(folder)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("missing.toml", "glossary file 'missing.toml' is missing"),
        ("../words.toml", "glossary '../words.toml' is outside the pack"),
        ("one.md", "glossary 'one.md' is not a TOML (.toml) file"),
        (5, "field 'glossary' must name a file, such as \"glossary.toml\""),
    ],
)
def test_a_bad_glossary_field_is_an_error_in_the_manifest(make_pack, manifest, value, message):
    folder = make_pack({"pack.toml": manifest(glossary=value), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    line = manifest(glossary=value).splitlines().index(f"glossary = {value!r}".replace("'", '"')) + 1
    assert f"pack.toml:{line}: error: {message}" in out.splitlines()
    assert load_pack(folder).glossary is None  # the reader still opens it


def test_a_pack_without_manifest_uses_its_glossary_toml(make_pack):
    folder = make_pack({"one.md": GOOD_CHAPTER, "glossary.toml": GLOSSARY})
    pack = load_pack(folder)
    assert pack.glossary is not None and len(pack.glossary) == 4


def test_an_unnamed_glossary_toml_is_pointed_out(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(), "one.md": GOOD_CHAPTER, "glossary.toml": GLOSSARY})
    pack = load_pack(folder)

    assert pack.glossary is None
    assert [str(p) for p in pack.warnings] == [
        'pack.toml:1: warning: glossary.toml is not used: name it in pack.toml (glossary = "glossary.toml")'
    ]


def test_a_zipped_pack_carries_its_glossary(make_zip, manifest):
    files = {"pack.toml": manifest(glossary="terms/words.toml"), "one.md": GOOD_CHAPTER}
    archive = make_zip({**files, "terms/words.toml": GLOSSARY}, folder="guide")
    pack = load_pack(archive)
    assert pack.glossary is not None and pack.glossary.file == "terms/words.toml"
    assert links(Renderer().render_chapter(pack, pack.chapters[0]).html) == [("#glossary-flare", "flare")]


# -- marking terms in the text ----------------------------------------------------------------------


def test_the_first_occurrence_per_section_becomes_a_link_with_its_definition(renderer, glossary):
    html = render(
        renderer, glossary, "# One\n\nA flare, another flare.\n\nFlares again.\n\n## Two\n\nFLARE here.\n"
    )

    assert links(html) == [("#glossary-flare", "flare"), ("#glossary-flare", "FLARE")]
    assert (
        '<p>A <a class="glossary" href="#glossary-flare" title="A time when lupus symptoms get worse.">'
        "flare</a>, another flare.</p>"
    ) in html


def test_a_level_four_heading_does_not_start_a_new_section(renderer, glossary):
    html = render(
        renderer, glossary, "# One\n\nA flare.\n\n#### Detail\n\nA flare.\n\n### Three\n\nA flare.\n"
    )
    assert len(links(html)) == 2


def test_the_longest_form_wins_and_covers_the_words_inside_it(renderer, glossary):
    text = "# T\n\nThe name autologous hematopoietic stem cell transplantation is long. Autologous alone.\n"
    assert links(render(renderer, glossary, text)) == [
        ("#glossary-ahsct", "autologous hematopoietic stem cell transplantation"),
        ("#glossary-autologous", "Autologous"),
    ]


def test_a_form_split_across_lines_is_still_found(renderer, glossary):
    html = render(renderer, glossary, "# T\n\nThe risk of graft-versus-host\ndisease is lower.\n")
    assert links(html) == [("#glossary-graft-versus-host-disease", "graft-versus-host\ndisease")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# A flare\n\nNothing.\n", id="heading"),
        pytest.param("# T\n\nSee [the flare page](#x).\n", id="link"),
        pytest.param("# T\n\nType `flare` here.\n", id="code span"),
        pytest.param("# T\n\n```\nflare\n```\n", id="code block"),
        pytest.param("# T\n\nA <a href='#x'>flare</a> in raw HTML.\n", id="raw link"),
        pytest.param('# T\n\n!!! warning "A flare"\n    Nothing.\n', id="box title"),
        pytest.param("# T\n\n| flare |\n|---|\n| x |\n", id="table header"),
        pytest.param("# T\n\npreflare and flared and flare_up.\n", id="not whole words"),
    ],
)
def test_terms_are_not_marked_outside_running_text(renderer, glossary, text):
    assert links(render(renderer, glossary, text)) == []


def test_terms_are_marked_inside_emphasis_lists_tables_and_boxes(renderer, glossary):
    text = (
        "# T\n\n- **Flare**: worse.\n\n## U\n\n| a |\n|---|\n| GvHD |\n\n## V\n\n"
        '!!! warning "Note"\n    A flare-up.\n'
    )
    html = render(renderer, glossary, text)
    assert links(html) == [
        ("#glossary-flare", "Flare"),
        ("#glossary-graft-versus-host-disease", "GvHD"),
        ("#glossary-flare", "flare-up"),
    ]
    assert '<strong><a class="glossary" href="#glossary-flare"' in html


def test_a_hyphen_ends_a_word(renderer, glossary):
    # "HSC-based approaches" is about HSCs; a form that has a hyphen in it wins where it fits.
    html = render(renderer, glossary, "# T\n\nA flare-free year.\n\n## U\n\nA flare-up.\n")
    assert links(html) == [("#glossary-flare", "flare"), ("#glossary-flare", "flare-up")]


def test_text_after_raw_html_is_still_marked(renderer, glossary):
    html = render(renderer, glossary, "# T\n\nA <b>bold</b> word &amp; then a flare.\n")
    assert links(html) == [("#glossary-flare", "flare")]
    assert "<b>bold</b> word &amp; then a" in html


def test_the_link_survives_the_sanitiser_with_its_definition_escaped(renderer):
    glossary = Glossary([Term("flare", 'Worse "days" <script>x</script> & more.')])
    html = render(renderer, glossary, "# T\n\nA flare.\n")
    assert (
        '<a class="glossary" href="#glossary-flare" '
        'title="Worse &quot;days&quot; &lt;script&gt;x&lt;/script&gt; &amp; more.">flare</a>'
    ) in html
    assert "<script" not in html


def test_without_a_glossary_nothing_is_marked(renderer):
    assert 'class="glossary"' not in render(renderer, None, "# T\n\nA flare.\n")
    assert 'class="glossary"' not in render(renderer, Glossary([]), "# T\n\nA flare.\n")


# -- the cache and the glossary page --------------------------------------------------------------


def test_a_changed_glossary_never_reuses_an_old_page(tmp_path, make_pack, manifest, glossary):
    files = {"pack.toml": manifest(glossary="glossary.toml"), "one.md": GOOD_CHAPTER}
    first = load_pack(make_pack({**files, "glossary.toml": GLOSSARY}, "first"))
    changed = GLOSSARY.replace("A time when lupus symptoms get worse.", "When symptoms get worse.")
    second = load_pack(make_pack({**files, "glossary.toml": changed}, "second"))
    pages = ChapterPages(RenderCache(tmp_path / "cache"))
    assert 'title="A time when lupus symptoms get worse."' in pages.page(first, first.chapters[0]).html
    fresh = ChapterPages(RenderCache(tmp_path / "cache"))
    assert 'title="When symptoms get worse."' in fresh.page(second, second.chapters[0]).html

    base = chapter_key("en", ("one",), GOOD_CHAPTER)
    assert chapter_key("en", ("one",), GOOD_CHAPTER, glossary.fingerprint) != base
    assert first.glossary is not None and second.glossary is not None
    assert first.glossary.fingerprint != second.glossary.fingerprint


def test_the_glossary_page_lists_every_term_alphabetically(make_pack, manifest):
    folder = make_pack(
        {"pack.toml": manifest(glossary="glossary.toml"), "one.md": GOOD_CHAPTER, "glossary.toml": GLOSSARY}
    )
    page = glossary_html(load_pack(folder))

    assert page.startswith('<html lang="en" dir="ltr">')
    assert '<h1 id="glossary">Glossary</h1>' in page
    assert re.findall(r'<dt id="([^"]*)">', page) == [
        "glossary-ahsct",
        "glossary-autologous",
        "glossary-flare",
        "glossary-graft-versus-host-disease",
    ]
    assert '<dd class="glossary-aliases">Also called: flares, flare-up</dd>' in page
    assert "<dd>From your own body.</dd>" in page


def test_the_glossary_page_is_sanitised_and_says_when_there_is_none(make_pack, manifest):
    evil = '[[term]]\nname = "x"\ndefinition = "<img src=\\"https://e.org/a.png\\"> <b>b</b>"\n'
    folder = make_pack({"pack.toml": manifest(glossary="g.toml"), "one.md": GOOD_CHAPTER, "g.toml": evil})
    page = glossary_html(load_pack(folder))
    # A definition is plain text: markup in it shows as written and loads nothing.
    assert "<img" not in page and "<b>b</b>" not in page
    assert "&lt;img src=" in page and "&lt;b&gt;b&lt;/b&gt;" in page

    plain = make_pack({"pack.toml": manifest(), "one.md": GOOD_CHAPTER}, "plain")
    assert "<p>This guide has no glossary.</p>" in glossary_html(load_pack(plain))


# -- the bundled guide ----------------------------------------------------------------------------

REQUIRED = [
    "AHSCT",
    "HSC",
    "MSC",
    "autologous",
    "allogeneic",
    "immunoablation",
    "conditioning",
    "graft-versus-host disease",
    "remission",
    "flare",
    "rheumatologist",
    "SLE",
]


def test_the_bundled_guide_defines_the_words_a_patient_meets(bundled_pack):
    pack = load_pack(bundled_pack)
    assert pack.warnings == []
    assert pack.glossary is not None
    names = {term.name for term in pack.glossary}
    assert set(REQUIRED) <= names
    text = "\n".join(chapter.text for chapter in pack.chapters)
    for term in pack.glossary:
        assert any(True for _ in pack.glossary.find(text) if _[1] is term), f"{term.name} is never used"
        assert len(term.definition) <= LONG_DEFINITION
        assert make_slug(term.name) == term.slug


def test_the_bundled_guide_marks_its_terms(bundled_pack, renderer):
    pack = load_pack(bundled_pack)
    html = renderer.render_chapter(pack, pack.chapters[3]).html  # 04-ahsct.md
    assert links(html)[:2] == [("#glossary-ahsct", "AHSCT"), ("#glossary-autologous", "Autologous")]
    # Once per section: the second section marks AHSCT again, then never twice.
    assert [href for href, _ in links(html)].count("#glossary-ahsct") == 2
