"""Offline means offline: nothing rendered makes the app open a connection."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from tests.gui.conftest import OpenWindow
from tests.gui.helpers import click_link, pane_text, write_pack


class CountingServer:
    """A loopback HTTP server that counts every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server() -> Iterator[CountingServer]:
    with CountingServer() as running:
        yield running


def hostile_pack(folder: Path, url: str) -> Path:
    host = url.removeprefix("http:")
    chapter = f"""# Remote everything

![remote image]({url}/md-image.png)

A [web link]({url}/page) and an autolink <{url}/auto> and a [protocol-relative]({host}/pr).

<img src="{url}/raw-image.png">
<link rel="stylesheet" href="{url}/style.css">
<style>@import url("{url}/import.css"); body {{ background: url("{url}/bg.png"); }}</style>
<div style="background-image: url('{url}/inline-bg.png')">styled</div>
<iframe src="{url}/frame"></iframe>
<script src="{url}/script.js"></script>
<object data="{url}/object"></object>
<video src="{url}/video.mp4" poster="{url}/poster.png"></video>
<table background="{url}/table-bg.png"><tr><td background="{url}/cell.png">cell</td></tr></table>

## Second section

[ref link][r] and ![ref image][i]

[r]: {url}/ref
[i]: {url}/ref-image.png
"""
    return write_pack(folder, {"01-remote.md": chapter})


def test_a_pack_full_of_remote_resources_makes_no_request(
    qtbot: QtBot, open_window: OpenWindow, server: CountingServer, tmp_path: Path
) -> None:
    pack = hostile_pack(tmp_path / "remote", server.url)
    window, controller = open_window(packs=[pack])
    assert "Remote everything" in pane_text(window)
    assert "not available offline" in pane_text(window)
    for section in controller.library.packs[0].sections:
        controller.go_to(section.id)
        window.reader.viewport().repaint()
    # Clicking every remote link only explains that it is offline.
    for index in range(3):
        click_link(qtbot, window, f"#external-{index}")
        assert "not available offline" in window.statusBar().currentMessage()
    qtbot.wait(200)  # give any stray loader a chance to show itself
    assert server.requests == []


def test_load_resource_refuses_anything_outside_the_pack(
    qtbot: QtBot, open_window: OpenWindow, server: CountingServer
) -> None:
    window, _ = open_window()
    reader = window.reader
    image = QTextDocument.ResourceType.ImageResource.value
    for url in (f"{server.url}/a.png", "file:///etc/passwd", "../../etc/hosts", "//127.0.0.1/x.png"):
        assert reader.loadResource(image, QUrl(url)) is None
    # Even unsanitized HTML put straight into the pane fetches nothing.
    reader.setHtml(
        f'<p>x</p><img src="{server.url}/direct.png"><link rel="stylesheet" href="{server.url}/s.css">'
    )
    reader.viewport().repaint()
    qtbot.wait(200)
    assert f"{server.url}/direct.png" in reader.refused
    assert server.requests == []


def test_images_inside_the_pack_are_shown(open_window: OpenWindow, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    pack = write_pack(tmp_path / "pictures", {"01.md": "# Pictures\n\n![a red square](img/red.png)\n"})
    (pack / "img").mkdir()
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(pack / "img" / "red.png"))
    window, _ = open_window(packs=[pack])
    shown = window.reader.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("img/red.png"))
    assert shown is not None and (shown.width(), shown.height()) == (40, 30)
    assert "img/red.png" not in window.reader.refused
