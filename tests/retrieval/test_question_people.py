"""A person in a question: the one speaking, the context of what was said, or only a word.

"What did X say" filters by speaker; "at the meeting with X" scopes to the documents where X
appears, so the other side of the meeting is found; "Lake Chad" or "Camp David" name no one
even when a delegate is called Lake or David.
"""

from __future__ import annotations

import pytest

from corpus.countries import CountryVocabulary
from corpus.models import Speaker
from corpus.speakers import SpeakerRegistry
from retrieval.answer import ask, search
from retrieval.index import Index
from retrieval.models import Query
from retrieval.question import understand
from tests.retrieval.word_counts import Counts

SEEDS_LIKE = SpeakerRegistry(
    [
        Speaker(name="Wang Yi", paragraph_count=9),
        Speaker(name="Qin Gang", paragraph_count=2),
        Speaker(name="Csaba Kőrösi", aliases=("Kőrösi", "Korosi"), paragraph_count=1),
        Speaker(name="Volkan Bozkır", aliases=("Bozkir", "Bozkor")),
        Speaker(name="Tsiang", paragraph_count=250),
    ]
)
# Delegates whose names are also words or places, as on the full UNGDC.
NAMES_AS_WORDS = SpeakerRegistry(
    [
        Speaker(name="David", paragraph_count=985),
        Speaker(name="Lake", paragraph_count=27),
        Speaker(name="Spring", paragraph_count=114),
        Speaker(name="Jordan", paragraph_count=20),
        Speaker(name="Elizabeth Truss", paragraph_count=15),
        Speaker(name="Sergey Lavrov", paragraph_count=355),
    ]
)


# Paragraphs holding each word on the full UNGDC.
FULL_COUNTS = Counts(NAMES_AS_WORDS, {"lake": 724, "jordan": 2900, "lavrov": 5, "david": 524})


# --- speaker or context -------------------------------------------------------------------


def test_the_one_speaking_is_the_speaker() -> None:
    for question in (
        "What did Qin Gang say about the UN?",
        "statements by Qin Gang on the UN",
        "according to Qin Gang, the UN",
        "Qin Gang said the UN",
        "Qin Gang's remarks on the UN",
        "What plan for the UN did Qin Gang put forward?",
        "What did Qin Gang propose for the UN?",
    ):
        u = understand(question, SEEDS_LIKE)
        assert (u.speaker, u.involving, u.speaker_said) == ("Qin Gang", None, True), question
        assert "Gang" not in u.search_text and "UN" in u.search_text, question


def test_a_name_found_outside_the_speakers_slot_is_a_speaker_that_may_give_way() -> None:
    u = understand("the UN and Qin Gang", SEEDS_LIKE)
    assert (u.speaker, u.speaker_said) == ("Qin Gang", False)


def test_a_meeting_with_someone_scopes_to_where_they_appear() -> None:
    u = understand("the UN's role at the meeting with Qin Gang", SEEDS_LIKE)
    assert (u.speaker, u.involving) == (None, "Qin Gang")
    assert u.search_text == "the UN (United Nations) role"
    assert u.understood == ("in documents with Qin Gang",)


def test_speaker_and_context_together() -> None:
    u = understand("what did Korosi think of China's role when he met Qin Gang", SEEDS_LIKE)
    assert (u.speaker, u.involving) == ("Csaba Kőrösi", "Qin Gang")
    assert u.search_text == "China's role"
    assert u.understood == ("showing Csaba Kőrösi", "in documents with Qin Gang")


def test_each_form_of_context() -> None:
    for question, person in (
        ("Qin Gang's visit to New York", "Qin Gang"),
        ("talks with Kőrösi on the Charter", "Csaba Kőrösi"),
        ("Which ministers attended the meeting chaired by Wang Yi?", "Wang Yi"),
        ("What did Bozkir do at the Security Council meeting?", "Volkan Bozkır"),
        ("What did the General Assembly president Bozkir do there?", "Volkan Bozkır"),
        ("what was said when Wang Yi met the ministers", "Wang Yi"),
        ("Qin Gang's talks with Kőrösi", "Qin Gang"),
    ):
        u = understand(question, SEEDS_LIKE)
        assert (u.speaker, u.involving) == (None, person), question


