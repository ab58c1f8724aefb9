"""A pack's glossary (glossary.toml): plain-word definitions of its terms, and finding them in text."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple
from urllib.parse import unquote

from lupus_reader.content.manifest import MANIFEST
from lupus_reader.content.problems import Problem, Severity, decode
from lupus_reader.content.scan import make_slug
from lupus_reader.content.source import PackSource, normalize

GLOSSARY = "glossary.toml"
# A term's link in the text: a fragment, so the UI can catch it and nothing can fetch it.
HREF_PREFIX = "#glossary-"
# A definition shows as a tooltip and in place: a sentence or two, not an essay.
LONG_DEFINITION = 500
MAX_FORM = 120  # characters in a name or alias: a term, not a sentence
_TERM_KEYS = {"name", "aliases", "definition"}
_TERM_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*term[ \t]*\]\]")


def _key(form: str) -> str:
    """How a name or alias is compared: case and spacing do not matter."""
    return " ".join(form.split()).casefold()


class Term(NamedTuple):
    """One glossary entry: its name, other ways the text says it, and what it means."""

    name: str
    definition: str
    aliases: tuple[str, ...] = ()
    line: int = 0  # of its [[term]] header in the glossary file

    @property
    def slug(self) -> str:
        """Made from the name as a heading's id is."""
        return make_slug(self.name)

    @property
    def href(self) -> str:
        return HREF_PREFIX + self.slug

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Glossary:
    """The terms of one pack, with a matcher for their names and aliases in running text.

    Matching is case-insensitive and whole-word; where forms overlap, the
    longest wins ("autologous hematopoietic stem cell transplantation" is one
    match, not "autologous" plus more).
    """

    def __init__(self, terms: list[Term] | tuple[Term, ...], file: str = GLOSSARY) -> None:
        self.terms = tuple(terms)
        self.file = file
        self._by_slug = {term.slug: term for term in self.terms}
        self._by_form = {_key(form): term for term in self.terms for form in term.forms}
        self._pattern: re.Pattern[str] | None = None
        self._fingerprint: str | None = None

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def term(self, slug: str) -> Term | None:
        return self._by_slug.get(slug)

    def term_for_href(self, href: str) -> Term | None:
        """The term a glossary link points at: "#glossary-ahsct" (or the fragment alone); None if none.

        Percent-encoded fragments (a URL's way of writing "#glossary-זאבת") are read too.
        """
        fragment = unquote(href.rpartition("#")[2])
        prefix = HREF_PREFIX[1:]
        return self.term(fragment[len(prefix) :]) if fragment.startswith(prefix) else None

    def term_for_form(self, text: str) -> Term | None:
        """The term whose name or alias ``text`` is, ignoring case and spacing."""
        return self._by_form.get(_key(text))

    def sorted_terms(self) -> list[Term]:
        """Terms in the order a reader looks them up: alphabetical, ignoring case."""
        return sorted(self.terms, key=lambda term: (term.name.casefold(), term.name))

    @property
    def pattern(self) -> re.Pattern[str]:
        """All names and aliases as one whole-word, case-insensitive, longest-first pattern."""
        if self._pattern is None:
            trie: dict[str, Any] = {}
            for form in (form for term in self.terms for form in term.forms):
                node = trie
                for token in _tokens(form.lower()):
                    node = node.setdefault(token, {})
                node[""] = {}
            # A trie, not "a|b|c": with thousands of forms, an alternation is tried
            # form by form at every position of the text (seconds per chapter).
            self._pattern = re.compile(rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)", re.IGNORECASE)
        return self._pattern

    def find(self, text: str) -> Iterator[tuple[re.Match[str], Term]]:
        """Every occurrence of a name or alias in ``text``, left to right, with its term."""
        if not self.terms:
            return
        for match in self.pattern.finditer(text):
            term = self.term_for_form(match.group())
            if term is not None:
                yield match, term

    def replace(self, text: str, word: str) -> str:
        """``text`` with every name or alias replaced by ``word`` (readability ignores defined terms)."""
        return self.pattern.sub(word, text) if self.terms else text

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that shows in rendered pages does."""
        if self._fingerprint is None:
            data = [[term.name, list(term.aliases), term.definition] for term in self.terms]
            payload = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
            self._fingerprint = hashlib.sha256(payload).hexdigest()
        return self._fingerprint


def _tokens(form: str) -> list[str]:
    """A form's characters, with each run of spaces as one " " (it matches any white space)."""
    return [" " if part.isspace() else part for part in re.findall(r"\s+|.", " ".join(form.split()))]


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if token == " " else re.escape(token)) + _trie_pattern(child)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Where a form may also end here, the longer ones are tried first (greedy "?"), and
    # the shorter one is what is left when they do not fit: the longest form wins.
    if "" in node:
        return f"(?:{group})?" if len(branches) == 1 else group + "?"
    return group


