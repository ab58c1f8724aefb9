"""A child process for the storage tests: saves notes in a loop and reports each save that returned.

    python storage_writer.py LIBRARY NAME SEED [--count N] [--wait-for-go]

Prints "ready" once the library is open (and, with --wait-for-go, waits for a
line on stdin), then "saved <id> <revision> <sha256 of text>" after each save()
has returned, and never before. Texts end with a checksum of the rest, so a
half-written one can be told from a whole one. Without --count it runs until killed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

from lupus_reader.storage.db import open_database
from lupus_reader.storage.stores import Note, NoteStore

SEPARATOR = " #"


def sealed(body: str) -> str:
    """``body`` with a checksum suffix: whole() recognises it, and nothing cut short of it."""
    return f"{body}{SEPARATOR}{hashlib.sha256(body.encode()).hexdigest()[:16]}"


def whole(text: str) -> bool:
    body, _, check = text.rpartition(SEPARATOR)
    return bool(body) and hashlib.sha256(body.encode()).hexdigest()[:16] == check


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("name")
    parser.add_argument("seed", type=int)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--wait-for-go", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    database = open_database(args.library).database
    notes = NoteStore(database)
    mine: list[Note] = notes.all()  # carry on with what earlier (killed) writers left
    print("ready", flush=True)
    if args.wait_for_go:
        sys.stdin.readline()
    done = 0
    while not args.count or done < args.count:
        done += 1
        # Lengths from a few words to several pages, so saves span many database pages.
        filler = "".join(rng.choices("abcdefghij klmnopqrstuvwxyz\n", k=rng.choice((20, 300, 3000, 9000))))
        text = sealed(f"{args.name} {args.seed} {done} {filler}")
        index = rng.randrange(len(mine)) if mine and rng.random() < 0.7 else None
        previous = mine[index] if index is not None else None
        section = previous.section if previous else f"section-{rng.randrange(20)}"
        saved, _ = notes.save(previous, "pack", section, "Title", "a quote", text)
        print(f"saved {saved.id} {saved.revision} {digest(text)}", flush=True)
        if index is not None and saved.id == mine[index].id:
            mine[index] = saved
        else:
            mine.append(saved)
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