def test_a_person_quoted_or_praised_is_context_and_stays_searched() -> None:
    for question in ("Which leaders quoted Wang Yi?", "Who paid tribute to Kőrösi's work?"):
        u = understand(question, SEEDS_LIKE)
        assert u.speaker is None and u.involving is not None, question
    assert understand("Who quoted Wang Yi?", SEEDS_LIKE).search_text == "Who quoted Wang Yi"


def test_in_a_question_asking_who_spoke_a_person_is_a_word_of_what_was_said() -> None:
    # The speaker is what is asked: a person named is searched, with no filter.
    for question, words in (
        ("Who talked about the handshake between Wang Yi and Qin Gang?", "Wang Yi and Qin Gang"),
        ("Did anyone bring up Qin Gang and the UN?", "Qin Gang and the UN"),
        ("Which leaders spoke about Kőrösi on the Charter?", "Kőrösi"),
        ("Was Kőrösi ever mentioned in the talks?", "Kőrösi"),
    ):
        u = understand(question, SEEDS_LIKE)
        assert (u.speaker, u.involving) == (None, None), question
        assert words in u.search_text, question
    # Where the words around place the person, they still do.
    assert understand("Who did Qin Gang meet?", SEEDS_LIKE).involving == "Qin Gang"
    assert understand("Who did Qin Gang say was right?", SEEDS_LIKE).speaker == "Qin Gang"
    assert understand("Who met Qin Gang?", SEEDS_LIKE).involving == "Qin Gang"
    # "Who" is then the object: the person may still be the one speaking.
    assert understand("Who did Qin Gang and Wang Yi blame?", SEEDS_LIKE).speaker == "Wang Yi"


def test_the_occasion_is_searched_when_it_is_all_there_is() -> None:
    assert understand("Qin Gang's visit", SEEDS_LIKE).search_text == "visit"
    u = understand("What did Kőrösi say at the meeting with Qin Gang?", SEEDS_LIKE)
    assert (u.speaker, u.involving, u.search_text) == ("Csaba Kőrösi", "Qin Gang", "")


def test_initials_and_possessives_go_with_the_name() -> None:
    u = understand("What did T. F. Tsiang say about Korea?", SEEDS_LIKE)
    assert (u.speaker, u.search_text) == ("Tsiang", "Korea")
    assert understand("Wang Yi's proposal", SEEDS_LIKE).search_text == "proposal"


def test_every_word_of_the_speakers_slot_names_the_speaker() -> None:
    # Given names the corpus never writes with the surname are not searched for.
    for question in (
        "What did tingfu tsiang say about Korea?",
        "What did Tingfu F. Tsiang say about Korea?",
        "What did the Chinese delegate Tsiang say about Korea?",
    ):
        u = understand(question, SEEDS_LIKE)
        assert (u.speaker, u.search_text) == ("Tsiang", "Korea"), question
    # A name inside the slot that more of the name follows is not another person: on the
    # full UNGDC a delegate is filed as "Andrei", and "andrei kozyrev" had read him as context.
    registry = SpeakerRegistry([Speaker(name="Andrei"), Speaker(name="Kozyrev")])
    u = understand("What did andrei kozyrev say about Latvia?", registry)
    assert (u.speaker, u.involving, u.search_text) == ("Kozyrev", None, "Latvia")
    # Words joined to the name by "and" name someone else: they stay to be searched.
    u = understand("What did the delegates and Tsiang say about Korea?", SEEDS_LIKE)
    assert (u.speaker, u.search_text) == ("Tsiang", "the delegates and Korea")


def test_overlapping_spans_read_as_filters_are_cut_as_one() -> None:
    # The country ("Chinese") and the speaker's slot overlap: both go, nothing is repeated.
    u = understand("What did the Chinese delegate Tsiang say about Korea?", SEEDS_LIKE)
    assert "Tsiang" not in u.search_text and "delegate" not in u.search_text


