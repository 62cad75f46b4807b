"""The index: paragraphs and documents on demand, search filters, paging, newest-first order."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.loader import Corpus
from corpus.models import DocDate, Document, Paragraph, Speaker
from corpus.speakers import SpeakerRegistry
from retrieval import index as index_module
from retrieval import maxscore
from retrieval.duplicates import SKETCH, Sketch, shingles, sketch
from retrieval.index import Index
from retrieval.models import DateRange, Query

SPEAKERS = [
    Speaker(name="Csaba Kőrösi", aliases=("Kőrösi",), role="President of the 77th Session"),
    Speaker(name="Qin Gang"),
    Speaker(name="Wang Yi", aliases=("State Councilor Wang Yi",)),
    Speaker(name="participants", kind="collective"),
]


def _doc(
    doc_id: str,
    texts: list[tuple[str, tuple[str, ...]]],
    date: DocDate | None,
    source: str | None,
) -> Document:
    paragraphs = tuple(
        Paragraph(id=f"{doc_id}-{i}", doc_id=doc_id, position=i, text=text, speakers=who)
        for i, (text, who) in enumerate(texts, 1)
    )
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        title=f"Title {doc_id}",
        date=date,
        source=source,
        paragraphs=paragraphs,
    )


DOCUMENTS = (
    _doc(
        "aaaa0001",
        [
            ("Qin Gang held talks with Kőrösi on the role of the UN.", ("Qin Gang",)),
            ("Kőrösi noted that China is an important partner of the UN.", ("Csaba Kőrösi",)),
            ("Kőrösi said the one-China\nprinciple is respected.", ("Csaba Kőrösi",)),
        ],
        DocDate(year=2023, month=2, day=2),
        "Ministry of Foreign Affairs",
    ),
    _doc(
        "bbbb0002",
        [
            ("Wang Yi said multilateralism is the answer to global challenges.", ("Wang Yi",)),
            ("Wang Yi called for solidarity against the pandemic.", ("Wang Yi",)),
        ],
        DocDate(month=5, day=8),  # a dateline without its year
        "China News Service",
    ),
    _doc(
        "cccc0003",
        [("The UN must remain at the core of multilateralism and partnership.", ())],
        DocDate(year=2021),
        "United Nations General Debate Corpus (UNGDC)",
    ),
    _doc("dddd0004", [("An undated note on partnership and the UN.", ())], None, None),
)


@pytest.fixture(scope="module")
def index() -> Index:
    corpus = Corpus((), DOCUMENTS, (), (), SpeakerRegistry(SPEAKERS))
    return Index.build(corpus)


def _ids(index: Index, query: Query, phrases: tuple[str, ...] = ()) -> list[str]:
    return [index.paragraph_at(r).id for r in index.search(query, required_phrases=phrases).rows]


def test_paragraphs_and_documents_on_demand(index: Index) -> None:
    assert index.n_paragraphs == 7
    paragraph = index.paragraph("aaaa0001-2")
    assert paragraph == DOCUMENTS[0].paragraphs[1]
    assert index.row_of("aaaa0001-2") == 1
    assert index.row_of("aaaa0001-9") is None
    assert index.row_of("nope-1") is None and index.row_of("garbage") is None
    assert index.paragraph_at(3).id == "bbbb0002-1"
    assert index.document_of_row(3).id == "bbbb0002"
    assert index.documents_holding([6, 3, 2, 4, 0]) == [3, 1, 0, 1, 0]
    assert index.document("bbbb0002") == DOCUMENTS[1]
    assert index.document("zzzz") is None
    metadata = index.documents()
    assert [d.id for d in metadata] == [d.id for d in DOCUMENTS]
    assert all(d.paragraphs == () for d in metadata)
    assert metadata[0].date == DocDate(year=2023, month=2, day=2)


def test_neighbours_stay_in_their_document(index: Index) -> None:
    around = index.neighbours("aaaa0001-3", before=1, after=5)
    assert [p.id for p in around] == ["aaaa0001-2", "aaaa0001-3"]
    assert [p.id for p in index.neighbours("bbbb0002-1", 0, 0)] == ["bbbb0002-1"]
    assert index.neighbours("nope-1") == []


def test_each_row_keeps_the_sketch_of_its_text(seeds: Index, tmp_path: Path) -> None:
    seeds.save(tmp_path / "saved")
    loaded = Index.load(tmp_path / "saved")
    sizes = set()
    rows = list(range(seeds.n_paragraphs))

    def sketches(index: Index, rows: list[int]) -> list[Sketch]:
        table = index.sketches_at(rows)
        return [table[i] for i in range(len(table))]

    stored = sketches(seeds, rows)
    assert sketches(loaded, rows) == stored
    assert sketches(loaded, rows[::-1]) == stored[::-1] and sketches(loaded, []) == []
    for row in rows:
        made = sketch(shingles(seeds.tokens_of(seeds.text_at(row))))
        assert stored[row] == made
        sizes.add(made.size > SKETCH)
    assert sizes == {False, True}  # sketches that hold their set whole, and that do not


def test_a_citation_is_made_from_what_the_index_stores(
    seeds: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds.save(tmp_path / "saved")
    loaded = Index.load(tmp_path / "saved")  # its document models are made as asked for
    monkeypatch.setattr("retrieval.index.DOCUMENT_MODELS", 1)
    lists = 0
    for row in range(loaded.n_paragraphs):
        paragraph, document = loaded.paragraph_at(row), loaded.document_of_row(row)
        [rows] = loaded.quoted_rows([row])
        citation = loaded.citation_at(rows)
        lead = loaded.paragraph_at(rows.start)
        assert (citation.id, citation.doc_id, citation.position) == (
            lead.id,
            lead.doc_id,
            lead.position,
        )
        assert (citation.speakers, citation.collective) == (lead.speakers, lead.collective)
        assert citation.model_dump(include={"title", "source", "url", "date", "path"}) == (
            document.model_dump(include={"title", "source", "url", "date", "path"})
        )
        last = loaded.paragraph_at(rows[-1]).position
        assert citation.last_position == (last if len(rows) > 1 else None)
        lists += len(rows) > 1
        single = loaded.citation_at(range(row, row + 1))
        assert single.id == paragraph.id and single.last_position is None
        assert loaded.mentions_in(range(row, row + 1)) == paragraph.mentions
        mentioned = [name for r in rows for name in loaded.paragraph_at(r).mentions]
        assert loaded.mentions_in(rows) == tuple(dict.fromkeys(mentioned))
    assert lists  # the seeds quote a list with its lead
    assert len(loaded._document_models) == 1  # kept, and bounded (two documents)


def test_dates_newest_first(index: Index) -> None:
    assert [d.iso for d in index.dates()] == ["2023-02-02", "2021", "--05-08"]


def test_doc_freq(index: Index) -> None:
    assert index.doc_freq(index.tokens_of("multilateralism")[0]) == 2
    assert index.doc_freq("zzzz") == 0


def test_held_with_counts_the_paragraphs_holding_both_terms(index: Index) -> None:
    multilateralism, answer, principle = (
        index.tokens_of(w)[0] for w in ("multilateralism", "answer", "principle")
    )
    # "multilateralism" is in two paragraphs: one says "the answer", none "principle".
    assert index.held_with(multilateralism, [answer, principle, "zzzz", multilateralism]) == [
        1,
        0,
        0,
        2,
    ]
    assert index.held_with("zzzz", [answer]) == [0]


def test_ranks_by_bm25_and_counts_matches(index: Index) -> None:
    ranking = index.search(Query(text="multilateralism", k=1))
    assert ranking.total == 2 and len(ranking.rows) == 1
    assert ranking.scores[0] > 0


def test_speaker_filter_takes_any_alias_accent_insensitively(index: Index) -> None:
    expected = ["aaaa0001-2"]
    assert _ids(index, Query(text="partner", speaker="Csaba Kőrösi")) == expected
    assert _ids(index, Query(text="partner", speaker="korosi")) == expected
    assert _ids(index, Query(text="partner", speaker="KŐRÖSI")) == expected
    assert _ids(index, Query(text="multilateralism", speaker="state councilor wang yi")) == [
        "bbbb0002-1"
    ]


def test_unknown_speaker_matches_nothing(index: Index) -> None:
    assert index.search(Query(text="partner", speaker="Nobody Known")).total == 0
    assert index.search(Query(text="", speaker="Nobody Known")).total == 0


def _range(start: DocDate | None, end: DocDate | None) -> DateRange:
    return DateRange(start=start, end=end)


def test_date_filter_overlaps_at_each_precision(index: Index) -> None:
    may_2021 = _range(DocDate(year=2021, month=5), DocDate(year=2021, month=5))
    # The 2021 statement covers May 2021; the year-less 8 May dateline matches on month-day.
    found = set(_ids(index, Query(text="multilateralism", dates=may_2021)))
    assert found == {"cccc0003-1", "bbbb0002-1"}
    feb_2023 = _range(DocDate(year=2023, month=2, day=1), DocDate(year=2023, month=2, day=28))
    assert {p[:8] for p in _ids(index, Query(text="UN partner", dates=feb_2023))} == {"aaaa0001"}
    day = DocDate(year=2023, month=2, day=2)
    assert index.search(Query(text="Kőrösi", dates=_range(day, day))).total == 3


def test_date_filter_with_year_unknown_documents(index: Index) -> None:
    # 2019-12-20 .. 2020-01-10 crosses the new year: 8 May is outside.
    winter = _range(DocDate(year=2019, month=12, day=20), DocDate(year=2020, month=1, day=10))
    assert index.search(Query(text="Wang Yi", dates=winter)).total == 0
    # A range of two years covers every month-day.
    long = _range(DocDate(year=2019), DocDate(year=2020))
    assert index.search(Query(text="Wang Yi", dates=long)).total == 2
    # A query date without a year ("8 May") compares every document on month and day.
    may_8 = DocDate(month=5, day=8)
    found = {p[:8] for p in _ids(index, Query(text="multilateralism", dates=_range(may_8, may_8)))}
    assert found == {"bbbb0002", "cccc0003"}


def test_open_and_reversed_date_ranges(index: Index) -> None:
    since_2022 = _range(DocDate(year=2022), None)
    assert {p[:8] for p in _ids(index, Query(text="UN", dates=since_2022, k=10))} == {"aaaa0001"}
    until_2021 = _range(None, DocDate(year=2021, month=12))
    assert {p[:8] for p in _ids(index, Query(text="UN", dates=until_2021, k=10))} == {"cccc0003"}
    reversed_range = _range(DocDate(year=2023), DocDate(year=2021))
    assert index.search(Query(text="UN", dates=reversed_range)).total == 0


def test_the_share_of_a_words_paragraphs_holding_another(index: Index) -> None:
    # What the speaker registry reads a given name written beside a surname by.
    assert index._share_beside("Kőrösi", "UN") == pytest.approx(2 / 3)
    assert index._share_beside("UN", "korosi") == 0.5
    assert index._share_beside("the", "UN") == 0.0  # a stopword
    assert index._share_beside("zzz", "UN") == 0.0  # in no paragraph
    assert index._share_beside("Wang Yi", "UN") == 0.0  # not one word


def test_source_filter_is_a_folded_substring(index: Index) -> None:
    assert {p[:8] for p in _ids(index, Query(text="UN", source="ministry", k=10))} == {"aaaa0001"}
    assert _ids(index, Query(text="pandemic", source="NEWS SERVICE")) == ["bbbb0002-2"]
    assert index.search(Query(text="UN", source="Reuters")).total == 0


def test_document_filter(index: Index) -> None:
    assert _ids(index, Query(text="UN", document="cccc0003")) == ["cccc0003-1"]
    assert index.search(Query(text="UN", document="ffff9999")).total == 0


@pytest.mark.parametrize("allowed", ["1010", "1001", "0110", "1100", "1111", "0100", "0000"])
def test_a_document_filter_keeps_exactly_the_rows_of_its_documents(
    index: Index, allowed: str
) -> None:
    # Documents allowed one after another are kept as one range of rows, others one by one.
    mask = np.array([flag == "1" for flag in allowed])
    keep = index._keeper(mask, None)
    assert keep is not None
    rows = np.arange(index.n_paragraphs)
    ids = [d.id for d in index.documents()]
    expected = [mask[ids.index(index.document_of_row(row).id)] for row in range(rows.size)]
    assert keep(rows).tolist() == expected


def test_required_phrases_are_verbatim_but_fold_insensitive(index: Index) -> None:
    assert _ids(index, Query(text="Kőrösi"), ("korosi NOTED",)) == ["aaaa0001-2"]
    # Line breaks inside the paragraph count as spaces; hyphens must be there.
    assert _ids(index, Query(text="principle"), ("one-China principle",)) == ["aaaa0001-3"]
    assert index.search(Query(text="principle"), required_phrases=("one China",)).total == 0
    # A phrase alone is a filter; stopword-only phrases are checked on the text itself.
    assert _ids(index, Query(text=""), ("of the UN",)) == ["aaaa0001-1", "aaaa0001-2"]
    assert index.search(Query(text="UN"), required_phrases=("zzz unknown",)).total == 0


# Words and the whitespace Python's \s finds (line breaks, tabs, no-break and em spaces).
PHRASE_WORDS = ["a", "b", "ab", "é", "1-2"]
PHRASE_TEXT_PIECES = [*PHRASE_WORDS, " ", "  ", "\n", "\t", "\xa0", "\u2003", "."]


@given(
    st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=3),
    st.lists(
        st.lists(st.sampled_from(PHRASE_TEXT_PIECES), max_size=12).map("".join),
        min_size=index_module._PHRASE_TEXTS_UNCOMPILED + 2,
        max_size=index_module._PHRASE_TEXTS_UNCOMPILED + 6,
    ),
)
def test_a_phrase_is_found_where_its_pattern_is(words: list[str], texts: list[str]) -> None:
    # Its first texts are read with their whitespace made single spaces, the next with the
    # compiled pattern: each as the pattern reads it.
    phrase = index_module._Phrase(words)
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    for text in texts:
        assert phrase.in_text(text) == (pattern.search(text) is not None)


def test_a_phrase_finds_a_word_written_with_either_apostrophe() -> None:
    assert index_module._Phrase(["there's", "a", "way"]).in_text("where there’s a way")
    assert index_module._Phrase(["world’s", "conscience"]).in_text("the world's conscience")
    assert not index_module._Phrase(["there's", "a", "way"]).in_text("there is a way")


def _phrase_corpus() -> tuple[Index, list[tuple[str, tuple[str, ...]]]]:
    """3,000 paragraphs, of which a few hold rare terms and phrases."""
    texts: list[tuple[str, tuple[str, ...]]] = [
        (f"Topic {n % 40} of the agenda, item {n}.", ("Qin Gang",)) for n in range(2967)
    ]
    texts += [(f"The rare phrase of row {n} on topic {n % 40}.", ("Wang Yi",)) for n in range(5)]
    texts += [(f"A rare phrase of row {n}, and a phrase.", ("Qin Gang",)) for n in range(5)]
    texts += [(f"A rare row {n}.", ("Qin Gang",)) for n in range(5)]  # no "phrase"
    texts += [(f"A phrase {n}.", ("Qin Gang",)) for n in range(6)]  # not rare
    texts += [(f"A row {n}.", ("Qin Gang",)) for n in range(12)]  # not rare either
    document = _doc("eeee0005", texts, DocDate(year=2020), None)
    return Index.build(Corpus((), (document,), (), (), SpeakerRegistry(SPEAKERS))), texts


def test_a_phrase_is_ranked_among_the_rows_holding_its_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    many, texts = _phrase_corpus()
    holding = [n for n, (text, _) in enumerate(texts, 1) if "rare phrase" in text]
    scored: list[list[int] | None] = []
    top_candidates = maxscore.top_candidates

    def spy(*args: Any, allowed: npt.NDArray[np.integer] | None, **kwargs: Any) -> Any:
        rows = None if allowed is None else allowed.tolist()
        scored.append(None if rows is None else [many.paragraph_at(row).position for row in rows])
        return top_candidates(*args, allowed=allowed, **kwargs)

    monkeypatch.setattr(index_module, "top_candidates", spy)
    query = Query(text="rare phrase topic", k=20)
    # "rare" (15 rows), then "phrase" (16), then "row" (37): only the rows holding all three
    # are scored, and under a speaker filter only Wang Yi's among them.
    assert len(_ids(many, query, ("rare phrase of row",))) == 10
    assert scored[-1] == holding
    assert len(_ids(many, query.model_copy(update={"speaker": "Wang Yi"}), ("rare phrase",))) == 5
    assert scored[-1] == holding[:5]
    assert _ids(many, query, ("rare unicorn",)) == [] and scored[-1] == []
    # Common terms too: "topic" and "agenda" are in 2,967 rows, "3" in those 75 of them hold.
    assert len(_ids(many, Query(text="topic agenda", k=5), ("topic 3 of the agenda",))) == 5
    assert scored[-1] == [n for n, (text, _) in enumerate(texts, 1) if "Topic 3 " in text]
    # A phrase of stopwords has no term to narrow by: the ranking's rows are checked.
    assert len(_ids(many, Query(text="topic agenda", k=5), ("of the",))) == 5
    assert scored[-1] is None


def test_a_phrase_is_checked_on_a_bounded_number_of_rows_best_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    many, _ = _phrase_corpus()
    read: list[int] = []
    text_at = many._store.text

    def reading(row: int) -> str:
        read.append(row)
        return text_at(row)

    monkeypatch.setattr(many._store, "text", reading)
    monkeypatch.setattr(index_module, "PHRASE_READS", 100)
    # 2,967 rows hold "agenda" and "item"; "of the agenda, item" is in every one of them.
    query = Query(text="agenda item 7", k=5)
    ranking = many.search(query, required_phrases=("of the agenda, item",))
    plain = many.search(query.model_copy(update={"k": 10})).rows
    # The best rows holding its terms hold the phrase, so reading stops at the page: the
    # best of the ranking without the phrase that hold it, and a count that is a lower bound.
    assert ranking.rows == [row for row in plain if "agenda, item" in text_at(row)][:5]
    assert len(read) == 5
    assert (ranking.total, ranking.exact) == (5, False)
    # A phrase no row holds, of terms 2,967 rows hold: the 100 best are read, no more.
    read.clear()
    missing = many.search(query, required_phrases=("item of the agenda",))
    assert missing.rows == [] and len(read) == 100 and not missing.exact
    # Stopwords only, no query words: the newest 100 rows are read (the bound holds however
    # many rows there are to read; before it, "who said it is what it is" read every
    # paragraph of the full UNGDC, 15 s).
    read.clear()
    stopwords = many.search(Query(text="", k=5), required_phrases=("it is what it is",))
    assert stopwords.rows == [] and len(read) == 100
    # Few enough rows to read them all (the 10 holding both terms): the count is exact.
    read.clear()
    rare = many.search(Query(text="rare phrase", k=2), required_phrases=("rare phrase",))
    assert (rare.total, rare.exact, len(rare.rows)) == (10, True, 2) and len(read) == 10
    # Those rows are read before ranking, each once; a phrase none of them holds ranks none.
    read.clear()
    reversed_words = many.search(Query(text="rare phrase", k=2), required_phrases=("phrase rare",))
    assert (reversed_words.rows, reversed_words.total, reversed_words.exact) == ([], 0, True)
    assert sorted(read) == sorted(set(read)) and len(read) == 10
    # As many as are read: all of them still, the count exact.
    monkeypatch.setattr(index_module, "PHRASE_READS", 10)
    rare = many.search(Query(text="rare phrase", k=2), required_phrases=("rare phrase",))
    assert (rare.total, rare.exact) == (10, True)
    # No query words: the rows holding the phrase's terms are read, not the newest rows (the
    # last of the document, these are its oldest), and the filters apply to them.
    read.clear()
    listed = many.search(Query(text="", k=20), required_phrases=("rare phrase of row",))
    assert (len(listed.rows), listed.total, listed.exact, len(read)) == (10, 10, True, 10)
    wang = many.search(Query(text="", speaker="Wang Yi", k=20), required_phrases=("rare phrase",))
    assert [many.paragraph_at(row).speakers for row in wang.rows] == [("Wang Yi",)] * 5


def test_a_phrase_of_stopwords_is_found_below_the_best_ranked_rows() -> None:
    # Nothing narrows a phrase without index terms: the ranking must reach past the rows that
    # score best, as deep as the rows it may read, to the one that holds it.
    texts: list[tuple[str, tuple[str, ...]]] = [
        ("Alpha beta, alpha beta.", ("Qin Gang",)) for _ in range(30)
    ]
    texts.append(("Alpha and gamma: to be or not to be.", ("Qin Gang",)))
    document = _doc("ffff0006", texts, DocDate(year=2020), None)
    few = Index.build(Corpus((), (document,), (), (), SpeakerRegistry(SPEAKERS)))
    found = few.search(Query(text="alpha beta", k=1), required_phrases=("to be or not",))
    assert [few.paragraph_at(row).position for row in found.rows] == [31]


def test_required_terms_rank_only_the_rows_holding_every_one(index: Index) -> None:
    query = Query(text="multilateralism partnership UN", k=10)
    ranking = index.search(query)
    holding = {r for r in ranking.rows if "partnership" in index.text_at(r)}
    narrowed = index.search(query, required_terms=("partnership",))
    # The same scores, in the same order, for exactly the rows that hold the term.
    assert narrowed.rows == [r for r in ranking.rows if r in holding] and len(holding) == 2
    scores = dict(zip(ranking.rows, ranking.scores, strict=True))
    assert narrowed.scores == [scores[r] for r in narrowed.rows]
    assert narrowed.total == 2
    both = index.search(query, required_terms=("partnership", "multilater"))
    assert [index.paragraph_at(r).id for r in both.rows] == ["cccc0003-1"]
    assert index.search(query, required_terms=("unicorn",)).rows == []
    # Required terms and a phrase are both filters; a term alone filters a wordless query.
    phrased = index.search(query, required_phrases=("and the UN",), required_terms=("partnership",))
    assert [index.paragraph_at(r).id for r in phrased.rows] == ["dddd0004-1"]
    wordless = index.search(Query(text="", k=10), required_terms=("partnership",))
    assert sorted(wordless.rows) == sorted(holding)


def test_no_words_with_filters_lists_newest_first(index: Index) -> None:
    ranking = index.search(Query(text="", source="", speaker="Csaba Kőrösi", k=10))
    assert [index.paragraph_at(r).id for r in ranking.rows] == ["aaaa0001-2", "aaaa0001-3"]
    assert ranking.scores == [0.0, 0.0]
    everything = _range(None, None)
    listed = _ids(index, Query(text="the of and", dates=everything, k=10))
    # Dated documents newest first, the year-less one next; the undated one has no date.
    assert listed == [
        "aaaa0001-1",
        "aaaa0001-2",
        "aaaa0001-3",
        "cccc0003-1",
        "bbbb0002-1",
        "bbbb0002-2",
    ]
    assert _ids(index, Query(text="", document="dddd0004")) == ["dddd0004-1"]


def test_no_words_and_no_filter_is_nothing(index: Index) -> None:
    for text in ["", "   ", "the of and", "🙂"]:
        assert index.search(Query(text=text)).total == 0


def test_unknown_words_match_nothing_even_with_filters(index: Index) -> None:
    assert index.search(Query(text="zyzzyva", speaker="Wang Yi")).total == 0


def test_paging(index: Index) -> None:
    full = index.search(Query(text="partner partnership multilateralism Wang", k=10))
    assert full.total == len(full.rows) == 5
    page = index.search(Query(text="partner partnership multilateralism Wang", k=2, offset=2))
    assert page.rows == full.rows[2:4] and page.total == 5
    past = index.search(Query(text="partner partnership multilateralism Wang", k=2, offset=50))
    assert past.rows == [] and past.total == 5


def test_scores_descend_and_ties_go_newest_first(index: Index) -> None:
    ranking = index.search(Query(text="Wang Yi", k=10))
    assert ranking.scores == sorted(ranking.scores, reverse=True)
    assert np.all(np.isfinite(ranking.scores))


def test_stats_and_speakers(index: Index) -> None:
    assert index.stats().documents == 4 and index.stats().paragraphs == 7
    assert index.speakers.canonical("korosi") == "Csaba Kőrösi"
    assert index.skipped == () and index.warnings == ()


def test_saved_index_loads_identically(index: Index, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    index.save(folder)
    loaded = Index.load(folder)
    assert loaded.n_paragraphs == index.n_paragraphs
    assert loaded.documents() == index.documents()
    assert loaded.document("aaaa0001") == index.document("aaaa0001")
    assert loaded.stats() == index.stats()
    assert loaded.speakers.canonical("Kőrösi") == "Csaba Kőrösi"
    for query in [
        Query(text="UN partner multilateralism", k=10),
        Query(text="", speaker="Wang Yi"),
        Query(text="UN", dates=_range(DocDate(year=2021), DocDate(year=2021))),
    ]:
        assert loaded.search(query) == index.search(query)
    # Arrays are mapped from disk, not read into memory: views whose memory is the mapped file.
    assert not loaded._matrix.data.flags.owndata
    assert isinstance(loaded._matrix.data.base, np.memmap)
    assert isinstance(loaded._store.row_doc.base, np.memmap)


def test_empty_corpus_builds_and_searches(tmp_path: Path) -> None:
    empty = Index.build(Corpus((), (), (), (), SpeakerRegistry([])))
    assert empty.search(Query(text="anything")).total == 0
    assert empty.search(Query(text="", speaker="x")).total == 0
    empty.save(tmp_path / "empty")
    assert Index.load(tmp_path / "empty").n_paragraphs == 0
