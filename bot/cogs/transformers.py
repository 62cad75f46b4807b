"""Dates, speakers and countries typed into options: converted and completed in one class each.

As in discord.py's ``app_commands.Transformer`` idiom, a command's body receives a
:class:`DateRange`, a date, a canonical speaker name or a country's label; what was typed is
read, and refused privately with a message saying what works (:class:`Unrecognised`), before the
body runs.
"""

from __future__ import annotations

from typing import Any

from discord import app_commands

from corpus.dates import NotADate
from corpus.models import DocDate
from retrieval.lookups import resolve_speaker
from retrieval.models import DateRange
from retrieval.wording import unknown_country, unknown_speaker

from ..client import VerbatimBot
from ..interaction import Interaction
from .choices import completions, country_choices, date_choices, speaker_choices

# Transformer.autocomplete is typed for options of every kind; these are strings, and their
# choices are Choice[str] (from .choices), which mypy takes as Choice[Any] but not as the union.
AnyChoice = app_commands.Choice[Any]


class Unrecognised(app_commands.TransformerError):
    """A typed option its transformer could not read; the message says what would work.

    Defined here, not in the errors extension: loading an extension again re-executes its
    module, and a class from an earlier execution would no longer match ``isinstance``."""

    def __init__(
        self, message: str, value: Any, transformer: app_commands.Transformer[Any]
    ) -> None:
        super().__init__(value, transformer.type, transformer)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DateOption(app_commands.Transformer[VerbatimBot]):
    """A typed date ("2023-02-02", "May 2021", "2021", "2021-05-01..2021-05-31"), completed
    from the days, months and years the corpus has."""

    def __init__(self, option: str) -> None:
        self.option = option  # named in the refusal: "“someday” for from is not a date: use …"

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return 50

    def read(self, typed: str) -> DateRange:
        try:
            return DateRange.typed(typed, self.option)
        except NotADate as error:
            raise Unrecognised(str(error), typed, self) from None

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str
    ) -> list[AnyChoice]:
        return await completions(interaction, date_choices, str(value))


class Dates(DateOption):
    """The whole range a typed date covers (``2021`` is all of 2021)."""

    async def transform(self, interaction: Interaction, value: str) -> DateRange:
        return self.read(value)


class DateStart(DateOption):
    """Where a typed date starts (``from: 2021`` is from 1 January 2021); blank is no limit."""

    async def transform(self, interaction: Interaction, value: str) -> DocDate | None:
        return self.read(value).start if value.strip() else None


class DateEnd(DateOption):
    """Where a typed date ends (``to: 2021`` is up to 31 December 2021); blank is no limit."""

    async def transform(self, interaction: Interaction, value: str) -> DocDate | None:
        return self.read(value).end if value.strip() else None


class NameOption(app_commands.Transformer[VerbatimBot]):
    """A name typed into an option (a speaker's, a country's): 1 to 100 characters."""

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return 100


class SpeakerOption(NameOption):
    """A speaker's name as typed, completed from the speakers the corpus has. Retrieval reads
    the name itself (``SpeakerRegistry.resolve``), so /ask passes it on as typed."""

    async def transform(self, interaction: Interaction, value: str) -> str:
        return value

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str
    ) -> list[AnyChoice]:
        return await completions(interaction, speaker_choices, str(value))


class SpeakerName(SpeakerOption):
    """A speaker's canonical name from any name, alias, or shorter form naming one speaker
    ("Nelson Mandela"); a name that is nobody is refused, with the close names."""

    async def transform(self, interaction: Interaction, value: str) -> str:
        library = interaction.client.library
        # This runs before the command acknowledges the interaction (Discord allows 3 s). A
        # name picked from the completions is canonical: one dict lookup, here on the loop.
        # A typed one is resolved in a worker thread: on a registry of the UNGDC's 7,147
        # speaker names, 12 ms to match every name, 33 ms at most with difflib's suggestions.
        canonical = library.index.speakers.canonical(value)
        if canonical is not None:
            return canonical
        canonical, suggestions = await library.run(resolve_speaker, value)
        if canonical is not None:
            return canonical
        raise Unrecognised(unknown_speaker(value, suggestions).line(), value, self)


class CountryOption(NameOption):
    """A country or delegation by any name, ISO code, short form or demonym ("US", "Britain",
    "Chinese"), completed from the countries the corpus has; the body receives its label. A
    name that is no country of the corpus is refused, with the close ones."""

    async def transform(self, interaction: Interaction, value: str) -> str:
        # A few hundred countries at most: resolved here, on the loop, well within Discord's 3 s.
        country, suggestions = interaction.client.library.index.countries.resolve(value)
        if country is not None:
            return country.label
        raise Unrecognised(unknown_country(value, suggestions).line(), value, self)

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str
    ) -> list[AnyChoice]:
        return await completions(interaction, country_choices, str(value))