def test_a_capitalised_word_that_looks_like_filler_is_kept() -> None:
    u = understand("What did Wang Yi say about the Islamic State?", SEEDS_LIKE)
    assert u.search_text == "the Islamic State"


# --- names that are words -------------------------------------------------------------------


def test_a_name_beside_another_capitalised_word_is_a_place_or_phrase() -> None:
    for question in (
        "the Camp David accords",
        "What did Egypt say about Camp David?",
        "drought around Lake Chad",
        "What did Tunisia say about the Arab Spring?",
        "Who mentioned the Arab Spring?",  # "Arab" is no title of a person
        "who mentioned the arab spring",
    ):
        u = understand(question, NAMES_AS_WORDS)
        assert (u.speaker, u.involving) == (None, None), question
    # In lower case a name grows over "of", a title's word too ("President of …"): no phrase.
    assert understand("the views of david on cyprus", NAMES_AS_WORDS).speaker == "David"
    assert "Camp David" in understand("the Camp David accords", NAMES_AS_WORDS).search_text
    # A personal title is no such word, and a speaker's slot still names the delegate.
    assert understand("What did Mr. David say about Cyprus?", NAMES_AS_WORDS).speaker == "David"
    # Nor is a question's opening word, for a listed name or a bare surname alike.
    for question in ("Did Lavrov talk about NATO?", "Has Sergey Lavrov talked about NATO?"):
        assert understand(question, NAMES_AS_WORDS).speaker == "Sergey Lavrov", question
    assert understand("What did Hunter Lavrov say?", NAMES_AS_WORDS).speaker is None


def test_a_name_in_the_speakers_slot_that_names_no_one_is_said_to_be_searched() -> None:
    # The reply quotes others naming her: it says so, beside the citations.
    u = understand("What did Malala say about girls' education?", SEEDS_LIKE)
    assert (u.speaker, u.unknown_name) == (None, "Malala")
    assert u.notes == ("“Malala” names no speaker in the corpus: its words are searched",)
    assert "Malala" in u.search_text
    # A country in the slot speaks through its delegations: no such note.
    counts = Counts(SEEDS_LIKE, {}, countries=CountryVocabulary([("United States", "USA")]))
    u = understand("What did the US say about Iraq?", counts)
    assert (u.country, u.notes) == ("United States", ())
    # Nor for a speaker the corpus knows, nor for words that are no name.
    assert understand("What did Qin Gang say about Ukraine?", SEEDS_LIKE).notes == ()
    question = "Did anyone at the UN mention the January 6 storming of the US Capitol?"
    assert understand(question, SEEDS_LIKE).notes == ()


def test_a_name_within_a_countrys_name_is_no_one() -> None:
    # On the full UNGDC "El Salvador's attack" searched only the documents naming Laurent
    # Salvador Lamothe, a delegate of Haiti.
    registry = SpeakerRegistry([Speaker(name="Laurent Salvador Lamothe", paragraph_count=40)])
    countries = CountryVocabulary([("El Salvador", "SLV"), ("Honduras", "HND")])
    counts = Counts(registry, {"salvador": 900, "attack": 9000}, countries=countries)
    question = "How did Honduras describe El Salvador's attack in the 1969 Football War?"
    u = understand(question, counts)
    assert (u.speaker, u.involving, u.country) == (None, None, "Honduras")
    assert "El Salvador's attack" in u.search_text
    # Outside a country's name the word is still the person's.
    u = understand("What did Laurent Salvador Lamothe say about El Salvador?", counts)
    assert u.speaker == "Laurent Salvador Lamothe"


def test_a_name_grown_into_a_countrys_name_is_no_one() -> None:
    # The full UNGDC has a speaker called "Upper Volta"; typed in lower case, the name grew
    # leftwards over "what did", so the country's span did not hold it whole.
    registry = SpeakerRegistry([Speaker(name="Upper Volta", paragraph_count=3)])
    countries = CountryVocabulary([("Burkina Faso", "BFA")])
    counts = Counts(registry, {"sahel": 900}, countries=countries)
    for question in ("what did upper volta say about the sahel?", "What did Upper Volta say?"):
        u = understand(question, counts)
        assert (u.speaker, u.country) == (None, "Burkina Faso"), question


