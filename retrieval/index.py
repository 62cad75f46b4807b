"""The search index: BM25 weights, the paragraph store, filters, and its cache on disk.

``open_index`` is the way in: it loads the persisted index for the corpus folders when its key
(corpus fingerprint, BM25 parameters, tokenizer and format versions) matches, and otherwise
loads the corpus, builds the index and saves it atomically. A persisted index is checked, not
trusted: a file that fails its digest or its shape checks means a rebuild, never a crash.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator, KeysView, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from tqdm import tqdm

from corpus.ids import paragraph_id, parse_citation_id
from corpus.loader import Corpus, corpus_fingerprint, load_corpus
from corpus.models import CorpusStats, DocDate, Document, LoadIssue, Paragraph, Speaker
from corpus.speakers import SpeakerRegistry
from corpus.text import fold
from retrieval import bm25, lists
from retrieval import tokenize as tokenizer
from retrieval.bm25 import BM25Params, ScoreBuffers, WeightMatrix
from retrieval.bounds import Bounds, term_bounds
from retrieval.cache import (
    HEADER_FILE,
    atomic_directory,
    corpus_slot,
    default_cache_dir,
    file_digests,
    index_key,
    sweep,
    verify_digests,
)
from retrieval.duplicates import SketchTable, shingles, sketch
from retrieval.filters import (
    UNDATED,
    DocumentCountries,
    GroupRows,
    concatenated_ranges,
    date_mask,
    document_bounds,
    source_mask,
)
from retrieval.maxscore import Keep, top_candidates
from retrieval.models import Citation, DateRange, Query
from retrieval.store import (
    Group,
    Store,
    StoreBuilder,
    load_store,
    map_array,
    save_store,
    typed_array,
)
from retrieval.tokenize import same_apostrophes, tokenize

__all__ = ["FORMAT_VERSION", "Index", "Ranking", "default_cache_dir", "open_index", "open_stats"]

log = logging.getLogger(__name__)

# Bump when the files written by Index.save change meaning (the tokenizer has its own version).
FORMAT_VERSION = 10  # 10: speakers.json holds the places each person spoke for
_MATRIX_ARRAYS: dict[str, type[np.generic]] = {
    "indptr": np.int64,
    "indices": np.int32,
    "data": np.float32,
}
# Besides these one-dimensional ones, the bounds have "blocks", a 2-d uint8 array.
_BOUND_ARRAYS: dict[str, type[np.generic]] = {"column": np.float32, "slots": np.int32}
# The errors besides OSError and ValueError (which already cover json's, UTF-8's and
# pydantic's) that a malformed cache file raises while loading: numpy on an empty file, json on
# deep nesting, a missing key or a list as a key. Index.load makes them ValueErrors, on which
# open_index rebuilds. IndexError and AttributeError are what the loader raised on arrays and
# JSON of the wrong shape before the shape checks refused them first; kept for a shape no check
# foresaw, as a rebuild beats a crash at start-up.
_MALFORMED = (EOFError, RecursionError, KeyError, TypeError, IndexError, AttributeError)
_STATS_FILE = "stats.json"
# Filters that leave at most 1/_FEW_ROWS of the paragraphs are searched by scoring each of
# them (a lookup per query term) rather than by pruning. Measured at 1M paragraphs: a speaker
# with 0.3% of them, 12 words, 1.4 ms against 3.0 ms pruned; a year, 1.2%, 3.7 ms against 2.5.
_FEW_ROWS = 200
# A required phrase is checked on at most this many rows' texts a search, the best ranked first
# (see Index._holding_phrases): ~2,000 reads is ~30 ms on the full UNGDC.
PHRASE_READS = 2000
# A phrase is looked for in this many texts at most without compiling its pattern: each costs
# a split and a join, ~10 µs for a UNGDC paragraph, and compiling 120-160 µs (see _Phrase).
_PHRASE_TEXTS_UNCOMPILED = 8
# Document models made for hits are kept, up to this many: validating a document's metadata
# anew for each hit's citation was 18 µs of its 55 µs (full UNGDC). A document is ~1 KB.
DOCUMENT_MODELS = 4096

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


class Ranking(BaseModel):
    """One page of a search: paragraph rows best first, their scores, and how many matched."""

    model_config = ConfigDict(frozen=True)

    rows: list[int]
    scores: list[float]
    total: int
    exact: bool = Field(
        default=True, description="False: total is a lower bound (pruned search, many matches)"
    )


class Index:
    """Paragraphs of a corpus, searchable by BM25 with filters; see the module docstring."""

    def __init__(
        self,
        *,
        params: BM25Params,
        vocabulary: dict[str, int],
        matrix: WeightMatrix,
        store: Store,
        speakers: Sequence[Speaker],
        stats: CorpusStats,
        bounds: Bounds | None = None,
    ) -> None:
        self.params = params
        self._vocabulary = vocabulary
        self._matrix = matrix
        self._bounds = term_bounds(matrix) if bounds is None else bounds
        self._store = store
        self._stats = stats
        self.speakers = SpeakerRegistry(
            speakers, word_share=self._word_share, share_beside=self._share_beside
        )
        self._speaker_list = list(speakers)
        self.skipped: tuple[LoadIssue, ...] = tuple(stats.skipped)
        self.warnings: tuple[LoadIssue, ...] = tuple(stats.warnings)
        self._doc_index = {d["id"]: i for i, d in enumerate(store.documents)}
        self._doc_sizes = np.diff(store.doc_row_start)
        self._doc_dates = [_date_of(d) for d in store.documents]
        self._doc_lo, self._doc_hi = document_bounds(self._doc_dates)
        self._sources = [fold(d.get("source") or "") for d in store.documents]
        self._countries = DocumentCountries.of([d.get("extra") or {} for d in store.documents])
        self.countries = self._countries.vocabulary
        self._newest_rank = _newest_rank(self._doc_lo, store.row_doc, store.row_pos)
        self._documents: list[Document] | None = None
        self._document_models: dict[int, Document] = {}
        self._speaker_groups: dict[str, list[int]] | None = None
        # person -> (groups where they speak or are named, documents listing them as speaker)
        self._appearing: dict[str, tuple[list[int], list[int]]] | None = None
        self._group_rows: GroupRows | None = None
        self._local = threading.local()

    # ----------------------------------------------------------------------------------------
    # Building and persistence

    @classmethod
    def build(
        cls, corpus: Corpus, params: BM25Params | None = None, progress: bool | None = None
    ) -> Index:
        """The index of ``corpus``, whose documents it takes (``Corpus.take_documents``): each
        is stored and weighed as it is made, then freed. The paragraph texts go to a temporary
        file (in ``$TMPDIR``), mapped once complete, rather than stay in memory."""
        params = params or BM25Params()
        started = time.perf_counter()
        speakers, stats = corpus.speakers.all(), corpus.stats()
        with tempfile.TemporaryFile(prefix="verbatim-texts-") as texts:
            store, vocabulary, matrix = _store_and_weigh(
                corpus, StoreBuilder(texts), params, stats.documents, progress
            )
        index = cls(
            params=params,
            vocabulary=vocabulary,
            matrix=matrix,
            store=store,
            speakers=speakers,
            stats=stats,
        )
        log.info(
            "built index of %d paragraphs, %d terms in %.1f s",
            store.n_rows,
            len(vocabulary),
            time.perf_counter() - started,
        )
        return index

    def save(self, directory: Path) -> None:
        """Write the index to ``directory`` atomically: complete, or not at all."""
        with atomic_directory(directory) as folder:
            save_store(self._store, folder)
            for name in _MATRIX_ARRAYS:
                np.save(folder / f"{name}.npy", getattr(self._matrix, name))
            for name in (*_BOUND_ARRAYS, "blocks"):
                np.save(folder / f"bounds_{name}.npy", getattr(self._bounds, name))
            terms = sorted(self._vocabulary, key=self._vocabulary.__getitem__)
            _write_json(folder / "vocabulary.json", terms)
            speakers = [s.model_dump(mode="json") for s in self._speaker_list]
            _write_json(folder / "speakers.json", speakers)
            (folder / _STATS_FILE).write_text(self._stats.model_dump_json(), "utf-8")
            files = file_digests(folder, sorted(p.name for p in folder.iterdir()))
            # Written last: its presence and content say the folder is a complete index.
            _write_json(folder / HEADER_FILE, {**self._header(), "files": files})

    def _header(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "params": self.params.model_dump(),
            "rows": self.n_paragraphs,
            "terms": len(self._vocabulary),
            "documents": len(self._store.documents),
        }

    @classmethod
    def load(cls, directory: Path) -> Index:
        """Map a saved index; ``OSError`` if it is incomplete, ``ValueError`` if it is foreign,
        fails a file digest, or is malformed in any way found before a query would trip on it."""
        try:
            return cls._load(directory)
        except _MALFORMED as error:
            raise ValueError(f"{directory}: malformed ({type(error).__name__}: {error})") from error

    @classmethod
    def load_stats(cls, directory: Path) -> CorpusStats:
        """The corpus figures of a saved index, its stats file checked against its digest;
        ``OSError`` or ``ValueError`` as ``load``."""
        try:
            expected = _read_header(directory)["files"][_STATS_FILE]
            if file_digests(directory, [_STATS_FILE]) != {_STATS_FILE: expected}:
                raise ValueError(f"{directory}: {_STATS_FILE} does not match its digest")
            return CorpusStats.model_validate_json((directory / _STATS_FILE).read_text("utf-8"))
        except _MALFORMED as error:
            raise ValueError(f"{directory}: malformed ({type(error).__name__}: {error})") from error

    @classmethod
    def _load(cls, directory: Path) -> Index:
        header = _read_header(directory)
        # First, so that what is parsed below is byte for byte what Index.save wrote.
        verify_digests(directory, header.get("files"))
        store = load_store(directory)
        arrays = {n: typed_array(directory / f"{n}.npy", t) for n, t in _MATRIX_ARRAYS.items()}
        matrix = WeightMatrix(n_rows=store.n_rows, **arrays)
        bounds = Bounds(
            **{n: typed_array(directory / f"bounds_{n}.npy", t) for n, t in _BOUND_ARRAYS.items()},
            blocks=map_array(directory / "bounds_blocks.npy"),
        )
        terms = json.loads((directory / "vocabulary.json").read_text("utf-8"))
        vocabulary = {term: column for column, term in enumerate(terms)}
        problem = _matrix_problem(matrix, bounds)
        if problem is None and not (
            header.get("rows") == store.n_rows
            and header.get("terms") == len(terms) == len(vocabulary) == matrix.n_terms
            and all(isinstance(term, str) for term in terms)
            and header.get("documents") == len(store.documents)
        ):
            problem = "sizes differ from index.json"
        if problem:
            raise ValueError(f"{directory}: index files disagree: {problem}")
        speakers = [
            Speaker.model_validate(s)
            for s in json.loads((directory / "speakers.json").read_text("utf-8"))
        ]
        stats = CorpusStats.model_validate_json((directory / _STATS_FILE).read_text("utf-8"))
        return cls(
            params=BM25Params.model_validate(header["params"]),
            vocabulary=vocabulary,
            matrix=matrix,
            store=store,
            speakers=speakers,
            stats=stats,
            bounds=bounds,
        )

    # ----------------------------------------------------------------------------------------
    # Paragraphs and documents

    @property
    def n_paragraphs(self) -> int:
        return self._store.n_rows

    def stats(self) -> CorpusStats:
        return self._stats

    def documents(self) -> list[Document]:
        """Every document's metadata (``paragraphs`` empty), in corpus order."""
        if self._documents is None:
            self._documents = [Document.model_validate(d) for d in self._store.documents]
        return list(self._documents)

    def document(self, doc_id: str) -> Document | None:
        """The document with its paragraphs."""
        index = self._doc_index.get(doc_id)
        if index is None:
            return None
        start, end = self._doc_rows(index)
        paragraphs = tuple(self.paragraph_at(row) for row in range(start, end))
        return self._document_at(index).model_copy(update={"paragraphs": paragraphs})

    def documents_in(self, dates: DateRange) -> list[Document]:
        """The documents dated in ``dates`` (metadata only, corpus order), by the search's own
        date rule (``filters.date_mask``), so they are the documents a date filter searches."""
        mask = date_mask(self._doc_lo, self._doc_hi, dates)
        return [self._document_at(int(index)) for index in np.flatnonzero(mask)]

    def document_of_row(self, row: int) -> Document:
        return self._document_at(int(self._store.row_doc[row]))

    def paragraph_at(self, row: int) -> Paragraph:
        store = self._store
        doc = store.documents[int(store.row_doc[row])]
        speakers, collective, mentions = self._group_at(row)
        position = int(store.row_pos[row])
        return Paragraph(
            id=paragraph_id(doc["id"], position),
            doc_id=doc["id"],
            position=position,
            text=store.text(row),
            speakers=speakers,
            collective=collective,
            mentions=mentions,
            lines=store.lines(row),
        )

    def each_paragraph(self) -> Iterator[tuple[Document, Paragraph]]:
        """Every paragraph with its document (metadata only), in corpus order, each made as it
        is asked for: a reader of the whole corpus holds one at a time."""
        for index in range(len(self._store.documents)):
            document = self._document_at(index)
            start, end = self._doc_rows(index)
            for row in range(start, end):
                yield document, self.paragraph_at(row)

    def text_at(self, row: int) -> str:
        """The text of the paragraph at ``row``, without building its model: every ranked
        candidate is read, and models are made only for the hits shown."""
        return self._store.text(row)

    def quoted_rows(self, rows: list[int]) -> list[range]:
        """For each of ``rows``, the rows a hit on it quotes: itself, or its list's lead and
        points (``lists``), found when it was indexed."""
        return self._store.quotes(rows)

    def sketches_at(self, rows: list[int]) -> SketchTable:
        """The near-duplicate sketches of the paragraphs at ``rows``, made when indexed."""
        return self._store.sketches(rows)

    def documents_holding(self, rows: list[int]) -> list[int]:
        """The number (in corpus order) of the document holding each of ``rows``."""
        return self._store.documents_of(rows)

    def document_rows(self, row: int) -> range:
        """The rows of the document that holds ``row``."""
        start, end = self._doc_rows(int(self._store.row_doc[row]))
        return range(start, end)

    def row_of(self, citation_id: str) -> int | None:
        parsed = parse_citation_id(citation_id)
        index = None if parsed is None else self._doc_index.get(parsed[0])
        if parsed is None or index is None:
            return None
        position = parsed[1]
        start, end = self._doc_rows(index)
        positions = self._store.row_pos[start:end]
        found = int(np.searchsorted(positions, position))
        if found < positions.size and int(positions[found]) == position:
            return start + found
        return None

    def citation_at(self, rows: range) -> Citation:
        """The citation of the paragraph at ``rows.start``, naming the last of ``rows`` too when
        there are several (a list's lead and points), from what the index stores: no paragraph
        model and no text is made for it (that was 38 µs of a hit's 55, full UNGDC)."""
        store = self._store
        first = rows.start
        doc = self.document_of_row(first)
        speakers, collective, _ = self._group_at(first)
        position = int(store.row_pos[first])
        return Citation(
            id=paragraph_id(doc.id, position),
            doc_id=doc.id,
            position=position,
            last_position=int(store.row_pos[rows[-1]]) if len(rows) > 1 else None,
            speakers=speakers,
            collective=collective,
            title=doc.title,
            source=doc.source,
            url=doc.url,
            date=doc.date,
            path=doc.path,
        )

    def mentions_in(self, rows: range) -> tuple[str, ...]:
        """The people the paragraphs at ``rows`` name without speaking, each once, in order."""
        return tuple(dict.fromkeys(name for row in rows for name in self._group_at(row)[2]))

    def _group_at(self, row: int) -> Group:
        """The speakers, collective speakers and people named of the paragraph at ``row``."""
        return self._store.groups[int(self._store.row_group[row])]

    def paragraph(self, citation_id: str) -> Paragraph | None:
        row = self.row_of(citation_id)
        return None if row is None else self.paragraph_at(row)

    def neighbours(self, citation_id: str, before: int = 1, after: int = 1) -> list[Paragraph]:
        """The paragraph with up to ``before``/``after`` others of its document around it."""
        row = self.row_of(citation_id)
        if row is None:
            return []
        start, end = self._doc_rows(int(self._store.row_doc[row]))
        first, last = max(start, row - max(before, 0)), min(end, row + max(after, 0) + 1)
        return [self.paragraph_at(r) for r in range(first, last)]

    def dates(self) -> list[DocDate]:
        """Distinct document dates, newest first (year-less ones after those with a year)."""
        distinct = {d for d in self._doc_dates if d is not None}
        return sorted(distinct, key=_date_sort_key, reverse=True)

    def tokens_of(self, text: str) -> list[str]:
        return tokenize(text)

    def terms(self) -> KeysView[str]:
        """Every index term (the tokens of ``tokens_of`` some paragraph holds)."""
        return self._vocabulary.keys()

    def _word_share(self, word: str) -> float:
        """The share of paragraphs holding ``word`` (1 for a stopword or a word of several
        terms: not a name's)."""
        tokens = self.tokens_of(word)
        if len(tokens) != 1:
            return 1.0
        return self.doc_freq(tokens[0]) / max(self.n_paragraphs, 1)

    def _share_beside(self, word: str, other: str) -> float:
        """The share of the paragraphs holding ``word`` that hold ``other`` too (0 for a
        stopword or a word of several terms, or one no paragraph holds)."""
        tokens, others = self.tokens_of(word), self.tokens_of(other)
        if len(tokens) != 1 or len(others) != 1:
            return 0.0
        held = self.doc_freq(tokens[0])
        return self.held_with(tokens[0], others)[0] / held if held else 0.0

    def doc_freq(self, token: str) -> int:
        """How many paragraphs contain the index term ``token`` (a token of ``tokens_of``)."""
        column = self._vocabulary.get(token)
        return 0 if column is None else self._matrix.doc_freq(column)

    def held_with(self, term: str, others: Sequence[str]) -> list[int]:
        """Of the paragraphs holding the index term ``term``, how many hold each of
        ``others`` (a binary search of each other term's postings per paragraph of ``term``)."""
        column = self._vocabulary.get(term)
        if column is None:
            return [0] * len(others)
        rows = self._matrix.postings(column)[0]
        counts = []
        for other in others:
            other_column = self._vocabulary.get(other)
            found = 0
            if other_column is not None:
                found = int(bm25.member(self._matrix.postings(other_column)[0], rows).sum())
            counts.append(found)
        return counts

    def _document_at(self, index: int) -> Document:
        if self._documents is not None:
            return self._documents[index]
        made = self._document_models.get(index)
        if made is None:
            if len(self._document_models) >= DOCUMENT_MODELS:
                self._document_models = {}  # a new dict: a reader holding the old one is safe
            made = Document.model_validate(self._store.documents[index])
            self._document_models[index] = made
        return made

    def _doc_rows(self, index: int) -> tuple[int, int]:
        starts = self._store.doc_row_start
        return int(starts[index]), int(starts[index + 1])

    # ----------------------------------------------------------------------------------------
    # Search

    def search(
        self,
        query: Query,
        *,
        required_phrases: Sequence[str] = (),
        required_terms: Sequence[str] = (),
    ) -> Ranking:
        """Rank paragraphs for ``query``; see ``Ranking`` and the contract in the module doc.

        With query words: paragraphs with a positive BM25 score (equal scores newest first);
        when every query word is in over half the paragraphs (weight 0), the paragraphs
        containing one, newest first. Without words (empty, or stopwords only) but with a
        filter: every paragraph that passes it, newest first, score 0. Neither: nothing.
        ``required_phrases`` (folded, any whitespace between words) are a filter checked on
        the text of at most ``PHRASE_READS`` rows, the best ranked first; when more rows hold
        their index terms, the count is a lower bound. ``required_terms`` (index terms) are a
        filter too: only rows holding every one of them are ranked.
        """
        tokens = tokenize(query.text)
        phrases = [_Phrase(w) for w in (fold(p).split() for p in required_phrases) if w]
        filtered = bool(
            query.speaker or query.dates or query.source or query.document or phrases
        ) or bool(query.country or required_terms)
        if not tokens and not filtered:
            return Ranking(rows=[], scores=[], total=0)
        doc_mask, group_mask = self._document_mask(query), self._group_mask(query.speaker)
        keep = self._keeper(doc_mask, group_mask)
        wanted = query.offset + query.k
        reads = max(wanted, PHRASE_READS)  # the rows ranked for a phrase check
        holding = self._phrase_rows(required_phrases) if phrases else None
        if required_terms:
            with_terms = self._rows_with_every(required_terms)
            holding = with_terms if holding is None else np.intersect1d(holding, with_terms)
        rows: npt.NDArray[np.integer]
        known: set[int] = set()  # rows found to hold the phrases before ranking
        if tokens:
            terms = bm25.query_terms(tokens, self._vocabulary)
            sizes = [n for n in self._filter_sizes(doc_mask, group_mask) if n is not None]
            few = None
            if sizes and min(sizes) <= self.n_paragraphs // _FEW_ROWS:
                few = self._filtered_rows(doc_mask, group_mask)
            if holding is not None:
                few = holding if few is None else np.intersect1d(few, holding)
                if phrases and few.size <= reads:
                    # Every row holding the phrases' terms (and passing the filters) is read,
                    # as after ranking: read before, a phrase no row holds (most quotations
                    # looked for) ranks no row, and the rows that hold it are not read again.
                    # A quotation not found 711 → 499 µs p50 (the bench's twelve-word
                    # questions, full UNGDC; most hold their terms in one row, its source).
                    few = few if keep is None else few[keep(few)]
                    few = few[self._holding_phrases(few, np.arange(few.size), phrases, None)]
                    known = set(few.tolist())
            found = top_candidates(
                self._matrix,
                self._bounds,
                terms,
                reads if phrases else wanted,
                keep=keep,
                buffers=self._buffers(),
                allowed=few,
            )
            rows, scores, total, exact = found.rows, found.scores, found.total, found.exact
        else:
            rows = holding if holding is not None else self._filtered_rows(doc_mask, group_mask)
            if keep is not None and holding is not None:
                rows = rows[keep(rows)]
            scores = np.zeros(rows.size, dtype=np.float64)
            total, exact = int(rows.size), True
        if phrases:
            # When more rows than are read hold the phrases' terms, reading stops once a page
            # holds the phrases, and the count is a lower bound.
            every = rows.size <= reads
            order = bm25.top_k(scores, reads, self._newest_first(rows))
            held = self._holding_phrases(rows, order, phrases, None if every else wanted, known)
            rows, scores, total, exact = rows[held], scores[held], int(held.size), exact and every
        best = bm25.top_k(scores, wanted, self._newest_first(rows))
        best = best[query.offset : wanted]
        return Ranking(
            # Python numbers from tolist in C: 5.6 → 1.3 µs for 20 rows, not int() on each.
            rows=rows[best].tolist(),
            scores=scores[best].tolist(),
            total=total,
            exact=exact,
        )

    def _newest_first(
        self, rows: npt.NDArray[np.integer]
    ) -> Callable[[IntArray], npt.NDArray[np.integer]]:
        """The tiebreak of equal scores among ``rows``: newest first (``top_k``'s)."""
        newest: npt.NDArray[np.integer] = self._newest_rank
        return lambda chosen: newest[rows[chosen]]

    def _keeper(self, doc_mask: BoolArray | None, group_mask: BoolArray | None) -> Keep | None:
        """The document and speaker filters as one function of rows (None: no filter). Each
        filter alone is one lookup, not a mask of ones and'ed with it: MaxScore keeps the rows
        of every term it takes, and a date filter kept 300 rows in 8.3 µs, now 4.0; 3,000 in
        24.3, now 12.8 (full UNGDC)."""
        by_doc = None if doc_mask is None else self._in_documents(doc_mask)
        by_group = None if group_mask is None else _passing(group_mask, self._store.row_group)
        if by_doc is None or by_group is None:
            return by_doc or by_group
        return lambda rows: by_doc(rows) & by_group(rows)

    def _in_documents(self, doc_mask: BoolArray) -> Keep:
        """Whether each row is in a document ``doc_mask`` allows. Documents allowed one after
        another hold one range of rows, checked by two comparisons, not looked up by document:
        a date filter's are so when the corpus is in date order, as the UNGDC's sessions are
        (152,650 rows 63 µs, not 502)."""
        documents = np.flatnonzero(doc_mask)
        if documents.size and documents[-1] - documents[0] + 1 == documents.size:
            starts = self._store.doc_row_start
            first, end = int(starts[documents[0]]), int(starts[documents[-1] + 1])
            return lambda rows: (rows >= first) & (rows < end)
        return _passing(doc_mask, self._store.row_doc)

    def _buffers(self) -> ScoreBuffers:
        buffers: ScoreBuffers | None = getattr(self._local, "buffers", None)
        if buffers is None:
            buffers = self._local.buffers = ScoreBuffers(self.n_paragraphs)
        return buffers

    def _document_mask(self, query: Query) -> BoolArray | None:
        """Documents allowed by the date, source, country, document and person-as-context
        filters (None: all)."""
        mask: BoolArray | None = None
        if query.dates is not None:
            mask = date_mask(self._doc_lo, self._doc_hi, query.dates)
        if query.source:
            mask = _and(mask, source_mask(self._sources, query.source))
        if query.country:
            mask = _and(mask, self._countries.mask(query.country))
        if query.document:
            only = np.zeros(len(self._store.documents), dtype=np.bool_)
            index = self._doc_index.get(query.document.strip())
            if index is not None:
                only[index] = True
            mask = _and(mask, only)
        if query.involving:
            mask = _and(mask, self._appearances(query.involving))
        return mask

    def _appearances(self, person: str) -> BoolArray:
        """Documents where ``person`` (any alias) appears: listed as a speaker, speaking or
        named in a paragraph (by every word of their name or of an alias, so "President Xi
        Jinping's proposal" counts however the mention was attributed)."""
        name = self.speakers.canonical(person) or person
        table = self._appearing
        if table is None:  # one pass over groups and documents, on the first such filter
            table = {}
            for number, (speakers, _, mentions) in enumerate(self._store.groups):
                for someone in {*speakers, *mentions}:
                    table.setdefault(someone, ([], []))[0].append(number)
            for number, document in enumerate(self._store.documents):
                for someone in document.get("speakers") or ():
                    table.setdefault(someone, ([], []))[1].append(number)
            self._appearing = table
        groups, listed = table.get(name, ([], []))
        in_groups = np.zeros(len(self._store.groups), dtype=np.bool_)
        in_groups[groups] = True
        appears = np.zeros(len(self._store.documents), dtype=np.bool_)
        appears[listed] = True
        appears[self._store.row_doc[self._rows_by_group().rows_of(in_groups)]] = True
        known = self.speakers.get(name)
        for form in (name, *(known.aliases if known is not None else ())):
            appears[self._store.row_doc[self._rows_with_every(self.tokens_of(form))]] = True
        return appears

    def _rows_with_every(self, tokens: Iterable[str]) -> npt.NDArray[np.integer]:
        """The rows holding every one of ``tokens`` (none for no tokens)."""
        columns = self._columns_rarest_first(tokens)
        return self._rows_holding(columns) if columns else np.zeros(0, dtype=np.int32)

    def _columns_rarest_first(self, tokens: Iterable[str]) -> list[int] | None:
        """The columns of the distinct ``tokens``, rarest first; None if one is in no row."""
        columns = []
        for token in sorted(set(tokens), key=self.doc_freq):
            column = self._vocabulary.get(token)
            if column is None:
                return None
            columns.append(column)
        return columns

    def _rows_holding(self, columns: Sequence[int]) -> npt.NDArray[np.integer]:
        """The rows holding every one of ``columns`` (one at least, rarest first): the rarest's
        postings, narrowed by a binary search in each next one's."""
        rows = self._matrix.postings(columns[0])[0]
        for column in columns[1:]:
            rows = rows[bm25.member(self._matrix.postings(column)[0], rows)]
        return rows

    def _group_mask(self, speaker: str | None) -> BoolArray | None:
        """Speaker groups in which anyone ``speaker`` names speaks (``SpeakerRegistry.people``:
        a canonical name, an alias, or a surname naming several people; None: no filter)."""
        if not speaker:
            return None
        mask = np.zeros(len(self._store.groups), dtype=np.bool_)
        groups = self._groups_by_speaker()
        for name in self.speakers.people(speaker):
            mask[groups.get(name, [])] = True
        return mask

    def _groups_by_speaker(self) -> dict[str, list[int]]:
        """speaker or collective name -> the groups it speaks in; made on the first speaker
        filter, since paragraphs' mentions make groups many (one pass, not one per query)."""
        table = self._speaker_groups
        if table is None:
            table = {}
            for number, (speakers, collective, _) in enumerate(self._store.groups):
                for name in {*speakers, *collective}:
                    table.setdefault(name, []).append(number)
            self._speaker_groups = table
        return table

    def _filter_sizes(
        self, doc_mask: BoolArray | None, group_mask: BoolArray | None
    ) -> tuple[int | None, int | None]:
        """How many rows the document filter and the speaker filter each let through, from the
        documents' and groups' sizes without reading any row (None: no such filter)."""
        by_docs = None if doc_mask is None else int(self._doc_sizes[doc_mask].sum())
        by_groups = None if group_mask is None else self._rows_by_group().count(group_mask)
        return by_docs, by_groups

    def _filtered_rows(
        self, doc_mask: BoolArray | None, group_mask: BoolArray | None
    ) -> npt.NDArray[np.integer]:
        """The rows passing the document and speaker filters, ascending: those of the more
        selective filter, checked against the other."""
        row_doc, row_group = self._store.row_doc, self._store.row_group
        by_docs, by_groups = self._filter_sizes(doc_mask, group_mask)
        rows: npt.NDArray[np.integer]
        speaker_first = by_groups is not None and (by_docs is None or by_groups <= by_docs)
        if group_mask is not None and speaker_first:
            rows = self._rows_by_group().rows_of(group_mask)
            return rows if doc_mask is None else rows[doc_mask[row_doc[rows]]]
        if doc_mask is not None:
            rows = concatenated_ranges(self._store.doc_row_start, np.flatnonzero(doc_mask))
            return rows if group_mask is None else rows[group_mask[row_group[rows]]]
        return np.arange(self.n_paragraphs, dtype=np.int64)

    def _rows_by_group(self) -> GroupRows:
        """Made on the first speaker filter, as ``_groups_by_speaker`` is."""
        if self._group_rows is None:
            self._group_rows = GroupRows.of(self._store.row_group, len(self._store.groups))
        return self._group_rows

    def _phrase_rows(self, phrases: Sequence[str]) -> npt.NDArray[np.integer] | None:
        """The rows holding every index term of the phrases: a row lacking one cannot hold its
        phrase, so only these are ranked (on the bench's twelve-word questions, looked for
        first as quotations, checking the phrases on every row each query term's postings
        brought in was a third of the engine's time). None when the phrases have no index
        term ("it is what it is": stopwords only), which narrows nothing."""
        columns = self._columns_rarest_first(t for phrase in phrases for t in tokenize(phrase))
        if columns is None:
            return np.zeros(0, dtype=np.int32)
        return self._rows_holding(columns) if columns else None

    def _holding_phrases(
        self,
        rows: npt.NDArray[np.integer],
        order: IntArray,
        phrases: Sequence[_Phrase],
        enough: int | None,
        known: Container[int] = (),
    ) -> IntArray:
        """The positions in ``rows``, taken in ``order`` (best first), of those whose folded
        text holds every phrase (``known`` rows do, and are not read); reading stops once
        ``enough`` do (None: every one in ``order`` is read). A text costs 3-70 µs to read
        (folding one with accents is the slow case): before ``search`` bounded the reads by
        ``PHRASE_READS``, "the General Assembly of the United Nations" read the 15,502
        paragraphs holding its terms (1.1 s) and a question of stopwords only, "who said it
        is what it is", every paragraph (15 s)."""
        held: list[int] = []
        for position in order.tolist():
            row = int(rows[position])
            if row in known or self._holds_phrases(row, phrases):
                held.append(position)
                if enough is not None and len(held) >= enough:
                    break
        return np.array(held, dtype=np.int64)

    def _holds_phrases(self, row: int, phrases: Sequence[_Phrase]) -> bool:
        text = fold(self._store.text(row))
        return all(phrase.in_text(text) for phrase in phrases)


