"""Question understanding: read filters out of a free question and keep the words to search.

"What did Wang Yi say about multilateralism in May 2021?" becomes the query text
"multilateralism", the speaker filter "Wang Yi" and the date range May 2021, understood as
("showing Wang Yi", "May 2021"). Double-quoted phrases must appear verbatim. Discord noise
(mentions, markdown marks) and question filler ("what did … say about") are removed from the
search text; the words themselves never are.

Pure functions of the text and the speaker registry; ``answer`` decides what to do when a
filter read from the question leaves nothing.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Protocol

from corpus.dates import date_bounds, range_label
from corpus.models import DocDate, Speaker
from corpus.names import is_title_word, name_parts
from corpus.speakers import SpeakerRegistry
from corpus.text import fold

from .models import MAX_QUERY_CHARS, DateRange
from .question_dates import find_dates
from .tokenize import STOPWORDS

# Discord mentions and channel/role/emoji references: shown, never searched.
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|@(?:everyone|here)\b")
# Double-quoted phrases, straight or curly.
_PHRASE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_FILLER = re.compile(
    r"""
    \b(?:tell|show|give|find)\s+(?:me|us)\b(?:\s+about)?
    |\b(?:what|how|when|where|why|whether|who)\s+(?:did|does|do|has|have|had|was|were|is)\b
    |\b(?:say|said|says|saying|think|thinks|thought|mention|mentioned|speak|spoke|talk|talked
      |state|stated|tell|told)\b(?:\s+(?:about|on|of|regarding|concerning))?
    |\b(?:statements?|quotes?|remarks?)\s+(?:on|about|of|by|from)\b
    |\b(?:please|anything|something)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "What did <Name> say": the name slot, to suggest speakers when the name is unknown.
_NAME_SLOT = re.compile(
    r"\b(?:did|does|has|have|had)\s+(.{2,60}?)\s+(?:say|said|think|mention|speak|talk|state)\b",
    re.IGNORECASE,
)


class HasSpeakers(Protocol):
    @property
    def speakers(self) -> SpeakerRegistry: ...


