"""What the search panel shows for a result: each row's words (spoken and drawn) and the summary line."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lupus_reader.search import Hit, SearchResult


def result_row(hit: Hit) -> tuple[str, str, Hit]:
    """(what a screen reader says, the row's HTML, the hit) for one result.

    Matched words are bold; in a title, which is bold already, they are underlined.
    """
    from lupus_reader.search import marked_html, unmarked

    snippet = marked_html(hit.snippet)
    if hit.kind == "question":
        question = marked_html(hit.title_marked or hit.title)
        return f"{hit.label}: {unmarked(hit.title_marked)}", f"<b>{hit.label}:</b> {question}", hit
    if hit.kind == "note":
        spoken = f"{hit.label} in {hit.title}: {unmarked(hit.snippet)}"
        where = f"{html.escape(hit.title)}<br><small>{html.escape(hit.breadcrumb)}</small>"
        return spoken, f"<b>{hit.label}</b> · {where}<br>{snippet}", hit
    title = marked_html(hit.title_marked, tag="u") if hit.title_marked else html.escape(hit.title)
    spoken = f"{hit.title}, in {hit.breadcrumb}: {unmarked(hit.snippet)}"
    return spoken, f"<b>{title}</b><br><small>{html.escape(hit.breadcrumb)}</small><br>{snippet}", hit


def summary(result: SearchResult, preparing: bool) -> str:
    """ "12 sections, 2 of your notes (best 10 shown)", and whether more may follow."""
    counts = {
        kind: sum(1 for hit in result.hits if hit.kind == kind) for kind in ("section", "note", "question")
    }
    matched = result.sections_matched
    if result.more_sections:
        parts = [f"more than {matched - 1} sections"]
    else:
        parts = [f"{matched} section{'s' if matched != 1 else ''}"]
    if counts["note"]:
        parts.append(f"{counts['note']} of your notes")
    if counts["question"]:
        parts.append(f"{counts['question']} of your questions")
    text = ", ".join(parts)
    if result.more_sections or matched > counts["section"]:
        text += f" (best {counts['section']} shown)"
    if preparing:
        text += " · still preparing search, more may follow"
    return text