def test_a_name_after_a_particle_and_a_capitalised_word_is_a_place() -> None:
    # On the full UNGDC "the Nevado del Ruiz eruption" was read as the words of Gomez Ruiz.
    registry = SpeakerRegistry(
        [Speaker(name="Gomez Ruiz", paragraph_count=30), Speaker(name="de Gaulle")]
    )
    counts = Counts(registry, {"ruiz": 20, "eruption": 300, "gaulle": 40})
    u = understand("Did anyone talk about the Nevado del Ruiz eruption at Armero?", counts)
    assert (u.speaker, u.involving) == (None, None)
    assert "Nevado del Ruiz eruption" in u.search_text
    # A title before the particle is the person's, as it is right before a name.
    assert understand("What did President del Ruiz say?", counts).speaker == "Gomez Ruiz"
    assert understand("What did del Ruiz say?", counts).speaker == "Gomez Ruiz"


def test_a_phrase_that_fits_a_fuller_name_only_by_an_initial_is_a_phrase() -> None:
    # On the full UNGDC: "Camp David" fits "C. Peter David" (C for Camp), "Arab Spring" fits
    # Dick Spring's "Spring" (a given name he is not known by).
    registry = SpeakerRegistry(
        [
            Speaker(name="C. Peter David", paragraph_count=96),
            Speaker(name="Dick Spring", aliases=("Spring",), paragraph_count=262),
        ]
    )
    for question, phrase in (
        ("the Camp David accords", "Camp David"),
        ("What did Tunisia say about the Arab Spring?", "Arab Spring"),
    ):
        u = understand(question, registry)
        assert (u.speaker, u.involving) == (None, None), question
        assert phrase in u.search_text, question
    # Where the question places the person, or their given name is spelt out, it is a name.
    assert understand("What did Camp David say?", registry).speaker == "C. Peter David"
    assert understand("Dick Spring and Northern Ireland", registry).speaker == "Dick Spring"


def test_a_name_after_an_indefinite_article_is_a_word() -> None:
    # On the full UNGDC "ban" is Ban Ki-moon in a question typed in lower case.
    registry = SpeakerRegistry([Speaker(name="Ban", paragraph_count=400)])
    question = "which leaders called for rules or a ban on killer robots?"
    u = understand(question, registry)
    assert (u.speaker, u.involving) == (None, None)
    assert "a ban on killer robots" in u.search_text
    assert understand("ban on killer robots", registry).speaker == "Ban"


def test_in_lower_case_a_given_name_before_a_word_hardly_written_is_another_persons() -> None:
    # On the full UNGDC "andrei" is Ştefan Andrei's surname and Andrei Gromyko's given name,
    # and 13 of 388,236 paragraphs hold "sakharov".
    shares = {"sakharov": 13 / 388_236}
    registry = SpeakerRegistry(
        [
            Speaker(name="Andrei", paragraph_count=300),
            Speaker(name="Andrei Gromyko"),
            Speaker(name="Sergey Lavrov"),
        ],
        word_share=lambda word: shares.get(word, 0.01),
    )
    u = understand("which countries brought up the dissident andrei sakharov?", registry)
    assert (u.speaker, u.involving) == (None, None)
    assert "andrei sakharov" in u.search_text
    # Before a word the corpus often writes, the name is still his.
    assert understand("what did andrei say about disarmament?", registry).speaker == "Andrei"
    # With capitals, they say which words are names ("Andrei Sakharov" is one).
    shares["asbestos"] = shares["sakharov"]
    assert understand("the Andrei asbestos remarks", registry).speaker == "Andrei"
    # A surname no one has as a given name is a speaker's, whatever follows.
    shares["skripal"] = 1 / 388_236
    assert understand("what about lavrov skripal poisoning", registry).speaker == "Sergey Lavrov"


