"""An index's word counts without an index, for question-understanding tests: each rule shows
on the few words a test gives it (no stemming; a word is its own term)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.countries import CountryVocabulary
from corpus.speakers import SpeakerRegistry
from corpus.text import fold


@dataclass
class Counts:
    """What ``understand`` reads from an ``Index``: its speakers, how many of its paragraphs
    hold each word, and the countries its metadata names."""

    speakers: SpeakerRegistry
    paragraphs_with: dict[str, int]
    n_paragraphs: int = 388_236  # the full UNGDC's
    countries: CountryVocabulary | None = None

    def terms(self) -> list[str]:
        return list(self.paragraphs_with)

    def tokens_of(self, text: str) -> list[str]:
        return fold(text).split()

    def doc_freq(self, token: str) -> int:
        return self.paragraphs_with.get(token, 0)
