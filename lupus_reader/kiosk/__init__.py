"""Kiosk mode without Qt: the settings file, the staff PIN, idle timing and take-home QR codes.

``policy`` reads and checks the kiosk settings (and re-exports the rest of the API
below); ``content`` checks that the guides it names open and hold its start
section; ``pin`` hashes and checks the staff PIN and locks out guessing; ``idle``
says when a visit is about to end; ``takehome`` turns a visitor's questions and
notes into QR codes; ``commands`` is the ``kiosk-pin`` subcommand and the start of
``--kiosk``. The Qt kiosk shell (``ui/kiosk_*``) applies all of it.
"""

from __future__ import annotations

from lupus_reader.exit_codes import EXIT_CONFIG, EXIT_STAFF

__all__ = ["EXIT_CONFIG", "EXIT_STAFF"]
