"""Question understanding: read filters out of a free question and keep the words to search.

"What did Wang Yi say about multilateralism in May 2021?" becomes the query text
"multilateralism", the speaker filter "Wang Yi" and the date range May 2021, understood as
("showing Wang Yi", "May 2021"). Double-quoted phrases must appear verbatim. Discord noise
(mentions, markdown marks) and question filler ("what did … say about") are removed from the
search text; the words themselves never are.

A person named as the one speaking ("What did X say", "X on …", "X's remarks") is the speaker
filter; a person named as context ("at the meeting with X", "when he met X", "X's visit")
scopes the search to the documents where X speaks or is named (``involving``), so the other
side of a meeting is found too. A one-word name that reads as a word here ("Lake Chad", "Camp
David", a word the corpus uses far more than its namesake speaks) names no one.

Pure functions of the text and the speaker registry; ``answer`` decides what to do when a
filter read from the question leaves nothing.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeGuard

from corpus.dates import date_bounds
from corpus.models import DocDate, Speaker
from corpus.names import (
    is_particle,
    is_title_word,
    name_parts,
    same_given_name,
    strip_honorifics,
)
from corpus.speakers import SpeakerRegistry
from corpus.text import fold, typed_as_acronym, typed_in_lower_case

from .models import MAX_QUERY_CHARS, DateRange
from .question_countries import (
    VIEW_WORDS,
    country_in_question,
    country_mentions,
    country_words,
)
from .question_dates import find_dates
from .spans import overlaps, starts_in
from .tokenize import HYPHENS, STOPWORDS
from .typos import typos_of

# Discord mentions and channel/role/emoji references: shown, never searched.
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|@(?:everyone|here)\b")
# Quoted words are a phrase, in double quotes or, around whole words, single ones ("Who
# recalled the 'war to end all wars'?"); an apostrophe inside or after a word ("don't",
# "leaders'") opens nothing, nor closes one inside single quotes: "'where there's a will
# there's a way'" is one phrase (it had been read as ending at "there'", and none was read).
_PHRASE = re.compile(
    r"\"(?P<straight>[^\"]+)\"|“(?P<curly>[^”]+)”"
    r"|(?<!\w)'(?P<single>(?:[^'\n]|(?<=\w)'(?=\w))+)'(?!\w)"
    r"|(?<!\w)‘(?P<single_curly>(?:[^’\n]|(?<=\w)’(?=\w))+)’(?!\w)"
)


def _quoted(match: re.Match[str]) -> str:
    """The words inside a ``_PHRASE`` match's quote marks."""
    return next(group for group in match.groups() if group is not None)


