"""Retrieval speed and memory, run by hand; prints a table (never part of the test suite).

    .venv/bin/python -m tests.benchmarks.bench_retrieval                  # 10k, 100k, 1M + UNGDC
    .venv/bin/python -m tests.benchmarks.bench_retrieval --sizes 10000 --no-ungdc   # quick look

For synthetic corpora (seeded, Zipfian words, 50 paragraphs a document, one of 300 speakers
and a random date per document) and for the full UN General Debate Corpus (extracted from
../shared into a temporary folder), it reports: index build time, save time, warm-start load
time, peak RSS while building and while serving (separate processes), and query latency p50/p99
for 1-, 4- and 12-word queries without a filter, with a speaker and with a 10-year date range:
each query once right after the warm start ("ours"), then all of them again ("ours again").
In the same run, on the same tokens and parameters, it times rank_bm25's BM25Plus at delta=0
(our formula; ``get_scores`` + sort, the plain scan) and bm25s (method="atire",
idf_method="robertson", numpy backend; timing only), and checks that our top 10 has
BM25Plus's scores.

Beside the engine, the same process times a complete answer (``retrieval.answer.ask``: the
question understood, ranked, excerpted, near-duplicates folded) for k=5 and k=10, each query's
engine search and answer timed one after the other, over every word count and filter.
``--before DIR`` builds and serves the same corpus a second time with the code in DIR (a
checkout of the commit before a change, e.g. ``git archive``) and prints its build, load and
answer figures beside these. On the full UNGDC, already extracted, without the synthetic
corpora or the baselines (a few minutes):

    .venv/bin/python -m tests.benchmarks.bench_retrieval --sizes "" --ungdc-dir DIR \
        --baseline-queries 0 --workdir /tmp/bench-work --before /tmp/before-checkout
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc

UNGDC = DEFAULT_SHARED / "corpora" / "ungdc"
TERM_COUNTS = (1, 4, 12)
FILTERS = ("none", "speaker", "date")
ANSWER_KS = (5, 10)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentiles(seconds: Sequence[float]) -> tuple[float, float]:
    p50, p99 = np.percentile(np.array(seconds) * 1000, [50, 99])
    return float(p50), float(p99)


# ---------------------------------------------------------------------------------------------
# Corpora


def synthetic_corpus(n_paragraphs: int, seed: int = 1) -> Any:
    """Seeded Zipfian text: 60k pseudo-words, about 35 words a paragraph."""
    from corpus.loader import Corpus
    from corpus.models import DocDate, Document, Paragraph, Speaker
    from corpus.speakers import SpeakerRegistry

    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocabulary = ["".join(rng.choice(letters, rng.integers(3, 11))) for _ in range(60_000)]
    lengths = np.clip(rng.lognormal(3.4, 0.6, n_paragraphs).astype(int), 3, 400)
    words = rng.zipf(1.15, int(lengths.sum()))
    words = np.where(words > len(vocabulary), rng.integers(1, len(vocabulary), words.size), words)
    speakers = [f"Speaker Number{i}" for i in range(300)]
    documents = []
    cursor = 0
    per_doc = 50
    for d, start in enumerate(range(0, n_paragraphs, per_doc)):
        doc_id = f"{d:08x}"
        speaker = speakers[int(rng.integers(len(speakers)))]
        paragraphs = []
        for position, length in enumerate(lengths[start : start + per_doc], 1):
            text = " ".join(vocabulary[w - 1] for w in words[cursor : cursor + length])
            cursor += int(length)
            paragraphs.append(
                Paragraph(
                    id=f"{doc_id}-{position}",
                    doc_id=doc_id,
                    position=position,
                    text=text,
                    speakers=(speaker,),
                )
            )
        documents.append(
            Document(
                id=doc_id,
                path=f"{doc_id}.txt",
                title=f"Document {d}",
                date=DocDate(
                    year=int(rng.integers(1946, 2025)),
                    month=int(rng.integers(1, 13)),
                    day=int(rng.integers(1, 29)),
                ),
                source="Synthetic",
                speakers=(speaker,),
                paragraphs=tuple(paragraphs),
            )
        )
    registry = SpeakerRegistry([Speaker(name=s) for s in speakers])
    return Corpus((), tuple(documents), (), (), registry)




# ---------------------------------------------------------------------------------------------
# Queries


def make_queries(corpus: Any, per_kind: int, seed: int = 2) -> list[dict[str, Any]]:
    """Words drawn from random paragraphs (so common words come often, as in real questions),
    each with no filter, its document's speaker, or a 10-year range."""
    rng = random.Random(seed)
    documents = [d for d in corpus.documents if d.paragraphs]
    queries = []
    for n_terms in TERM_COUNTS:
        for kind in FILTERS:
            made = 0
            while made < per_kind:
                document = rng.choice(documents)
                words = rng.choice(document.paragraphs).text.split()
                if len(set(words)) < n_terms:
                    continue
                query: dict[str, Any] = {
                    "text": " ".join(rng.sample(sorted(set(words)), n_terms)),
                    "terms": n_terms,
                    "filter": kind,
                }
                if kind == "speaker":
                    if not document.speakers:
                        continue
                    query["speaker"] = document.speakers[0]
                elif kind == "date":
                    start = rng.randint(1946, 2015)
                    query["dates"] = {"start": {"year": start}, "end": {"year": start + 9}}
                queries.append(query)
                made += 1
    return queries


