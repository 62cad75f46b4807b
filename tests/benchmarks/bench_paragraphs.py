"""How the loader's paragraphs meet the hand-labelled gold, and how many UNGDC paragraphs quote
page furniture (a document job number above all).

    .venv/bin/python -m tests.benchmarks.bench_paragraphs [--shared ../shared]
        [--ungdc DIR | --no-corpus] [--examples N] [--json]

Gold (``tests/corpus/gold/paragraphs``): each speech is loaded with :func:`corpus.load_corpus`
from a temporary folder holding copies of the gold files (read from the UNGDC sample, else the
archive), and every produced paragraph is located in its source file to find its line span. A
produced paragraph is correct when its first and last lines are a gold paragraph's. Reported per
speech, per layout and overall: precision, recall, F1 (pooled; also the mean of per-speech F1),
gold furniture left in quotes, and speech characters no quote holds.

Corpus-wide: the whole UNGDC (``--ungdc DIR``, an extracted copy with its metadata.csv; else the
archive is extracted to a temporary folder first) is loaded once, and the paragraphs holding a
job-number pattern are counted, with a seeded sample of examples to judge by hand, as are
paragraphs holding (or made of) other furniture patterns. The gold speeches' paragraphs from that
load are checked against the single-folder load too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from corpus.files import FileTask, Worker
from corpus.loader import DEFAULT_MAX_FILE_BYTES, Corpus, load_corpus
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc
from tests.corpus.paragraph_gold import (
    GoldSpeech,
    gold_spans,
    load_gold,
    read_sources,
    source_lines,
)

# A UN document job number ("11-51687"): the printed record puts one in every page footer.
JOB_NUMBER_RE = re.compile(r"\b\d{2}-\d{5}\b")
# The footer's shape: a job number beside a page number ("11-51687 4", "5 11-51687",
# "16/48 16-29421"); the speech has no reason to say either.
FOOTER_RE = re.compile(
    r"\b\d{2}-\d{5}\s+\d{1,3}(?:/\d{1,3})?\b|\b\d{1,3}(?:/\d{1,3})?\s+\d{2}-\d{5}\b"
)
# Other furniture as it shows in a paragraph: inside one (searched) or as the whole of one.
OTHER_FURNITURE_IN = {
    "library watermark": re.compile(r"Digitized by Dag Hammarskj", re.IGNORECASE),
    "change of chair": re.compile(r"took the Chair\b"),
    "corrections notice": re.compile(r"This record contains the text of speeches"),
}
OTHER_FURNITURE_WHOLE = {
    "lone page number": re.compile(r"\d{1,3}(?:\s*-\s*\d{1,3})?|\d{1,3}/\d{1,3}"),
    "record symbol": re.compile(r"A/\d{1,3}/PV\.\d{1,3}"),
}
# A paragraph this long is most likely several run together (issue 11 counted them).
LONG = 2_000
# The loader removes these before it joins lines; locating its text must skip them too.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# How much source text a paragraph may skip (removed furniture: a five-line notice is ~400).
MAX_GAP = 2000
# Matching blocks shorter than this are chance agreement, not located text.
MIN_BLOCK = 4


def _compact(text: str) -> str:
    return "".join(text.translate(_INVISIBLE).split())


@dataclass
class Source:
    """A file's text without whitespace, and the line number every character came from: what is
    left once the loader's joining of wrapped lines, squeezing of spaces and mending of
    hyphenated words are undone (they only add or remove whitespace)."""

    stream: str
    owner: list[int]
    line_start: dict[int, int]

    @classmethod
    def of(cls, lines: list[str]) -> Source:
        chars: list[str] = []
        owner: list[int] = []
        line_start: dict[int, int] = {}
        for number, line in enumerate(lines, 1):
            line_start[number] = len(chars)
            compact = _compact(line)
            chars.extend(compact)
            owner.extend([number] * len(compact))
        return cls("".join(chars), owner, line_start)

    def positions(self, line: int, text: str | None = None) -> range:
        """The stream positions of a whole line, or of ``text`` inside it."""
        start = self.line_start[line]
        end = self.line_start.get(line + 1, len(self.stream))
        if text is None:
            return range(start, end)
        offset = self.stream.find(_compact(text), start, end)
        return range(offset, offset + len(_compact(text))) if offset >= 0 else range(0)


@dataclass
class Located:
    span: tuple[int, int] | None  # first and last source line; None when not found
    covered: list[tuple[int, int]]  # stream ranges the paragraph's text was matched to
    unmatched: int  # characters of the paragraph found nowhere in the source


def locate(text: str, source: Source, cursor: int) -> Located:
    """Where ``text`` (a produced paragraph) lies in the source, searching from ``cursor``:
    anchored on its opening characters, then aligned block by block so that source text the
    product left out (furniture, a title) is skipped."""
    compact = _compact(text)
    anchor = -1
    for size in (32, 12, MIN_BLOCK):
        anchor = source.stream.find(compact[:size], cursor)
        if anchor >= 0:
            break
    if anchor < 0 or not compact:
        return Located(None, [], len(compact))
    window = source.stream[anchor : anchor + len(compact) + MAX_GAP]
    matcher = SequenceMatcher(None, compact, window, autojunk=False)
    blocks = [
        block
        for block in matcher.get_matching_blocks()
        if block.size >= min(MIN_BLOCK, len(compact))
    ]
    if not blocks:
        return Located(None, [], len(compact))
    covered = [(anchor + block.b, anchor + block.b + block.size) for block in blocks]
    span = (source.owner[covered[0][0]], source.owner[covered[-1][1] - 1])
    return Located(span, covered, len(compact) - sum(block.size for block in blocks))


@dataclass
class SpeechResult:
    path: str
    layout: str
    product_layout: str
    gold: int
    produced: int
    correct: int
    unlocated: int
    furniture: int
    furniture_left: list[str] = field(default_factory=list)
    speech_unquoted: int = 0  # characters of gold speech in no produced paragraph
    not_in_source: int = 0  # characters of produced paragraphs found nowhere in the source
    missed: list[tuple[int, int]] = field(default_factory=list)  # gold spans not produced
    # Paragraphs whose own line span (Paragraph.lines) is not where their text was found.
    lines_differ: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.correct, self.produced, self.gold)


def _f1(correct: int, produced: int, gold: int) -> float:
    return 2 * correct / (produced + gold) if produced + gold else 0.0


def measure(
    gold: GoldSpeech,
    data: bytes,
    paragraphs: Sequence[str],
    layout: str,
    spans: Sequence[tuple[int, int] | None] | None = None,
) -> SpeechResult:
    """``spans``: the loader's own line span of each paragraph, checked against where its text
    is found."""
    lines = source_lines(data)
    source = Source.of(lines)
    expected = gold_spans(gold, lines)
    cursor = 0
    located: list[Located] = []
    for text in paragraphs:
        found = locate(text, source, cursor)
        located.append(found)
        if found.covered:
            cursor = found.covered[-1][1]
    produced = [found.span for found in located]
    produced_spans = {span for span in produced if span is not None}
    quoted = {position for found in located for a, b in found.covered for position in range(a, b)}
    furniture_positions: set[int] = set()
    left: list[str] = []
    for item in gold.furniture:
        positions = source.positions(item.line, item.text if item.fused else None)
        furniture_positions.update(positions)
        # Left in a quote: aligned to a quote that holds its text. (Alignment alone can lend a
        # quote's "corollary" the "ary" of a removed "Library" beside it.)
        holders = [
            _compact(text)
            for text, found in zip(paragraphs, located, strict=True)
            if any(a < positions.stop and positions.start < b for a, b in found.covered)
        ]
        if any(_compact(item.text) in holder for holder in holders):
            left.append(f"line {item.line} {item.text!r}")
    speech = {
        position
        for first, last in expected
        for line in range(first, last + 1)
        for position in source.positions(line)
    } - furniture_positions
    return SpeechResult(
        path=gold.path,
        layout=gold.layout,
        product_layout=layout,
        gold=len(expected),
        produced=len(produced),
        correct=len(set(expected) & produced_spans),
        unlocated=sum(1 for span in produced if span is None),
        furniture=len(gold.furniture),
        furniture_left=left,
        speech_unquoted=len(speech - quoted),
        not_in_source=sum(found.unmatched for found in located),
        missed=[span for span in expected if span not in produced_spans],
        lines_differ=sum(1 for a, b in zip(spans, produced, strict=True) if a != b) if spans else 0,
    )


def _load_gold_speeches(
    golds: list[GoldSpeech], sources: dict[str, bytes]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[tuple[int, int] | None]]]:
    """Each gold speech's paragraph texts as the product loads them, the layout it found and
    each paragraph's line span."""
    with tempfile.TemporaryDirectory(prefix="gold-paragraphs-") as temporary:
        root = Path(temporary)
        for gold in golds:
            target = root / "TXT" / gold.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(sources[gold.path])
        corpus = load_corpus([root], progress=False)
        texts = {
            document.path.removeprefix("TXT/"): [p.text for p in document.paragraphs]
            for document in corpus.documents
        }
        spans = {
            document.path.removeprefix("TXT/"): [p.lines for p in document.paragraphs]
            for document in corpus.documents
        }
        worker = Worker({}, DEFAULT_MAX_FILE_BYTES)
        layouts: dict[str, str] = {}
        for gold in golds:
            path = (root / "TXT" / gold.path).as_posix()
            result = worker(FileTask(path, root.resolve().as_posix(), None))
            layouts[gold.path] = result.documents[0][2].layout if result.documents else "-"
    return texts, layouts, spans


