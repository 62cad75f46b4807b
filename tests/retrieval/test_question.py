"""Question understanding: speakers, dates and quoted phrases read out of a free question."""

from __future__ import annotations

import pytest

from corpus.models import DocDate, Speaker
from corpus.speakers import SpeakerRegistry
from retrieval.models import MAX_QUERY_CHARS
from retrieval.question import clean, understand

REGISTRY = SpeakerRegistry(
    [
        Speaker(name="Wang Yi", aliases=("Minister of Foreign Affairs Wang Yi",)),
        Speaker(name="Qin Gang"),
        Speaker(name="Csaba Kőrösi", aliases=("Kőrösi",)),
        Speaker(name="participants", kind="collective"),
    ]
)


def test_speaker_becomes_a_filter_and_filler_goes() -> None:
    u = understand("What did Wang Yi say about multilateralism?", REGISTRY)
    assert u.speaker == "Wang Yi"
    assert u.search_text == "multilateralism"
    assert u.understood == ("showing Wang Yi",)


def test_a_word_of_speaking_is_filler_only_where_it_speaks() -> None:
    for question, searched in (
        # A part of a hyphenated word is the word's.
        ("What did Wang Yi say about the two-state solution?", "the two-state solution"),
        ("the talk-show diplomacy of Qin Gang", "the talk-show diplomacy of"),
        ("the double-speak of propaganda", "the double-speak of propaganda"),
        # "State" is a noun but before what is stated.
        ("What did Wang Yi say about state sovereignty?", "state sovereignty"),
        ("the state of emergency", "the state of emergency"),
        ("What did Wang Yi state about sovereignty?", "sovereignty"),
        ("What did Wang Yi mention on the UN's role?", "the UN (United Nations) role"),
        # Which country, as which countries, asks who spoke.
        ("Which country called for a new economic order?", "called for a new economic order"),
        ("Which leader warned of famine?", "warned of famine"),
        ("Which foreign minister was an astronaut?", "was an astronaut"),
    ):
        assert understand(question, REGISTRY).search_text == searched, question


def test_speaker_without_accents_or_capitals() -> None:
    u = understand("korosi one-China", REGISTRY)
    assert u.speaker == "Csaba Kőrösi"
    assert u.search_text == "one-China"


def test_speaker_on_topic() -> None:
    u = understand("Qin Gang on the UN's role", REGISTRY)
    assert u.speaker == "Qin Gang"
    assert "UN (United Nations) role" in u.search_text


def test_dates_become_a_range_with_a_label() -> None:
    u = understand("What did Wang Yi say about multilateralism in May 2021?", REGISTRY)
    assert u.dates is not None
    assert u.dates.start == DocDate(year=2021, month=5)
    assert u.dates.end == DocDate(year=2021, month=5)
    assert u.understood == ("showing Wang Yi", "May 2021")
    assert u.search_text == "multilateralism"

    for typed in ("talks on 2 February 2023", "talks at 2 February 2023"):
        day = understand(typed, REGISTRY)
        assert day.dates is not None and day.dates.start == DocDate(year=2023, month=2, day=2)
        assert day.search_text == "talks", typed


def test_reversed_range_is_swapped_with_a_note() -> None:
    u = understand("climate between 2022 and 2019", REGISTRY)
    assert u.dates is not None and u.dates.start is not None and u.dates.end is not None
    assert u.dates.start.year == 2019 and u.dates.end.year == 2022
    assert any("reversed" in note for note in u.notes)
    assert u.date_label == "2019–2022"