# ---------------------------------------------------------------------------------------------
# Children: build (and baselines) in one process, serve in another


def _queries_file(index: str) -> Path:
    """Beside the index folder, not in it: a loaded index refuses files it did not write."""
    folder = Path(index)
    return folder.with_name(folder.name + "-queries.json")


def _use_code(args: argparse.Namespace) -> None:
    """Import another checkout's code (``--before``), found before this one's."""
    if args.code:
        sys.path.insert(0, str(Path(args.code).resolve()))


def child_build(args: argparse.Namespace) -> None:
    _use_code(args)
    from corpus.loader import load_corpus
    from retrieval.index import Index

    out: dict[str, Any] = {"name": args.name}
    started = time.perf_counter()
    if args.name == "UNGDC":
        corpus = load_corpus([Path(args.corpus)], progress=False)
        # Made now, not taken by the build: the queries and baselines read them afterwards.
        assert corpus.documents
    else:
        corpus = synthetic_corpus(int(args.name))
    out["corpus_s"] = time.perf_counter() - started
    started = time.perf_counter()
    index = Index.build(corpus, progress=False)
    out["build_s"] = time.perf_counter() - started
    out["paragraphs"] = index.n_paragraphs
    out["terms"] = index._matrix.n_terms
    out["postings"] = int(index._matrix.indices.size)
    started = time.perf_counter()
    index.save(Path(args.index))
    out["save_s"] = time.perf_counter() - started
    out["build_rss_mb"] = _rss_mb()
    queries = make_queries(corpus, args.queries)
    _queries_file(args.index).write_text(json.dumps(queries))
    del index
    gc.collect()
    if args.baseline_queries:
        out.update(baselines(corpus, queries, args.baseline_queries, Path(args.index)))
    Path(args.out).write_text(json.dumps(out))


def baselines(
    corpus: Any, queries: list[dict[str, Any]], per_terms: int, index_dir: Path
) -> dict[str, Any]:
    """rank_bm25's plain scan and bm25s on the same tokens, unfiltered queries only."""
    import bm25s
    from rank_bm25 import BM25Plus

    from retrieval.index import Index
    from retrieval.models import Query
    from retrieval.tokenize import tokenize

    index = Index.load(index_dir)
    params = index.params
    tokens = [tokenize(p.text) for p in corpus.paragraphs()]
    chosen = [q for q in queries if q["filter"] == "none"]
    out: dict[str, Any] = {}

    started = time.perf_counter()
    okapi = BM25Plus(tokens, k1=params.k1, b=params.b, delta=0)  # our formula (bm25.py)
    out["okapi_build_s"] = time.perf_counter() - started
    agree = compared = 0
    for n_terms in TERM_COUNTS:
        seconds = []
        for query in [q for q in chosen if q["terms"] == n_terms][:per_terms]:
            query_tokens = tokenize(query["text"])
            started = time.perf_counter()
            scores = okapi.get_scores(query_tokens)
            best = np.argsort(-scores)[:10]
            seconds.append(time.perf_counter() - started)
            ours = index.search(Query(text=query["text"], k=10)).rows
            expected = scores[best][scores[best] > 0]
            compared += 1
            agree += bool(np.allclose(scores[ours[: expected.size]], expected, rtol=1e-6))
        out[f"okapi_{n_terms}"] = _percentiles(seconds)
    out["okapi_agree"] = f"{agree}/{compared}"
    del okapi
    gc.collect()

    started = time.perf_counter()
    engine = bm25s.BM25(k1=params.k1, b=params.b, method="atire", idf_method="robertson")
    engine.index(tokens, show_progress=False)
    out["bm25s_build_s"] = time.perf_counter() - started
    for n_terms in TERM_COUNTS:
        seconds = []
        for query in [q for q in chosen if q["terms"] == n_terms]:
            query_tokens = [t for t in tokenize(query["text"]) if t in engine.vocab_dict]
            if not query_tokens:
                continue
            started = time.perf_counter()
            engine.retrieve([query_tokens], k=10, show_progress=False, n_threads=1)
            seconds.append(time.perf_counter() - started)
        out[f"bm25s_{n_terms}"] = _percentiles(seconds)
    return out


