"""The country a free question is asked of: "What did the US say about Iraq?" is the United
States speaking, Iraq the topic.

Which forms name a country is :mod:`corpus.countries`' rule; this module decides which of the
countries a question names is the one speaking, the filter: the first that fills the speaker's
place. That is after "did", "has", "according to", "by" ("What did the US say", "remarks by
China"), before a word of speech or position ("Brazil on Amazon deforestation", "Iraq's
position", "the American delegation", "Haiti wants"), or at the start of a question in the
possessive ("Argentina's historical claim"). Every other country stays a word of the search:
"Japan discharge of nuclear-contaminated water" is about Japan, said by others, and a country
named alone ("Ukraine") is what to search for.

Each test reads a bounded window beside a mention, so a question costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from corpus.countries import Country, CountryMention, CountryVocabulary
from corpus.text import fold, typed_in_lower_case

from .spans import overlaps
from .tokenize import STOPWORDS

__all__ = [
    "VIEW_WORDS",
    "country_in_question",
    "country_mentions",
    "country_words",
]

_WINDOW = 40  # characters read before a mention: the longest cue, "according to the ", fits
# Before a country: it is asked of ("did the US", "according to China", "by the French").
# Not "from": "refugees from East Pakistan" is a place.
_ASKED_OF = re.compile(
    r"\b(?:did|does|do|has|have|had|would|will|was|were|is|according\s+to|by)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# ... or its delegate is asked after: "Who spoke for Nigeria in 1970?", "Who represented China
# in 1972?" are answered by that year's speech, its citation naming the speaker. These words
# say only which country, and are cut with it (else "spoke" was searched, and Nigeria's 1970
# speech, which does not say it, matched nothing).
_SPOKE_FOR = re.compile(
    r"\b(?:(?:spoke|speaks|speaking)\s+for|represented|represents|representing)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# After a country: it speaks ("on", "said") or holds a view ("'s position", "delegation"). A
# bare "'s" is not enough inside a question: "of Japan's plan to discharge" is a topic.
_SPEAKING_WORDS = (
    "on", "said", "says", "say", "speaks", "spoke", "wants", "thinks", "stated", "argued", "urged",
)  # fmt: skip
# The words of a view are read by the typo reader too: "PRC positiion on Kashmir" named no
# country (dev, sample, one typo a question), typed right it is China's. Not the verbs, a letter
# from other words: 20,000 full-UNGDC paragraphs read "urgen" (urgent, split) as urged.
VIEW_WORDS = (
    "position", "positions", "view", "views", "stance", "delegation", "delegate", "delegates",
    "government", "representative", "representatives", "statement", "statements", "speech",
    "speeches", "remarks",
)  # fmt: skip
_SPEAKING = "|".join(_SPEAKING_WORDS)
_TITLE = r"president|(?:foreign\s+|prime\s+)?minister"
# Its delegate named before the country asked of ("What did the delegate from India say about
# Kashmir?", "the representative of Pakistan on …") is cut with it: those words say only who
# speaks (the search had kept "the delegate from").
_DELEGATE_OF = re.compile(
    r"(?:\bthe\s+)?\b(?:delegates?|delegation|representatives?|ambassador|envoy"
    rf"|{_TITLE}|government)\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(
    rf"\s*(?:(?:['’]s\s+)?(?:{'|'.join(VIEW_WORDS)}|{_TITLE})\b|(?:{_SPEAKING})\b|:)",
    re.IGNORECASE,
)
# ... unless its title is followed by a name: that describes a person, who is not the country
# speaking ("the former Venezuelan president Rómulo Betancourt", "burundi's president ndadye":
# dev, full UNGDC, both had been scoped to that country's speeches, which mourned no one).
_TITLE_THEN_WORD = re.compile(
    rf"\s*(?:['’]s\s+)?(?:former\s+|late\s+)?(?:{_TITLE})\s+([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
_SPEAKING_WORD = re.compile(rf"(?:{_SPEAKING})\b", re.IGNORECASE)
# Nothing but quotes and "the" before it: the question starts with the country.
_AT_START = re.compile(r"[\s\"'“‘]*(?:the\s+)?", re.IGNORECASE)
# "the" before a country and "'s" after it are cut with it: nothing of "the US's" is searched.
_ARTICLE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
# The possessive at the start of a question, with more to say after it.
_POSSESSIVE_THEN_WORDS = re.compile(r"['’]s?\s+[^\W\d_]")


def _before(text: str, mention: CountryMention) -> str:
    return text[max(0, mention.start - _WINDOW) : mention.start]


def _speaks(text: str, mention: CountryMention) -> bool:
    at_start = (
        mention.start <= _WINDOW
        and _AT_START.fullmatch(text, 0, mention.start)
        and _POSSESSIVE_THEN_WORDS.match(text, mention.end)
    )
    speaks_after = _SPEAKS_AFTER.match(text, mention.end) and not _names_after_title(text, mention)
    before = _before(text, mention)
    asked_of = _ASKED_OF.search(before) or _SPOKE_FOR.search(before)
    return bool(asked_of or speaks_after or at_start)


def _names_after_title(text: str, mention: CountryMention) -> bool:
    """Whether a title after the country ("president", "'s foreign minister") is followed by a
    name: a capitalised word, or in a question typed in lower case any word that is neither
    a stopword nor a word of speaking ("the venezuelan president said" is the country)."""
    title = _TITLE_THEN_WORD.match(text, mention.end)
    if title is None:
        return False
    word = title.group(1)
    if typed_in_lower_case(text):
        return fold(word) not in STOPWORDS and not _SPEAKING_WORD.fullmatch(word)
    return word[0].isupper()


def _vocabulary(source: object) -> CountryVocabulary | None:
    if isinstance(source, CountryVocabulary):
        return source
    held = getattr(source, "countries", None)
    return held if isinstance(held, CountryVocabulary) else None


def country_in_question(
    text: str,
    source: object,
    taken: list[tuple[int, int]],
    mentions: Sequence[CountryMention],
) -> Country | None:
    """The country ``text`` is asked of, of those it names (``mentions``, from
    ``country_mentions``), or None; its span is added to ``taken`` (cut from the search).
    ``source`` is the vocabulary or anything holding one (an ``Index``); a speaker registry
    has no countries, and then no question names one. Spans already ``taken`` (a date) are
    not read."""
    vocabulary = _vocabulary(source)
    if not vocabulary:
        return None
    chosen = next(
        (
            m
            for m in mentions
            if not overlaps(m.start, m.end, taken) and _speaks(text, m)
        ),
        None,
    )
    country = None if chosen is None else vocabulary.get(chosen.code)
    if chosen is None or country is None:
        return None
    before = _before(text, chosen)
    cut_before = _SPOKE_FOR.search(before) or _DELEGATE_OF.search(before) or _ARTICLE.search(before)
    start = chosen.start - len(cut_before.group()) if cut_before else chosen.start
    possessive = _POSSESSIVE.match(text, chosen.end)
    end = possessive.end() if possessive else chosen.end
    taken.append((start, end))
    return country


def country_mentions(text: str, source: object) -> list[CountryMention]:
    """Every country ``text`` names, the one asked of or not: those words are the country's,
    never a person's ("El Salvador's attack" is not Laurent Salvador Lamothe's)."""
    vocabulary = _vocabulary(source)
    return vocabulary.find_in_text(text) if vocabulary else []


def country_words(source: object) -> Mapping[str, frozenset[str]]:
    """The folded words that name countries in ``source``'s vocabulary (none without one),
    each with the codes of the countries it names (``CountryVocabulary.name_words``)."""
    vocabulary = _vocabulary(source)
    return vocabulary.name_words() if vocabulary else {}
