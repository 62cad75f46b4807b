"""Score ``ask`` on the judged question sets, run by hand (never part of the test suite).

    .venv/bin/python -m tests.benchmarks.bench_questions --cache-dir /tmp/q-cache
    .venv/bin/python -m tests.benchmarks.bench_questions --corpus full --full-dir DIR \\
        --cache-dir /tmp/q-cache --json after.json

``sample`` is the seeds + ``../shared/corpora/ungdc/sample`` (tests/quality/questions_sample.jsonl),
``full`` the whole UNGDC (tests/quality/questions_full.jsonl): DIR is extracted from the
archive in ../shared when it does not hold it yet (tests/benchmarks/ungdc.py), a temporary
folder when no DIR is given. Give ``--cache-dir`` to build each index once (~1-2 min for the
full UNGDC on 2 cores) and reuse it.

Every judged snippet is first resolved to the one paragraph holding it (whitespace-normalised);
a snippet that names none or several, or a paragraph that does not fit the question's expected
speaker, country or year, is listed and the run fails. Then each question goes through
``retrieval.answer.ask(index, question, k=10)`` and, per corpus x split x question type, it prints:

- S@1, S@3, MRR@10 over the answerable questions: a hit counts when its citation id is a judged
  paragraph's, or when one of its ``also_in`` near-duplicates is (a judged paragraph folded
  under a duplicate elsewhere is still found; how many hits counted only that way is printed);
  a refused answer (``not_found`` set, even beside the closest passages) scores 0;
- answered: share of answerable questions given an answer (hits, ``not_found`` None);
- S@3|ans: S@3 among the answered ones (the issue's target metric);
- S@3 open: S@3 without the not-found gate, i.e. ``search(index, answer.query, strict=False)``
  on the query ``ask`` understood (its text, speaker, dates), so a refusal still shows what
  ranked first;
- refused: share of unanswerable questions refused (no hits or ``not_found`` set: the closest
  passages, labelled as not an answer, count as refused);
- S@3 closest: among the answerable questions refused, the share whose closest passages shown
  hold a judged paragraph in their first three (what a refusal still gives the reader).

``--typos SEED`` asks every question with one typo, the same for a given seed: in one word of
five letters or more chosen at random (a name, a topic, "about"), two letters swapped, one
left out, one doubled or one vowel changed, as people type in a chat. The tables then say how
much of each figure survives a typo.

``--lower-case`` asks every question typed all in lower case ("what did lavrov say about
nato"), as many type in a chat (with ``--typos``, both).

``--names KIND`` asks only the questions of the form "What did X say/think/tell", the name X
written otherwise: ``lower`` ("What did mike pearson say"), ``surname`` ("What did Pearson
say"), ``president`` ("What did President Pearson say") or ``typo`` (the surname's fourth
letter left out, from six letters: "What did Mike Peason say").

The header line of each corpus gives how long ``ask`` took a question (p50 / p99): the typo
retry and the gate run only on some questions, so their cost shows in the tail.

``--json PATH`` writes the summary and every question's outcome, for the next session to diff
before/after. ``--show-misses dev`` lists the answerable dev questions not in the top 3 (tune on
dev only; the test split is for the figures reported).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus.models import Document
from retrieval.answer import ask, search
from retrieval.index import Index, open_index
from retrieval.models import Answer
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc
from tests.quality.questions import (
    FULL_QUESTIONS,
    QUESTION_TYPES,
    SAMPLE_QUESTIONS,
    LabelError,
    Question,
    judged_ids,
    load_questions,
    sample_folders,
)

K = 10
SPLITS = ("dev", "test")
# The targets, checked on the test split of each corpus.
TARGET_S3_ANSWERED, TARGET_ANSWERED, TARGET_REFUSED = 0.85, 0.90, 0.90


@dataclass
class Outcome:
    """One question's result."""

    id: str
    corpus: str
    split: str
    type: str
    answerable: bool
    question: str
    answered: bool
    rank: int | None  # 1-based rank of the first judged hit in the answer, None if absent
    rank_open: int | None  # the same without the not-found gate
    rank_shown: int | None  # the same among the hits shown, an answer or the closest passages
    via_also_in: bool  # the first judged hit counted only through a near-duplicate
    understood: list[str]
    not_found: str | None
    top: list[str]  # "path ¶position" of the first three hits
    ask_ms: float  # how long ``ask`` took


