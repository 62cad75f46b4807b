"""Lists stay with their lead: the lead and its points are one hit, cited as a range."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import lists
from retrieval.answer import ask
from retrieval.excerpt import excerpt, unmark
from retrieval.index import Index, open_index
from retrieval.lists import LIST_CHARS, MAX_POINTS, PLAIN_POINTS, document_lists, list_points
from retrieval.render import paragraph_label, plain, render_answer
from retrieval.tokenize import tokenize

LEAD = "The seeds' release: China advocates:"
POINTS = (
    "We must cooperate and win-win, not zero-sum games.",
    "Be fair and just, don't bully.",
    "Focus on action, don't just sit and talk.",
    "Respect diversity, don't stand alone.",
)


def test_a_paragraph_ending_with_a_colon_leads_the_short_paragraphs_after_it() -> None:
    assert list_points(LEAD, [*POINTS, "x" * 700]) == 4
    assert list_points("China advocates cooperation.", POINTS) == 0
    assert list_points(LEAD, []) == 0


@pytest.mark.parametrize(
    "points",
    [
        ["1. Peace.", "2. Development.", "3) Human rights, at length " + "y" * 900],
        ["(a) Peace.", "(b) Development.", "(c) Human rights."],
        ["- Peace.", "• Development.", "▪ Human rights."],
        ["“We shall never surrender.", "“We shall fight on the beaches, " + "z" * 900, "“On."],
    ],
)
def test_marked_and_quoted_points_of_any_length_follow_their_lead(points: list[str]) -> None:
    assert list_points(LEAD, [*points, "The speech goes on in plain prose."]) == 3


def test_the_records_paragraph_numbers_are_not_a_count() -> None:
    # A UN record numbers its paragraphs: "76." after a lead is the speech going on.
    assert list_points(LEAD, ["76. In the New Terminology Dictionary, it is defined."]) == 0
    assert list_points(LEAD, ["1. Peace.", "2. Development.", "77. It is thus clear."]) == 2


def test_points_end_at_another_lead_or_another_way_of_writing() -> None:
    assert list_points(LEAD, [POINTS[0], "Next, the following:", POINTS[1]]) == 1
    assert list_points(LEAD, ["- Peace.", "Development, unmarked."]) == 1
    assert list_points(LEAD, ["“Quoted.", "Not quoted."]) == 1


def test_lists_are_capped() -> None:
    assert list_points(LEAD, [f"- Point {n}." for n in range(50)]) == MAX_POINTS
    assert list_points(LEAD, [f"Plain point {n}." for n in range(50)]) == PLAIN_POINTS
    long_points = [f"- {n} " + "w" * 900 for n in range(10)]
    joined = list_points(LEAD, long_points)
    assert len(LEAD) + sum(len(p) for p in long_points[:joined]) <= LIST_CHARS
    assert len(LEAD) + sum(len(p) for p in long_points[: joined + 1]) > LIST_CHARS


def test_the_range_is_labelled_once_for_every_view() -> None:
    assert paragraph_label(5) == "¶5"
    assert paragraph_label(5, 9) == "¶5–¶9"
    assert paragraph_label(5, 5) == "¶5"


def test_the_seeds_list_is_quoted_with_its_lead_and_cited_as_a_range(seeds: Index) -> None:
    answer = ask(seeds, "What does China advocate?")
    # Kőrösi's "advocate dialogue" (5554e811-4) may rank as high: the list is in the top 3.
    listed = [h for h in answer.hits[:3] if h.citation.id == "0fe5e609-5"]
    assert listed, [h.citation.id for h in answer.hits]
    best = listed[0]
    assert (best.citation.position, best.citation.last_position) == (5, 9)
    assert best.text.startswith(seeds.text_at(seeds.row_of("0fe5e609-5") or 0))
    assert "Respect diversity, don't stand alone." in best.text
    assert "Wang Yi said that this year marks" not in best.text
    assert "China advocates:" in unmark(best.excerpt)
    assert "We must cooperate and win-win" in unmark(best.excerpt)
    assert "· ¶5–¶9 · 0fe5e609-5" in render_answer(answer, plain())


def test_a_question_matching_only_a_point_shows_the_lead(seeds: Index) -> None:
    answer = ask(seeds, "respect diversity, don't stand alone")
    best = answer.hits[0]
    assert (best.citation.id, best.citation.last_position) == ("0fe5e609-5", 9)
    assert "China advocates:" in unmark(best.excerpt)
    assert "stand alone" in unmark(best.excerpt)
    # The points are not hits of their own besides their list.
    points = {f"0fe5e609-{n}" for n in range(6, 10)}
    assert not points & {h.citation.id for h in answer.hits}


def test_a_paragraph_outside_any_list_is_cited_alone(seeds: Index) -> None:
    answer = ask(seeds, "100th anniversary of the founding of the Communist Party")
    assert answer.hits[0].citation.id == "0fe5e609-10"
    assert answer.hits[0].citation.last_position is None


def test_the_ungdc_sample_quotes_a_quotation_with_its_lead(sample: Index) -> None:
    # "…the chapter dealing with Korea by the following paragraph:" then «On 25 June 1948…»,
    # then the delegate's own words, which are not part of it.
    answer = ask(sample, "Commission resolved to record its opinion on the Korea elections")
    best = answer.hits[0]
    assert (best.citation.id, best.citation.last_position) == ("36477ceb-6", 7)
    assert "«On 25 June 1948" in best.text and "After the elections of 10 May" not in best.text


def test_a_hostile_list_stays_within_its_caps(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    points = "\n\n".join(f"- Point number {n} on disarmament." for n in range(500))
    (corpus / "lists.txt").write_text(f"We demand:\n\n{points}\n", encoding="utf-8")
    index = open_index([corpus], cache_dir=tmp_path / "cache", progress=False)
    answer = ask(index, "point number 300 disarmament")
    for hit in answer.hits:
        last = hit.citation.last_position or hit.citation.position
        assert last - hit.citation.position <= MAX_POINTS
        assert len(hit.text) <= LIST_CHARS
    best = ask(index, "We demand").hits[0]
    assert (best.citation.position, best.citation.last_position) == (1, 1 + MAX_POINTS)


def test_each_row_knows_the_rows_its_hit_quotes_from_when_it_was_indexed(seeds: Index) -> None:
    row = seeds.row_of("0fe5e609-8") or 0
    assert seeds.quoted_rows([row]) == [range(row - 3, row + 2)]  # a point: lead to last
    for start in {seeds.document_rows(r).start for r in range(seeds.n_paragraphs)}:
        rows = seeds.document_rows(start)
        made = document_lists([seeds.text_at(r) for r in rows])
        assert seeds.quoted_rows(list(rows)) == [
            range(start + q.start, start + q.stop) for q in made
        ]


def test_document_lists_of_leads_and_points() -> None:
    texts = ["Opening words.", LEAD, *POINTS, "x" * 700, "We demand:", "Short.", "Done:"]
    assert document_lists(texts) == [
        range(0, 1),
        *[range(1, 6)] * 5,
        range(6, 7),
        range(7, 9),
        range(7, 9),
        range(9, 10),  # a lead with nothing after it
    ]
    assert document_lists([]) == []


def test_the_excerpt_of_a_list_keeps_the_sentence_that_introduces_it() -> None:
    lead = (
        "Wang Yi said that all parties should follow the path of joint cooperation. "
        "He recalled the founding of the United Nations. China advocates:"
    )
    text = lists.joined([lead, *POINTS])
    query = set(tokenize("respect diversity"))
    kept = excerpt(text, query, 150, tokenize=tokenize, lead_end=len(lead))
    assert "China advocates:" in unmark(kept) and "**diversity**" in kept
    assert "China advocates:" not in unmark(excerpt(text, query, 150, tokenize=tokenize))
