"""A kiosk's guides: exactly the listed packs (or the bundled guide), each opening, holding the start."""

from __future__ import annotations

from pathlib import Path

import pytest

from lupus_reader import resources
from lupus_reader.kiosk.content import content_problems, kiosk_pack_paths
from lupus_reader.kiosk.policy import KioskConfigError, hash_pin, load_policy
from tests.unit.conftest import MakePack, manifest_text

GUIDE = {"one.md": "# One\n\nSome text here.\n\n## Two\n\nMore text.\n"}


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")


@pytest.fixture
def guide(make_pack: MakePack) -> Path:
    return make_pack({"pack.toml": manifest_text(id="clinic-guide"), **GUIDE}, name="clinic-guide")


def settings(tmp_path: Path, pin_hash: str, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'{text}\npin_hash = "{pin_hash}"\n', encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(KioskConfigError) as caught:
        load_policy(path, check_content=True)
    return [caught.value.describe(problem) for problem in caught.value.problems]


def test_the_listed_packs_are_all_the_kiosk_opens(guide):
    assert kiosk_pack_paths([guide]) == [guide]  # the bundled guide is not added


def test_no_packs_means_the_bundled_guide():
    assert kiosk_pack_paths([]) == resources.bundled_packs()


def test_guides_that_open_and_hold_the_start_section_pass(tmp_path, pin_hash, guide):
    path = settings(tmp_path, pin_hash, f'packs = ["{guide.name}"]\nstart_section = "clinic-guide/one/two"')

    policy = load_policy(path, check_content=True)

    assert policy.packs == (guide,) and policy.start_section == "clinic-guide/one/two"


def test_an_unknown_start_section_names_the_field_and_its_line(tmp_path, pin_hash, guide):
    path = settings(tmp_path, pin_hash, f'packs = ["{guide.name}"]\nstart_section = "clinic-guide/one/tow"')

    (problem,) = problems_of(path)

    assert problem.startswith(f'{path}:2: start_section: there is no section "clinic-guide/one/tow"')
    assert 'did you mean "clinic-guide/one/two"?' in problem


def test_the_bundled_guides_sections_are_not_there_when_other_packs_are_listed(tmp_path, pin_hash, guide):
    bundled_first = kiosk_pack_paths([])[0]
    first_section = "lupus-stem-cell-therapy/01-about/about-this-guide"
    assert content_problems([], first_section) == []  # in the bundled guide: fine without packs
    path = settings(tmp_path, pin_hash, f'packs = ["{guide}"]\nstart_section = "{first_section}"')

    assert bundled_first.name == "lupus-stem-cell-therapy"
    assert [p.split(": ")[1] for p in problems_of(path)] == ["start_section"]


def test_a_pack_that_does_not_open_is_named_by_its_item(tmp_path, pin_hash, guide, make_pack):
    broken = make_pack({"pack.toml": "id = [broken\n"}, name="broken")
    path = settings(tmp_path, pin_hash, f'theme = "dark"\npacks = [\n  "{guide}",\n  "{broken}",\n]')

    (problem,) = problems_of(path)

    assert problem.startswith(f"{path}:2: packs: item 2: the pack at {broken} cannot be opened: ")


def test_the_same_guide_twice_is_refused(tmp_path, pin_hash, guide, make_pack):
    copy = make_pack({"pack.toml": manifest_text(id="clinic-guide"), **GUIDE}, name="copy")
    path = settings(tmp_path, pin_hash, f'packs = ["{guide}", "{copy}"]')

    (problem,) = problems_of(path)

    assert "packs: items 1 and 2 are the same guide (clinic-guide); list each guide once" in problem


def test_kiosk_pin_does_not_open_the_guides(tmp_path, pin_hash):
    path = settings(tmp_path, pin_hash, 'start_section = "nowhere/at/all"')

    assert load_policy(path).start_section == "nowhere/at/all"  # only --kiosk checks it
    assert "start_section" in problems_of(path)[0]
