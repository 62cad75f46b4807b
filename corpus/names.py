"""Personal names: titles and honorifics stripped, the bare name kept."""

from __future__ import annotations

import re

from .text import fold

__all__ = ["HONORIFIC_RE", "TITLE_WORDS", "is_title_word", "name_tokens", "strip_honorifics"]

# Words that make up titles, offices and institutions in front of a name ("State Councilor and
# Minister of Foreign Affairs Wang Yi", "President of the 77th Session of the United Nations
# General Assembly Csaba Kőrösi"). Folded. A name is what follows the last of them.
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "minister",
        "ministers",
        "prime",
        "premier",
        "foreign",
        "affairs",
        "state",
        "councilor",
        "councillor",
        "secretary",
        "secretary-general",
        "general",
        "deputy",
        "assistant",
        "under-secretary",
        "undersecretary",
        "ambassador",
        "envoy",
        "special",
        "representative",
        "permanent",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "director",
        "director-general",
        "head",
        "chief",
        "commissioner",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "sultan",
        "emir",
        "sheikh",
        "his",
        "her",
        "excellency",
        "majesty",
        "highness",
        "royal",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "miss",
        "mme",
        "madame",
        "sir",
        "lord",
        "lady",
        "h.e.",
        "he.",
        "professor",
        "prof",
        "prof.",
        "senator",
        "governor",
        "mayor",
        "chancellor",
        "delegate",
        "delegation",
        "leader",
        "leaders",
        "member",
        "members",
        "assembly",
        "session",
        "council",
        "nations",
        "united",
        "security",
        "organization",
        "organisation",
        "ministry",
        "committee",
        "commission",
        "union",
        "republic",
        "people's",
        "peoples",
        "office",
        "department",
        "government",
        "party",
        "central",
        "cpc",
        "communist",
        "national",
        "congress",
        "standing",
        "federal",
        "democratic",
        "kingdom",
        "states",
        "chinese",
        "american",
        "russian",
        "british",
        "french",
        "german",
        "japanese",
        "indian",
        "korean",
        "vietnamese",
        "african",
        "european",
        "asian",
        "arab",
        "israeli",
        "palestinian",
        "iranian",
        "turkish",
        "ukrainian",
        "un",
        "u.n.",
        "unsc",
        "unga",
        "eu",
        "asean",
        "brics",
        "sco",
        "who",
        "wto",
        "imf",
        "nato",
        "g20",
        "g7",
        "the",
        "of",
        "and",
        "for",
        "to",
        "on",
        "in",
        "at",
        "by",
        "with",
        "news",
        "service",
        "xinhua",
        "agency",
    ]
)

HONORIFIC_RE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Mme|Dr|Messrs|H\.\s?E)\.?|Miss|Mister|Madame|Madam|"
    r"(?:His|Her)\s+(?:Excellency|Majesty|Royal\s+Highness|Highness)|Excellency)\s+",
    re.IGNORECASE,
)


def strip_honorifics(name: str) -> str:
    """ "Mr. Arce" -> "Arce", "H.E. Mr. Wang Yi" -> "Wang Yi"; unchanged when nothing is left."""
    stripped = " ".join(name.split())
    while True:
        shorter = HONORIFIC_RE.sub("", stripped, count=1)
        if shorter == stripped or not shorter.strip():
            return stripped
        stripped = shorter.strip()


def is_title_word(token: str) -> bool:
    return fold(token).strip("’'") in TITLE_WORDS


def name_tokens(name: str) -> list[str]:
    return name.split()