def test_a_bare_first_name_outside_a_speakers_slot_is_a_word() -> None:
    u = understand("the death of Queen Elizabeth", NAMES_AS_WORDS)
    assert u.speaker is None and "Elizabeth" in u.search_text


def test_a_word_the_corpus_uses_far_more_than_its_namesake_speaks_is_a_word() -> None:
    assert understand("Lake on drought", FULL_COUNTS).speaker is None
    assert understand("Jordan's position on Syria", FULL_COUNTS).speaker is None
    assert understand("Lavrov on NATO", FULL_COUNTS).speaker == "Sergey Lavrov"
    # Without word counts (a bare registry) the words around the name decide alone.
    assert understand("Jordan's position on Syria", NAMES_AS_WORDS).speaker == "Jordan"


def test_with_word_counts_a_surname_first_is_the_person_unless_an_ordinary_word() -> None:
    # The first word is capitalised whatever it is: the corpus's words decide, as in lower
    # case ("erdogan" is in 42 of the full UNGDC's paragraphs; he speaks 200).
    registry = SpeakerRegistry(
        [
            Speaker(name="Recep Tayyip Erdogan", paragraph_count=200),
            Speaker(name="Young", paragraph_count=43),
        ]
    )
    counts = Counts(registry, {"erdogan": 42, "young": 3084})
    for question in ("Erdogan syria refugees", "erdogan syria refugees"):
        u = understand(question, counts)
        assert (u.speaker, u.search_text) == ("Recep Tayyip Erdogan", "syria refugees"), question
    assert understand("Young people and jobs", counts).speaker is None
    # Without word counts only a word of speaking after it makes it a name.
    assert understand("Erdogan syria refugees", registry).speaker is None
    assert understand("Erdogan on syria refugees", registry).speaker == "Recep Tayyip Erdogan"


def test_a_countrys_name_beside_a_name_is_no_part_of_it() -> None:
    registry = SpeakerRegistry(
        [
            Speaker(name="Barack Obama", paragraph_count=120),
            Speaker(name="Lake", paragraph_count=27),
        ]
    )
    countries = CountryVocabulary([("Syria", "SYR"), ("Chad", "TCD")])
    counts = Counts(registry, {"obama": 286, "lake": 724}, countries=countries)
    u = understand("Obama Syria", counts)
    assert (u.speaker, u.search_text) == ("Barack Obama", "Syria")
    # A name that is also a word is read by the corpus's words: "Lake" is mostly a word.
    assert understand("drought around Lake Chad", counts).speaker is None
    # Any other capitalised word beside it may be more of a name the corpus does not know.
    assert understand("Obama Foundation grants", counts).speaker is None


def test_a_name_grown_into_a_countrys_name_is_not_read_from_its_surname() -> None:
    # Typed in lower case, "gandhi" grew leftwards over "india on mahatma" to Indira Gandhi.
    registry = SpeakerRegistry([Speaker(name="Indira Gandhi", paragraph_count=90)])
    countries = CountryVocabulary([("India", "IND")])
    counts = Counts(registry, {"gandhi": 150, "mahatma": 40}, countries=countries)
    u = understand("india on mahatma gandhi 150th birth anniversary", counts)
    assert (u.speaker, u.country) == (None, "India")
    assert "mahatma gandhi" in u.search_text


def test_a_surname_weighs_against_the_words_by_everyone_it_names() -> None:
    # Full UNGDC: "kennedy" is in 277 paragraphs; Ireland's Kennedy speaks 71 and John F.
    # Kennedy 109. Either alone is outweighed by the word; the two together are not.
    registry = SpeakerRegistry(
        [
            Speaker(name="Kennedy", paragraph_count=71),
            Speaker(name="John F. Kennedy", paragraph_count=109),
        ]
    )
    counts = Counts(registry, {"kennedy": 277})
    assert understand("Kennedy's visit", counts).involving == "Kennedy"
    alone = SpeakerRegistry([Speaker(name="Kennedy", paragraph_count=71)])
    assert understand("Kennedy's visit", Counts(alone, {"kennedy": 277})).involving is None


