"""Excerpts quote only corpus characters, in order, never cut a word, and bold query words."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from retrieval.excerpt import (
    _ABBREVIATION,
    ELLIPSIS,
    _Choice,
    _Marker,
    escape_markdown,
    excerpt,
    fragments,
    matching_words,
    runs,
    sentence_spans,
    unmark,
    weight_of,
)
from retrieval.tokenize import tokenize

QIN_GANG = (
    "Qin Gang said that the world today is undergoing profound changes unseen in a century. "
    "As all parties place high hopes on the UN, the UN should further play an important role "
    "in global governance. The UN should uphold true multilateralism, improve global "
    "governance, and build consensus through communication and consultation. China will "
    "continue to fully support the work of the UN General Assembly and its president. "
    "China’s development adds to the force for peace and justice."
)


def query(text: str) -> set[str]:
    return set(tokenize(text))


def assert_faithful(text: str, marked: str) -> None:
    """Every fragment is a substring of ``text``, in order, starting and ending on word
    boundaries."""
    cursor = 0
    for fragment in fragments(marked):
        at = text.find(fragment, cursor)
        assert at >= 0, (fragment, text)
        end = at + len(fragment)
        assert at == 0 or not (text[at - 1].isalnum() and text[at].isalnum()), fragment
        assert end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
        cursor = end


def test_query_words_are_bold_by_stem() -> None:
    marked = excerpt(QIN_GANG, query("multilateral"), tokenize=tokenize)
    assert "**multilateralism**" in marked
    assert_faithful(QIN_GANG, marked)


def test_possessive_and_hyphenated_words_match_whole() -> None:
    text = "The UN remains firm in its commitment to the one-China principle. China’s view."
    marked = excerpt(text, query("one-China"), None, tokenize=tokenize)
    assert "**one-China**" in marked
    assert "**China’s**" in marked


def test_best_sentence_is_chosen_with_gaps_marked() -> None:
    marked = excerpt(QIN_GANG, query("General Assembly president"), 150, tokenize=tokenize)
    assert "**General** **Assembly**" in marked
    assert marked.startswith(ELLIPSIS)
    assert len(marked) <= 150
    assert_faithful(QIN_GANG, marked)


def test_whole_paragraph_when_no_budget() -> None:
    marked = excerpt(QIN_GANG, query("UN"), None, tokenize=tokenize)
    assert unmark(marked) == QIN_GANG
    assert ELLIPSIS not in marked


def test_short_paragraph_is_quoted_whole() -> None:
    text = "We need true multilateralism."
    assert excerpt(text, query("multilateralism"), tokenize=tokenize) == (
        "We need true **multilateralism**."
    )


def test_long_sentence_is_cut_at_word_boundaries_around_the_match() -> None:
    text = " ".join(["word"] * 200 + ["multilateralism"] + ["tail"] * 200) + "."
    marked = excerpt(text, query("multilateralism"), 80, tokenize=tokenize)
    assert "**multilateralism**" in marked
    assert marked.startswith(ELLIPSIS) and marked.endswith(ELLIPSIS)
    assert len(marked) <= 80
    assert_faithful(text, marked)


def test_a_long_sentence_matching_at_its_start_is_cut_after_the_match() -> None:
    text = " ".join(["Multilateralism"] + ["word"] * 200) + "."
    marked = excerpt(text, query("multilateralism"), 80, tokenize=tokenize)
    assert marked.startswith("**Multilateralism** word word")
    assert marked.endswith(f"word{ELLIPSIS}")
    assert len(marked) <= 80


def test_marks_beginning_lines_inside_a_paragraph_are_escaped_in_any_excerpt() -> None:
    # No character here is escaped anywhere: only the line breaks make a list and a heading.
    text = "Peace first.\n- a point on peace.\n# a heading on peace.\n12. peace, numbered."
    for budget in (None, 60, 45, 30):
        marked = excerpt(text, query("peace"), budget, tokenize=tokenize)
        assert not [mark for mark in ("\n-", "\n#", "\n12.", f"{ELLIPSIS}12.") if mark in marked]
        assert "**peace**" in marked or "**Peace**" in marked
    assert excerpt(text, query("peace"), None, tokenize=tokenize) == (
        "**Peace** first.\n\\- a point on **peace**.\n\\# a heading on **peace**.\n"
        "12\\. **peace**, numbered."
    )


def test_markdown_in_the_corpus_is_shown_not_interpreted() -> None:
    text = (
        "A **bold** claim, a _slanted_ one, `code`, ||spoiler|| and \\ backslash.\n# not a heading"
    )
    marked = excerpt(text, query("claim"), None, tokenize=tokenize)
    assert unmark(marked) == text
    assert "**claim**" in marked
    assert "\\*\\*bold\\*\\*" in marked
    assert "\n\\# not" in marked


def test_escape_and_unmark_are_inverse() -> None:
    text = "*a* _b_ ~c~ `d` |e| \\f\n> g\n- h"
    assert unmark(escape_markdown(text)) == text


def _merged(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Adjacent pieces of the same weight as one, empty ones dropped."""
    merged: list[tuple[str, bool]] = []
    for text, bold in pieces:
        if not text:
            continue
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    return merged