# Who is asked about, as a question asking who spoke names them: "Did anyone …", "Which
# countries …" (framing, ``_FILLER``; the speaker asked, ``_ASKS_WHO``).
_ANYONE = r"\b(?:did|does|has|have|had)\s+(?:anyone|anybody|any\s+(?:country|leader|delegation))\b"
_WHICH_SPEAKERS = (
    r"\bwhich\s+(?:countr(?:y|ies)|leaders?|delegations?|delegates?|speakers?|states?|nations?"
    r"|presidents?|(?:prime\s+|foreign\s+)?ministers?)\b"
)
# The framing of a question, never searched. "How bad did X say the floods were": the degree
# asked is a word no answer need hold, which says "catastrophic" or "devastating" (new dev
# questions, full UNGDC: Pakistan's paragraph on the 2022 floods was refused for "bad").
_FILLER = re.compile(
    rf"""
    \b(?:tell|show|give|find)\s+(?:me|us)\b(?:\s+about)?
    |\b(?:what|how|when|where|why|whether|who)\s+(?:did|does|do|has|have|had|was|were|is)\b
    |\bhow\s+(?:bad|serious|severe|grave|big|large|great|deadly|costly|destructive)\b
    |\b(?:say|said|says|saying|think|thinks|thought|mention|mentioned|speak|spoke|talk|talked
      |stated|tell|told)\b(?:\s+(?:about|on|of|regarding|concerning))?
    |\bstate\s+(?:about|on|regarding|concerning)\b  # else a noun: "state sovereignty"
    |\b(?:statements?|quotes?|remarks?)\s+(?:on|about|of|by|from)\b
    |\b(?:please|anything|something)\b
    |{_ANYONE}
    |{_WHICH_SPEAKERS}
    |\b(?:bring|brings|brought|bringing)\s+up\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where every statement was made, typed as the question's setting ("… at the General
# Assembly?", "at the UN"): no answer need say it, nor the question's framing above (dev,
# full UNGDC: "Which countries brought up the Soviet dissident Andrei Sakharov …" was refused,
# its framing words missing from every answer). A name, so it goes even capitalised. So does
# the speech itself named as the setting, "in its 2017 speech", "in West Germany's first UN
# speech" (new dev questions, full UNGDC: Brandt's paragraphs on hunger were refused for
# lacking "first" and "speech"). "At the UN" goes unless a capitalised word follows ("at the UN
# Security Council"): case-sensitive inside the case-blind pattern, which had kept "at the UN"
# before any word at all ("Has anyone at the UN raised …" searched "at the UN raised …").
_SETTING = re.compile(
    r"\b(?:at|in|before|to)\s+the\s+(?:UN\s+|United\s+Nations\s+)?General\s+Assembly\b"
    r"|\b(?:at|in|before|to)\s+the\s+(?:UN|United\s+Nations)\b(?!\s+(?-i:[A-Z]))"
    r"|\b(?:in|according\s+to)\s+(?:its|his|her|their|the|(?:[A-Z][\w-]*\s+){0,3}[\w-]+['’]s)"
    r"\s+(?:(?:first|last|latest|maiden|UN|\d{4})\s+){0,3}(?:speech|statement|address)\b",
    re.IGNORECASE,
)
# "UN" is searched as typed and as the speeches wrote it until the 1990s, "United Nations"
# (dev, full UNGDC: "un" was missing from the judged paragraphs of all 9 questions searching
# it; "the Soviet veto keeping Ireland out of the UN", by Evatt in 1947, was refused). As
# typed too: the releases and later speeches write "UN" ("Qin Gang on the UN's role"). In lower
# case only after "the": "un" alone may be French ("un monde multipolaire"), "the un" never is
# (dev, full UNGDC: Evatt's question typed in lower case was refused).
_UN = re.compile(
    r"(?<![\w.-])(?:UN|U\.N\.|(?<=[Tt]he\s)(?:un|u\.n\.))(?:['’]s)?(?![\w-])"
)
# "Who said …", "Which leaders said …": what follows may be a quotation, even a short one.
_WHO_SAID = re.compile(
    r"^\s*(?:who|which\s+[\w-]+)\s+(?:said|says|wrote|declared|stated|used\s+the\s+words)\b",
    re.IGNORECASE,
)
# A search text of this many words may be a quotation without a "who said" (the four of "I
# have a dream" follow one; "ask not what your country can do for you" has nine).
QUOTATION_WORDS = 4
LONG_QUOTATION_WORDS = 6
# "What did <Name> say": the name slot, to suggest speakers when the name is unknown.
_NAME_SLOT = re.compile(
    r"\b(?:did|does|has|have|had)\s+(.{2,60}?)\s+"
    r"(?P<verb>say|said|think|mention|speak|talk|state)\b",
    re.IGNORECASE,
)


class HasSpeakers(Protocol):
    @property
    def speakers(self) -> SpeakerRegistry: ...


class HasWordCounts(HasSpeakers, Protocol):
    """An index: its speakers, and how many paragraphs hold a word (evidence that a name is
    also an ordinary word, or that a word is a typo)."""

    @property
    def n_paragraphs(self) -> int: ...

    def terms(self) -> Collection[str]: ...

    def tokens_of(self, text: str) -> list[str]: ...

    def doc_freq(self, token: str) -> int: ...


@dataclass(frozen=True)
class Understanding:
    """What a question asks for: the search text, filters, and how to say it back."""

    search_text: str
    speaker: str | None = None
    dates: DateRange | None = None
    dates_loose: bool = False  # read without a preposition: may give way (``find_dates``)
    phrases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unknown_name: str | None = None
    country: str | None = None  # a country or delegation the question is scoped to
    involving: str | None = None  # a person named as context ("at X's meeting")
    # Words to look for as written first, when the question may quote ("Who said …", or a
    # long run of words): the search text, without a leading "who".
    quotation: str | None = None
    # The speaker was named as the one speaking ("What did X say", "X said", "X on …"), not
    # just found in the question: what they said is what was asked.
    speaker_said: bool = False

    @property
    def date_label(self) -> str | None:
        """The dates asked for, as said back ("May 2021", "1970–1979")."""
        return self.dates.label if self.dates is not None else None

    @property
    def understood(self) -> tuple[str, ...]:
        said: list[str] = []
        if self.speaker:
            said.append(f"showing {self.speaker}")
        said += self.scope
        if self.date_label:
            said.append(self.date_label)
        if self.country:
            said.append(f"country: {self.country}")
        said += [f'containing "{p}"' for p in self.phrases]
        return tuple(said)

    @property
    def scope(self) -> tuple[str, ...]:
        """How the person named as context is said back: ("in documents with Qin Gang",)."""
        return (f"in documents with {self.involving}",) if self.involving else ()


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the given spans, each replaced by a space; overlapping ones as one."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            cursor = max(cursor, end)
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


# The words a question is built with ("What did X say about Y"), which the patterns above
# read: a typo in one ("abuot", "siad") left a question's speaker and filler unread and a word
# no paragraph holds to search (dev, full UNGDC: 24 of 43 answered questions were refused
# with "about" typed so). Only words whose one-edit neighbours are seldom content words. The
# longer stopwords a question is worded with are among them: a stopword is never searched, so
# its typo was the one word no paragraph holds (dev, full UNGDC, one typo a question: "What did
# Haiti say afetr the 2010 earthquake?", "Did annyone bring up…", "the UN istelf" refused). And
# the words that say a country is the one asked ("position", "delegation": ``VIEW_WORDS``).
_GRAMMAR_WORDS = tuple(dict.fromkeys((
    "about", "regarding", "concerning", "what", "which", "where", "when", "whether", "mention",
    "mentioned", "after", "before", "during", "between", "against", "because", "through", "under",
    "until", "while", "again", "itself", "themselves", "their", "there", "these", "those",
    "other", "should", "being", "anyone", "anybody", "said", "says", "stated", *VIEW_WORDS,
)))  # fmt: skip
_TYPED_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
# A word held by more than one paragraph in this many is a word, not a typo: "sand" (135 of
# the full UNGDC's 388,236) is not "said", "abut" (3) is "about". Read as a name, a word must
# be rarer still: names are many, and a real place or term may be held by a few dozen
# paragraphs and lie one edit from some delegate's name.
_TYPO_RARITY = 10_000
_NAME_TYPO_RARITY = 100_000
# A country's word this long may be read two edits away (``typos_read``).
_LONG_NAME = 8
# Rare words looked at per question: each is compared with the corpus's vocabulary.
_MAX_TYPOS = 4


@dataclass(frozen=True)
class NameWords:
    """The folded words a typo may be read as, of names: people's (``_name_words``) and
    countries' (``country_words``)."""

    people: Collection[str]
    countries: Mapping[str, frozenset[str]]  # each word: the codes of the countries it names

    def country_of(self, word: str) -> Hashable:
        """The country a word of ``countries`` names; a word of several countries' names, or
        of none, stands only for itself."""
        codes = self.countries[word]
        return codes if len(codes) == 1 else word


def _nearest(word: str, known: Collection[str], *, swaps: bool, edits: int = 1) -> list[str]:
    """The words of ``known`` (folded) the folded ``word`` may be a typo of: the nearest, one
    edit away or up to ``edits`` (two found more readings of real words than of typos in
    UNGDC text: "Ghadames" as Galdames), the same first letter, never ``word`` itself. A word
    of four letters never by a letter for another, which turns most into real words ("sand"
    and "said", "Bush" and "Bust"): by a letter left out ("Chna", "abut"), or with ``swaps``
    two swapped ("siad"). Every word within ``edits`` is looked at: the first few of a set
    were the first in its iteration order, which changes with the process's string hashing,
    so "Oama" was read as Obama in one process and left as typed in the next."""
    close = [
        (meant, distance)
        for meant, distance in typos_of(word, known, edits)
        if len(word) > 4 or len(meant) == 5 or (swaps and sorted(word) == sorted(meant))
    ]
    nearest = min((distance for _, distance in close), default=0)
    return [meant for meant, distance in close if distance == nearest]


def _meant(
    word: str,
    known: Collection[str],
    *,
    swaps: bool = False,
    edits: int = 1,
    alike: Callable[[str], Hashable] = str,
) -> str | None:
    """The one word of ``known`` ``word`` is a typo of (``_nearest``, up to ``edits`` edits
    away); None when ``known`` holds ``word`` or none or several are that close. Several
    ``alike`` says are one count as one, and the first is read: the words of one country's
    name, "Argentin" one edit from argentina and from argentine (on the full UNGDC, 119 such
    sets of a name and its demonyms, "brasil" and "brazil" among them, had left a typo of one
    unread)."""
    if word in known:
        return None
    meant = _nearest(word, known, swaps=swaps, edits=edits)
    return meant[0] if len({alike(m) for m in meant}) == 1 else None


def typos_read(
    text: str, counts: HasWordCounts, names: Callable[[], NameWords]
) -> tuple[str, tuple[str, ...]]:
    """``text`` with each word no paragraph (or hardly one, ``_TYPO_RARITY``) holds read as
    the question word (``_GRAMMAR_WORDS``: in lower case, or capitalised as the first word)
    or the name of a country or, from five letters or in the name slot, a person
    (``names()``, asked for only when a word is that rare, and only a capitalised word, or
    any word of the name slot in a question typed in lower case) it is a typo of
    (``_meant``); notes say which. So the readers after it find the speaker in
    "What did Kennady siad abuot…" and the country in "Chna"; "What did Siad Barre say"
    keeps its Siad."""
    notes: list[str] = []
    looked = 0
    first = re.match(r"[\s\"'“‘]*", text)
    opening = first.end() if first else 0
    slot = _NAME_SLOT.search(text)
    lower_case = typed_in_lower_case(text)

    def read(match: re.Match[str]) -> str:
        nonlocal looked
        word = match.group()
        key = fold(word)
        tokens = counts.tokens_of(word)
        if key in STOPWORDS or looked >= _MAX_TYPOS or len(tokens) != 1:
            return word
        if counts.doc_freq(tokens[0]) * _TYPO_RARITY > counts.n_paragraphs:
            return word
        looked += 1
        meant = None
        if word.islower() or (match.start() == opening and word[1:].islower()):
            meant = _meant(key, _GRAMMAR_WORDS, swaps=True)
        rare = counts.doc_freq(tokens[0]) * _NAME_TYPO_RARITY <= counts.n_paragraphs
        in_slot = slot is not None and slot.start(1) <= match.start() < slot.end(1)
        # A question typed in lower case says nothing by capitals, but its name slot still
        # holds a name (new dev questions, full UNGDC, one typo a question: "what has erogan
        # said about the uyghurs").
        named_here = word[0].isupper() or (in_slot and lower_case)
        if meant is None and named_here and rare and not typed_as_acronym(word, text):
            known = names()
            # A country's name is one of a few hundred words: a long one is read two edits
            # away too ("Coulmbia", "Phillipines": dev, full UNGDC, one typo a question).
            edits = 2 if len(key) >= _LONG_NAME else 1
            name = _meant(key, known.countries.keys(), edits=edits, alike=known.country_of)
            # A name only when no other word of the corpus is as close: "Birut" is one edit
            # from Borut (Pahor) and from Beirut, and is read as neither here. In the name
            # slot ("What did Peason say") the word is a person's, whatever words lie as
            # close ("person"): a probe of dev questions, one letter of the speaker's name
            # left out, had read 6 of 14. There a name of four letters is one too, with a
            # letter left out ("What did Vladimir Puin say": dev, full UNGDC, typo seed 5).
            if name is None and (len(key) > 4 or in_slot):
                name = _meant(key, known.people)
            if name is not None and in_slot:
                meant = name
            elif name is not None:
                others = _nearest(tokens[0], counts.terms(), swaps=False)
                meant = None if set(others) - set(counts.tokens_of(name)) else name
        if meant is None:
            return word
        written = meant.capitalize() if word[0].isupper() else meant
        notes.append(f"“{word}” was read as “{written}”")
        return written

    return _TYPED_WORD.sub(read, text), tuple(notes)


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
            # Every spelling: "Zelensky" (2021) and "Lula da Silva" (2024) are aliases of
            # the names shown, "Volodymyr Zelenskyy" and "Luiz Inacio Lula da Silva".
            for spelling in (person.name, *person.aliases):
                parts = name_parts(spelling)
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


_NAME_WORDS: weakref.WeakKeyDictionary[SpeakerRegistry, frozenset[str]] = (
    weakref.WeakKeyDictionary()
)


# A name held by more than one paragraph in this many is also an ordinary word ("note" of
# Kessai Note, "young", "spring"): a typo is not read as it (dev: "Notre-Dame" became "Note").
_ORDINARY_NAME_SHARE = 1_000


def _name_words(registry: SpeakerRegistry, counts: HasWordCounts) -> frozenset[str]:
    """The folded words a question names a person by, as a typo may be read: surnames and
    first words (``_surnames``), names of one word ("Vyshinsky"), of four letters or more,
    that are not ordinary words of the corpus, and nicknames' words (new dev questions, full
    UNGDC: "What did Dubya say …" read Dubya as Dunya, a delegate of the Maldives)."""
    words = _NAME_WORDS.get(registry)
    if words is None:
        alone = {
            parts[0]
            for person in registry.all()
            if person.kind == "person"
            for spelling in (person.name, *person.aliases)
            if len(parts := name_parts(spelling)) == 1 and len(parts[0]) >= 4
        }
        nicknamed = {word for nickname in registry.nicknames() for word in nickname.split()}

        words = frozenset(
            word
            for word in {*_surnames(registry), *alone, *nicknamed}
            if _paragraphs_with(counts, word) * _ORDINARY_NAME_SHARE <= counts.n_paragraphs
        )
        _NAME_WORDS[registry] = words
    return words


def name_words(counts: HasWordCounts) -> NameWords:
    """The names of people and countries a typo in a question to ``counts`` (an index) may
    be read as."""
    return NameWords(_name_words(counts.speakers, counts), country_words(counts))


def _surname_match(
    registry: SpeakerRegistry,
    text: str,
    taken: list[tuple[int, int]],
    *,
    places: Sequence[tuple[int, int]],
    words_counted: bool,
) -> tuple[int, int, str] | None:
    """A capitalised word (any word, in a question typed in lower case) that is a person's
    surname ("Biden", "Lavrov"; a surname several people share, "Bush", stands for them all:
    ``SpeakerRegistry.resolve``) or the first word of one person's name: the UNGDC names
    speakers in full, and people ask by surname. The question's first word, capitalised
    whatever it is, is a surname only before a word of speaking ("Biden on Ukraine"), unless
    the corpus's ``words_counted`` decide later, as for a question in lower case, whether it
    is an ordinary word (``_reads_as_word``: "Young people" is, "Erdogan syria refugees" and
    "Merkel refugees" were keywords of the person, read as no one)."""
    table = _surnames(registry)
    # A question typed all in lower case says nothing by capitals: every word may be a name,
    # and the tests that follow (and the ordinary-word rule after them) decide.
    any_case = typed_in_lower_case(text)
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if not (word[0].isupper() or any_case) or starts_in(match.start(), taken):
            continue
        key = fold(word)
        if key in table:
            name = table[key]
        elif registry.spellings_of(key):
            # Another spelling of a surname ("Gaddafi" for Al-Qadhafi, "Vishinsky" for
            # Vyshinsky), read by the registry's rule.
            name = None
        else:
            continue
        if name is None:
            named = registry.people(word)
            name = named[0] if len(named) == 1 else word if named else None
        start = match.start()
        # Given names or initials before it that still name someone are part of the name
        # ("Joe Biden", "T. F. Tsiang", "Raul Castro" for Raúl Castro Ruz).
        wider = registry.widen(text, start, match.end(), any_case=any_case)
        if wider is not None:
            if overlaps(wider[0], match.end(), places):
                # Grown into a place's name, as ``_people`` reads names: "india on mahatma
                # gandhi" in lower case is no "Indira … Gandhi" (dev, full UNGDC).
                continue
            start, name = wider
        if name is None:
            continue
        if _beside_capitalised(text, start, match.end(), places):
            continue
        at_start = not text[:start].strip(" \t\"'“‘")
        if at_start and not words_counted and not _SPEAKS.match(text, match.end()):
            continue
        return start, match.end(), name
    return None


# ---------------------------------------------------------------------------------------------
# A person's role in a question: the one speaking, context, or a word that only looks like a
# name. Read from the words around the name, then weighed against evidence from the corpus.

_SPEECH_VERBS = (
    r"say|said|says|think|thinks|thought|mention|mentioned|speak|spoke|talk|talked|state|stated"
    r"|tell|told|argue|argued|claim|claimed|announce|announced|warn|warned|propose|proposed"
    r"|declare|declared|call|called|stress|stressed|note|noted|reply|replied|respond|responded"
    r"|answer|answered|suggest|suggested|describe|described|believe|believed|feel|felt|write|wrote"
    # Putting something forward is saying it (dev: "What five-point programme for Africa did
    # Eisenhower put forward in 1960?" had read Eisenhower as context: "What did X do").
    r"|put\s+forward|puts\s+forward|offer|offered|urge|urged|pledge|pledged|promise|promised"
    r"|demand|demanded|explain|explained|insist|insisted"
)
_SPEECH_NOUNS = (
    r"remarks?|speech(?:es)?|statements?|words|comments?|views?|position|address|message"
    r"|answer|reply|response|quotes?|opinion|stance"
)
# What a person puts forward, in their own speech or in others' that take it up.
_AUTHORED_NOUNS = (
    r"proposals?|programmes?|programs?|plans?|initiatives?|doctrine|ideas?|appeals?|offers?"
)
# Read on the few words before a name, its titles left out ("did [President] Biden").
_SLOT_BEFORE = re.compile(r"\b(?:did|does|do|has|have|had|would|will|can|could)$", re.I)
_QUOTED_BEFORE = re.compile(rf"\b(?:(?:{_SPEECH_NOUNS})\s+(?:by|from|of)|according\s+to)$", re.I)
_CONTEXT_BEFORE = re.compile(
    r"\b(?:with|met|meet|meets|meeting|visited|visiting|hosted|chaired|received|welcomed"
    r"|greeted|by)$",
    re.I,
)
# "Who quoted X", "leaders who praised X": X is named in the answer, and stays searched.
_NAMED_BEFORE = re.compile(
    r"\b(?:quoted|quoting|quotes?|cited|citing|cites?|praised|praising|thanked|thanking"
    r"|critici[sz]ed|condemned|mentioned|mentioning|mentions|honou?red|mourned|remembered"
    r"|tribute\s+to)$",
    re.I,
)
# Read on the text right after a name.
_SAID_AFTER = re.compile(rf"\s*(?::|\b(?:{_SPEECH_VERBS})\b)", re.I)  # "X said", "X: …"
# "X's" and up to two words before the noun it owns ("Kennedy's 1961 disarmament programme").
_POSSESSED = r"['’]s\s+(?:[\w-]+\s+){0,2}"
_TOPIC_AFTER = re.compile(  # "X on …", "X's (1960) remarks": X speaks, if X is a person at all
    rf"\s*\b(?:on|about|regarding)\b|{_POSSESSED}(?:{_SPEECH_NOUNS})\b", re.I
)
# "Khrushchev's 1960 proposal": read first in X's own speeches, and in others' when no speech
# of X's answers (dev: the proposal is in Khrushchev's 1960 speech, and Kennedy's 1961
# programme in his; "Xi Jinping's four-point proposal" only in Wang Yi's words).
_AUTHORED_AFTER = re.compile(rf"{_POSSESSED}(?:{_AUTHORED_NOUNS})\b", re.I)
# "X's death", "X's release": what befell X, whom the answer names; X's own speeches are not
# where it is found (new dev questions, full UNGDC: "what did south africa say about mandella's
# death" cut Mandela's name as an occasion's and searched "death" alone).
_BEFELL = (
    r"death|passing|assassination|murder|killing|execution|funeral|arrest|imprisonment"
    r"|detention|release|kidnapping|abduction|trial|exile|legacy|memory"
)
_NAMED_AFTER = re.compile(rf"{_POSSESSED}(?:{_BEFELL})\b", re.I)
_CONTEXT_AFTER = re.compile(
    r"['’]s\b|\s+(?:met|meets|meet|visited|visits|hosted|hosts|chaired|received|welcomed)\b",
    re.I,
)
# A question asking who spoke: the speaker is what is asked, so a person the words around do
# not place as speaking is a word of what was said, searched with no filter (dev, full UNGDC:
# "Who talked about the famous handshake between Rabin and Arafat after the Oslo deal?" showed
# only Arafat's own speeches; "Did anyone bring up Arafat and the Oslo accords?" answered with
# them). "Who" as the subject: in "Who did X meet" the words around place X (context).
_ASKS_WHO = re.compile(
    r"^\s*(?:who\b(?!\s+(?:did|does|do|has|have|had|is|was|were|are|will|would)\b)"
    rf"|{_WHICH_SPEAKERS})|{_ANYONE}"
    r"|\bever\s+(?:mentioned|raised|discussed|cited|named|brought\s+up)\b",
    re.I,
)
_ACTION_AFTER = re.compile(r"\s+[a-z]+\b")  # "What did Bozkir do at …": a deed, not words
_POSSESSIVE = re.compile(r"['’]s\b")
# The words that name the occasion around a person as context, cut with the name: the answer
# is what was said there, and "at the meeting with" or "when he met" are not its words.
_OCCASION = r"(?:meetings?|talks|visits?|conversations?|calls?|summit|session|trip)"
_OCCASION_BEFORE = re.compile(
    r"(?i:\b(?:at|during|in|from|after|before|on)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?"
    rf"(?:\w+\s+)?{_OCCASION}\s+(?:with|of|by|between)"
    r"|\b(?:when|where|after|before|as|while)\s+\w+\s+(?:met|visited|received|hosted|welcomed"
    r"|greeted)(?:\s+with)?"
    rf"|\b(?:the\s+)?{_OCCASION}\s+(?:with|between)"
    r"|\b(?:met|meeting|visited|received|hosted|chaired|welcomed|greeted)(?:\s+by|\s+with)?"
    r"|\bwith)"
    # the person's titles, capitalised ("met President"), and initials ("T. F.")
    r"\s+(?:(?:[A-Z][\w.’'-]*|the|of|and)\s+)*$"
)
_INITIALS = re.compile(r"(?:\b[A-Z]\.\s*)+$")
_OCCASION_AFTER = re.compile(rf"['’]s\s+(?:\w+\s+)?{_OCCASION}\b")
_LEAD_WORDS = re.compile(r"[\w.’'-]+|[^\w\s]")
# Words that stand before a person's name ("President Biden", "Queen Elizabeth"). Any other
# capitalised word beside a one-word name makes a longer name or a place with it: "Lake Chad",
# "Camp David", "the Arab Spring" ("Arab" is a title word for institutions, not for people).
_PERSONAL_TITLES = frozenset(
    """
    president vice minister prime premier secretary secretary-general general ambassador
    envoy chancellor king queen prince princess emperor sultan emir sheikh pope excellency
    mr mr. mrs mrs. ms ms. dr dr. sir lord lady h.e. professor prof. senator governor mayor
    chairman chairwoman chairperson councilor councillor comrade foreign state deputy
    """.split()  # noqa: SIM905
)
# Questions name a handful of people; a question of repeated names stops looking here.
_MAX_SURNAMES = 4
_MAX_NAMES = 20
# A one-word name held by more paragraphs than this many times the paragraphs its person
# speaks is, in the corpus's own use, mostly an ordinary word: on the full UNGDC "Lake" is
# in 724 paragraphs and Mr. Lake speaks 27, "Young" 3,084 and 43, "Spring" 740 and 114, while
# names people ask by stay below 1.5 times (Castro 206 and 538, Khrushchev 281 and 214).
_ORDINARY_WORD_RATIO = 3
# No one is "a Ban" or "an Ali": a one-word name after an indefinite article is a word. New dev
# questions, full UNGDC, in lower case: "which leaders called for rules or a ban on killer
# robots …?" was read as Ban Ki-moon's own words ("X on …").
_AFTER_AN_ARTICLE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_FEW_PARAGRAPHS = 5  # a floor, so a person with one paragraph ("Kőrösi noted") keeps their name


_Role = Literal["said", "topic", "authored", "context", "named"] | None


@dataclass(frozen=True)
class _Named:
    """A person's name found in a question: where, who, and whether it came from a bare
    first or last name rather than a name or alias the corpus lists."""

    start: int
    end: int
    name: str
    bare: bool


def _lead(before: str) -> str:
    """The last few words before a name, its titles left out: "What did the General Assembly
    president" -> "What did". Bounded: only the text's last 120 characters are read."""
    words = _LEAD_WORDS.findall(before[-120:])
    while words and (
        fold(words[-1]) in _PERSONAL_TITLES
        or fold(words[-1]) == "the"
        or (words[-1][0].isupper() and is_title_word(words[-1]))  # "General Assembly"
    ):
        words.pop()
    return " ".join(words[-4:])


def _role(text: str, named: _Named) -> _Role:
    """How the words around a name place its person: "said" ("What did X say", "X said",
    "statements by X"), "topic" ("X on …", "X's remarks"), "authored" ("X's proposal"),
    "context" ("the meeting with X", "X's visit", "What did X do"), "named" ("Who quoted X",
    "X's death"), or None when they do not say."""
    lead, after = _lead(text[: named.start]), text[named.end : named.end + 60]
    if _SAID_AFTER.match(after) or _QUOTED_BEFORE.search(lead):
        return "said"
    if _CONTEXT_BEFORE.search(lead):  # "talks with X on …": the topic is the talks'
        return "context"
    if _NAMED_BEFORE.search(lead):
        return "named"
    if _TOPIC_AFTER.match(after):
        return "topic"
    if _AUTHORED_AFTER.match(after):
        return "authored"
    if _NAMED_AFTER.match(after):
        return "named"
    if _CONTEXT_AFTER.match(after):
        return "context"
    if _SLOT_BEFORE.search(lead) and _ACTION_AFTER.match(after):
        return "context"
    return None


# Capitalised as a question's first word, never part of a name: "Did Trump talk about …"
# (dev, full UNGDC: Trump was read as part of a longer name "Did Trump").
_QUESTION_OPENERS = frozenset(
    (
        "did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "will", "would",
        "can", "could", "should", "what", "when", "where", "why", "how", "who", "which", "whose",
    )
)  # fmt: skip


def _beside_capitalised(
    text: str, start: int, end: int, places: Sequence[tuple[int, int]] = ()
) -> bool:
    """A capitalised word right before or after the name at ``start:end`` that is not a
    question's opening word: the name is part of a longer name the corpus does not know
    ("Hunter Biden", "Wang Yii") or of a place ("Lake Chad"), also across a particle ("Nevado
    del Ruiz" is no Ruiz: new dev questions, full UNGDC) unless a title stands there
    ("President de Gaulle"). Titles and initials right before a name are already in its span
    (``SpeakerRegistry.widen``, ``find_in_text``). A country's name (in ``places``) is no
    part of a person's: "Obama Syria", "Bush Iraq 2003" are keywords of a person and a
    topic, and had read no one (where a name is also a word, "Lake Chad", the corpus's word
    counts decide: ``_reads_as_word``)."""
    before = _WORD_BEFORE.search(text, max(0, start - 80), start)
    across = None
    if before is not None and is_particle(before.group(1)):
        across = _WORD_BEFORE.search(text, max(0, before.start() - 80), before.start())
        if across is not None and fold(across.group(1)) in _PERSONAL_TITLES:
            across = None
    after = _WORD_AFTER.match(text, end)
    for found in (before, across, after):
        if found is None or starts_in(found.start(1), places):
            continue
        word = found.group(1)
        folded = fold(word).strip("’'")
        opener = found is not after and folded in _QUESTION_OPENERS
        if word[0].isupper() and not opener:
            return True
    return False


# The word (or initial) that ends where a search stops; the word right after a match.
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.’'-]*)\s+\Z")
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w’'-]*)")


def _given_name_before_a_rare_word(
    text: str, start: int, end: int, registry: SpeakerRegistry
) -> bool:
    """In a question typed in lower case, which has no capitals to say so: the name at
    ``start:end`` is a given name of the corpus's people right before a word the corpus hardly
    writes (``SpeakerRegistry.hardly_written``), the two another person's name. Dev, full
    UNGDC: "which countries brought up the soviet dissident andrei sakharov …" was read as
    Ştefan Andrei's words ("andrei" a surname, and Gromyko's given name; "sakharov" in 13
    paragraphs), and refused."""
    if not typed_in_lower_case(text) or fold(text[start:end]) not in registry.given_names():
        return False
    after = _WORD_AFTER.match(text, end)
    return after is not None and registry.hardly_written(fold(after.group(1)))


def _given_name_known(typed: str, person: Speaker | None) -> bool:
    """Whether the given name ``typed`` starts with is one of ``person``'s names spelt out
    (not only an initial): "Joe Biden" for "Joseph R. Biden", not "Camp David" for
    "C. Peter David"."""
    given = name_parts(typed)[:1]
    if person is None or not given:
        return False
    for known in (person.name, *person.aliases):
        parts = name_parts(known)
        if len(parts) > 1 and len(parts[0]) > 1 and same_given_name(given[0], parts[0]):
            return True
    return False


def _reads_as_word(
    text: str,
    named: _Named,
    role: _Role,
    registry: SpeakerRegistry,
    counts: HasWordCounts | None,
    *,
    places: Sequence[tuple[int, int]] = (),
) -> bool:
    """Whether a one-word name is, here, a word rather than a person: beside another
    capitalised word, after "a" or "an", a bare first name outside a speaker's slot ("Queen
    Elizabeth"), or a word the corpus uses far more often than the person speaks ("Lake")."""
    word = text[named.start : named.end]
    if len(word.split()) > 1:
        if _surname_after_a_label(word):
            return True
        # "Camp David" fits "C. Peter David": a given name the person is known by only as an
        # initial, or not at all, makes a name of a phrase only where the question places the
        # person ("What did Camp David say").
        return role is None and not _given_name_known(word, registry.get(named.name))
    if (
        _beside_capitalised(text, named.start, named.end, places)
        or _given_name_before_a_rare_word(text, named.start, named.end, registry)
        or _AFTER_AN_ARTICLE.search(text, 0, named.start)
    ):
        return True
    if role == "said":  # the strongest evidence; a delegation named so is the country rule's
        return False
    words = strip_honorifics(named.name).split()
    if named.bare and len(words) > 1 and fold(words[0]) == fold(word):
        return True
    if counts is None:
        return False
    # Everyone the word names speaks for it: "Kennedy" is Ireland's Kennedy (71 paragraphs)
    # and John F. Kennedy (109), in 277 paragraphs' words (dev: "Kennedy's 1961 disarmament
    # programme" had read Kennedy as a word).
    spoken = sum(_spoken(registry, name) for name in registry.people(word) or (named.name,))
    return _paragraphs_with(counts, word) > _ORDINARY_WORD_RATIO * max(spoken, _FEW_PARAGRAPHS)


def _surname_after_a_label(name: str) -> bool:
    """Whether ``name`` is a surname after words a name leaves out as titles
    (``names.name_parts``), none of them a person's (``_PERSONAL_TITLES``): a people's or an
    institution's word ("Arab Spring" fits Dick Spring, an Irish minister, as "President
    Spring" would). Full UNGDC: "Who mentioned the Arab Spring?" was scoped to the documents
    naming him. Not a stopword: in a question typed in lower case a name grows over "of" too
    ("the points of kennedy's 1961 disarmament programme"), which says nothing."""
    if len(name_parts(name)) != 1:
        return False
    return all(
        fold(word) not in _PERSONAL_TITLES and fold(word) not in STOPWORDS
        for word in name.split()[:-1]
    )


def _spoken(registry: SpeakerRegistry, name: str) -> int:
    person = registry.get(name)
    return person.paragraph_count if person is not None else 0


def _paragraphs_with(counts: HasWordCounts, word: str) -> int:
    """How many paragraphs hold ``word`` (0 for a stopword or a word of several terms)."""
    tokens = counts.tokens_of(word)
    return counts.doc_freq(tokens[0]) if len(tokens) == 1 else 0


def _people(
    registry: SpeakerRegistry,
    text: str,
    taken: list[tuple[int, int]],
    places: Sequence[tuple[int, int]] = (),
    *,
    words_counted: bool = False,
) -> list[_Named]:
    """Every person named in ``text`` outside ``taken``, in order: listed names and aliases,
    then bare surnames (one at a time, each found one taken before looking again). A name
    that reaches into one of ``places`` is words of that place's name (new dev questions,
    full UNGDC: "How did Honduras describe El Salvador's attack …" searched only documents
    naming Laurent Salvador Lamothe; "what did upper volta say", typed in lower case, was
    read as a name grown leftwards over "what did" to a person the corpus calls Upper
    Volta)."""
    found = [
        _Named(start, end, name, bare=False)
        for start, end, name in registry.find_in_text(text)
        if not starts_in(start, taken)
        and not overlaps(start, end, places)
        and _person(registry, name) is not None
    ][:_MAX_NAMES]
    seen = [*taken, *places, *((n.start, n.end) for n in found)]
    for _ in range(_MAX_SURNAMES):
        surname = _surname_match(
            registry, text, seen, places=places, words_counted=words_counted
        )
        if surname is None:
            break
        found.append(_Named(surname[0], surname[1], surname[2], bare=True))
        seen.append((surname[0], surname[1]))
    return sorted(found, key=lambda n: n.start)[:_MAX_NAMES]


def _name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name with the initials before it and a following "'s", so "T. F. Tsiang"
    leaves nothing and "Xi Jinping's proposal" leaves "proposal"."""
    initials = _INITIALS.search(text, max(0, start - 20), start)
    possessive = _POSSESSIVE.match(text, end)
    return (initials.start() if initials else start), possessive.end() if possessive else end


_JOINING = frozenset(("and", "or", "with", "nor"))


def _speaker_span(text: str, named: _Named, slot: re.Match[str] | None) -> tuple[int, int]:
    """The span of the speaker's name (``_name_span``), from the start of the question's
    name slot ("What did ___ say") when the name ends it: every word typed before a surname
    there names the speaker too, though the corpus may not write them so ("What did mike
    pearson think", "vijaya lakshmi pandit", "donald j. trump": a synthetic probe of dev
    questions, their names in lower case, had left "mike", "vijaya lakshmi", "donald j."
    to be searched, and the gate refused the speaker's own paragraphs for lacking them)."""
    start, end = _name_span(text, named.start, named.end)
    if slot is None or not slot.start(1) < named.start or named.end != slot.end(1):
        return start, end
    return (slot.start(1) if _one_name(text[slot.start(1) : named.start]) else start), end


def _leads_a_longer_name(text: str, named: _Named, slot: re.Match[str]) -> bool:
    """Whether ``named`` is followed, to the end of the question's name slot, only by more
    words of one name: "andrei" in "What did andrei kozyrev say" is Kozyrev's given name,
    not another person ("Bush and Blair" is two)."""
    inside = slot.start(1) <= named.start and named.end < slot.end(1)
    return inside and _one_name(text[named.end : slot.end(1)])


def _takes_the_verb(text: str, named: _Named, slot: re.Match[str]) -> bool:
    """Whether ``named`` runs over the name slot's verb typed in lower case: there it is the
    verb, never a surname (new dev questions, full UNGDC, one typo a question: "what has
    edogan said about the uyghurs" was read as the words of Al-Said, "edogan" taken for a
    given name of his)."""
    verb_start, verb_end = slot.span("verb")
    return named.start < verb_end and verb_start < named.end and text[verb_start:verb_end].islower()


def _one_name(words: str) -> bool:
    """Whether ``words`` could be more of one person's name: words (and initials), none
    joining two names ("and", "or", "with")."""
    found = _LEAD_WORDS.findall(words)
    return bool(found) and all(w[0].isalpha() and fold(w) not in _JOINING for w in found)


def _with_occasion(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a person as context with the words naming the occasion: "at the meeting
    with Kőrösi", "when he met President Xi Jinping", "Wang Yi's visit". Bounded: only the 80
    characters before the name are read."""
    tail = max(0, start - 80)
    before = _OCCASION_BEFORE.search(text[tail:start])
    after = _OCCASION_AFTER.match(text, end)
    first, last = _name_span(text, start, end)
    return (tail + before.start() if before else first), (after.end() if after else last)


def _unless_a_name(filler: re.Match[str]) -> str:
    """Filler goes, except a capitalised word inside the question: "the Islamic State" is not
    the verb "state", "Tell me" at the start is filler; and except a part of a hyphenated word
    ("the two-state solution" had searched "the two- solution")."""
    text, start, end = filler.string, filler.start(), filler.end()
    if (start and text[start - 1] in HYPHENS) or (end < len(text) and text[end] in HYPHENS):
        return filler.group()
    before = text[max(0, start - 40) : start].rstrip()  # bounded
    if filler.group()[0].isupper() and before and not before.endswith((".", "?", "!")):
        return filler.group()
    return " "


def _un_written_out(typed: re.Match[str]) -> str:
    """"UN" as typed and written out, in the case typed: a question in lower case stays so,
    its capitals saying nothing of which words are names (``typed_in_lower_case``)."""
    said = "UN (United Nations)"
    return said.lower() if typed.group().islower() else said


def _search_text(text: str, spans: list[tuple[int, int]]) -> str:
    """What is searched: the question without the spans read as filters, filler and quote
    marks, "UN" also written out."""
    remaining = _cut(text, spans)
    remaining = _SETTING.sub(" ", remaining)
    remaining = _UN.sub(_un_written_out, remaining)
    remaining = _FILLER.sub(_unless_a_name, remaining)
    remaining = _PHRASE.sub(lambda m: " " + _quoted(m) + " ", remaining)
    return re.sub(r"\s+", " ", remaining).strip(" ?!.,;:")


def _quotation(text: str, search_text: str, spans: list[tuple[int, int]]) -> str | None:
    """The words to look for as written: all that follows "Who said" (its filler words too:
    "don't just sit and talk"), from ``QUOTATION_WORDS`` words; otherwise the search text from
    ``LONG_QUOTATION_WORDS``. Not the ``spans`` read as a date, a country or a speaker, before
    "Who said" or after it: "Who said the world is bigger than five in 2024?" had looked for
    "… five in 2024" as written, and "In 2024, who said …" for "who …"."""
    kept = _cut(text, spans).lstrip(" ,;:")
    who_said = _WHO_SAID.match(kept)
    if who_said:
        rest = _PHRASE.sub(_quoted, kept[who_said.end() :])
        words = re.sub(r"^\s*that\b", "", rest).strip(" ?!.,;:").split()
        return " ".join(words) if len(words) >= QUOTATION_WORDS else None
    return search_text if len(search_text.split()) >= LONG_QUOTATION_WORDS else None


def _counts_words(speakers: object) -> TypeGuard[HasWordCounts]:
    return all(
        hasattr(speakers, name) for name in ("doc_freq", "tokens_of", "n_paragraphs", "terms")
    )


def understand(
    question: str, speakers: SpeakerRegistry | HasSpeakers, *, countries: bool = True
) -> Understanding:
    """Read speaker, person as context, country, date and quoted phrases out of ``question``;
    the rest is searched. ``speakers`` is the registry, or anything holding one (an ``Index``,
    whose word counts then help tell a name from a word, and whose countries are read unless
    ``countries`` is False: a country given explicitly leaves the question's country words
    to be searched)."""
    registry = speakers if isinstance(speakers, SpeakerRegistry) else speakers.speakers
    text, notes_t = clean(question)
    notes = list(notes_t)
    counts = speakers if _counts_words(speakers) else None
    if counts is not None:
        text, read = typos_read(text, counts, lambda: name_words(counts))
        notes += read

    phrases = tuple(p for p in (_quoted(m).strip() for m in _PHRASE.finditer(text)) if p)
    spans: list[tuple[int, int]] = []

    dates: DateRange | None = None
    loose_dates = False
    mentions = find_dates(text)
    if mentions:
        # The first said firmly: "the September 11 attacks in 2001" asks for 2001, the day an
        # event's name, searched as words (it had filtered to any 11 September, which speeches
        # dated by year all are, and cut "September 11" and its year from the search).
        mention = next((m for m in mentions if not m.loose), mentions[0])
        loose_dates = mention.loose
        first, last, swapped = ordered(mention.first, mention.last)
        dates = DateRange(start=first, end=last)
        if swapped:
            notes.append(f"the dates {mention.label} were reversed, so {dates.label} was searched")
        # A day with no year names an event ("the September 11 attacks"): its words are what
        # speeches dated by year alone say of it, and stay searched (as cut, "Who talked about
        # the September 11 attacks?" searched "attacks" and quoted Moldova's 2022 ones).
        if not (mention.loose and first.year is None and first.day is not None):
            spans.append((mention.start, mention.end))
        # "at" before a date is filler too ("at 2 February 2023"): the date's other prepositions
        # are part of its mention (``find_dates``).
        before = re.search(r"\bat\s*$", text[: mention.start])
        if before:
            spans.append((before.start(), mention.start))

    # Before speakers: "Chad" and "Jordan" are countries in a question, not a delegate's name.
    named_countries = country_mentions(text, speakers)
    country = country_in_question(text, speakers, spans, named_countries) if countries else None

    speaker: str | None = None
    speaker_said = False
    involving: str | None = None
    occasion: tuple[int, int] | None = None
    slot = _NAME_SLOT.search(text)
    places = [(mention.start, mention.end) for mention in named_countries]
    asks_who = _ASKS_WHO.search(text) is not None
    for named in _people(registry, text, spans, places, words_counted=counts is not None):
        if slot is not None and (
            _leads_a_longer_name(text, named, slot) or _takes_the_verb(text, named, slot)
        ):
            continue
        role = _role(text, named)
        if role in (None, "topic") and asks_who:
            continue
        if _reads_as_word(text, named, role, registry, counts, places=places):
            continue
        as_context = role in ("context", "named")
        if as_context and involving is None and named.name != speaker:
            involving = named.name
            if role == "named":
                continue  # the name is in the answer: it stays searched
            occasion = _with_occasion(text, named.start, named.end)
        elif not as_context and speaker is None and named.name != involving:
            speaker = named.name
            speaker_said = role in ("said", "topic")
        else:
            continue  # a second person to speak or to scope to: their name stays searched
        if named.name == speaker:
            spans.append(_speaker_span(text, named, slot))
        else:
            spans.append(_name_span(text, named.start, named.end))

    unknown_name: str | None = None
    if speaker is None and slot and any(ch.isupper() for ch in slot.group(1)):
        unknown_name = slot.group(1)
        # Said when it is written as a name, unless a country answers for it ("the US"): a
        # reply that quotes others naming Malala is not what she said, and the citations
        # alone leave that to be seen. Not "anyone at the UN".
        start, end = slot.span(1)
        as_a_name = all(w[:1].isupper() or is_particle(w) for w in unknown_name.split())
        if as_a_name and not overlaps(start, end, places):
            notes.append(f"“{unknown_name}” names no speaker in the corpus: its words are searched")

    search_text = _search_text(text, spans)
    quotation = _quotation(text, search_text, spans)
    if occasion is not None:
        without = _search_text(text, [*spans, occasion])
        # The occasion's words stay when they are all there is to search ("Qin Gang's visit").
        if without or speaker or dates or phrases:
            search_text = without
    return Understanding(
        search_text=search_text,
        speaker=speaker,
        dates=dates,
        dates_loose=loose_dates,
        phrases=phrases,
        notes=tuple(notes),
        unknown_name=unknown_name,
        involving=involving,
        country=country.label if country is not None else None,
        speaker_said=speaker_said,
        quotation=quotation,
    )
