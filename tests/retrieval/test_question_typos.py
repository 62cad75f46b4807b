"""Typos in a question's own words and in the names it asks by: "What did Lavrav say abuot
the Nord Stream sabotage?" is read as typed right, saying so; real words stay as written."""

from __future__ import annotations

import pytest

from corpus.models import Speaker
from corpus.speakers import SpeakerRegistry
from retrieval.answer import _in_case_of, _saying_how_read, ask, holds_what_was_read
from retrieval.gate import Respelling
from retrieval.index import Index
from retrieval.models import Answer, Query
from retrieval.question import NameWords, _meant, name_words, typos_read, understand
from tests.retrieval.word_counts import Counts

Reading = tuple[str | None, str | None, str, tuple[str, ...]]  # speaker, country, text, notes


@pytest.mark.parametrize(
    ("question", "reading"),
    [
        (
            "What did Wang Yi say abuot multilateralism?",
            ("Wang Yi", None, "multilateralism", ("“abuot” was read as “about”",)),
        ),
        (
            "whta did Wang Yi siad about multilateralism",
            (
                "Wang Yi",
                None,
                "multilateralism",
                ("“whta” was read as “what”", "“siad” was read as “said”"),
            ),
        ),
        (
            "What did Lavrav say about the Nord Stream sabotage?",
            ("Sergey Lavrov", None, "the Nord Stream sabotage", ("“Lavrav” was read as “Lavrov”",)),
        ),
        ("What did Chna say about Iraq?", (None, "China", "Iraq", ("“Chna” was read as “China”",))),
        # Read after what was dropped, and said after it.
        (
            "<@123> What did Chna say about Iraq?",
            (None, "China", "Iraq", ("mentions are not searched", "“Chna” was read as “China”")),
        ),
        (
            "What did the Ruusians say about NATO expansion?",
            (None, "Russia", "NATO expansion", ("“Ruusians” was read as “Russians”",)),
        ),
    ],
)
@pytest.mark.shared
def test_a_typo_in_a_question_word_or_a_name_is_read_as_meant(
    sample: Index, question: str, reading: Reading
) -> None:
    u = understand(question, sample)
    assert (u.speaker, u.country, u.search_text, u.notes) == reading


@pytest.mark.parametrize(
    "question",
    [
        "What did China say about sand mining?",  # "sand" is not "said": one letter for another
        "What did the delegates say about Birut?",  # as close to Beirut as to Borut (a name)
        "What did the kennady round say?",  # a name is read only where it is written as one
        "What did China say about Bien?",  # a word the corpus holds
    ],
)
@pytest.mark.shared
def test_real_words_and_unsure_readings_stay_as_written(sample: Index, question: str) -> None:
    u = understand(question, sample)
    assert u.notes == ()


@pytest.mark.shared
def test_a_misspelt_question_is_answered_with_the_note(sample: Index) -> None:
    answer = ask(sample, "What did Lavrav say abuot the Nord Stream sabotage?")
    assert answer.not_found is None and answer.hits
    assert answer.hits[0].citation.speakers == ("Sergey Lavrov",)
    assert "“Lavrav” was read as “Lavrov”" in answer.understood


NAMES = NameWords(
    people=frozenset({"kennedy", "borut", "biden", "lavrov"}),
    countries={
        "china": frozenset({"CHN"}),
        "kenya": frozenset({"KEN"}),
        "iran": frozenset({"IRN"}),
        "colombia": frozenset({"COL"}),
        "argentina": frozenset({"ARG"}),
        "argentine": frozenset({"ARG"}),
        "australia": frozenset({"AUS"}),
        "austria": frozenset({"AUT"}),
        "guinea": frozenset({"GIN", "GNB", "GNQ", "PNG"}),
        "guinean": frozenset({"GIN"}),
        "korea": frozenset({"KOR", "PRK"}),
        "korean": frozenset({"KOR", "PRK"}),
    },
)


