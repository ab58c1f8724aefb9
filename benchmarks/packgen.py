"""Generate large, valid, deterministic content packs for benchmarks and tests.

``generate_pack(folder, sections)`` writes ``pack.toml`` and chapter files
``0001-chapter.md``, ``0002-chapter.md``, … into ``folder``.  Each chapter starts
with ``# Chapter N`` (itself a section) followed by ``## Section N.M: …`` headings
and some ``### Note N.M: …`` sub-headings, so the pack has exactly ``sections``
navigable (level 1-3) sections.  The prose is plain-language patient-education
filler with paragraphs, bullet and numbered lists, bold and italic text, the odd
block quote, and internal links to other sections (same chapter and other
chapters) whose anchors match the reader's own slugs, so ``check-pack`` reports
no errors.

The same arguments always give byte-identical files (seeded ``random.Random``).
Importing this module has no side effects and needs no Qt.

Command line::

    python -m benchmarks.packgen OUT --sections 2000 [--words 120] [--per-chapter 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

try:  # the reader's own slug rule, so links resolve exactly as the app resolves them
    from lupus_reader.content.scan import make_slug as _make_slug
except ImportError:  # pragma: no cover - benchmarks used without the app installed
    from markdown.extensions.toc import slugify_unicode

    def _make_slug(title: str) -> str:
        return slugify_unicode(title, "-") or "section"


__all__ = ["DEFAULT_WORDS_PER_SECTION", "chapter_file_name", "generate_pack"]

DEFAULT_WORDS_PER_SECTION = 120
DEFAULT_SECTIONS_PER_CHAPTER = 20
DEFAULT_SEED = 1

_TOPICS = (
    "blood tests",
    "kidney care",
    "joint pain",
    "skin rashes",
    "fatigue",
    "medicines",
    "side effects",
    "infections",
    "hospital stays",
    "follow-up visits",
    "clinical trials",
    "stem cell collection",
    "conditioning treatment",
    "recovery at home",
    "diet and rest",
    "work and family",
    "travel plans",
    "vaccines",
    "pregnancy planning",
    "costs and insurance",
    "second opinions",
    "questions for your doctor",
    "warning signs",
    "long-term outlook",
)
_SUBJECTS = (
    "Your care team",
    "Your rheumatologist",
    "The transplant nurse",
    "Many patients",
    "A specialist",
    "Your family doctor",
    "The study team",
    "Some people",
    "Your body",
    "The immune system",
)
_VERBS = (
    "may check",
    "will explain",
    "often watches",
    "can help with",
    "needs to plan",
    "usually reviews",
    "should talk about",
    "might change",
    "tends to improve",
    "will write down",
)
_OBJECTS = (
    "your blood counts",
    "the results of each test",
    "how you feel each day",
    "the dose of each medicine",
    "signs of infection",
    "the plan for the next weeks",
    "any new symptoms",
    "the risks and benefits",
    "your energy levels",
    "the timing of each step",
    "questions you bring along",
    "the notes from your last visit",
)
_TAILS = (
    "before the next step",
    "during the first weeks",
    "after you go home",
    "at every visit",
    "if something changes",
    "with you and your carer",
    "in plain words",
    "over several months",
    "when you are ready",
    "as part of the study",
)
_TERMS = (
    "lupus",
    "flare",
    "remission",
    "stem cells",
    "immune system",
    "white blood cells",
    "platelets",
    "central line",
    "fever",
    "consent form",
)
_LIST_ITEMS = (
    "Write down your questions before each visit.",
    "Bring a list of every medicine you take.",
    "Ask who to call at night or at the weekend.",
    "Keep a short diary of how you feel.",
    "Check your temperature if you feel unwell.",
    "Tell the team about any new rash or pain.",
    "Rest when you need to, and say so.",
    "Ask a friend or carer to come with you.",
    "Keep copies of your test results.",
    "Ask how long each step usually takes.",
    "Find out what support is available at home.",
    "Ask what happens if the treatment does not help.",
)


@dataclass(frozen=True, slots=True)
class _Planned:
    chapter: int  # 1-based
    file: str
    level: int
    title: str
    slug: str


def chapter_file_name(number: int) -> str:
    """The file name of 1-based chapter ``number``: ``0001-chapter.md``."""
    return f"{number:04d}-chapter.md"


def _plan(sections: int, per_chapter: int, rng: random.Random) -> list[list[_Planned]]:
    chapters: list[list[_Planned]] = []
    remaining = sections
    number = 0
    while remaining > 0:
        number += 1
        file = chapter_file_name(number)
        count = min(per_chapter, remaining)
        remaining -= count
        title = f"Chapter {number}"
        planned = [_Planned(number, file, 1, title, _make_slug(title))]
        for index in range(1, count):
            topic = rng.choice(_TOPICS)
            # A level-3 note only ever follows a level-2 section or another note.
            level = 3 if index > 1 and rng.random() < 0.3 else 2
            if level == 2:
                title = f"Section {number}.{index}: {topic.capitalize()}"
            else:
                title = f"Note {number}.{index}: more about {topic}"
            planned.append(_Planned(number, file, level, title, _make_slug(title)))
        slugs = [p.slug for p in planned]
        assert len(set(slugs)) == len(slugs), f"duplicate slug in chapter {number}"
        chapters.append(planned)
    return chapters


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(_SUBJECTS)
    obj = rng.choice(_OBJECTS)
    roll = rng.random()
    if roll < 0.15:
        obj = f"**{obj}**"
    elif roll < 0.25:
        obj = f"*{obj}*"
    text = f"{subject} {rng.choice(_VERBS)} {obj} {rng.choice(_TAILS)}."
    if rng.random() < 0.2:
        term = rng.choice(_TERMS)
        text += f" The word **{term}** comes up often, so ask what it means for you."
    return text


def _link(rng: random.Random, here: _Planned, plan: list[list[_Planned]]) -> str:
    if rng.random() < 0.5:
        target = rng.choice(plan[here.chapter - 1])
        href = f"#{target.slug}"
    else:
        target = rng.choice(rng.choice(plan))
        href = target.file if target.level == 1 else f"{target.file}#{target.slug}"
    return f"You can read more in [{target.title}]({href})."


def _body(rng: random.Random, here: _Planned, plan: list[list[_Planned]], words: int) -> list[str]:
    lines: list[str] = []
    written = 0
    want_link = rng.random() < 0.4
    want_bullets = rng.random() < 0.4
    want_numbers = rng.random() < 0.2
    want_quote = rng.random() < 0.08
    while written < words:
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            sentence = _sentence(rng)
            paragraph.append(sentence)
            written += len(sentence.split())
            if written >= words:
                break
        if want_link:
            paragraph.append(_link(rng, here, plan))
            want_link = False
        lines += [" ".join(paragraph), ""]
        if want_bullets and written < words:
            items = rng.sample(_LIST_ITEMS, rng.randint(3, 5))
            lines += [f"- {item}" for item in items] + [""]
            written += sum(len(item.split()) for item in items)
            want_bullets = False
        elif want_numbers and written < words:
            items = rng.sample(_LIST_ITEMS, rng.randint(3, 4))
            lines += [f"{n}. {item}" for n, item in enumerate(items, start=1)] + [""]
            written += sum(len(item.split()) for item in items)
            want_numbers = False
        elif want_quote and written < words:
            lines += [f"> **Remember:** {_sentence(rng)}", ""]
            written += 12
            want_quote = False
    return lines


def generate_pack(
    folder: Path,
    sections: int,
    words_per_section: int = DEFAULT_WORDS_PER_SECTION,
    sections_per_chapter: int = DEFAULT_SECTIONS_PER_CHAPTER,
    *,
    seed: int = DEFAULT_SEED,
    pack_id: str | None = None,
    title: str | None = None,
) -> Path:
    """Write a valid content pack with exactly ``sections`` sections into ``folder``; return it.

    ``words_per_section`` is approximate (whole sentences and list items).
    ``sections_per_chapter`` counts the chapter's own ``# Chapter N`` heading.
    The default id is ``benchmark-<sections>``; same arguments, same bytes.
    """
    if sections < 1:
        raise ValueError("a pack needs at least one section")
    if sections_per_chapter < 1:
        raise ValueError("sections_per_chapter must be at least 1")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    plan = _plan(sections, sections_per_chapter, rng)
    for chapter in plan:
        lines: list[str] = []
        for planned in chapter:
            lines += [f"{'#' * planned.level} {planned.title}", ""]
            lines += _body(rng, planned, plan, words_per_section)
        (folder / chapter[0].file).write_text("\n".join(lines), encoding="utf-8")
    files = ",\n".join(f'  "{chapter[0].file}"' for chapter in plan)
    manifest = (
        f'id = "{pack_id or f"benchmark-{sections}"}"\n'
        f'title = "{title or f"Generated guide ({sections} sections)"}"\n'
        'subtitle = "Synthetic text for benchmarks; not medical advice"\n'
        'language = "en"\n'
        'version = "1.0.0"\n'
        "reviewed = 2026-01-01\n"
        f"chapters = [\n{files},\n]\n\n"
        "[[sources]]\n"
        'title = "benchmarks.packgen"\n'
        f'note = "Generated: {sections} sections, ~{words_per_section} words each, seed {seed}."\n'
    )
    (folder / "pack.toml").write_text(manifest, encoding="utf-8")
    return folder


def expected_chapters(sections: int, sections_per_chapter: int = DEFAULT_SECTIONS_PER_CHAPTER) -> int:
    """How many chapter files ``generate_pack`` writes for these arguments."""
    return math.ceil(sections / sections_per_chapter)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.packgen", description="Write a synthetic content pack."
    )
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write (created if needed)")
    parser.add_argument("--sections", type=int, default=2000, help="number of sections (default 2000)")
    parser.add_argument(
        "--words", type=int, default=DEFAULT_WORDS_PER_SECTION, help="approximate words per section"
    )
    parser.add_argument(
        "--per-chapter", type=int, default=DEFAULT_SECTIONS_PER_CHAPTER, help="sections per chapter"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--id", dest="pack_id", help="pack id (default benchmark-<sections>)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.glob("*-chapter.md")):
        # Stale chapters from a bigger pack would sit unused in the folder; refuse rather than mix.
        print(f"{args.out} already holds chapter files; choose an empty folder", file=sys.stderr)
        return 1
    generate_pack(args.out, args.sections, args.words, args.per_chapter, seed=args.seed, pack_id=args.pack_id)
    chapters = expected_chapters(args.sections, args.per_chapter)
    print(f"{args.out}: {args.sections} sections in {chapters} chapters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
