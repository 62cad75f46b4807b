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

from .answer import quote, search
from .index import Index
from .models import Answer, DatedDocuments, DateRange, Query

__all__ = [
    "corpus_stats",
    "document",
    "documents_dated",
    "quote",
    "resolve_speaker",
    "speaker_paragraphs",
    "speakers_matching",
]


def speakers_matching(index: Index, typed: str) -> list[Speaker]:
    """Speakers whose name or an alias holds every typed word (``SpeakerRegistry.matching``)."""
    return index.speakers.matching(typed)


def resolve_speaker(index: Index, name: str) -> tuple[str | None, list[str]]:
    """What a speaker filter holds for a typed name: the canonical name of the one person it
    names, or the name itself when it names several (a surname: the filter covers them all);
    else None and names to suggest (``SpeakerRegistry.resolve``, the one way every speaker
    filter reads a name)."""
    return index.speakers.resolve(name)


def speaker_paragraphs(
    index: Index, name: str, topic: str = "", *, k: int = 5, offset: int = 0
) -> Answer:
    """One page of what the speaker ``name`` (any spelling ``resolve_speaker`` takes) said:
    ranked by ``topic`` when one is given, else newest first.

    The answer's ``query.speaker`` is the canonical name, or the typed name when it names
    several people (all of them are shown, and ``understood`` says whom). An unknown name is
    an answer with ``not_found`` ("No speaker called …"), ``query.speaker`` None and the
    close names as ``suggestions``; a topic the speaker never touched is ``not_found`` too,
    as in ``answer.search``.
    """
    return search(index, Query.lenient(topic, speaker=name, k=k, offset=offset))


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
