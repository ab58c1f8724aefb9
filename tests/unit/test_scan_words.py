"""The chapter scanner: word counts, line numbers, links and raw tags an author is told about."""

from __future__ import annotations

import pytest

from lupus_reader.content.pack import load_pack
from lupus_reader.content.scan import count_words, scan_chapter


def test_bundled_pack_word_counts_are_positive_and_add_up(bundled_pack):
    pack = load_pack(bundled_pack)

    for chapter in pack.chapters:
        words = [chapter.section_words(s) for s in chapter.sections]
        assert all(count > 0 for count in words), chapter.file
        assert sum(words) == chapter.words, chapter.file
    assert pack.words == sum(c.words for c in pack.chapters)


@pytest.mark.parametrize(
    "text",
    [
        "Intro words first.\n\n# One\n\nalpha beta\n\n## Two\n\ngamma\n",
        "Title\n=====\n\none two three\n\nSub\n---\n\nfour\n",
        "# A\n\n```\ncode words do not count\n```\n\nreal words\n\n# B\n\nmore\n",
        "# A\n\n#### Minor heading\n\nwords here\n",
        "No headings, just five words.\n",
    ],
)
def test_section_words_sum_to_the_chapter(make_pack, manifest, text):
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))
    chapter = pack.chapters[0]

    assert chapter.words > 0
    assert sum(chapter.section_words(s) for s in chapter.sections) == chapter.words


def test_words_belong_to_the_section_above_them():
    scan = scan_chapter("lead in\n\n# One\n\na b c\n\n## Two\n\nd e\n\n### Three\n\nf\n")

    assert [(h.title, h.words) for h in scan.headings] == [("One", 5), ("Two", 2), ("Three", 1)]
    assert scan.words == 8


def test_heading_text_and_code_are_not_counted_as_words():
    scan = scan_chapter("# Many Words In This Title\n\none two\n\n```\nx y z\n```\n")

    assert scan.words == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Stem-cell therapy isn't routine.", 4),
        ("**Bold** and _soft_ `code`", 4),
        ("[Link text](other.md) here", 3),
        ("Números e acentuação: três", 4),
        ("— … !!!", 0),
        ("Numbers like 2026 count", 4),
    ],
)
def test_count_words(text, words):
    from lupus_reader.content.scan import plain_text

    assert count_words(plain_text(text)) == words


def test_line_numbers_follow_newlines_only():
    # Form feeds and Unicode line separators are not new lines to an editor or to Markdown.
    scan = scan_chapter("# A\r\n\r\ntext\x0cmore\u2028still\r\n\r\n[x](#nope)\n## B\n")

    assert [(h.title, h.line) for h in scan.headings] == [("A", 1), ("B", 6)]
    assert [(link.target, link.line) for link in scan.links] == [("#nope", 5)]


def test_links_and_images_are_found_with_their_lines():
    text = (
        "# A\n\n"
        'See [one](one.md) and ![pic](img/p.png "title").\n'
        "Also <https://example.org> and <someone@example.org>.\n"
        "`[not a link](x.md)`\n"
        "[ref]: ref.md\n"
    )
    scan = scan_chapter(text)

    assert [(link.target, link.line, link.is_image) for link in scan.links] == [
        ("one.md", 3, False),
        ("img/p.png", 3, True),
        ("https://example.org", 4, False),
        ("mailto:someone@example.org", 4, False),
        ("ref.md", 6, False),
    ]
    assert scan.raw_tags == ()


def test_raw_tags_are_found_outside_code():
    scan = scan_chapter('# A\n\n<div class="x">\n\n`<script>`\n\n```\n<iframe>\n```\n')

    assert [(t.tag, t.attributes.strip(), t.line) for t in scan.raw_tags] == [("div", 'class="x"', 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Intro words first.\n\n# One\n\nalpha [a link](two.md#x) beta <b>raw</b>\n\n"
        "## Two\n\ngamma `code` <x@y.z>\n",
        "Title\n=====\n\none two three\n\nSub\n---\n\nfour\n",
        "# A\n\n```\ncode words do not count\n```\n\nreal words\n\n# B {#b}\n\nmore\n\n# B\n\nagain\n",
        "No headings, just five words.\n",
    ],
)
def test_the_word_count_alone_agrees_with_the_whole_scan(text: str) -> None:
    """Reading times use scan_words (no link or raw-HTML rules); check-pack the whole scan."""
    from lupus_reader.content.scan import scan_words

    alone, whole = scan_words(text), scan_chapter(text)
    assert alone.words == whole.words
    assert [(h.slug, h.words) for h in alone.headings] == [(h.slug, h.words) for h in whole.headings]
    assert (alone.links, alone.raw_tags) == ((), ())


def test_a_reading_time_does_not_run_the_whole_scan(bundled_pack) -> None:
    pack = load_pack(bundled_pack)
    chapter = pack.chapters[2]
    assert pack.section_words(chapter.sections[0]) > 0
    assert chapter._details is None  # the link and raw-HTML scan is left for check-pack
