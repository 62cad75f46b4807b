"""The hand-labelled paragraph gold is well formed and matches its source files line for line,
and the loader meets it: F1 >= 0.95 over every gold speech, no furniture in any quote (issue 11).

The loader's own line spans (``Paragraph.lines``) are what is compared here;
tests/benchmarks/bench_paragraphs.py measures the same by locating each paragraph's text in its
source, and reports the figures per speech and per layout.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from pydantic import ValidationError

from corpus.loader import load_corpus
from corpus.models import Document
from tests.corpus.paragraph_gold import (
    GOLD_DIR,
    GOLD_LAYOUTS,
    GoldSpeech,
    gold_spans,
    load_gold,
    read_sources,
    source_lines,
)

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
REQUIRED = "Session 66 - 2011/DMA_66_2011.txt"  # issue 11's example: one ¶ where there are three


def _gold(path: Path) -> GoldSpeech:
    return GoldSpeech.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[path.stem for path in GOLD_FILES])
def test_each_gold_file_is_well_formed(gold_file: Path) -> None:
    # Numbers ascending and in range, kinds and layouts known: checked by the model.
    gold = _gold(gold_file)
    # Named after its speech, so a reviewer finds one from the other.
    assert gold_file.stem == gold.name


def test_the_gold_covers_ten_speeches_of_every_layout_and_decade() -> None:
    speeches = load_gold()
    assert len(speeches) >= 10
    paths = [speech.path for speech in speeches]
    assert REQUIRED in paths
    assert len(set(paths)) == len(paths)
    layouts = Counter(speech.layout for speech in speeches)
    assert set(layouts) == set(GOLD_LAYOUTS)
    assert min(layouts.values()) >= 2
    decades = {int(path[13:17]) // 10 * 10 for path in paths}
    assert decades == set(range(1940, 2030, 10))


VALID = {
    "path": "Session 66 - 2011/DMA_66_2011.txt",
    "layout": "wrapped-indent",
    "lines": 10,
    "paragraph_starts": [1, 4],
    "furniture": [{"line": 3, "kind": "job_number", "fused": False, "text": "11-51687 4"}],
    "notes": "a note",
}


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"paragraph_starts": [4, 1]}, "strictly ascending"),
        ({"paragraph_starts": [1, 1]}, "strictly ascending"),
        ({"paragraph_starts": [1, 11]}, "within 1..10"),
        ({"paragraph_starts": [0, 4]}, "within 1..10"),
        ({"paragraph_starts": []}, "at least 1"),
        (
            {"furniture": [{"line": 11, "kind": "page_number", "fused": False, "text": "4"}]},
            "1..10",
        ),
        (
            {"furniture": [{"line": 2, "kind": "footnote", "fused": False, "text": "4"}]},
            "job_number",
        ),
        ({"furniture": [{"line": 2, "kind": "symbol", "text": "A/66/PV.12"}]}, "fused"),
        ({"furniture": [{"line": 4, "kind": "symbol", "fused": False, "text": "x"}]}, "furniture"),
        ({"layout": "prose"}, "wrapped-indent"),
        ({"lines": 0}, "greater than or equal to 1"),
        ({"path": "DMA_66_2011.txt"}, "pattern"),
        ({"speaker": "Dominica"}, "Extra inputs"),
    ],
)
def test_the_format_rejects_malformed_gold(change: dict[str, object], complaint: str) -> None:
    GoldSpeech.model_validate(VALID)
    with pytest.raises(ValidationError, match=complaint):
        GoldSpeech.model_validate({**VALID, **change})


def test_line_numbering_counts_every_line_ending_and_drops_the_bom() -> None:
    assert source_lines(b"\xef\xbb\xbfone\r\ntwo\rthree\nfour\n") == ["one", "two", "three", "four"]
    # The lone CR after an LF (1960s files) is a line ending of its own: an empty line.
    assert source_lines(b"1. a\n\r2. b") == ["1. a", "", "2. b"]
    assert source_lines(b" indented \t\x0c\n\nlast") == [" indented \t\x0c", "", "last"]


@pytest.fixture(scope="session")
def sources(shared_dir: Path) -> dict[str, bytes]:
    """The gold's source files, read once: two from the UNGDC sample, the rest from the 67 MB
    archive in one pass (about 2 s here, measured below)."""
    started = time.perf_counter()
    try:
        # The path alone, so that one malformed gold file fails its own tests and no others.
        paths = [json.loads(path.read_text(encoding="utf-8"))["path"] for path in GOLD_FILES]
        found = read_sources(paths, shared_dir)
    except FileNotFoundError as missing:
        pytest.skip(f"needs the UNGDC sample or archive in {shared_dir}: {missing}")
    print(f"read {len(found)} gold sources in {time.perf_counter() - started:.1f} s")
    return found


@pytest.mark.shared
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[path.stem for path in GOLD_FILES])
def test_gold_matches_its_source(gold_file: Path, sources: dict[str, bytes]) -> None:
    gold = _gold(gold_file)
    lines = source_lines(sources[gold.path])
    assert gold.lines == len(lines)
    for start in gold.paragraph_starts:
        assert lines[start - 1].strip(), f"line {start} starts a paragraph but is blank"
    for item in gold.furniture:
        line = lines[item.line - 1]
        if item.fused:
            assert item.text in line and item.text != line.strip(), f"line {item.line}"
        else:
            assert item.text == line.strip(), f"line {item.line}"
    spans = gold_spans(gold, lines)
    assert [first for first, _ in spans] == list(gold.paragraph_starts)
    assert all(first <= last for first, last in spans)


@pytest.mark.shared
def test_dominica_2011_is_three_paragraphs_where_the_loader_makes_one(
    sources: dict[str, bytes],
) -> None:
    gold = _gold(GOLD_DIR / "DMA_66_2011.json")
    lines = source_lines(sources[REQUIRED])
    spans = gold_spans(gold, lines)
    assert (16, 22) in spans
    assert (23, 31) in spans
    # Broken by a page footer (line 36) inside a sentence: one paragraph across it.
    assert (32, 44) in spans
    assert lines[33 - 1].endswith("a period ")
    assert {(item.line, item.text) for item in gold.furniture} >= {(36, "11-51687 4")}


# The measurement (tests/benchmarks/bench_paragraphs.py) finds each produced paragraph's lines by
# locating its text; these pin down that it survives what a loader does to text.
SOURCE = (
    b"\xef\xbb\xbf Countries like Dominica are in hurricane season, a period\r\n"
    b"\r\n"
    b"11-51687 4\r\n"
    b"\r\n"
    b"of high vulnerability. Climate change is an energy-\r\n"
    b"related issue.\r\n"
    b" Another paragraph breaks over a page and goes\r\n"
    b"17-29275 17/27 on after the footer.\r\n"
)
SMALL_GOLD = GoldSpeech.model_validate(
    {
        "path": "Session 66 - 2011/DMA_66_2011.txt",
        "layout": "wrapped-indent",
        "lines": 8,
        "paragraph_starts": [1, 7],
        "furniture": [
            {"line": 3, "kind": "job_number", "fused": False, "text": "11-51687 4"},
            {"line": 8, "kind": "job_number", "fused": True, "text": "17-29275 17/27"},
        ],
        "notes": "a made-up speech",
    }
)


FIRST = (
    "Countries like Dominica are in hurricane season, a period of high vulnerability. "
    "Climate change is an energy-related issue."
)
SECOND = "Another paragraph breaks over a page and goes on after the footer."


def test_the_measurement_credits_paragraphs_without_their_furniture() -> None:
    from tests.benchmarks.bench_paragraphs import measure

    result = measure(SMALL_GOLD, SOURCE, [FIRST, SECOND], "wrapped")
    assert (result.correct, result.produced, result.gold) == (2, 2, 2)
    assert result.furniture_left == []
    assert result.speech_unquoted == 0
    assert result.not_in_source == 0


def test_the_measurement_counts_merged_paragraphs_furniture_and_lost_speech() -> None:
    from tests.benchmarks.bench_paragraphs import measure

    today = (
        "Countries like Dominica are in hurricane season, a period 11-51687 4 of high "
        "vulnerability. Climate change is an energy-related issue. Another paragraph breaks "
        "over a page and goes 17-29275 17/27 on after the footer."
    )
    result = measure(SMALL_GOLD, SOURCE, [today], "wrapped")
    assert (result.correct, result.produced) == (0, 1)
    assert result.furniture_left == ["line 3 '11-51687 4'", "line 8 '17-29275 17/27'"]
    assert result.missed == [(1, 6), (7, 8)]
    cut_short = FIRST[: FIRST.index(" of high")]
    result = measure(SMALL_GOLD, SOURCE, [cut_short, SECOND], "wrapped")
    assert result.correct == 1
    assert result.speech_unquoted == len(
        "ofhighvulnerability.Climatechangeisanenergy-relatedissue."
    )


# ---------------------------------------------------------------------------------------------
# The loader against the gold


@pytest.fixture(scope="session")
def loaded(
    sources: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Document]:
    """Every gold speech as the loader reads it, by gold path."""
    root = tmp_path_factory.mktemp("gold-speeches")
    for path, data in sources.items():
        target = root / "TXT" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    corpus = load_corpus([root], progress=False)
    return {document.path.removeprefix("TXT/"): document for document in corpus.documents}


def _furniture_left(gold: GoldSpeech, document: Document) -> list[str]:
    """Gold furniture a paragraph holds: its text, as words, in a paragraph spanning its line."""
    left = []
    for item in gold.furniture:
        words = r"\s*".join(re.escape(part) for part in item.text.split())
        pattern = re.compile(rf"(?<![\w/-]){words}(?![\w/-])")
        for paragraph in document.paragraphs:
            assert paragraph.lines is not None
            first, last = paragraph.lines
            if first <= item.line <= last and pattern.search(paragraph.text):
                left.append(f"{gold.name} line {item.line} {item.text!r}")
    return left


@pytest.mark.shared
def test_the_loader_meets_the_gold(
    sources: dict[str, bytes], loaded: dict[str, Document]
) -> None:
    """Pooled paragraph F1 >= 0.95 (a paragraph is right when its first and last source lines
    are a gold paragraph's) and no gold furniture in any quote, over every gold speech; no
    layout below 0.85 (the hard-wrapped files without blank lines or indents hold the calls
    that only the sense decides; tests/corpus/gold/README.md)."""
    golds = load_gold()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, produced, gold
    left: list[str] = []
    for gold in golds:
        document = loaded[gold.path]
        expected = set(gold_spans(gold, source_lines(sources[gold.path])))
        produced = [paragraph.lines for paragraph in document.paragraphs]
        for key in (gold.layout, "all"):
            counts[key][0] += len(expected.intersection(produced))
            counts[key][1] += len(produced)
            counts[key][2] += len(expected)
        left += _furniture_left(gold, document)
    f1 = {key: 2 * ok / (made + wanted) for key, (ok, made, wanted) in counts.items()}
    print({key: round(value, 3) for key, value in f1.items()})
    assert f1["all"] >= 0.95
    assert min(f1.values()) >= 0.85
    assert left == []


@pytest.mark.shared
def test_dominica_2011_loads_as_three_paragraphs_without_its_footer(
    loaded: dict[str, Document],
) -> None:
    document = loaded[REQUIRED]
    spans = [paragraph.lines for paragraph in document.paragraphs]
    # Today's ¶3 was lines 16-44 with "11-51687 4" inside: three paragraphs, no footer.
    assert spans[2:5] == [(16, 22), (23, 31), (32, 44)]
    assert "a period of high vulnerability" in document.paragraphs[4].text
    assert not any("11-51687" in paragraph.text for paragraph in document.paragraphs)