# Text rich in what Discord markdown reads: every construct, mixed with ordinary text.
MARKDOWN_PIECES = [
    "[signed here](https://evil.example/phish)", "||spoiler||", "`code`", "```block```",
    "**bold**", "*it*", "__under__", "~~strike~~", "# heading", "## h2", "### h3", "-# small",
    "- item", "* item", "+ item", "1. first", "12. twelfth", "> quote", ">>> quotes",
    "<https://evil.example>", "<t:1700000000:R>", "<#123>", "<@123>", "<@&9>", "@everyone",
    "@here", "\\", "\\*", "\n", "\n  ", " ", "a", "1", ".",
]
markdown_texts = st.one_of(
    st.text(), st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=3)).map("".join)
)


@given(st.lists(st.tuples(markdown_texts, st.booleans())), st.booleans())
def test_runs_read_back_exactly_what_was_escaped_and_bolded(
    pieces: list[tuple[str, bool]], line_start: bool
) -> None:
    # An excerpt is corpus text escaped, its query words between ** marks: the plain style
    # reads it back as runs, each with its corpus text and whether it was bold.
    marked = "".join(
        f"**{escape_markdown(text, False)}**" if bold else escape_markdown(text, line_start)
        for text, bold in pieces
    )
    assert _merged(runs(marked)) == _merged(pieces)
    assert unmark(marked) == "".join(text for text, _ in pieces)


@given(markdown_texts)
def test_unmark_inverts_escape_markdown(text: str) -> None:
    assert unmark(escape_markdown(text)) == text
    assert runs(escape_markdown(text)) == ([(text, False)] if text else [])


def _read_escapes(marked: str) -> list[tuple[str, bool]]:
    """Each character Discord would see, and whether a backslash escaped it."""
    seen, i = [], 0
    while i < len(marked):
        if marked[i] == "\\" and i + 1 < len(marked):
            seen.append((marked[i + 1], True))
            i += 2
        else:
            seen.append((marked[i], False))
            i += 1
    return seen


def assert_inert(marked: str) -> None:
    """No character Discord markdown acts on is left unescaped: inline marks anywhere, and
    headings, lists and quotes at the start of a line (after any blanks)."""
    seen = _read_escapes(marked)
    assert not [c for c, escaped in seen if c in "*_~`|[]<>@\\" and not escaped], marked
    state = "blanks"  # at a line start: "blanks" so far, then maybe "digits", else "text"
    for char, escaped in seen:
        if state == "blanks" and not escaped:
            assert char not in "#-+>", marked
        if state == "digits" and not escaped:
            assert char != ".", marked
        if char == "\n":
            state = "blanks"
        elif state == "blanks" and char in " \t" and not escaped:
            continue
        elif state in ("blanks", "digits") and char.isdigit() and not escaped:
            state = "digits"
        else:
            state = "text"


@given(markdown_texts)
def test_escaped_text_leaves_nothing_for_markdown_to_read(text: str) -> None:
    assert_inert(escape_markdown(text))


def test_every_markdown_construct_is_escaped() -> None:
    for piece in MARKDOWN_PIECES:
        marked = escape_markdown(piece)
        assert_inert(marked)
        assert unmark(marked) == piece
    assert escape_markdown("[signed here](https://evil.example/phish)") == (
        "\\[signed here\\](https://evil.example/phish)"
    )
    assert escape_markdown("-# small\n12. twelfth") == "\\-# small\n12\\. twelfth"
    assert escape_markdown("<@123> @everyone") == "\\<\\@123\\> \\@everyone"
    # Mid-line, a hash or a number is ordinary text.
    assert escape_markdown("a # b 1. c", line_start=False) == "a # b 1. c"
    assert escape_markdown("# b", line_start=False) == "# b"


def test_a_paragraph_starting_with_a_heading_or_list_mark_is_escaped_around_bold_words() -> None:
    # The first slice before a bold word begins the line: its mark is escaped too.
    for text, start in [
        ("# heading about peace", "\\# heading"),
        ("-# small print on peace", "\\-# small"),
        ("1. peace first", "1\\. "),
        ("> a quote on peace", "\\> a quote"),
    ]:
        marked = excerpt(text, query("peace"), None, tokenize=tokenize)
        assert marked.startswith(start), marked
        assert "**peace**" in marked
        assert unmark(marked) == text


def test_no_query_words_still_gives_the_opening_sentences() -> None:
    marked = excerpt(QIN_GANG, set(), 120, tokenize=tokenize)
    assert marked.startswith("Qin Gang said")
    assert "**" not in marked


def test_empty_and_blank_paragraphs() -> None:
    assert excerpt("", query("x"), tokenize=tokenize) == ""
    assert excerpt("   \n ", query("x"), tokenize=tokenize) == ""


