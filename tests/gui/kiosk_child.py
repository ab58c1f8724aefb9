"""A kiosk in a child process, for tests: the real ``main()``, driven from inside by a scenario.

    python -m tests.gui.kiosk_child SCENARIO -- --kiosk --config FILE --data-dir DIR

Scenarios: ``visit`` leaves traces everywhere, prints VISITED and runs on (for a
test to kill it); ``dump`` prints, as JSON, every word the first visit shows
and the clipboard, then quits; ``staff`` holds the staff corner, types the PIN
(KIOSK_TEST_PIN) and lets the kiosk end as staff end it; ``packs-gone`` deletes
the guide (KIOSK_TEST_PACK) and finishes the visit, so the next cannot open;
``selection`` fills both clipboards, finishes the visit and prints them as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from lupus_reader.app import main as lupus_reader_main
from lupus_reader.ui.kiosk_shell import KioskSession
from lupus_reader.ui.kiosk_staff import LONG_PRESS_MS, StaffCorner
from tests.gui.kiosk_support import leave_traces, tool_button, words_in


def _session() -> KioskSession | None:
    app = QApplication.instance()
    session = app.findChild(KioskSession) if app is not None else None
    ready = session is not None and session.visit is not None and session.visit.library.is_ready()
    return session if ready else None


def _when_ready(then: Callable[[KioskSession], None]) -> None:
    session = _session()
    if session is None:
        QTimer.singleShot(50, lambda: _when_ready(then))
    else:
        then(session)


def _say(line: str) -> None:
    print(line, flush=True)


def _clipboards() -> dict[str, str]:
    clipboard = QGuiApplication.clipboard()
    return {
        "clipboard": clipboard.text(QClipboard.Mode.Clipboard),
        "selection": clipboard.text(QClipboard.Mode.Selection),
        "selection_supported": str(clipboard.supportsSelection()),
    }


def visit(session: KioskSession) -> None:
    leave_traces(session)
    QApplication.processEvents()
    _say("VISITED")


def dump(session: KioskSession) -> None:
    words = "\n".join(words_in(w) for w in QApplication.topLevelWidgets() if isinstance(w, QWidget))
    _say(json.dumps({"words": words, **_clipboards()}))
    session.app.exit(0)


def staff(session: KioskSession) -> None:
    window = session.window
    assert window is not None
    corner = window.findChild(StaffCorner)
    QTest.mousePress(corner, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    QTimer.singleShot(LONG_PRESS_MS + 300, lambda: _type_pin(window))


def _type_pin(window: QWidget) -> None:
    corner = window.findChild(StaffCorner)
    QTest.mouseRelease(corner, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    pad = window.findChild(QWidget, "pinPad")
    for key in [*os.environ["KIOSK_TEST_PIN"], "OK"]:
        QTest.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)


def packs_gone(session: KioskSession) -> None:
    shutil.rmtree(os.environ["KIOSK_TEST_PACK"])
    QTest.mouseClick(tool_button(session.window, "finishVisit"), Qt.MouseButton.LeftButton)


def selection(session: KioskSession) -> None:
    leave_traces(session)
    before = _clipboards()
    first = session.window

    def after(new: KioskSession) -> None:
        if new.window is first:
            QTimer.singleShot(50, lambda: _when_ready(after))
            return
        _say(json.dumps({"before": before, "after": _clipboards()}))
        new.app.exit(0)

    QTest.mouseClick(tool_button(session.window, "finishVisit"), Qt.MouseButton.LeftButton)
    _when_ready(after)


SCENARIOS: dict[str, Callable[[KioskSession], None]] = {
    "visit": visit,
    "dump": dump,
    "staff": staff,
    "packs-gone": packs_gone,
    "selection": selection,
}


if __name__ == "__main__":
    scenario = sys.argv[1]
    arguments = sys.argv[sys.argv.index("--") + 1 :]
    QApplication([sys.argv[0]])  # the app main() runs in: the scenario's timers live on it
    QTimer.singleShot(0, lambda: _when_ready(SCENARIOS[scenario]))
    sys.exit(lupus_reader_main(arguments))