def _passing(mask: BoolArray, of_row: npt.NDArray[np.integer]) -> Keep:
    """Whether each row passes a filter of ``mask``, over the row's document or group."""
    return lambda rows: mask[of_row[rows]]


class _Phrase:
    """A phrase, its folded ``words``, as it is found in a folded text: the words in order with
    any whitespace between them (a line break inside a paragraph is a space), as the words
    joined by the pattern of whitespace would find them. Compiling that pattern took 120-160
    µs a phrase, while most phrase searches read a few texts (bench-like questions, full UNGDC:
    180 of 182 read fewer than five): a text is first looked for the words joined by single
    spaces, as most write them, then with its own whitespace made single spaces, and only past
    ``_PHRASE_TEXTS_UNCOMPILED`` such texts is the pattern compiled. A phrase search 730 → 524
    µs mean (182 of the full UNGDC's, each phrase new). An apostrophe is any the tokenizer
    reads as one (``same_apostrophes``): the UNGDC writes "there’s" and "there's", and a phrase
    typed with either found only texts writing the same."""

    def __init__(self, words: Sequence[str]) -> None:
        self._words = [same_apostrophes(word) for word in words]
        self._spaced = " ".join(self._words)
        self._apostrophe = "'" in self._spaced
        self._pattern: re.Pattern[str] | None = None
        self._respaced = 0  # texts whose whitespace was made single spaces

    def in_text(self, folded: str) -> bool:
        if self._apostrophe:
            folded = same_apostrophes(folded)
        if self._spaced in folded:
            return True
        if self._respaced < _PHRASE_TEXTS_UNCOMPILED:
            self._respaced += 1
            return self._spaced in " ".join(folded.split())
        if self._pattern is None:
            self._pattern = re.compile(r"\s+".join(map(re.escape, self._words)))
        return self._pattern.search(folded) is not None