def test_a_surname_typed_in_another_spelling_is_the_person() -> None:
    registry = SpeakerRegistry(
        [Speaker(name="Colonel Maummar Al-Qadhafi", paragraph_count=40), *NAMES_AS_WORDS.all()]
    )
    u = understand("What did Gaddafi say about Security Council reform in 2009?", registry)
    assert (u.speaker, u.speaker_said) == ("Colonel Maummar Al-Qadhafi", True)
    assert "Gaddafi" not in u.search_text and "reform" in u.search_text
    # Every spelling the corpus files a person under is read, and a bare name spelt otherwise.
    filed = SpeakerRegistry(
        [
            Speaker(name="Volodymyr Zelenskyy", aliases=("Volodymyr Zelensky",)),
            Speaker(name="Luiz Inacio Lula da Silva", aliases=("Lula da Silva",)),
            Speaker(name="Vyshinsky", paragraph_count=300),
            Speaker(name="Kissinger", paragraph_count=80),
            Speaker(name="Henry Cabot Lodge", paragraph_count=10),
        ]
    )
    for question, speaker in (
        ("What did Zelensky say about the grain corridor?", "Volodymyr Zelenskyy"),
        ("Lula on the fight against hunger", "Luiz Inacio Lula da Silva"),
        ("Vishinsky on the atomic bomb", "Vyshinsky"),
        ("What did Henry Kissinger say about detente?", "Kissinger"),
    ):
        u = understand(question, filed)
        assert u.speaker == speaker and "Henry" not in u.search_text, question
    # A word the corpus uses far more than its namesake speaks stays a word when so read too.
    gherman = SpeakerRegistry([Speaker(name="Natalia Gherman", paragraph_count=20)])
    counts = Counts(gherman, {"german": 2449})
    assert understand("What did German diplomats say about reunification?", counts).speaker is None


# --- answers --------------------------------------------------------------------------------


def test_the_other_side_of_a_meeting_is_found(seeds: Index) -> None:
    answer = ask(seeds, "what did Korosi think of China's role when he met Qin Gang")
    assert answer.query.speaker == "Csaba Kőrösi" and answer.query.involving == "Qin Gang"
    assert answer.not_found is None
    assert answer.hits[0].text.startswith("Kőrösi noted that China is an important partner")
    assert "in documents with Qin Gang" in answer.understood


def test_what_both_sides_said_at_a_meeting(seeds: Index) -> None:
    answer = ask(
        seeds,
        "At the meeting with Kőrösi, what was said about Japan's plan to discharge "
        "nuclear-contaminated water?",
    )
    assert answer.query.involving == "Csaba Kőrösi" and answer.query.speaker is None
    assert answer.hits and "Japan’s plan to discharge" in answer.hits[0].text
    assert answer.hits[0].citation.speakers == ()  # "both sides": no one person speaks it


def test_the_narration_of_a_meeting_someone_chaired(seeds: Index) -> None:
    answer = ask(seeds, "Which foreign ministers attended the meeting chaired by Wang Yi?")
    assert answer.query.involving == "Wang Yi"
    assert answer.hits and "Foreign ministers of Russia" in answer.hits[0].text


def test_involving_keeps_the_documents_where_the_person_appears(seeds: Index) -> None:
    qin = search(seeds, Query(text="China", involving="Qin Gang", k=20), strict=False)
    wang = search(seeds, Query(text="China", involving="wang yi", k=20), strict=False)
    assert qin.hits and wang.hits
    assert {h.citation.title for h in qin.hits} == {
        "Qin Gang Holds Talks with President of the 77th Session of the United Nations "
        "General Assembly Csaba Kőrösi"
    }
    assert {h.citation.doc_id for h in qin.hits}.isdisjoint(h.citation.doc_id for h in wang.hits)
    nobody = search(seeds, Query(text="China", involving="Nobody Known"), strict=False)
    assert nobody.hits == ()


