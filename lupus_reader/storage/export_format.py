"""The export format of docs/export-format.md: its fields and limits, and checking a file against them.

An import file is checked from top to bottom before anything is written:
every problem found is named, item by item, so a bad file changes nothing.
The export writes the same fields, so what it writes can be checked too.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lupus_reader.storage.stores import Kind

FORMAT = "lupus-reader-export"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ITEMS = 100_000  # per list
MAX_NOTE_CHARS = 100_000
MAX_QUESTION_CHARS = 10_000
MAX_SHORT_CHARS = 1_000  # label, quote, section title, section id
MAX_PACK_CHARS = 200  # pack id, pack version
MAX_TIME_CHARS = 40
# Values of any kind in the whole file. The largest export this version writes (MAX_ITEMS in
# every list) has about 2.5 million; a 50 MB file of "[],[],..." would have 16 million and take
# over a gigabyte of memory to parse, so it is refused before parsing.
MAX_VALUES = 4_000_000
SHOWN_PROBLEMS = 5
KINDS: tuple[Kind, ...] = ("bookmarks", "notes", "questions")

Record = dict[str, Any]
Check = Callable[[Any], "str | None"]


class ExportFileError(ValueError):
    """An import file that cannot be used; the message names what is wrong, item by item."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        self.problems = problems
        total = total if total is not None else len(problems)
        shown = "; ".join(problems[:SHOWN_PROBLEMS])
        more = f" (and {total - SHOWN_PROBLEMS} more problems)" if total > SHOWN_PROBLEMS else ""
        super().__init__(shown + more)


# -- the fields of each kind, in the order they are written ---------------------------------------


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "a number"


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(limit: int, empty_ok: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be a string, not {_json_type(value)}"
        if len(value) > limit:
            return f"is {len(value):,} characters long; at most {limit:,} are allowed"
        if not empty_ok and not value.strip():
            return "must not be empty"
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains an unpaired surrogate (\\ud800-\\udfff), which is not text"
        return None

    return check


_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T)")


