"""Countries and delegations: every way a person names one, read back to one country.

The vocabulary is built from the corpus' own metadata (each document's country name and ISO
code, read by :func:`corpus.metadata.document_country`) plus ``_FORMS``, a small hand-written
table of the labels, other names, short forms and demonyms people use ("US", "America",
"American"; "UK", "Britain", "British"; "PRC", "Chinese"). Only countries the corpus has are
known: on a corpus without country metadata nothing is a country.

Russia and the USSR are one country here: the UNGDC files the Soviet delegation's speeches
(1946–1991) under ``RUS``/"Russia", the Russian Federation having taken the USSR's seat, so a
separate "USSR" would filter to nothing. The Federal Republic of Germany is ``DEU`` ("West
Germany", as the corpus files it) and the German Democratic Republic ``DDR`` ("East Germany");
"Yugoslavia" is ``YUG``, which the corpus calls "Serbia and Montenegro".

Names and demonyms are compared folded (case and accents ignored); short forms ("US", "U.S.",
"PRC") only as written in capitals, so "tell us about" keeps its pronoun. An ISO code or an
all-capital corpus name ("YMD") works as a filter but is not read from a question: "CAN",
"PER" and "AND" are words there.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .metadata import document_country
from .text import fold, has_every_word, longest_from, typed_in_lower_case

__all__ = ["Country", "CountryMention", "CountryVocabulary"]


class _Forms(NamedTuple):
    label: str | None = None  # how Verbatim shows it when the corpus' own name is formal or odd
    names: tuple[str, ...] = ()  # other names, compared folded
    short: tuple[str, ...] = ()  # abbreviations, compared as written, dots ignored
    demonyms: tuple[str, ...] = ()  # their plural ("Americans") is added


_FORMS: dict[str, _Forms] = {
    "USA": _Forms("United States", ("United States", "America"), ("US", "USA"), ("American",)),
    "GBR": _Forms(
        "United Kingdom",
        ("Britain", "Great Britain", "England"),
        ("UK", "GB"),
        ("British", "Briton"),
    ),
    "CHN": _Forms(None, ("People's Republic of China",), ("PRC",), ("Chinese",)),
    "RUS": _Forms(
        None,
        ("Russian Federation", "Soviet Union", "Union of Soviet Socialist Republics"),
        ("USSR",),
        ("Russian", "Soviet"),
    ),
    "PRK": _Forms(None, ("Democratic People's Republic of Korea",), ("DPRK",), ("North Korean",)),
    "KOR": _Forms("South Korea", ("South Korea",), ("ROK",), ("South Korean",)),
    "DEU": _Forms(
        None, ("West Germany", "Federal Republic of Germany"), ("FRG",), ("German", "West German")
    ),
    "DDR": _Forms(
        "East Germany",
        ("East Germany", "German Democratic Republic"),
        ("GDR",),
        ("East German",),
    ),
    "YUG": _Forms(
        "Yugoslavia", ("Yugoslavia", "Federal Republic of Yugoslavia"), (), ("Yugoslav",)
    ),
    "YMD": _Forms("South Yemen", ("South Yemen", "People's Democratic Republic of Yemen")),
    "CSK": _Forms(None, (), (), ("Czechoslovak",)),
    "CZE": _Forms(None, ("Czech Republic",), (), ("Czech",)),
    "SVK": _Forms(None, (), (), ("Slovak",)),
    "ARE": _Forms(None, ("Emirates",), ("UAE",), ("Emirati",)),
    "COD": _Forms("DR Congo", ("DR Congo", "Democratic Republic of the Congo", "Zaire"), ("DRC",)),
    "COG": _Forms(None, ("Republic of the Congo", "Republic of Congo")),
    "CIV": _Forms("Côte d'Ivoire", ("Ivory Coast",), (), ("Ivorian",)),
    "MMR": _Forms("Myanmar", ("Myanmar", "Burma"), (), ("Burmese",)),
    "AFG": _Forms("Afghanistan", ("Afghanistan",), (), ("Afghan",)),
    "LBY": _Forms("Libya", ("Libya",), (), ("Libyan",)),
    "PHL": _Forms("Philippines", ("Philippines",), (), ("Filipino", "Philippine")),
    "LAO": _Forms("Laos", ("Laos", "Lao People's Democratic Republic"), (), ("Laotian",)),
    "VNM": _Forms(None, ("Vietnam",), (), ("Vietnamese",)),
    "SWZ": _Forms(None, ("Swaziland",)),
    "TUR": _Forms(None, ("Türkiye",), (), ("Turkish",)),
    "MKD": _Forms(None, ("Macedonia",), (), ("Macedonian",)),
    "TLS": _Forms(None, ("East Timor",)),
    "CPV": _Forms(None, ("Cape Verde",)),
    "BRN": _Forms(None, ("Brunei",)),
    "VAT": _Forms(None, ("Vatican", "Holy See")),
    "FSM": _Forms(None, ("Federated States of Micronesia",)),
    "IRN": _Forms(None, ("Islamic Republic of Iran",), (), ("Iranian",)),
    "SYR": _Forms(None, ("Syrian Arab Republic",), (), ("Syrian",)),
    "PSE": _Forms(None, ("State of Palestine",), (), ("Palestinian",)),
    "EU": _Forms(None, (), ("EU",)),
    "BRA": _Forms(None, ("Brasil",), (), ("Brazilian",)),
    "NLD": _Forms(None, ("Holland",), (), ("Dutch",)),
    "CHE": _Forms(None, (), (), ("Swiss",)),
    "FRA": _Forms(None, (), (), ("French",)),
    "ESP": _Forms(None, (), (), ("Spanish", "Spaniard")),
    "ITA": _Forms(None, (), (), ("Italian",)),
    "GRC": _Forms(None, (), (), ("Greek",)),
    "JPN": _Forms(None, (), (), ("Japanese",)),
    "IND": _Forms(None, (), (), ("Indian",)),
    "PAK": _Forms(None, (), (), ("Pakistani",)),
    "IRQ": _Forms(None, (), (), ("Iraqi",)),
    "ISR": _Forms(None, (), (), ("Israeli",)),
    "EGY": _Forms(None, (), (), ("Egyptian",)),
    "SAU": _Forms(None, ("Saudi",), (), ("Saudi",)),
    "UKR": _Forms(None, (), (), ("Ukrainian",)),
    "POL": _Forms(None, (), (), ("Polish",)),
    "CUB": _Forms(None, (), (), ("Cuban",)),
    "MEX": _Forms(None, (), (), ("Mexican",)),
    "CAN": _Forms(None, (), (), ("Canadian",)),
    "AUS": _Forms(None, (), (), ("Australian",)),
    "ARG": _Forms(None, (), (), ("Argentine", "Argentinian")),
    "ZAF": _Forms(None, (), (), ("South African",)),
    "NGA": _Forms(None, (), (), ("Nigerian",)),
    "KEN": _Forms(None, (), (), ("Kenyan",)),
    "ETH": _Forms(None, (), (), ("Ethiopian",)),
    "SWE": _Forms(None, (), (), ("Swedish", "Swede")),
    "NOR": _Forms(None, (), (), ("Norwegian",)),
    "DNK": _Forms(None, (), (), ("Danish",)),
    "IRL": _Forms(None, (), (), ("Irish",)),
    "PRT": _Forms(None, (), (), ("Portuguese",)),
    "BEL": _Forms(None, (), (), ("Belgian",)),
    "AUT": _Forms(None, (), (), ("Austrian",)),
    "HUN": _Forms(None, (), (), ("Hungarian",)),
    "BGD": _Forms(None, (), (), ("Bangladeshi",)),
    "IDN": _Forms(None, (), (), ("Indonesian",)),
    "SDN": _Forms(None, (), (), ("Sudanese",)),
    "SSD": _Forms(None, (), (), ("South Sudanese",)),
    "CHL": _Forms(None, (), (), ("Chilean",)),
    "VEN": _Forms(None, (), (), ("Venezuelan",)),
    "COL": _Forms(None, (), (), ("Colombian",)),
    "KWT": _Forms(None, (), (), ("Kuwaiti",)),
    "LBN": _Forms(None, (), (), ("Lebanese",)),
    "JOR": _Forms(None, (), (), ("Jordanian",)),
    "SRB": _Forms(None, (), (), ("Serbian",)),
    "HRV": _Forms(None, (), (), ("Croatian",)),
    "BIH": _Forms(None, ("Bosnia",), (), ("Bosnian",)),
    "ALB": _Forms(None, (), (), ("Albanian",)),
    # The names these members spoke under before the UNGDC's, one seat each: "What did Ceylon
    # say" read no country and "Upper Volta" a speaker. Not Rhodesia or the Gold Coast,
    # never members, nor Taiwan, whose seat was China's until 1971.
    "LKA": _Forms(None, ("Ceylon",), (), ("Sri Lankan", "Ceylonese")),
    "KHM": _Forms(None, ("Kampuchea", "Democratic Kampuchea"), (), ("Cambodian",)),
    "BFA": _Forms(None, ("Upper Volta",), (), ("Burkinabe",)),
    "BEN": _Forms(None, ("Dahomey",), (), ("Beninese",)),
    "BLR": _Forms(
        None, ("Byelorussia", "Byelorussian SSR", "Belorussia"), (), ("Belarusian", "Byelorussian")
    ),
    "THA": _Forms(None, ("Siam",), (), ("Thai",)),
    "TZA": _Forms(None, ("Tanganyika",), (), ("Tanzanian",)),
}

# Capitals, and seats of government, that news writing makes speak for their governments ("What
# did Moscow say about Chechnya?", "Beijing's position on Tibet"): read as the country where a
# country would be asked of, else searched as words like any country's name ("the Cairo
# conference"). Only those that are no other country's name, no common given name and, in the
# Cold War, one country's alone (not Berlin, nor Jerusalem).
_CAPITALS: dict[str, tuple[str, ...]] = {
    "USA": ("Washington",),
    "RUS": ("Moscow", "Kremlin"),
    "CHN": ("Beijing", "Peking"),
    "GBR": ("London", "Whitehall"),
    "FRA": ("Paris",),
    "DEU": ("Bonn",),
    "JPN": ("Tokyo",),
    "IRN": ("Tehran", "Teheran"),
    "TUR": ("Ankara",),
    "UKR": ("Kyiv", "Kiev"),
    "PRK": ("Pyongyang",),
    "KOR": ("Seoul",),
    "IND": ("New Delhi",),
    "PAK": ("Islamabad",),
    "SYR": ("Damascus",),
    "SAU": ("Riyadh",),
    "EGY": ("Cairo",),
    "IRQ": ("Baghdad",),
    "AFG": ("Kabul",),
    "CUB": ("Havana",),
    "VEN": ("Caracas",),
    "ZAF": ("Pretoria",),
    "CAN": ("Ottawa",),
    "AUS": ("Canberra",),
    "BRA": ("Brasilia",),
    "VNM": ("Hanoi",),
    "POL": ("Warsaw",),
    "HUN": ("Budapest",),
    "ETH": ("Addis Ababa",),
    "NGA": ("Abuja",),
    "KEN": ("Nairobi",),
    "IDN": ("Jakarta",),
}

# Phrases that hold a country's name or demonym and name no country: the longest match wins,
# so "Latin American" is not the United States, "Lake Chad" not Chad and "one-China" (a policy)
# not China. "Korea(n)" alone could be either Korea, so it is neither.
_NOT_COUNTRIES = (
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "Central America",
    "Central American",
    "North America",
    "North American",
    "Americas",
    "Lake Chad",
    "Korea",
    "Korean",
    "Korean Peninsula",
    "Indian Ocean",
    "Gulf of Guinea",
    "Jordan River",
    "Jordan Valley",
    "Congo Basin",
    "One China",
    "South China Sea",
    "East Pakistan",
    "West Pakistan",
)


def _forms(code: str) -> _Forms:
    """``_FORMS``' entry for ``code``, its capital (``_CAPITALS``) among its other names."""
    forms = _FORMS.get(code, _Forms())
    return forms._replace(names=(*forms.names, *_CAPITALS.get(code, ())))