def test_a_persons_proposal_is_found_in_others_words_when_not_in_their_own(
    sample: Index,
) -> None:
    # Wang Yi said it in 2013: the proposal is Xi Jinping's, the paragraph is not.
    question = "Xi Jinping's four-point proposal on Palestine"
    assert understand(question, sample).speaker == "Xi Jinping"
    answer = ask(sample, question)
    assert answer.not_found is None and answer.query.speaker is None
    assert any("nothing by Xi Jinping answers" in said for said in answer.understood)
    assert answer.hits and answer.hits[0].citation.speakers == ("Wang Yi",)
    assert "four-point proposal on resolving the Palestinian issue" in answer.hits[0].text


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Khrushchev's 1960 proposal to abolish the colonial system", "authored"),
        ("Lavrov's new initiative on Syria", "authored"),
        ("Lavrov's 2019 remarks", "topic"),
        ("Lavrov's visit to Cairo", "context"),
        ("the UN after Khrushchev's death", "named"),
        ("Lavrov's sudden arrest", "named"),
    ],
)
def test_a_possessive_places_its_person_by_the_noun_after_it(question: str, role: str) -> None:
    registry = SpeakerRegistry(
        [Speaker(name="Nikita S. Khrushchev", paragraph_count=368), *NAMES_AS_WORDS.all()]
    )
    understood = understand(question, registry)
    if role == "context":
        assert understood.speaker is None and understood.involving is not None
    elif role == "named":  # what befell the person: their name is in the answer
        assert understood.speaker is None and understood.involving is not None
        assert any(name in understood.search_text for name in ("Khrushchev", "Lavrov"))
    else:
        assert understood.speaker is not None and understood.involving is None
        # Only words the person said are firm; what they put forward others take up too.
        assert understood.speaker_said == (role == "topic")


def test_ask_weighs_names_against_the_corpus_words(sample: Index) -> None:
    # Ethiopia's minister is Taye Atske-Selassie Made (22 paragraphs); "made" is in 465.
    question = "the progress Made on the goals"
    assert understand(question, sample.speakers).speaker == "Taye Atske-Selassie Made"
    answer = ask(sample, question)
    assert answer.query.speaker is None and "Made" in answer.query.text


def test_a_name_written_family_name_first_is_the_person_of_the_other_order(sample: Index) -> None:
    # Filed as "Kuan-hua Chiao" (1973), "Mr. CHIAO" (1975) and "Mr. Chiao Kuan-hua" (1976).
    question = (
        "What did Chiao Kuan-hua say about the Soviet proposal to cut military budgets by 10 "
        "per cent?"
    )
    answer = ask(sample, question)
    assert answer.not_found is None and answer.query.speaker == "Kuan-hua Chiao"
    assert answer.hits[0].citation.path.endswith("CHN_30_1975.txt")


def test_a_president_called_by_the_first_of_two_surnames_is_the_speaker(sample: Index) -> None:
    # The sample's Colombian president is filed as Gustavo Petro Urrego; the index keeps
    # the country he spoke for, by which "Petro" is read as his father's surname.
    assert sample.speakers.get("Gustavo Petro Urrego").places == ("COL",)  # type: ignore[union-attr]
    answer = ask(sample, "What did Petro say about the Amazon burning?")
    assert answer.query.speaker == "Gustavo Petro Urrego"
    assert answer.hits and answer.hits[0].citation.speakers == ("Gustavo Petro Urrego",)


def test_a_first_name_names_the_one_person_whose_name_begins_with_it() -> None:
    people = SpeakerRegistry(
        [
            Speaker(name="Kofi Annan"),
            Speaker(name="Wang Yi"),
            Speaker(name="Wang Guangya"),
        ]
    )

    def speaker(question: str) -> str | None:
        return understand(question, people).speaker

    assert speaker("What did Kofi say about Africa?") == "Kofi Annan"
    # Begun by two names, a first word is left to the registry, which knows no "Wang".
    assert speaker("What did Wang say about Africa?") is None
