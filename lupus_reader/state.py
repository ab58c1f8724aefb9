"""The reader's place and preferences between runs, as a small JSON file (no Qt).

Written atomically (temporary file, fsync, rename), so a crash mid-write
leaves the previous state intact. A missing or damaged file gives defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lupus_reader.files import write_atomically
from lupus_reader.history import MAX_ENTRIES, Location
from lupus_reader.themes import THEMES as _COLOUR_THEMES

STATE_FILE = "state.json"
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
# Text size of the whole app, menus and panels included (the zoom is the pane's alone).
TEXT_SCALES = (50, 75, 100, 125, 150, 175, 200, 250, 300)
# What a reader (or a kiosk's settings, or --theme) may choose: the themes, or follow the system.
THEMES = ("system", *_COLOUR_THEMES)


@dataclass(slots=True)
class ReadingState:
    section_id: str = ""
    offset: float = 0.0
    zoom: int = 100
    text_scale: int = 100
    theme: str = "system"
    notice_seen: bool = False  # the first-start notice (not medical advice) was acknowledged
    geometry: str = ""  # Qt's saveGeometry(), base64
    splitter: str = ""  # Qt's splitter saveState(), base64
    back: list[Location] = field(default_factory=list)
    forward: list[Location] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["back"] = [[loc.section_id, loc.offset] for loc in self.back]
        data["forward"] = [[loc.section_id, loc.offset] for loc in self.forward]
        return data

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        state = cls()
        if not isinstance(data, dict):
            return state
        if isinstance(data.get("section_id"), str):
            state.section_id = data["section_id"]
        state.offset = _fraction(data.get("offset"))
        zoom = data.get("zoom")
        if isinstance(zoom, int) and ZOOM_STEPS[0] <= zoom <= ZOOM_STEPS[-1]:
            state.zoom = zoom
        scale = data.get("text_scale")
        if isinstance(scale, int) and TEXT_SCALES[0] <= scale <= TEXT_SCALES[-1]:
            state.text_scale = scale
        if data.get("theme") in THEMES:
            state.theme = data["theme"]
        state.notice_seen = data.get("notice_seen") is True
        for key in ("geometry", "splitter"):
            if isinstance(data.get(key), str):
                setattr(state, key, data[key])
        state.back = _locations(data.get("back"))
        state.forward = _locations(data.get("forward"))
        return state


def _fraction(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return min(max(float(value), 0.0), 1.0)
    return 0.0


def _locations(value: Any) -> list[Location]:
    if not isinstance(value, list):
        return []
    found = [
        Location(item[0], _fraction(item[1]))
        for item in value
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
    ]
    return found[-MAX_ENTRIES:]


def load_state(folder: Path) -> ReadingState:
    try:
        text = (folder / STATE_FILE).read_text(encoding="utf-8")
        return ReadingState.from_json(json.loads(text))
    except (OSError, ValueError):
        return ReadingState()


def save_state(folder: Path, state: ReadingState) -> None:
    """Write the state atomically; raises OSError if the folder is not writable."""
    write_atomically(folder / STATE_FILE, json.dumps(state.to_json(), indent=1).encode("utf-8"))
