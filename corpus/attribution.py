"""Who speaks in a paragraph: reported speech ("Qin Gang said that…"), collective speakers
("Participants generally believed…"), and people only mentioned ("President Xi Jinping
attended…").

Recognised patterns (the subject is the clause before the verb, after the sentence start, a
comma, a colon or a quote; titles in front of the name are dropped):

- ``NAME [adverb] VERB``: said, says, noted, stressed, pointed out, added, emphasized,
  stated, underlined, underscored, remarked, indicated, urged, called on/for, believed, hoped,
  told, warned, reiterated, (re)affirmed, highlighted, explained, proposed, suggested,
  maintained, argued, insisted, acknowledged, agreed, welcomed, mentioned, expressed,
  recalled, observed, declared, announced, commented, replied, responded, asserted, and
  "made a (concluding/keynote/…) speech/statement/remarks, saying";
- ``"…," said NAME`` (inverted);
- ``He/She VERB``: the previous speaker of the document;
- collective subjects: participants, both/the two sides, leaders, parties, countries,
  ministers, council members, delegates.

A name of one word is accepted as a speaker only when it is known (an alias, or a word of a
full name already seen in the document), so "China believes" is not a person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .lexicon import COUNTRY_WORDS, LEADING_NON_NAMES, NOT_NAMES, TITLE_WORDS
from .text import fold

__all__ = [
    "Attribution",
    "DocumentNames",
    "alias_pattern",
    "attribute",
    "collective_label",
    "first_person",
    "narrative",
]

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAP = rf"(?:[{_UPPER}][\w'’-]*)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|bin|ibn|al|el|le|la|dos|das|del|y|ter|ten)"

_VERBS = (
    r"said|says|noted|notes|stressed|stresses|pointed\s+out|points\s+out|added|adds|"
    r"emphasi[sz]ed|emphasi[sz]es|stated|states|underlined|underscored|remarked|indicated|"
    r"urged|called\s+(?:on|for|upon)|believed|believes|hoped|told|warned|reiterated|"
    r"affirmed|reaffirmed|highlighted|explained|proposed|suggested|maintained|argued|"
    r"insisted|acknowledged|agreed|welcomed|mentioned|expressed|recalled|observed|declared|"
    r"announced|commented|replied|responded|asserted|"
    r"made\s+an?\s+(?:\w+\s+){0,2}(?:speech|statement|remarks|address)(?:,)?\s+saying"
)
_ADVERBS = (
    r"also|further|furthermore|generally|repeatedly|firmly|again|once|particularly|"
    r"especially|then|later|finally|briefly|specifically|fully|highly|warmly|strongly|"
    r"clearly|solemnly|unanimously|all|both|in\s+particular"
)
_ADVERB_TAIL_RE = re.compile(rf"(?:\s+(?:{_ADVERBS}))+\s*$")
# A speech verb right after a capitalised word ("Yi said", "He stressed") or a collective
# noun. Patterns start with a character class, not \b, so the regex engine can skip ahead
# to candidate characters: across a million paragraphs that is most of the cost.
# The rest of the word is capped at _WORD_TAIL characters, possessively: tried from every
# capital of a long run ("A" * 30000), an unbounded tail made the search quadratic (23 s on
# 30 KB; ``re`` holds the GIL). No name is that long: on 150,000 UNGDC paragraphs the cap
# finds exactly the verbs the unbounded pattern found, and runs faster.
_WORD_TAIL = 64
_UPPER_VERB_RE = re.compile(
    rf"[{_UPPER}][\w'’-]{{0,{_WORD_TAIL}}}+(?:\s+(?:{_ADVERBS}))*\s+(?P<verb>{_VERBS})\b"
)
# Capitalised forms ("Participants", "He") are found by the pattern above.
_LOWER_SUBJECT_VERB_RE = re.compile(
    rf"(?:participants|attendees|sides|leaders|parties|countries|ministers|members|"
    rf"delegates|state|he|she)(?:\s+(?:{_ADVERBS}))*\s+(?P<verb>{_VERBS})\b"
)
_INVERTED_RE = re.compile(
    rf"[,\"”]\s*(?:said|added|noted|stressed|continued)\s+(?P<subj>(?:{_CAP}\s+){{0,6}}{_CAP})"
)
_CLAUSE_BOUNDARY_RE = re.compile(r"(?:[.!?;:]\s|,\s|[\"“”(])")
_SUBJECT_TOKEN_RE = re.compile(
    rf"^(?:{_CAP}|of|the|and|for|on|to|{_PARTICLE}|\d+(?:st|nd|rd|th)|\([\w.]+\))$"
)

# Folded collective subjects -> the label recorded in Paragraph.collective.
_COLLECTIVES: dict[str, str] = {
    "participants": "participants",
    "the participants": "participants",
    "attendees": "participants",
    "both sides": "both sides",
    "the two sides": "both sides",
    "the sides": "both sides",
    "all sides": "all sides",
    "both leaders": "both leaders",
    "the two leaders": "both leaders",
    "the leaders": "the leaders",
    "both parties": "both parties",
    "the two parties": "both parties",
    "all parties": "all parties",
    "both countries": "both countries",
    "the two countries": "both countries",
    "both ministers": "both ministers",
    "the two ministers": "both ministers",
    "the ministers": "the ministers",
    "foreign ministers": "the ministers",
    "the foreign ministers": "the ministers",
    "council members": "council members",
    "members of the council": "council members",
    "members of the security council": "council members",
    "security council members": "council members",
    "the delegates": "delegates",
    "delegates": "delegates",
    "both heads of state": "both heads of state",
    "the two heads of state": "both heads of state",
}
_PRONOUNS = frozenset({"he", "she"})

_TITLE_ALT = (
    r"President|Premier|Minister|Secretary-General|Secretary|Ambassador|Envoy|Spokesperson|"
    r"Spokesman|Spokeswoman|Chairman|Chairwoman|Chairperson|Chair|Councilor|Councillor|"
    r"Director-General|Director|Commissioner|King|Queen|Prince|Princess|Emir|Sultan|"
    r"Chancellor|Representative|Assembly|Affairs|Mr\.|Mrs\.|Ms\.|Dr\.|Excellency|Sheikh"
)
_TITLED_NAME_RE = re.compile(
    rf"(?:{_TITLE_ALT})\s+(?P<name>{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,3}})"
)
_FIRST_PERSON_RE = re.compile(r"\b(?:we|our|us|I)\b")
_NARRATIVE_RE = re.compile(
    r"\b(?:held\s+talks|met\s+with|attended|was\s+chaired|chaired|the\s+two\s+sides|"
    r"both\s+sides|the\s+meeting\s+was|the\s+talks|press\s+conference|according\s+to)\b",
    re.IGNORECASE,
)


def collective_label(subject: str) -> str | None:
    return _COLLECTIVES.get(" ".join(fold(subject).split()))


@dataclass
class DocumentNames:
    """Names known while reading one document: aliases from speakers.yaml (folded alias ->
    canonical) and the full names the document has used so far, for bare surnames."""

    aliases: Mapping[str, str] = field(default_factory=dict)
    # One pattern for every alias (built once per corpus by the loader, else here).
    alias_pattern: re.Pattern[str] | None = None
    full_names: dict[str, str] = field(default_factory=dict)  # folded -> as written
    # Short forms this document used for a full name ("Kőrösi" for "Csaba Kőrösi"), so the
    # registry can offer them as aliases.
    short_forms: dict[str, set[str]] = field(default_factory=dict)
    # Folded spellings of the people who have spoken so far -> canonical name: a later
    # paragraph that names them without speaking mentions them.
    spoken: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.alias_pattern is None and self.aliases:
            self.alias_pattern = alias_pattern(self.aliases)

    def resolve(self, name: str) -> str | None:
        """Canonical form of ``name``, or None when a one-word name is not known."""
        key = fold(name)
        if key in self.aliases:
            return self.aliases[key]
        tokens = key.split()
        if len(tokens) >= 2:
            if all(token in COUNTRY_WORDS for token in tokens):
                return None
            self.full_names.setdefault(key, name)
            return name
        matches = {
            written
            for folded, written in self.full_names.items()
            if tokens and tokens[0] in folded.split()
        }
        if len(matches) == 1:
            full = matches.pop()
            self.short_forms.setdefault(full, set()).add(name)
            return full
        return None

    def note_speaker(self, canonical: str, written: str) -> None:
        self.spoken.setdefault(fold(canonical), canonical)
        self.spoken.setdefault(fold(written), canonical)


def alias_pattern(aliases: Mapping[str, str]) -> re.Pattern[str]:
    """Whole-word alternation of folded aliases, longest first."""
    keys = sorted((key for key in aliases if key), key=len, reverse=True)
    alternation = "|".join(re.escape(key) for key in keys) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


@dataclass(frozen=True)
class Attribution:
    speakers: tuple[str, ...] = ()
    collective: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    pronoun: bool = False  # "He said": the previous speaker carries on


def first_person(text: str) -> bool:
    """First person ("we", "our", "I"): a speaker's words rather than the narration."""
    return bool(_FIRST_PERSON_RE.search(text))