def _timestamp(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be an ISO-8601 time string, not {_json_type(value)}"
    if len(value) <= MAX_TIME_CHARS and _DATE_START.match(value):
        try:
            dt.datetime.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"must be an ISO-8601 time such as 2026-11-25T16:11:08+00:00, not {_show(value)}"


def _offset(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number from 0 to 1, not {_json_type(value)}"
    if not (math.isfinite(value) and 0 <= value <= 1):
        return f"must be a number from 0 to 1, not {value}"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {_show(value)}"


_REQUIRED = object()


@dataclass(frozen=True, slots=True)
class Field:
    check: Check
    default: object = _REQUIRED


_PACK = Field(_text(MAX_PACK_CHARS, empty_ok=False))
_SECTION = Field(_text(MAX_SHORT_CHARS, empty_ok=False))
_OPTIONAL_SHORT = Field(_text(MAX_SHORT_CHARS), "")
_TIME = Field(_timestamp)
_DETACHED = Field(_boolean, False)

# The JSON fields are the database columns of the same names.
FIELDS: dict[Kind, dict[str, Field]] = {
    "bookmarks": {
        "pack": _PACK,
        "section": _SECTION,
        "offset": Field(_offset),
        "quote": Field(_text(MAX_SHORT_CHARS)),
        "label": Field(_text(MAX_SHORT_CHARS)),
        "created": _TIME,
        "pack_version": Field(_text(MAX_PACK_CHARS), ""),
        "section_title": _OPTIONAL_SHORT,
        "detached": _DETACHED,
    },
    "notes": {
        "pack": _PACK,
        "section": _SECTION,
        "text": Field(_text(MAX_NOTE_CHARS)),
        "created": _TIME,
        "updated": _TIME,
        "section_title": _OPTIONAL_SHORT,
        "quote": _OPTIONAL_SHORT,
        "detached": _DETACHED,
    },
    "questions": {
        "pack": _PACK,
        "text": Field(_text(MAX_QUESTION_CHARS, empty_ok=False)),
        "checked": Field(_boolean),
        "mine": Field(_boolean),
        "created": _TIME,
    },
}
BOOLEANS = {"detached", "checked", "mine"}


@dataclass(slots=True)
class Records:
    """Bookmarks, notes and questions as the export format holds them (validated)."""

    bookmarks: list[Record] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)
    questions: list[Record] = field(default_factory=list)
    exported_at: str = ""
    ignored_fields: list[str] = field(default_factory=list)  # unknown fields seen on reading

    def of(self, kind: Kind) -> list[Record]:
        return {"bookmarks": self.bookmarks, "notes": self.notes, "questions": self.questions}[kind]

    def counts(self) -> str:
        return ", ".join(counted(len(self.of(kind)), kind) for kind in KINDS)


def counted(number: int, kind: str) -> str:
    """A count in words: "1 note", "2 notes"."""
    return f"{number} {kind if number != 1 else kind[:-1]}"


# -- reading an import file ------------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the field {_show(key)} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _values(data: bytes) -> int:
    """About how many JSON values ``data`` holds (one more than its separators), counted in C."""
    count = data.count(b",") + data.count(b"[") + data.count(b"{")
    if count > MAX_VALUES:  # commas and brackets inside strings do not count
        data = _JSON_STRING.sub(b'""', data)
        count = data.count(b",") + data.count(b"[") + data.count(b"{")
    return count


def parse_export(data: bytes) -> Records:
    """Check an export file completely; raise ExportFileError naming every problem found."""
    if len(data) > MAX_FILE_BYTES:
        raise ExportFileError([f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    if not data.strip():
        raise ExportFileError(["the file is empty"])
    if _values(data) > MAX_VALUES:
        raise ExportFileError(
            [f"the file holds more than {MAX_VALUES:,} values; an export never needs so many"]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportFileError([f"the file is not UTF-8 text (byte {error.start})"]) from None
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise ExportFileError(
            [f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
             "is it complete?"]
        ) from None  # fmt: skip
    except RecursionError:
        raise ExportFileError(["the file is nested too deeply to be a Lupus Reader export"]) from None
    except ValueError as error:
        raise ExportFileError([f"the file is not valid JSON: {error}"]) from None
    if not isinstance(document, dict):
        raise ExportFileError(
            [f"not a Lupus Reader export: the file holds {_json_type(document)}, not an object"]
        )
    _check_header(document)
    problems: list[str] = []
    records = Records(exported_at=document["exported_at"])
    for key in document:
        if key not in {"format", "version", "exported_at", *KINDS}:
            records.ignored_fields.append(key)
    for kind in KINDS:
        _check_list(document, kind, records, problems)
    if problems:
        raise ExportFileError(problems[:100], len(problems))
    return records


def _check_header(document: dict[str, Any]) -> None:
    if "format" not in document:
        raise ExportFileError(['not a Lupus Reader export: it has no "format" field'])
    if document["format"] != FORMAT:
        raise ExportFileError(
            [f'not a Lupus Reader export: "format" is {_show(document["format"])}, not "{FORMAT}"']
        )
    if "version" not in document:
        raise ExportFileError(['"version": missing; a Lupus Reader export says which version it is'])
    version = document["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExportFileError([f'"version": must be a whole number, not {_show(version)}'])
    if version > VERSION:
        raise ExportFileError(
            [f"version {version} is newer than this Lupus Reader understands (it reads version "
             f"{VERSION}); update Lupus Reader to import this file"]
        )  # fmt: skip
    if version < 1:
        raise ExportFileError([f'"version": {version} is not a version of this format (it starts at 1)'])
    if "exported_at" not in document:
        raise ExportFileError(['"exported_at": missing'])
    problem = _timestamp(document["exported_at"])
    if problem:
        raise ExportFileError([f'"exported_at": {problem}'])


def _check_list(document: dict[str, Any], kind: Kind, records: Records, problems: list[str]) -> None:
    if kind not in document:
        problems.append(f'"{kind}": missing (an export lists it even when it is empty: [])')
        return
    items = document[kind]
    if not isinstance(items, list):
        problems.append(f"{kind}: must be an array, not {_json_type(items)}")
        return
    if len(items) > MAX_ITEMS:
        problems.append(f"{kind}: has {len(items):,} entries; at most {MAX_ITEMS:,} are allowed")
        return
    fields = FIELDS[kind]
    target = records.of(kind)
    for index, item in enumerate(items):
        where = f"{kind}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object, not {_json_type(item)}")
            continue
        record: Record = {}
        for name, spec in fields.items():
            if name not in item:
                if spec.default is _REQUIRED:
                    problems.append(f"{where}: missing field {name!r}")
                else:
                    record[name] = spec.default
                continue
            problem = spec.check(item[name])
            if problem:
                problems.append(f"{where}.{name}: {problem}")
            else:
                record[name] = item[name]
        records.ignored_fields.extend(f"{where}.{name}" for name in item if name not in fields)
        if "offset" in record:
            record["offset"] = float(record["offset"])
        target.append(record)


def read_export_file(path: Path) -> Records:
    """Read and check an export file; ExportFileError says what is wrong with it."""
    try:
        with path.open("rb") as handle:  # read at most the limit: /dev/zero must not fill memory
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ExportFileError([f"the file cannot be read ({error.strerror or error})"]) from None
    return parse_export(data)
