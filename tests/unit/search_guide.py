"""A small guide written for the search tests, and a searcher over it (no Qt)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from lupus_reader.content.pack import ContentPack, load_pack
from lupus_reader.search import Searcher, prepare_index

CARE = """\
# Kidney care

Your kidneys filter the blood. The care team checks them at every visit.

## Transplant basics

A transplant replaces an organ that no longer works. Ask the transplant nurse
what happens before, during and after.

## Sjögren syndrome

Sjögren syndrome often comes with lupus. It dries the eyes and the mouth.

## Blood tests

Your blood counts show how the marrow is doing. Some medication lowers them.

## Energy

Fatigue after treatment is normal. Fatigue can last for weeks; fatigue is not
laziness. Tell the team when fatigue stops you from working, because fatigue
matters. Medical advice comes from your own doctor.
"""

LIVING = """\
# Living with lupus

Lupus changes over time. Counts of blood cells go up and down.

## Fatigue

Rest when you need to, and say so. Small wins count 🙂 too.

### Sleep

Sleep at the same time each night. See [Blood tests](01-care.md#blood-tests) and
<https://example.org/sleep> for more. A good night 👍 helps.
"""

MANIFEST = """\
id = "care"
title = "Care Guide"
language = "en"
version = "1.0.0"
reviewed = 2026-01-31
chapters = ["01-care.md", "02-living.md"]
glossary = "glossary.toml"
"""

GLOSSARY = """\
[[term]]
name = "Nephritis"
definition = "Inflammation of the kidneys."
"""


def write_guide(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "01-care.md").write_text(CARE, encoding="utf-8")
    (folder / "02-living.md").write_text(LIVING, encoding="utf-8")
    (folder / "glossary.toml").write_text(GLOSSARY, encoding="utf-8")
    return folder


def open_searcher(
    pack: ContentPack, cache: Path | None, library: sqlite3.Connection | None = None
) -> Searcher:
    data = prepare_index(pack, cache)
    assert data is not None
    searcher = Searcher(library)
    searcher.attach(data)
    return searcher


def guide_searcher(folder: Path, cache: Path | None = None) -> tuple[ContentPack, Searcher]:
    pack = load_pack(write_guide(folder))
    return pack, open_searcher(pack, cache)


def titles(searcher: Searcher, text: str, **options: Any) -> list[str]:
    return [hit.title for hit in searcher.search(text, **options).hits]
