"""Countries: the metadata columns that declare one, and the vocabulary that reads every form
of a country (names, ISO codes, short forms, demonyms) back to it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corpus.countries import CountryVocabulary
from corpus.loader import load_corpus
from corpus.metadata import document_country
from tests.linear import statement_seconds


@pytest.fixture(scope="module")
def ungdc(shared_dir: Path) -> CountryVocabulary:
    """The vocabulary of the UNGDC sample's own metadata table (192 countries)."""
    table = shared_dir / "corpora" / "ungdc" / "sample" / "metadata.csv"
    with table.open(encoding="utf-8") as rows:
        return CountryVocabulary.of_documents(list(csv.DictReader(rows)))


def codes(vocabulary: CountryVocabulary, text: str) -> list[str]:
    return [mention.code for mention in vocabulary.find_in_text(text)]


def test_a_metadata_table_declares_countries_by_its_column_names(tmp_path: Path) -> None:
    (tmp_path / "metadata.csv").write_text(
        "path,title,country,iso\na.txt,A,United States of America,USA\n"
        "b.txt,B,Kenya,\nc.txt,C,,\n",
        encoding="utf-8",
    )
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.\n", encoding="utf-8")
    extras = {d.path: d.extra for d in load_corpus([tmp_path]).documents}

    assert document_country(extras["a.txt"]) == ("United States of America", "USA")
    assert document_country(extras["b.txt"]) == ("Kenya", "Kenya")  # no code: the name is it
    assert document_country(extras["c.txt"]) is None
    # Other spellings of the columns a corpus of delegations may use.
    assert document_country({"delegation": "Holy See", "iso3": "VAT"}) == ("Holy See", "VAT")
    assert document_country({"country_code": "FRA"}) == ("FRA", "FRA")


def test_every_usual_form_names_its_country(ungdc: CountryVocabulary) -> None:
    forms = {
        "USA": ("US", "USA", "U.S.", "u.s.a.", "United States", "America", "American", "usa"),
        "GBR": ("UK", "U.K.", "Britain", "Great Britain", "British", "United Kingdom", "gbr"),
        "CHN": ("PRC", "China", "Chinese", "People's Republic of China"),
        "RUS": ("Russia", "Russian Federation", "USSR", "Soviet Union", "Soviet", "Soviets"),
        "PRK": ("DPRK", "North Korea", "North Korean"),
        "KOR": ("South Korea", "Republic of Korea", "ROK"),
        "GRC": ("Greece", "Greek", "Greeks"),
        "CIV": ("Ivory Coast", "Côte d'Ivoire", "cote d'ivoire"),
    }
    for code, names in forms.items():
        for name in names:
            country = ungdc.canonical(name)
            assert country is not None and country.code == code, name
    usa = ungdc.get("USA")
    assert usa is not None
    assert usa.label == "United States"  # shown as people say it,
    assert usa.name == "United States of America"  # filed as the corpus does


def test_a_member_is_named_by_the_name_it_spoke_under_before(ungdc: CountryVocabulary) -> None:
    before = {
        "LKA": "Ceylon",
        "KHM": "Kampuchea",
        "BFA": "Upper Volta",
        "BEN": "Dahomey",
        "BLR": "Byelorussian SSR",
        "THA": "Siam",
        "TZA": "Tanganyika",
    }
    for code, name in before.items():
        assert codes(ungdc, f"What did {name} say about disarmament?") == [code], name
    assert codes(ungdc, "What did the Byelorussians and the Thais say?") == ["BLR", "THA"]


def test_a_capital_names_its_country(ungdc: CountryVocabulary) -> None:
    capitals = {"RUS": "Moscow", "CHN": "Peking", "USA": "Washington", "UKR": "Kiev"}
    for code, capital in capitals.items():
        assert codes(ungdc, f"What did {capital} say about disarmament?") == [code], capital
        country = ungdc.canonical(capital)
        assert country is not None and country.code == code, capital
    assert codes(ungdc, "What did the Kremlin say?") == ["RUS"]
    assert codes(ungdc, "the fall of the Berlin Wall") == []  # Berlin was two countries'


