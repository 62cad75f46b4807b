"""Page furniture: what a printed record adds to a page and no speaker said.

The UN's verbatim records (and so the UNGDC's text files) carry, between the lines of speech,
the page's foot and head: the document's job number beside the page number (``11-51687 4``,
``18/27 17-29275``), a lone page number, the record's symbol (``A/37/PV.29``), a running head
(``General Assembly - Forty-eighth session``), the library's watermark ("Digitized by Dag
Hammarskjöld Library", sometimes fused mid-sentence), the record's own notes ("Mr. X (Country),
Vice-President, took the Chair.", "(spoke in French)") and the corrections notice. Quoted, they
become words the speaker never said ("a period 11-51687 4 of high vulnerability").

:func:`strip_furniture` blanks every line that is furniture and cuts the fused pieces out of
lines that also hold speech, counting each removal by kind. Only a whole line is ever judged
furniture, except the three fused forms found in the UNGDC: the watermark, a chair note naming
a country in brackets, and a job-number footer at a line's start. A sentence holding a year
range or "paragraph 63." is speech. Every pattern
is anchored and bounded, and only lines of at most :data:`MAX_FURNITURE_LINE` characters are
tried as whole-line furniture, so a hostile line costs linear time.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from typing import Literal, NamedTuple

__all__ = ["FurnitureKind", "Stripped", "strip_furniture"]

FurnitureKind = Literal[
    "job_number", "page_number", "symbol", "running_head", "watermark", "procedural", "other"
]

# No whole-line pattern below can match a longer line (a chair note naming a long name is ~110
# characters): longer lines, most of the corpus, skip them all.
MAX_FURNITURE_LINE = 160

_PAGE = r"\d{1,3}(?:/\d{1,3})?"  # "4", "17/27"
# A document job number ("11-51687"), as the first page prints it too: "17-29597 (E) *1729597*".
_JOB = r"\d{2}-\d{5}(?:\s?\(E\))?(?:\s?\*\d{7,9}\*)?"
_SYMBOL = r"A/(?:\d{1,3}/)?[A-Z0-9][A-Za-z0-9.]{0,15}(?:/[A-Za-z0-9.]{1,15}){0,4}"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_SESSION = r"[A-Z][a-z]{2,10}(?:-[a-z]{3,10})?\s+session"  # "Forty-eighth session"

_WHOLE_LINE: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    ("job_number", re.compile(rf"(?:{_PAGE}\s+)?{_JOB}(?:\s+{_PAGE})?")),
    # "539", "4-5", "62/91": a page number alone (never "1995." or "63.": those are speech).
    ("page_number", re.compile(rf"{_PAGE}|\d{{1,3}}\s?-\s?\d{{1,3}}")),
    ("symbol", re.compile(_SYMBOL)),
    (
        "running_head",
        re.compile(
            rf"{_DATE}\s+{_SYMBOL}|{_SYMBOL}\s+{_DATE}"
            rf"|(?:\d{{1,3}}\s+)?General\s+Assembly\s*[-–]\s*{_SESSION}(?:\s+\d{{1,3}})?"
            # "Forty-eighth session - 29 September l993 25" (the year's 1 read as an l)
            rf"|{_SESSION}\s*[-–]\s*\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\s+[1lI]\d{{3}}(?:\s+\d{{1,3}})?"
        ),
    ),
    (
        "procedural",
        re.compile(
            r"\(spoke in [A-Z][a-z]{2,12}\)"
            r"|\*?\s?(?:The\s(?:Acting\s)?President|(?:Mr|Mrs|Ms|Miss|Mme|Madam|Dame|Sir|Dr|Nr)\.?\s"
            # a name, the country in brackets, the post: "Mr. Singh (India), Vice-President"
            r"[^()]{1,80}\([^()]{1,40}\),?(?:\s{0,3}[\w-]{1,20}-?\s?President,?)?)"
            r"\s{1,3}(?:took|returned\sto|resumed)\sthe\sChair[.,]?"
        ),
    ),
    ("other", re.compile(_DATE)),  # the date at an annex's page foot ("13/01/2021")
)
# A chair note wrapped over two lines ("Mr. Choquehuanca Céspedes (Bolivia), Vice-" /
# "President, took the Chair."): tried on the pair when the first line opens like one.
_CHAIR_NOTE_OPEN_RE = re.compile(
    r"\*?\s?(?:The\s|(?:Mr|Mrs|Ms|Miss|Mme|Madam|Dame|Sir|Dr|Nr)\.?\s)"
)
# The corrections notice at the foot of a record's first page: five lines, the first opening
# thus and the last naming the corrigendum.
_NOTICE_OPEN_RE = re.compile(r"This record contains the text of speeches delivered in")
_NOTICE_END_RE = re.compile(r"corrigendum|reissued|documents\.un\.org")
_NOTICE_LINES = 6
_NOTICE_MAX = 1_000  # the whole notice on one line (2017) is ~500 characters
# Fused forms. The watermark anywhere in a line, damaged by OCR ("DigitiZed by Dag
# HammarSkjold Library", "COnstlDigitized by ..."): matched case-blind, no word boundaries.
_WATERMARK_RE = re.compile(r"digiti[sz]ed\s?by\s?dag\s?hammarskj\w{1,3}\s?library", re.IGNORECASE)
# A change-of-chair note run into a line of speech ("... in aid and assistance. Mr. Mwaanga
# (Zambia), Vice-President, took the Chair,"): a name, a country in brackets and the post.
_FUSED_CHAIR_NOTE_RE = re.compile(
    r"\*?\s?(?:Mr|Mrs|Ms|Miss|Mme|Madam|Dame|Sir|Dr|Nr)\.?\s[^.()]{1,60}\([^()]{1,40}\),\s?"
    r"(?:Vice-?\s?President,\s?)?took\sthe\sChair[.,]?"
)
_FUSED: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    ("watermark", _WATERMARK_RE),
    ("procedural", _FUSED_CHAIR_NOTE_RE),
)
# Strings a line must hold for a fused pattern to be worth trying (every damaged watermark in
# the UNGDC keeps "ibrary").
_FUSED_HINTS = {"watermark": "ibrary", "procedural": "Chair"}
# A footer fused at the start of a continuation line (2016-2017): "17-29275 17/27 once-...",
# "18/27 17-29275 family ...". A job number and a page number together: speech never opens so.
_FUSED_FOOTER_RE = re.compile(rf"\s*(?:{_JOB}\s+{_PAGE}|{_PAGE}\s+{_JOB})\s+(?=\S)")


class Stripped(NamedTuple):
    lines: list[str]  # the lines given, furniture blanked or cut out: as many as given
    furniture: frozenset[int]  # indices of the lines that held furniture alone
    removed: Counter[str]  # removals by kind: a whole line or a fused piece counts one


def _line_kind(text: str) -> FurnitureKind | None:
    for kind, pattern in _WHOLE_LINE:
        if pattern.fullmatch(text):
            return kind
    return None


def _chair_note_pair(first: str, second: str) -> bool:
    if not second.endswith(("Chair.", "Chair")) or not _CHAIR_NOTE_OPEN_RE.match(first):
        return False
    joined = first + second if first.endswith("-") else f"{first} {second}"
    return _line_kind(joined) == "procedural"


# Where furniture may be: a line opening with a digit, "A/", "(spoke", "This record" or a
# session's name (found by one pass over the whole text: the leading newline lets the regex
# engine skip to each line start), or a line holding the watermark's "ibrary" or "Chair" (found
# by str.find). The other lines, nearly all, cost nothing more.
_CANDIDATE_START_RE = re.compile(
    r"\n[ \t*]*(?:\d|A/|\(spoke|This record|[A-Z][a-z]{2,10}(?:-[a-z]{3,10})?\s+session)"
)
_CANDIDATE_WORDS = ("ibrary", "Chair")


def _candidates(lines: list[str]) -> list[int]:
    """The indices of the lines worth a closer look, ascending (with the line before each
    line naming the Chair: a chair note can wrap over two lines)."""
    text = "\n" + "\n".join(lines)
    # starts[i]: where line i starts in ``text`` (after its newline); one more marks the end.
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=1))

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    found = {line_of(match.start() + 1) for match in _CANDIDATE_START_RE.finditer(text)}
    for word in _CANDIDATE_WORDS:
        offset = text.find(word)
        while offset >= 0:
            index = line_of(offset)
            found.add(index)
            if word == "Chair" and index:
                found.add(index - 1)
            offset = text.find(word, starts[index + 1])  # on to the next line
    return sorted(found)


def strip_furniture(lines: list[str]) -> Stripped:
    """``lines`` with page furniture removed (see the module's docstring), line for line."""
    kept = list(lines)
    furniture: set[int] = set()
    removed: Counter[str] = Counter()

    def remove(index: int, kind: FurnitureKind) -> None:
        kept[index] = ""
        furniture.add(index)
        removed[kind] += 1

    def visit(index: int) -> int:
        """Strip line ``index``; the index of the first line not yet handled."""
        line = kept[index]
        # Fused pieces first: what is left of the line may still be furniture or speech.
        for fused_kind, pattern in _FUSED:
            if _FUSED_HINTS[fused_kind] not in line:
                continue
            indent = line[: len(line) - len(line.lstrip())]
            line, cuts = pattern.subn(" ", line)
            if cuts:
                removed[fused_kind] += cuts
                # The line keeps its own indent (it can open a paragraph), no new one.
                line = kept[index] = indent + line.strip() if line.strip() else ""
                if not line:
                    furniture.add(index)
        if line.lstrip()[:1].isdigit() and (footer := _FUSED_FOOTER_RE.match(line)):
            kept[index] = line = line[footer.end() :]
            removed["job_number"] += 1
        text = line.strip()
        if not text:
            return index + 1
        if _NOTICE_OPEN_RE.match(text) and len(text) <= _NOTICE_MAX:
            end = min(len(kept), index + _NOTICE_LINES)
            last = next((i for i in range(index, end) if _NOTICE_END_RE.search(kept[i])), index)
            for notice in range(index, last + 1):
                remove(notice, "other")
            return last + 1
        if len(text) > MAX_FURNITURE_LINE:
            return index + 1
        if (kind := _line_kind(text)) is not None:
            remove(index, kind)
        elif index + 1 < len(kept) and _chair_note_pair(text, kept[index + 1].strip()):
            remove(index, "procedural")
            remove(index + 1, "procedural")
            return index + 2
        return index + 1

    handled = 0
    for index in _candidates(lines):
        if index >= handled:
            handled = visit(index)
    return Stripped(kept, frozenset(furniture), removed)