def parse_glossary(text: str, file: str, problems: list[Problem]) -> Glossary | None:
    """The glossary in ``text``; a Problem for each entry that cannot be used. None if nothing usable."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        problems.append(Problem(file, int(match.group(1)) if match else 1, f"not valid TOML: {error}"))
        return None
    lines = text.split("\n")
    headers = [number for number, line in enumerate(lines, start=1) if _TERM_HEADER.match(line)]
    errors = 0

    def report(line: int, message: str, severity: Severity = "error") -> None:
        nonlocal errors
        errors += severity == "error"
        problems.append(Problem(file, line, message, severity))

    for key in sorted(set(data) - {"term"}):
        line = _line_of(lines, key, 1, headers[0] if headers else None)
        report(line, f"unknown field '{key}' is ignored", "warning")
    entries = data.get("term")
    if not entries:
        report(1, "the glossary has no [[term]] entries")
        return None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        report(_line_of(lines, "term", 1, None), "'term' must be a list of [[term]] tables")
        return None
    terms: list[Term] = []
    owners: dict[str, Term] = {}
    slugs: dict[str, Term] = {}
    for index, entry in enumerate(entries):
        # Written as [[term]] tables, entry N is under the Nth header; else (term = [...]) at "term".
        start = headers[index] if len(headers) == len(entries) else _line_of(lines, "term", 1, None)
        end = headers[index + 1] if len(headers) == len(entries) and index + 1 < len(headers) else None
        term = _parse_term(entry, lines, start, end, report)
        if term is None:
            continue
        clash = slugs.get(term.slug)
        if clash is not None:
            report(start, f"terms '{clash.name}' and '{term.name}' have the same id '{term.slug}'")
            continue
        taken = [form for form in term.forms if _key(form) in owners]
        for form in taken:
            owner = owners[_key(form)].name
            report(start, f"'{form}' of term '{term.name}' is already a name or alias of term '{owner}'")
        if taken:
            continue
        slugs[term.slug] = term
        owners.update({_key(form): term for form in term.forms})
        terms.append(term)
    # A glossary with a mistake is left out whole: half a glossary would hide the mistake.
    return None if errors else Glossary(terms, file)


def _parse_term(
    entry: dict[str, Any], lines: list[str], start: int, end: int | None, report: Callable[..., None]
) -> Term | None:
    def line(key: str) -> int:
        return _line_of(lines, key, start, end)

    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        where = line("name") if "name" in entry else start
        report(where, "each [[term]] needs a 'name' (a non-empty string)")
        return None
    name = " ".join(name.split())
    for key in sorted(set(entry) - _TERM_KEYS):
        report(line(key), f"unknown field '{key}' in term '{name}' is ignored", "warning")
    definition = entry.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        report(line("definition") if "definition" in entry else start, f"term '{name}' needs a 'definition'")
        return None
    definition = " ".join(definition.split())
    if len(definition) > LONG_DEFINITION:
        message = (
            f"the definition of '{name}' has {len(definition)} characters; "
            f"keep it under {LONG_DEFINITION}: it shows as a tooltip"
        )
        report(line("definition"), message, "warning")
    raw_aliases = entry.get("aliases", [])
    if not isinstance(raw_aliases, list) or not all(isinstance(a, str) and a.strip() for a in raw_aliases):
        report(line("aliases"), f"'aliases' of term '{name}' must be a list of non-empty strings")
        return None
    aliases: list[str] = []
    for alias in (" ".join(a.split()) for a in raw_aliases):
        if _key(alias) in {_key(name), *map(_key, aliases)}:
            report(line("aliases"), f"term '{name}' lists '{alias}' twice", "warning")
        else:
            aliases.append(alias)
    for form in (name, *aliases):
        if not re.match(r"\w", form) or not re.search(r"\w$", form):
            report(start, f"'{form}' of term '{name}' must start and end with a letter or digit")
            return None
        if len(form) > MAX_FORM:
            report(start, f"'{form[:40]}...' of term '{name}' is longer than {MAX_FORM} characters")
            return None
    return Term(name, definition, tuple(aliases), start)


def _line_of(lines: list[str], key: str, start: int, end: int | None) -> int:
    """The line of ``key = ...`` between lines ``start`` and ``end`` (exclusive), else ``start``."""
    pattern = re.compile(rf"^[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\")[ \t]*=")
    for number in range(start, (end or len(lines) + 1)):
        if 0 < number <= len(lines) and pattern.match(lines[number - 1]):
            return number
    return start


def open_glossary(
    source: PackSource, manifest: dict[str, Any], has_manifest: bool, problems: list[Problem]
) -> Glossary | None:
    """The pack's glossary: the file its manifest names, or glossary.toml in a pack without one.

    Problems go to ``problems``; any error means no glossary (the pack can
    still be read without it, see ``load_pack``).
    """
    line = manifest.get("glossary_line", 1)
    if not has_manifest:
        name = GLOSSARY if source.exists(GLOSSARY) else None
    elif "glossary" not in manifest:
        if source.exists(GLOSSARY):
            message = f'{GLOSSARY} is not used: name it in {MANIFEST} (glossary = "{GLOSSARY}")'
            problems.append(Problem(MANIFEST, 1, message, "warning"))
        name = None
    else:
        value = manifest["glossary"]
        name = normalize(value) if isinstance(value, str) else None
        if not isinstance(value, str) or not value.strip():
            message = f"field 'glossary' must name a file, such as \"{GLOSSARY}\""
            problems.append(Problem(MANIFEST, line, message))
            return None
        if name is None:
            problems.append(Problem(MANIFEST, line, f"glossary '{value}' is outside the pack"))
            return None
        if not name.lower().endswith(".toml"):
            problems.append(Problem(MANIFEST, line, f"glossary '{value}' is not a TOML (.toml) file"))
            return None
        if not source.exists(name):
            problems.append(Problem(MANIFEST, line, f"glossary file '{value}' is missing"))
            return None
    if name is None:
        return None
    text = decode(source, name, problems)
    return None if text is None else parse_glossary(text, name, problems)
