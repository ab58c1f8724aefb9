"""The lower floor stays Qt-free: it imports, checks and renders without PySide6 loaded."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_lower_floor_and_check_pack_never_import_qt(bundled_pack):
    # A fresh interpreter: pytest-qt has already loaded PySide6 into this one.
    script = textwrap.dedent(
        f"""
        import io, sys
        from pathlib import Path
        import lupus_reader.cli, lupus_reader.state, lupus_reader.history, lupus_reader.paths
        import lupus_reader.content.library, lupus_reader.content.render
        from lupus_reader.app import main
        from lupus_reader.content.pack import load_pack
        from lupus_reader.content.render import Renderer
        pack = load_pack(Path({str(bundled_pack)!r}))
        renderer = Renderer()
        for chapter in pack.chapters:
            renderer.render_chapter(pack, chapter)
        sys.stdout = io.StringIO()
        code = main(["check-pack", {str(bundled_pack)!r}])
        sys.stdout = sys.__stdout__
        qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
        print(code, qt)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"
