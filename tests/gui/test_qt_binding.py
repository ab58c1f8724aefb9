"""The Qt binding must not leak references to None/True: on Python 3.11 that aborts the app.

PySide6 6.12.0 drops one reference to None on most calls that return nothing
and one to True on every signal emit; after a few thousand calls (a long read,
a big pack) CPython 3.11 aborts with "deallocating None". This guards the
version pin in pyproject.toml.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    ping = Signal()


def test_qt_calls_and_signals_keep_none_and_true_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        label.setText("x")
        emitter.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    # A handful of references may come and go with caches; a leak loses one per call.
    assert lost_none < CALLS // 10, f"{lost_none} references to None lost in {CALLS} calls"
    assert lost_true < CALLS // 10, f"{lost_true} references to True lost in {CALLS} emits"