@dataclass
class CorpusCount:
    documents: int
    paragraphs: int
    with_job_number: int
    files: int
    footer_shaped: int
    other_furniture: dict[str, int]
    load_seconds: float
    examples: list[str]
    gold_paragraphs_differ: list[str]
    removed: dict[str, int]  # furniture the loader removed, by kind (CorpusStats.furniture)
    removed_files: int
    longest: int  # characters of the longest paragraph
    long_paragraphs: int  # paragraphs over LONG characters
    long_files: int


def count_furniture(
    corpus: Corpus, seconds: float, gold_texts: dict[str, list[str]], examples: int
) -> CorpusCount:
    hits: list[tuple[str, int, str]] = []
    other = dict.fromkeys([*OTHER_FURNITURE_IN, *OTHER_FURNITURE_WHOLE], 0)
    for document in corpus.documents:
        for paragraph in document.paragraphs:
            text = paragraph.text
            if JOB_NUMBER_RE.search(text):
                hits.append((document.path, paragraph.position, text))
            for name, pattern in OTHER_FURNITURE_IN.items():
                other[name] += bool(pattern.search(text))
            for name, pattern in OTHER_FURNITURE_WHOLE.items():
                other[name] += bool(pattern.fullmatch(text))
    rng = random.Random(11)
    chosen = sorted(rng.sample(hits, min(examples, len(hits))))
    shown = []
    for path, position, text in chosen:
        match = JOB_NUMBER_RE.search(text)
        assert match is not None
        context = text[max(0, match.start() - 60) : match.end() + 60]
        shown.append(f"{path} ¶{position}: …{context}…")
    by_path = {
        document.path.removeprefix("TXT/"): [p.text for p in document.paragraphs]
        for document in corpus.documents
    }
    differ = [path for path, texts in gold_texts.items() if by_path.get(path) != texts]
    stats = corpus.stats()
    long = [(p.doc_id, p.position) for p in corpus.paragraphs() if len(p.text) > LONG]
    return CorpusCount(
        documents=len(corpus.documents),
        paragraphs=corpus.n_paragraphs,
        with_job_number=len(hits),
        files=len({path for path, _, _ in hits}),
        footer_shaped=sum(1 for _, _, text in hits if FOOTER_RE.search(text)),
        other_furniture=other,
        load_seconds=seconds,
        examples=shown,
        gold_paragraphs_differ=differ,
        removed=stats.furniture,
        removed_files=len(stats.furniture_by_file),
        longest=max((len(p.text) for p in corpus.paragraphs()), default=0),
        long_paragraphs=len(long),
        long_files=len({doc_id for doc_id, _ in long}),
    )