@pytest.mark.parametrize(
    ("typed", "counts", "read"),
    [
        ("What did Kennady say", {}, "What did Kennedy say"),
        ("Kennady", {"kennady": 1}, "Kennedy"),  # the typo itself, once in the corpus
        ("Genya", {}, "Genya"),  # not Kenya: the first letter is kept
        ("Birut", {}, "Borut"),
        ("Birut", {"beirut": 50}, "Birut"),  # as close to a word of the corpus: neither
        # ... except in the name slot, where it is a person's ("What did Birut say")
        ("What did Birut say", {"beirut": 50}, "What did Borut say"),
        ("Did they say Birut", {"beirut": 50}, "Did they say Birut"),  # outside the slot
        # Typed in lower case, the name slot still holds a name; elsewhere a word may be one.
        ("what did kennady say", {}, "what did kennedy say"),
        ("What did the kennady round say", {}, "What did the kennady round say"),
        ("the kennady round", {}, "the kennady round"),
        # A country's long word is read two edits away, a short one one.
        ("Coulmbia", {}, "Colombia"),
        ("Knyaa", {}, "Knyaa"),
        # As close to two words of one country's (its name, its demonym), it is that country's;
        # to two countries', neither's.
        ("Argentin", {}, "Argentina"),
        ("Austraia", {}, "Austraia"),
        ("Guineaa", {}, "Guineaa"),  # "guinea" names four countries, "guinean" one
        ("Guinia", {}, "Guinea"),  # ... but alone as close, it is read, as any word
        ("Koreaa", {}, "Koreaa"),  # two words as close, each naming both Koreas: no one country
        ("Chna", {}, "China"),  # four letters: one left out
        ("Chna", {"chna": 2}, "China"),  # ... held by two paragraphs of 388,236: a typo
        ("Chna", {"chna": 9}, "Chna"),  # ... by nine: a word (a name must be rarer still)
        ("Bien", {}, "Bien"),  # a person's name from five letters: "Biden"
        ("What did Bien say", {}, "What did Biden say"),  # ... or in the name slot
        ("Bidan", {}, "Biden"),
        ("Bdan", {}, "Bdan"),  # four letters, one for another: most are real words
        ("Kennnedyy", {}, "Kennnedyy"),  # one edit, never two
        ("Lavrov", {}, "Lavrov"),
        ("siad abut", {}, "said about"),  # question words: two swapped, or one left out
        ("say afetr the quake", {}, "say after the quake"),  # ... the longer stopwords too
        ("the UN istelf", {}, "the UN itself"),
        ("PRC positiion on", {}, "PRC position on"),  # ... and the words of a country's view
        ("the urgen need", {}, "the urgen need"),  # ... not a verb: "urgen" is urgent, split
        ("Did annyone", {}, "Did anyone"),
        ("ther", {}, "ther"),  # one letter from "there" and from "their": neither
        ("Whhich leaders", {}, "Which leaders"),  # ... capitalised as the first word
        ("What did Siad Barre say", {}, "What did Siad Barre say"),  # ... not elsewhere
        ("“Whhich leaders", {}, "“Which leaders"),  # (after an opening quote, it is first)
        ("Irna", {}, "Irna"),  # a name of four letters: only one left out, never two swapped
        # At most four rare words a question are looked at: each costs a vocabulary scan.
        ("abuot abuot abuot abuot abuot", {}, "about about about about abuot"),
        ("WHHICH", {}, "WHHICH"),  # in capitals, a name or an acronym
        ("sand", {}, "sand"),
        ("abort", {}, "about"),
        ("abort", {"abort": 151}, "abort"),  # one paragraph in 2,571: a word
    ],
)
def test_typos_read(typed: str, counts: dict[str, int], read: str) -> None:
    assert typos_read(typed, Counts(SpeakerRegistry([]), counts), lambda: NAMES)[0] == read


def test_a_typo_is_read_whatever_order_the_known_words_come_in() -> None:
    # Five words one edit from "oama" come first, none with its first letter: "obama" is still
    # found (a set's order changes with the process's string hashing; reading only the first
    # five read "Oama" as Obama in some processes and not in others).
    near = ["lama", "rama", "kama", "sama", "dama", "gama"]
    assert _meant("oama", [*near, "obama"]) == "obama"
    assert _meant("oama", ["obama", *near]) == "obama"
    assert _meant("oama", [*near, "obama", "osama"]) is None  # two as near: neither