def child_serve(args: argparse.Namespace) -> None:
    """A fresh process: warm-start load, then every query one at a time."""
    _use_code(args)
    from retrieval.index import Index
    from retrieval.models import DateRange, Query

    started = time.perf_counter()
    index = Index.load(Path(args.index))
    out: dict[str, Any] = {"load_s": time.perf_counter() - started}
    queries = json.loads(_queries_file(args.index).read_text())
    prepared = [
        (
            q,
            Query(
                text=q["text"],
                speaker=q.get("speaker"),
                dates=DateRange.model_validate(q["dates"]) if "dates" in q else None,
                k=10,
            ),
        )
        for q in queries
    ]
    started = time.perf_counter()
    index.search(prepared[0][1])
    out["first_query_ms"] = (time.perf_counter() - started) * 1000
    # Two passes over the same queries: the first pays for touching each posting list's mapped
    # pages after the warm start (first use), the second is steady serving.
    for passing in ("ours", "again"):
        for n_terms in TERM_COUNTS:
            for kind in FILTERS:
                seconds = []
                for q, query in prepared:
                    if q["terms"] == n_terms and q["filter"] == kind:
                        started = time.perf_counter()
                        index.search(query)
                        seconds.append(time.perf_counter() - started)
                out[f"{passing}_{n_terms}_{kind}"] = _percentiles(seconds)
    out.update(time_answers(index, prepared))
    out["serve_rss_mb"] = _rss_mb()
    Path(args.out).write_text(json.dumps(out))


