"""Countries in retrieval: the country filter, the country a question is asked of, and what an
answer says when a country has nothing to quote."""

from __future__ import annotations

from retrieval.answer import ask, search
from retrieval.index import Index
from retrieval.models import DateRange, Query
from retrieval.question import understand
from tests.linear import statement_seconds


def isos(index: Index, answer_paths: list[str]) -> set[str]:
    extra = {d.path: d.extra for d in index.documents()}
    return {extra[path].get("iso", "") for path in answer_paths}


def test_the_country_filter_keeps_that_countrys_documents(sample: Index) -> None:
    query = Query(text="Ukraine", country="US", k=20)
    ranking = sample.search(query)
    paths = [sample.document_of_row(row).path for row in ranking.rows]
    assert paths and isos(sample, paths) == {"USA"}
    assert ranking.total < sample.search(Query(text="Ukraine", k=20)).total

    # Every form of the country, and only its documents: the mask is the metadata's.
    for form in ("USA", "United States of America", "America", "Americans", "u.s."):
        assert sample.search(query.model_copy(update={"country": form})).rows == ranking.rows
    chinese = [d for d in sample.documents() if d.extra.get("iso") == "CHN"]
    paragraphs = sum(sample.search(Query(text="", document=d.id)).total for d in chinese)
    assert len(chinese) == 78
    assert sample.search(Query(text="", country="PRC")).total == paragraphs
    assert sample.search(Query(text="Ukraine", country="Atlantis")).total == 0


def test_the_country_combines_with_dates(sample: Index) -> None:
    kashmir = sample.search(Query(text="Kashmir", country="China", k=10)).rows
    years = {sample.document_of_row(row).date.year for row in kashmir}  # type: ignore[union-attr]
    assert {1956, 1965, 1998, 2002, 2019} <= years
    in_2019 = Query.lenient("Kashmir", country="China", dates=DateRange.typed("2019"))
    rows = sample.search(in_2019).rows
    assert [sample.document_of_row(row).path for row in rows] == [
        "TXT/Session 74 - 2019/CHN_74_2019.txt"
    ]


def test_a_question_asked_of_a_country_is_scoped_to_it(sample: Index) -> None:
    u = understand("What did the US say about Iraq in 2003?", sample)
    assert u.country == "United States"
    assert u.dates is not None and u.dates.start is not None and u.dates.start.year == 2003
    assert u.search_text == "Iraq"
    assert u.understood == ("2003", "country: United States")


def test_us_in_lower_case_stays_a_pronoun(sample: Index) -> None:
    u = understand("Tell us about Iraq", sample)
    assert u.country is None
    assert u.search_text == "Iraq"
    assert understand("What can you tell us about the US on Ukraine?", sample).country == (
        "United States"
    )


def test_demonyms_and_short_forms_name_the_speaking_country(sample: Index) -> None:
    asked = {
        "What did the Soviets say about Afghanistan?": ("Russia", "Afghanistan"),
        "What is the Chinese position on AI governance?": ("China", "position on AI governance"),
        "What did the Greeks say about Cyprus?": ("Greece", "Cyprus"),
        "PRC position on Kashmir": ("China", "position on Kashmir"),
        "What did the British say about the Falklands?": ("United Kingdom", "the Falklands"),
        "Brazil on Amazon deforestation": ("Brazil", "on Amazon deforestation"),
        "Argentina's claim to the Malvinas": ("Argentina", "claim to the Malvinas"),
        "What has North Korea said about sanctions?": ("North Korea", "sanctions"),
        # Whom its delegate spoke for: those words only say which country.
        "Who spoke for China in 2021?": ("China", "Who"),
        "Who represented the United States in 1950?": ("United States", "Who"),
        # Its delegate named before it: they too say only which country.
        "What did the delegate from India say about Kashmir?": ("India", "Kashmir"),
        "the representative of Pakistan on Kashmir": ("Pakistan", "on Kashmir"),
    }
    for question, (country, searched) in asked.items():
        u = understand(question, sample)
        assert (u.country, u.search_text) == (country, searched), question


