"""What a reader is told when nothing, or nothing good enough, answers."""

from __future__ import annotations

from corpus.models import DocDate
from retrieval.index import Index
from retrieval.models import DateRange, Query
from retrieval.wording import (
    describe_filters,
    no_words,
    nothing_matches,
    quoted,
    unknown_speaker,
    unknown_words,
)


def test_quoted_user_text_is_one_short_line_shown_as_typed() -> None:
    assert quoted("  two\n\nlines  ") == "“two lines”"
    assert quoted("**bold**") == "“\\*\\*bold\\*\\*”"
    assert quoted("word " * 30, limit=12) == "“word word …”"
    assert quoted("x" * 30, limit=12) == "“" + "x" * 12 + " …”"


def test_filters_are_described_in_one_phrase() -> None:
    may = DateRange(start=DocDate(year=2021, month=5), end=DocDate(year=2021, month=5))
    query = Query(text="peace", speaker="Wang Yi", dates=may, source="Xinhua")
    assert describe_filters(query, ("true multilateralism",)) == (
        " by Wang Yi dated May 2021 from Xinhua containing “true multilateralism”"
    )
    assert describe_filters(Query(text="peace")) == ""


def test_an_unknown_speaker_gets_the_close_names_or_how_to_find_them() -> None:
    failure = unknown_speaker("Wang Yu", ["Wang Yi"])
    assert failure.message == "No speaker called “Wang Yu” in the corpus."
    assert failure.suggestions == ["one of these speakers: Wang Yi"]
    assert "as the corpus spells it" in unknown_speaker("Nobody", []).suggestions[0]


def test_a_question_without_words_says_so(seeds: Index) -> None:
    assert no_words("").message == "There was no question to answer."
    assert no_words("🙂 the").message.startswith("“🙂 the” has no words to search for")
    assert no_words("").suggestions


def test_words_in_no_paragraph_are_named_as_typed(seeds: Index) -> None:
    assert unknown_words(seeds, "Cryptocurrency and multilateralism, cryptocurrency") == [
        "Cryptocurrency",
        "cryptocurrency",
    ]
    failure = nothing_matches(seeds, Query(text="blockchain"), (), {"blockchain": 3.0})
    assert failure.message == "Nothing in the corpus matches “blockchain”."
    assert failure.suggestions == [
        "other words or another spelling: no paragraph contains “blockchain”"
    ]


def test_corpus_names_and_user_words_in_messages_are_escaped() -> None:
    query = Query(text="peace", speaker="Eve [x](https://evil.example)", source="<@1> ||s||")
    assert describe_filters(query) == (
        " by Eve \\[x\\](https://evil.example) from \\<\\@1\\> \\|\\|s\\|\\|"
    )
    failure = unknown_speaker("[a](https://evil.example)", ["# Eve"])
    assert "“\\[a\\](https://evil.example)”" in failure.message
    assert failure.suggestions == ["one of these speakers: \\# Eve"]


def test_fewer_words_quotes_the_members_words_escaped(seeds: Index) -> None:
    text = "[united nations](https://evil.example/x) multilateralism security council peace"
    weights = dict.fromkeys(seeds.tokens_of(text), 1.0)
    failure = nothing_matches(seeds, Query(text=text), (), weights)
    fewer = [s for s in failure.suggestions if s.startswith("fewer words")]
    assert fewer, failure.suggestions
    assert "[united" not in fewer[0].replace("\\[", "")
