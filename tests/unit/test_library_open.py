"""The packs a window shows: requested and bundled, failures, neighbours and reading progress."""

from __future__ import annotations

import itertools

import pytest

from lupus_reader.content.library import Library, PackFailure, open_library
from lupus_reader.content.pack import load_pack


def test_broken_requested_pack_is_reported_and_the_bundled_one_still_opens(make_pack, bundled_pack):
    broken = make_pack({"pack.toml": 'id = "x"\ntitle = [\n'})
    library, failures = open_library([broken], [bundled_pack])

    assert [p.id for p in library.packs] == ["lupus-stem-cell-therapy"]
    [failure] = failures
    assert isinstance(failure, PackFailure)
    assert failure.path == broken
    message = failure.describe()
    assert message.startswith(f"The content pack at {broken} could not be opened: pack.toml:")
    assert "not valid TOML" in message


def test_missing_requested_pack_is_reported(tmp_path, bundled_pack):
    missing = tmp_path / "nowhere.zip"
    library, failures = open_library([missing], [bundled_pack])

    assert len(library.packs) == 1
    assert [f.describe() for f in failures] == [
        f"The content pack at {missing} could not be opened: {missing}: error: {missing} does not exist"
    ]


def test_failure_message_counts_further_errors(make_pack, manifest, bundled_pack):
    broken = make_pack({"pack.toml": manifest(omit=("id", "title")), "one.md": "# One\n"})
    _, [failure] = open_library([broken], [bundled_pack])

    assert failure.describe().endswith("pack.toml:1: error: missing field 'id' (and 1 more)")


def test_requested_pack_with_the_same_id_replaces_the_bundled_one(make_pack, manifest, bundled_pack):
    newer = make_pack(
        {
            "pack.toml": manifest(id="lupus-stem-cell-therapy", title="Newer Edition", version="9.0"),
            "one.md": "# Updated\n\ntext\n",
        }
    )
    library, failures = open_library([newer], [bundled_pack])

    assert failures == []
    assert [(p.id, p.title) for p in library.packs] == [("lupus-stem-cell-therapy", "Newer Edition")]
    assert library.first_section().id == "lupus-stem-cell-therapy/one/updated"


def test_requested_packs_come_first(make_pack, manifest, bundled_pack):
    extra = make_pack({"pack.toml": manifest(id="extra"), "one.md": "# Extra\n"})
    library, _ = open_library([extra], [bundled_pack])

    assert [p.id for p in library.packs] == ["extra", "lupus-stem-cell-therapy"]
    assert library.first_section().id == "extra/one/extra"


def test_empty_library():
    library, failures = open_library([], [])

    assert library.packs == [] and failures == []
    assert library.first_section() is None
    assert library.find("x/y/z") is None


@pytest.fixture(scope="module")
def library(bundled_pack) -> Library:
    return Library([load_pack(bundled_pack)])


def test_find_across_packs(library):
    pack = library.packs[0]
    section = pack.sections[3]

    assert library.find(section.id) == (pack, section)
    assert library.find("lupus-stem-cell-therapy/no/such") is None
    assert library.find("other-pack/01-about/about-this-guide") is None


def test_neighbour_steps_through_sections_and_stops_at_the_ends(library):
    sections = library.packs[0].sections

    assert library.neighbour(sections[0].id, 1) is sections[1]
    assert library.neighbour(sections[1].id, -1) is sections[0]
    assert library.neighbour(sections[0].id, -1) is None
    assert library.neighbour(sections[-1].id, 1) is None
    assert library.neighbour(sections[-2].id, 1) is sections[-1]
    assert library.neighbour("nope/x/y", 1) is None
    # Next from the last section of a chapter is the first of the next chapter.
    last_of_first = library.packs[0].chapters[0].sections[-1]
    assert library.neighbour(last_of_first.id, 1) is library.packs[0].chapters[1].sections[0]


def test_progress_runs_from_zero_to_one_and_never_goes_back(library):
    pack = library.packs[0]
    sections = pack.sections

    assert library.progress(pack, sections[0], 0.0) == 0.0
    assert library.progress(pack, sections[-1], 1.0) == pytest.approx(1.0)
    readings = [
        library.progress(pack, section, fraction) for section in sections for fraction in (0.0, 0.5, 1.0)
    ]
    assert readings == sorted(readings)
    assert all(0.0 <= r <= 1.0 for r in readings)
    # The end of one section is the start of the next.
    for before, after in itertools.pairwise(sections):
        assert library.progress(pack, before, 1.0) == pytest.approx(library.progress(pack, after, 0.0))


def test_progress_weights_sections_by_their_length(make_pack, manifest):
    text = "# Short\n\none two\n\n# Long\n\n" + "word " * 98 + "\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))
    library = Library([pack])
    short, long = pack.sections
    total = short.size + long.size

    assert long.size > 20 * short.size
    assert library.progress(pack, long, 0.0) == pytest.approx(short.size / total)
    assert library.progress(pack, long, 0.5) == pytest.approx((short.size + long.size / 2) / total)


def test_adding_a_pack_with_the_same_id_replaces_it_and_its_progress(make_pack, manifest):
    first = load_pack(make_pack({"pack.toml": manifest(), "one.md": "# A\n\none\n\n# B\n\ntwo\n"}, "a"))
    second = load_pack(
        make_pack({"pack.toml": manifest(), "one.md": "# A\n\none two three\n\n# B\n\nfour\n"}, "b")
    )
    library = Library([first, second])

    assert library.packs == [second]
    a, b = second.sections
    assert (a.size, b.size) != tuple(s.size for s in first.sections)
    assert library.progress(second, b, 0.0) == pytest.approx(a.size / (a.size + b.size))
