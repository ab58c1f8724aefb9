"""How the app ends, as its exit status: one list, read by app.py, the kiosk and its systemd unit.

The staff exit must differ from every way the app can end by accident, or
systemd would leave a crashed kiosk dark (or restart one that staff closed).
Taken: 0 (a clean quit), 1 (a failure, or an uncaught Python exception), 2 (a
bad command line), 64-78 (sysexits.h), 120 (Python could not flush its output
at exit), 126-127 (cannot execute), 128+N (killed by signal N, as shells and
cage report it), 200-243 (systemd could not start the service) and 255
(exit(-1), the PyInstaller bootloader). 42 is none of these.
"""

from __future__ import annotations

EXIT_OK = 0
"""All went well."""

EXIT_FAILURE = 1
"""Something failed and was reported on stderr (a kiosk visit that cannot open: restart it)."""

EXIT_USAGE = 2
"""The command line is wrong (argparse's own code)."""

EXIT_STAFF = 42
"""Staff entered the PIN and closed the kiosk: the service must stay down
(packaging/kiosk/lupus-reader-kiosk.service: RestartPreventExitStatus=, SuccessExitStatus=)."""

EXIT_CONFIG = 78
"""The kiosk settings are missing or wrong (EX_CONFIG of sysexits.h); the kiosk did not start."""
