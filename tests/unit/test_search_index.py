"""Searching a guide: stems, prefixes, phrases, accents, title-first ranking, and the index cache."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from lupus_reader.content.pack import load_pack
from lupus_reader.search import Searcher, build_index, marked_html, plain_text, prepare_index
from lupus_reader.search.index import INDEX_FOLDER, index_file
from lupus_reader.search.pack_index import RANK_LIMIT
from lupus_reader.search.text import section_rows
from tests.unit.search_guide import guide_searcher, open_searcher, titles, write_guide


@pytest.fixture
def searcher(tmp_path: Path) -> Searcher:
    return guide_searcher(tmp_path / "guide", tmp_path / "cache")[1]


# -- what is found ----------------------------------------------------------------


def test_a_word_finds_its_other_forms(searcher):
    # "transplanted" and "transplants" stem to "transplant": whole words, typed with a space after.
    assert titles(searcher, "transplanted ") == ["Transplant basics"]
    assert titles(searcher, "transplants ") == ["Transplant basics"]
    assert "Kidney care" in titles(searcher, "kidney ")  # the text says "kidneys"


def test_the_word_being_typed_is_a_prefix_unless_a_space_follows(searcher):
    assert titles(searcher, "transpl") == ["Transplant basics"]
    assert titles(searcher, "transpl ") == []  # a finished word that is no word
    assert titles(searcher, "sjö") == ["Sjögren syndrome"]


def test_a_quoted_phrase_must_stand_as_written(searcher):
    assert titles(searcher, '"blood counts"') == ["Blood tests"]
    # The words alone are also in "Counts of blood cells" (Living with lupus).
    assert sorted(titles(searcher, "blood counts ")) == ["Blood tests", "Living with lupus"]
    assert titles(searcher, '"transplant nurse') == ["Transplant basics"]  # still typing the phrase


def test_accents_do_not_matter_either_way(searcher, tmp_path):
    assert titles(searcher, "Sjogren") == ["Sjögren syndrome"]
    assert titles(searcher, "SJÖGREN ") == ["Sjögren syndrome"]
    assert titles(searcher, "Sjo\u0308gren ") == ["Sjögren syndrome"]  # decomposed, as some keyboards send
    assert titles(searcher, "kídnéy ") == titles(searcher, "kidney ")


def test_title_hits_come_first(searcher):
    # "Energy" says fatigue five times; the section called "Fatigue" still leads.
    found = titles(searcher, "fatigue ")
    assert found[0] == "Fatigue"
    assert "Energy" in found


def test_every_word_must_match(searcher):
    assert titles(searcher, "sjogren transplant ") == []
    assert titles(searcher, "lupus mouth ") == ["Sjögren syndrome"]


def test_a_hit_says_where_it_is_and_marks_the_words(searcher):
    hit = searcher.search("nurse ").hits[0]

    assert hit.kind == "section"
    assert hit.pack_id == "care"
    assert hit.section_id == "care/01-care/transplant-basics"
    assert hit.breadcrumb == "Kidney care › Transplant basics"
    assert "\x02nurse\x03" in hit.snippet
    assert "<b>nurse</b>" in marked_html(hit.snippet)
    sleep = searcher.search("sleep ").hits[0]
    assert sleep.breadcrumb == "Living with lupus › Fatigue › Sleep"
    assert marked_html(sleep.title_marked) == "<b>Sleep</b>"


def test_markup_and_addresses_are_not_indexed(searcher):
    assert titles(searcher, "example ") == []  # <https://example.org/sleep>
    assert titles(searcher, "https ") == []
    assert titles(searcher, "md ") == []  # [Blood tests](01-care.md#blood-tests)
    sleep = searcher.search("sleep ").hits[0]
    assert "[" not in sleep.snippet and "](" not in sleep.snippet
    assert "Blood tests" in sleep.snippet


def test_a_half_typed_word_whose_stem_is_shorter_still_finds_it(searcher):
    # Porter turns "medication" into "medic", but "medicatio" into itself: the
    # index offers the whole words that begin so, and results do not vanish mid-word.
    assert titles(searcher, "medication") == ["Blood tests", "Energy"]
    result = searcher.search("medicatio")
    assert [h.title for h in result.hits] == ["Blood tests", "Energy"]
    assert result.terms == ("medicatio", "medication")
    # "during" is kept as "dure", which "duri" does not begin; in a phrase being typed too.
    assert titles(searcher, "duri") == ["Transplant basics"]
    assert titles(searcher, '"before, duri') == ["Transplant basics"]
    assert titles(searcher, "MEDICATIO") == ["Blood tests", "Energy"]


def test_every_prefix_of_every_word_of_the_bundled_guide_finds_its_sections():
    """Typing any word of the guide, from its third letter on, never loses a section that holds it."""
    from lupus_reader import resources

    pack = load_pack(resources.bundled_packs()[0])
    searcher = open_searcher(pack, None)
    holding: dict[str, set[str]] = {}
    for _, section_id, *columns in section_rows(pack):
        for word in re.findall(r"[^\W\d_]{3,}", " ".join(columns).lower()):
            holding.setdefault(word, set()).add(section_id)
    lost = []
    for word, sections in sorted(holding.items()):
        for end in range(3, len(word) + 1):
            result = searcher.search(word[:end], limit=len(pack.sections), kinds=["section"])
            missing = sections - {hit.section_id for hit in result.hits}
            if missing:
                lost.append((word[:end], word, len(missing)))
                break
    assert len(holding) > 500
    assert lost == []


def test_more_hits_than_the_limit(searcher):
    result = searcher.search("the", limit=2)
    assert len(result.hits) == 2
    assert result.sections_matched > 2 and not result.more_sections


def test_thousands_of_hits_put_title_hits_first_then_reading_order(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    parts = [f"## Part {n}\n\nCommon words.\n\n" for n in range(1, 1200)]
    parts[900] = "## Common ground\n\nCommon words.\n\n"
    parts[2] = "## Part 3\n\nCommon, common, common words.\n\n"  # bm25 would put it first
    (folder / "one.md").write_text("# Many\n\nIntro.\n\n" + "".join(parts), encoding="utf-8")
    searcher = open_searcher(load_pack(folder), None)

    result = searcher.search("common ", limit=4)

    assert result.more_sections and result.sections_matched == RANK_LIMIT + 1
    assert [hit.title for hit in result.hits] == ["Common ground", "Part 1", "Part 2", "Part 3"]


def test_kinds_and_packs_narrow_the_search(searcher):
    assert searcher.search("kidney", kinds=("note",)).hits == ()
    assert searcher.search("kidney", packs=["other"]).hits == ()
    result = searcher.search("kidney", packs=["care", "later"])
    assert result.hits and result.pending == ("later",)


def test_plain_text_keeps_the_words_and_drops_the_markup():
    markdown = (
        "Intro <!-- hidden --> with <b>bold</b>, <https://x.org/y> and [a link](http://e.com/a_(b)).\n\n"
        "```python\ncode_here = 1\n```\n\n| Head | Other |\n|------|:-----:|\n| cell | *two* |\n\n"
        "> **Remember:** snake_case, _emphasis_, \\*stars\\* &amp; more\n\n#### Small heading ####\n\n"
        "- item one\n1. numbered {#anchor .cls}\n\n[ref]: http://example.com\n"
    )
    assert plain_text(markdown) == (
        "Intro with bold, and a link. code_here = 1 Head Other cell two Remember: snake_case, "
        "emphasis, stars & more Small heading item one 1. numbered"
    )


# -- the cache ----------------------------------------------------------------------


def test_the_index_is_reused_while_the_guide_is_unchanged(tmp_path):
    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    first = prepare_index(load_pack(folder), cache)
    assert first is not None and first.built and first.path is not None
    stamp = first.path.stat().st_mtime_ns

    again = prepare_index(load_pack(folder), cache)  # as at the next start
    assert again is not None and not again.built
    assert again.path == first.path and first.path.stat().st_mtime_ns == stamp
    assert first.path.parent == cache / INDEX_FOLDER
    searcher = Searcher()
    searcher.attach(again)
    assert titles(searcher, "nurse ") == ["Transplant basics"]


def test_a_returning_start_finds_the_index_without_reading_the_chapters(tmp_path, monkeypatch):
    import lupus_reader.search.index as index_module

    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    first = prepare_index(load_pack(folder), cache)
    assert first is not None

    def no_reading(pack):  # type: ignore[no-untyped-def]
        raise AssertionError("every chapter was read and hashed")

    with monkeypatch.context() as patched:
        patched.setattr(index_module, "content_key", no_reading)
        again = prepare_index(load_pack(folder), cache)  # found by the files' size and time
    assert again is not None and not again.built and again.path == first.path and again.key == first.key

    chapter = folder / "01-care.md"
    os.utime(chapter, ns=(chapter.stat().st_atime_ns, chapter.stat().st_mtime_ns + 10**9))
    touched = prepare_index(load_pack(folder), cache)  # read and hashed: the same text, the same index
    assert touched is not None and not touched.built and touched.path == first.path


def test_an_edited_chapter_rebuilds_the_index_and_its_new_words_are_found(tmp_path):
    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    old = prepare_index(load_pack(folder), cache)
    chapter = folder / "02-living.md"
    chapter.write_text(chapter.read_text() + "\n## Hydroxychloroquine\n\nTaken daily.\n", encoding="utf-8")

    pack = load_pack(folder)
    new = prepare_index(pack, cache)

    assert old is not None and new is not None
    assert new.built and new.key != old.key and new.path != old.path
    searcher = Searcher()
    searcher.attach(new)
    assert titles(searcher, "hydroxychloroquine ") == ["Hydroxychloroquine"]


def test_a_changed_manifest_also_rebuilds(tmp_path):
    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    old = prepare_index(load_pack(folder), cache)
    (folder / "pack.toml").write_text((folder / "pack.toml").read_text().replace("1.0.0", "1.0.1"))

    new = prepare_index(load_pack(folder), cache)
    assert old is not None and new is not None and new.built and new.key != old.key


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"this is not a database at all" * 100,
        lambda data: data[: len(data) // 2],
        lambda data: data[:4096] + os.urandom(len(data) - 4096),
        lambda data: b"",
    ],
    ids=["garbage", "truncated", "scrambled", "empty"],
)
def test_a_damaged_cache_file_is_rebuilt_not_a_crash(tmp_path, damage):
    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    first = prepare_index(load_pack(folder), cache)
    assert first is not None and first.path is not None
    first.path.write_bytes(damage(first.path.read_bytes()))

    again = prepare_index(load_pack(folder), cache)

    assert again is not None and again.built and again.path == first.path
    searcher = Searcher()
    searcher.attach(again)
    assert titles(searcher, "nurse ") == ["Transplant basics"]


def test_without_a_cache_dir_the_index_lives_in_memory(tmp_path):
    _, searcher = guide_searcher(tmp_path / "guide", cache=None)
    assert titles(searcher, "nurse ") == ["Transplant basics"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide"]


def test_a_cache_dir_that_cannot_be_written_gives_an_index_in_memory(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    pack = load_pack(write_guide(tmp_path / "guide"))

    data = prepare_index(pack, blocked)

    assert data is not None and data.path is None and data.image
    searcher = Searcher()
    searcher.attach(data)
    assert titles(searcher, "nurse ") == ["Transplant basics"]


def test_old_indexes_of_a_pack_are_pruned(tmp_path):
    folder = write_guide(tmp_path / "guide")
    cache = tmp_path / "cache"
    made = []
    for number in range(5):
        (folder / "02-living.md").write_text(f"# Version {number}\n\nWords.\n", encoding="utf-8")
        data = prepare_index(load_pack(folder), cache)
        assert data is not None and data.path is not None
        os.utime(data.path, (number, number))  # in order, whatever the clock's resolution
        made.append(data.path)
    kept = sorted((cache / INDEX_FOLDER).iterdir())
    assert len(kept) == 3 and made[-1] in kept and made[0] not in kept


def test_building_reports_progress_and_can_be_cancelled(tmp_path):
    pack = load_pack(write_guide(tmp_path / "guide"))
    seen: list[tuple[int, int]] = []
    target = index_file(tmp_path / "cache", pack.id, "0" * 64)

    assert build_index(pack, target, progress=lambda done, total: seen.append((done, total))) is not None
    assert seen[0] == (0, len(pack.sections)) and seen[-1] == (len(pack.sections), len(pack.sections))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    target.unlink()
    assert build_index(pack, target, cancelled=lambda: True) is None
    big = load_pack(write_many(tmp_path / "big", 600))
    steps: list[int] = []
    stopped = build_index(big, target, lambda done, _: steps.append(done), lambda: len(steps) > 2)
    assert stopped is None and steps == [0, 250, 500]
    assert list(target.parent.iterdir()) == []  # no temp file left either
    assert build_index(big, None, cancelled=lambda: True) is None


def write_many(folder: Path, sections: int) -> Path:
    folder.mkdir(parents=True)
    body = "".join(f"## Part {n}\n\nWords about part {n}.\n\n" for n in range(1, sections))
    (folder / "one.md").write_text("# Many\n\n" + body, encoding="utf-8")
    return folder


def test_the_index_is_built_in_a_worker_and_searched_on_this_thread(tmp_path):
    pack = load_pack(write_many(tmp_path / "big", 600))
    made: list[object] = []
    worker = threading.Thread(target=lambda: made.append(prepare_index(pack, tmp_path / "cache")))
    worker.start()
    worker.join(timeout=60)

    searcher = Searcher()
    searcher.attach(made[0])  # type: ignore[arg-type]
    assert titles(searcher, "part 599 ") == ["Part 599"]


def test_a_file_damaged_while_open_is_reported_for_a_rebuild(tmp_path):
    pack = load_pack(write_many(tmp_path / "big", 600))
    data = prepare_index(pack, tmp_path / "cache")
    assert data is not None and data.path is not None
    searcher = Searcher()
    searcher.attach(data)
    size = data.path.stat().st_size
    with data.path.open("r+b") as handle:  # every page after the first
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))

    result = searcher.search("words ")

    assert isinstance(result.hits, tuple)
    assert searcher.broken() == [pack.id]
    searcher.attach(prepare_index(pack, tmp_path / "cache"))  # type: ignore[arg-type]
    assert searcher.broken() == [] and titles(searcher, "part 7 ")[0] == "Part 7"


def test_a_second_pack_is_searched_too(tmp_path):
    pack, searcher = guide_searcher(tmp_path / "guide", tmp_path / "cache")
    other = load_pack(write_many(tmp_path / "big", 3))
    data = prepare_index(other, tmp_path / "cache")
    assert data is not None
    searcher.attach(data)
    assert sorted(searcher.packs) == ["big", "care"]
    assert {hit.pack_id for hit in searcher.search("part").hits} == {"big"}
    searcher.detach("big")
    assert searcher.search("part").hits == ()
    assert open_searcher(pack, None).search("part").hits == ()