def pooled(results: Sequence[SpeechResult]) -> dict[str, float | int]:
    """The figures of several speeches taken together (paragraphs pooled, not averaged)."""
    correct = sum(r.correct for r in results)
    produced = sum(r.produced for r in results)
    gold = sum(r.gold for r in results)
    return {
        "speeches": len(results),
        "gold": gold,
        "produced": produced,
        "correct": correct,
        "precision": correct / produced if produced else 0.0,
        "recall": correct / gold if gold else 0.0,
        "f1": _f1(correct, produced, gold),
        "mean_speech_f1": sum(r.f1 for r in results) / len(results) if results else 0.0,
        "furniture": sum(r.furniture for r in results),
        "furniture_left": sum(len(r.furniture_left) for r in results),
        "speech_unquoted": sum(r.speech_unquoted for r in results),
    }


def by_layout(results: Sequence[SpeechResult]) -> dict[str, dict[str, float | int]]:
    groups: dict[str, list[SpeechResult]] = defaultdict(list)
    for result in results:
        groups[result.layout].append(result)
    return {layout: pooled(group) for layout, group in sorted(groups.items())}


def print_report(results: list[SpeechResult], count: CorpusCount | None) -> None:
    print(
        f"{'speech':<13} {'gold layout':<22} {'gold':>4} {'prod':>4} {'ok':>4} "
        f"{'P':>5} {'R':>5} {'F1':>5}  {'product':<8} {'furn.left':>9} {'unquoted':>8}"
    )
    for r in results:
        name = r.path.rsplit("/", 1)[-1].removesuffix(".txt")
        unlocated = f" ({r.unlocated} ¶ not found in the source)" if r.unlocated else ""
        if r.not_in_source:
            unlocated += f" ({r.not_in_source} characters not in the source)"
        if r.lines_differ:
            unlocated += f" ({r.lines_differ} ¶ whose own lines are not where it was found)"
        print(
            f"{name:<13} {r.layout:<22} {r.gold:4d} {r.produced:4d} {r.correct:4d} "
            f"{r.precision:5.2f} {r.recall:5.2f} {r.f1:5.2f}  {r.product_layout:<8} "
            f"{len(r.furniture_left):>4}/{r.furniture:<4} {r.speech_unquoted:8d}{unlocated}"
        )
    print()
    print(
        f"{'layout':<22} {'files':>5} {'gold':>4} {'prod':>4} {'ok':>4} "
        f"{'P':>5} {'R':>5} {'F1':>5} {'mean F1':>7} {'furn.left':>9}"
    )
    for layout, figures in [*by_layout(results).items(), ("all", pooled(results))]:
        print(
            f"{layout:<22} {figures['speeches']:5d} {figures['gold']:4d} "
            f"{figures['produced']:4d} {figures['correct']:4d} {figures['precision']:5.2f} "
            f"{figures['recall']:5.2f} {figures['f1']:5.2f} {figures['mean_speech_f1']:7.2f} "
            f"{figures['furniture_left']:>4}/{figures['furniture']:<4}"
        )
    left = [f"{r.path} {item}" for r in results for item in r.furniture_left]
    if left:
        print("furniture left in quotes:")
        for item in left:
            print(f"  {item}")
    if count is not None:
        print()
        print(
            f"UNGDC: {count.documents:,} documents, {count.paragraphs:,} paragraphs "
            f"(loaded in {count.load_seconds:.0f} s)"
        )
        print(
            f"paragraphs with a job number ({JOB_NUMBER_RE.pattern}): "
            f"{count.with_job_number:,} in {count.files:,} files; "
            f"{count.footer_shaped:,} of them beside a page number"
        )
        for example in count.examples:
            print(f"  {example}")
        print("paragraphs with other furniture (pattern counts):")
        for name, number in count.other_furniture.items():
            where = "is all" if name in OTHER_FURNITURE_WHOLE else "holds"
            print(f"  {where} {name}: {number:,}")
        removed = ", ".join(f"{kind} {n:,}" for kind, n in count.removed.items())
        files = count.removed_files
        print(f"furniture removed (lines and fused pieces): {removed} in {files:,} files")
        print(
            f"longest paragraph: {count.longest:,} characters; over {LONG:,}: "
            f"{count.long_paragraphs:,} paragraphs in {count.long_files:,} files"
        )
        if count.gold_paragraphs_differ:
            differ = ", ".join(count.gold_paragraphs_differ)
            print(f"gold speeches loaded differently in the whole corpus: {differ}")
        else:
            print("gold speeches: the same paragraphs in the whole corpus as loaded alone")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    corpus_choice = parser.add_mutually_exclusive_group()
    corpus_choice.add_argument("--ungdc", type=Path, help="an extracted UNGDC folder to count in")
    corpus_choice.add_argument(
        "--no-corpus", action="store_true", help="skip the corpus-wide job-number count"
    )
    parser.add_argument("--examples", type=int, default=8, help="job-number examples to show")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    golds = load_gold()
    try:
        sources = read_sources([gold.path for gold in golds], args.shared)
    except FileNotFoundError as missing:
        print(f"needs the UNGDC sample or archive in {args.shared}: {missing}", file=sys.stderr)
        return 1
    texts, layouts, spans = _load_gold_speeches(golds, sources)
    results = [
        measure(
            gold,
            sources[gold.path],
            texts.get(gold.path, []),
            layouts[gold.path],
            spans.get(gold.path, []),
        )
        for gold in golds
    ]

    count: CorpusCount | None = None
    if not args.no_corpus:
        with tempfile.TemporaryDirectory(prefix="ungdc-") as temporary:
            folder = args.ungdc or extract_ungdc(Path(temporary), args.shared)
            started = time.perf_counter()
            corpus = load_corpus([folder])
            seconds = time.perf_counter() - started
        count = count_furniture(corpus, seconds, texts, args.examples)

    if args.json:
        report = {
            "speeches": [
                {**asdict(r), "precision": r.precision, "recall": r.recall, "f1": r.f1}
                for r in results
            ],
            "layouts": by_layout(results),
            "all": pooled(results),
            "corpus": asdict(count) if count else None,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(results, count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
