"""A work-around for bindings that return None/True/False without taking a reference.

PySide6 6.12 (abi3 wheels) does this on CPython 3.11, where those objects are
not yet immortal (PEP 683 came in 3.12): every void Qt call costs None one
reference and every ``Signal.emit()`` costs True one, until CPython aborts with
"Fatal Python error: none_dealloc".  ``--pad-refcounts`` runs the app code
with their counts raised by 2**40, which is what 3.12's immortality amounts to,
so the benchmarks can measure what the app would do once that is fixed.
"""

from __future__ import annotations

# Source text, so a child process can run it with ``python -c`` before the app starts.
PAD_CODE = (
    "import ctypes\n"
    "for _o in (None, True, False, Ellipsis, NotImplemented):\n"
    "    ctypes.c_ssize_t.from_address(id(_o)).value += 1 << 40\n"
    "del _o\n"
)


def pad_refcounts() -> None:
    """Make None, True, False, Ellipsis and NotImplemented practically immortal in this process."""
    exec(PAD_CODE, {})
