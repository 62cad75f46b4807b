"""Speakers across the corpus: canonical names, aliases, roles, and finding them in text.

Reported-speech attribution itself lives in :mod:`corpus.attribution`; this module is the
registry every other package asks "who is this name?" (``SpeakerRegistry.people``: the one
rule reading a typed name), and the rule for which written names are one person
(``group_variants``: the loader merges by it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist

from .attribution import Attribution, attribute, collective_label
from .clean import BadInput
from .formats import load_yaml, text_value
from .models import Speaker, SpeakerKind
from .names import (
    family_name_first,
    fits,
    given_names,
    given_names_agree,
    joined_surname,
    name_parts,
    spelling_key,
    spelt_otherwise,
    strip_honorifics,
)
from .nicknames import NICKNAMES
from .reading import DEFAULT_MAX_FILE_BYTES, read_file
from .text import fold, has_every_word, longest_from, typed_in_lower_case

__all__ = [
    "Attribution",
    "NameEvidence",
    "SimilarPair",
    "SpeakerRegistry",
    "Variants",
    "attribute",
    "collective_label",
    "group_variants",
    "listed",
    "read_speakers_yaml",
    "strip_honorifics",
]


# A given name typed that no corpus person has may still be one when the corpus's paragraphs
# hardly hold the word (full UNGDC: "mike" 2 paragraphs, "vijaya" 7, "golda" 11; against
# "luther" 54, "camp" 1,681, "foster" 2,274). One in 20,000: 19 of the full UNGDC's 388,236.
RARE_GIVEN_NAME_SHARE = 1 / 20_000
# Or when at least this share of the paragraphs holding the word hold the surname too, and the
# surname is one person's alone: the corpus writes it as that person's given name (full UNGDC:
# "Jawaharlal" beside Nehru in 49 of 49 paragraphs, "Kwame" beside Nkrumah 42 of 43, "Kurt"
# beside Waldheim 552 of 567; "Ernesto" beside Guevara 12 of 35, "John" beside Smith 2 of 499).
GIVEN_NAME_BESIDE_SURNAME = 0.5


class SpeakerRegistry:
    """Canonical speakers and every spelling that names them, compared with :func:`fold`.

    :meth:`people` is the one rule that reads a typed name, for every front end and filter:
    a name resolves to the set of people it can name. ``variants`` says which written names
    the loader merged into one person, and which nearly (``corpus speakers --similar``).
    ``word_share``, where the corpus's words are counted (an index's registry), says what
    share of its paragraphs hold a word: a word they hardly hold may be a given name the
    corpus never writes (``_filed_by_surname``); ``share_beside`` what share of those
    holding a word hold another too: a word written beside a surname may be its given name."""

    def __init__(
        self,
        speakers: Iterable[Speaker],
        variants: Variants | None = None,
        *,
        word_share: Callable[[str], float] | None = None,
        share_beside: Callable[[str, str], float] | None = None,
    ) -> None:
        self._speakers: dict[str, Speaker] = {}
        self._by_alias: dict[str, str] = {}
        self.variants = variants or Variants()
        self._word_share = word_share
        self._share_beside = share_beside
        for speaker in speakers:
            self._add(speaker)
        # Made on first use: surname -> (person, name parts of one of their spellings), and
        # a surname's spelling key -> the surnames sharing it.
        self._by_surname: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None
        self._by_spelling: dict[str, list[str]] | None = None
        self._known_given: frozenset[str] | None = None
        self._known_first: frozenset[str] | None = None
        # Made on first use, like the above (reading the nicknames' full names builds them:
        # ~90 ms on the full UNGDC, that a warm start need not pay): folded nickname -> the
        # people it names here, and find_in_text's table with the nicknames in it.
        self._nicknames: dict[str, tuple[str, ...]] | None = None
        self._names_by_words: tuple[dict[tuple[str, ...], str], dict[str, int]] | None = None

    def _add(self, speaker: Speaker) -> None:
        existing = self._speakers.get(speaker.name)
        if existing is not None:
            aliases = tuple(dict.fromkeys((*existing.aliases, *speaker.aliases)))
            speaker = existing.model_copy(
                update={
                    "aliases": aliases,
                    "role": existing.role or speaker.role,
                    "paragraph_count": existing.paragraph_count + speaker.paragraph_count,
                    "places": tuple(dict.fromkeys((*existing.places, *speaker.places))),
                }
            )
        self._speakers[speaker.name] = speaker
        for alias in (speaker.name, *speaker.aliases):
            # The canonical name of one speaker always wins over another's alias.
            key = fold(alias)
            if alias == speaker.name or key not in self._by_alias:
                self._by_alias[key] = speaker.name

    def _exact(self, name: str) -> str | None:
        """The speaker whose name or alias this is, case- and accent-insensitive."""
        key = fold(" ".join(name.split()))
        found = self._by_alias.get(key)
        if found is None:
            stripped = strip_honorifics(name)
            if stripped != name:
                found = self._by_alias.get(fold(stripped))
        return found

    def people(self, name: str, *, with_nicknames: bool = True) -> tuple[str, ...]:
        """Every speaker a typed name can name, most paragraphs first: the one rule every
        speaker filter, lookup and completion reads a name by.

        A full name or alias names its speaker ("Joe Biden", "George W. Bush"). A name that
        fits fuller ones (``names.fits``: same surname, agreeing given names or initials)
        names each of them ("Biden", "J. R. Biden"); a bare surname names every person it
        fits even when it is itself a speaker's name or alias ("Bush": George Bush and
        George W. Bush), and whoever is called by it as the first of two surnames
        (``_called_by_first_surname``: "Petro" is Gustavo Petro Urrego). A nickname names
        whom its full name names (``NICKNAMES``: "Dubya" is George W. Bush). Empty when the
        name is nobody's."""
        exact = self._exact(name)
        if exact is not None and self._speakers[exact].kind != "person":
            return (exact,)
        if exact is None and with_nicknames:
            nicknamed = self._by_nickname().get(fold(" ".join(name.split())))
            if nicknamed:
                return nicknamed
        parts = name_parts(name)
        if exact is not None and len(parts) != 1:
            return (exact,)
        fitting = self._fitting(parts)
        if exact is None and not fitting:
            fitting = (
                self._written_otherwise(parts)
                or self._filed_by_surname(parts)
                or self._by_surname_alone(parts)
            )
        found = [exact] if exact is not None else []
        return tuple(dict.fromkeys([*found, *fitting]))

    def _by_nickname(self) -> dict[str, tuple[str, ...]]:
        """Each nickname (folded) that names someone here, and whom: its full name read as
        any typed name is, without nicknames. Assigned whole: a registry's threads may make
        it twice, never see it half made."""
        if self._nicknames is None:
            named = {
                fold(nickname): self.people(full, with_nicknames=False)
                for nickname, full in NICKNAMES.items()
            }
            self._nicknames = {nickname: found for nickname, found in named.items() if found}
        return self._nicknames

    def nicknames(self) -> Collection[str]:
        """The nicknames (folded) that name someone here."""
        return self._by_nickname().keys()

    def _table(self) -> tuple[dict[tuple[str, ...], str], dict[str, int]]:
        """find_in_text's people by the folded words of their names and aliases, nicknames
        too (one of a person finds their name, of several itself, as a shared surname does),
        and by each word a name begins with, the most words such a name has: a dict lookup
        per word n-gram instead of one alternation of every name (thousands in the UNGDC),
        whose compilation alone cost the first question half a second; and only the n-grams
        from a word some name begins with (a tuple made for every n-gram up to the longest
        name was a quarter of understanding a question, full UNGDC)."""
        if self._names_by_words is None:
            table: dict[tuple[str, ...], str] = {}
            for key, name in self._by_alias.items():
                words = tuple(_WORD.findall(key))
                if words and self._speakers[name].kind == "person":
                    table.setdefault(words, name)
            for nickname, found in self._by_nickname().items():
                one = found[0] if len(found) == 1 else nickname
                table.setdefault(tuple(_WORD.findall(nickname)), one)
            self._names_by_words = table, longest_from(table)
        return self._names_by_words

    def _written_otherwise(self, parts: tuple[str, ...]) -> list[str]:
        """The persons a name nobody is called names when read in the other order, word for
        word ("Chiao Kuan-hua" for "Kuan-hua Chiao", "Ki-moon Ban" for "Ban Ki-moon"), with
        its last two words one surname ("Ahmadi-Nejad" for "Ahmadinejad"), or with its
        surname spelt as the corpus spells it ("Gaddafi" for "Al-Qadhafi", "Mia Motley" for
        "Mia Amor Mottley": ``spellings_of``)."""
        if not parts:
            return []
        found: list[str] = []
        if len(parts) > 1:
            # Word for word: read loosely, "De Gaulle" as "Gaulle De" fitted a "Guillermo
            # Fernandez de Soto" on the full UNGDC.
            for reordered in (family_name_first(parts), (parts[-1], *parts[:-1])):
                by_surname = self._surnames().get(reordered[-1], [])
                found += sorted({name for name, spelled in by_surname if spelled == reordered})
            found += self._fitting(joined_surname(parts))
        for surname in self.spellings_of(parts[-1]):
            found += self._fitting((*parts[:-1], surname))
        return list(dict.fromkeys(found))

    def _filed_by_surname(self, parts: tuple[str, ...]) -> list[str]:
        """The persons the corpus files by surname alone ("Mr. GROMYKO", "Mr. PEARSON") a
        full name names when nobody it fits has given names: "Andrei Gromyko", "Mike
        Pearson". Only when each given name typed is an initial, one the corpus's people
        have, or a word its paragraphs hardly hold (``word_share``: "Mike", "Vijaya
        Lakshmi"); or, the surname being one person's alone, a word its paragraphs write
        beside the surname (``share_beside``: "Jawaharlal Nehru", "Kurt Waldheim"). So
        "Straße Arce" is not Arce without word counts, nor ever "Arab Spring" a Spring or
        "Martin Luther King" a Mr. King ("luther" is in 54 of the full UNGDC's 388,236
        paragraphs, 49 of them beside "king", but Mackenzie King is a King too)."""
        if len(parts) < 2:
            return []
        spellings = self._spellings_under(parts[-1])
        sole = len(spellings) == 1
        if not all(
            self._may_be_given(part) or (sole and self._written_beside(part, parts[-1]))
            for part in given_names(parts)
        ):
            return []
        return self._most_spoken(_filed_alone(spellings, parts[-1]))

    def _by_surname_alone(self, parts: tuple[str, ...]) -> list[str]:
        """Everyone a full name's surname names when its given names are words neither the
        corpus's people nor its paragraphs have (``word_share``): given names written as
        another language transliterates them ("Geidar Aliev" for Heydar Aliyev: new dev
        questions, full UNGDC), so only a person one of whose given names it may spell
        (``names.spelt_otherwise``), or one the corpus files by surname alone, whose given
        names it does not know ("Dmitri Manuilski" for "Mr. MANUILSKY"): "Hunter Biden",
        "Jill Biden" and "Ivanka Trump" had named Joseph R. Biden and Donald Trump ("hunter"
        is in 18 of the full UNGDC's 388,236 paragraphs). Never for an initial or a given name
        some person has: "John Smith" is not Ian Smith."""
        given = given_names(parts)
        if not given or not all(
            len(part) > 1 and part not in self.given_names() and self.hardly_written(part)
            for part in given
        ):
            return []
        surname = parts[-1:]
        named = self._fitting(surname) or self._written_otherwise(surname)
        return [person for person in named if self._given_spelt_alike(given[0], person)]

    def _given_spelt_alike(self, typed: str, person: str) -> bool:
        """Whether the folded given name ``typed`` may be one of ``person``'s, spelt
        otherwise (not only the first: "Shaobaz Sharif" for Muhammad Shehbaz Sharif), or
        ``person`` has none the corpus writes."""
        speaker = self._speakers[person]
        known = [
            given
            for alias in (speaker.name, *speaker.aliases)
            for given in given_names(name_parts(alias))
            if len(given) > 1
        ]
        return not known or any(spelt_otherwise(typed, given) for given in known)

    def _may_be_given(self, part: str) -> bool:
        """Whether a typed name's folded ``part`` may be a given name: an initial, a given
        name of the corpus's people, or a word the corpus hardly writes."""
        return len(part) == 1 or part in self.given_names() or self.hardly_written(part)

    def _written_beside(self, part: str, surname: str) -> bool:
        """Whether the paragraphs holding the folded word ``part`` mostly hold ``surname`` too
        (``GIVEN_NAME_BESIDE_SURNAME``); never without word counts."""
        return (
            self._share_beside is not None
            and self._share_beside(part, surname) >= GIVEN_NAME_BESIDE_SURNAME
        )

    def hardly_written(self, part: str) -> bool:
        """Whether the corpus's paragraphs hardly hold the folded word ``part``
        (``RARE_GIVEN_NAME_SHARE``); never without word counts."""
        return self._word_share is not None and self._word_share(part) <= RARE_GIVEN_NAME_SHARE

    def _most_spoken(self, names: Iterable[str]) -> list[str]:
        """Speakers' names, most paragraphs first, then by name."""
        return sorted(names, key=lambda n: (-self._speakers[n].paragraph_count, fold(n)))

    def given_names(self) -> frozenset[str]:
        """Every given name the corpus's people are written with (``names.given_names``),
        folded."""
        if self._known_given is None:
            self._known_given = frozenset(
                given
                for parts_list in self._surnames().values()
                for _, spelled in parts_list
                for given in given_names(spelled)
                if len(given) > 1
            )
        return self._known_given

    def spellings_of(self, surname: str) -> list[str]:
        """The surnames of persons the folded ``surname`` is another spelling of
        (``names.spelling_key``), itself left out; none for a surname someone has."""
        by_surname = self._surnames()
        key = spelling_key(surname)
        if surname in by_surname or key is None:
            return []
        if self._by_spelling is None:
            by_spelling: dict[str, list[str]] = {}
            for known in by_surname:
                known_key = spelling_key(known)
                if known_key is not None:
                    by_spelling.setdefault(known_key, []).append(known)
            self._by_spelling = by_spelling
        return sorted(self._by_spelling.get(key, []))

    def _fitting(self, parts: tuple[str, ...]) -> list[str]:
        """The persons one of whose spellings ``parts`` fits, or fits ``parts`` with a given
        name or only initials more (initials the corpus does not write: "Donald J. Trump"
        for "Donald Trump", "T. F. Tsiang" for "Tsiang"; but "Straße Arce" is not "Arce"),
        most paragraphs first."""
        if not parts:
            return []
        names = {
            name
            for name, full in self._surnames().get(parts[-1], [])
            if fits(parts, full)
            or (_given(full, parts) and fits(full, parts))
            or self._called_by_first_surname(parts, name, full)
        }
        return self._most_spoken(names)

    def _called_by_first_surname(
        self, parts: tuple[str, ...], person: str, full: tuple[str, ...]
    ) -> bool:
        """Whether the bare surname ``parts`` is the first of the two surnames ``full`` (a
        name ``_surnames`` lists under its last two parts) ends with, for a person of a
        country that calls people so (``FATHERS_SURNAME_FIRST_PLACES``), and is no one's
        first name ("Manuel" of "Juan Manuel Santos Calderón")."""
        return (
            len(parts) == 1
            and full[-2] == parts[0]
            and not FATHERS_SURNAME_FIRST_PLACES.isdisjoint(self._speakers[person].places)
            and parts[0] not in self._first_names()
        )

    def _first_names(self) -> frozenset[str]:
        """The first word of every person's name of three words or more, folded: a given
        name, not the first of two surnames filed alone ("Uribe Vargas", "Ortega Urbina")."""
        if self._known_first is None:
            self._known_first = frozenset(
                full[0]
                for spellings in self._surnames().values()
                for _, full in spellings
                if len(full) >= 3
            )
        return self._known_first

    def _surnames(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """surname -> (person, name parts of one of their spellings), made on first use."""
        if self._by_surname is None:
            by_surname: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
            for speaker in self._speakers.values():
                if speaker.kind != "person":
                    continue
                for alias in (speaker.name, *speaker.aliases):
                    spelled = name_parts(alias)
                    # Under the last part, and the one before it (a first surname of two).
                    for surname in set(spelled[-2:] if len(spelled) >= 3 else spelled[-1:]):
                        by_surname.setdefault(surname, []).append((speaker.name, spelled))
            self._by_surname = by_surname
        return self._by_surname

    def filed_by_surname_too(self, name: str) -> str | None:
        """The surname, as the corpus files it, of a full name whose surname the corpus also
        files people by alone, none of whom the full name names (``people``): "Gandhi" for
        "Indira Gandhi", whose 1968 speech is filed under her full name and her 1983 one as
        "Mrs. GANDHI". The same person, perhaps: half of such pairs on the full UNGDC are
        (Teburoro Tito is not Josip Broz Tito), so this is a search to say, never a merge."""
        parts = name_parts(name)
        if len(parts) < 2:
            return None
        named = set(self.people(name))
        filed_alone = _filed_alone(self._spellings_under(parts[-1]), parts[-1])
        alone = [person for person in filed_alone if person not in named]
        return self._most_spoken(alone)[0] if alone else None

    def _spellings_under(self, surname: str) -> dict[str, set[tuple[str, ...]]]:
        """Each person filed under the folded ``surname`` (``_surnames``), and the name parts
        of their spellings."""
        spellings: dict[str, set[tuple[str, ...]]] = {}
        for person, spelled in self._surnames().get(surname, []):
            spellings.setdefault(person, set()).add(spelled)
        return spellings

    def canonical(self, name: str) -> str | None:
        """The canonical name of the one speaker ``name`` names (``people``); None when it
        names nobody or several people."""
        found = self.people(name)
        return found[0] if len(found) == 1 else None

    def describe(self, name: str) -> str:
        """How to say back whom a resolved name stands for: the canonical name of one
        person, else "Bush: George Bush and George W. Bush"."""
        found = self.people(name)
        if len(found) <= 1:
            return found[0] if found else name
        return f"{name}: {listed(found)}"

    def get(self, name: str) -> Speaker | None:
        """The speaker of a canonical name, else of the one speaker ``name`` names."""
        if name in self._speakers:
            return self._speakers[name]
        canonical = self.canonical(name)
        return self._speakers.get(canonical) if canonical is not None else None

    def all(self) -> list[Speaker]:
        """Every speaker, most paragraphs first, then by name."""
        return sorted(self._speakers.values(), key=lambda s: (-s.paragraph_count, fold(s.name)))

    def __len__(self) -> int:
        return len(self._speakers)

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The canonical names closest to ``name`` (for "did you mean…")."""
        key = fold(" ".join(name.split()))
        if not key:
            return []
        matches = difflib.get_close_matches(key, list(self._by_alias), n=limit * 3, cutoff=0.6)
        suggestions: list[str] = []
        for match in matches:
            canonical = self._by_alias[match]
            if canonical not in suggestions:
                suggestions.append(canonical)
        return suggestions[:limit]

    def matching(self, typed: str) -> list[Speaker]:
        """The speakers a typed name names (``people``), then those whose name or an alias
        holds every typed word (accents and case ignored), most paragraphs first; every
        speaker when nothing is typed."""
        words = fold(typed).split()
        named = [self._speakers[name] for name in self.people(typed)] if words else []
        return [
            *named,
            *(
                speaker
                for speaker in self.all()
                if speaker not in named
                and (
                    not words
                    or any(
                        has_every_word(words, fold(name))
                        for name in (speaker.name, *speaker.aliases)
                    )
                )
            ),
        ]

    def resolve(self, name: str) -> tuple[str | None, list[str]]:
        """What a speaker filter holds for a typed name, and no suggestions; else None and
        up to five names to suggest (possibly none).

        The filter is the canonical name when the name names one person (``people``), the
        typed name itself when it names several (a surname: every speaker filter then
        covers them all, and ``describe`` says whom). A name that ``people`` does not know
        but a single speaker's name holds every word of ("Rolihlahla") is that speaker."""
        typed = " ".join(name.split())
        found = self.people(typed)
        if len(found) == 1:
            return found[0], []
        if found:
            return strip_honorifics(typed), []
        if not typed:
            return None, []
        candidates = [speaker.name for speaker in self.matching(typed)]
        if len(candidates) == 1:
            return candidates[0], []
        suggestions = [*candidates[:3], *self.suggest(typed)]
        return None, list(dict.fromkeys(suggestions))[:5]

    def widen(
        self, text: str, start: int, end: int, *, any_case: bool = False
    ) -> tuple[int, str] | None:
        """A name found at ``text[start:end]`` grown leftwards over the capitalised words
        (any words with ``any_case``: a text typed in lower case) and initials before it, as
        far as the longer name still names someone ("Joe" and "T. F." before "Biden" and
        "Tsiang"; "Hunter Biden" names nobody): its new start and what it names (``people``:
        the canonical name, or as written when several); None when no longer name does."""
        best: tuple[int, str] | None = None
        cursor = start
        for _ in range(_LONGEST_WIDENING):
            before = _WORD_BEFORE.search(text, 0, cursor)
            if before is None or not (any_case or before.group(1)[0].isupper()):
                break
            if before.group(1) in _ARTICLES:  # "a ban on …" typed in lower case: no "A. Ban"
                break
            cursor = before.start(1)
            # A word before a surname filed alone is a given name only when the corpus's
            # people have it (``people``): "Andrei Gromyko", but "Arab Spring" is no Spring.
            named = list(self.people(text[cursor:end]))
            if named:
                best = (cursor, named[0] if len(named) == 1 else text[cursor:end])
        return best

    def find_in_text(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) spans of known person names and aliases in ``text``: the
        canonical name, or the word as written when it is a surname several people share
        (``people``; "Bush" names George Bush and George W. Bush), grown over the given names
        and initials before it that still name someone (``widen``). Whole words only, case-
        and accent-insensitive, the longest match winning. Collective speakers
        ("participants") are not looked for: they are ordinary words in a question."""
        table, longest_from = self._table()
        if not text or not table:
            return []
        folded, offsets = _fold_with_offsets(text)
        words = list(_WORD.finditer(folded))
        written = [word.group() for word in words]
        any_case = typed_in_lower_case(text)
        spans: list[tuple[int, int, str]] = []
        position = 0
        while position < len(words):
            longest = min(longest_from.get(written[position], 0), len(words) - position)
            for length in range(longest, 0, -1):
                run = words[position : position + length]
                canonical = table.get(tuple(written[position : position + length]))
                if canonical is not None:
                    start, end = offsets[run[0].start()], offsets[run[-1].end() - 1] + 1
                    if length == 1 and len(self.people(text[start:end])) > 1:
                        # A surname several people share: as written, it names them all.
                        canonical = text[start:end]
                    wider = self.widen(text, start, end, any_case=any_case)
                    if wider is not None:
                        start, canonical = wider
                    # A name grown over one found before it holds it ("Andrei" is a
                    # delegate too, and "andrei kozyrev" one person): the longer wins.
                    spans = [span for span in spans if span[0] < start]
                    spans.append((start, end, canonical))
                    position += length
                    break
            else:
                position += 1
        return spans


_WORD = re.compile(r"\w+")


# The word (or initial) before a name, and how many of them a name may grow by.
_WORD_BEFORE = re.compile(r"\b([^\W\d_][\w'’\-]*\.?)\s+$")
_LONGEST_WIDENING = 3
_ARTICLES = frozenset(("a", "an", "the"))
# People named in full when a name stands for several; the rest are counted.
_DESCRIBED = 4


def _filed_alone(spellings: dict[str, set[tuple[str, ...]]], surname: str) -> list[str]:
    """The persons of ``spellings`` (``_spellings_under``) filed by ``surname`` alone: every
    spelling of theirs is the surname, no given name ("Mr. GROMYKO")."""
    return [person for person, spelled in spellings.items() if spelled == {(surname,)}]


def _given(full: tuple[str, ...], typed: tuple[str, ...]) -> bool:
    """Whether ``full`` has a given name ("Al-Nasser" has none), or ``typed`` adds nothing
    but initials to it."""
    return bool(given_names(full)) or all(len(part) == 1 for part in typed[:-1])


def listed(names: Sequence[str]) -> str:
    """Names as a reply lists them: "A, B and C", the first few named and the rest counted
    ("A, B, C, D and 5 others"); one more is named, not counted ("1 others")."""
    if len(names) <= _DESCRIBED + 1:
        shown = list(names)
    else:
        shown = [*names[:_DESCRIBED], f"{len(names) - _DESCRIBED} others"]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of its source character."""
    if text.isascii():
        return text.casefold(), list(range(len(text)))
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def read_speakers_yaml(
    path: Path, root: Path | None = None, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> list[Speaker]:
    """``Name: {aliases: [...], role: ...}`` (or ``Name: [alias, ...]``) entries, read only if
    ``path`` is a regular file inside the corpus folder ``root`` (its own folder when None).
    Every name, alias, role and kind must be text: anything else is the file's error."""
    data_bytes = read_file(path, (root or path.parent).resolve(), max_bytes)
    try:
        data = load_yaml(data_bytes.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadInput(f"unreadable speakers.yaml: {_one_line(error)}") from error
    except BadInput as error:
        raise BadInput(f"unreadable speakers.yaml: {error}") from error
    if data is None:
        return []
    if not isinstance(data, Mapping):
        raise BadInput("speakers.yaml must map each canonical name to its aliases and role")
    try:
        return [_speaker(name, entry) for name, entry in data.items()]
    except BadInput as error:
        raise BadInput(f"speakers.yaml: {error}") from error


def _speaker(key: object, entry: object) -> Speaker:
    name = text_value(key, "a speaker's name")
    shown = repr(name[:60])  # a reason stays one short line, whatever the file holds
    aliases: list[str] = []
    role: str | None = None
    kind: SpeakerKind = "person"
    if isinstance(entry, Mapping):
        raw_aliases = entry.get("aliases") or []
        if not isinstance(raw_aliases, list):
            raw_aliases = [raw_aliases]
        aliases = [text_value(alias, f"an alias of {shown}") for alias in raw_aliases]
        role = text_value(entry["role"], f"the role of {shown}") if entry.get("role") else None
        given_kind = entry.get("kind")
        if given_kind is not None:
            text_value(given_kind, f"the kind of {shown}")
        kind = "collective" if given_kind == "collective" else "person"
    elif isinstance(entry, list):
        aliases = [text_value(alias, f"an alias of {shown}") for alias in entry]
    elif entry is not None:
        aliases = [text_value(entry, f"an alias of {shown}")]
    return Speaker(name=name, aliases=tuple(aliases), role=role, kind=kind)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


# ---------------------------------------------------------------------------------------------
# Variants: which written names are one person


class NameEvidence(NamedTuple):
    """What the corpus says about one written name: how much it speaks, and where (a
    country or delegation from metadata) and when (years) it does."""

    name: str
    paragraphs: int = 0
    places: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()


class SimilarPair(NamedTuple):
    """Two written names judged alike: merged, or a near miss and why it was not."""

    first: str
    second: str
    score: float
    reason: str


@dataclass(frozen=True)
class Variants:
    """The names merged into one person each (every group has two names or more; the
    loader puts the spelling it shows first), the pairs that merged them, and the pairs that
    nearly merged (for writing speakers.yaml)."""

    groups: tuple[tuple[str, ...], ...] = ()
    merges: tuple[SimilarPair, ...] = ()
    near_misses: tuple[SimilarPair, ...] = ()


# Surnames of one person written two ways (a typo, an OCR error, a transliteration:
# "Ahmadinejad" / "Ahmadinezhad" 96, "Lavrov" / "Lavrof" 83) score at least this (rapidfuzz's
# normalised Indel similarity); they merge only with agreeing given names, in one country,
# and never below five letters.
SURNAME_RATIO = 80.0
# Pairs this much under a threshold are reported as near misses.
NEAR_MISS_MARGIN = 10.0
# One person's names are never merged further apart than this in years. Measured on the
# UNGDC's names: 8 would change 12 groups (each one person on reading: Machel, Mkapa,
# Shevardnadze), 12 would change 37, some into two people (Carlos P. and Alberto Romulo,
# Oskar and Joschka Fischer); "George Bush" (1989-92) and "George W. Bush" (2001-08) are 9
# apart. 6 keeps that margin; a surname still finds every person it fits.
MAX_YEARS_APART = 6
# A misspelt surname is a typo or an OCR error beside the right spelling, not years away:
# "KHALIL" (Sudan, 1965) and "KHALID" (Sudan, 1970-74) are two ministers.
SPELLING_YEARS_APART = 2
_MIN_FUZZY_SURNAME = 5


@dataclass
class _Node:
    """The written names with the same name parts, and their evidence pooled."""

    parts: tuple[str, ...]
    names: list[str]
    paragraphs: int
    places: set[str]
    years: set[int]
    preferred: bool


class _Alike(NamedTuple):
    score: float  # 100 when one name fits the other, else the surnames' similarity
    reason: str

    @property
    def spelling(self) -> bool:
        return self.score < 100.0


def _years_apart(a: set[int], b: set[int]) -> int:
    if not a or not b or a & b:
        return 0
    return min(abs(x - y) for x in a for y in b)


def _alike(a: _Node, b: _Node) -> _Alike | None:
    """Whether two written names can be one person by name and place, whatever the years:
    one fits the other (``names.fits``) or the surnames are spelt alike with agreeing given
    names (scored, possibly under ``SURNAME_RATIO``: a near miss). Different countries are
    never one person; a spelling merge needs a shared country when either has one."""
    if a.places and b.places and not a.places & b.places:
        return None
    short, full = (a, b) if len(a.parts) <= len(b.parts) else (b, a)
    if not short.parts:
        return None
    if fits(short.parts, full.parts):
        return _Alike(100.0, "name fits")
    if _surname_in_two_words(a.parts, b.parts):
        return _Alike(100.0, "surname written in two words")
    if a.places & b.places & FAMILY_NAME_FIRST_PLACES and _family_name_first(a.parts, b.parts):
        return _Alike(100.0, "family name first")
    first, second = short.parts[-1], full.parts[-1]
    if first[:1] != second[:1] or min(len(first), len(second)) < _MIN_FUZZY_SURNAME:
        return None
    if (a.places or b.places) and not a.places & b.places:
        return None
    score = ratio(first, second)
    if score < SURNAME_RATIO - NEAR_MISS_MARGIN:
        return None
    if not given_names_agree(short.parts[:-1], full.parts[:-1]):
        return None
    return _Alike(score, f"surname spelling {score:.0f}")


# Countries (the metadata's ISO codes) whose delegates' names are written family name first
# at home and often given name first in UN records: only there is a reversed name the same
# person ("Ali Hassan" and "Hassan Ali" elsewhere may be two).
FAMILY_NAME_FIRST_PLACES = frozenset(
    {"CHN", "TWN", "JPN", "KOR", "PRK", "VNM", "KHM", "MNG", "HUN", "SGP"}
)


# Countries (ISO codes) whose people carry two surnames, the father's and then the mother's,
# and are called by the father's alone: "Petro" is Gustavo Petro Urrego, "Boric" Gabriel
# Boric Font, "Uribe" Álvaro Uribe Vélez (full UNGDC: each had named no one). Portuguese names
# end with the father's, as most do.
FATHERS_SURNAME_FIRST_PLACES = frozenset(
    {
        "ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "ESP", "GNQ",
        "GTM", "HND", "MEX", "NIC", "PAN", "PER", "PRY", "SLV", "URY", "VEN",
    }
)  # fmt: skip


def _surname_in_two_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one name, its last two words read as one surname, fits the other or the other
    fits it ("Ahmadi-Nejad" and "Mahmoud Ahmadinejad")."""
    return any(
        fits(*sorted((joined_surname(split), other), key=len))
        for split, other in ((a, b), (b, a))
        if len(split) > 1
    )


def _family_name_first(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one name fits the other read family name first: "Kuan-hua Chiao" (1973)
    and a bare "Chiao" (1975) both name "Chiao Kuan-hua" (1976), one Chinese foreign
    minister."""
    return any(
        len(full) > 1 and len(short) <= len(full) and fits(short, family_name_first(full))
        for short, full in ((a, b), (b, a))
    )


def _nodes(names: Sequence[NameEvidence], preferred: set[str]) -> list[_Node]:
    by_parts: dict[tuple[str, ...], _Node] = {}
    alone: list[_Node] = []
    for evidence in names:
        parts = name_parts(evidence.name)
        node = by_parts.get(parts) if parts else None
        if node is None:
            node = _Node(parts, [], 0, set(), set(), False)
            if parts:
                by_parts[parts] = node
            else:
                alone.append(node)
        node.names.append(evidence.name)
        node.paragraphs += evidence.paragraphs
        node.places |= evidence.places
        node.years |= evidence.years
        node.preferred = node.preferred or evidence.name in preferred
    return [*by_parts.values(), *alone]


def _candidates(nodes: list[_Node]) -> set[tuple[int, int]]:
    """Node pairs worth judging: the same surname, or surnames of the same first letter and
    a close spelling within one country (or among names with no country)."""
    pairs: set[tuple[int, int]] = set()
    by_surname: dict[str, list[int]] = {}
    for number, node in enumerate(nodes):
        if node.parts:
            by_surname.setdefault(node.parts[-1], []).append(number)
    for members in by_surname.values():
        pairs.update(combinations(members, 2))
    # A surname others write in one word ("Ahmadi-Nejad" beside "Ahmadinejad"), or where
    # others have a given name (family name first: "Chiao Kuan-hua" beside "Kuan-hua Chiao").
    for number, node in enumerate(nodes):
        if len(node.parts) < 2:
            continue
        surnames = [joined_surname(node.parts)[-1]]
        if node.places & FAMILY_NAME_FIRST_PLACES:
            surnames.append(node.parts[0])
        for surname in surnames:
            pairs.update(
                (min(number, other), max(number, other))
                for other in by_surname.get(surname, [])
                if other != number
            )
    blocks: dict[tuple[str, str], set[str]] = {}
    for surname, members in by_surname.items():
        if len(surname) < _MIN_FUZZY_SURNAME:
            continue
        for number in members:
            for place in nodes[number].places or {""}:
                blocks.setdefault((place, surname[0]), set()).add(surname)
    cutoff = SURNAME_RATIO - NEAR_MISS_MARGIN
    for block in blocks.values():
        if len(block) < 2:
            continue
        surnames = sorted(block)
        scores = cdist(surnames, surnames, scorer=ratio, score_cutoff=cutoff)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j:
                for x in by_surname[surnames[i]]:
                    pairs.update((min(x, y), max(x, y)) for y in by_surname[surnames[j]])
    return pairs


class _Clusters:
    """Groups of nodes, merged only when every name of one is alike every name of the other
    and their pooled years are close enough."""

    def __init__(self, nodes: list[_Node], alike: Callable[[int, int], _Alike | None]):
        self.nodes = nodes
        self.alike = alike
        self.of = list(range(len(nodes)))
        self.members: dict[int, list[int]] = {n: [n] for n in range(len(nodes))}
        self.years: dict[int, set[int]] = {n: set(node.years) for n, node in enumerate(nodes)}

    def why_not(self, x: int, y: int, found: _Alike) -> str | None:
        """None when the groups of ``x`` and ``y`` can merge, else why not."""
        a, b = self.of[x], self.of[y]
        limit = SPELLING_YEARS_APART if found.spelling else MAX_YEARS_APART
        apart = _years_apart(self.nodes[x].years, self.nodes[y].years)
        if not found.spelling:
            apart = _years_apart(self.years[a], self.years[b])
        if apart > limit:
            return f"{apart} years apart"
        for m in self.members[a]:
            for n in self.members[b]:
                if self.alike(m, n) is None:
                    return f"{self.nodes[m].names[0]} and {self.nodes[n].names[0]} differ"
        if any(self.nodes[m].preferred for m in self.members[a]) and any(
            self.nodes[n].preferred for n in self.members[b]
        ):
            return "both in speakers.yaml"
        return None

    def merge(self, x: int, y: int) -> None:
        a, b = self.of[x], self.of[y]
        for n in self.members[b]:
            self.of[n] = a
        self.members[a].extend(self.members.pop(b))
        self.years[a] |= self.years.pop(b)


def _bridges(
    nodes: list[_Node], pairs: list[tuple[int, int]], alike: Callable[[int, int], _Alike | None]
) -> dict[int, tuple[int, int]]:
    """Names that fit two fuller names which cannot be one person ("RAHMAN" fits "Sheikh
    Mujibur Rahman" and "Reaz Rahman"; "Abdullah" fits "Abdullah Abdullah" and "Yousef Bin
    Alawi Bin Abdullah"), each with two such names: such a name could be either, so it
    merges with neither. ``pairs``: the alike node pairs."""
    fuller: dict[int, list[int]] = {}
    for x, y in pairs:
        for short, full in ((x, y), (y, x)):
            if len(nodes[short].parts) < len(nodes[full].parts) and fits(
                nodes[short].parts, nodes[full].parts
            ):
                fuller.setdefault(short, []).append(full)
    bridges: dict[int, tuple[int, int]] = {}
    for node, others in fuller.items():
        for first, second in combinations(others, 2):
            if alike(first, second) is None:
                bridges[node] = (first, second)
                break
    return bridges


def group_variants(names: Sequence[NameEvidence], preferred: Iterable[str] = ()) -> Variants:
    """Which written names are one person.

    Names with the same parts (case, punctuation, apostrophes, titles, "Jr." aside) always
    are. Then the most alike pairs (a name that fits a fuller one, then surnames spelt alike)
    merge their groups first, each merge only if every name of one group is alike every
    name of the other (``_alike``: fitting names or close surnames, and one country), their
    years are close (``MAX_YEARS_APART``), and they are not two names of ``preferred``
    (speakers.yaml). A name that fits two different people merges with neither
    (``_bridges``). The pairs that were alike but did not merge are the near misses.
    """
    nodes = _nodes(names, set(preferred))
    cache: dict[tuple[int, int], _Alike | None] = {}

    def alike(x: int, y: int) -> _Alike | None:
        key = (min(x, y), max(x, y))
        if key not in cache:
            cache[key] = _alike(nodes[key[0]], nodes[key[1]])
        return cache[key]

    ordered: list[tuple[float, int, int, int, _Alike]] = []
    for x, y in _candidates(nodes):
        found = alike(x, y)
        if found is not None:
            weight = nodes[x].paragraphs + nodes[y].paragraphs
            ordered.append((-found.score, -weight, x, y, found))
    ordered.sort()
    bridges = _bridges(nodes, [(x, y) for *_, x, y, _ in ordered], alike)
    clusters = _Clusters(nodes, alike)
    merges: list[SimilarPair] = []
    near: list[tuple[int, int, SimilarPair]] = []
    for _, _, x, y, found in ordered:
        pair = SimilarPair(nodes[x].names[0], nodes[y].names[0], found.score, found.reason)
        if found.score < SURNAME_RATIO:
            near.append((x, y, pair))
            continue
        if clusters.of[x] == clusters.of[y]:
            continue
        bridge = bridges.get(x) or bridges.get(y)
        if bridge is not None:
            first, second = (nodes[n].names[0] for n in bridge)
            why: str | None = f"it fits {first} and {second}"
        else:
            why = clusters.why_not(x, y, found)
        if why is not None:
            near.append((x, y, pair._replace(reason=f"{found.reason}, but {why}")))
            continue
        merges.append(pair)
        clusters.merge(x, y)
    groups = [
        tuple(name for n in group for name in nodes[n].names) for group in clusters.members.values()
    ]
    return Variants(
        groups=tuple(group for group in groups if len(group) > 1),
        merges=tuple(merges),
        near_misses=tuple(pair for x, y, pair in near if clusters.of[x] != clusters.of[y]),
    )
