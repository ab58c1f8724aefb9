"""Kiosk mode without Qt: the settings file, the staff PIN, idle timing and take-home QR codes.

``policy`` reads and checks the kiosk settings (and re-exports the rest of the API
below); ``pin`` hashes and checks the staff PIN and locks out guessing; ``idle``
says when a visit is about to end; ``takehome`` turns a visitor's questions and
notes into QR codes; ``commands`` is the ``kiosk-pin`` subcommand and the start of
``--kiosk``. The Qt kiosk shell (``ui/``) applies all of it.
"""

from __future__ import annotations

# Exit codes, shared by app.py, the Qt kiosk shell and packaging/kiosk/lupus-reader-kiosk.service
# (RestartPreventExitStatus=, SuccessExitStatus=). The staff exit must differ from every way the
# app can end by accident, or systemd would leave a crashed kiosk dark (or restart one that staff
# closed). Taken: 0 (a clean quit), 1 (an uncaught Python exception), 2 (a bad command line),
# 64-78 (sysexits.h), 120 (Python could not flush its output at exit), 126-127 (cannot execute),
# 128+N (killed by signal N, as shells and cage report it), 200-243 (systemd could not start the
# service) and 255 (exit(-1), the PyInstaller bootloader). 42 is none of these.
EXIT_STAFF = 42
"""Staff entered the PIN and closed the kiosk: the service must stay down."""

EXIT_CONFIG = 78
"""The kiosk settings are missing or wrong (EX_CONFIG of sysexits.h); the kiosk did not start."""