def _read_header(directory: Path) -> dict[str, Any]:
    """A saved index's header, if it is of this format (else ``ValueError``)."""
    header = json.loads((directory / HEADER_FILE).read_text("utf-8"))
    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        raise ValueError(f"{directory}: index format is not {FORMAT_VERSION}")
    return header


def _store_and_weigh(
    corpus: Corpus,
    builder: StoreBuilder,
    params: BM25Params,
    n_documents: int,
    progress: bool | None,
) -> tuple[Store, dict[str, int], WeightMatrix]:
    """The paragraph store and the weights of ``corpus``, in one pass over its documents."""
    documents = tqdm(
        corpus.take_documents(),
        desc="indexing",
        unit="doc",
        total=n_documents,
        disable=_quiet(progress),
    )

    def paragraph_tokens() -> Iterator[list[str]]:
        # Fills the store as bm25 reads the tokens: no token list kept.
        for document in documents:
            builder.add_document(document.model_dump(mode="json", exclude={"paragraphs"}))
            quotes = lists.document_lists([p.text for p in document.paragraphs])
            for paragraph, quoted in zip(document.paragraphs, quotes, strict=True):
                group = (paragraph.speakers, paragraph.collective, paragraph.mentions)
                tokens = tokenize(paragraph.text)
                builder.add_paragraph(
                    paragraph.text,
                    paragraph.position,
                    group,
                    lines=paragraph.lines,
                    quotes=quoted,
                    sketch=sketch(shingles(tokens)),
                )
                yield tokens

    vocabulary, matrix = bm25.weigh_tokens(paragraph_tokens(), params)
    return builder.finish(), vocabulary, matrix