def test_the_ussr_is_filed_with_russia(ungdc: CountryVocabulary) -> None:
    # The UNGDC files the Soviet delegation under RUS: a separate USSR would filter to nothing.
    assert codes(ungdc, "What did the Soviets say about the USSR?") == ["RUS", "RUS"]


def test_a_typed_country_resolves_or_is_answered_with_close_ones(
    ungdc: CountryVocabulary,
) -> None:
    bosnia, none = ungdc.resolve("bosnia")  # part of one country's name
    assert bosnia is not None and bosnia.code == "BIH" and none == []
    nobody, close = ungdc.resolve("united")
    assert nobody is None
    assert {"United States", "United Kingdom", "United Arab Emirates"} <= set(close)
    nowhere, misspelt = ungdc.resolve("Brazill")
    assert nowhere is None and "Brazil" in misspelt
    assert ungdc.resolve("") == (None, [])


def test_short_forms_count_only_in_capitals(ungdc: CountryVocabulary) -> None:
    assert codes(ungdc, "What did the US say about Iraq?") == ["USA", "IRQ"]
    assert codes(ungdc, "What did the U.S. say?") == ["USA"]
    assert codes(ungdc, "Tell us about Iraq") == ["IRQ"]
    assert codes(ungdc, "Us and them") == []
    # In a question typed in capitals, "US" may be "us".
    assert codes(ungdc, "TELL US ABOUT IRAQ") == ["IRQ"]
    # Typed in lower case, a short form counts where it is no word, and "us" after "the".
    assert codes(ungdc, "what did the uk say about iraq") == ["GBR", "IRQ"]
    assert codes(ungdc, "what did the us say about the ussr") == ["USA", "RUS"]
    assert codes(ungdc, "tell us about iraq") == ["IRQ"]
    assert codes(ungdc, "What did the uk say?") == []  # capitals elsewhere: case tells
    # ISO codes are filters, not words of a question: "CAN", "PER" and "AND" are words there.
    assert codes(ungdc, "CAN the UN act AND PER capita aid") == []


def test_the_longest_match_wins_and_some_phrases_name_no_country(
    ungdc: CountryVocabulary,
) -> None:
    assert codes(ungdc, "South Sudan and Sudan") == ["SSD", "SDN"]
    assert codes(ungdc, "the North Korean and South Korean delegations") == ["PRK", "KOR"]
    assert codes(ungdc, "the Korean peninsula and Latin American debt") == []
    assert codes(ungdc, "Chad on the shrinking of Lake Chad") == ["TCD"]
    assert codes(ungdc, "the one-China policy in the South China Sea") == []
    mention = ungdc.find_in_text("Was it Britain's view?")[0]
    assert (mention.start, mention.end) == (7, 14)


def test_each_word_of_a_name_knows_the_countries_it_names(ungdc: CountryVocabulary) -> None:
    words = ungdc.name_words()
    assert words["argentina"] == words["argentine"] == {"ARG"}  # a name and its demonym
    assert words["brazil"] == words["brasil"] == {"BRA"}
    assert {"USA", "GBR", "ARE"} <= words["united"]  # a word of several names
    assert "chad" in words and "the" not in words and "usa" not in words  # four letters on


def test_a_corpus_without_country_metadata_has_no_countries() -> None:
    seeds = CountryVocabulary.of_documents(d.extra for d in load_corpus(None).documents)
    assert not seeds
    assert seeds.find_in_text("What did China say?") == []
    assert seeds.resolve("China") == (None, [])


def test_reading_countries_in_a_long_text_is_linear(shared_dir: Path) -> None:
    table = shared_dir / "corpora" / "ungdc" / "sample" / "metadata.csv"
    seconds = statement_seconds(
        "import csv\n"
        "from corpus.countries import CountryVocabulary\n"
        f"rows = csv.DictReader(open({str(table)!r}, encoding='utf-8'))\n"
        "v = CountryVocabulary.of_documents(list(rows))\n"
        "text = 'the People of the United Republic of the US U.S.A. ' * 20_000",
        "assert v.find_in_text(text)",
        timeout=60,
    )
    assert seconds < 10