def test_quoted_phrases_are_required_and_still_searched() -> None:
    u = understand('Who said "true multilateralism"?', REGISTRY)
    assert u.phrases == ("true multilateralism",)
    assert "true multilateralism" in u.search_text


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Who recalled the 'war to end all wars'?", ("war to end all wars",)),
        ("Who recalled the ‘war to end all wars’?", ("war to end all wars",)),
        (
            "“true multilateralism” and 'common prosperity'",
            ("true multilateralism", "common prosperity"),
        ),
        # Apostrophes open nothing: in a word, or after a plural.
        ("What don't the leaders' statements say about China's role?", ()),
        # ... nor close a phrase, in a word inside one.
        ("Who said 'where there's a will there's a way'?", ("where there's a will there's a way",)),
        ("Who said ‘the world’s conscience’?", ("the world’s conscience",)),
    ],
)
def test_single_quotes_around_words_make_a_phrase(question: str, phrases: tuple[str, ...]) -> None:
    u = understand(question, REGISTRY)
    assert u.phrases == phrases
    assert all(phrase in u.search_text for phrase in phrases)  # searched, without its quotes


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Did anyone bring up the Bhopal gas leak at the General Assembly?", "the Bhopal gas leak"),
        ("Which countries brought up Sakharov at the UN?", "Sakharov"),
        ("Who quoted Malcolm X?", "Who quoted Malcolm X"),
        ("Has anyone at the UN raised drug resistance?", "raised drug resistance"),
        ("Has any country mentioned Bhopal in the United Nations General Assembly", "Bhopal"),
        # The degree asked for: answers say "catastrophic", not "bad".
        ("How bad was the damage from Hurricane Maria?", "was the damage from Hurricane Maria"),
        # The speech itself as the setting: "in West Germany's first UN speech".
        ("world hunger in West Germany's first UN speech", "world hunger"),
        ("Hurricane Maria, according to its speech", "Hurricane Maria"),
        # ... not a speech that is the topic.
        ("Who recalled Kennedy's inaugural speech?", "Who recalled Kennedy's inaugural speech"),
        # The Assembly as a topic, and the UN as part of a longer name, stay.
        ("reform of the General Assembly", "reform of the General Assembly"),
        (
            "speeches at the UN Security Council on Iraq",
            "speeches at the UN (United Nations) Security Council on Iraq",
        ),
    ],
)
def test_how_a_question_is_framed_is_not_searched(question: str, searched: str) -> None:
    assert understand(question, REGISTRY).search_text == searched


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("keeping Ireland out of the UN", "keeping Ireland out of the UN (United Nations)"),
        ("Red China's U.N. seat", "Red China's UN (United Nations) seat"),
        ("the UN’s budget", "the UN (United Nations) budget"),
        # Only the word, as an acronym: not inside another, nor the French "un".
        ("UNGA votes and UN-Habitat", "UNGA votes and UN-Habitat"),
        ("Chirac's “un monde multipolaire”", "Chirac's un monde multipolaire"),
        # In lower case after "the", in the case typed (capitals would make names of it).
        ("keeping ireland out of the un", "keeping ireland out of the un (united nations)"),
        ("the u.n.'s budget", "the un (united nations) budget"),
        ("un peacekeepers in the congo", "un peacekeepers in the congo"),
    ],
)
def test_the_un_is_also_searched_as_the_speeches_wrote_it(question: str, searched: str) -> None:
    assert understand(question, REGISTRY).search_text == searched


def test_an_events_day_stays_searched_and_a_date_said_firmly_is_the_one_asked() -> None:
    # Speeches dated by year alone are all of some 11 September: the words find the event.
    u = understand("Who talked about the September 11 attacks?", REGISTRY)
    assert (u.date_label, u.dates_loose) == ("11 September", True)
    assert "September 11 attacks" in u.search_text
    u = understand("Who talked about the September 11 attacks in 2001?", REGISTRY)
    assert (u.date_label, u.dates_loose) == ("2001", False)
    assert u.search_text.endswith("the September 11 attacks")
    # A day said with a preposition is the date asked for, and is not searched.
    u = understand("What was said on 6 January?", REGISTRY)
    assert u.date_label == "6 January" and "January" not in u.search_text


def test_mentions_and_long_questions_are_cleaned_with_notes() -> None:
    u = understand("<@123> @everyone what about climate? <#456>", REGISTRY)
    assert "123" not in u.search_text and "everyone" not in u.search_text
    assert "climate" in u.search_text
    long = understand("climate " * 3000, REGISTRY)
    assert len(long.search_text) <= MAX_QUERY_CHARS
    assert any("shortened" in note for note in long.notes)


def test_a_long_question_is_cut_at_its_last_whole_word_and_a_mention_between_words() -> None:
    assert clean("x" * MAX_QUERY_CHARS) == ("x" * MAX_QUERY_CHARS, ())
    words = "climate " * 300  # 2,400 characters: cut after the last whole word that fits
    cut = words.rfind(" ", 0, MAX_QUERY_CHARS)
    note = f"the question was shortened to its first {cut:,} characters"
    assert clean(words) == (words[:cut], (note,))
    # A last word longer than half the limit is cut where the limit falls.
    half = MAX_QUERY_CHARS // 2
    for run_on in ("x" * 3000, "a " + "x" * 3000, "a" * half + " " + "x" * 3000):
        assert clean(run_on)[0] == run_on[:MAX_QUERY_CHARS]
    longer_half = "a" * (half + 1) + " " + "x" * 3000
    assert clean(longer_half)[0] == "a" * (half + 1)
    assert clean("climate<@123>change") == ("climate change", ("mentions are not searched",))


def test_collective_speakers_are_plain_words() -> None:
    u = understand("what did participants say about the pandemic", REGISTRY)
    assert u.speaker is None
    assert "participants" in u.search_text


def test_unknown_name_is_kept_for_suggestions() -> None:
    u = understand("What did Wang Yii say about climate?", REGISTRY)
    assert u.speaker is None
    assert u.unknown_name == "Wang Yii"


