"""Citation ids: short, typeable, stable.

A document's id is the start of the SHA-256 of its own bytes (8 hex digits, longer only when
two documents share a prefix), so adding, removing or renaming *other* files never changes it.
Byte-identical files are told apart by their path.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

__all__ = ["SHORT_ID_LENGTH", "assign_ids", "paragraph_id"]

SHORT_ID_LENGTH = 8


def paragraph_id(doc_id: str, position: int) -> str:
    return f"{doc_id}-{position}"


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