def _first_judged(answer: Answer, judged: set[str]) -> tuple[int | None, bool]:
    for rank, hit in enumerate(answer.hits, 1):
        if hit.citation.id in judged:
            return rank, False
        if any(c.id in judged for c in hit.also_in):
            return rank, True
    return None, False


_TYPED_WORDS = re.compile(r"[^\W\d_]{5,}")


def with_typo(question: Question, seed: int) -> Question:
    """``question`` with one typo in one of its words of five letters or more (the first
    and last letters kept), chosen by ``seed`` and the question's id; unchanged without
    such a word."""
    words = list(_TYPED_WORDS.finditer(question.question))
    if not words:
        return question
    chance = random.Random(f"{seed}:{question.id}")
    word = chance.choice(words)
    text, at = word.group(), chance.randrange(1, len(word.group()) - 2)
    typo = chance.choice(
        (
            text[:at] + text[at + 1] + text[at] + text[at + 2 :],  # two letters swapped
            text[:at] + text[at + 1 :],  # one left out
            text[:at] + text[at] + text[at:],  # one doubled
            text[:at] + chance.choice("aeiou") + text[at + 1 :],  # a vowel for a letter
        )
    )
    typed = question.question[: word.start()] + typo + question.question[word.end() :]
    return question.model_copy(update={"question": typed})


_SPEAKER_SLOT = re.compile(r"\bWhat did (.+?) (?:say|think|tell)\b")
NAME_VARIANTS = ("lower", "surname", "president", "typo")


def with_name_variant(question: Question, kind: str) -> Question | None:
    """``question`` with the X of "What did X say" written as ``kind`` of ``NAME_VARIANTS``;
    None when it has no such X (or, for ``typo``, a surname under six letters)."""
    slot = _SPEAKER_SLOT.search(question.question)
    if slot is None:
        return None
    name = slot.group(1)
    surname = name.split()[-1]
    variants = {
        "lower": name.lower(),
        "surname": surname,
        "president": f"President {surname}",
        "typo": " ".join([*name.split()[:-1], surname[:3] + surname[4:]])
        if len(surname) > 5
        else None,
    }
    written = variants[kind]
    if written is None:
        return None
    typed = question.question[: slot.start(1)] + written + question.question[slot.end(1) :]
    return question.model_copy(update={"question": typed})


def run_question(index: Index, question: Question, judged: set[str], corpus: str) -> Outcome:
    started = time.perf_counter()
    answer = ask(index, question.question, k=K)
    ask_ms = (time.perf_counter() - started) * 1000
    answered = bool(answer.hits) and answer.not_found is None
    rank_shown, via_also_in = _first_judged(answer, judged)
    rank = rank_shown if answered else None
    via_also_in = via_also_in and answered
    open_query = answer.query.model_copy(update={"k": K, "offset": 0})
    rank_open, _ = _first_judged(search(index, open_query, strict=False), judged)
    return Outcome(
        id=question.id,
        corpus=corpus,
        split=question.split or "",
        type=question.type,
        answerable=question.answerable,
        question=question.question,
        answered=answered,
        rank=rank,
        rank_open=rank_open,
        rank_shown=rank_shown,
        via_also_in=via_also_in,
        understood=list(answer.understood),
        not_found=answer.not_found,
        top=[f"{h.citation.path} ¶{h.citation.position}" for h in answer.hits[:3]],
        ask_ms=ask_ms,
    )


Row = dict[str, float | int | None]


