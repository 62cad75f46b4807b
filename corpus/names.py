"""Personal names: titles and honorifics stripped, the bare name kept, and when two written
names can be one person.

A name is compared by its *parts*: folded words without honorifics, leading titles,
punctuation, apostrophes or a generational suffix ("Mr. George W. Bush, Jr." ->
``("george", "w", "bush")``). The last part is the surname. :func:`fits` is the one rule for
"this shorter name can be that fuller one", used when the loader merges the spellings of one
person and when a typed name is read (``SpeakerRegistry.people``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from .lexicon import TITLE_WORDS
from .text import fold

__all__ = [
    "HONORIFIC_RE",
    "TITLE_WORDS",
    "family_name_first",
    "fits",
    "given_names",
    "is_particle",
    "is_title_word",
    "joined_surname",
    "name_parts",
    "same_given_name",
    "spelling_key",
    "strip_honorifics",
]


# "Mir." is the UNGDC's one slip of "Mr." (for Gromyko in 1962): read as a given name, it hid
# 2,565 paragraphs from "Andrei Gromyko", a person filed by surname alone having none.
HONORIFIC_RE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Mme|Dr|Messrs|H\.\s?E)\.?|Mir\.|Miss|Mister|Madame|Madam|"
    r"(?:His|Her)\s+(?:Excellency|Majesty|Royal\s+Highness|Highness)|Excellency)\s+",
    re.IGNORECASE,
)


def strip_honorifics(name: str) -> str:
    """Honorifics off: "Mr. Arce" -> "Arce", "H.E. Mr. Wang Yi" -> "Wang Yi"."""
    stripped = " ".join(name.split())
    while True:
        shorter = HONORIFIC_RE.sub("", stripped, count=1)
        if shorter == stripped or not shorter.strip():
            return stripped
        stripped = shorter.strip()


def is_title_word(token: str) -> bool:
    """A word of a title, office or institution ("Minister", "Assembly"), not of a name."""
    return fold(token).strip("’'") in TITLE_WORDS


# Generational suffixes, and a member of parliament's "MP": "Joseph R. Biden, Jr." is
# "Joseph R. Biden".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "mp"})
# Honorific titles and military ranks in front of names that ``TITLE_WORDS`` (words of
# offices, read in running text) leaves out: "Sardar Swaran Singh", "Datuk Seri Abdullah Ahmad
# Badawi", "Colonel Maummar Al-Qadhafi", "Major-General Juvénal Habyarimana". Only leading
# ones, and never a name's last part: "Major" alone is John Major.
_NAME_TITLES = TITLE_WORDS | {
    "sardar", "pandit", "datuk", "dato", "datin", "tun", "seri", "sri", "shri",
    "colonel", "lieutenant", "major", "brigadier", "commander", "captain", "admiral", "marshal",
}  # fmt: skip
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_PART = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[str, ...]:
    """The folded words of a personal name, without honorifics, leading titles
    ("President", "Sheikh"), punctuation, apostrophes (O'Brien = OBrien) or a generational
    suffix; initials are single letters ("H.W." -> h, w). Empty when nothing is left."""
    words = _PART.findall(_APOSTROPHES.sub("", fold(strip_honorifics(name))))
    while words and words[-1] in _SUFFIXES and len(words) > 1:
        words.pop()
    while len(words) > 1 and words[0] in _NAME_TITLES:
        words.pop(0)
    return tuple(words)


# Given names of one person written two ways score at least this (rapidfuzz's normalised
# Indel similarity, 0-100) and start with the same letter: Joe/Joseph 67, Sergey/Sergei 83,
# Mohamed/Muhammad 71; different names score under it: Mohamed/Mahmoud 57, George/Gerald 50,
# John/Jean 50.
GIVEN_NAME_RATIO = 65.0
# A given name the corpus hardly writes, typed before a person's surname, is theirs when it
# spells one of theirs otherwise, from another first letter too: another alphabet's "Geidar"
# for Heydar scores 67, "Geiddar" 62, "Isuom" for Islam 60 (typed with a typo). Relatives'
# names score under it: Hillary/William 57, Carla/Nicolas 50, Ivanka/Donald 33, Hunter/Joseph
# 17 (a spouse's name beside the surname is typed as often as a typo of the person's).
SPELT_OTHERWISE_RATIO = 58.0


def same_given_name(a: str, b: str) -> bool:
    """Two folded given names that can be one: equal, an initial of the other, one a
    prefix of the other ("alex", "alexander"), or a close spelling (``GIVEN_NAME_RATIO``)."""
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    return ratio(a, b) >= GIVEN_NAME_RATIO


def spelt_otherwise(typed: str, given: str) -> bool:
    """Whether the folded given name ``typed``, one the corpus hardly writes, may be
    ``given`` spelt another way (``SPELT_OTHERWISE_RATIO``), whatever its first letter."""
    return ratio(typed, given) >= SPELT_OTHERWISE_RATIO


def fits(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether the name parts ``short`` can name the person ``full``: the same surname (last
    part), and given names that agree where ``short`` has them — its first given name with
    the first, and its middle names (if any) with all of ``full``'s, one by one. So "Bush"
    and "George Bush" fit "George W. Bush", but "George W. Bush" does not fit "George H. W.
    Bush" (their middle names differ). A name with a given name may end at the first of two
    surnames ("Raul Castro" fits "Raúl Castro Ruz")."""
    if not short or not full:
        return False
    if short[-1] == full[-1]:
        return given_names_agree(short[:-1], full[:-1])
    # A first surname of two, given names and all ("Raul Castro", "Raúl Castro Ruz").
    return (
        len(short) >= 2
        and len(full) >= 3
        and short[-1] == full[-2]
        and given_names_agree(short[:-1], full[:-2])
    )


# Particles of family names ("Al-Jaber Al-Sabah", "de Guiringaud"): they are no given name,
# so a bare "Al-Sabah" is a surname that fits every Al-Sabah, not one with the given "Al".
_PARTICLES = frozenset(
    "al el bin ibn ben bint de del della da di do dos das van von der den le la du ould".split()  # noqa: SIM905
)


def is_particle(word: str) -> bool:
    """A particle of family names, typed in lower case ("del" of "Nevado del Ruiz")."""
    return word.islower() and word in _PARTICLES


# Particles that make the names after them a father's ("son of"), not the person's own.
_PATRONYMICS = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould"})


def given_names(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The given names of a name's parts: all but the surname, particles left out ("Al-Nasser"
    has none)."""
    return tuple(part for part in parts[:-1] if part not in _PARTICLES)


def given_names_agree(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """The given-name half of :func:`fits` (particles aside): the first agree and the middle
    ones one by one, or the typed ones are the last of the fuller name's."""
    patronymic = any(part in _PATRONYMICS for part in full)
    short = tuple(part for part in short if part not in _PARTICLES)
    full = tuple(part for part in full if part not in _PARTICLES)
    if not short:
        return True
    if not full:
        return False
    if not same_given_name(short[0], full[0]):
        # The given names a person goes by, when not the first ("Lula da Silva" for "Luiz
        # Inácio Lula da Silva", "Tayyip Erdoğan"): the last ones, spelt out in full. Not
        # after "bin": "Hamad bin Khalifa Al-Thani" is the father of "Tamim bin Hamad bin
        # Khalifa Al-Thani", each emir of Qatar.
        return (
            not patronymic
            and all(len(part) > 1 for part in short)
            and short == full[-len(short) :]
        )
    middle, full_middle = short[1:], full[1:]
    if not middle:
        return True
    return len(middle) == len(full_middle) and all(
        same_given_name(a, b) for a, b in zip(middle, full_middle, strict=True)
    )


# One sound written two ways by transliterators or typists: "Qadhafi", "Gaddafi" and
# "Qaddafi"; "Ahmadinezhad" and "Ahmadinejad"; "Soekarno" (the Dutch spelling) and "Sukarno";
# "Mottley" typed "Motley". Replaced in order,
# then doubled letters are written once. Deliberately narrow: mapping "g" and "k" together
# too made "Kenya" a Genia and "Keith" a Gheit among the full UNGDC's surnames; as it is,
# ordinary words that still meet a surname ("German" / Gherman) are told apart by how often
# the corpus uses them (the question reader's rule for one-word names).
_SPELLINGS = (
    ("sch", "sh"), ("tch", "ch"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"),
    ("ph", "f"), ("ck", "k"), ("zh", "j"), ("ou", "u"), ("oe", "u"), ("oo", "u"), ("ee", "i"),
    ("q", "g"), ("y", "i"), ("w", "v"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
# Shorter words meet too many others: "Chad" / "Shad", "Sahel" / "Sahel".
SPELLING_KEY_MIN_LENGTH = 5


def spelling_key(part: str) -> str | None:
    """The key one folded name part shares with its other spellings ("gaddafi" and
    "qadhafi" -> "gadafi"); None for a part shorter than ``SPELLING_KEY_MIN_LENGTH``."""
    if len(part) < SPELLING_KEY_MIN_LENGTH:
        return None
    for written, sound in _SPELLINGS:
        part = part.replace(written, sound)
    return _DOUBLED.sub(r"\1", part)


def family_name_first(parts: tuple[str, ...]) -> tuple[str, ...]:
    """A name written family name first read in the given-names-first order the rest of the
    corpus uses: "Chiao Kuan-hua" -> ("kuan", "hua", "chiao"), as "Kuan-hua Chiao" is
    written in 1973. Unchanged for a name of one part or none."""
    return (*parts[1:], parts[0]) if parts else parts


def joined_surname(parts: tuple[str, ...]) -> tuple[str, ...]:
    """A name's last two parts read as one surname written in two words or with a hyphen:
    ("mhmoud", "ahmadi", "nejad") -> ("mhmoud", "ahmadinejad"). Unchanged for one part."""
    return (*parts[:-2], parts[-2] + parts[-1]) if len(parts) > 1 else parts