def narrative(text: str) -> bool:
    """The reporter's own narration ("held talks", "the two sides", "the meeting was")."""
    return bool(_NARRATIVE_RE.search(text))


def _name_from_subject(subject: str) -> tuple[str, bool] | None:
    """The name at the end of a subject clause and whether a title preceded it."""
    tokens = subject.split()
    if not tokens or len(tokens) > 20:
        return None
    if not all(_SUBJECT_TOKEN_RE.match(token) for token in tokens):
        return None
    if fold(tokens[0]) in LEADING_NON_NAMES:
        return None  # "As I said", "When Georgia stated": a subordinate or first-person clause
    name: list[str] = []
    for token in reversed(tokens):
        folded = fold(token)
        if folded in TITLE_WORDS or (not token[0].isupper() and folded not in _PARTICLE_SET):
            break
        name.insert(0, token)
        if len(name) > 4:
            return None
    while name and fold(name[0]) in _PARTICLE_SET:
        name.pop(0)
    if not name or any(fold(token) in NOT_NAMES for token in name):
        return None
    if all(fold(token) in COUNTRY_WORDS for token in name):
        return None  # "Sierra Leone said": a state speaking, not a person
    return " ".join(name), len(name) < len(tokens)


_PARTICLE_SET = frozenset(_PARTICLE[3:-1].split("|"))


