"""Hostile content: nothing that could run a script or fetch from a network survives rendering."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lupus_reader.content.pack import is_absolute_url
from lupus_reader.content.render import Renderer, sanitize


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


# Attribute values in the output, entity-decoded as a browser or Qt would read them.
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))""")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")


def attributes(output: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, decoded value) for every attribute of every tag."""
    found = []
    for tag, rest in _TAG.findall(output):
        for match in _ATTRIBUTE.finditer(rest):
            value = next(v for v in match.groups()[2:] if v is not None)
            found.append((tag.lower(), match.group(1).lower(), html_lib.unescape(value)))
    return found


SAFE_TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p"),
    *("pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th"),
    *("thead", "tr", "u", "ul"),
}
FORBIDDEN = (
    *("<script", "<iframe", "<object", "<embed", "<svg", "<style", "<link", "<meta", "<base"),
    *("<form", "<input", "<!--"),
)


def fetchable(value: str) -> bool:
    """Would a URL parser read ``value`` as naming a scheme or a host? (WHATWG rules, by hand.)"""
    value = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    value = value.replace("\\", "/")
    return value.startswith("//") or re.match(r"[a-zA-Z][a-zA-Z0-9+.\-]*:", value) is not None


def assert_inert(output: str) -> None:
    """Nothing in ``output`` can run, fetch or style: the checks a reviewer would make."""
    lowered = output.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in lowered, (forbidden, output)
    tags = {tag.lower() for tag, _ in _TAG.findall(output)}
    assert tags <= SAFE_TAGS, output
    for tag, name, value in attributes(output):
        assert not name.startswith("on"), (tag, name, output)
        assert name not in {"style", "srcset", "background", "action", "formaction", "poster", "data"}
        if name in {"href", "src"}:
            assert not fetchable(value), (tag, name, value)


HOSTILE = [
    pytest.param("<script>alert('x')</script>Visible", "Visible", id="script"),
    pytest.param("<style>body{background:url(http://evil.example/x)}</style>Visible", "Visible", id="style"),
    pytest.param('<iframe src="http://evil.example/"></iframe>Visible', "Visible", id="iframe"),
    pytest.param('<object data="http://evil.example/x.swf"></object>Visible', "Visible", id="object"),
    pytest.param('<embed src="http://evil.example/x.swf">Visible', "Visible", id="embed"),
    pytest.param('<svg onload="alert(1)"><circle r="5"/></svg>Visible', "Visible", id="svg onload"),
    pytest.param('<img src=x onerror="alert(1)">Visible', "Visible", id="img onerror"),
    pytest.param("[Visible](javascript:alert(1))", "Visible", id="javascript href"),
    pytest.param("[Visible](JaVaScRiPt:alert(1))", "Visible", id="javascript mixed case"),
    pytest.param("[Visible](data:text/html;base64,PHNjcmlwdD4=)", "Visible", id="data href"),
    pytest.param("[Visible](vbscript:msgbox(1))", "Visible", id="vbscript href"),
    pytest.param("[Visible](//evil.example/x)", "Visible", id="protocol-relative"),
    pytest.param("[Visible](\\\\\\\\evil\\\\share)", "Visible", id="unc path in markdown"),
    pytest.param('<a href="\\\\evil\\share">Visible</a>', "Visible", id="unc path in html"),
    pytest.param('<a href="/\\evil.example/x">Visible</a>', "Visible", id="slash backslash"),
    pytest.param('<link rel="stylesheet" href="http://evil.example/x.css">Visible', "Visible", id="link"),
    pytest.param(
        '<meta http-equiv="refresh" content="0;url=http://evil.example/">Visible',
        "Visible",
        id="meta refresh",
    ),
    pytest.param('<base href="http://evil.example/">Visible', "Visible", id="base"),
    pytest.param(
        '<form action="http://evil.example/"><input name="q"><button>Go</button></form>Visible',
        "Visible",
        id="form",
    ),
    pytest.param(
        '<p style="background:url(http://evil.example/x.png)">Visible</p>', "Visible", id="style url"
    ),
    pytest.param('<div style="behavior:url(x.htc)">Visible</div>', "Visible", id="style behavior"),
    pytest.param("![remote](http://evil.example/x.png) Visible", "Visible", id="markdown remote image"),
    pytest.param('<img src="http://evil.example/x.png" alt="raw">Visible', "Visible", id="html remote image"),
    pytest.param('<img src="//evil.example/x.png">Visible', "Visible", id="html protocol-relative image"),
    pytest.param('<img src="data:image/png;base64,iVBORw0KGgo=">Visible', "Visible", id="data image"),
    pytest.param('<img srcset="http://evil.example/x.png 2x" src="a.png">Visible', "Visible", id="srcset"),
    pytest.param(
        '<table background="http://evil.example/x.png"><tr><td>Visible</td></tr></table>',
        "Visible",
        id="table background",
    ),
    pytest.param(
        '<video src="http://evil.example/v.mp4" poster="http://evil.example/p.png"></video>Visible',
        "Visible",
        id="video",
    ),
    pytest.param("<!-- http://evil.example/ <script>x</script> -->Visible", "Visible", id="comment"),
    pytest.param('<a href="jav&#x61;script:alert(1)">Visible</a>', "Visible", id="entity-obfuscated"),
    pytest.param(
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">Visible</a>',
        "Visible",
        id="fully encoded",
    ),
    pytest.param("[Visible](jav&#x61;script:alert(1))", "Visible", id="entity-obfuscated markdown"),
    pytest.param('<a href="java&#9;script:alert(1)">Visible</a>', "Visible", id="tab in scheme"),
    pytest.param('<a href=" &#14; javascript:alert(1)">Visible</a>', "Visible", id="leading controls"),
    pytest.param('<a href="/&#9;/evil.example/x">Visible</a>', "Visible", id="tab in network path"),
    pytest.param('<a href="/&#10;/evil.example/x">Visible</a>', "Visible", id="newline in network path"),
    pytest.param('<a href="&#1;//evil.example/x">Visible</a>', "Visible", id="control before network path"),
    pytest.param('<img src="&#9;//evil.example/x.png">Visible', "Visible", id="tab before image host"),
    pytest.param('<a href="file:///etc/passwd">Visible</a>', "Visible", id="file url"),
    pytest.param('<math><mi xlink:href="javascript:alert(1)">x</mi></math>Visible', "Visible", id="math"),
    pytest.param("<template><img src=http://evil.example/x></template>Visible", "Visible", id="template"),
    pytest.param('<div onclick="alert(1)" onmouseover="alert(2)">Visible</div>', "Visible", id="div onclick"),
    pytest.param('<a href="02-next.md" target="_blank" rel="opener">Visible</a>', "Visible", id="target"),
]


@pytest.mark.parametrize(("source", "visible"), HOSTILE)
def test_hostile_markdown_renders_inert(renderer, source, visible):
    rendered = renderer.render_markdown(f"# Title\n\n{source}\n")

    assert_inert(rendered.html)
    for url in rendered.external_links:
        assert url not in re.sub(r'title="[^"]*"', "", rendered.html)  # only in the tooltip
    text = re.sub(r"<[^>]+>", "", rendered.html)
    assert visible in text
    assert "alert" not in re.sub(r'title="[^"]*"', "", rendered.html)


@pytest.mark.parametrize(("source", "visible"), [p for p in HOSTILE if p.values[0].startswith("<")])
def test_hostile_html_sanitizes_inert(source, visible):
    output = sanitize(source)

    assert_inert(output)
    assert "http" not in output and "//evil" not in output, output
    assert "javascript" not in output.lower() and "alert" not in output, output


def test_output_has_no_network_references_at_all(renderer):
    source = "\n\n".join(param.values[0] for param in HOSTILE)
    rendered = renderer.render_markdown(source)
    without_tooltips = re.sub(r'title="[^"]*"', "", rendered.html)

    assert_inert(rendered.html)
    assert "http" not in without_tooltips
    assert "//evil" not in without_tooltips
    assert "javascript" not in without_tooltips.lower()
    assert "style=" not in rendered.html
    assert not re.search(r"\son[a-z]+\s*=", rendered.html)


def test_safe_markup_survives_sanitizing():
    safe = (
        '<h2 id="x">Title</h2>'
        "<p>Some <em>soft</em> and <strong>strong</strong> words, H<sub>2</sub>O, x<sup>2</sup>.</p>"
        '<a href="02-next.md#part" title="Next">next</a>'
        '<img alt="Diagram" src="img/diagram.png" width="20">'
        '<abbr title="Systemic lupus erythematosus">SLE</abbr>'
    )

    assert sanitize(safe) == safe


def test_relative_paths_with_colons_later_stay(renderer):
    rendered = renderer.render_markdown("[notes](notes/part:two.md) [q](a.md?x=1)")

    assert 'href="notes/part:two.md"' in rendered.html
    assert 'href="a.md?x=1"' in rendered.html


# -- property: whatever an author types, nothing fetches and nothing runs -------------------------

_PIECES = st.sampled_from(
    [
        "javascript:",
        "JAVASCRIPT:",
        "data:",
        "vbscript:",
        "http://",
        "https://",
        "ftp://",
        "file://",
        "mailto:",
        "//",
        "\\\\",
        "/\\",
        "\t",
        "\n",
        "&#x61;",
        "&#9;",
        "&#10;",
        "&colon;",
        "&#58;",
        "<",
        ">",
        '"',
        "'",
        "=",
        "(",
        ")",
        "[",
        "]",
        "!",
        "#",
        "<a href=",
        "<img src=",
        "<script>",
        "</script>",
        "<svg onload=",
        "<iframe src=",
        " onerror=",
        " style=",
        "evil.example",
        "x.png",
        "alert(1)",
        "`",
        "```",
        "    ",
        "{#id}",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&",
        ";",
    ]
)
_MARKDOWNISH = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30).map("".join)


def _scheme_urls(output: str) -> list[str]:
    return [value for _, name, value in attributes(output) if name in {"href", "src"} and fetchable(value)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_MARKDOWNISH)
def test_property_rendered_output_never_fetches_or_runs(text):
    rendered = Renderer().render_markdown(text)

    assert _scheme_urls(rendered.html) == []
    assert "<script" not in rendered.html.lower()
    assert not any(name.startswith("on") for _, name, _ in attributes(rendered.html))


@settings(max_examples=300, deadline=None)
@given(text=_MARKDOWNISH)
def test_property_sanitized_html_never_fetches_or_runs(text):
    output = sanitize(text)

    assert _scheme_urls(output) == []
    assert "<script" not in output.lower()
    assert not any(name.startswith("on") for _, name, _ in attributes(output))


@settings(max_examples=200, deadline=None)
@given(href=st.text(max_size=40))
def test_property_any_link_target_stays_relative(href):
    rendered = Renderer().render_markdown(f"[x](<{href}>) ![y](<{href}>)")

    assert _scheme_urls(rendered.html) == []


@pytest.mark.parametrize(
    "href",
    [
        "http://x",
        "HTTPS://x",
        "mailto:a@b",
        "javascript:x",
        "//host/x",
        "\\\\host\\x",
        "/\\host",
        "\\/host",
        " //host",
        "/\t/host",
        "/\n/host",
        "\x01//host",
        "\x00javascript:x",
        "java\tscript:x",
    ],
)
def test_is_absolute_url_reads_urls_as_a_parser_does(href):
    assert is_absolute_url(href)


@pytest.mark.parametrize(
    "href", ["a.md", "#x", "a.md#x", "img/a.png", "notes/part:two.md", "./x.md", "../x.md", ""]
)
def test_relative_references_are_not_absolute(href):
    assert not is_absolute_url(href)
