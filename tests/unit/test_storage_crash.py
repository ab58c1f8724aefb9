"""Notes survive a writer killed mid-save, and two processes writing one library side by side."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import pytest

from lupus_reader.storage.db import LIBRARY_FILE, open_database
from lupus_reader.storage.stores import NoteStore
from tests.unit.storage_writer import digest, sealed, whole

WRITER = Path(__file__).with_name("storage_writer.py")
KILLS = 24
READY_TIMEOUT = 20.0

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

Reports = dict[int, dict[int, str]]  # note id -> revision -> sha256 of the text that save() returned


class Writer:
    """One storage_writer.py child; its stdout lines are collected by a thread as they come."""

    def __init__(self, library: Path, name: str, seed: int, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(library), name, str(seed), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if not line.endswith("\n"):
                break  # cut short by the kill: print() had not returned, so nothing was reported
            if line == "ready\n":
                self.ready.set()
            else:
                self.lines.append(line)
        self.ready.set()  # ended: do not keep anyone waiting

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.finish()

    def finish(self, timeout: float = 60) -> int:
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        return code

    def stderr(self) -> str:
        """What the child wrote to stderr (it is ended first if still running)."""
        if self.process.poll() is None:
            self.kill()
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def record(self, reports: Reports) -> int:
        for line in self.lines:
            word, note_id, revision, sha = line.split()
            assert word == "saved", line
            reports[int(note_id)][int(revision)] = sha
        return len(self.lines)


def check_nothing_lost(library: Path, reports: Reports) -> int:
    """Every reported save is there (that revision or a later one), texts whole, file intact."""
    assert reports, "no save was reported: the test proved nothing"
    with closing(sqlite3.connect(library)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    opened = open_database(library)
    assert opened.moved_aside is None
    try:
        notes = {note.id: note for note in NoteStore(opened.database).all()}
    finally:
        opened.database.close()
    for note_id, revisions in reports.items():
        assert note_id in notes, f"note {note_id} was reported saved and is gone"
        note, latest = notes[note_id], max(revisions)
        assert note.revision >= latest, f"note {note_id} went back from revision {latest} to {note.revision}"
        if note.revision in revisions:
            assert digest(note.text) == revisions[note.revision], f"note {note_id} has another text"
    half_written = [note.id for note in notes.values() if not whole(note.text)]
    assert not half_written
    texts = [note.text for note in notes.values()]
    assert len(texts) == len(set(texts)), "a save was stored twice"
    return len(notes)


@pytest.mark.slow
def test_notes_whose_save_returned_survive_sigkill_at_random_moments(tmp_path):
    library = tmp_path / LIBRARY_FILE
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    reports: Reports = defaultdict(dict)
    reported = 0
    started = time.monotonic()
    for round_ in range(KILLS):
        writer = Writer(library, f"w{round_}", seed + round_)
        if round_ % 4 == 3:
            # Now and then from the start, so a kill can land while the library opens.
            time.sleep(rng.uniform(0.02, 0.3))
        else:
            assert writer.ready.wait(READY_TIMEOUT), f"writer never got going (seed {seed})"
            assert writer.process.poll() is None, writer.stderr()
            time.sleep(rng.uniform(0.02, 0.3))
        writer.kill()
        assert writer.process.returncode == -signal.SIGKILL, f"{writer.stderr()} (seed {seed})"
        reported += writer.record(reports)
    elapsed = time.monotonic() - started

    count = check_nothing_lost(library, reports)

    assert reported >= KILLS, f"only {reported} saves in {KILLS} runs (seed {seed})"
    assert sorted(p.name for p in tmp_path.iterdir() if "damaged" in p.name) == []
    print(f"\n{KILLS} kills, {reported} saves reported, {count} notes kept, {elapsed:.1f} s, seed {seed}")


@pytest.mark.slow
def test_two_processes_save_side_by_side_without_losing_a_note(tmp_path):
    library = tmp_path / LIBRARY_FILE
    # A few notes both writers start from: each updates them with its own (soon stale)
    # revision, so one's update loses the race and must be kept as a note of its own.
    opened = open_database(library)
    store = NoteStore(opened.database)
    reports: Reports = defaultdict(dict)
    for index in range(3):
        note, _ = store.save(None, "pack", f"shared-{index}", "Title", "", sealed(f"shared {index}"))
        reports[note.id][note.revision] = digest(note.text)
    opened.database.close()

    writers = [
        Writer(library, name, seed, "--count", "200", "--wait-for-go") for name, seed in (("a", 1), ("b", 2))
    ]
    for writer in writers:
        assert writer.ready.wait(READY_TIMEOUT), writer.stderr()
    for writer in writers:  # both at once
        assert writer.process.stdin is not None
        writer.process.stdin.write("go\n")
        writer.process.stdin.flush()
    codes = [writer.finish() for writer in writers]

    assert codes == [0, 0], [writer.stderr() for writer in writers]
    assert [writer.record(reports) for writer in writers] == [200, 200]
    assert check_nothing_lost(library, reports) >= 3


@pytest.mark.slow
def test_two_processes_creating_the_library_at_once_make_one_library(tmp_path):
    library = tmp_path / "new" / LIBRARY_FILE
    writers = [Writer(library, name, seed, "--count", "20") for name, seed in (("a", 3), ("b", 4), ("c", 5))]
    codes = [writer.finish() for writer in writers]
    reports: Reports = defaultdict(dict)

    assert codes == [0, 0, 0], [writer.stderr() for writer in writers]
    assert sum(writer.record(reports) for writer in writers) == 60
    check_nothing_lost(library, reports)
    assert sorted(p.name for p in library.parent.iterdir()) == [LIBRARY_FILE]
