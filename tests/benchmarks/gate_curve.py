"""What the answerability gate as shipped can trade, by hand: answered against refused by threshold.

    .venv/bin/python -m tests.benchmarks.gate_curve --corpus both --full-dir DIR \\
        --cache-dir /tmp/q-cache

For each judged question, dev and test, it computes ``gate.probability`` of the best hit of the
ranking ``ask`` decides on (``fit_gate.first_ranking_features``: the gate alone, without the
rare-topic rule or the retries around it, so its rates differ a little from ``bench_questions``')
and prints, per corpus and split, the answerable share answered and the unanswerable share
refused at each threshold, the threshold that answers 0.90 of the answerable questions with what
it refuses there, and the ROC AUC (how often an answerable question's best hit scores above an
unanswerable one's). It measures; it chooses nothing: ``gate.THRESHOLD`` was chosen on dev alone
(``fit_gate``, ``bench_questions``), and reading the test rows here to move it would be tuning on
test. Its use is to say whether any threshold of the gate meets the answered and refused targets
together on a split.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval import gate
from retrieval.index import open_index
from tests.benchmarks.bench_questions import (
    SPLITS,
    add_corpus_options,
    lacks_shared,
    question_corpora,
)
from tests.benchmarks.fit_gate import first_ranking_features, threshold_answering
from tests.quality.questions import load_questions

THRESHOLDS = (0.20, 0.25, 0.30, gate.THRESHOLD, 0.40, 0.45)
ANSWERED_TARGET = 0.90


def auc(answerable: npt.NDArray[np.float64], unanswerable: npt.NDArray[np.float64]) -> float:
    """The chance that an answerable question's probability is above an unanswerable one's
    (ties count half)."""
    above = (answerable[:, None] > unanswerable[None, :]).mean()
    tied = (answerable[:, None] == unanswerable[None, :]).mean()
    return float(above + tied / 2)


def print_curve(title: str, p: npt.NDArray[np.float64], answerable: npt.NDArray[np.bool_]) -> None:
    print(f"\n{title}: {int(answerable.sum())} answerable, {int((~answerable).sum())} not")
    for threshold in THRESHOLDS:
        answered = (p[answerable] >= threshold).mean()
        refused = (p[~answerable] < threshold).mean()
        shipped = "  (shipped)" if threshold == gate.THRESHOLD else ""
        print(
            f"  threshold {threshold:.2f}: answered {answered:.2f}, refused {refused:.2f}{shipped}"
        )
    at = threshold_answering(p, answerable, ANSWERED_TARGET)
    print(
        f"  to answer {ANSWERED_TARGET:.2f}: threshold {at:.3f}, "
        f"refused {(p[~answerable] < at).mean():.2f}; AUC {auc(p[answerable], p[~answerable]):.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_corpus_options(parser, "both")
    args = parser.parse_args(argv)
    if lacks_shared(args):
        return 1
    with tempfile.TemporaryDirectory(prefix="gate-curve-") as temporary:
        for name, folders, path in question_corpora(args, Path(temporary)):
            index = open_index(folders, cache_dir=args.cache_dir, progress=False)
            questions = load_questions(path)
            for split in SPLITS:
                chosen = [q for q in questions if q.split == split]
                # No ranking at all: ``ask`` says nothing matches, which is no answer.
                found = [first_ranking_features(index, q.question) for q in chosen]
                p = np.array([gate.probability(f[0]) if f else 0.0 for f in found])
                answerable = np.array([q.answerable for q in chosen])
                print_curve(f"{name} · {split}", p, answerable)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