@dataclass(frozen=True)
class Understanding:
    """What a question asks for: the search text, filters, and how to say it back."""

    search_text: str
    speaker: str | None = None
    dates: DateRange | None = None
    date_label: str | None = None
    phrases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unknown_name: str | None = None
    other_speakers: tuple[str, ...] = field(default=())
    country: str | None = None  # a country or delegation the question is scoped to
    involving: str | None = None  # a person named as context ("at X's meeting")

    @property
    def understood(self) -> tuple[str, ...]:
        said: list[str] = []
        if self.speaker:
            said.append(f"showing {self.speaker}")
        if self.date_label:
            said.append(self.date_label)
        said += [f'containing "{p}"' for p in self.phrases]
        return tuple(said)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the given spans, each replaced by a space."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(" ")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def clean(question: str) -> tuple[str, tuple[str, ...]]:
    """The question truncated to ``MAX_QUERY_CHARS`` and without mentions; notes say what
    was dropped."""
    notes: list[str] = []
    text = question
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", 0, MAX_QUERY_CHARS)
        text = text[: cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
        notes.append(f"the question was shortened to its first {len(text):,} characters")
    without = _MENTION.sub(" ", text)
    if without != text:
        notes.append("mentions are not searched")
    return without, tuple(notes)


def ordered(first: DocDate, last: DocDate) -> tuple[DocDate, DocDate, bool]:
    """The two ends in calendar order, True when they were swapped: reversed only when the
    first begins after the last ends ("2023-01".."2023" is in order). Year-less ends are
    left as they are (May..February can mean a range across New Year)."""
    if first.year is None or last.year is None:
        return first, last, False
    if date_bounds(first)[0] > date_bounds(last)[1]:
        return last, first, True
    return first, last, False


def _person(registry: SpeakerRegistry, name: str) -> Speaker | None:
    """The (first) person a name found in a question names, None when it names no person
    (a collective speaker is a word in a question)."""
    named = [registry.get(found) for found in registry.people(name)]
    people = [speaker for speaker in named if speaker is not None and speaker.kind == "person"]
    return people[0] if people else None


_SURNAMES: weakref.WeakKeyDictionary[SpeakerRegistry, dict[str, str | None]] = (
    weakref.WeakKeyDictionary()
)
# After a bare surname at the start of a question, one of these makes it a speaker
# ("Biden on Ukraine", "Lavrov said"); otherwise a capitalised first word is just a word.
_SPEAKS = re.compile(
    r"\s*(?:(?:on|about|said|says|say|speaks|spoke|at|in)\b|['’]s\b|:)", re.IGNORECASE
)
_CAPITALISED = re.compile(r"\b[^\W\d_][^\W\d_'’\-]{3,}\b")


def _surnames(registry: SpeakerRegistry) -> dict[str, str | None]:
    """folded first/last word of each person's name -> the one person whose first word it
    is, None when it is a surname or several people's first word: a surname is read by the
    registry's rule (``SpeakerRegistry.people``), a first word ("Wang" of "Wang Yi", whose
    surname comes first) only when one person's name begins with it."""
    table = _SURNAMES.get(registry)
    if table is None:
        firsts: dict[str, set[str]] = {}
        surnames: set[str] = set()
        for person in registry.all():
            if person.kind != "person":
                continue
            parts = name_parts(person.name)
            if len(parts) < 2:
                continue
            first, last = parts[0], parts[-1]
            if len(first) >= 4 and first not in STOPWORDS:
                firsts.setdefault(first, set()).add(person.name)
            # The last part, and the first of two surnames ("Castro" of "Raúl Castro Ruz").
            for surname in {last, parts[-2]} if len(parts) >= 3 else {last}:
                if len(surname) >= 4 and surname not in STOPWORDS:
                    surnames.add(surname)
        table = {key: min(names) if len(names) == 1 else None for key, names in firsts.items()}
        table.update(dict.fromkeys(surnames))
        _SURNAMES[registry] = table
    return table


def _surname_match(
    registry: SpeakerRegistry, text: str, taken: list[tuple[int, int]]
) -> tuple[int, int, str] | None:
    """A capitalised word that is a person's surname ("Biden", "Lavrov"; a surname several
    people share, "Bush", stands for them all: ``SpeakerRegistry.resolve``) or the first
    word of one person's name: the UNGDC names speakers in full, and people ask by surname."""
    table = _surnames(registry)
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if not word[0].isupper() or any(s <= match.start() < e for s, e in taken):
            continue
        key = fold(word)
        if key not in table:
            continue
        name = table[key]
        if name is None:
            named = registry.people(word)
            name = named[0] if len(named) == 1 else word if named else None
        start = match.start()
        # Given names or initials before it that still name someone are part of the name
        # ("Joe Biden", "T. F. Tsiang", "Raul Castro" for Raúl Castro Ruz).
        wider = registry.widen(text, start, match.end())
        if wider is not None:
            start, name = wider
        if name is None:
            continue
        # Part of a longer name the corpus does not know ("Wang Yii", "Hunter Biden").
        beside = (
            re.search(r"[^\W\d_]+\s$", text[:start]),
            re.match(r"\s[^\W\d_]+", text[match.end() :]),
        )
        if any(
            b is not None
            and b.group().strip()[0].isupper()
            and not is_title_word(b.group().strip())
            for b in beside
        ):
            continue
        at_start = not text[:start].strip(" \t\"'“‘")
        if at_start and not _SPEAKS.match(text, match.end()):
            continue
        return start, match.end(), name
    return None


def understand(question: str, speakers: SpeakerRegistry | HasSpeakers) -> Understanding:
    """Read speaker, date and quoted phrases out of ``question``; the rest is searched.
    ``speakers`` is the registry, or anything holding one (an ``Index``)."""
    registry = speakers if isinstance(speakers, SpeakerRegistry) else speakers.speakers
    text, notes_t = clean(question)
    notes = list(notes_t)

    phrases = tuple(
        p for p in ((m.group(1) or m.group(2)).strip() for m in _PHRASE.finditer(text)) if p
    )
    spans: list[tuple[int, int]] = []

    dates: DateRange | None = None
    label: str | None = None
    mentions = find_dates(text)
    if mentions:
        mention = mentions[0]
        first, last, swapped = ordered(mention.first, mention.last)
        label = mention.label
        if swapped:
            label = range_label(first, last)
            notes.append(f"the dates {mention.label} were reversed, so {label} was searched")
        dates = DateRange(start=first, end=last)
        spans.append((mention.start, mention.end))
        # A preposition right before the date ("in", "on", "since") is filler too.
        before = re.search(
            r"\b(?:in|on|during|since|from|between|of|at)\s*$", text[: mention.start]
        )
        if before:
            spans.append((before.start(), mention.start))

    speaker: str | None = None
    others: list[str] = []
    for start, end, name in registry.find_in_text(text):
        if any(s <= start < e for s, e in spans):
            continue
        if speaker is None and _person(registry, name) is not None:
            speaker = name
            spans.append((start, end))
        elif name != speaker:
            others.append(name)

    if speaker is None:
        found = _surname_match(registry, text, spans)
        if found is not None:
            speaker = found[2]
            spans.append((found[0], found[1]))

    unknown_name: str | None = None
    if speaker is None:
        slot = _NAME_SLOT.search(text)
        if slot and any(ch.isupper() for ch in slot.group(1)):
            unknown_name = slot.group(1)

    remaining = _cut(text, spans)
    remaining = _FILLER.sub(" ", remaining)
    remaining = _PHRASE.sub(lambda m: " " + (m.group(1) or m.group(2)) + " ", remaining)
    search_text = re.sub(r"\s+", " ", remaining).strip(" ?!.,;:")
    return Understanding(
        search_text=search_text,
        speaker=speaker,
        dates=dates,
        date_label=label,
        phrases=phrases,
        notes=tuple(notes),
        unknown_name=unknown_name,
        other_speakers=tuple(others),
    )