def test_the_name_slots_verb_in_lower_case_is_no_surname() -> None:
    # On the full UNGDC "what has edogan said about …" was read as the words of Al-Said.
    registry = SpeakerRegistry(
        [
            Speaker(name="Al-Said", paragraph_count=60),
            Speaker(name="Recep Tayyip Erdogan", paragraph_count=300),
        ]
    )
    counts = Counts(registry, {"uyghurs": 30, "erdogan": 200})
    u = understand("what has edogan said about the uyghurs", counts)
    assert (u.speaker, u.notes) == ("Recep Tayyip Erdogan", ("“edogan” was read as “erdogan”",))
    # Nor when the slot's word names no one here.
    assert understand("what has tokayev said about the uyghurs", counts).speaker is None
    # Capitalised, "Said" in the slot is still the person.
    assert understand("What did Al-Said say about the uyghurs?", counts).speaker == "Al-Said"


def test_a_name_that_is_also_an_ordinary_word_is_no_typo_reading() -> None:
    def notes(note_used: int) -> tuple[str, ...]:
        registry = SpeakerRegistry([Speaker(name="Kessai Note", paragraph_count=40)])
        counts = Counts(registry, {"note": note_used, "notre": 2})
        return understand("Notre-Dame cathedral fire", counts).notes

    assert notes(20_000) == ()  # "note" is in 1 paragraph of 19: a word
    assert notes(50) == ("“Notre” was read as “Note”",)  # a name, hardly used otherwise


@pytest.mark.shared
def test_a_common_word_read_for_a_typo_need_not_be_in_the_answer(sample: Index) -> None:
    # "reach" is in 245 of the sample's 14,372 paragraphs; China's answers say "achieve".
    answer = ask(sample, "When will China reoch carbon neutrality?")
    assert answer.not_found is None
    assert answer.hits[0].citation.path.endswith("CHN_77_2022.txt")
    assert "reach" not in answer.hits[0].text.lower()


@pytest.mark.shared
def test_an_answer_holds_each_distinctive_word_a_typo_was_read_as(sample: Index) -> None:
    # "mottley" is in a few paragraphs of 14,372: distinctive; "reach" in 245: common.
    read = [Respelling("Motley", "mottley", "mottley"), Respelling("reoch", "reach", "reach")]
    assert sample.doc_freq("mottley") * 100 <= sample.n_paragraphs < sample.doc_freq("reach") * 100
    assert holds_what_was_read(sample, read, "Mia Mottley spoke of the Bridgetown Initiative.")
    assert not holds_what_was_read(sample, read, "Barbados will reach its goals.")


@pytest.mark.shared
def test_a_rarer_word_typed_right_anchors_an_answer_without_the_word_read(sample: Index) -> None:
    # "defeat" (45 of 14,372 paragraphs) read from "dfeeat"; "bridgetown" is in 7.
    read = [Respelling("dfeeat", "defeat", "defeat")]
    text = "Mia Mottley spoke of the Bridgetown Initiative."
    assert sample.doc_freq("bridgetown") < sample.doc_freq("defeat")
    assert holds_what_was_read(sample, read, text, "the defeat of the Bridgetown plan")
    # Not by a commoner word ("initiative", 308), nor for a name misread (typed capitalised).
    assert not holds_what_was_read(sample, read, text, "the defeat of the Initiative")
    capitalised = [Respelling("Dfeeat", "Defeat", "defeat")]
    assert not holds_what_was_read(sample, capitalised, text, "the Defeat of the Bridgetown plan")
    # ... unless read with two letters swapped, every letter typed kept: the name meant.
    swapped = [Respelling("Defaet", "Defeat", "defeat", swapped=True)]
    assert holds_what_was_read(sample, swapped, text, "the Defeat of the Bridgetown plan")
    assert not holds_what_was_read(sample, swapped, text, "the Defeat of the Initiative")
    # A rarer word read anchors it as well, once the answer holds it.
    both = [Respelling("bridgetwn", "bridgetown", "bridgetown"), *read]
    assert holds_what_was_read(sample, both, text, "bridgetown defeat")
    assert not holds_what_was_read(sample, both, "The defeat was total.", "bridgetown defeat")


