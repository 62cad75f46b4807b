"""The wording of failures and suggestions: what a reader is told when nothing, or nothing good
enough, answers, and what to try instead.

Messages are Discord markdown. Every message shows the user's own text through ``quoted`` (one
line, bounded, markdown shown as typed) and corpus names through ``named`` (escaped), so a
member's ``[masked](link)`` is never echoed as a live link, even in a public reply; every
failure comes with at least one suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .excerpt import escape_markdown
from .index import Index
from .models import Query

EXAMPLE_QUESTION = "What did Wang Yi say about multilateralism?"


class Failure(NamedTuple):
    """Why nothing is quoted, and what to try instead."""

    message: str
    suggestions: list[str]

    def line(self) -> str:
        """The message and what to try, on one line: "No speaker called “X” in the corpus.
        Try one of these speakers: Y."."""
        text = self.message
        if self.suggestions:
            text += " Try " + "; ".join(self.suggestions) + "."
        return " ".join(text.split())


def one_line(text: str) -> str:
    """``text`` with every run of whitespace as one space: a name, title or question holding a
    line break must not start a line of its own (a forged citation line)."""
    return " ".join(text.split())


def quoted(text: str, limit: int = 80) -> str:
    """User text inside a message: one line, at most ``limit`` characters (cut at a space when
    there is one), markdown shown as typed."""
    text = one_line(text)
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > 0 else limit] + " …"
    return "“" + escape_markdown(text) + "”"


def named(name: str) -> str:
    """A name from the corpus (speaker, source, title) inside markdown: one line, shown as
    written."""
    return escape_markdown(one_line(name))


def no_words(question: str) -> Failure:
    """A question without a word worth searching for, and no filter."""
    if question.strip():
        message = f"{quoted(question)} has no words to search for, only common ones or symbols."
    else:
        message = "There was no question to answer."
    return Failure(message, [f"a question with words that matter, e.g. “{EXAMPLE_QUESTION}”"])


def too_deep(max_depth: int) -> Failure:
    return Failure(
        f"Pages stop at the best {max_depth:,} paragraphs.",
        ["more words, a speaker or a date, to narrow the question"],
    )


def past_the_end(total: int) -> Failure:
    return Failure(
        f"No more quotes: {total:,} paragraphs match and this page starts after them.",
        ["the first page"],
    )


def unknown_speaker(name: str, names: Sequence[str]) -> Failure:
    """No speaker has ``name``; ``names`` are the close ones to suggest (may be empty)."""
    if names:
        suggestions = ["one of these speakers: " + ", ".join(map(named, names))]
    else:
        suggestions = [
            "the speaker's name as the corpus spells it (see `/corpus` or `verbatim corpus stats`)"
        ]
    return Failure(f"No speaker called {quoted(name, 60)} in the corpus.", suggestions)


def unknown_country(typed: str, labels: Sequence[str]) -> Failure:
    """No country of the corpus is ``typed``; ``labels`` are the close ones (may be empty)."""
    if labels:
        suggestions = ["one of these countries: " + ", ".join(map(named, labels))]
    else:
        suggestions = ["a country's name, ISO code or short form, e.g. “United States”, “USA”"]
    return Failure(f"No country called {quoted(typed, 60)} in the corpus.", suggestions)


def nothing_matches(
    index: Index,
    query: Query,
    phrases: Sequence[str],
    weights: dict[str, float],
    unknown_name: str | None = None,
) -> Failure:
    """No paragraph passes the query's words and filters."""
    filters = describe_filters(query, phrases)
    message = f"Nothing in the corpus matches {_what(index, query)}{filters}."
    return Failure(message, weak_suggestions(index, query, phrases, weights, unknown_name))


def not_close_enough(
    index: Index,
    query: Query,
    phrases: Sequence[str],
    weights: dict[str, float],
    unknown_name: str | None = None,
) -> Failure:
    """Paragraphs match, but the best is not an answer (the answerability gate): the closest
    ones are shown, labelled as not an answer."""
    message = (
        f"No paragraph answers {_what(index, query)}{describe_filters(query, phrases)} well "
        "enough to quote as an answer: the closest passages share only some of its words."
    )
    return Failure(message, weak_suggestions(index, query, phrases, weights, unknown_name))


def relaxed_speaker(speaker: str) -> str:
    """Said when a speaker read from the question is dropped: nothing by them answers it."""
    return f"nothing by {speaker} answers this, so all speakers are searched"


def widened_to_surname(speaker: str, label: str, surname: str) -> str:
    """Said when nothing by a person named in full is dated as asked, and those the corpus
    files by their surname alone are searched instead."""
    return f"nothing by {speaker} dated {label} matches, so everyone called {surname} is searched"


