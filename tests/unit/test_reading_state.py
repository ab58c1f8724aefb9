"""The reader's place between runs: round trip, damaged files give defaults, writes are atomic."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lupus_reader.history import MAX_ENTRIES, Location
from lupus_reader.state import STATE_FILE, ReadingState, load_state, save_state


def sample_state() -> ReadingState:
    return ReadingState(
        section_id="lupus-stem-cell-therapy/04-ahsct/why-doctors-study-ahsct",
        offset=0.375,
        zoom=125,
        geometry="AdnQywADAAAAAAAA",
        splitter="AAAA/wAAAAEAAAAC",
        back=[Location("p/a/one", 0.0), Location("p/b/two", 0.5)],
        forward=[Location("p/c/three", 1.0)],
    )


def test_round_trip(tmp_path):
    save_state(tmp_path, sample_state())

    assert load_state(tmp_path) == sample_state()


def test_save_creates_the_folder(tmp_path):
    folder = tmp_path / "new" / "data"
    save_state(folder, sample_state())

    assert load_state(folder) == sample_state()


def test_saved_file_is_plain_json(tmp_path):
    save_state(tmp_path, sample_state())
    data = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))

    assert data["zoom"] == 125
    assert data["back"] == [["p/a/one", 0.0], ["p/b/two", 0.5]]


def test_missing_file_gives_defaults(tmp_path):
    assert load_state(tmp_path / "nothing-here") == ReadingState()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"not json at all",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'"a string"',
        b"null",
        b'{"section_id": 12, "offset": "far", "zoom": "big", "geometry": [], "back": "x", "forward": 5}',
    ],
    ids=["empty", "truncated", "not json", "not utf-8", "a list", "a string", "null", "wrong types"],
)
def test_damaged_file_gives_defaults(tmp_path, content):
    (tmp_path / STATE_FILE).write_bytes(content)

    assert load_state(tmp_path) == ReadingState()


def test_state_file_that_is_a_folder_gives_defaults(tmp_path):
    (tmp_path / STATE_FILE).mkdir()

    assert load_state(tmp_path) == ReadingState()


@pytest.mark.parametrize("zoom", [0, 10, 49, 301, 10_000, -100, 125.5, True, None])
def test_out_of_range_or_odd_zoom_gives_the_default(tmp_path, zoom):
    (tmp_path / STATE_FILE).write_text(json.dumps({"section_id": "p/a/b", "zoom": zoom}), encoding="utf-8")
    state = load_state(tmp_path)

    assert state.zoom == 100
    assert state.section_id == "p/a/b"  # the good parts are kept


@pytest.mark.parametrize(("offset", "expected"), [(-1, 0.0), (2.5, 1.0), (0.25, 0.25), (1, 1.0), (True, 0.0)])
def test_offset_is_clamped_to_a_fraction(tmp_path, offset, expected):
    (tmp_path / STATE_FILE).write_text(json.dumps({"offset": offset}), encoding="utf-8")

    assert load_state(tmp_path).offset == expected


def test_bad_history_entries_are_dropped_and_good_ones_kept(tmp_path):
    data = {
        "back": [["p/a/b", 0.5], "junk", [1, 0.5], ["p/c/d"], ["p/e/f", 7], ["p/g/h", "x"], None],
        "forward": [["p/i/j", 0.1]],
    }
    (tmp_path / STATE_FILE).write_text(json.dumps(data), encoding="utf-8")
    state = load_state(tmp_path)

    assert state.back == [Location("p/a/b", 0.5), Location("p/e/f", 1.0), Location("p/g/h", 0.0)]
    assert state.forward == [Location("p/i/j", 0.1)]


def test_long_history_is_capped_on_load(tmp_path):
    data = {"back": [[f"p/a/{n}", 0.0] for n in range(250)]}
    (tmp_path / STATE_FILE).write_text(json.dumps(data), encoding="utf-8")
    state = load_state(tmp_path)

    assert len(state.back) == MAX_ENTRIES
    assert state.back[-1] == Location("p/a/249", 0.0)  # the newest are kept


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    save_state(tmp_path, sample_state())
    before = (tmp_path / STATE_FILE).read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        save_state(tmp_path, ReadingState(section_id="p/x/y", zoom=200))

    assert (tmp_path / STATE_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    save_state(tmp_path, sample_state())
    before = (tmp_path / STATE_FILE).read_bytes()

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output"):
        save_state(tmp_path, ReadingState(section_id="p/x/y"))

    assert (tmp_path / STATE_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_raises_and_keeps_the_old_file(tmp_path):
    save_state(tmp_path, sample_state())
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OSError):
            save_state(tmp_path, ReadingState(section_id="p/x/y"))
    finally:
        tmp_path.chmod(0o700)

    assert load_state(tmp_path) == sample_state()


def test_the_state_file_is_never_half_written(tmp_path, monkeypatch):
    """While a save is in progress the old file stays whole; the new one appears in one step."""
    save_state(tmp_path, sample_state())
    seen: list[ReadingState] = []
    real_replace = os.replace

    def watching_replace(src: str | Path, dst: str | Path) -> None:
        seen.append(load_state(tmp_path))  # what a crash at this moment would leave
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watching_replace)
    save_state(tmp_path, ReadingState(section_id="p/new/place", zoom=150))

    assert seen == [sample_state()]
    assert load_state(tmp_path) == ReadingState(section_id="p/new/place", zoom=150)