def test_a_country_as_the_topic_stays_a_word(sample: Index) -> None:
    u = understand("What did Kuwait say about the Iraqi invasion?", sample)
    assert (u.country, u.search_text) == ("Kuwait", "the Iraqi invasion")
    for question in (
        "Japan discharge of nuclear-contaminated water into the ocean",
        "the invasion of Kuwait",
        "Ukraine",
        "Who condemned apartheid in South Africa?",
        "refugees from East Pakistan in 1971",
        "What did participants think of China's initiative?",
        "Latin American debt",
        "What did Chad say about the shrinking of Lake Chad?",
        "Who spoke for the refugees from Syria?",
        "the envoy of the Secretary-General in Syria",
    ):
        u = understand(question, sample)
        assert u.country in (None, "Chad"), question
        assert u.country is None or "Lake Chad" in u.search_text


def test_a_title_followed_by_a_name_describes_a_person_not_the_country(sample: Index) -> None:
    for question in (
        "Who mourned the former Venezuelan president Rómulo Betancourt when he died?",
        "what was said about the assassination of burundi's president ndadye in 1993",
        "Who welcomed Peru's president Alan García?",
    ):
        u = understand(question, sample)
        assert u.country is None, question
    # A title with no name after it is the country's own voice.
    for question, country in (
        ("What did the Venezuelan president say about oil?", "Venezuela"),
        ("what did burundi's president say about the refugees", "Burundi"),
        ("the venezuelan president on oil", "Venezuela"),
        ("what the venezuelan president said about oil", "Venezuela"),
        ("the venezuelan president and the oil", "Venezuela"),
        ("Iraq's foreign minister in 2003", "Iraq"),
    ):
        assert understand(question, sample).country == country, question


def test_a_corpus_without_countries_reads_none(seeds: Index) -> None:
    u = understand("What did the US say about multilateralism?", seeds)
    assert u.country is None


def test_an_answer_says_which_country_it_shows(sample: Index) -> None:
    answer = ask(sample, "What did the US say about Ukraine?")
    assert "country: United States" in answer.understood
    assert answer.hits and isos(sample, [h.citation.path for h in answer.hits]) == {"USA"}


def test_a_country_with_nothing_to_quote_says_so(sample: Index) -> None:
    # Antarctica is in the sample (other countries speak of it), never in Kuwait's statement.
    answer = ask(sample, "What did Kuwait say about Antarctica?")
    assert not answer.hits
    assert answer.not_found is not None and "from the country Kuwait" in answer.not_found
    assert "without the country (Kuwait)" in answer.suggestions
    assert answer.query.country == "Kuwait"


def test_an_explicit_country_overrides_and_an_unknown_one_is_explained(sample: Index) -> None:
    answer = ask(sample, "Ukraine", country="britain")
    assert answer.understood == ("country: United Kingdom",)
    assert answer.hits and isos(sample, [h.citation.path for h in answer.hits]) == {"GBR"}
    assert "Ukraine" in answer.hits[0].text  # the question's own country is searched

    unknown = ask(sample, "Ukraine", country="Untied States")
    assert unknown.not_found == "No country called “Untied States” in the corpus."
    assert "United States" in unknown.suggestions[0]
    searched = search(sample, Query(text="Ukraine", country="Atlantis"))
    assert searched.not_found == "No country called “Atlantis” in the corpus."


def test_reading_a_country_from_a_question_is_linear(shared_dir: object) -> None:
    seconds = statement_seconds(
        "from retrieval.index import open_index\n"
        "from retrieval.question_countries import country_in_question, country_mentions\n"
        "from corpus.countries import CountryVocabulary\n"
        "v = CountryVocabulary([('United States of America', 'USA'), ('Iraq', 'IRQ')])\n"
        "texts = [w * (200_000 // len(w)) for w in ('US ', 'of Iraq ', ' ', 'the ', 'did the ',"
        " \"Iraq's \", 'America ' + ' ' * 50)]",
        "for t in texts: country_in_question(t, v, [], country_mentions(t, v))",
        timeout=60,
    )
    assert seconds < 10