def test_empty_and_symbol_questions() -> None:
    assert understand("", REGISTRY).search_text == ""
    assert understand("   \n\t", REGISTRY).search_text == ""
    assert understand("🙂🙂", REGISTRY).speaker is None


def test_order_of_range_ends_compares_their_bounds() -> None:
    from retrieval.question import ordered

    month, year = DocDate(year=2023, month=1), DocDate(year=2023)
    assert ordered(month, year) == (month, year, False)
    assert ordered(DocDate(year=2024), year) == (year, DocDate(year=2024), True)
    may, feb = DocDate(month=5), DocDate(month=2)
    assert ordered(may, feb) == (may, feb, False)


UNGDC_LIKE = SpeakerRegistry(
    [
        Speaker(name="Joseph R. Biden", paragraph_count=9),
        Speaker(name="Joe Biden", paragraph_count=2),
        Speaker(name="Sergey Lavrov"),
        Speaker(name="Wang Yi"),
        Speaker(name="Wang Shih-Chieh"),
        Speaker(name="Neville Young"),
    ]
)


BIDENS = ("Joseph R. Biden", "Joe Biden")  # two spellings the loader would merge


def test_a_unique_surname_names_its_speaker() -> None:
    biden = understand("What did Biden say about Ukraine?", UNGDC_LIKE).speaker
    assert biden is not None and UNGDC_LIKE.people(biden) == BIDENS
    lavrov = understand("Lavrov on NATO", UNGDC_LIKE)
    assert lavrov.speaker == "Sergey Lavrov"
    assert "Lavrov" not in lavrov.search_text
    assert understand("Lavrov: NATO", UNGDC_LIKE).speaker == "Sergey Lavrov"


def test_spellings_of_one_person_count_as_one() -> None:
    biden = understand("Biden on Ukraine", UNGDC_LIKE).speaker
    assert biden is not None and UNGDC_LIKE.people(biden) == BIDENS


def test_shared_lowercase_or_leading_surnames_are_plain_words() -> None:
    assert understand("What did Wang say?", UNGDC_LIKE).speaker is None
    assert understand("Young people and education", UNGDC_LIKE).speaker is None
    assert understand("young people and education", UNGDC_LIKE).speaker is None
    # Written in lower case where capitals are used, a surname is a word...
    assert understand("What did biden say", UNGDC_LIKE).speaker is None
    # ... but a question typed all in lower case says nothing by its capitals.
    assert understand("what did biden say", UNGDC_LIKE).speaker == "biden"
    assert understand("what did sergey lavrov say", UNGDC_LIKE).speaker == "Sergey Lavrov"
    # ... its given names too, before a surname found alone or as a one-word alias.
    for castro in (
        Speaker(name="Raúl Castro Ruz"),
        Speaker(name="Raúl Castro Ruz", aliases=("Castro",)),
    ):
        u = understand("what did raul castro say about the blockade", SpeakerRegistry([castro]))
        assert (u.speaker, u.search_text) == ("Raúl Castro Ruz", "the blockade")


def test_a_title_before_a_surname_is_fine_but_an_unknown_first_name_is_not() -> None:
    biden = understand("What did President Biden say?", UNGDC_LIKE).speaker
    assert biden is not None and UNGDC_LIKE.people(biden) == BIDENS
    assert understand("What did Hunter Biden say?", UNGDC_LIKE).speaker is None


def test_what_may_be_a_quotation() -> None:
    registry = SpeakerRegistry([])
    assert understand("Who said I have a dream?", registry).quotation == "I have a dream"
    assert understand("Who said that we must not bully?", registry).quotation == "we must not bully"
    assert (
        understand("Which leaders said the world is bigger than five", registry).quotation
        == "the world is bigger than five"
    )
    assert understand("Who said peace?", registry).quotation is None  # too short to be one
    # Not what the question reads otherwise: a date is the question's.
    for typed in (
        "Who said the world is bigger than five in 2024?",
        "Who said in 2024 that the world is bigger than five?",
        "In 2024, who said the world is bigger than five?",
    ):
        assert understand(typed, registry).quotation == "the world is bigger than five"
    assert (
        understand("ask not what your country can do for you", registry).quotation
        == "ask not what your country can do for you"
    )
    assert understand("climate finance for small islands", registry).quotation is None


def test_a_capitalised_framing_word_goes_where_a_sentence_starts() -> None:
    for end in ".?!":
        typed = f"Peace in Syria{end} Tell me about the ceasefire"
        assert understand(typed, REGISTRY).search_text == f"Peace in Syria{end} the ceasefire"
    # Inside a sentence it may be a name's ("the Islamic State"): it stays.
    typed = "Peace in Syria Tell me about the ceasefire"
    assert understand(typed, REGISTRY).search_text == typed
