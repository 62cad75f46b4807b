"""Lookups: what a reader asks for by name rather than by question.

A quote by its citation id, a speaker and their paragraphs, the documents of a date range, one
document, the corpus' stats. Each is one function of the index, and the contract every front
end calls: the bot's /quote, /speaker, /date, /document and /corpus and the terminal's
``verbatim quote``, ``speaker``, ``date`` and ``document`` call these and only render.

Like ``answer.ask``, none raises on what a user types: paged lookups take ``k`` (hits per page,
brought into 1..``MAX_K``) and ``offset`` (hits to skip) and return an ``Answer`` that says
what happened when nothing fits (``not_found`` and ``suggestions``, both ready to show); the
lookups of one thing by its id return None when there is no such thing.
"""

from __future__ import annotations

from corpus.models import CorpusStats, Document, Speaker
from corpus.text import fold

from . import wording
from .answer import quote, search
from .index import Index
from .models import Answer, DatedDocuments, DateRange, Query

__all__ = [
    "corpus_stats",
    "document",
    "documents_dated",
    "has_every_word",
    "quote",
    "resolve_speaker",
    "speaker_paragraphs",
    "speakers_matching",
]


def has_every_word(words: list[str], text: str) -> bool:
    """Whether every typed word occurs in ``text`` (both folded): "nelson mandela" finds
    "Nelson Rolihlahla Mandela", "south africa 1994" a title with those words anywhere."""
    return all(word in text for word in words)


def speakers_matching(index: Index, typed: str) -> list[Speaker]:
    """Speakers whose name or an alias holds every typed word (accents and case ignored), most
    paragraphs first; every speaker when nothing is typed."""
    words = fold(typed).split()
    return [
        speaker
        for speaker in index.speakers.all()
        if not words
        or any(has_every_word(words, fold(name)) for name in (speaker.name, *speaker.aliases))
    ]


def resolve_speaker(index: Index, name: str) -> tuple[str | None, list[str]]:
    """The canonical speaker for a typed name and no suggestions, else None and up to five
    names to suggest (possibly none).

    Any name or alias works; so does a shorter form naming exactly one speaker ("Nelson
    Mandela" for "Nelson Rolihlahla Mandela").
    """
    canonical = index.speakers.canonical(name)
    if canonical is not None:
        return canonical, []
    candidates = [speaker.name for speaker in speakers_matching(index, name)]
    if name.split() and len(candidates) == 1:
        return candidates[0], []
    suggestions = [*candidates[:3], *index.speakers.suggest(name)] if name.split() else []
    return None, list(dict.fromkeys(suggestions))[:5]


def speaker_paragraphs(
    index: Index, name: str, topic: str = "", *, k: int = 5, offset: int = 0
) -> Answer:
    """One page of what the speaker ``name`` (any spelling ``resolve_speaker`` takes) said:
    ranked by ``topic`` when one is given, else newest first.

    The answer's ``query.speaker`` is the canonical name. An unknown name is an answer with
    ``not_found`` ("No speaker called …") and the close names as ``suggestions``; a topic the
    speaker never touched is ``not_found`` too, as in ``answer.search``.
    """
    canonical, names = resolve_speaker(index, name)
    query = Query.lenient(topic, speaker=canonical, k=k, offset=offset)
    if canonical is None:
        failure = wording.unknown_speaker(name, names)
        return Answer(
            question=query.text,
            query=query,
            not_found=failure.message,
            suggestions=tuple(failure.suggestions),
        )
    return search(index, query)


def documents_dated(
    index: Index, dates: DateRange, topic: str = "", *, k: int = 5, offset: int = 0
) -> DatedDocuments:
    """Every document dated in ``dates`` (``DateRange.typed`` reads what a user types), and one
    page of their paragraphs: ranked by ``topic`` when one is given, else newest first.

    One rule decides which documents a range holds, the search's date filter's: a date is
    compared at its own precision, a document or a range without a year on month and day
    alone ("December..January" holds 30 December of any year and 3 January), and reversed
    ends are swapped (the answer says so). No document in the range: ``documents`` is empty
    and the answer ``not_found``.
    """
    answer = search(index, Query.lenient(topic, dates=dates, k=k, offset=offset))
    searched = answer.query.dates or dates
    return DatedDocuments(
        dates=searched, documents=tuple(index.documents_in(searched)), answer=answer
    )


def document(index: Index, doc_id: str) -> Document | None:
    """The document with the id ``doc_id`` (spaces around it forgiven), with its card's
    metadata and all its paragraphs in order; None when there is none."""
    return index.document(doc_id.strip())


def corpus_stats(index: Index) -> CorpusStats:
    """What the corpus holds: documents, paragraphs, dates, speakers, sources, load issues."""
    return index.stats()