_WORD = re.compile(r"\w+")
# A short form as written: two to five capitals, dots between them allowed ("U.S.", "USSR").
_SHORT = re.compile(r"(?<![\w.])[A-Z](?:\.?[A-Z]){1,4}\.?(?!\w)")
# Short forms that are also words, read as a country only where case tells them apart: in a
# question typed in capitals, "US" is as likely "us".
_ALSO_WORDS = frozenset({"US"})
# The same in a text typed in lower case ("the uk"), where capitals tell nothing.
_SHORT_LOWER = re.compile(r"(?<![\w.])[a-z](?:\.?[a-z]){1,4}\.?(?!\w)")
_MAX_TYPED = 100  # a typed filter longer than any country's name is cut here


@dataclass(frozen=True)
class Country:
    """A country or delegation of the corpus: its code and names."""

    code: str  # the corpus' ISO code ("USA"), or its name when it has none
    name: str  # as the corpus' metadata writes it ("United States of America")
    label: str  # as Verbatim shows it ("United States")
    forms: tuple[str, ...]  # every other name, short form and demonym


class CountryMention(NamedTuple):
    """A country named in a text: where, and which (``code``)."""

    start: int
    end: int
    code: str


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def _short_key(written: str) -> str:
    return written.replace(".", "")


class CountryVocabulary:
    """The countries of a corpus and every form that names one; see the module docstring."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        """``pairs``: (name, code) per document, as ``document_country`` reads them."""
        names: dict[str, Counter[str]] = {}
        self.documents: Counter[str] = Counter()  # documents per code
        for (name, code), count in Counter(pairs).items():
            names.setdefault(code, Counter())[name] += count
            self.documents[code] += count
        self._countries: dict[str, Country] = {}
        labels: set[str] = set()
        for code, written in names.items():
            name = written.most_common(1)[0][0]
            forms = _forms(code)
            label = forms.label or name
            if fold(label) in labels:
                label = f"{label} ({code})"
            labels.add(fold(label))
            demonyms = tuple(f for d in forms.demonyms for f in (d, d + "s"))
            every = (label, *written, *forms.names, *forms.short, *demonyms)
            others = tuple(dict.fromkeys(f for f in every if f != label))
            self._countries[code] = Country(code, name, label, others)
        self._build_tables(names)

    @classmethod
    def of_documents(cls, extras: Iterable[Mapping[str, str]]) -> CountryVocabulary:
        """The vocabulary of documents' extra metadata (see ``document_country``)."""
        return cls(pair for pair in map(document_country, extras) if pair is not None)

    def _build_tables(self, names: Mapping[str, Counter[str]]) -> None:
        # Folded word tuples of names and demonyms -> code (None: not a country, or two).
        in_text: dict[tuple[str, ...], set[str]] = {}
        short: dict[str, set[str]] = {}
        typed: dict[str, set[str]] = {}
        for code, country in self._countries.items():
            forms = _forms(code)
            for form in (country.label, country.name, *country.forms):
                typed.setdefault(fold(_short_key(form)), set()).add(code)
            typed.setdefault(fold(code), set()).add(code)
            for form in (*forms.short, *(n for n in names[code] if n.isupper())):
                short.setdefault(_short_key(form), set()).add(code)
            readable = (country.label, *names[code], *forms.names, *forms.demonyms)
            for form in readable:
                if not form.isupper():
                    words = _words(form)
                    in_text.setdefault(words, set()).add(code)
                    if form in forms.demonyms:
                        in_text.setdefault((*words[:-1], words[-1] + "s"), set()).add(code)
        for phrase in _NOT_COUNTRIES:
            in_text[_words(phrase)] = set()
        self._in_text = {k: _one(v) for k, v in in_text.items() if k}
        word_codes: dict[str, set[str]] = {}
        for words, codes in in_text.items():
            for word in words:
                if len(word) >= 4:
                    word_codes.setdefault(word, set()).update(codes)
        self._word_codes = {word: frozenset(codes) for word, codes in word_codes.items()}
        self._short = {k: _one(v) for k, v in short.items()}
        self._typed = {k: _one(v) for k, v in typed.items() if k}
        self._ambiguous = {k: sorted(v) for k, v in typed.items() if len(v) > 1}
        # find_in_text looks up only the runs from a word a name begins with (a tuple for
        # every run up to the longest name made it 18.2 µs for a bench question, now 12.0).
        self._longest_from = longest_from(self._in_text)

    def name_words(self) -> Mapping[str, frozenset[str]]:
        """The folded words of four letters or more of every name and demonym read in text
        ("china", "chinese", "kenya", "americans"), each with the codes of the countries whose
        names hold it ("argentine" and "argentina" one, "united" many, "new" none of its own)."""
        return self._word_codes

    def __len__(self) -> int:
        return len(self._countries)

    def __bool__(self) -> bool:
        return bool(self._countries)

    def all(self) -> list[Country]:
        """Every country, by label."""
        return sorted(self._countries.values(), key=lambda c: fold(c.label))

    def get(self, code: str) -> Country | None:
        return self._countries.get(code)

    def canonical(self, typed: str) -> Country | None:
        """The country a typed name, code, short form or demonym names exactly, else None."""
        key = fold(_short_key(" ".join(typed[:_MAX_TYPED].split())))
        code = self._typed.get(key)
        return None if code is None else self._countries[code]

    def matching(self, typed: str) -> list[Country]:
        """Countries one of whose names holds every typed word (folded), by label, the one
        it names exactly first ("us" is the United States before Belarus); every country when
        nothing is typed."""
        words = fold(typed[:_MAX_TYPED]).split()
        exact = self.canonical(typed)
        found = [
            country
            for country in self.all()
            if country is not exact
            and any(
                has_every_word(words, fold(form))
                for form in (country.label, country.code, *country.forms)
            )
        ]
        return found if exact is None else [exact, *found]

    def resolve(self, typed: str) -> tuple[Country | None, list[str]]:
        """The country for a typed filter and no suggestions, else None and up to five labels
        to suggest (possibly none). Any name, code, short form or demonym works, and so does
        part of a name that fits one country only ("Bosnia")."""
        country = self.canonical(typed)
        if country is not None:
            return country, []
        key = fold(_short_key(" ".join(typed[:_MAX_TYPED].split())))
        if not key:
            return None, []
        if key in self._ambiguous:
            return None, [self._countries[c].label for c in self._ambiguous[key]][:5]
        candidates = self.matching(typed)
        if len(candidates) == 1:
            return candidates[0], []
        close = difflib.get_close_matches(key, list(self._typed), n=10, cutoff=0.7)
        suggested = [c.label for c in candidates[:3]]
        suggested += [self._countries[c].label for m in close if (c := self._typed[m])]
        return None, list(dict.fromkeys(suggested))[:5]

    def find_in_text(self, text: str) -> list[CountryMention]:
        """Countries named in ``text``, left to right: names and demonyms as whole words (the
        longest match winning, "Latin American" naming none), short forms in capitals. A
        dict lookup per word n-gram from a word some name begins with, up to the longest such
        name's length: linear in ``text``."""
        if not self._countries:
            return []
        found: list[CountryMention] = []
        shouted = not any(ch.islower() for ch in text)
        for match in _SHORT.finditer(text):
            key = _short_key(match.group())
            code = self._short.get(key)
            if code is not None and not (shouted and key in _ALSO_WORDS):
                found.append(CountryMention(match.start(), match.end(), code))
        if typed_in_lower_case(text):
            # "the uk", "the us": a short form that is also a word only after "the".
            for match in _SHORT_LOWER.finditer(text):
                key = _short_key(match.group()).upper()
                code = self._short.get(key)
                after_the = text[: match.start()].endswith("the ")
                if code is not None and (key not in _ALSO_WORDS or after_the):
                    found.append(CountryMention(match.start(), match.end(), code))
        taken = {i for m in found for i in range(m.start, m.end)}
        words = list(_WORD.finditer(text))
        folded = [fold(w.group()) for w in words]
        position = 0
        while position < len(words):
            longest = self._longest_from.get(folded[position], 0)
            for length in range(min(longest, len(words) - position), 0, -1):
                run = tuple(folded[position : position + length])
                if run not in self._in_text:
                    continue
                code = self._in_text[run]
                start, end = words[position].start(), words[position + length - 1].end()
                if code is not None and start not in taken and end - 1 not in taken:
                    found.append(CountryMention(start, end, code))
                position += length
                break
            else:
                position += 1
        return sorted(found)


def _one(codes: set[str]) -> str | None:
    """The code when a form names one country; None for none or several."""
    return next(iter(codes)) if len(codes) == 1 else None
