"""Whatever a user types, ``ask`` and ``search`` answer: never an exception, always something
that says what happened."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.models import DocDate
from retrieval.answer import CLOSEST, MAX_DEPTH, ask, quote, search
from retrieval.excerpt import fragments
from retrieval.index import Index, open_index
from retrieval.models import MAX_QUERY_CHARS, Answer, DateRange, Query
from retrieval.render import render_answer


@pytest.fixture(scope="module")
def seeds() -> Index:
    return open_index(None, progress=False)


def assert_sound(answer: Answer) -> None:
    """An answer either quotes faithfully or says plainly that nothing fits (showing at most
    the few closest passages, never paged)."""
    assert answer.hits or answer.not_found
    if answer.not_found:
        assert answer.suggestions and len(answer.hits) <= CLOSEST
    for hit in answer.hits:
        assert all(fragment in hit.text for fragment in fragments(hit.excerpt))
    assert render_answer(answer).strip()


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   \n\t  ",
        "the of and what did",
        "🙂🎉🔥",
        "**bold** _it_ `code` ~~gone~~ ||spoiler|| > quote # head",
        "@everyone @here <@123> <@!456> <@&789> <#1011> what about the UN?",
        "What did Nobody McUnknown say about multilateralism?",
        "multilateralism between 2099 and 1900",
        "multilateralism on 31 February 2023",
        '"" "   " "no such phrase anywhere in the corpus"',
        "\x00\x1b[31m\u202e\ufeff",
    ],
)
def test_awkward_questions_get_an_answer(seeds: Index, question: str) -> None:
    assert_sound(ask(seeds, question))


def test_a_huge_question_is_shortened_with_a_note(seeds: Index) -> None:
    answer = ask(seeds, "multilateralism " * 700)  # 11,200 characters
    assert_sound(answer)
    assert any("shortened" in line for line in answer.understood)
    assert len(answer.query.text) <= MAX_QUERY_CHARS


def test_mentions_are_not_searched_but_said(seeds: Index) -> None:
    answer = ask(seeds, "@everyone <@123> one-China")
    assert "everyone" not in answer.query.text and "123" not in answer.query.text
    assert any("mentions" in line for line in answer.understood)
    assert answer.hits


def test_unknown_speaker_filters_suggest(seeds: Index) -> None:
    assert_sound(ask(seeds, "x", speaker="Nobody"))
    answer = search(seeds, Query(text="multilateralism", speaker="Wang Yii"))
    assert answer.not_found and any("Wang Yi" in s for s in answer.suggestions)


def test_impossible_date_ranges(seeds: Index) -> None:
    future = DateRange(start=DocDate(year=2090), end=DocDate(year=2099))
    answer = ask(seeds, "multilateralism", dates=future)
    assert_sound(answer)
    assert answer.not_found and any("date" in s for s in answer.suggestions)
    reversed_range = DateRange(start=DocDate(year=2023, month=12), end=DocDate(year=2023, month=1))
    assert_sound(search(seeds, Query(text="one-China", dates=reversed_range)))


def test_quote_of_anything_is_a_hit_or_none(seeds: Index) -> None:
    for text in ["", "   ", "🙂", "043514e2", "-1", "x" * 10_000]:
        assert quote(seeds, text) is None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_ask_never_raises(seeds: Index, text: str) -> None:
    assert_sound(ask(seeds, text))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=MAX_QUERY_CHARS),
    speaker=st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["Wang Yi", "korosi"])),
    k=st.integers(min_value=1, max_value=100),
    offset=st.integers(min_value=0, max_value=50),
)
def test_search_never_raises(
    seeds: Index, text: str, speaker: str | None, k: int, offset: int
) -> None:
    answer = search(seeds, Query(text=text, speaker=speaker, k=k, offset=offset))
    for hit in answer.hits:
        assert all(fragment in hit.text for fragment in fragments(hit.excerpt))
    assert render_answer(answer).strip()


def test_user_text_in_a_not_found_message_is_short_and_shown_as_typed(seeds: Index) -> None:
    answer = ask(seeds, "**" + "x" * 500)
    assert answer.not_found is not None
    assert len(answer.not_found) < 200
    assert "\\*\\*" in answer.not_found


def test_pages_past_the_end_or_too_deep_say_so(seeds: Index) -> None:
    past = ask(seeds, "What did Wang Yi say about multilateralism?", offset=500)
    assert past.not_found and "No more quotes" in past.not_found
    assert past.total > 0 and past.understood[0] == "showing Wang Yi"
    deep = search(seeds, Query(text="UN", k=100, offset=10**9))
    assert deep.not_found and "Pages stop" in deep.not_found
    # A page may end at the deepest paragraph, not past it.
    last = search(seeds, Query(text="UN", k=5, offset=MAX_DEPTH - 5))
    assert last.not_found and "No more quotes" in last.not_found
    past_deepest = search(seeds, Query(text="UN", k=5, offset=MAX_DEPTH - 4))
    assert past_deepest.not_found and "Pages stop" in past_deepest.not_found
    # A later page of words nothing holds says so, not that it starts after the matches.
    none = search(seeds, Query(text="bitcoin", k=5, offset=5))
    assert none.not_found == "Nothing in the corpus matches “bitcoin”."


def test_an_unknown_source_lists_the_sources(seeds: Index) -> None:
    answer = ask(seeds, "multilateralism", source="Reuters")
    assert answer.not_found
    assert any("China News Service" in s for s in answer.suggestions)
