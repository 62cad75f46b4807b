"""Fit the answerability gate's logistic model on the DEV split of the judged questions, by hand.

    .venv/bin/python -m tests.benchmarks.fit_gate --cache-dir /tmp/q-cache
    .venv/bin/python -m tests.benchmarks.fit_gate --corpus both --full-dir DIR \\
        --cache-dir /tmp/q-cache --show

Reads only the records whose ``split`` is ``dev`` (the test split is never opened for fitting). For
each, it runs the first ranking ``ask`` runs (the question understood, its speaker, dates, country
and person as context applied, no gate: ``search(..., strict=False)``) and computes
``gate.features`` of the best hit. Label 1: the question is answerable; 0: the corpus cannot answer
it. The model is a logistic regression on ``gate.COEFFICIENTS``' features, classes weighted by the
inverse of their size, L2 penalty ``--l2`` on the coefficients (not the intercept), fitted by
Newton's method. The threshold is the highest at which at least ``--answered`` of the answerable
questions are answered. It prints the coefficients to paste into ``retrieval/gate.py``, the dev
rates the fitted rule gives, and each question's features with ``--show``.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval import gate
from retrieval.answer import search
from retrieval.index import Index, open_index
from retrieval.models import Query
from retrieval.question import understand
from tests.benchmarks.bench_questions import question_corpora
from tests.benchmarks.ungdc import DEFAULT_SHARED
from tests.quality.questions import Question, load_questions


@dataclass(frozen=True)
class Row:
    corpus: str
    question: Question
    features: gate.Features


def first_ranking_features(index: Index, question: str) -> gate.Features | None:
    """The gate's features of the best hit of the ranking ``ask`` decides on: the first one, or
    when a word of the question is respelled, the retry's; None when nothing ranks (``ask``
    then says nothing matches, with no gate to decide)."""
    # The index, not its speaker registry: so the question's country and a person named as
    # context are read as ``ask`` reads them, and the features are those of ``ask``'s ranking.
    understanding = understand(question, index)
    # A word no paragraph holds is read as its closest index term when ``ask`` retries, and that
    # retry's ranking is the one the gate decides for a misspelt question: fitting on the first
    # ranking taught it that a typo ("venezuala") is a word the corpus lacks ("krill").
    text, _ = gate.respelled(index, understanding.search_text, understanding.country)
    query = Query.lenient(
        text,
        speaker=understanding.speaker,
        dates=understanding.dates,
        involving=understanding.involving,
        country=understanding.country,
        k=10,
    )
    answer = search(index, query, strict=False)
    if not answer.hits or not index.tokens_of(answer.query.text):
        return None
    weights = gate.idf_weights(index, gate.query_terms(answer.query.text))
    scores = [hit.score for hit in answer.hits]
    return gate.features(index, answer.hits[0].text, weights, scores, answer.query.text)


def fit(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float
) -> npt.NDArray[np.float64]:
    """Class-weighted, L2-penalised logistic regression by Newton's method; column 0 of ``x``
    is the intercept (not penalised)."""
    weight = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    beta = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (weight * (p - y)) / len(y) + penalty * beta
        hessian = (x.T * (weight * p * (1 - p))) @ x / len(y) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return beta


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=("sample", "full", "both"), default="both")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--full-dir", type=Path, help="the extracted full UNGDC (made if absent)")
    parser.add_argument("--cache-dir", type=Path, help="index cache, reused between runs")
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--answered", type=float, default=0.90, help="answered share to keep")
    parser.add_argument("--show", action="store_true", help="print every question's features")
    args = parser.parse_args(argv)
    if not (args.shared / "corpora" / "ungdc").is_dir():
        print(f"needs {args.shared}/corpora/ungdc, which is absent", file=sys.stderr)
        return 1

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="fit-gate-") as temporary:
        for name, folders, path in question_corpora(args, Path(temporary)):
            index = open_index(folders, cache_dir=args.cache_dir, progress=False)
            for question in load_questions(path):
                if question.split != "dev":
                    continue
                found = first_ranking_features(index, question.question)
                if found is not None:
                    rows.append(Row(name, question, found))

    names = list(gate.COEFFICIENTS)
    x = np.array([[1.0, *r.features.vector()] for r in rows])
    y = np.array([1.0 if r.question.answerable else 0.0 for r in rows])
    beta = fit(x, y, args.l2)
    z = x @ beta
    p = 1.0 / (1.0 + np.exp(-z))
    answerable = y == 1
    # The highest threshold that still answers the wanted share of answerable questions.
    candidates = sorted(set(np.round(p, 4).tolist()) | {0.5}, reverse=True)
    threshold = 0.0
    for t in candidates:
        if (p >= t)[answerable].mean() >= args.answered:
            threshold = t
            break
    decided = p >= threshold
    print(f"{len(rows)} dev questions with a ranking: {int(answerable.sum())} answerable")
    print(f"INTERCEPT = {beta[0]:.3f}")
    fitted = zip(names, beta[1:], strict=True)
    print("COEFFICIENTS = {" + ", ".join(f'"{n}": {b:.3f}' for n, b in fitted) + "}")
    print(f"THRESHOLD = {threshold:.3f}")
    for corpus in sorted({r.corpus for r in rows}):
        mine = np.array([r.corpus == corpus for r in rows])
        answered = decided[mine & answerable].mean()
        refused = (~decided[mine & ~answerable]).mean() if (mine & ~answerable).any() else math.nan
        print(f"  {corpus}: answered {answered:.2f} of answerable, refused {refused:.2f} of others")
    if args.show:
        for r, prob, d in sorted(zip(rows, p, decided, strict=True), key=lambda t: t[1]):
            f = r.features
            print(
                f"{prob:.2f} {'ans' if d else 'ref'} {'A' if r.question.answerable else 'U'} "
                f"cov {f.coverage:.2f} miss {f.missing:.2f} reach {f.reach:.2f} "
                f"margin {f.margin:.2f} pairs {f.pairs:.2f} [{r.corpus}] {r.question.question}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