def _and(mask: BoolArray | None, other: BoolArray) -> BoolArray:
    return other if mask is None else mask & other


def _date_of(document: dict[str, Any]) -> DocDate | None:
    date = document.get("date")
    return DocDate.model_validate(date) if date else None


def _date_sort_key(date: DocDate) -> tuple[int, int, int, int]:
    return (date.year is not None, date.year or 0, date.month or 0, date.day or 0)


def _newest_rank(
    doc_lo: npt.NDArray[np.int32], row_doc: npt.NDArray[np.int32], row_pos: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32]:
    """Each row's place in "newest first" order: date descending (year-less dates after dated
    ones, undated last), then document, then position."""
    date_key = doc_lo.astype(np.int64)[row_doc] if row_doc.size else np.zeros(0, np.int64)
    order = np.lexsort((row_pos, row_doc, -date_key))
    rank = np.empty(order.size, dtype=np.int32)
    rank[order] = np.arange(order.size, dtype=np.int32)
    assert UNDATED < 0  # undated documents sort last because their key is the smallest
    return rank


def _matrix_problem(matrix: WeightMatrix, bounds: Bounds) -> str | None:
    """What in the weight matrix or its bounds would fail or mislead a query, or None."""
    indptr, indices = matrix.indptr, matrix.indices
    if indptr.size == 0 or int(indptr[0]) != 0 or bool((np.diff(indptr) < 0).any()):
        return "indptr does not cut the postings"
    if not indices.size == matrix.data.size == int(indptr[-1]):
        return "postings differ in length from indptr"
    if indices.size and (int(indices.min()) < 0 or int(indices.max()) >= matrix.n_rows):
        return "a posting names a paragraph that does not exist"
    if bounds.blocks.dtype != np.uint8 or not bounds.fit(matrix):
        return "bounds do not fit the matrix"
    if int(bounds.slots.min(initial=-1)) < -1:
        return "bounds name a negative block row"
    return None


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _quiet(progress: bool | None) -> bool | None:
    # tqdm's disable=None switches the bar off when stderr is not a terminal.
    return None if progress is None else not progress


