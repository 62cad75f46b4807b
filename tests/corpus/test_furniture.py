"""Page furniture leaves the paragraphs, every removal counted by kind, and speech that only
looks like furniture stays (corpus.furniture)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from corpus.cli import render_stats
from corpus.furniture import strip_furniture
from corpus.loader import load_corpus
from corpus.parse import SourceFields, parse_document


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("11-51687 4", "job_number"),
        ("5 11-51687", "job_number"),
        ("17-29275 17/27", "job_number"),
        ("18/27 17-29275", "job_number"),
        ("21-00394", "job_number"),
        ("17-29597 (E) *1729597*", "job_number"),
        ("539", "page_number"),
        ("4-5", "page_number"),
        ("62/91", "page_number"),
        ("A/37/PV.29", "symbol"),
        ("A/75/592/Add.8", "symbol"),
        ("A/PV.2345", "symbol"),
        ("28/09/2011 A/66/PV.12", "running_head"),
        ("A/66/PV.12 28/09/2011", "running_head"),
        ("12 General Assembly - Forty-eighth session", "running_head"),
        ("Forty-ninth session - 3 October l994 17", "running_head"),
        ("Digitized by Dag Hammarskjold Library", "watermark"),
        ("DigitiZed by Dag HammarSkjold Library", "watermark"),
        ("Mr. Al-Khalifa (Bahrain), Vice-President, took the Chair.", "procedural"),
        ("Mr.  Ten-Pow  (Guyana),  Vice-President,   took the Chair.", "procedural"),
        ("The President returned to the Chair.", "procedural"),
        ("(spoke in French)", "procedural"),
        ("13/01/2021", "other"),
    ],
)
def test_each_kind_of_furniture_line_is_blanked_and_counted(line: str, kind: str) -> None:
    lines = ["We meet at a time of hope and of", f"  {line} ", "fear for the peoples of the world."]
    stripped = strip_furniture(lines)
    assert stripped.lines == [lines[0], "", lines[2]]
    assert stripped.furniture == {1}
    assert stripped.removed == {kind: 1}


def test_a_chair_note_wrapped_over_two_lines_is_one_note_of_two_lines() -> None:
    lines = [
        "of the whole region.",
        "Mr. Choquehuanca Céspedes (Bolivia), Vice-",
        "President, took the Chair.",
        "Our second concern is the climate.",
    ]
    stripped = strip_furniture(lines)
    assert stripped.lines == [lines[0], "", "", lines[3]]
    assert stripped.removed == {"procedural": 2}


def test_the_corrections_notice_goes_with_all_its_lines() -> None:
    notice = [
        "This record contains the text of speeches delivered in English and of the",
        "interpretation of speeches delivered in the other languages. Corrections should be",
        "submitted to the original languages only. Corrections will be issued after the end",
        "of the session in a consolidated corrigendum.",
    ]
    lines = ["The situation has deteriorated to such an extent that", "", *notice, "", "aid fails."]
    stripped = strip_furniture(lines)
    assert stripped.lines == [lines[0], "", "", "", "", "", "", "aid fails."]
    assert stripped.removed == {"other": 4}


def test_fused_furniture_is_cut_out_of_the_speech_around_it() -> None:
    lines = [
        "17-29275 17/27 once-flourishing communities are now gone",
        "18/27 17-29275 family will mark the anniversary",
        "results but rather COnstlDigitiZed by Dag HammarSkjold Library progressive./ steps",
    ]
    stripped = strip_furniture(lines)
    assert stripped.lines[0] == "once-flourishing communities are now gone"
    assert stripped.lines[1] == "family will mark the anniversary"
    assert "Digitized" not in stripped.lines[2].title()
    assert stripped.lines[2].startswith("results but rather COnstl")
    assert stripped.lines[2].endswith("progressive./ steps")
    assert stripped.removed == {"job_number": 2, "watermark": 1}
    assert stripped.furniture == set()  # each line still holds speech


def test_chair_notes_and_watermarks_run_into_speech_are_cut_out() -> None:
    lines = [
        "to redouble their efforts. Mr. Mwaanga (Zambia), Vice-President, took the Chair,",
        "* Mr. Dos Santos (Mozambique), Vice-President, took the Chair. However, we regret",
        "the spirit of conciliation into the deliberaDigitiZed by Dag HammarSkjoid LibraryLet us",
    ]
    stripped = strip_furniture(lines)
    assert stripped.lines == [
        "to redouble their efforts.",
        "However, we regret",  # no indent where there was none: an indent opens a paragraph
        "the spirit of conciliation into the delibera Let us",
    ]
    assert stripped.removed == {"procedural": 2, "watermark": 1}


def test_the_corrections_notice_on_one_long_line_goes() -> None:
    notice = (
        "This record contains the text of speeches delivered in English and of the translation"
        " of speeches delivered in other languages. Corrections should be submitted to the"
        " original languages only. Corrected records will be reissued electronically."
    )
    stripped = strip_furniture(["At the outset, thank you.", notice, "Next, our views."])
    assert stripped.lines[1] == ""
    assert stripped.removed == {"other": 1}


@pytest.mark.parametrize(
    "line",
    [
        "From 1990-1995 the economy grew by 4 per cent a year.",
        "as set out in paragraph 63.",
        "63. My delegation welcomes the report.",
        "1995.",
        "2030",
        "1990-1995",
        "(a) The immediate recognition of the right to independence;",
        "resolution 242 (1967).",
        "In 11-51687 we saw nothing like it",  # a job-number shape inside a sentence
        "when you, Sir, took the Chair of this Assembly, we rejoiced.",
        "Mr. President, we rejoiced when you took the Chair.",
        "The President of my country (then a young man) took the Chair.",
        "Mr. President, we congratulate you on your election.",
        "A/66 is not a symbol but a fragment.",
        "See document A/71/PV.17 for the debate.",
        "General Assembly resolutions are binding on nobody.",
        "I spoke in French yesterday (spoke in French) as I do today.",
    ],
)
def test_speech_that_looks_like_furniture_stays(line: str) -> None:
    stripped = strip_furniture(["Opening words of the speech.", line, "Closing words."])
    assert stripped.lines[1] == line
    assert not stripped.removed


def test_hostile_lines_cost_linear_time() -> None:
    hostile = [
        "Mr. " + "a " * 60_000 + "took the Chair",
        "1/" * 100_000,
        "A/" + "1." * 100_000,
        "Digitized by Dag " * 50_000,
        "12 " * 100_000 + "11-51687",
    ]
    started = time.perf_counter()
    strip_furniture(hostile)
    assert time.perf_counter() - started < 1.0


def test_a_document_counts_its_furniture_and_quotes_none() -> None:
    text = (
        "We live in dangerous times. Countries like ours are again in a period\n"
        "\n11-51687 4\n\n"
        "of high vulnerability that small islands know all too well.\n"
        "Digitized by Dag Hammarskjold Library\n"
        "The President returned to the Chair.\n"
        "We thank the Assembly.\n"
    )
    parsed = parse_document(text, SourceFields(), aliases={})
    quoted = " ".join(p.text for p in parsed.paragraphs)
    for furniture in ("11-51687", "Digitized", "returned to the Chair"):
        assert furniture not in quoted
    assert "in a period of high vulnerability" in quoted
    assert parsed.furniture == {"job_number": 1, "watermark": 1, "procedural": 1}


def test_the_loader_counts_furniture_per_file_and_corpus_stats_shows_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "We thank the President for his work and we shall\n\n11-51687 4\n\n"
        "support him throughout the session.\n19\nWe also thank the Secretary-General.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Nothing here but speech.\n", encoding="utf-8")
    stats = load_corpus([tmp_path], progress=False).stats()
    assert stats.furniture_by_file == {"a.txt": {"job_number": 1, "page_number": 1}}
    assert stats.furniture == {"job_number": 1, "page_number": 1}
    shown = render_stats(stats)
    assert "Page furniture removed: 2 (in 1 files)" in shown
    assert "job_number" in shown and "page_number" in shown


def test_paragraphs_name_their_source_lines_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: A Statement\n---\n\nFirst paragraph.\n\nSecond paragraph.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        '{"title": "T", "text": "One.\\n\\nTwo."}\n', encoding="utf-8"
    )
    (tmp_path / "c.txt").write_bytes(b"Home > News\r\nFirst line.\r\nSecond line.\r\n")
    corpus = load_corpus([tmp_path], progress=False)
    lines = {d.path: [p.lines for p in d.paragraphs] for d in corpus.documents}
    assert lines["a.md"] == [(5, 5), (7, 7)]  # counted in the file, front matter included
    assert lines["b.jsonl"] == [None, None]  # a JSON field is no line of the file
    assert lines["c.txt"] == [(2, 2), (3, 3)]  # the chrome line above still counts
