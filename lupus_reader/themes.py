"""Colour themes (light, dark, high contrast) as plain data: palette roles, content CSS, contrast checks."""

import re
from typing import Literal, NamedTuple, get_args

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class _Colours(NamedTuple):  # made at start-up in a tenth of a frozen dataclass's time (and no
    # "from __future__ import annotations" here: string annotations cost typing a compile each)
    """Every colour the app paints with, as "#rrggbb".

    The first group maps onto QPalette roles (see ``palette_roles``); the
    rest are the app's own surfaces and the reader pane's (``content_css``).
    Each text colour is checked against each surface it is drawn on, in
    tests/unit/test_themes.py.
    """

    name: str
    label: str
    dark: bool
    # -- QPalette roles -------------------------------------------------------------
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    link: str
    link_visited: str
    tooltip_base: str
    tooltip_text: str
    placeholder_text: str
    disabled_text: str
    # -- the app's own widgets ---------------------------------------------------------
    border: str  # frames, separators, input outlines
    focus_ring: str
    note_mark: str  # the navigator's dot on a section with a note (on a selected row: highlighted_text)
    banner_background: str
    banner_border: str
    banner_text: str
    error_text: str
    find_match_background: str  # every match of a search; the current one uses highlight
    find_match_text: str
    # -- the reader pane ------------------------------------------------------------------
    heading: str  # h1, h2
    subheading: str  # h3 and below
    muted: str  # offline notes, links that cannot open, glossary aliases
    glossary_text: str
    glossary_background: str
    table_header_background: str
    table_border: str
    code_background: str
    note_background: str
    note_border: str
    warning_background: str
    warning_border: str
    tip_background: str
    tip_border: str


class Theme(_Colours):
    """A theme whose every colour is a "#rrggbb" (or "#rgb"): a bad one is refused when it is made."""

    __slots__ = ()

    def __new__(cls, *args: object, **kwargs: object) -> "Theme":
        theme = super().__new__(cls, *args, **kwargs)  # type: ignore[arg-type]
        for name, value in zip(theme._fields, theme, strict=True):
            if name not in {"name", "label", "dark"} and not (isinstance(value, str) and _HEX.match(value)):
                raise ValueError(f"theme {theme.name}: {name} is not a #rrggbb colour")
        return theme

    def __repr__(self) -> str:
        return f"<Theme {self.name}>"


LIGHT = Theme(
    name="light",
    label="Light",
    dark=False,
    window="#f3f4f6",
    window_text="#1f2328",
    base="#ffffff",
    alternate_base="#f3f5f7",
    text="#1f2328",
    button="#e9ecef",
    button_text="#1f2328",
    highlight="#0a58ca",
    highlighted_text="#ffffff",
    link="#0a58ca",
    link_visited="#6639ba",
    tooltip_base="#fffbe6",
    tooltip_text="#1f2328",
    placeholder_text="#59636e",
    disabled_text="#6e7781",
    border="#6e7781",
    focus_ring="#0a58ca",
    note_mark="#b26b00",
    banner_background="#fff4e5",
    banner_border="#b26b00",
    banner_text="#3d2600",
    error_text="#a4161a",
    find_match_background="#ffe08a",
    find_match_text="#1a1a1a",
    heading="#0b3d62",
    subheading="#24292f",
    muted="#59636e",
    glossary_text="#0b5345",
    glossary_background="#e3f4ee",
    table_header_background="#e8eef4",
    table_border="#6e7781",
    code_background="#f3f5f7",
    note_background="#eef4fb",
    note_border="#0a58ca",
    warning_background="#fff4e5",
    warning_border="#b26b00",
    tip_background="#eaf7ee",
    tip_border="#1a7f37",
)

DARK = Theme(
    name="dark",
    label="Dark",
    dark=True,
    window="#1b1e23",
    window_text="#e6e8eb",
    base="#121417",
    alternate_base="#1c2026",
    text="#e6e8eb",
    button="#2a2f37",
    button_text="#e6e8eb",
    # Light on dark: a mid blue cannot carry white text at 4.5:1 and stand 3:1 off the window.
    highlight="#8ab4f8",
    highlighted_text="#0b0d10",
    link="#8ab4f8",
    link_visited="#c9a2fa",
    tooltip_base="#2a2f37",
    tooltip_text="#e6e8eb",
    placeholder_text="#a3acb7",
    disabled_text="#7d8590",
    border="#7d8590",
    focus_ring="#8ab4f8",
    note_mark="#d7963a",
    banner_background="#3a2a10",
    banner_border="#d7963a",
    banner_text="#ffe4b8",
    error_text="#ff9b94",
    find_match_background="#ffd666",
    find_match_text="#1a1a1a",
    heading="#a9cdf5",
    subheading="#e6e8eb",
    muted="#a3acb7",
    glossary_text="#8fe3cc",
    glossary_background="#12332c",
    table_header_background="#222931",
    table_border="#7d8590",
    code_background="#1c2026",
    note_background="#172335",
    note_border="#5b9cf0",
    warning_background="#33260f",
    warning_border="#d7963a",
    tip_background="#132a1b",
    tip_border="#4cb86b",
)

