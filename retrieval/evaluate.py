"""Retrieval quality on a BEIR-format folder: nDCG@10, Recall@100 and MRR@10.

The folder holds ``corpus.jsonl`` (``_id``, ``title``, ``text``), ``queries.jsonl`` (``_id``,
``text``) and ``qrels/<split>.tsv`` (``query-id``, ``corpus-id``, ``score`` with a header line,
CRLF or LF). Each BEIR document (title and text together) is one retrieval unit, scored with the
same tokenizer and BM25 as the paragraph index. Metrics follow trec_eval / pytrec_eval as BEIR
uses them: linear gains, judged relevance > 0, a query with no hit scores 0.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from tqdm import tqdm

from corpus.errors import VerbatimError
from retrieval.bm25 import BM25Params, ScoreBuffers, query_terms, top_k, weigh_tokens
from retrieval.bounds import term_bounds
from retrieval.maxscore import top_candidates
from retrieval.tokenize import tokenize

log = logging.getLogger(__name__)

Tokenizer = Callable[[str], list[str]]


class EvalReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    ndcg_at_10: float
    recall_at_100: float
    mrr_at_10: float
    queries: int
    documents: int
    seconds: float
    params: BM25Params = BM25Params()
    split: str = "test"


def evaluate_beir(
    folder: Path,
    params: BM25Params | None = None,
    progress: bool | None = None,
    *,
    split: str = "test",
    tokenizer: Tokenizer = tokenize,
) -> EvalReport:
    """Index ``folder``'s corpus, run its judged queries and average the three metrics."""
    started = time.perf_counter()
    params = params or BM25Params()
    doc_ids, texts = _read_corpus(folder / "corpus.jsonl")
    queries = _read_queries(folder / "queries.jsonl")
    qrels = _read_qrels(folder / "qrels" / f"{split}.tsv")
    judged = [qid for qid in qrels if qid in queries]
    if not judged:
        raise VerbatimError(f"{folder}: no query of qrels/{split}.tsv is in queries.jsonl")

    indexing = tqdm(texts, desc="indexing", unit="doc", disable=not progress)
    vocabulary, matrix = weigh_tokens((tokenizer(text) for text in indexing), params)
    buffers = ScoreBuffers(matrix.n_rows)
    bounds = term_bounds(matrix)
    ndcg = recall = mrr = 0.0
    for qid in judged:
        terms = query_terms(tokenizer(queries[qid]), vocabulary)
        found = top_candidates(matrix, bounds, terms, 100, keep=None, buffers=buffers)
        rows, scores = found.rows, found.scores
        best = rows[top_k(scores, 100, rows.__getitem__)]
        ranked = [doc_ids[row] for row in best]
        ndcg += ndcg_at(ranked, qrels[qid], 10)
        recall += recall_at(ranked, qrels[qid], 100)
        mrr += reciprocal_rank_at(ranked, qrels[qid], 10)
    n = len(judged)
    report = EvalReport(
        ndcg_at_10=ndcg / n,
        recall_at_100=recall / n,
        mrr_at_10=mrr / n,
        queries=n,
        documents=len(doc_ids),
        seconds=time.perf_counter() - started,
        params=params,
        split=split,
    )
    log.info("BEIR %s (%s): %s", folder, split, report.model_dump_json())
    return report


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    gains = [relevant.get(doc, 0) for doc in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains) if g > 0)
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    wanted = {doc for doc, g in relevant.items() if g > 0}
    return len(wanted.intersection(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    for i, doc in enumerate(ranked[:k]):
        if relevant.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    if not path.is_file():
        raise VerbatimError(f"{path} is missing: a BEIR folder needs corpus.jsonl, queries.jsonl "
                            "and qrels/test.tsv")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise VerbatimError(f"{path}:{number}: not JSON ({error.msg})") from error
                if isinstance(record, dict):
                    yield record


def _read_corpus(path: Path) -> tuple[list[str], list[str]]:
    ids: list[str] = []
    texts: list[str] = []
    for record in _jsonl(path):
        ids.append(str(record.get("_id", "")))
        texts.append(f"{record.get('title') or ''}\n{record.get('text') or ''}")
    return ids, texts


def _read_queries(path: Path) -> dict[str, str]:
    return {str(r.get("_id", "")): str(r.get("text") or "") for r in _jsonl(path)}


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        raise VerbatimError(f"{path} is missing")
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline=None) as lines:
        for line in _data_lines(lines):
            fields = line.split("\t")
            if len(fields) >= 3:
                qrels.setdefault(fields[0], {})[fields[1]] = int(float(fields[2]))
    return qrels


def _data_lines(lines: Iterable[str]) -> Iterator[str]:
    for number, raw in enumerate(lines):
        line = raw.strip()
        if line and not (number == 0 and line.lower().startswith("query")):
            yield line
