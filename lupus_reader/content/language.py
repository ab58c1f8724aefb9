"""Which way a pack's language is written: right-to-left (Arabic, Hebrew, ...) or left-to-right."""

from __future__ import annotations

from typing import Literal

# Scripts written right to left (ISO 15924 codes, as BCP 47 script subtags).
RTL_SCRIPTS = frozenset(
    {
        "adlm",  # Adlam
        "arab",  # Arabic
        "aran",  # Arabic (Nastaliq)
        "hebr",  # Hebrew
        "mand",  # Mandaic
        "mend",  # Mende Kikakui
        "nkoo",  # N'Ko
        "rohg",  # Hanifi Rohingya
        "samr",  # Samaritan
        "syrc",  # Syriac
        "thaa",  # Thaana
        "yezi",  # Yezidi
    }
)

# Languages whose usual script is one of those, when the tag names no script.
# Kurdish ("ku") is left out: Kurmanji, its most written form, uses Latin
# letters; Sorani is "ckb", and "ku-Arab" says so with its script.
RTL_LANGUAGES = frozenset(
    {
        "ar",  # Arabic
        "arc",  # Aramaic
        "azb",  # South Azerbaijani
        "bal",  # Baluchi
        "bqi",  # Bakhtiari
        "ckb",  # Central Kurdish (Sorani)
        "dv",  # Dhivehi
        "fa",  # Persian
        "glk",  # Gilaki
        "he",  # Hebrew
        "iw",  # Hebrew (old code)
        "khw",  # Khowar
        "ks",  # Kashmiri
        "lrc",  # Northern Luri
        "mzn",  # Mazanderani
        "nqo",  # N'Ko
        "pnb",  # Western Panjabi (Shahmukhi)
        "prs",  # Dari
        "ps",  # Pashto
        "sd",  # Sindhi
        "sdh",  # Southern Kurdish
        "syr",  # Syriac
        "ug",  # Uyghur
        "ur",  # Urdu
        "yi",  # Yiddish
        "ji",  # Yiddish (old code)
    }
)


def is_rtl(language_tag: str) -> bool:
    """True if text in ``language_tag`` (BCP 47, e.g. "he", "ar-EG", "ku-Arab", "pa_Arab") runs right to left.

    A script subtag decides when there is one ("sd-Deva" is left-to-right,
    "ku-Arab" right-to-left); otherwise the language's usual script does.
    Unknown or undetermined tags ("und", "") are left-to-right.
    """
    parts = [part.lower() for part in language_tag.strip().replace("_", "-").split("-") if part]
    if not parts:
        return False
    # A script subtag has four letters and comes right after the language and any
    # three-letter extended language subtags ("zh-yue-Hant"); nothing later is one.
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part in RTL_SCRIPTS
        if not (len(part) == 3 and part.isalpha()):
            break
    return parts[0] in RTL_LANGUAGES


def text_direction(language_tag: str) -> Literal["rtl", "ltr"]:
    """The HTML ``dir`` value for the language."""
    return "rtl" if is_rtl(language_tag) else "ltr"
