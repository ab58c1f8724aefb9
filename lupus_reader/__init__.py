"""Lupus Reader: an offline reader for patient-education content packs."""

__version__ = "0.1.0"
APP_NAME = "lupus-reader"
APP_DISPLAY_NAME = "Lupus Reader"
