"""The kiosk settings file (TOML, docs/kiosk.md): read, checked field by field, and written back.

A kiosk never starts unlocked because of a bad file: every problem is named
(file:line: field: what is wrong) and nothing starts until all are fixed, a
missing staff PIN included. For ``--kiosk`` the file is also checked against
the guides it names (``check_content``): each must open, and hold the start
section. The rest of the kiosk API is re-exported here, so
``from lupus_reader.kiosk.policy import ...`` gives all of it but take-home.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from lupus_reader import APP_NAME
from lupus_reader.kiosk import EXIT_CONFIG, EXIT_STAFF
from lupus_reader.kiosk.content import content_problems
from lupus_reader.kiosk.idle import IdleRules, IdleState
from lupus_reader.kiosk.pin import (
    MIN_ITERATIONS,
    PinGate,
    PinOutcome,
    hash_pin,
    parse_pin_hash,
    pin_problem,
    verify_pin,
)
from lupus_reader.themes import THEME_CHOICES as THEMES

__all__ = [
    "EXIT_CONFIG",
    "EXIT_STAFF",
    "THEMES",
    "ConfigProblem",
    "IdleRules",
    "IdleState",
    "KioskConfigError",
    "KioskPolicy",
    "PinGate",
    "PinOutcome",
    "default_config_path",
    "hash_pin",
    "load_policy",
    "pin_problem",
    "policy_from_text",
    "render_policy",
    "verify_pin",
]

CONFIG_FILE = "kiosk.toml"
IDLE_TIMEOUT_RANGE = (30, 3600)
WARNING_RANGE = (20, 600)  # 20 s at least: WCAG 2.2.1 gives people 20 s to ask for more time
# Narrower than --text-scale's 50-300 on purpose: a kiosk's text is never smaller than normal.
TEXT_SCALE_RANGE = (100, 300)
MAX_SECTION_CHARS = 200
MAX_PACKS = 50


@dataclass(frozen=True, slots=True)
class KioskPolicy:
    """What the kiosk shell applies. The defaults are those of a settings file that sets nothing.

    ``packs`` are absolute paths (relative ones in the file are taken from the
    file's folder): the kiosk shows exactly these guides; empty means the guide
    bundled with the app. ``start_section`` empty means the first guide's first
    section. ``pin_hash`` empty means no PIN is set, which ``load_policy``
    refuses unless asked not to. A visit ends ``idle_timeout_s`` + ``warning_s``
    after the last touch (see IdleRules).
    """

    idle_timeout_s: int = 120
    warning_s: int = 30
    start_section: str = ""
    packs: tuple[Path, ...] = ()
    text_scale: int = 150
    theme: str = "light"
    allow_qr: bool = True
    allow_print: bool = False
    pin_hash: str = ""

    @property
    def idle_rules(self) -> IdleRules:
        return IdleRules(self.idle_timeout_s, self.warning_s)


# -- errors ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with the file: ``line`` 0 when no line can be named, ``field`` "" for the file."""

    line: int
    field: str
    message: str


class KioskConfigError(ValueError):
    """The settings file cannot be used; ``str()`` names each problem as ``file:line: field: message``."""

    def __init__(self, path: Path, problems: list[ConfigProblem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(self.describe(problem) for problem in problems))

    def describe(self, problem: ConfigProblem) -> str:
        where = f"{self.path}:{problem.line}" if problem.line else str(self.path)
        field = f"{problem.field}: " if problem.field else ""
        return f"{where}: {field}{problem.message}"


class _FieldError(Exception):
    """A value that cannot be used; the message says why, without the field's name."""


# -- checking each field ---------------------------------------------------------------------------


def _kind(value: object) -> str:
    """``value`` as the message shows it: small values themselves, others by their kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value if len(value) <= 40 else value[:37] + "...")
    return "a list" if isinstance(value, list) else "a table" if isinstance(value, dict) else "a date"


def _seconds(low: int, high: int) -> Callable[[Any, Path], int]:
    def check(value: Any, _folder: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _FieldError(f"must be a whole number of seconds, not {_kind(value)}")
        if not low <= value <= high:
            raise _FieldError(f"must be from {low} to {high} seconds, not {value}")
        return value

    return check


def _text_scale(value: Any, _folder: Path) -> int:
    low, high = TEXT_SCALE_RANGE
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(f"must be a whole number (a percentage such as 150), not {_kind(value)}")
    if not low <= value <= high:
        raise _FieldError(f"must be from {low} to {high} (percent), not {value}")
    return value


def _section(value: Any, _folder: Path) -> str:
    if not isinstance(value, str):
        raise _FieldError(f'must be text (a section id, or "" for the first section), not {_kind(value)}')
    value = value.strip()
    if len(value) > MAX_SECTION_CHARS or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise _FieldError(f"must be a section id: no spaces, at most {MAX_SECTION_CHARS} characters")
    return value


def _packs(value: Any, folder: Path) -> tuple[Path, ...]:
    if not isinstance(value, list):
        raise _FieldError(f'must be a list of paths such as ["packs/guide.zip"], not {_kind(value)}')
    if len(value) > MAX_PACKS:
        raise _FieldError(f"lists {len(value)} packs; at most {MAX_PACKS} are allowed")
    paths = []
    for number, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip() or "\x00" in item:
            kind = "empty" if isinstance(item, str) and not item.strip() else _kind(item)
            raise _FieldError(f"item {number} must be the path of a pack (a folder or a .zip), not {kind}")
        path = Path(os.path.normpath(folder / Path(item.strip()).expanduser()))
        if not path.exists():
            raise _FieldError(f"item {number}: there is no pack at {path}")
        paths.append(path)
    return tuple(paths)


def _theme(value: Any, _folder: Path) -> str:
    if isinstance(value, str) and value in THEMES:
        return value
    choices = ", ".join(_toml_string(theme) for theme in THEMES)
    raise _FieldError(f"must be one of {choices}, not {_kind(value)}")


def _switch(value: Any, _folder: Path) -> bool:
    if not isinstance(value, bool):
        raise _FieldError(f"must be true or false, not {_kind(value)}")
    return value


def _pin_hash(value: Any, _folder: Path) -> str:
    if not isinstance(value, str):
        raise _FieldError(f"must be the text kiosk-pin writes, not {_kind(value)}")
    if value:
        try:
            parsed = parse_pin_hash(value)
        except ValueError as error:
            raise _FieldError(f"{error}; set the PIN again with kiosk-pin") from None
        if parsed.iterations < MIN_ITERATIONS:
            weak = f"{parsed.iterations:,} iterations"
            raise _FieldError(f"is too weak ({weak}); set the PIN again with kiosk-pin")
    return value


_CHECKS: dict[str, Callable[[Any, Path], Any]] = {
    "idle_timeout_s": _seconds(*IDLE_TIMEOUT_RANGE),
    "warning_s": _seconds(*WARNING_RANGE),
    "start_section": _section,
    "packs": _packs,
    "text_scale": _text_scale,
    "theme": _theme,
    "allow_qr": _switch,
    "allow_print": _switch,
    "pin_hash": _pin_hash,
}


# -- reading ---------------------------------------------------------------------------------------


def default_config_path() -> Path:
    """kiosk.toml in the user's config dir (~/.config/lupus-reader/ on Linux); --config overrides."""
    import platformdirs  # only when no --config is given

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE


def _line_of_key(text: str, key: str) -> int:
    key = re.escape(key)
    match = re.search(rf"(?m)^[ \t]*(?:{key}|\"{key}\"|'{key}')[ \t]*=", text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def load_policy(path: Path, *, require_pin: bool = True, check_content: bool = False) -> KioskPolicy:
    """The settings in ``path``; KioskConfigError naming every problem.

    Unknown keys, wrong types and values out of range are refused; so is a file
    without a staff PIN unless ``require_pin`` is False (kiosk-pin, about to set one).
    With ``check_content`` (a kiosk about to start) the guides are opened too:
    one that does not open, or a start section in none of them, is refused.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        message = f"there is no kiosk settings file here; make one with: {APP_NAME} kiosk-pin --config {path}"
        raise KioskConfigError(path, [ConfigProblem(0, "", message)]) from None
    except OSError as error:
        raise KioskConfigError(path, [ConfigProblem(0, "", f"cannot be read: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise KioskConfigError(path, [ConfigProblem(line, "", "is not UTF-8 text")]) from None
    return policy_from_text(text, path, require_pin=require_pin, check_content=check_content)


def policy_from_text(
    text: str, path: Path, *, require_pin: bool = True, check_content: bool = False
) -> KioskPolicy:
    """``load_policy`` for the text of a file at ``path`` (which places relative packs and names errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        problem = ConfigProblem(int(found.group(1)) if found else 0, "", f"is not valid TOML: {error}")
        raise KioskConfigError(path, [problem]) from None
    return _policy(data, text, path, require_pin, check_content)


def _policy(
    data: dict[str, Any], text: str, path: Path, require_pin: bool, check_content: bool
) -> KioskPolicy:
    problems: list[ConfigProblem] = []
    values: dict[str, Any] = {}
    for key in data:
        if key not in _CHECKS:
            known = ", ".join(_CHECKS)
            message = f"unknown setting '{key}' (a typing mistake?); the settings are: {known}"
            problems.append(ConfigProblem(_line_of_key(text, key), key, message))
    for key, check in _CHECKS.items():
        if key in data:
            try:
                values[key] = check(data[key], path.absolute().parent)
            except _FieldError as error:
                problems.append(ConfigProblem(_line_of_key(text, key), key, str(error)))
    if require_pin and not values.get("pin_hash") and not any(p.field == "pin_hash" for p in problems):
        message = (
            "no staff PIN is set, and a kiosk without one could not be closed; "
            f"set it with: {APP_NAME} kiosk-pin --config {path}"
        )
        problems.append(ConfigProblem(_line_of_key(text, "pin_hash"), "pin_hash", message))
    if check_content and not any(p.field in ("packs", "start_section") for p in problems):
        defaults = KioskPolicy()
        for field, message in content_problems(
            values.get("packs", defaults.packs), values.get("start_section", defaults.start_section)
        ):
            problems.append(ConfigProblem(_line_of_key(text, field), field, message))
    if problems:
        raise KioskConfigError(path, sorted(problems, key=lambda p: (p.line == 0, p.line)))
    return KioskPolicy(**values)


# -- writing ---------------------------------------------------------------------------------------

_HEADER = """\
# Lupus Reader kiosk settings, read by: lupus-reader --kiosk --config THIS-FILE
# Each setting is explained in KIOSK.md (docs/kiosk.md). A setting left out takes its default.
# To set or change the staff PIN: lupus-reader kiosk-pin --config THIS-FILE
"""

_COMMENTS = {
    "idle_timeout_s": "Seconds without a touch before 'Still reading? Tap to continue' appears (30-3600).",
    "warning_s": "Seconds that question counts down; at 0 the visit ends and all of it is cleared (20-600).",
    "start_section": 'The section every visit starts at, by id; "" for the first section of the guide.',
    "packs": "The guides to show, and only these (folders or .zip files; relative to this file's\n"
    "# folder). [] for the guide bundled with the app.",
    "text_scale": "Text size in percent (100-300: never smaller than normal).",
    "theme": '"light", "dark", "contrast" (black and white, for low vision) or "system".',
    "allow_qr": "Visitors may take their questions and notes home by scanning QR codes (true/false).",
    "allow_print": "Visitors may print their questions and notes (true/false; needs a printer).",
    "pin_hash": "The staff PIN, as a salted slow hash: never the PIN itself. Set it with kiosk-pin.",
}


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def _toml_value(value: object, folder: Path) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {_toml_value(item, folder)},\n" for item in value) + "]"
    if isinstance(value, Path):
        inside = value.is_relative_to(folder)
        return _toml_string(value.relative_to(folder).as_posix() if inside else str(value))
    return _toml_string(str(value))


def render_policy(policy: KioskPolicy, folder: Path) -> str:
    """``policy`` as a settings file with a comment on each setting; packs inside ``folder`` stay relative."""
    folder = Path(os.path.normpath(folder.absolute()))
    blocks = [_HEADER]
    for field in fields(KioskPolicy):
        value = _toml_value(getattr(policy, field.name), folder)
        blocks.append(f"# {_COMMENTS[field.name]}\n{field.name} = {value}\n")
    return "\n".join(blocks)
