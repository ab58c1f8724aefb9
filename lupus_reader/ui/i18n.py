"""The UI's language: our translation catalogue and Qt's own, chosen from the system's languages.

At start-up, before the first window is built, ``install_once`` picks the first
of the system's UI languages (QLocale.uiLanguages: LANGUAGE, LC_ALL,
LC_MESSAGES, LANG on Linux) that has a catalogue in
resources/translations, and installs it with Qt's own ``qtbase_<lang>.qm``
(standard buttons, file and print dialogs, key names). English is the source
language: its small catalogue holds only the plural forms ("1 page", "2
pages"). The language is fixed for the app's life: nothing is retranslated.
docs/translations.md says how catalogues are made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, Qt, QTime, QTranslator
from PySide6.QtGui import QGuiApplication

from lupus_reader import resources

CATALOGUE = "lupus_reader"
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []  # kept here: Qt does not own them, Python must not collect them
_language = ""


def available_languages(folder: Path | None = None) -> set[str]:
    """The languages with a catalogue: "en", "es", "pt_BR"…"""
    folder = folder or resources.translations_dir()
    return {path.stem.removeprefix(f"{CATALOGUE}_") for path in folder.glob(f"{CATALOGUE}_*.qm")}


def choose_language(ui_languages: Sequence[str], available: Collection[str]) -> str:
    """The first of ``ui_languages`` ("es-Latn-MX", "es-MX", "es") with a catalogue, else English.

    English asked for before any language we have wins: "en:es" stays English.
    """
    for tag in ui_languages:
        parts = tag.replace("_", "-").split("-")
        language = parts[0].lower()
        region = next((part.upper() for part in parts[1:] if len(part) in (2, 3) and part.isalnum()), "")
        for name in (f"{language}_{region}" if region else "", language):
            if name and name in available:
                return name
        if language == SOURCE_LANGUAGE:
            break
    return SOURCE_LANGUAGE


def install(app: QCoreApplication, ui_languages: Sequence[str] | None = None) -> str:
    """Install the catalogues for the system's language (or ``ui_languages``); returns the language.

    Replaces what an earlier call installed. Qt sets the layout direction from
    the catalogue's QT_LAYOUT_DIRECTION message (see ``layout_direction``).
    """
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    folder = resources.translations_dir()
    languages = QLocale().uiLanguages() if ui_languages is None else ui_languages
    language = choose_language(languages, available_languages(folder))
    catalogues = [folder / f"{CATALOGUE}_{language}.qm"]
    if language != SOURCE_LANGUAGE:
        qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        qt_names = [f"qtbase_{language}.qm", f"qtbase_{language.split('_')[0]}.qm"]
        qt_catalogue = next((qt_folder / name for name in qt_names if (qt_folder / name).is_file()), None)
        if qt_catalogue is not None:
            catalogues.insert(0, qt_catalogue)  # installed first: ours is asked first
    for path in catalogues:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    _language = language
    if isinstance(app, QGuiApplication):
        rtl = layout_direction() == "RTL"
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    return language


def install_once(app: QCoreApplication) -> str:
    """``install`` at start-up; later calls keep what is installed."""
    return _language or install(app)


def language() -> str:
    """The UI's language ("en" until catalogues are installed)."""
    return _language or SOURCE_LANGUAGE


def locale() -> QLocale:
    """The locale dates and numbers are written in: the UI's language, not the system's."""
    return QLocale(language())


def layout_direction() -> str:
    """ "LTR" or "RTL", as the installed catalogue says (our catalogue, else qtbase's)."""
    # Qt's own message, word for word (lupdate reads only literals): our catalogue and qtbase's agree.
    return QCoreApplication.translate(
        "QGuiApplication",
        "QT_LAYOUT_DIRECTION",
        "Translate this string to the string 'LTR' in left-to-right languages or to 'RTL' in "
        "right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.",
    )


def long_date(date: dt.date) -> str:
    """ "3 March 2025", "3 de marzo de 2025"."""
    #: A Qt date format (d, MMMM, yyyy; words in single quotes): "d 'de' MMMM 'de' yyyy" in Spanish.
    text = QCoreApplication.translate("i18n", "d MMMM yyyy")
    return locale().toString(QDate(date.year, date.month, date.day), text)


def short_date_time(moment: dt.datetime) -> str:
    """ "03 Mar 2025, 14:05": a time as it is written, in the language of the UI."""
    #: A Qt date and time format (dd, MMM, yyyy, HH, mm; words in single quotes).
    text = QCoreApplication.translate("i18n", "dd MMM yyyy, HH:mm")
    when = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    return locale().toString(when, text)