@pytest.mark.shared
def test_a_quoted_phrase_anchors_an_answer_whatever_was_read(
    sample: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if no answer held what "condemed" was read as: the quoted phrase still anchors it.
    monkeypatch.setattr("retrieval.answer.holds_what_was_read", lambda *_: False)
    quoted = ask(sample, "Who condemed 'unilateral sanctions'?")
    assert quoted.not_found is None
    assert "containing “unilateral sanctions”" in quoted.understood
    assert "condemned" in quoted.understood[-1]
    assert ask(sample, "Who condemed unilateral sanctions?").not_found is not None


@pytest.mark.shared
def test_when_no_passage_holds_the_words_as_typed_the_closest_hold_them_as_read(
    sample: Index,
) -> None:
    # No 2022 paragraph holds "multilaterlism" or "Olympcs"; Wang Yi's 2022 passages on
    # multilateralism hold the first as read. They are the closest, not other years'.
    answer = ask(sample, "What was said about multilaterlism and the Olympcs in 2022?")
    assert answer.not_found is not None and answer.hits
    assert {hit.citation.date.year for hit in answer.hits if hit.citation.date} == {2022}
    assert all("multilateral" in hit.text for hit in answer.hits)
    assert "“multilaterlism” as “multilateral”" in answer.understood[-1]


@pytest.mark.shared
def test_closest_passages_holding_a_word_as_read_come_before_those_as_typed(
    sample: Index,
) -> None:
    # China's passages on "battle" hold no "kuomintangg"; those on the Kuomintang hold it as
    # read: neither answers, and the closest are the second.
    question = "what did china say about the battle with the kuomintangg"
    answer = ask(sample, question)
    assert answer.not_found is not None and answer.hits
    assert "kuomintang" in answer.hits[0].text.lower()
    assert "“kuomintangg” as “kuomintang”" in answer.understood[-1]
    # Unless they lack what was read: the passages as typed stay the closest.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("retrieval.answer.holds_what_was_read", lambda *_: False)
        as_typed = ask(sample, question)
    assert as_typed.hits and "kuomintang" not in as_typed.hits[0].text.lower()


@pytest.mark.shared
def test_an_answer_lacking_what_a_typo_was_read_as_is_not_shown_as_the_closest(
    sample: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the answers found for "multilaterlism" did not hold what it was read as: they are
    # refused as answers, and not shown instead of nothing either ("Halley's cmoet", read as
    # "Halles comets", was answered by a passage without "Halles" when they were).
    monkeypatch.setattr("retrieval.answer.holds_what_was_read", lambda *_: False)
    answer = ask(sample, "multilaterlism")
    assert answer.not_found is not None and not answer.hits


@pytest.mark.shared
def test_a_quotation_with_a_typo_is_looked_for_as_meant(sample: Index) -> None:
    answer = ask(sample, "Who said the world is bigoer than five?")
    assert answer.not_found is None
    assert "containing “the world is bigger than five”" in answer.understood
    assert answer.hits[0].citation.path.endswith("TUR_79_2024.txt")


@pytest.mark.parametrize(
    ("typed", "word", "said"),
    [
        ("permenant", "PERMANENT", "permanent"),
        ("PERMENANT", "permanent", "PERMANENT"),
        ("Frnace", "france", "France"),
        ("iPhnoe", "phone", "phone"),  # no one case: as the answer writes it
    ],
)
def test_a_word_read_is_said_back_in_the_case_it_was_typed(
    typed: str, word: str, said: str
) -> None:
    assert _in_case_of(typed, word) == said


@pytest.mark.shared
def test_with_no_passage_to_show_a_word_read_is_said_as_spelt(sample: Index) -> None:
    empty = Answer(question="two permenant seats", query=Query(text="two permanant seats"))
    read = [Respelling("permenant", "permanant", "perman")]
    said = _saying_how_read(sample, empty, read)
    assert said.understood == (
        "no paragraph has the words as typed, so “permenant” as “permanant” was searched",
    )


def test_the_names_a_typo_may_be_read_as_are_peoples_not_ordinary_words() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Vyshinsky"),  # a name of one word, as the early records write them
            Speaker(name="Tito"),
            Speaker(name="Kessai Note"),
            Speaker(name="Trygve Lie"),  # "Lie": under four letters, one edit from many words
            Speaker(name="participants", kind="collective"),
        ]
    )
    # A name in more than one paragraph in 1,000 is an ordinary word too: "note", not "kessai".
    held = {"vyshinsky": 40, "tito": 60, "note": 389, "kessai": 388, "participants": 3}
    counts = Counts(registry, held, n_paragraphs=388_000)
    assert set(name_words(counts).people) == {"vyshinsky", "tito", "kessai", "trygve"}
