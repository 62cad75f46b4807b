"""The lookups every front end calls: documents in a date range, a speaker's paragraphs, a
quote by citation id, a document, the corpus' stats."""

from __future__ import annotations

import pytest

from corpus.loader import load_corpus
from retrieval import answer, lookups
from retrieval.index import Index
from retrieval.lookups import (
    corpus_stats,
    document,
    documents_dated,
    resolve_speaker,
    speaker_paragraphs,
    speakers_matching,
)
from retrieval.models import DateRange, Query

# (file, date in metadata.csv, text): late December and early January, with a year and
# without ("--12-30"), and June.
DATED = [
    ("dec-2021.txt", "2021-12-28", "Ministers reviewed trade corridors before the holidays."),
    ("dec-yearless.txt", "--12-30", "The envoy praised the harvest festival in the north."),
    ("jan-2022.txt", "2022-01-05", "A new year plan for river cleanup was announced."),
    ("jan-yearless.txt", "--01-03", "Delegates discussed vaccine supply for distant islands."),
    ("june-2021.txt", "2021-06-15", "The June 2021 statement welcomed a solar power deal."),
    ("june-yearless.txt", "--06-10", "Summer talks covered fisheries and coastal patrols."),
]
WINTER = {"dec-2021.txt", "dec-yearless.txt", "jan-2022.txt", "jan-yearless.txt"}


@pytest.fixture(scope="module")
def seasons(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("seasons")
    rows = ["path,title,date"]
    for name, date, text in DATED:
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name},Statement {name.removesuffix('.txt')},{date}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return Index.build(load_corpus([folder], progress=False), progress=False)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("December..January", WINTER),
        ("November..February", WINTER),
        ("December 2021..January 2022", WINTER),
        ("2021-12-29..2022-01-04", {"dec-yearless.txt", "jan-yearless.txt"}),
        ("June", {"june-2021.txt", "june-yearless.txt"}),
        # The year-less documents match on month and day.
        ("2021", {path for path, _, _ in DATED} - {"jan-2022.txt"}),
        ("March..April", set()),
    ],
)
def test_documents_in_a_range_include_one_across_the_new_year(
    seasons: Index, when: str, expected: set[str]
) -> None:
    dates = DateRange.typed(when)
    assert {d.path for d in seasons.documents_in(dates)} == expected
    # The one date rule: the documents listed are those whose paragraphs the filter passes.
    ranking = seasons.search(Query(dates=dates, k=100))
    assert {seasons.document_of_row(row).path for row in ranking.rows} == expected


def test_documents_dated_lists_the_range_and_pages_its_paragraphs(seasons: Index) -> None:
    dated = documents_dated(seasons, DateRange.typed("December..January"), k=2)
    assert {d.path for d in dated.documents} == WINTER
    assert all(not d.paragraphs for d in dated.documents)
    first = dated.answer
    assert first.not_found is None and first.total == 4 and len(first.hits) == 2
    # Newest first: the dated ones before the year-less ones.
    assert [h.citation.path for h in first.hits] == ["jan-2022.txt", "dec-2021.txt"]
    rest = documents_dated(seasons, DateRange.typed("December..January"), k=2, offset=2).answer
    assert {h.citation.path for h in rest.hits} == {"dec-yearless.txt", "jan-yearless.txt"}


def test_documents_dated_ranks_by_a_topic(seasons: Index) -> None:
    dated = documents_dated(seasons, DateRange.typed("2021"), "june 2021 statement", k=100)
    assert dated.answer.hits[0].citation.path == "june-2021.txt"
    assert {h.citation.path for h in dated.answer.hits} <= {d.path for d in dated.documents}


def test_documents_dated_swaps_reversed_ends_as_the_search_does(seasons: Index) -> None:
    dated = documents_dated(seasons, DateRange.typed("2022..2021"))
    assert dated.dates.label == "2021–2022"
    assert {d.path for d in dated.documents} == {path for path, _, _ in DATED}
    assert any("reversed" in note for note in dated.answer.understood)