def _subject_before(text: str, end: int) -> str:
    prefix = _ADVERB_TAIL_RE.sub("", text[max(0, end - 200) : end])
    start = 0
    for match in _CLAUSE_BOUNDARY_RE.finditer(prefix):
        start = match.end()
    return prefix[start:].strip()


def _verb_positions(text: str) -> list[int]:
    """Where the speech verbs that follow a possible subject start, left to right."""
    starts = [match.start("verb") for match in _UPPER_VERB_RE.finditer(text)]
    lower = [
        match.start("verb")
        for match in _LOWER_SUBJECT_VERB_RE.finditer(text)
        if not match.start() or not text[match.start() - 1].isalnum()
    ]
    return sorted({*starts, *lower}) if lower else starts


def attribute(text: str, names: DocumentNames, *, speech: bool = True) -> Attribution:
    """Speakers, collective speakers and mentions of one paragraph, in order of appearance.

    ``speech=False`` skips reported speech (when a metadata table already says who speaks the
    whole document) and only looks for the people mentioned.
    """
    speakers: list[str] = []
    collective: list[str] = []
    pronoun = False
    for verb_start in _verb_positions(text) if speech else ():
        subject = _subject_before(text, verb_start)
        if not subject:
            continue
        label = collective_label(subject)
        if label is not None:
            if label not in collective:
                collective.append(label)
            continue
        if fold(subject) in _PRONOUNS:
            pronoun = True
            continue
        found = _name_from_subject(subject)
        if found is None:
            continue
        canonical = names.resolve(found[0])
        if canonical is not None and canonical not in speakers:
            speakers.append(canonical)
            names.note_speaker(canonical, found[0])
    for match in _INVERTED_RE.finditer(text) if speech else ():
        found = _name_from_subject(match.group("subj"))
        if found is not None:
            canonical = names.resolve(found[0])
            if canonical is not None and canonical not in speakers:
                speakers.append(canonical)
                names.note_speaker(canonical, found[0])
    mentions: list[str] = []
    for match in _TITLED_NAME_RE.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue  # a title word inside a longer word
        found = _name_from_subject(match.group("name"))
        if found is None:
            continue
        resolved = names.resolve(found[0])
        canonical = resolved if resolved is not None else found[0]
        if canonical not in speakers and canonical not in mentions:
            mentions.append(canonical)
    # Known names without a title in front: people who spoke earlier ("Kőrösi"), aliases
    # from speakers.yaml ("Bozkor").
    if names.spoken or names.alias_pattern is not None:
        folded_text = fold(text)
        for folded_name, canonical in names.spoken.items():
            if canonical in speakers or canonical in mentions or folded_name not in folded_text:
                continue
            if re.search(rf"(?<!\w){re.escape(folded_name)}(?!\w)", folded_text):
                mentions.append(canonical)
        if names.alias_pattern is not None:
            for match in names.alias_pattern.finditer(folded_text):
                canonical = names.aliases[match.group(0)]
                if canonical not in speakers and canonical not in mentions:
                    mentions.append(canonical)
    return Attribution(
        speakers=tuple(speakers),
        collective=tuple(collective),
        mentions=tuple(mentions),
        pronoun=pronoun,
    )
