"""Theme colours as a reader sees them: every text and mark meets WCAG contrast on what it is drawn on."""

from __future__ import annotations

import re

import pytest

from lupus_reader.themes import (
    DEFAULT_THEME,
    THEME_CHOICES,
    THEMES,
    Theme,
    content_css,
    contrast_ratio,
    disabled_roles,
    palette_roles,
    theme_names,
)

ALL = [pytest.param(theme, id=name) for name, theme in THEMES.items()]


def text_minimum(theme: Theme) -> float:
    """WCAG 1.4.3 (AA) for text; 1.4.6 (AAA) in the high-contrast theme."""
    return 7.0 if theme.name == "contrast" else 4.5


# Where the reader pane draws running text (and so links and muted notes): the page and its boxes.
CONTENT_SURFACES = (
    "base",
    "table_header_background",
    "code_background",
    "note_background",
    "warning_background",
    "tip_background",
)
CONTENT_TEXT = ("text", "link", "link_visited", "muted")

# Text drawn by widgets, with the surface under it.
WIDGET_TEXT = [
    ("window_text", "window"),
    ("text", "base"),
    ("text", "alternate_base"),
    ("button_text", "button"),
    ("tooltip_text", "tooltip_base"),
    ("placeholder_text", "base"),
    ("highlighted_text", "highlight"),
    ("link", "base"),
    ("link", "window"),
    ("link_visited", "base"),
    ("banner_text", "banner_background"),
    ("error_text", "window"),
    ("error_text", "base"),
    ("find_match_text", "find_match_background"),
    ("glossary_text", "glossary_background"),
    ("heading", "base"),
    ("subheading", "base"),
]

# WCAG 1.4.11: marks a reader must see to use the app (borders, focus, icons) need 3:1.
MARKS = [
    # Focus rings and selection edges are drawn in the highlight colour (Fusion style).
    ("highlight", "base"),
    ("highlight", "window"),
    ("border", "base"),
    ("border", "window"),
    ("focus_ring", "base"),
    ("focus_ring", "window"),
    ("focus_ring", "button"),
    ("note_mark", "base"),
    ("note_mark", "alternate_base"),
    ("highlighted_text", "highlight"),  # the note mark on a selected row
    ("banner_border", "window"),
    ("table_border", "base"),
    ("note_border", "note_background"),
    ("warning_border", "warning_background"),
    ("tip_border", "tip_background"),
    ("disabled_text", "base"),
    ("disabled_text", "window"),
    ("disabled_text", "button"),
]


def test_contrast_ratio_follows_the_wcag_formula():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#fff", "#000") == pytest.approx(21.0)
    # #767676 on white is the well-known lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == contrast_ratio("#767676", "#ffffff")
    with pytest.raises(ValueError):
        contrast_ratio("red", "#ffffff")


def test_three_themes_by_name():
    assert theme_names() == ["light", "dark", "contrast"]
    # A first start follows the desktop; every name a reader may choose is a theme or "system".
    assert DEFAULT_THEME == "system"
    assert set(THEME_CHOICES) == {*THEMES, "system"}
    assert [THEMES[name].dark for name in theme_names()] == [False, True, True]


@pytest.mark.parametrize("theme", ALL)
@pytest.mark.parametrize("role", CONTENT_TEXT)
@pytest.mark.parametrize("surface", CONTENT_SURFACES)
def test_text_in_the_reader_pane_is_readable_on_every_surface(theme, role, surface):
    ratio = contrast_ratio(getattr(theme, role), getattr(theme, surface))
    assert ratio >= text_minimum(theme), f"{role} on {surface}: {ratio:.2f}"


@pytest.mark.parametrize("theme", ALL)
@pytest.mark.parametrize(("role", "surface"), WIDGET_TEXT)
def test_text_is_readable_on_its_background(theme, role, surface):
    ratio = contrast_ratio(getattr(theme, role), getattr(theme, surface))
    assert ratio >= text_minimum(theme), f"{role} on {surface}: {ratio:.2f}"


@pytest.mark.parametrize("theme", ALL)
@pytest.mark.parametrize(("role", "surface"), MARKS)
def test_borders_focus_and_icons_stand_out(theme, role, surface):
    ratio = contrast_ratio(getattr(theme, role), getattr(theme, surface))
    assert ratio >= 3.0, f"{role} on {surface}: {ratio:.2f}"


@pytest.mark.parametrize("theme", ALL)
def test_glossary_terms_are_not_told_apart_by_colour_alone(theme):
    # WCAG 1.4.1: a glossary term differs from a link by its tinted background too.
    assert theme.glossary_background != theme.base
    css = content_css(theme)
    rule = re.search(r"a\.glossary \{([^}]*)\}", css)
    assert rule and f"background-color: {theme.glossary_background}" in rule.group(1)


@pytest.mark.parametrize("theme", ALL)
def test_content_css_uses_the_themes_colours_and_only_what_qt_reads(theme):
    css = content_css(theme)
    assert f"body {{ color: {theme.text}; background-color: {theme.base};" in css
    assert theme.link in css and theme.heading in css and theme.glossary_text in css
    # The zoom is the document's default font: an absolute font size would defeat it.
    assert not re.search(r"font-size\s*:\s*\d", css)
    assert css.count("{") == css.count("}")
    colours = set(re.findall(r"#[0-9a-fA-F]{6}\b", css))
    theme_colours = {value for value in palette_roles(theme).values()} | {
        getattr(theme, name) for name in theme._fields if name not in {"name", "label", "dark"}
    }
    assert colours <= theme_colours


@pytest.mark.parametrize("theme", ALL)
def test_content_css_styles_every_class_the_renderer_writes(theme):
    css = content_css(theme)
    for selector in (
        "a.external",
        "a.glossary",
        "span.offline-note",
        "span.offline-image",
        "td.admonition",
        "td.warning",
        "td.tip",
        "p.admonition-title",
        "dd.glossary-aliases",
    ):
        assert re.search(rf"(?m)^{re.escape(selector)} \{{", css), selector


@pytest.mark.parametrize("theme", ALL)
def test_palette_roles_are_qt_role_names(theme):
    roles = palette_roles(theme)
    assert {"Window", "WindowText", "Base", "Text", "Highlight", "HighlightedText", "Link"} <= set(roles)
    assert all(re.fullmatch(r"[A-Z][A-Za-z]+", name) for name in roles)
    assert set(disabled_roles(theme).values()) == {theme.disabled_text}


def test_a_theme_with_a_bad_colour_is_refused():
    values = {name: getattr(THEMES["light"], name) for name in THEMES["light"]._fields}
    values["link"] = "blue"
    with pytest.raises(ValueError, match="link"):
        Theme(**values)