def test_sentences_cover_the_text() -> None:
    spans = sentence_spans("One. Two!  Three? Four")
    assert [(s, e) for s, e in spans] == [(0, 4), (5, 9), (11, 17), (18, 22)]


words = st.sampled_from(
    ["UN", "multilateralism", "China’s", "one-China", "the", "**", "_", "…", "\\", "#", "a.", "b?",
     "[x](y)", "-#", "1.", ">", "<@1>", "||"]
)
texts = st.one_of(
    st.text(max_size=600),
    st.lists(words, max_size=120).map(" ".join),
    st.lists(st.one_of(words, st.text(max_size=12)), max_size=80).map(
        lambda parts: "\n".join(parts) if len(parts) % 2 else " ".join(parts)
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    question=st.one_of(st.text(max_size=40), words),
    budget=st.one_of(st.none(), st.integers(min_value=20, max_value=400)),
)
# Words joined by punctuation, too long only once marked, were cut inside a word (Hypothesis
# found it): "**0000**:**000000**…". They are cut at a mark: "**0000**:…".
@example(text="0000:0000000:", question="0000:0000000", budget=20)
def test_excerpt_is_only_corpus_characters_in_order(
    text: str, question: str, budget: int | None
) -> None:
    marked = excerpt(text, query(question), budget, tokenize=tokenize)
    assert_faithful(text, marked)
    if budget is not None:
        assert len(marked) <= budget
    else:
        assert unmark(marked) == text.strip() or not text.strip()


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, markdown_texts), question=st.one_of(st.text(max_size=40), words),
       data=st.data())
def test_a_sentence_fits_exactly_when_the_sentences_composed_fit(
    text: str, question: str, data: st.DataObject
) -> None:
    # The length is counted as sentences are added, in any order, never composed: added one
    # by one, each must fit a budget of just what composing gives, and not one character less.
    sentences = sentence_spans(text)
    if not sentences:
        return
    marker = _Marker(text, matching_words(text, query(question), tokenize))
    order = data.draw(st.permutations(range(len(sentences))))
    choice = _Choice(sentences, marker)
    for count, i in enumerate(order[: data.draw(st.integers(1, len(order)))], start=1):
        composed = len(marker.compose([sentences[j] for j in [*choice.indices, i]]))
        assert not choice.add_if_fits(i, composed - 1)
        assert choice.add_if_fits(i, composed)
        assert choice.indices == sorted(order[:count])
    assert len(choice.compose()) == composed


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, markdown_texts), data=st.data())
def test_a_paragraph_quoted_whole_is_all_its_sentences_composed(
    text: str, data: st.DataObject
) -> None:
    # Quoted whole, a paragraph is marked as one span, not a sentence at a time.
    question = " ".join(data.draw(st.lists(st.sampled_from(text.split() or ["x"]), max_size=4)))
    sentences = sentence_spans(text)
    marker = _Marker(text, matching_words(text, query(question), tokenize))
    composed = marker.compose(sentences) if sentences else ""
    assert excerpt(text, query(question), None, tokenize=tokenize) == composed
    assert excerpt(text, query(question), max(1, len(composed)), tokenize=tokenize) == composed


def test_a_sentence_weighs_the_same_whatever_order_its_tokens_come_in() -> None:
    # A set's order changes with the process's string hashing; 0.1 + 0.2 + 0.3 is not
    # 0.3 + 0.2 + 0.1 in floating point, and a tie between two sentences went either way.
    weights = {"a": 0.1, "b": 0.2, "c": 0.3}
    assert weight_of(["a", "b", "c"], weights) == weight_of(["c", "b", "a"], weights) == 0.6
    assert weight_of(["a", "x"], None) == 2.0


def _sentences_stripped_one_by_one(text: str) -> list[tuple[int, int]]:
    """sentence_spans as first written: the text split after each sentence end followed by a
    blank, then each part stripped of its blanks a character at a time."""
    parts, start = [], 0
    for match in re.finditer(r"[.!?;…][\"'”’)\]]*(?=\s)", text):
        if not _ABBREVIATION.search(text, max(0, match.end() - 12), match.end()):
            parts.append((start, match.end()))
            start = match.end()
    parts.append((start, len(text)))
    spans = []
    for raw_begin, raw_end in parts:
        begin, end = raw_begin, raw_end
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            spans.append((begin, end))
    return spans


sentence_texts = st.lists(
    st.sampled_from([" ", "  ", "\n", "\t", "\u2003", "a", "Mr", "U", "e", "g", "No", ".", "!", "?",
                     ";", "…", '"', "”", "’", ")", "]", "("])
    | st.text(max_size=3)
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(sentence_texts, texts))
def test_sentences_are_the_text_split_at_sentence_ends_and_stripped(text: str) -> None:
    assert sentence_spans(text) == _sentences_stripped_one_by_one(text)


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. President, Joseph R. Biden spoke. The U.S. view, e.g. this, held. Next one."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. President, Joseph R. Biden spoke.",
        "The U.S. view, e.g. this, held.",
        "Next one.",
    ]
