"""Reported speech, collective speakers, mentions, and the speaker registry."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from corpus import cli
from corpus.attribution import DocumentNames, attribute
from corpus.clean import BadInput
from corpus.loader import load_corpus
from corpus.models import Speaker
from corpus.names import (
    family_name_first,
    fits,
    joined_surname,
    name_parts,
    spelling_key,
    strip_honorifics,
)
from corpus.parse import SourceFields, parse_document
from corpus.speakers import (
    NameEvidence,
    SpeakerRegistry,
    Variants,
    group_variants,
    listed,
    read_speakers_yaml,
)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Qin Gang said that the world is changing.", "Qin Gang"),
        (
            "State Councilor and Minister of Foreign Affairs Wang Yi said that peace matters.",
            "Wang Yi",
        ),
        ("Chinese Foreign Minister Qin Gang stressed the point.", "Qin Gang"),
        ("Wang Yi pointed out that the UN is central.", "Wang Yi"),
        ("Wang Yi also added that cooperation is key.", "Wang Yi"),
        ("Wang Yi made a concluding speech, saying that all went well.", "Wang Yi"),
        (
            "Noting that the Assembly is universal, Qin Gang said that China supports it.",
            "Qin Gang",
        ),
        ('"We will keep going," said Antonio Guterres.', "Antonio Guterres"),
        ("Secretary-General Antonio Guterres warned that time is short.", "Antonio Guterres"),
        ("Ursula von der Leyen noted the progress.", "Ursula von der Leyen"),
    ],
)
def test_reported_speech(text: str, speaker: str) -> None:
    assert attribute(text, DocumentNames()).speakers == (speaker,)


@pytest.mark.parametrize(
    "text",
    [
        "China believes that multilateralism is the way.",  # a country, not a person
        "The UN should uphold inclusiveness.",
        "Chinese President Xi Jinping attended the meeting.",
        "Wang Yi said that President Xi Jinping stressed it.",
        "Saudi Arabia said it would attend.",
    ],
)
def test_not_a_new_speaker(text: str) -> None:
    speakers = attribute(text, DocumentNames()).speakers
    assert "Xi Jinping" not in speakers and "China" not in speakers
    assert "Saudi Arabia" not in speakers


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Participants generally believed that the meeting was timely.", "participants"),
        ("On the water plan, both sides stressed the need to act.", "both sides"),
        ("The two sides agreed to meet again.", "both sides"),
        ("Both leaders expressed satisfaction.", "both leaders"),
    ],
)
def test_collective_speakers(text: str, label: str) -> None:
    found = attribute(text, DocumentNames())
    assert found.collective == (label,)
    assert found.speakers == ()


def test_mentions_are_not_speakers() -> None:
    found = attribute(
        "Wang Yi pointed out that Chinese President Xi Jinping attended the meetings.",
        DocumentNames(),
    )
    assert found.speakers == ("Wang Yi",)
    assert found.mentions == ("Xi Jinping",)


def test_bare_surname_resolves_to_the_full_name_seen_in_the_document() -> None:
    names = DocumentNames()
    first = attribute(
        "Foreign Minister Qin Gang met President of the Assembly Csaba Kőrösi.", names
    )
    assert first.mentions == ("Qin Gang", "Csaba Kőrösi")
    assert attribute("Kőrösi noted that China matters.", names).speakers == ("Csaba Kőrösi",)
    assert names.short_forms == {"Csaba Kőrösi": {"Kőrösi"}}
    # Unknown one-word names are not speakers.
    assert attribute("Smith said so.", DocumentNames()).speakers == ()


def test_continuations_inherit_and_narration_does_not() -> None:
    text = (
        "Wang Yi said that the world is changing. China advocates:\n\n"
        "We must cooperate, not play zero-sum games.\n\n"
        "He added that the UN is central.\n\n"
        "The two sides also held talks on trade.\n\n"
        "Trade grew fast last year."
    )
    parsed = parse_document(text, SourceFields(), aliases={})
    assert [p.speakers for p in parsed.paragraphs] == [
        ("Wang Yi",),
        ("Wang Yi",),
        ("Wang Yi",),
        (),
        (),
    ]
    assert parsed.paragraphs[3].collective == ()  # "held talks": narration, not speech


def test_metadata_speakers_speak_every_paragraph() -> None:
    text = "Mr. President,\n\nWe thank the Secretary-General Antonio Guterres.\n\nIt is done.\n"
    parsed = parse_document(text, SourceFields(speakers=("Luis Arce",)), aliases={})
    assert all(p.speakers == ("Luis Arce",) for p in parsed.paragraphs)
    assert parsed.paragraphs[1].mentions == ("Antonio Guterres",)


def test_aliases_from_speakers_yaml_apply_in_text() -> None:
    aliases = {"bozkor": "Volkan Bozkır", "volkan bozkır": "Volkan Bozkır"}
    parsed = parse_document(
        "Bozkor said that the Assembly will meet.\n\nThe Assembly met.",
        SourceFields(),
        aliases=aliases,
    )
    assert parsed.paragraphs[0].speakers == ("Volkan Bozkır",)


def test_strip_honorifics() -> None:
    assert strip_honorifics("Mr. Arce") == "Arce"
    assert strip_honorifics("H.E. Mr. Wang Yi") == "Wang Yi"
    assert strip_honorifics("His Excellency Luis Arce") == "Luis Arce"
    assert strip_honorifics("Mr.") == "Mr."
    assert strip_honorifics("Mir. GROMYKO") == "GROMYKO"  # a slip of "Mr."
    assert strip_honorifics("Mir Hussain") == "Mir Hussain"  # a name


@pytest.fixture
def registry() -> SpeakerRegistry:
    return SpeakerRegistry(
        [
            Speaker(name="Csaba Kőrösi", aliases=("Kőrösi",), paragraph_count=1),
            Speaker(name="Wang Yi", paragraph_count=9),
            Speaker(name="Volkan Bozkır", aliases=("Bozkor",), role="PGA 75"),
            Speaker(name="Arce", aliases=("Mr. Arce",), paragraph_count=3),
            Speaker(name="participants", kind="collective", paragraph_count=1),
        ]
    )


def test_registry_lookups(registry: SpeakerRegistry) -> None:
    assert registry.canonical("korosi") == "Csaba Kőrösi"
    assert registry.canonical("CSABA KOROSI") == "Csaba Kőrösi"
    assert registry.canonical("bozkor") == "Volkan Bozkır"
    assert registry.canonical("Mr. Arce") == "Arce"
    assert registry.canonical("Mr.  Arce") == "Arce"
    assert registry.canonical("nobody") is None
    assert registry.get("bozkor").role == "PGA 75"  # type: ignore[union-attr]
    assert [s.name for s in registry.all()][:3] == ["Wang Yi", "Arce", "Csaba Kőrösi"]
    assert registry.suggest("Wang Yii") == ["Wang Yi"]
    assert registry.suggest("Korosy")[0] == "Csaba Kőrösi"


def test_registry_rebuilds_from_json(registry: SpeakerRegistry) -> None:
    dumped = [s.model_dump(mode="json") for s in registry.all()]
    rebuilt = SpeakerRegistry(Speaker.model_validate(s) for s in dumped)
    assert rebuilt.all() == registry.all()
    assert rebuilt.canonical("korosi") == "Csaba Kőrösi"


def test_find_in_text(registry: SpeakerRegistry) -> None:
    text = "What did Kőrösi and wang yi say, and did Csaba Korosi agree with participants?"
    spans = registry.find_in_text(text)
    assert [(text[s:e], name) for s, e, name in spans] == [
        ("Kőrösi", "Csaba Kőrösi"),
        ("wang yi", "Wang Yi"),
        ("Csaba Korosi", "Csaba Kőrösi"),
    ]
    assert registry.find_in_text("wangyi Arcева") == []
    assert registry.find_in_text("Straße Arce") == [(7, 11, "Arce")]


def test_read_speakers_yaml(tmp_path: Path) -> None:
    good = tmp_path / "speakers.yaml"
    good.write_text(
        "Volkan Bozkır:\n  aliases: [Bozkor, Bozkir]\n  role: President of the 75th Session\n"
        "Wang Yi: [Wang]\n",
        encoding="utf-8",
    )
    speakers = read_speakers_yaml(good)
    assert speakers[0] == Speaker(
        name="Volkan Bozkır", aliases=("Bozkor", "Bozkir"), role="President of the 75th Session"
    )
    assert speakers[1].aliases == ("Wang",)
    # One alias needs no list, a name needs nothing, and a kind of speaker may be given.
    kinds = tmp_path / "kinds.yaml"
    kinds.write_text(
        "Qin Gang: Qin\nCsaba Kőrösi:\nparticipants: {kind: collective, aliases: attendees}\n"
        "Wang Yi: {kind: person}\n",
        encoding="utf-8",
    )
    assert read_speakers_yaml(kinds) == [
        Speaker(name="Qin Gang", aliases=("Qin",)),
        Speaker(name="Csaba Kőrösi"),
        Speaker(name="participants", aliases=("attendees",), kind="collective"),
        Speaker(name="Wang Yi"),
    ]
    for entry, why in (
        ("{kind: [collective]}", "the kind of 'Wang Yi' must be text, not a list"),
        ("{role: {a: b}}", "the role of 'Wang Yi' must be text, not a mapping"),
        ("{aliases: [[Wang]]}", "an alias of 'Wang Yi' must be text, not a list"),
        ("[[Wang]]", "an alias of 'Wang Yi' must be text, not a list"),
    ):
        kinds.write_text(f"Wang Yi: {entry}\n", encoding="utf-8")
        with pytest.raises(BadInput) as raised:
            read_speakers_yaml(kinds)
        assert str(raised.value) == f"speakers.yaml: {why}"
    kinds.write_text("null: [Wang]\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"^speakers\.yaml: a speaker's name must be text"):
        read_speakers_yaml(kinds)
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"unreadable speakers\.yaml"):
        read_speakers_yaml(bad)


# ---------------------------------------------------------------------------------------------
# Speakers are people: written names of one person merge, a typed name names people


def test_name_parts_drop_case_punctuation_titles_and_suffixes() -> None:
    assert name_parts("Mr. George W. Bush, Jr.") == ("george", "w", "bush")
    assert name_parts("GEORGE  BUSH") == name_parts("President George Bush") == ("george", "bush")
    assert name_parts("Seán O'Brien") == name_parts("Sean O’Brien") == ("sean", "obrien")
    assert name_parts("Sardar Swaran SINGH") == ("swaran", "singh")
    # "Pandit Nehru" is Nehru; Mrs. Pandit, a delegate of India, keeps her name.
    assert name_parts("Pandit Nehru") == ("nehru",) and name_parts("Mrs. PANDIT") == ("pandit",)
    assert name_parts("H.E. Mr. Wang Yi") == ("wang", "yi")


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Bush", "George W. Bush", True),
        ("George Bush", "George W. Bush", True),  # a missing middle initial fits
        ("George W. Bush", "George H. W. Bush", False),  # different middle names
        ("Joe Biden", "Joseph R. Biden, Jr", True),  # a short form of the given name
        ("J. R. Biden", "Joseph Robinette Biden", True),  # initials
        ("Sergei Lavrov", "Sergey Lavrov", True),  # a transliteration of the given name
        ("Jill Biden", "Joseph R. Biden", False),
        ("George Bush", "Laura Bush", False),
        ("Bush", "George Bushe", False),  # the surname is compared whole
        ("Raul Castro", "Raúl Castro Ruz", True),  # the first of two surnames
        ("Castro", "Raúl Castro Ruz", False),  # ... with a given name only
        ("Iris Castro", "Iris Xiomara Castro Sarmiento", True),
        ("Al-Sabah", "Al-Jaber Al-Sabah", True),  # "al" is a particle, not a given name
        ("Al-Salem Al-Sabah", "Al-Jaber Al-Sabah", False),
        ("Lula da Silva", "Luiz Inácio Lula da Silva", True),  # the given name gone by
        ("Tayyip Erdoğan", "Recep Tayyip Erdoğan", True),
        ("W. Bush", "George W. Bush", False),  # ... spelt out, not an initial
        ("Ki Moon", "Ban Ki Moon", True),  # ... however short
        ("Hamad bin Khalifa Al-Thani", "Tamim bin Hamad bin Khalifa Al-Thani", False),  # a son
    ],
)
def test_fits(short: str, full: str, expected: bool) -> None:
    assert fits(name_parts(short), name_parts(full)) is expected


def test_spelling_key_joins_transliterations_and_doubled_letters() -> None:
    assert spelling_key("gaddafi") == spelling_key("qadhafi") == spelling_key("qaddafi")
    assert spelling_key("ahmadinezhad") == spelling_key("ahmadinejad")
    assert spelling_key("motley") == spelling_key("mottley")
    assert spelling_key("soekarno") == spelling_key("sukarno")  # the Dutch spelling
    assert spelling_key("kenya") != spelling_key("genia")  # "g" and "k" stay apart
    assert spelling_key("hamas") != spelling_key("hamad")
    assert spelling_key("chad") is None


def test_family_name_first_and_joined_surname() -> None:
    assert family_name_first(name_parts("Chiao Kuan-hua")) == name_parts("Kuan-hua Chiao")
    assert family_name_first(("chiao",)) == ("chiao",)
    assert family_name_first(("abe", "shinzo")) == ("shinzo", "abe")
    assert family_name_first(()) == ()
    assert joined_surname(name_parts("Mhmoud Ahmadi-Nejad")) == ("mhmoud", "ahmadinejad")
    assert joined_surname(("nejad",)) == ("nejad",)


def evidence(name: str, place: str, *years: int) -> NameEvidence:
    return NameEvidence(name, len(years), frozenset({place}), frozenset(years))


BUSHES_AND_BIDENS = [
    evidence("Bush", "USA", 1989),
    evidence("GEORGE BUSH", "USA", 1990),
    evidence("George Bush", "USA", 1991),
    evidence("George BUSH", "USA", 1992),
    *(evidence("George W. Bush", "USA", year) for year in (2001, 2002, 2003)),
    evidence("George W Bush", "USA", 2004),
    evidence("Joe Biden", "USA", 2021),
    evidence("Joseph R. Biden, Jr", "USA", 2022),
    evidence("Joseph R. Biden", "USA", 2023, 2024),
]


def groups_of(variants: Variants) -> set[frozenset[str]]:
    return {frozenset(group) for group in variants.groups}


def test_the_two_presidents_bush_stay_two_and_biden_is_one() -> None:
    variants = group_variants(BUSHES_AND_BIDENS)
    assert groups_of(variants) == {
        frozenset({"Bush", "GEORGE BUSH", "George Bush", "George BUSH"}),
        frozenset({"George W. Bush", "George W Bush"}),
        frozenset({"Joe Biden", "Joseph R. Biden, Jr", "Joseph R. Biden"}),
    }
    near = {frozenset({p.first, p.second}): p.reason for p in variants.near_misses}
    # "George Bush" fits "George W. Bush" by name alone: the years keep them apart, and
    # the pair is listed for a speakers.yaml writer to judge.
    assert any("years apart" in reason for reason in near.values())
    assert all(frozenset({pair.first, pair.second}) not in near for pair in variants.merges)


def test_the_bush_merge_is_order_free() -> None:
    forward = groups_of(group_variants(BUSHES_AND_BIDENS))
    assert groups_of(group_variants(BUSHES_AND_BIDENS[::-1])) == forward


def test_a_shared_surname_across_countries_or_people_is_not_merged() -> None:
    variants = group_variants(
        [
            evidence("Ahmed", "PAK", 1990),
            evidence("Ali Ahmed", "SDN", 1990),  # another country: never one person
            evidence("RAHMAN", "BGD", 1992),
            evidence("Mujibur Rahman", "BGD", 1990),
            evidence("Reaz Rahman", "BGD", 1993),  # RAHMAN fits both: it is neither
        ]
    )
    assert variants.groups == ()
    reasons = [p.reason for p in variants.near_misses]
    assert any("it fits" in reason for reason in reasons)


def test_close_surname_spellings_merge_beside_each_other_not_years_apart() -> None:
    variants = group_variants(
        [
            evidence("Mahmoud Ahmadinejad", "IRN", 2006, 2007),
            evidence("Mahmoud Ahmadinezhad", "IRN", 2008),  # transliteration
            evidence("Mr. KHALIL", "SDN", 1965),
            evidence("Khalid", "SDN", 1970, 1971),  # one letter, five years on: two people
            evidence("Petro Poroshenk", "UKR", 2015),
            evidence("Petro Poroshenko", "UKR", 2014, 2016),  # a typo
            evidence("Petro Poroshenko", "USA", 2014),  # the same name counts once
        ]
    )
    assert groups_of(variants) == {
        frozenset({"Mahmoud Ahmadinejad", "Mahmoud Ahmadinezhad"}),
        frozenset({"Petro Poroshenk", "Petro Poroshenko"}),
    }
    assert any(p.reason.endswith("5 years apart") for p in variants.near_misses)


def test_a_spelling_merge_needs_one_country_one_first_letter_and_agreeing_given_names() -> None:
    def merged(first: NameEvidence, second: NameEvidence) -> list[str]:
        return [pair.reason for pair in group_variants([first, second]).merges]

    # Five letters are enough ("Popov", "Popof"), and the given names a person goes by may be
    # the last of the fuller name's ("Lula" of "Luiz Inácio Lula").
    assert merged(evidence("Boris Popov", "RUS", 2000), evidence("Boris Popof", "RUS", 2001)) == [
        "surname spelling 80"
    ]
    lula = evidence("Luiz Inácio Lula da Silva", "BRA", 2004)
    assert merged(evidence("Lula da Sylva", "BRA", 2003), lula) == ["surname spelling 80"]
    # Not a name with no country beside one with a country, nor another first letter.
    placeless = NameEvidence("Petro Poroshenk", 1, frozenset(), frozenset({2015}))
    assert merged(placeless, evidence("Petro Poroshenko", "UKR", 2014, 2016)) == []
    assert merged(evidence("Juan Moreno", "ESP", 2000), evidence("Juan Boreno", "ESP", 2001)) == []
    joined = evidence("Mahmoud Ahmadinejad", "IRN", 2005)
    assert merged(joined, evidence("Ahmadi-Nejad", "IRN", 2006)) == ["surname written in two words"]


def test_a_name_written_family_name_first_is_one_person_where_that_is_the_custom() -> None:
    chiaos = [
        evidence("Mr. Chiao", "CHN", 1972),
        evidence("Kuan-hua Chiao", "CHN", 1973),
        evidence("Mr. Chia Kuan hua", "CHN", 1974),  # "Chia": a typo four letters long
        evidence("Mr. CHIAO", "CHN", 1975),
        evidence("Mr. Chiao Kuan-hua", "CHN", 1976),
    ]
    variants = group_variants(chiaos)
    assert groups_of(variants) == {
        frozenset({"Mr. Chiao", "Mr. CHIAO", "Kuan-hua Chiao", "Mr. Chiao Kuan-hua"})
    }
    assert any(p.reason == "family name first" for p in variants.merges)
    # A surname written in two words is the one written in one.
    for split in ("Mhmoud Ahmadi-Nejad", "Ahmadi-Nejad"):  # the longer name or the shorter
        joined = [evidence("Mahmoud Ahmadinejad", "IRN", 2005), evidence(split, "IRN", 2006)]
        for names in (joined, joined[::-1]):
            assert groups_of(group_variants(names)) == {frozenset(name for name, *_ in joined)}
    # Elsewhere a reversed name may be another person ("Hassan Ali", "Ali Hassan").
    reversed_elsewhere = [evidence("Ali Hassan", "SDN", 1990), evidence("Hassan Ali", "SDN", 1991)]
    assert group_variants(reversed_elsewhere).groups == ()


def test_two_speakers_yaml_names_never_merge() -> None:
    names = [evidence("Sergey Lavrov", "RUS", 2021), evidence("Sergei Lavrov", "RUS", 2021)]
    assert group_variants(names).groups != ()
    assert group_variants(names, preferred={"Sergey Lavrov", "Sergei Lavrov"}).groups == ()


BUSH_REGISTRY = SpeakerRegistry(
    [
        Speaker(name="George W. Bush", aliases=("George W Bush",), paragraph_count=30),
        Speaker(name="George Bush", aliases=("Bush", "GEORGE BUSH"), paragraph_count=20),
        Speaker(name="Laura Bush", paragraph_count=1),
        Speaker(name="Joseph R. Biden", aliases=("Joe Biden",), paragraph_count=9),
        Speaker(name="participants", kind="collective", paragraph_count=3),
    ]
)


def test_a_typed_name_names_the_people_it_fits() -> None:
    people = BUSH_REGISTRY.people
    # A bare surname names everyone it fits, though it is also George Bush's alias.
    assert people("Bush") == ("George Bush", "George W. Bush", "Laura Bush")
    assert people("George Bush") == ("George Bush",)  # a full canonical name: that person
    assert people("mr. george w. bush") == ("George W. Bush",)
    # Initials the corpus does not write: the name it writes fits the typed one.
    assert people("George H. W. Bush") == ("George Bush",)
    assert people("Biden") == people("Joe Biden") == people("J. Biden") == ("Joseph R. Biden",)
    assert people("participants") == ("participants",)
    castros = SpeakerRegistry([Speaker(name="Raúl Castro Ruz"), Speaker(name="Donald Trump")])
    assert castros.people("Raul Castro") == ("Raúl Castro Ruz",)
    assert castros.people("Donald J. Trump") == ("Donald Trump",)
    # Grown over the given name before it, capitalised or, in a text typed in lower case, not.
    text = "what did raul castro say"
    assert castros.widen(text, 14, 20) is None
    assert castros.widen(text, 14, 20, any_case=True) == (9, "Raúl Castro Ruz")
    assert people("Obama") == ()


def test_a_surname_names_whoever_is_called_by_it_as_the_first_of_two_surnames() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Gustavo Petro Urrego", places=("COL",)),
            Speaker(name="Petro Poroshenko", places=("UKR",)),
            Speaker(name="Gabriel Boric Font", places=("CHL",)),
            Speaker(name="Juan Manuel Santos Calderón", places=("COL",)),
            Speaker(name="José Eduardo dos Santos", places=("AGO",)),
            Speaker(name="John Fitzgerald Kennedy", places=("USA",)),
            Speaker(name="Alvaro Uribe Velez", places=("COL",)),
            Speaker(name="Uribe Vargas", places=("COL",)),  # two surnames, filed without given
        ]
    )
    assert registry.people("Petro") == ("Gustavo Petro Urrego",)  # "Petro" Poroshenko: given
    assert registry.people("Boric") == ("Gabriel Boric Font",)
    assert registry.people("Uribe") == ("Alvaro Uribe Velez",)
    # The father's surname, not the mother's (that fits as the last part, as ever).
    assert set(registry.people("Santos")) == {
        "Juan Manuel Santos Calderón",
        "José Eduardo dos Santos",
    }
    # Only where people are called so: Kennedy's middle name is no surname of his; and
    # never a given name ("Manuel" begins "Juan Manuel …"s, Juan begins a name of three).
    assert registry.people("Fitzgerald") == ()
    with_manuel = SpeakerRegistry(
        [
            Speaker(name="Juan Manuel Santos", places=("COL",)),
            Speaker(name="Manuel Lopez Obrador", places=("MEX",)),
        ]
    )
    assert with_manuel.people("Manuel") == ()
    assert SpeakerRegistry([Speaker(name="Gabriel Boric Font")]).people("Boric") == ()
    # Two surnames follow given names: a name of two words is a given name and a surname.
    assert SpeakerRegistry([Speaker(name="Evo Morales", places=("BOL",))]).people("Evo") == ()


def test_a_typed_name_nobody_has_is_read_family_name_first_or_as_the_corpus_spells_it() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Colonel Maummar Al-Qadhafi", paragraph_count=40),
            Speaker(name="Mia Amor Mottley", paragraph_count=60),
            Speaker(name="Kuan-hua Chiao", paragraph_count=50),
            Speaker(name="Natalia Gherman", paragraph_count=20),
            Speaker(name="Mahmoud Ahmadinejad", paragraph_count=70),
            Speaker(name="Guillermo Fernandez de Soto", paragraph_count=30),
            Speaker(name="Ban Ki-moon", paragraph_count=30),
        ]
    )
    for typed in ("Gaddafi", "Qaddafi", "Muammar Gaddafi"):
        assert registry.people(typed) == ("Colonel Maummar Al-Qadhafi",), typed
    assert registry.people("Mia Motley") == ("Mia Amor Mottley",)
    assert registry.people("Chiao Kuan-hua") == ("Kuan-hua Chiao",)
    assert registry.people("Ki-moon Ban") == ("Ban Ki-moon",)
    assert registry.people("Ahmadi-Nejad") == registry.people("Ahmadinejad")
    # The other order is read word for word: "De Gaulle" is no "Guillermo Fernandez de Soto".
    assert registry.people("Guillermo de Soto") == ("Guillermo Fernandez de Soto",)
    assert registry.people("De Gaulle") == ()
    # Given names still have to agree, and a surname someone has is never read otherwise.
    assert registry.people("Hannibal Gaddafi") == ()
    assert registry.spellings_of("qadhafi") == []
    assert registry.spellings_of("gaddafi") == ["qadhafi"]
    assert registry.spellings_of("chad") == []  # too short to be read as another
    assert registry.people("Kadhafi") == ()  # "q" is read as "g", not also as "k"


def test_a_full_name_names_a_person_filed_by_surname_alone() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Kissinger", aliases=("Mr. KISSINGER",), paragraph_count=80),
            Speaker(name="Henry Cabot Lodge", paragraph_count=10),  # "Henry": a given name
            Speaker(name="George Bush", aliases=("Bush",), paragraph_count=60),
            Speaker(name="Arce", paragraph_count=5),
        ]
    )
    assert registry.people("Henry Kissinger") == ("Kissinger",)
    assert registry.people("H. Kissinger") == ("Kissinger",)
    assert registry.people("Henry A. Kissinger") == ("Kissinger",)  # initials beside names
    # Not a word no one is called ("Straße"), nor another given name than the one written.
    assert registry.people("Straße Arce") == ()
    assert registry.people("Henry Bush") == ()  # George Bush is filed as "Bush" too


def test_with_word_counts_a_given_name_the_corpus_hardly_writes_names_one_filed_by_surname() -> (
    None
):
    # Shares of the full UNGDC's paragraphs holding each word.
    shares = {"mike": 2 / 388_236, "vijaya": 7 / 388_236, "lakshmi": 4 / 388_236}
    shares |= {"camp": 1_681 / 388_236, "luther": 54 / 388_236, "martin": 119 / 388_236}
    registry = SpeakerRegistry(
        [
            Speaker(name="Pearson", aliases=("Mr. PEARSON",), paragraph_count=90),
            Speaker(name="Pandit", aliases=("Mrs. Pandit",), paragraph_count=40),
            Speaker(name="King", paragraph_count=30),
            Speaker(name="Mackenzie King", paragraph_count=20),
            Speaker(name="Martin Kovac", paragraph_count=5),  # "Martin": a given name
        ],
        word_share=lambda word: shares.get(word, 0.0),
    )
    assert registry.people("Mike Pearson") == ("Pearson",)
    assert registry.people("Vijaya Lakshmi Pandit") == ("Pandit",)
    assert registry.people("Camp Pearson") == ()  # an ordinary word is no given name
    assert registry.people("Martin Luther King") == ()  # "luther": 54 paragraphs
    # Without word counts only the corpus's own given names count.
    assert SpeakerRegistry(registry.all()).people("Mike Pearson") == ()


def test_a_given_name_written_beside_a_surname_one_person_has_names_that_person() -> None:
    # Of the full UNGDC's paragraphs holding each word, the share holding the surname too.
    beside = {("jawaharlal", "nehru"): 49 / 49, ("luther", "king"): 49 / 54}
    beside |= {("ernesto", "guevara"): 12 / 35, ("martin", "king"): 0.3}
    beside |= {("kwame", "nkrumah"): 42 / 43, ("francis", "nkrumah"): 0.6}
    beside |= {("motilal", "nehru"): 0.5}  # at exactly the share
    registry = SpeakerRegistry(
        [
            Speaker(name="Nehru", aliases=("Mr. NEHRU",), paragraph_count=168),
            Speaker(name="Nkrumah", paragraph_count=60),
            Speaker(name="Guevara", paragraph_count=30),
            Speaker(name="King", paragraph_count=30),
            Speaker(name="Mackenzie King", paragraph_count=20),
            Speaker(name="Martin Kovac", paragraph_count=5),  # "Martin": a given name
        ],
        word_share=lambda word: 100 / 388_236,  # none is hardly written
        share_beside=lambda word, other: beside.get((word, other), 0.0),
    )
    assert registry.people("Jawaharlal Nehru") == ("Nehru",)
    assert registry.people("Motilal Nehru") == ("Nehru",)
    assert registry.people("Kwame Francis Nkrumah") == ("Nkrumah",)  # each beside the surname
    assert registry.people("Ernesto Guevara") == ()  # written beside "Guevara" 1 time in 3
    # Mr. King is not the only King: "Luther" beside "King" says nothing of which.
    assert registry.people("Martin Luther King") == ()
    assert SpeakerRegistry(registry.all()).people("Jawaharlal Nehru") == ()  # without counts


def test_a_full_name_says_which_surname_the_corpus_also_files_people_by_alone() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Indira Gandhi", aliases=("MRS. INDIRA GANDHI",), paragraph_count=72),
            Speaker(name="Gandhi", aliases=("Mrs. GANDHI",), paragraph_count=31),
            Speaker(name="Gromyko", aliases=("Mr. GROMYKO",), paragraph_count=2565),
            Speaker(name="Andrei Kozyrev", paragraph_count=40),
        ]
    )
    assert registry.filed_by_surname_too("Indira Gandhi") == "Gandhi"
    assert registry.filed_by_surname_too("Gandhi") is None  # a surname names them all already
    assert registry.filed_by_surname_too("Andrei Gromyko") is None  # the full name names him
    assert registry.filed_by_surname_too("Andrei Kozyrev") is None  # no Kozyrev filed alone


def test_given_names_the_corpus_never_writes_leave_the_surname_to_decide() -> None:
    # "Geidar" is how a Russian text transliterates Heydar; the full UNGDC holds it nowhere.
    shares = {"geidar": 0.0, "camp": 1_681 / 388_236, "hunter": 18 / 388_236}
    registry = SpeakerRegistry(
        [
            Speaker(name="Heydar Aliyev", paragraph_count=60),
            Speaker(name="Ilham Aliyev", paragraph_count=90),
            Speaker(name="Ian Smith", paragraph_count=10),
            Speaker(name="John Kerry", paragraph_count=10),
            Speaker(name="Joseph R. Biden", aliases=("Joe Biden",), paragraph_count=40),
            Speaker(name="Manuilsky", aliases=("Mr. MANUILSKY",), paragraph_count=30),
        ],
        word_share=lambda word: shares.get(word, 0.0),
    )
    # The Aliyev whose given name it spells otherwise, not his son Ilham.
    assert registry.people("Geidar Aliyev") == ("Heydar Aliyev",)
    assert registry.people("Geidar Aliev") == ("Heydar Aliyev",)  # the surname spelt so too
    # A given name no one has that is no other spelling of the person's: someone else.
    assert registry.people("Hunter Biden") == ()
    assert registry.people("Jill Biden") == ()
    # One filed by surname alone has no given name to compare: the surname decides.
    assert registry.people("Dmitri Manuilski") == ("Manuilsky",)
    assert registry.people("Camp Aliyev") == ()  # an ordinary word is no given name
    assert registry.people("John Smith") == ()  # nor one some person has
    assert registry.people("J. Smith") == ()  # nor an initial
    assert SpeakerRegistry(registry.all()).people("Geidar Aliyev") == ()  # without word counts


def test_resolve_canonical_and_describe_follow_people() -> None:
    registry = BUSH_REGISTRY
    assert registry.resolve("Bush") == ("Bush", [])
    assert registry.canonical("Bush") is None  # several people: no one canonical name
    assert registry.resolve("Biden") == ("Joseph R. Biden", [])
    assert registry.canonical("joe biden") == "Joseph R. Biden"
    assert registry.describe("Bush") == "Bush: George Bush, George W. Bush and Laura Bush"
    assert registry.describe("Biden") == "Joseph R. Biden"
    assert [s.name for s in registry.matching("Bush")][:2] == ["George Bush", "George W. Bush"]


def test_find_in_text_lets_a_name_grown_over_another_win() -> None:
    # "Andrei" is a delegate, and the given name of Andrei Gromyko.
    names = ("Andrei", "Kozyrev", "Andrei Gromyko")
    registry = SpeakerRegistry([Speaker(name=name) for name in names])
    cased = "What did Andrei Kozyrev say?"
    for text in (cased, cased.lower()):
        assert registry.find_in_text(text) == [(9, 23, "Kozyrev")], text


def test_find_in_text_finds_the_longest_of_names_beginning_alike() -> None:
    # Only runs from a word some name begins with are looked up, up to the longest such name.
    names = ("Maria Fernanda Espinosa Garces", "Maria Rosa", "Rosa")
    registry = SpeakerRegistry([Speaker(name=name) for name in names])
    text = "What did Maria Fernanda Espinosa Garces and Maria Rosa say?"
    assert registry.find_in_text(text) == [
        (9, 39, "Maria Fernanda Espinosa Garces"),
        (44, 54, "Maria Rosa"),
    ]


def test_find_in_text_never_grows_a_name_over_an_article() -> None:
    # Typed in lower case, "a" could be an initial ("A. Ban"): it is an article.
    registry = SpeakerRegistry([Speaker(name="Ban", paragraph_count=9)])
    assert registry.find_in_text("a ban on killer robots") == [(2, 5, "Ban")]
    assert registry.find_in_text("What did A. Ban say?") == [(9, 15, "Ban")]


def test_find_in_text_gives_a_shared_surname_as_written() -> None:
    spans = BUSH_REGISTRY.find_in_text("What did Bush say? And Joe Biden?")
    assert [name for _, _, name in spans] == ["Bush", "Joseph R. Biden"]


def test_listed_names_a_few_and_counts_the_rest() -> None:
    assert listed(["A"]) == "A"
    assert listed(["A", "B", "C"]) == "A, B and C"
    assert listed(list("ABCDEFG")) == "A, B, C, D and 3 others"
    assert listed(list("ABCDE")) == "A, B, C, D and E"  # never "1 others"


def write_ungdc_like(folder: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """A corpus folder like the UNGDC's: one text a row, and metadata.csv naming its speaker,
    country and year."""
    lines = ["path,title,date,source,speakers,speaker_posts,country,iso"]
    for number, (speaker, iso, year, text) in enumerate(rows):
        path = f"{iso}_{number}_{year}.txt"
        (folder / path).write_text(text + "\n", encoding="utf-8")
        lines.append(f'{path},{iso} {year},{year},UNGDC,"{speaker}",President,{iso},{iso}')
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


UNGDC_LIKE_ROWS = [
    ("Bush", "USA", "1989", "The Cold War is ending and Europe is whole and free."),
    ("GEORGE BUSH", "USA", "1990", "Iraq must withdraw from Kuwait without condition."),
    ("Mr. George BUSH", "USA", "1992", "A new world order is within reach."),
    ("George W. Bush", "USA", "2002", "Iraq must disarm as the Council demands."),
    ("George W. Bush", "USA", "2003", "Iraq is now free and the Iraqi people will rebuild."),
    ("Mr. George W Bush", "USA", "2004", "Democracy is spreading across the Middle East."),
    ("Joe Biden", "USA", "2021", "We will end relentless war and open relentless diplomacy."),
    ("Joseph R. Biden, Jr", "USA", "2022", "Russia's war against Ukraine must end."),
    ("Joseph R. Biden", "USA", "2023", "We stand with Ukraine against aggression."),
]


def test_the_loader_merges_the_spellings_of_one_person(tmp_path: Path) -> None:
    write_ungdc_like(tmp_path, UNGDC_LIKE_ROWS)
    corpus = load_corpus([tmp_path], progress=False)
    registry = corpus.speakers
    spoken = {d.extra["iso"] + d.date.iso: d.speakers for d in corpus.documents if d.date}
    assert spoken["USA1989"] == spoken["USA1990"] == spoken["USA1992"] == ("George Bush",)
    assert spoken["USA2004"] == ("George W. Bush",)
    assert {spoken["USA2021"], spoken["USA2022"]} == {("Joseph R. Biden",)}
    assert {s.name for s in registry.all()} == {"George W. Bush", "George Bush", "Joseph R. Biden"}
    assert registry.people("Bush") == ("George Bush", "George W. Bush")
    assert registry.resolve("Biden") == ("Joseph R. Biden", [])
    assert registry.canonical("Joe Biden") == "Joseph R. Biden"
    # The merges, each led by the spelling shown, for `corpus speakers --similar`.
    assert {group[0] for group in registry.variants.groups} == {
        "George Bush",
        "George W. Bush",
        "Joseph R. Biden",
    }
    assert any("years apart" in pair.reason for pair in registry.variants.near_misses)
    # Each person with the countries they spoke for (metadata's ISO code).
    assert {s.places for s in registry.all()} == {("USA",)}


def test_a_one_off_spelling_is_never_the_name_shown(tmp_path: Path) -> None:
    # "Mir." is a typo of "Mr.": as a name part it made the one-off spelling the fullest.
    rows = [
        ("Mr. GROMYKO", "RUS", str(year), "The Soviet Union proposes disarmament.")
        for year in (1960, 1961, 1963, 1964, 1965)
    ]
    write_ungdc_like(tmp_path, [*rows, ("Mir. GROMYKO", "RUS", "1962", "Peace is indivisible.")])
    speakers = load_corpus([tmp_path], progress=False).speakers
    assert [s.name for s in speakers.all()] == ["Gromyko"]
    assert speakers.people("Mir. Gromyko") == ("Gromyko",)
    # Nor a given name: he is filed by surname alone, so a fuller name names him (the full
    # UNGDC's registry has the one-off spelling as an alias).
    people = [
        Speaker(name="Gromyko", aliases=("Mr. GROMYKO", "Mir. GROMYKO")),
        Speaker(name="Andrei Kozyrev"),  # "Andrei" is a given name of the corpus's people
    ]
    assert SpeakerRegistry(people).people("Andrei Gromyko") == ("Gromyko",)


def test_corpus_speakers_similar_lists_merges_and_near_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_ungdc_like(tmp_path, UNGDC_LIKE_ROWS)
    parser = argparse.ArgumentParser(prog="verbatim")
    corpus = parser.add_subparsers(dest="command").add_parser("corpus")
    cli.register_speakers(corpus.add_subparsers(dest="corpus_command"))
    args = parser.parse_args(["corpus", "speakers", "--similar", "--corpus", str(tmp_path)])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "Merged: 3 people written several ways\n" in out
    assert "  George Bush <- Bush · GEORGE BUSH · George BUSH\n" in out
    assert "  Joseph R. Biden <- Joe Biden · Joseph R. Biden, Jr\n" in out
    assert "Near misses: 2 pairs" in out
    assert "100  Bush (George Bush) ~ George W. Bush: name fits, but 13 years apart\n" in out
    args = parser.parse_args(
        ["corpus", "speakers", "--similar", "--json", "--corpus", str(tmp_path)]
    )
    assert args.handler(args) == 0
    similar = json.loads(capsys.readouterr().out)
    assert ["George W. Bush", "George W Bush"] in similar["merged"]
    assert len(similar["near_misses"]) == 2
    args = parser.parse_args(["corpus", "speakers", "--corpus", str(tmp_path)])
    assert args.handler(args) == 0
    assert "Joseph R. Biden  (Joe Biden · Joseph R. Biden, Jr)" in capsys.readouterr().out
