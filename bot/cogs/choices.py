"""Autocomplete choices shared by the commands: speakers, countries, dates, documents, passages.

Each runs in a worker thread on the current index, within the member's budget
(:mod:`bot.budget`), and returns at most 25 choices whose names fit Discord's 100 characters.
"""

from __future__ import annotations

from collections.abc import Callable

from discord import app_commands

from corpus.dates import citation_label, label_of, typed_form
from corpus.ids import as_citation_id
from corpus.models import DocDate, Document
from corpus.text import fold, has_every_word
from retrieval import answer as answering
from retrieval.excerpt import unmark
from retrieval.index import Index
from retrieval.lookups import speakers_matching
from retrieval.models import MAX_QUERY_CHARS, Query

from .. import discord_render as dr
from ..budget import OverBudget
from ..interaction import Interaction

Choice = app_commands.Choice[str]


def speaker_choices(index: Index, current: str) -> list[Choice]:
    """Speakers whose name or alias contains what was typed (accents and case ignored)."""
    choices: list[Choice] = []
    for speaker in speakers_matching(index, current):
        count = f"{speaker.paragraph_count} paragraph" + (
            "" if speaker.paragraph_count == 1 else "s"
        )
        name = dr.choice_name(speaker.name, count)
        choices.append(app_commands.Choice(name=name, value=speaker.name[: dr.CHOICE_LIMIT]))
        if len(choices) == dr.MAX_CHOICES:
            break
    return choices


def country_choices(index: Index, current: str) -> list[Choice]:
    """Countries one of whose names, codes, short forms or demonyms holds what was typed."""
    choices: list[Choice] = []
    for country in index.countries.matching(current):
        documents = index.countries.documents[country.code]
        count = f"{country.code}, {documents} document" + ("" if documents == 1 else "s")
        name = dr.choice_name(country.label, count)
        choices.append(app_commands.Choice(name=name, value=country.label[: dr.CHOICE_LIMIT]))
        if len(choices) == dr.MAX_CHOICES:
            break
    return choices


def _date_candidates(dates: list[DocDate]) -> list[tuple[str, str]]:
    """(label, value) for every day, month and year that has documents, newest first."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        if value not in seen:
            seen.add(value)
            out.append((label, value))

    for date in dates:
        add(citation_label(date), typed_form(date))
        if date.year is not None:
            if date.month is not None:
                month = DocDate(year=date.year, month=date.month)
                add(label_of(month), month.iso)
            add(str(date.year), str(date.year))
    return out


def date_choices(index: Index, current: str) -> list[Choice]:
    typed = fold(current.strip())
    choices = []
    for label, value in _date_candidates(index.dates()):
        if typed and typed not in fold(label) and typed not in fold(value):
            continue
        choices.append(app_commands.Choice(name=dr.choice_name(label), value=value))
        if len(choices) == dr.MAX_CHOICES:
            break
    return choices


def _document_name(document: Document) -> str:
    return dr.choice_name(document.title, citation_label(document.date) if document.date else None)


def document_choices(index: Index, current: str) -> list[Choice]:
    typed = fold(current.strip())
    words = typed.split()
    choices = []
    for document in index.documents():
        if not has_every_word(words, fold(document.title)) and not document.id.startswith(typed):
            continue
        choices.append(app_commands.Choice(name=_document_name(document), value=document.id))
        if len(choices) == dr.MAX_CHOICES:
            break
    return choices


def passage_choices(index: Index, current: str) -> list[Choice]:
    """Paragraphs matching the words typed so far; a typed citation id comes first."""
    choices: list[Choice] = []
    cited = as_citation_id(current)
    if cited is not None:
        hit = answering.quote(index, cited)
        if hit is not None:
            choices.append(
                _passage_choice(hit.citation.speakers, hit.citation.date, hit.text, cited)
            )
    text = current.strip()[:MAX_QUERY_CHARS]
    if text and cited is None:
        answer = answering.search(index, Query(text=text, k=dr.MAX_CHOICES))
        for hit in answer.hits:
            excerpt = unmark(hit.excerpt)  # a choice's name is plain text, not markdown
            choices.append(
                _passage_choice(hit.citation.speakers, hit.citation.date, excerpt, hit.citation.id)
            )
    return choices[: dr.MAX_CHOICES]


def _passage_choice(
    speakers: tuple[str, ...], date: DocDate | None, text: str, citation_id: str
) -> Choice:
    speaker = ", ".join(speakers[:2]) if speakers else None
    return app_commands.Choice(
        name=dr.choice_name(speaker, citation_label(date) if date else None, text),
        value=citation_id,
    )


async def completions(
    interaction: Interaction, choose: Callable[[Index, str], list[Choice]], current: str
) -> list[Choice]:
    """``choose(index, current)`` for one keystroke; no choices when over the member's budget
    or when a newer keystroke came first (Discord shows only the latest completions)."""
    client = interaction.client
    try:
        async with client.budget.admit(interaction.user.id, latest_only=True) as turn:
            await turn.ready()
            return await client.library.run(choose, current)
    except OverBudget:
        return []


async def documents(interaction: Interaction, current: str) -> list[Choice]:
    return await completions(interaction, document_choices, current)


async def passages(interaction: Interaction, current: str) -> list[Choice]:
    return await completions(interaction, passage_choices, current)