def test_documents_dated_with_nothing_in_range_says_so(seasons: Index) -> None:
    dated = documents_dated(seasons, DateRange.typed("March..April"), k=1000)
    assert dated.documents == ()
    assert dated.answer.not_found and "dated March–April" in dated.answer.not_found
    assert dated.answer.suggestions and not dated.answer.hits


def test_speakers_match_on_every_typed_word_accents_ignored(seeds: Index) -> None:
    assert [s.name for s in speakers_matching(seeds, "korosi csaba")] == ["Csaba Kőrösi"]
    assert [s.name for s in speakers_matching(seeds, "WANG")] == ["Wang Yi"]
    assert speakers_matching(seeds, "zebra") == []
    everyone = [s.name for s in speakers_matching(seeds, "")]
    assert {"Wang Yi", "Qin Gang", "Csaba Kőrösi"} <= set(everyone)
    assert everyone == [s.name for s in seeds.speakers.all()]  # most paragraphs first


def test_a_speaker_resolves_by_name_alias_or_a_shorter_form(seeds: Index) -> None:
    assert resolve_speaker(seeds, "Qin Gang") == ("Qin Gang", [])
    assert resolve_speaker(seeds, "Korosi") == ("Csaba Kőrösi", [])  # an alias
    assert resolve_speaker(seeds, "korosi csaba") == ("Csaba Kőrösi", [])  # one speaker has both
    assert resolve_speaker(seeds, "Wang Yu") == (None, ["Wang Yi"])
    assert resolve_speaker(seeds, "   ") == (None, [])


def test_speaker_paragraphs_newest_first_or_by_topic(seeds: Index) -> None:
    newest = speaker_paragraphs(seeds, "qin gang")
    assert newest.query.speaker == "Qin Gang" and newest.not_found is None
    assert [h.citation.position for h in newest.hits] == [2, 3]
    assert all(h.score == 0 for h in newest.hits)
    by_topic = speaker_paragraphs(seeds, "Wang Yi", "banner", k=1)
    assert len(by_topic.hits) == 1 and "**banner**" in by_topic.hits[0].excerpt
    assert by_topic.total > 1
    first = speaker_paragraphs(seeds, "Wang Yi", k=1).hits[0]
    second = speaker_paragraphs(seeds, "Wang Yi", "", k=1, offset=1).hits[0]
    assert second.citation.id != first.citation.id


def test_an_unknown_speaker_is_an_answer_with_suggestions(seeds: Index) -> None:
    answer = speaker_paragraphs(seeds, "Wang Yu", "x" * 5000, k=1000, offset=-3)
    assert answer.not_found == "No speaker called “Wang Yu” in the corpus."
    assert answer.suggestions == ("one of these speakers: Wang Yi",)
    assert not answer.hits
    assert (answer.query.k, answer.query.offset) == (100, 0)
    nobody = speaker_paragraphs(seeds, "Nobody McUnknown")
    assert nobody.not_found and nobody.suggestions


def test_quote_has_one_definition(seeds: Index) -> None:
    assert lookups.quote is answer.quote
    hit = lookups.quote(seeds, speaker_paragraphs(seeds, "Qin Gang").hits[0].citation.id)
    assert hit is not None and "Qin Gang" in hit.citation.speakers


def test_a_document_by_id_with_its_paragraphs(seeds: Index) -> None:
    doc_id = speaker_paragraphs(seeds, "Qin Gang").hits[0].citation.doc_id
    found = document(seeds, f"  {doc_id} ")
    assert found is not None and found.id == doc_id
    assert [p.position for p in found.paragraphs] == list(range(1, len(found.paragraphs) + 1))
    assert document(seeds, "ffffffff") is None


def test_corpus_stats_are_the_index_stats(seeds: Index) -> None:
    stats = corpus_stats(seeds)
    assert stats == seeds.stats()
    assert (stats.documents, stats.paragraphs) == (2, 17)
