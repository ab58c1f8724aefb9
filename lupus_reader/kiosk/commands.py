"""The kiosk's command line: ``kiosk-pin`` sets the staff PIN; ``--kiosk`` first loads the settings."""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from lupus_reader import APP_NAME
from lupus_reader.exit_codes import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK
from lupus_reader.kiosk.pin import PIN_MAX_DIGITS, PIN_MIN_DIGITS, hash_pin, pin_problem, verify_pin
from lupus_reader.kiosk.policy import (
    KioskConfigError,
    KioskPolicy,
    default_config_path,
    load_policy,
    policy_from_text,
    render_policy,
)

NEW_FILE_MODE = 0o640  # the kiosk's user reads it through the file's group; nobody else

# The value of a pin_hash line holding a plain string, as kiosk-pin and render_policy write it.
_PIN_VALUE = re.compile(r'(?m)^([ \t]*pin_hash[ \t]*=[ \t]*)"[^"\\\n]*"(?=[ \t]*(?:#[^\n]*)?$)')


def policy_for_start(config: Path | None, err: TextIO) -> KioskPolicy | None:
    """The settings for ``--kiosk``, or None after saying on ``err`` what is wrong (exit EXIT_CONFIG).

    The guides are opened here too, so a pack that does not open or a start
    section that is in none of them stops the kiosk before any window shows.
    """
    path = config if config is not None else default_config_path()
    try:
        return load_policy(path, check_content=True)
    except KioskConfigError as error:
        for problem in error.problems:
            print(f"{APP_NAME}: {error.describe(problem)}", file=err)
        print(f"{APP_NAME}: the kiosk did not start (exit code {EXIT_CONFIG})", file=err)
        return None


def kiosk_pin_command(
    config: Path | None, out: TextIO, err: TextIO, ask: Callable[[str], str] | None = None
) -> int:
    """Ask for a new staff PIN twice and store its hash in the settings, keeping every other setting.

    Makes the file with the default settings when there is none. Refuses (and
    changes nothing) when the existing file has an error, or the PINs differ or
    are not 4-12 digits. ``ask`` is ``getpass.getpass`` unless a test gives one.
    """
    path = config if config is not None else default_config_path()
    ask = ask or getpass.getpass
    old_text: str | None = None
    old: KioskPolicy | None = None
    if path.exists():
        try:
            old = load_policy(path, require_pin=False)
            old_text = path.read_text(encoding="utf-8-sig")
        except (KioskConfigError, OSError, UnicodeDecodeError) as error:
            print(f"{APP_NAME}: {error}", file=err)
            print(f"{APP_NAME}: fix the settings file first; the PIN was not changed", file=err)
            return EXIT_CONFIG
    try:
        pin = ask(f"New staff PIN ({PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits): ")
        problem = pin_problem(pin)
        if problem is None and ask("The same PIN again: ") != pin:
            problem = "the two PINs are not the same"
    except (EOFError, KeyboardInterrupt):
        problem = "cancelled"
    if problem:
        print(f"{APP_NAME}: {problem}; the PIN was not changed", file=err)
        return EXIT_FAILURE
    pin_hash = hash_pin(pin)
    if old is None or old_text is None:
        text = render_policy(KioskPolicy(pin_hash=pin_hash), path.parent)
    else:
        text = with_pin_hash(old_text, old, pin_hash, path)
    try:
        _write(path, text, existed=old is not None, err=err)
        written = load_policy(path)
    except (OSError, KioskConfigError) as error:
        print(f"{APP_NAME}: cannot write {path}: {error}; the PIN was not changed", file=err)
        return EXIT_FAILURE
    if not verify_pin(pin, written.pin_hash):  # the file we just wrote must open the kiosk
        print(f"{APP_NAME}: {path} does not hold the new PIN after writing it", file=err)
        return EXIT_FAILURE
    what = "changed" if old is not None and old.pin_hash else "set"
    print(f"Staff PIN {what} in {path}", file=out)
    if old is None:
        print(f"New settings file with the default settings: {path} (see KIOSK.md to change them)", file=out)
    return EXIT_OK


def with_pin_hash(text: str, policy: KioskPolicy, pin_hash: str, path: Path) -> str:
    """``text`` with its pin_hash set to ``pin_hash``; the rest of the file, comments too, unchanged.

    Falls back to writing the whole file from ``policy`` when the line cannot
    be replaced safely (such as a PIN hash written over several lines).
    """
    matches = list(_PIN_VALUE.finditer(text))
    if len(matches) == 1:
        edited = text[: matches[0].start()] + f'{matches[0].group(1)}"{pin_hash}"' + text[matches[0].end() :]
    elif not matches and not policy.pin_hash and not re.search(r"(?m)^[ \t]*[\"']?pin_hash", text):
        edited = text + ("" if text.endswith("\n") or not text else "\n") + f'pin_hash = "{pin_hash}"\n'
    else:
        edited = ""
    expected = dataclasses.replace(policy, pin_hash=pin_hash)
    if edited and _reads_as(edited, path, expected):
        return edited
    return render_policy(expected, path.parent)


def _reads_as(text: str, path: Path, expected: KioskPolicy) -> bool:
    try:
        return policy_from_text(text, path) == expected
    except KioskConfigError:
        return False


def _write(path: Path, text: str, existed: bool, err: TextIO) -> None:
    """Replace ``path`` in one step (a crash leaves the old file or the new, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.stat() if existed else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, (before.st_mode & 0o7777) if before else NEW_FILE_MODE)
        if before is not None and hasattr(os, "chown"):
            try:
                os.chown(temporary, before.st_uid, before.st_gid)
            except PermissionError:
                print(
                    f"{APP_NAME}: warning: {path} now belongs to you, not to its former owner and group; "
                    "check that the kiosk's user can still read it",
                    file=err,
                )
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
