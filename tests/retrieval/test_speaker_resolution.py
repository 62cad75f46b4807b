"""One rule reads a speaker's name everywhere: ``ask``, ``search --speaker``, ``/speaker`` and
the index's filter resolve it through ``SpeakerRegistry.people``, and a surname several
people share covers them all and says so (a UNGDC-like corpus built in a temporary folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from corpus.loader import load_corpus
from corpus.models import Speaker
from corpus.speakers import SpeakerRegistry
from retrieval.answer import ask, search
from retrieval.index import Index
from retrieval.lookups import resolve_speaker, speaker_paragraphs
from retrieval.models import Hit, Query
from retrieval.question import understand
from tests.corpus.test_speakers import UNGDC_LIKE_ROWS, write_ungdc_like

BOTH_BUSHES = "showing Bush: George Bush and George W. Bush"


@pytest.fixture(scope="module")
def ungdc_like(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("ungdc-like")
    write_ungdc_like(folder, UNGDC_LIKE_ROWS)
    return Index.build(load_corpus([folder], progress=False), progress=False)


def years(index: Index, hits: tuple[Hit, ...]) -> list[str]:
    found = []
    for hit in hits:
        document = index.document(hit.citation.doc_id)
        assert document is not None and document.date is not None
        found.append(document.date.iso)
    return found


def test_bush_iraq_2003_reaches_george_w_bush(ungdc_like: Index) -> None:
    answer = ask(ungdc_like, "What did Bush say about Iraq in 2003?")
    assert answer.not_found is None
    assert answer.hits[0].citation.speakers == ("George W. Bush",)
    assert years(ungdc_like, answer.hits) == ["2003"]
    assert BOTH_BUSHES in answer.understood
    assert answer.query.speaker == "Bush"


def test_a_shared_surname_covers_everyone_it_names(ungdc_like: Index) -> None:
    answer = ask(ungdc_like, "What did Bush say about Iraq?")
    assert {hit.citation.speakers for hit in answer.hits} == {("George Bush",), ("George W. Bush",)}
    page = speaker_paragraphs(ungdc_like, "Bush", k=10)
    assert len(page.hits) == 6 and BOTH_BUSHES in page.understood
    assert resolve_speaker(ungdc_like, "Bush") == ("Bush", [])


def test_a_full_name_still_names_one_person(ungdc_like: Index) -> None:
    page = speaker_paragraphs(ungdc_like, "George Bush", k=10)
    assert {hit.citation.speakers for hit in page.hits} == {("George Bush",)}
    assert page.understood == ()


def test_a_full_name_with_nothing_in_the_year_asked_searches_its_surname_filed_alone(
    tmp_path: Path,
) -> None:
    # The full UNGDC files Indira Gandhi's 1968 speech under her full name, her 1983 one as
    # "Mrs. GANDHI": two people to the registry, fifteen years apart.
    rows = [
        ("MRS. INDIRA GANDHI", "IND", "1968", "Nuclear weapons threaten all mankind."),
        ("Mrs. GANDHI", "IND", "1983", "A nuclear war would leave no victors at all."),
        ("Mr. KOVAC", "SVK", "1983", "A nuclear war must never be fought."),
    ]
    write_ungdc_like(tmp_path, rows)
    index = Index.build(load_corpus([tmp_path], progress=False), progress=False)
    assert index.speakers.people("Indira Gandhi") == ("Indira Gandhi",)
    answer = ask(index, "What did Indira Gandhi say about nuclear war in 1983?")
    assert answer.not_found is None
    assert [hit.citation.speakers for hit in answer.hits] == [("Gandhi",)]
    assert answer.understood[-1] == (
        "nothing by Indira Gandhi dated 1983 matches, so everyone called Gandhi is searched"
    )
    # With something of hers in the year asked, or no year, her full name holds.
    assert "showing Indira Gandhi" in ask(index, "What did Indira Gandhi say in 1968?").understood
    plain = ask(index, "What did Indira Gandhi say about nuclear weapons?")
    assert [hit.citation.speakers for hit in plain.hits] == [("Indira Gandhi",)]


def test_biden_is_one_person_whichever_way_he_is_named(ungdc_like: Index) -> None:
    typed = search(ungdc_like, Query(text="", speaker="Biden", k=10))
    asked = ask(ungdc_like, "What did Biden say about relentless diplomacy?")
    assert typed.query.speaker == asked.query.speaker == "Joseph R. Biden"
    assert sorted(years(ungdc_like, typed.hits)) == ["2021", "2022", "2023"]
    # The 2021 speech was filed under "Joe Biden": the question reaches it.
    assert years(ungdc_like, asked.hits)[:1] == ["2021"]
    explicit = ask(ungdc_like, "relentless diplomacy", speaker="Joe Biden")
    assert explicit.query.speaker == "Joseph R. Biden"
    assert years(ungdc_like, explicit.hits)[:1] == ["2021"]


NAMED = SpeakerRegistry(
    [
        Speaker(name="Joseph R. Biden", paragraph_count=9),
        Speaker(name="Tsiang", paragraph_count=3),
        Speaker(name="Donald Trump", paragraph_count=4),
        Speaker(name="Raúl Castro Ruz", paragraph_count=2),
    ]
)


@pytest.mark.parametrize(
    ("question", "speaker", "search_text"),
    [
        # Given names and initials before a surname are part of the name, not search words.
        ("Joe Biden on the Gaza ceasefire", "Joseph R. Biden", "on the Gaza ceasefire"),
        ("What did T. F. Tsiang say about Korea?", "Tsiang", "Korea"),
        ("What did Donald J. Trump say about North Korea?", "Donald Trump", "North Korea"),
        ("What did Raul Castro say about the blockade?", "Raúl Castro Ruz", "the blockade"),
        ("What did Hunter Biden say about art?", None, "Hunter Biden art"),
    ],
)
def test_a_name_as_people_write_it_is_read_whole(
    question: str, speaker: str | None, search_text: str
) -> None:
    understood = understand(question, NAMED)
    assert (understood.speaker, understood.search_text) == (speaker, search_text)


def test_the_terminal_reads_a_speaker_as_ask_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_ungdc_like(tmp_path, UNGDC_LIKE_ROWS)
    corpus = ["--corpus", str(tmp_path)]
    assert main(["search", "--json", *corpus, "--speaker", "Bush", "Iraq"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {tuple(hit["speakers"]) for hit in found["hits"]} == {
        ("George Bush",),
        ("George W. Bush",),
    }
    assert main(["speaker", "--json", *corpus, "Biden", "Ukraine"]) == 0
    biden = json.loads(capsys.readouterr().out)
    assert {tuple(hit["speakers"]) for hit in biden["hits"]} == {("Joseph R. Biden",)}


def test_on_the_seeds_every_spelling_of_a_person_reads_alike(seeds: Index) -> None:
    registry = seeds.speakers
    for typed in ("Korosi", "Csaba Kőrösi", "csaba korosi", "Mr. Kőrösi", "C. Korosi"):
        assert registry.people(typed) == ("Csaba Kőrösi",), typed
        assert search(seeds, Query(text="one-China", speaker=typed)).query.speaker == (
            "Csaba Kőrösi"
        )
    asked = ask(seeds, "What did C. Korosi say about one-China?")
    assert asked.query.speaker == "Csaba Kőrösi"
    assert asked.hits and asked.hits[0].citation.speakers == ("Csaba Kőrösi",)


@pytest.mark.shared
def test_a_given_name_the_corpus_never_writes_reads_alike_everywhere(sample: Index) -> None:
    # The sample files T. F. Tsiang as "Tsiang" alone; "Tingfu" is in none of its paragraphs,
    # "camp" in 28. The index's word counts decide, for ask and the speaker filter alike.
    assert sample.speakers.people("Tingfu Tsiang") == ("Tsiang",)
    assert sample.speakers.people("Camp Tsiang") == ()
    assert understand("What did Tingfu Tsiang say about Korea?", sample).speaker == "Tsiang"
    assert resolve_speaker(sample, "Tingfu Tsiang") == resolve_speaker(sample, "Tsiang")