def _cache_place(
    folders: Sequence[Path] | None, cache_dir: Path | None, params: BM25Params
) -> tuple[Path, str]:
    """The corpus' folder of indexes, and the name of its current index in it."""
    slot = corpus_slot(cache_dir or default_cache_dir(), folders)
    fingerprint, version = corpus_fingerprint(folders), tokenizer.TOKENIZER_VERSION
    return slot, index_key(fingerprint, params.model_dump_json(), FORMAT_VERSION, version)


def open_stats(
    folders: Sequence[Path] | None = None,
    *,
    cache_dir: Path | None = None,
    progress: bool | None = None,
) -> CorpusStats:
    """The figures of the corpus in ``folders``: from the current index's stats file alone
    when it is sound (nothing else of the index is read: on the UNGDC, 0.1 s where loading
    the index takes 1 s), else from ``open_index``, which builds the index."""
    slot, key = _cache_place(folders, cache_dir, BM25Params())
    try:
        return Index.load_stats(slot / key)
    except (OSError, ValueError) as error:
        log.info("no current index figures at %s (%s)", slot / key, error)
    return open_index(folders, cache_dir=cache_dir, progress=progress).stats()


def open_index(
    folders: Sequence[Path] | None = None,
    *,
    cache_dir: Path | None = None,
    progress: bool | None = None,
    params: BM25Params | None = None,
    rebuild: bool = False,
) -> Index:
    """The index of the corpus in ``folders`` (None: the embedded seeds), from the cache when
    it is current and sound, else (or with ``rebuild``) built from the corpus and cached."""
    params = params or BM25Params()
    slot, key = _cache_place(folders, cache_dir, params)
    target = slot / key
    if rebuild:
        log.info("index rebuild requested: %s", target)
    elif (target / HEADER_FILE).is_file():
        started = time.perf_counter()
        try:
            index = Index.load(target)
        except (OSError, ValueError) as error:
            log.warning("index cache %s unreadable (%s); rebuilding", target, error)
        else:
            log.info("index cache hit: %s (%.2f s)", target, time.perf_counter() - started)
            return index
    else:
        log.info("index cache miss: %s", target)
    index = Index.build(load_corpus(folders, progress=progress), params, progress)
    try:
        index.save(target)
        sweep(slot, keep=key)
    except OSError as error:
        # A read-only or full cache folder costs the next start a rebuild, not this answer.
        log.warning("could not save the index to %s: %s", target, error)
    return index
