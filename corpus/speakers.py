"""Speakers across the corpus: canonical names, aliases, roles, and finding them in text.

Reported-speech attribution itself lives in :mod:`corpus.attribution`; this module is the
registry every other package asks "who is this name?".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .attribution import Attribution, attribute, collective_label
from .clean import BadInput
from .formats import load_yaml, text_value
from .models import Speaker, SpeakerKind
from .names import strip_honorifics
from .reading import DEFAULT_MAX_FILE_BYTES, read_file
from .text import fold, has_every_word

__all__ = [
    "Attribution",
    "SpeakerRegistry",
    "attribute",
    "collective_label",
    "read_speakers_yaml",
    "strip_honorifics",
]


class SpeakerRegistry:
    """Canonical speakers and every spelling that names them, compared with :func:`fold`."""

    def __init__(self, speakers: Iterable[Speaker]) -> None:
        self._speakers: dict[str, Speaker] = {}
        self._by_alias: dict[str, str] = {}
        for speaker in speakers:
            self._add(speaker)
        # People's names by their folded words, for find_in_text: a dict lookup per word
        # n-gram instead of one alternation of every name (thousands in the UNGDC), whose
        # compilation alone cost the first question half a second.
        self._people_by_words: dict[tuple[str, ...], str] = {}
        for key, name in self._by_alias.items():
            words = tuple(_WORD.findall(key))
            if words and self._speakers[name].kind == "person":
                self._people_by_words.setdefault(words, name)
        self._longest_name = max(map(len, self._people_by_words), default=0)

    def _add(self, speaker: Speaker) -> None:
        existing = self._speakers.get(speaker.name)
        if existing is not None:
            aliases = tuple(dict.fromkeys((*existing.aliases, *speaker.aliases)))
            speaker = existing.model_copy(
                update={
                    "aliases": aliases,
                    "role": existing.role or speaker.role,
                    "paragraph_count": existing.paragraph_count + speaker.paragraph_count,
                }
            )
        self._speakers[speaker.name] = speaker
        for alias in (speaker.name, *speaker.aliases):
            # The canonical name of one speaker always wins over another's alias.
            key = fold(alias)
            if alias == speaker.name or key not in self._by_alias:
                self._by_alias[key] = speaker.name

    def canonical(self, name: str) -> str | None:
        """The canonical name for any name or alias, case- and accent-insensitive."""
        key = fold(" ".join(name.split()))
        found = self._by_alias.get(key)
        if found is None:
            stripped = strip_honorifics(name)
            if stripped != name:
                found = self._by_alias.get(fold(stripped))
        return found

    def get(self, name: str) -> Speaker | None:
        canonical = self.canonical(name)
        return self._speakers.get(canonical) if canonical is not None else None

    def all(self) -> list[Speaker]:
        """Every speaker, most paragraphs first, then by name."""
        return sorted(self._speakers.values(), key=lambda s: (-s.paragraph_count, fold(s.name)))

    def __len__(self) -> int:
        return len(self._speakers)

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The canonical names closest to ``name`` (for "did you mean…")."""
        key = fold(" ".join(name.split()))
        if not key:
            return []
        matches = difflib.get_close_matches(key, list(self._by_alias), n=limit * 3, cutoff=0.6)
        suggestions: list[str] = []
        for match in matches:
            canonical = self._by_alias[match]
            if canonical not in suggestions:
                suggestions.append(canonical)
        return suggestions[:limit]

    def matching(self, typed: str) -> list[Speaker]:
        """Speakers whose name or an alias holds every typed word (accents and case ignored),
        most paragraphs first; every speaker when nothing is typed."""
        words = fold(typed).split()
        return [
            speaker
            for speaker in self.all()
            if not words
            or any(has_every_word(words, fold(name)) for name in (speaker.name, *speaker.aliases))
        ]

    def resolve(self, name: str) -> tuple[str | None, list[str]]:
        """The canonical speaker for a typed name and no suggestions, else None and up to five
        names to suggest (possibly none).

        Any name or alias works; so does a shorter form naming exactly one speaker ("Nelson
        Mandela" for "Nelson Rolihlahla Mandela"). Every front end and every speaker filter
        reads a typed name this way.
        """
        canonical = self.canonical(name)
        if canonical is not None:
            return canonical, []
        if not name.split():
            return None, []
        candidates = [speaker.name for speaker in self.matching(name)]
        if len(candidates) == 1:
            return candidates[0], []
        suggestions = [*candidates[:3], *self.suggest(name)]
        return None, list(dict.fromkeys(suggestions))[:5]

    def find_in_text(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) spans of known person names and aliases in ``text``: whole
        words only, case- and accent-insensitive, the longest match winning. Collective
        speakers ("participants") are not looked for: they are ordinary words in a question."""
        if not text or not self._people_by_words:
            return []
        folded, offsets = _fold_with_offsets(text)
        words = list(_WORD.finditer(folded))
        spans: list[tuple[int, int, str]] = []
        position = 0
        while position < len(words):
            longest = min(self._longest_name, len(words) - position)
            for length in range(longest, 0, -1):
                run = words[position : position + length]
                canonical = self._people_by_words.get(tuple(word.group() for word in run))
                if canonical is not None:
                    start, end = offsets[run[0].start()], offsets[run[-1].end() - 1] + 1
                    spans.append((start, end, canonical))
                    position += length
                    break
            else:
                position += 1
        return spans


_WORD = re.compile(r"\w+")


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of its source character."""
    if text.isascii():
        return text.casefold(), list(range(len(text)))
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def read_speakers_yaml(
    path: Path, root: Path | None = None, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> list[Speaker]:
    """``Name: {aliases: [...], role: ...}`` (or ``Name: [alias, ...]``) entries, read only if
    ``path`` is a regular file inside the corpus folder ``root`` (its own folder when None).
    Every name, alias, role and kind must be text: anything else is the file's error."""
    data_bytes = read_file(path, (root or path.parent).resolve(), max_bytes)
    try:
        data = load_yaml(data_bytes.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadInput(f"unreadable speakers.yaml: {_one_line(error)}") from error
    except BadInput as error:
        raise BadInput(f"unreadable speakers.yaml: {error}") from error
    if data is None:
        return []
    if not isinstance(data, Mapping):
        raise BadInput("speakers.yaml must map each canonical name to its aliases and role")
    try:
        return [_speaker(name, entry) for name, entry in data.items()]
    except BadInput as error:
        raise BadInput(f"speakers.yaml: {error}") from error


def _speaker(key: object, entry: object) -> Speaker:
    name = text_value(key, "a speaker's name")
    shown = repr(name[:60])  # a reason stays one short line, whatever the file holds
    aliases: list[str] = []
    role: str | None = None
    kind: SpeakerKind = "person"
    if isinstance(entry, Mapping):
        raw_aliases = entry.get("aliases") or []
        if not isinstance(raw_aliases, list):
            raw_aliases = [raw_aliases]
        aliases = [text_value(alias, f"an alias of {shown}") for alias in raw_aliases]
        role = text_value(entry["role"], f"the role of {shown}") if entry.get("role") else None
        given_kind = entry.get("kind")
        if given_kind is not None:
            text_value(given_kind, f"the kind of {shown}")
        kind = "collective" if given_kind == "collective" else "person"
    elif isinstance(entry, list):
        aliases = [text_value(alias, f"an alias of {shown}") for alias in entry]
    elif entry is not None:
        aliases = [text_value(entry, f"an alias of {shown}")]
    return Speaker(name=name, aliases=tuple(aliases), role=role, kind=kind)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