def time_answers(index: Any, prepared: list[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """The engine's search and a complete answer for each query, side by side, at each k.

    Run after the engine's two passes, so the mapped index is as warm for both; for each query
    every k is timed in turn, so the answer's own memo (the terms of words already quoted)
    is as warm for each k. The first queries pay for filling it, as a bot's first do."""
    from retrieval.answer import ask

    engine: dict[int, list[float]] = {k: [] for k in ANSWER_KS}
    answers: dict[int, list[float]] = {k: [] for k in ANSWER_KS}
    for q, query in prepared:
        for k in ANSWER_KS:
            at_k = query.model_copy(update={"k": k})
            started = time.perf_counter()
            index.search(at_k)
            engine[k].append(time.perf_counter() - started)
            started = time.perf_counter()
            ask(index, q["text"], speaker=q.get("speaker"), dates=query.dates, k=k)
            answers[k].append(time.perf_counter() - started)
    out: dict[str, Any] = {}
    for k in ANSWER_KS:
        out[f"answer_engine_{k}"] = _percentiles(engine[k])
        out[f"answer_{k}"] = _percentiles(answers[k])
    return out


# ---------------------------------------------------------------------------------------------
# Driver


def _run_child(argv: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_retrieval", *argv], check=True)


def _build_and_serve(
    name: str, index_dir: Path, served: Path, args: argparse.Namespace, corpus: Path | None,
    *, baseline_queries: int, code: Path | None = None,
) -> dict[str, Any]:
    """Build ``name``'s index in one child and serve it in another (both with ``code`` when
    given); their figures together."""
    built = index_dir.with_name(index_dir.name + "-build.json")
    with_code = ["--code", str(code)] if code else []
    _run_child(
        [
            "--child-build", name,
            "--index", str(index_dir),
            "--out", str(built),
            "--queries", str(args.queries),
            "--baseline-queries", str(baseline_queries),
            *(["--corpus", str(corpus)] if corpus else []),
            *with_code,
        ]
    )  # fmt: skip
    _run_child(["--child-serve", "--index", str(index_dir), "--out", str(served), *with_code])
    shutil.rmtree(index_dir, ignore_errors=True)
    return {**json.loads(built.read_text()), **json.loads(served.read_text())}


def run(name: str, work: Path, args: argparse.Namespace, corpus: Path | None) -> dict[str, Any]:
    print(f"… {name}: building and serving", file=sys.stderr, flush=True)
    result = _build_and_serve(
        name, work / f"index-{name}", work / f"{name}-serve.json", args, corpus,
        baseline_queries=args.baseline_queries,
    )  # fmt: skip
    if args.before:
        # Built by that code too: its index format may differ from this one's.
        print(f"… {name}: building and serving with {args.before}", file=sys.stderr, flush=True)
        result["before"] = _build_and_serve(
            name, work / f"index-{name}-before", work / f"{name}-before.json", args, corpus,
            baseline_queries=0, code=args.before,
        )  # fmt: skip
    return result


def print_tables(results: list[dict[str, Any]]) -> None:
    fmt: Callable[[Any], str] = lambda v: "-" if v is None else f"{v:.1f}"  # noqa: E731
    print()
    print(
        "| corpus | paragraphs | terms | postings | corpus s | build s | save s | warm load s "
        "| build RSS MB | serve RSS MB | BM25Okapi build s | bm25s build s | top-10 = BM25Okapi |"
    )
    print("|" + "---|" * 13)
    for r in results:
        print(
            f"| {r['name']} | {r['paragraphs']:,} | {r['terms']:,} | {r['postings']:,} "
            f"| {fmt(r['corpus_s'])} | {fmt(r['build_s'])} | {fmt(r['save_s'])} "
            f"| {r['load_s']:.2f} | {r['build_rss_mb']:.0f} | {r['serve_rss_mb']:.0f} "
            f"| {fmt(r.get('okapi_build_s'))} | {fmt(r.get('bm25s_build_s'))} "
            f"| {r.get('okapi_agree', '-')} |"
        )
    print()
    print(
        "| corpus | words | filter | ours p50 ms | ours p99 ms | BM25Okapi p50 ms "
        "| speed-up (p50) | bm25s p50 ms | bm25s p99 ms | ours again p50 / p99 ms |"
    )
    print("|" + "---|" * 10)
    for r in results:
        for n_terms in TERM_COUNTS:
            for kind in FILTERS:
                p50, p99 = r[f"ours_{n_terms}_{kind}"]
                again = r[f"again_{n_terms}_{kind}"]
                okapi = r.get(f"okapi_{n_terms}") if kind == "none" else None
                fast = r.get(f"bm25s_{n_terms}") if kind == "none" else None
                ratio = f"{okapi[0] / p50:,.0f}×" if okapi else "-"
                print(
                    f"| {r['name']} | {n_terms} | {kind} | {p50:.2f} | {p99:.2f} "
                    f"| {fmt(okapi[0]) if okapi else '-'} | {ratio} "
                    f"| {f'{fast[0]:.2f}' if fast else '-'} | {f'{fast[1]:.2f}' if fast else '-'} "
                    f"| {again[0]:.2f} / {again[1]:.2f} |"
                )
    print_answer_table(results)


def print_answer_table(results: list[dict[str, Any]]) -> None:
    print()
    print(
        "| corpus | k | engine p50 ms | engine p99 ms | complete answer p50 ms "
        "| complete answer p99 ms | before: answer p50 / p99 ms |"
    )
    print("|" + "---|" * 7)
    for r in results:
        for k in ANSWER_KS:
            engine, answer = r[f"answer_engine_{k}"], r[f"answer_{k}"]
            before = r.get("before", {}).get(f"answer_{k}")
            shown = f"{before[0]:.2f} / {before[1]:.2f}" if before else "-"
            print(
                f"| {r['name']} | {k} | {engine[0]:.2f} | {engine[1]:.2f} | {answer[0]:.2f} "
                f"| {answer[1]:.2f} | {shown} |"
            )
    for r in results:
        if "before" in r:
            b = r["before"]
            print(
                f"\n{r['name']}, before: build {b['build_s']:.1f} s, "
                f"warm load {b['load_s']:.2f} s, build RSS {b['build_rss_mb']:.0f} MB, "
                f"serve RSS {b['serve_rss_mb']:.0f} MB"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-ungdc", action="store_true")
    parser.add_argument("--ungdc-dir", type=Path, help="an already extracted UNGDC folder")
    parser.add_argument("--queries", type=int, default=200, help="per word count and filter")
    parser.add_argument(
        "--baseline-queries", type=int, default=20, help="BM25Okapi scans per word count"
    )
    parser.add_argument("--workdir", type=Path)
    parser.add_argument(
        "--before", type=Path, help="another checkout whose answers are timed beside these"
    )
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--child-build", dest="name", help=argparse.SUPPRESS)
    parser.add_argument("--child-serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_serve:
        child_serve(args)
        return 0
    if args.name:
        child_build(args)
        return 0
    if args.baseline_queries and importlib.util.find_spec("bm25s") is None:
        # Said before the first corpus is built, not minutes later in a child's traceback.
        parser.error("the bm25s baseline is not installed: pip install -e '.[dev,bench]'")

    with tempfile.TemporaryDirectory(prefix="bench-retrieval-", dir=args.workdir) as temp:
        work = Path(temp)
        results = []
        for size in [s for s in args.sizes.split(",") if s]:
            results.append(run(str(int(size)), work, args, None))
            print_tables(results[-1:])
        if not args.no_ungdc:
            if args.ungdc_dir is None and not UNGDC.is_dir():
                print(f"skipping UNGDC: {UNGDC} is absent", file=sys.stderr)
            else:
                folder = args.ungdc_dir or extract_ungdc(work / "ungdc")
                results.append(run("UNGDC", work, args, folder))
        print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
