"""What the search panel shows for a result: each row's words (spoken and drawn) and the summary line."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from lupus_reader.search import Hit, SearchResult


class SearchRows(QObject):
    """The words of result rows and the summary line, in the UI's language (a QObject for tr's plurals)."""

    def label(self, hit: Hit) -> str:
        """What the reader is told a hit is: "Your note", "Your question", or "" for the guide's text."""
        return {"note": self.tr("Your note"), "question": self.tr("Your question")}.get(hit.kind, "")

    def result_row(self, hit: Hit) -> tuple[str, str, Hit]:
        from lupus_reader.search import marked_html, unmarked

        snippet = marked_html(hit.snippet)
        name = self.label(hit)
        label = html.escape(name)
        if hit.kind == "question":
            question = marked_html(hit.title_marked or hit.title)
            return f"{name}: {unmarked(hit.title_marked)}", f"<b>{label}:</b> {question}", hit
        if hit.kind == "note":
            spoken = self.tr("{label} in {title}: {text}").format(
                label=name, title=hit.title, text=unmarked(hit.snippet)
            )
            where = f"{html.escape(hit.title)}<br><small>{html.escape(hit.breadcrumb)}</small>"
            return spoken, f"<b>{label}</b> · {where}<br>{snippet}", hit
        title = marked_html(hit.title_marked, tag="u") if hit.title_marked else html.escape(hit.title)
        spoken = self.tr("{title}, in {where}: {text}").format(
            title=hit.title, where=hit.breadcrumb, text=unmarked(hit.snippet)
        )
        return spoken, f"<b>{title}</b><br><small>{html.escape(hit.breadcrumb)}</small><br>{snippet}", hit

    def summary(self, result: SearchResult, preparing: bool) -> str:
        counts = {
            kind: sum(1 for hit in result.hits if hit.kind == kind)
            for kind in ("section", "note", "question")
        }
        matched = result.sections_matched
        if result.more_sections:
            parts = [self.tr("more than %n sections", "", matched - 1)]
        else:
            parts = [self.tr("%n section(s)", "", matched)]
        if counts["note"]:
            parts.append(self.tr("%n of your notes", "", counts["note"]))
        if counts["question"]:
            parts.append(self.tr("%n of your questions", "", counts["question"]))
        text = ", ".join(parts)
        if result.more_sections or matched > counts["section"]:
            text += " " + self.tr("(best %n shown)", "", counts["section"])
        if preparing:
            text += " · " + self.tr("still preparing search, more may follow")
        return text


@functools.cache
def _rows() -> SearchRows:
    return SearchRows()


def result_row(hit: Hit) -> tuple[str, str, Hit]:
    """(what a screen reader says, the row's HTML, the hit) for one result.

    Matched words are bold; in a title, which is bold already, they are underlined.
    """
    return _rows().result_row(hit)


def summary(result: SearchResult, preparing: bool) -> str:
    """ "12 sections, 2 of your notes (best 10 shown)", and whether more may follow."""
    return _rows().summary(result, preparing)