def others_closest(speaker: str) -> str:
    """Said above other speakers' passages when the question asked what one person said and
    nothing by them answers it."""
    return f"nothing by {speaker} answers this, so the closest passages of other speakers are shown"


def respelled(pairs: Sequence[tuple[str, str]]) -> str:
    """Said when words no paragraph holds were searched as the closest words the corpus has:
    (as typed, as read) pairs."""
    read = ", ".join(f"“{typed}” as “{written}”" for typed, written in pairs)
    return f"no paragraph has the words as typed, so {read} was searched"


def rare_words_first(words: Sequence[str]) -> str:
    """Said above the closest passages when the first is the best holding the question's rare
    words, which the best-ranked passage lacked."""
    held = " and ".join(f"“{word}”" for word in words)
    few = "words few paragraphs have" if len(words) > 1 else "a word few paragraphs have"
    return f"the first of the closest passages is the best with {held}, {few}"


def relaxed_dates(label: str) -> str:
    """Said when nothing dated as the question says matches at all, above the closest passages
    of other dates."""
    return f"nothing dated {label} matches, so the closest passages of other dates are shown"


def relaxed_loose_dates(label: str) -> str:
    """Said when a year read without a preposition is dropped: nothing dated so answers, and
    the year may be the event's, recalled in a later speech."""
    return f"nothing dated {label} answers this, so all dates are searched"


def relaxed_both() -> str:
    return "nothing matches that speaker and date, so the closest passages of others are shown"


def _what(index: Index, query: Query) -> str:
    return quoted(query.text) if index.tokens_of(query.text) else "anything"


def describe_filters(query: Query, phrases: Sequence[str] = ()) -> str:
    """" by Wang Yi dated May 2021 from Xinhua containing “…”", or "" without filters."""
    parts = []
    if query.speaker:
        parts.append(f"by {named(query.speaker)}")
    if query.dates:
        parts.append(f"dated {query.dates.label}")
    if query.source:
        parts.append(f"from {named(query.source)}")
    if query.country:
        parts.append(f"from the country {named(query.country)}")
    if phrases:
        parts.append("containing " + ", ".join(quoted(p) for p in phrases))
    return (" " + " ".join(parts)) if parts else ""


def unknown_words(index: Index, text: str) -> list[str]:
    """The words of ``text`` that no paragraph contains (as the user typed them)."""
    unknown = []
    for word in re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", text):
        terms = index.tokens_of(word)
        if terms and all(index.doc_freq(t) == 0 for t in terms):
            unknown.append(word)
    return list(dict.fromkeys(unknown))


def weak_suggestions(
    index: Index,
    query: Query,
    phrases: Sequence[str],
    weights: dict[str, float],
    unknown_name: str | None = None,
) -> list[str]:
    """What to try when nothing good enough matches: a known speaker for an unknown name
    (``unknown_name``), other words for words in no paragraph, else fewer filters, no
    quotes, fewer words; an example question when nothing more specific applies."""
    suggestions: list[str] = []
    if unknown_name:
        names = index.speakers.suggest(unknown_name)
        if names:
            suggestions.append("a speaker the corpus knows: " + ", ".join(map(named, names)))
    unknown = unknown_words(index, query.text)
    if unknown:
        listed = ", ".join(f"“{w}”" for w in unknown[:5])
        suggestions.append(f"other words or another spelling: no paragraph contains {listed}")
    else:
        if query.speaker:
            suggestions.append(f"without the speaker ({named(query.speaker)})")
        if query.country:
            suggestions.append(f"without the country ({named(query.country)})")
        if query.source:
            sources = ", ".join(map(named, list(index.stats().sources)[:5]))
            suggestions.append(f"another source or none (the corpus has: {sources})")
        if query.dates:
            stats = index.stats()
            span = (
                f" (the corpus runs from {stats.date_from} to {stats.date_to})"
                if stats.date_from and stats.date_to
                else ""
            )
            suggestions.append(f"a broader date range, or no date at all{span}")
    if phrases:
        suggestions.append("without the double quotes, so the words need not appear together")
    if len(weights) > 3:
        known = sorted((t for t in weights if index.doc_freq(t) > 0), key=lambda t: -weights[t])
        words = [
            w for w in re.findall(r"\S+", query.text) if set(index.tokens_of(w)) & set(known[:2])
        ]
        example = f", e.g. {quoted(' '.join(words[:3]))}" if words else ""
        suggestions.append("fewer words" + example)
    if not suggestions:
        # Every word is in the corpus, yet no paragraph holds enough of them: say what works.
        suggestions.append(f"other or more specific words, e.g. “{EXAMPLE_QUESTION}”")
    return suggestions
