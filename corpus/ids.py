"""Citation ids: short, typeable, stable.

A document's id is the start of the SHA-256 of its own bytes (8 hex digits, longer only when
two documents share a prefix), so adding, removing or renaming *other* files never changes it.
Byte-identical files are told apart by their path.

A paragraph's citation id is its document's id and its 1-based position: ``043514e2-3``. This
module is the one place that writes and reads that form.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

__all__ = [
    "SHORT_ID_LENGTH",
    "as_citation_id",
    "assign_ids",
    "find_citation_id",
    "paragraph_id",
    "parse_citation_id",
]

SHORT_ID_LENGTH = 8
# A document id (hex, 8 digits and longer on a prefix clash, at most a whole SHA-256) and a
# paragraph position.
_CITATION_ID = re.compile(r"(?<!\w)([0-9a-f]{8,64})-([0-9]{1,6})(?!\w)")
# What a person may wrap around an id they paste: spaces and a code span's backticks.
_WRAPPING = " \t\n`"


def paragraph_id(doc_id: str, position: int) -> str:
    """The citation id of the paragraph at ``position`` (1-based) of document ``doc_id``."""
    return f"{doc_id}-{position}"


def parse_citation_id(text: str) -> tuple[str, int] | None:
    """(document id, position) when ``text`` is a citation id and nothing else (case, spaces
    and backticks forgiven: `` `043514E2-3` ``); None otherwise."""
    match = _CITATION_ID.fullmatch(text.strip(_WRAPPING).lower())
    return (match.group(1), int(match.group(2))) if match else None


def as_citation_id(text: str) -> str | None:
    """The citation id ``text`` holds and nothing else, normalised (``043514e2-3``); else None."""
    parsed = parse_citation_id(text)
    return paragraph_id(*parsed) if parsed else None


def find_citation_id(text: str) -> str | None:
    """The first citation id anywhere in ``text`` ("see 043514e2-3"), normalised; else None."""
    match = _CITATION_ID.search(text.lower())
    return paragraph_id(match.group(1), int(match.group(2))) if match else None


def assign_ids(keys: Sequence[tuple[str, str]]) -> list[str]:
    """Ids for (digest, path) pairs, in order: unique, and as short as the corpus allows."""
    digests = list(_distinct_digests(keys))
    ids: list[str] = [digest[:SHORT_ID_LENGTH] for digest in digests]
    by_prefix: dict[str, list[int]] = defaultdict(list)
    for index, short in enumerate(ids):
        by_prefix[short].append(index)
    for members in by_prefix.values():
        if len(members) == 1:
            continue
        length = SHORT_ID_LENGTH
        while len({digests[i][:length] for i in members}) < len(members):
            length += 4
        for index in members:
            ids[index] = digests[index][:length]
    return ids


def _distinct_digests(keys: Sequence[tuple[str, str]]) -> list[str]:
    """Each document's digest; the copies of a duplicated file (all but the first by path)
    get a digest salted with their path so every document keeps an id of its own."""
    first_by_digest: dict[str, str] = {}
    for digest, path in sorted(keys, key=lambda key: key[1]):
        first_by_digest.setdefault(digest, path)
    distinct: list[str] = []
    for digest, path in keys:
        if first_by_digest[digest] == path:
            distinct.append(digest)
        else:
            salted = hashlib.sha256(f"{digest}\0{path}".encode()).hexdigest()
            distinct.append(salted)
    return distinct