def _share(values: Sequence[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(outcomes: Sequence[Outcome]) -> Row:
    answerable = [o for o in outcomes if o.answerable]
    answered = [o for o in answerable if o.answered]
    unanswerable = [o for o in outcomes if not o.answerable]
    refused = [o for o in answerable if not o.answered]
    return {
        "n": len(outcomes),
        "answerable": len(answerable),
        "s1": _share([o.rank == 1 for o in answerable]),
        "s3": _share([o.rank is not None and o.rank <= 3 for o in answerable]),
        "mrr": (sum(1 / o.rank for o in answerable if o.rank) / len(answerable))
        if answerable
        else None,
        "answered": _share([o.answered for o in answerable]),
        "s3_answered": _share([o.rank is not None and o.rank <= 3 for o in answered]),
        "s3_open": _share([o.rank_open is not None and o.rank_open <= 3 for o in answerable]),
        "unanswerable": len(unanswerable),
        "refused": _share([not o.answered for o in unanswerable]),
        "s3_closest": _share([o.rank_shown is not None and o.rank_shown <= 3 for o in refused]),
        "via_also_in": sum(o.via_also_in for o in answerable),
    }


COLUMNS = (
    ("n", "n", "{:>4}"),
    ("s1", "S@1", "{:>6}"),
    ("s3", "S@3", "{:>6}"),
    ("mrr", "MRR@10", "{:>7}"),
    ("answered", "answered", "{:>9}"),
    ("s3_answered", "S@3|ans", "{:>8}"),
    ("s3_open", "S@3 open", "{:>9}"),
    ("refused", "refused", "{:>8}"),
    ("s3_closest", "S@3 closest", "{:>12}"),
)


def _cell(value: float | int | None, spec: str) -> str:
    if value is None:
        return spec.format("-")
    if isinstance(value, float):
        return spec.format(f"{value:.2f}")
    return spec.format(value)


def print_table(title: str, outcomes: Sequence[Outcome]) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for kind in QUESTION_TYPES:
        chosen = [o for o in outcomes if o.type == kind]
        if chosen:
            rows[kind] = summarise(chosen)
    rows["all"] = summarise(outcomes)
    total = rows["all"]
    print(f"\n{title}: {total['n']} questions, {total['answerable']} answerable")
    print(f"{'type':<16}" + "".join(spec.format(head) for _, head, spec in COLUMNS))
    for kind, row in rows.items():
        print(f"{kind:<16}" + "".join(_cell(row[key], spec) for key, _, spec in COLUMNS))
    if total["via_also_in"]:
        print(f"({total['via_also_in']} answerable questions found only through also_in)")
    return rows


def _documents(index: Index, paths: set[str]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for meta in index.documents():
        if meta.path in paths:
            if meta.path in found:
                raise LabelError(f"two documents at {meta.path!r}")
            document = index.document(meta.id)
            if document is not None:
                found[meta.path] = document
    return found


def score_corpus(
    name: str,
    folders: Sequence[Path],
    questions: Sequence[Question],
    cache_dir: Path | None,
    *,
    typos: int | None = None,
    lower_case: bool = False,
    names: str | None = None,
) -> tuple[list[Outcome], list[str]]:
    started = time.perf_counter()
    index = open_index(folders, cache_dir=cache_dir, progress=False)
    opened = time.perf_counter() - started
    paths = {j.path for q in questions for j in q.judged}
    documents = _documents(index, paths)
    outcomes, errors = [], []
    started = time.perf_counter()
    for question in questions:
        try:
            judged = judged_ids(documents, question)
        except LabelError as error:
            errors.append(str(error))
            continue
        typed = question if typos is None else with_typo(question, typos)
        if names is not None:
            named = with_name_variant(typed, names)
            if named is None:
                continue
            typed = named
        if lower_case:
            typed = typed.model_copy(update={"question": typed.question.lower()})
        outcomes.append(run_question(index, typed, judged, name))
    asked = time.perf_counter() - started
    times = sorted(o.ask_ms for o in outcomes) or [0.0]
    p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"\n{name}: {index.n_paragraphs:,} paragraphs, index ready in {opened:.1f} s, "
        f"{len(outcomes)} questions asked in {asked:.1f} s (ask p50 {p50:.1f} / p99 {p99:.1f} ms)"
    )
    return outcomes, errors


def _targets(name: str, row: Row) -> str:
    def mark(value: float | int | None, target: float) -> str:
        if value is None:
            return "-"
        return f"{value:.2f} ({'met' if value >= target else 'not met'}, target {target:.2f})"

    return (
        f"{name} test targets: S@3|ans {mark(row['s3_answered'], TARGET_S3_ANSWERED)}; "
        f"answered {mark(row['answered'], TARGET_ANSWERED)}; "
        f"refused {mark(row['refused'], TARGET_REFUSED)}"
    )


def show_misses(outcomes: Iterable[Outcome], split: str) -> None:
    misses = [
        o
        for o in outcomes
        if o.answerable and split in ("all", o.split) and not (o.rank and o.rank <= 3)
    ]
    print(f"\nanswerable {split} questions without a judged paragraph in the top 3: {len(misses)}")
    for o in misses:
        why = o.not_found or f"rank {o.rank or '>' + str(K)}"
        print(f"  {o.id} [{o.type}] {o.question}")
        print(f"      understood {o.understood}; {why}; open rank {o.rank_open}; top {o.top[:1]}")


def add_corpus_options(parser: argparse.ArgumentParser, corpus: str) -> None:
    """The options naming the judged corpora and where they are, ``corpus`` the default;
    shared with fit_gate and gate_curve, as ``question_corpora`` and ``lacks_shared`` are."""
    parser.add_argument("--corpus", choices=("sample", "full", "both"), default=corpus)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--full-dir", type=Path, help="the extracted full UNGDC (made if absent)")
    parser.add_argument("--cache-dir", type=Path, help="index cache, reused between runs")


def lacks_shared(args: argparse.Namespace) -> bool:
    """Whether the UNGDC of ``args.shared`` is absent, said on stderr."""
    if (args.shared / "corpora" / "ungdc").is_dir():
        return False
    print(f"needs {args.shared}/corpora/ungdc, which is absent", file=sys.stderr)
    return True


def question_corpora(
    args: argparse.Namespace, temporary: Path
) -> list[tuple[str, list[Path], Path]]:
    """The corpora ``args.corpus`` names ("sample", "full" or "both"), each as its name, its
    folders and its question file; the full UNGDC is extracted to ``args.full_dir`` (else into
    ``temporary``) unless it is there already. Shared with fit_gate."""
    plan: list[tuple[str, list[Path], Path]] = []
    if args.corpus in ("sample", "both"):
        plan.append(("sample", sample_folders(args.shared), SAMPLE_QUESTIONS))
    if args.corpus in ("full", "both"):
        full = extract_ungdc(args.full_dir or temporary / "ungdc", args.shared)
        plan.append(("full", [full], FULL_QUESTIONS))
    return plan


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_corpus_options(parser, "sample")
    parser.add_argument("--json", type=Path, help="write the summary and every outcome here")
    parser.add_argument("--show-misses", choices=("dev", "test", "all"))
    parser.add_argument("--typos", type=int, metavar="SEED", help="one typo in each question")
    parser.add_argument("--lower-case", action="store_true", help="questions in lower case")
    parser.add_argument(
        "--names", choices=NAME_VARIANTS, help="only 'What did X say', X written so"
    )
    args = parser.parse_args(argv)
    if lacks_shared(args):
        return 1

    summary: dict[str, dict[str, dict[str, Row]]] = {}
    outcomes: list[Outcome] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-questions-") as temporary:
        for name, folders, path in question_corpora(args, Path(temporary)):
            questions = load_questions(path)
            scored, failed = score_corpus(
                name,
                folders,
                questions,
                args.cache_dir,
                typos=args.typos,
                lower_case=args.lower_case,
                names=args.names,
            )
            outcomes += scored
            errors += failed
            summary[name] = {}
            for split in SPLITS:
                chosen = [o for o in scored if o.split == split]
                summary[name][split] = print_table(f"{name} · {split}", chosen)
            print(_targets(name, summary[name]["test"]["all"]))
    if args.show_misses:
        show_misses(outcomes, args.show_misses)
    if args.json:
        payload = {"k": K, "summary": summary, "outcomes": [asdict(o) for o in outcomes]}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    if errors:
        print(f"\n{len(errors)} judged snippets do not resolve:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
