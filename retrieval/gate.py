"""The answerability gate: is the best hit close enough to the question to quote?

**Not found.** A weak match is worse than none: it puts a quote beside a question it does not
answer. The top hit must contain at least ``MIN_COVERAGE`` = 0.6 of the question's idf mass:
the summed idf of the distinct query terms it contains over the summed idf of all of them (a
term found in no paragraph counts with the corpus' highest idf; a hyphenated word's joined
form is not counted twice). Calibrated on the seeds + the UNGDC sample (9,138 paragraphs) with
34 questions that should be answered and 13 that should not (``tests/retrieval/
test_gate.py`` keeps a subset): short questions that should be answered ("korosi one-China",
"Qin Gang on the UN's role", "What did China say about carbon neutrality?") have a top-hit
coverage of 1.0, long ones ("reform of the Security Council to give Africa permanent seats",
"debt relief for developing countries and reform of international financial institutions")
0.71 or more; those that should fail ("bitcoin mining regulation", "recipe for chocolate cake",
"smartphone battery life", "iPhone release") stay at or below 0.54. 0.6 sits in that gap
(borderline and refused: "lithium batteries" 0.52, "space exploration and the moon" 0.42). A
one-term query always passes when any paragraph has the term; pure filter queries (a speaker
or a date with no words) list paragraphs newest first and are never "not found" while
something matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from . import bm25
from .index import Index

__all__ = ["IDF_FLOOR", "MIN_COVERAGE", "coverage", "idf_weights", "query_terms"]

MIN_COVERAGE = 0.6
IDF_FLOOR = 0.05  # the least a query term weighs in coverage, however common


def query_terms(index: Index, text: str) -> list[str]:
    """The distinct terms of ``text`` that carry its meaning for coverage: a hyphenated word's
    joined form ("onechina" beside "one", "china") is left out, so "One China Principle"
    covers the question "one-China principle" as fully as "one-China principle" does."""
    terms: list[str] = []
    for word in re.findall(r"\S+", text):
        tokens = index.tokens_of(word)
        parts = [t for t in tokens if len(tokens) < 3 or t != "".join(x for x in tokens if x != t)]
        terms += parts
    return list(dict.fromkeys(terms))


def idf_weights(index: Index, terms: Sequence[str]) -> dict[str, float]:
    """BM25's idf of each query term (never below ``IDF_FLOOR``, so even a common word counts
    a little); a term no paragraph contains gets the corpus' highest idf."""
    distinct = list(dict.fromkeys(terms))
    doc_freq = np.array([index.doc_freq(term) for term in distinct], dtype=np.int64)
    weights = bm25.idf_at_least(doc_freq, max(index.n_paragraphs, 1), IDF_FLOOR)
    return dict(zip(distinct, weights.tolist(), strict=True))


def coverage(index: Index, text: str, weights: dict[str, float]) -> float:
    """The share of the query's idf mass that ``text`` contains."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    present = set(index.tokens_of(text))
    return sum(w for t, w in weights.items() if t in present) / total
