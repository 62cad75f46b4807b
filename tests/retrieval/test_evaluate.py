"""BEIR evaluation: the metrics by hand, the folder format, and the SciFact figure."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from corpus.errors import VerbatimError
from retrieval.evaluate import evaluate_beir, ndcg_at, recall_at, reciprocal_rank_at


def test_metrics_by_hand() -> None:
    relevant = {"a": 1, "b": 2, "z": 1}
    ranked = ["x", "b", "y", "a"]
    dcg = 2 / math.log2(3) + 1 / math.log2(5)
    ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(ranked, relevant, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at(ranked, relevant, 1) == 0.0
    assert recall_at(ranked, relevant, 100) == pytest.approx(2 / 3)
    assert recall_at(ranked, relevant, 2) == pytest.approx(1 / 3)
    assert reciprocal_rank_at(ranked, relevant, 10) == 0.5
    assert reciprocal_rank_at(ranked, relevant, 1) == 0.0
    assert ndcg_at([], relevant, 10) == recall_at([], relevant, 10) == 0.0
    assert ndcg_at(["a"], {"a": 0}, 10) == 0.0  # judged not relevant counts as nothing


def _beir(folder: Path) -> Path:
    (folder / "qrels").mkdir(parents=True)
    docs = [
        {"_id": "d1", "title": "Carbon neutrality", "text": "China aims for carbon neutrality."},
        {"_id": "d2", "title": "Peace", "text": "Peace and development are the themes."},
        {"_id": "d3", "title": "", "text": "Multilateralism and the United Nations."},
    ]
    queries = [
        {"_id": "q1", "text": "carbon neutrality"},
        {"_id": "q2", "text": "united nations multilateralism"},
        {"_id": "q3", "text": "zyzzyva"},
        {"_id": "q9", "text": "not judged"},
    ]
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries) + "\n")
    qrels = "query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td3\t1\r\nq3\td2\t1\r\n"
    (folder / "qrels" / "test.tsv").write_bytes(qrels.encode())
    return folder


def test_small_beir_folder(tmp_path: Path) -> None:
    report = evaluate_beir(_beir(tmp_path / "beir"))
    assert report.queries == 3 and report.documents == 3
    # q1 and q2 find their document first; q3 finds nothing.
    assert report.ndcg_at_10 == pytest.approx(2 / 3)
    assert report.mrr_at_10 == pytest.approx(2 / 3)
    assert report.recall_at_100 == pytest.approx(2 / 3)


def test_missing_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(VerbatimError, match=r"corpus\.jsonl"):
        evaluate_beir(tmp_path)
    folder = _beir(tmp_path / "beir")
    with pytest.raises(VerbatimError, match="train"):
        evaluate_beir(folder, split="train")


@pytest.mark.shared
def test_scifact_ndcg_at_10(shared_dir: Path) -> None:
    """At least Elasticsearch's 0.690 (Pyserini flat: 0.679) with the default parameters."""
    report = evaluate_beir(shared_dir / "beir" / "scifact")
    assert report.queries == 300 and report.documents == 5183
    assert report.ndcg_at_10 >= 0.69
    assert report.recall_at_100 >= 0.90