CONTRAST = Theme(
    name="contrast",
    label="High contrast",
    dark=True,
    window="#000000",
    window_text="#ffffff",
    base="#000000",
    alternate_base="#141414",
    text="#ffffff",
    button="#000000",
    button_text="#ffffff",
    highlight="#ffff00",
    highlighted_text="#000000",
    link="#ffff00",
    link_visited="#ffb8ff",
    tooltip_base="#000000",
    tooltip_text="#ffffff",
    placeholder_text="#d6d6d6",
    disabled_text="#a6a6a6",
    border="#ffffff",
    focus_ring="#ffff00",
    note_mark="#ffb000",
    banner_background="#000000",
    banner_border="#ffff00",
    banner_text="#ffffff",
    error_text="#ffa8a8",
    find_match_background="#00ffff",
    find_match_text="#000000",
    heading="#ffffff",
    subheading="#ffffff",
    muted="#d6d6d6",
    glossary_text="#7dffff",
    glossary_background="#002626",
    table_header_background="#141414",
    table_border="#ffffff",
    code_background="#141414",
    note_background="#000000",
    note_border="#00ffff",
    warning_background="#000000",
    warning_border="#ffb000",
    tip_background="#000000",
    tip_border="#00ff00",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK, CONTRAST)}
# What a reader, the command line and a kiosk's settings may choose: the themes, or "system",
# which is one of them as the desktop asks (light, dark or high contrast). The one list of names.
ThemeName = Literal["light", "dark", "contrast", "system"]
THEME_CHOICES: tuple[ThemeName, ...] = get_args(ThemeName)
DEFAULT_THEME: ThemeName = "system"


def theme_names() -> list[str]:
    """The themes a reader can choose, in menu order ("system" is the UI's to add)."""
    return list(THEMES)


def palette_roles(theme: Theme) -> dict[str, str]:
    """QPalette.ColorRole names (Active and Inactive groups) to colours; Accent is the highlight."""
    return {
        "Window": theme.window,
        "WindowText": theme.window_text,
        "Base": theme.base,
        "AlternateBase": theme.alternate_base,
        "Text": theme.text,
        "Button": theme.button,
        "ButtonText": theme.button_text,
        "BrightText": theme.error_text,
        "Highlight": theme.highlight,
        "HighlightedText": theme.highlighted_text,
        "Link": theme.link,
        "LinkVisited": theme.link_visited,
        "ToolTipBase": theme.tooltip_base,
        "ToolTipText": theme.tooltip_text,
        "PlaceholderText": theme.placeholder_text,
        "Accent": theme.highlight,
    }


def disabled_roles(theme: Theme) -> dict[str, str]:
    """QPalette.ColorRole names to colours for the Disabled group."""
    return {"WindowText": theme.disabled_text, "Text": theme.disabled_text, "ButtonText": theme.disabled_text}


def content_css(theme: Theme) -> str:
    """The reader pane's stylesheet in this theme's colours.

    Qt's rich text supports a CSS subset: no absolute font sizes (the zoom,
    the document's default font, scales everything), boxes as one-cell tables.
    Glossary terms differ from links by a tinted background, not by colour alone.
    """
    t = theme
    return f"""\
body {{ color: {t.text}; background-color: {t.base}; line-height: 150%; }}
h1 {{ color: {t.heading}; margin-top: 0.4em; margin-bottom: 0.5em; }}
h2 {{ color: {t.heading}; margin-top: 1.4em; margin-bottom: 0.4em; }}
h3 {{ color: {t.subheading}; margin-top: 1.2em; margin-bottom: 0.3em; }}
h4, h5, h6 {{ color: {t.subheading}; }}
p {{ margin-top: 0.3em; margin-bottom: 0.7em; }}
li {{ margin-bottom: 0.3em; }}
a {{ color: {t.link}; text-decoration: underline; }}
a.external {{ color: {t.muted}; text-decoration: none; }}
a.glossary {{ color: {t.glossary_text}; background-color: {t.glossary_background}; \
text-decoration: underline; }}
span.offline-image {{ color: {t.muted}; font-style: italic; }}
span.offline-note {{ color: {t.muted}; font-style: italic; }}
table {{ border-collapse: collapse; margin-top: 0.5em; margin-bottom: 1em; }}
th {{ background-color: {t.table_header_background}; font-weight: bold; padding: 6px; \
border: 1px solid {t.table_border}; }}
td {{ padding: 6px; border: 1px solid {t.table_border}; }}
table.admonition {{ margin-top: 0.6em; margin-bottom: 1em; border: 0; }}
td.admonition {{ background-color: {t.note_background}; padding: 10px; border: 0; \
border-left: 4px solid {t.note_border}; }}
td.warning {{ background-color: {t.warning_background}; border-left: 4px solid {t.warning_border}; }}
td.tip {{ background-color: {t.tip_background}; border-left: 4px solid {t.tip_border}; }}
p.admonition-title {{ font-weight: bold; margin-top: 0; margin-bottom: 0.2em; }}
dt {{ font-weight: bold; margin-top: 0.6em; }}
dd {{ margin-bottom: 0.3em; }}
dd.glossary-aliases {{ color: {t.muted}; font-style: italic; }}
code {{ font-family: monospace; }}
pre {{ font-family: monospace; background-color: {t.code_background}; padding: 8px; }}
"""


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two "#rrggbb" (or "#rgb") colours: 1.0 to 21.0, order does not matter."""
    for colour in (foreground, background):
        if not _HEX.match(colour):
            raise ValueError(f"not a #rrggbb colour: {colour!r}")
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
