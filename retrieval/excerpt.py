"""Excerpts: the sentences of a paragraph that best match a query, its words in **bold**.

An excerpt is made of corpus characters only. Three kinds of marks are added and nothing else:

* ``**`` around a word whose tokens match the query's tokens (so "multilateral" bolds
  "multilateralism" when the engine's tokenizer stems them alike);
* ``…`` where text was left out (the engine never cuts inside a word);
* a backslash before a character that Discord markdown would otherwise eat or reinterpret
  (:func:`escape_markdown`, the one escaping rule for corpus and user text). A paragraph that
  contains ``**``, ``_emphasis_`` or ``[a masked](https://link)`` is therefore *shown* with its
  asterisks, underscores and brackets, as the corpus has them, instead of turning into
  formatting, a live link, or breaking our own bold marks.

``runs`` reads the first and third kind back (the plain terminal style renders from it),
``unmark`` undoes them exactly; ``fragments`` also splits at ``…``. The
invariant, property-tested: every fragment of an excerpt is a substring of the paragraph, in
order. A ``…`` that the corpus itself contains only splits a fragment further, which keeps the
invariant.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

Tokenizer = Callable[[str], list[str]]

ELLIPSIS = "…"
LIST_BUDGET = 350

# A word for highlighting: letters/digits joined by apostrophes or hyphens ("one-China",
# "China’s"); the tokenizer decides whether it matches.
_JOINERS = "'’-"
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Punctuation around a word in a chunk, none of it a letter or digit (so never part of a word);
# what answers strip from a word typed too, before saying it back or reading it as a typo.
AROUND_WORD = ".,;:!?\"'“”‘’()[]"
# More distinct matching words than this in one paragraph and it is scanned word by word.
_LOCATED_WORDS = 16
# A sentence ends after . ! ? ; or … (with closing quotes/brackets) followed by whitespace
# (group 1: the end; the match: with that whitespace).
_SENTENCE_END = re.compile(r"([.!?;…][\"'”’)\]]*)\s+")
# "Mr. President", "Joseph R. Biden", "U.S. policy", "No. 5": a full stop that ends no sentence.
_ABBREVIATION = re.compile(
    r"(?<![^\s(\[\"“])(?:Mr|Mrs|Ms|Dr|St|Prof|Sr|Jr|No|Nos|Art|para|paras|vs|e\.g|i\.e|etc"
    r"|H\.E|[A-Z](?:\.[A-Z])*)\.$"
)
# Discord reads these anywhere: bold/italic/underline/strike (* _ ~), code (`), spoilers (||),
# masked links ([text](url)), <…> (autolinks, <t:…> timestamps, <#id>, <@id>) and @everyone.
# A translation table, not a regex substitution: on 1 MB of these characters 0.08 s, not 1.1 s.
_ESCAPED_ANYWHERE = "\\*_~`|[]<>@"
_ANYWHERE = str.maketrans({char: "\\" + char for char in _ESCAPED_ANYWHERE})
# And these at the start of a line: headings (#, ##, ###), subtext (-#), lists (- + 1.) and
# block quotes (>); leading blanks do not stop them. For "1." the full stop is escaped.
_LINE_START = re.compile(r"(?:\A|(?<=\n))([^\S\n]*)(?:([#+\-])|(\d+)\.)")
_NON_SPACE = re.compile(r"\S")
_CHUNK = re.compile(r"\S+")


# A span of the paragraph, (start, end): a pair, not a dataclass, of which making one took ~1 µs
# (a fifth of composing the chosen sentences of an excerpt).
Span = tuple[int, int]


def _escape_line_start(match: re.Match[str]) -> str:
    blanks, mark, number = match.groups()
    return f"{blanks}\\{mark}" if mark else f"{blanks}{number}\\."


def _escape_one_line(text: str, line_start: bool) -> str:
    """``escape_markdown``'s rule for line starts, for text holding no line break: only a
    mark at its start, when ``text`` begins a line, is escaped (matched there, not searched
    for through the text: ~60 ns a character)."""
    match = _LINE_START.match(text) if line_start else None
    return text if match is None else _escape_line_start(match) + text[match.end() :]


def _holds_escaped(text: str) -> bool:
    """Whether ``text`` holds a character Discord reads anywhere (``_ANYWHERE``'s): looking for
    each is str.find in C, ~1.5 µs for a median paragraph."""
    return any(char in text for char in _ESCAPED_ANYWHERE)


def escape_markdown(text: str, line_start: bool = True) -> str:
    """``text`` shown as written in Discord markdown: a backslash before every character
    Discord would interpret (Discord reads ``\\`` + any punctuation as that character, so
    the words read the same); ``unmark`` inverts it. ``line_start`` says whether ``text``
    begins a line (for headings, lists and quotes)."""
    # Most text holds none of these characters: looking for them spares translate, which
    # copies the text, at ~100 ns a character once it holds one non-ASCII character (50 µs
    # for a paragraph with a curly apostrophe).
    out = text.translate(_ANYWHERE) if _holds_escaped(text) else text
    if "\n" not in out:
        return _escape_one_line(out, line_start)
    if line_start:
        return _LINE_START.sub(_escape_line_start, out)
    return _LINE_START.sub(lambda m: _escape_line_start(m) if m.start() else m.group(), out)


def runs(excerpt_text: str) -> list[tuple[str, bool]]:
    """The excerpt as (corpus text, bold) runs: backslash escapes undone, bold marks read,
    ``…`` gaps kept as text. Each rendering style marks the bold runs its own way; joined,
    the texts are :func:`unmark`'s result."""
    found: list[tuple[str, bool]] = []
    current: list[str] = []
    bold = False
    i = 0
    while i < len(excerpt_text):
        char = excerpt_text[i]
        if char == "\\" and i + 1 < len(excerpt_text):
            current.append(excerpt_text[i + 1])
            i += 2
        elif excerpt_text.startswith("**", i):
            if current:
                found.append(("".join(current), bold))
            current, bold = [], not bold
            i += 2
        else:
            current.append(char)
            i += 1
    if current:
        found.append(("".join(current), bold))
    return found


def unmark(excerpt_text: str) -> str:
    """The excerpt without bold marks and backslash escapes (``…`` gaps are kept)."""
    return "".join(text for text, _ in runs(excerpt_text))


def fragments(excerpt_text: str) -> list[str]:
    """The runs of corpus text in an excerpt: unmarked, split at ``…``, stripped, non-empty."""
    parts = (part.strip() for part in unmark(excerpt_text).split(ELLIPSIS))
    return [part for part in parts if part]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace excluded; they cover every non-space char."""
    # The blanks after a sentence's end are matched with it, and the next sentence begins
    # after them: stripping each sentence a character at a time in Python made this 9.3 µs
    # for a UNGDC paragraph, not 8.6.
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        if _ABBREVIATION.search(text, max(0, end - 12), end):
            continue
        spans.append((start, end))
        start = match.end()
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


# What each word of the corpus tokenizes to, remembered across excerpts: tokenizing every word
# of every quoted paragraph anew (fold, regex, stemmer: ~3 µs a word, ~70 distinct words a
# paragraph) was a fifth of a complete answer's time on the UNGDC. And the words of each
# whitespace-separated chunk ("peace," "Nations’"): a _WORD match holds no whitespace, so a
# paragraph's words are its chunks' words, and splitting it (~6 µs) and looking its chunks up
# replaced one findall over the whole paragraph (~80 ns a character, ~35 µs for a median
# one); found under their terms, the chunks holding a query's words then cost a set
# intersection: matching_words went from 59 to 31 µs a paragraph, before locating words.
# Bounded like the tokenizer's own memo: words and chunks longer than _MEMO_WORD_CHARS are
# read every time and never kept, and past _MEMO_WORDS words or _MEMO_CHUNKS chunks the memo
# starts afresh (on the UNGDC the chunks fill it first, beside ~37,000 words: 22 MB). A
# tokenizer is a pure function of its text, so the memo is keyed by the function (a method's,
# whichever index it is bound to: Index.tokens_of is the one tokenizer), and a few
# tokenizers at most are remembered.
_MEMO_WORDS = 2**16
_MEMO_CHUNKS = 2**16
_MEMO_WORD_CHARS = 64
_MEMO_TOKENIZERS = 4


class _WordTerms:
    """word -> its terms under one tokenizer, made on first sight, bounded; and chunk -> its
    words, with term -> the remembered chunks holding a word that has it (so the words of a
    paragraph that match a query are found by set operations in C, not a Python step a
    word)."""

    def __init__(self, tokenize: Tokenizer) -> None:
        self.tokenize = tokenize
        self._start_afresh()

    def _start_afresh(self) -> None:
        # New dictionaries, not cleared ones: a reader holding the old ones still sees them
        # whole, and tells by identity that the memo started afresh.
        self.terms: dict[str, tuple[str, ...]] = {}
        self.chunk_words: dict[str, tuple[str, ...]] = {}
        self.chunks_with: dict[str, set[str]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        found = self.terms.get(word)
        if found is not None:
            return found
        found = tuple(self.tokenize(word))
        if len(word) <= _MEMO_WORD_CHARS:
            if len(self.terms) >= _MEMO_WORDS:
                self._start_afresh()
            self.terms[word] = found
        return found

    def learn(self, chunk: str) -> tuple[str, ...]:
        """The words of ``chunk`` (``_MEMO_WORD_CHARS`` long at most), tokenized; the chunk
        remembered with them, and under each of their terms."""
        terms: Iterable[str]
        core = chunk.strip(AROUND_WORD)
        if core.isalnum():
            # Most chunks (93% of those quoted on the UNGDC) are one word in punctuation that
            # no word holds: str.isalnum says so without the regex ([^\W_] is exactly isalnum),
            # and its terms need no set: learning a chunk of known words took 2.7 µs, now 1.9.
            words, terms = (core,), self(core)
        else:
            words = tuple(_WORD.findall(chunk))
            terms = {term for word in words for term in self(word)}
        if len(self.chunk_words) >= _MEMO_CHUNKS:
            self._start_afresh()
        for term in terms:
            self.chunks_with.setdefault(term, set()).add(chunk)
        self.chunk_words[chunk] = words
        return words


_word_terms: dict[object, _WordTerms] = {}


def word_terms(tokenize: Tokenizer) -> _WordTerms:
    """The memo of ``tokenize``'s terms for single words (one per tokenizer function)."""
    key = getattr(tokenize, "__func__", tokenize)
    memo = _word_terms.get(key)
    if memo is None:
        if len(_word_terms) >= _MEMO_TOKENIZERS:
            _word_terms.clear()
        memo = _word_terms[key] = _WordTerms(tokenize)
    return memo


def _scan_words(
    text: str, wanted: frozenset[str], terms_of: _WordTerms
) -> list[tuple[int, int, frozenset[str]]]:
    """Every word of ``text`` in order, each looked up: the plain way, for many hit words."""
    known = terms_of.terms
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        terms = known.get(word)
        if terms is None:
            terms = terms_of(word)
        if terms and not wanted.isdisjoint(terms):
            found.append((match.start(), match.end(), wanted.intersection(terms)))
    return found


def _starts_word(text: str, at: int) -> bool:
    """Whether a ``_WORD`` match of the whole text begins at ``at``: a letter or digit that no
    earlier word runs into (directly, or across an apostrophe or hyphen)."""
    if not text[at].isalnum():  # [^\W_] is exactly str.isalnum
        return False
    if at == 0:
        return True
    before = text[at - 1]
    if before.isalnum():
        return False
    return not (before in _JOINERS and at >= 2 and text[at - 2].isalnum())


def matching_words(
    text: str, query_tokens: Collection[str], tokenize: Tokenizer
) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, matched tokens) of each word of ``text`` whose tokens meet the query's.

    The distinct chunks of ``text`` (split at whitespace) not yet in the memo are read for
    their words, which are tokenized; the chunks holding a word that matches are those among
    the memo's chunks under the query's terms (set operations in C); and only their matching
    words are located, by ``str.find``: a Python step for every word of the paragraph was
    40% of an excerpt's time. A paragraph with more than ``_LOCATED_WORDS`` distinct matching
    words (each ``find`` pass reads the whole text) is scanned word by word instead, so the
    work stays linear in the text."""
    if not query_tokens:
        return []
    wanted = frozenset(query_tokens)
    terms_of = word_terms(tokenize)
    known = terms_of.terms
    chunks = set(text.split())
    candidates: set[str] = set()
    for chunk in chunks.difference(terms_of.chunk_words):
        if len(chunk) > _MEMO_WORD_CHARS:
            candidates.update(_WORD.findall(chunk))  # read every time, never kept
        else:
            candidates.update(terms_of.learn(chunk))
    if terms_of.terms is not known:  # the memo started afresh meanwhile
        return _scan_words(text, wanted, terms_of)
    chunks_with, chunk_words = terms_of.chunks_with, terms_of.chunk_words
    # Term by term, each intersection iterating the smaller set (the paragraph's chunks, most
    # often), not the union of the terms' chunks, a common term's hundreds copied first: 14.8
    # → 9.3 µs a paragraph quoted (full UNGDC, bench-like questions).
    for term in wanted:
        for chunk in chunks.intersection(chunks_with.get(term, ())):
            candidates.update(chunk_words[chunk])
    hits: dict[str, frozenset[str]] = {}
    for word in candidates:
        terms = terms_of(word)
        if not wanted.isdisjoint(terms):
            hits[word] = wanted.intersection(terms)
    if len(hits) > _LOCATED_WORDS:
        return _scan_words(text, wanted, terms_of)
    found = []
    for word, hit in hits.items():
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if _starts_word(text, at):
                match = _WORD.match(text, at)
                if match is not None and match.end() == end:
                    found.append((at, end, hit))
            at = text.find(word, at + 1)
    found.sort(key=lambda word_hit: word_hit[0])
    return found


Words = Sequence[tuple[int, int, frozenset[str]]]
Escape = Callable[[str, bool], str]


# Excerpting is linear in the paragraph's length: every step below looks only at the span
# it marks (words are found by bisection, blank gaps by a search that stops at the first
# letter), not at the whole paragraph; scanning it for each candidate sentence made a query
# over one 200 KB paragraph take 9 s.


def _blank(text: str, start: int, end: int) -> bool:
    return _NON_SPACE.search(text, start, end) is None


def _starts_line(text: str, at: int) -> bool:
    """Only spaces between the line's start (or the text's) and ``at``."""
    i = at
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _words_from(words: Words, start: int) -> int:
    """The index of the first word ending after ``start`` (words are in text order)."""
    return bisect.bisect_right(words, start, key=lambda word: word[1])


def _mark(text: str, start: int, end: int, words: Words, escape: Escape) -> str:
    out: list[str] = []
    cursor = start
    line_start = _starts_line(text, start)
    for index in range(_words_from(words, start), len(words)):
        word_start, word_end, _ = words[index]
        if word_start >= end:
            break
        w_start, w_end = max(word_start, start), min(word_end, end)
        if w_end <= cursor:
            continue
        out.append(escape(text[cursor:w_start], line_start))
        # A word is letters, digits and joiners on one line: escape_markdown(word, False) is
        # the word itself.
        out.append("**" + text[w_start:w_end] + "**")
        cursor = w_end
        line_start = False
    out.append(escape(text[cursor:end], line_start))
    return "".join(out)


class _Marker:
    """Marks spans of one paragraph, remembering each span's marked text: choosing sentences
    composes the same ones many times."""

    def __init__(self, text: str, words: Words) -> None:
        self.text, self.words = text, words
        self._memo: dict[tuple[int, int], str] = {}
        # Most paragraphs hold no line break nor a character escaped anywhere: their pieces
        # can only need a backslash where they begin a line, and skip escape_markdown's
        # search for those characters (~1 µs a piece, a dozen pieces an excerpt).
        plain = "\n" not in text and not _holds_escaped(text)
        self.escape: Escape = _escape_one_line if plain else escape_markdown

    def mark(self, start: int, end: int) -> str:
        key = (start, end)
        if key not in self._memo:
            self._memo[key] = _mark(self.text, start, end, self.words, self.escape)
        return self._memo[key]

    def compose(self, spans: Sequence[Span]) -> str:
        """Join chosen spans in text order: contiguous ones with their own whitespace, others
        with `` … ``; a leading/trailing ``…`` when text before/after was left out."""
        text = self.text
        ordered = sorted(spans, key=lambda span: span[0])
        runs: list[list[Span]] = []
        for span in ordered:
            if runs and _blank(text, runs[-1][-1][1], span[0]):
                runs[-1].append(span)
            else:
                runs.append([span])
        pieces = []
        for run in runs:
            piece = [self.mark(*run[0])]
            for (_, before_end), (start, end) in itertools.pairwise(run):
                piece.append(text[before_end:start] + self.mark(start, end))
            pieces.append("".join(piece))
        result = f" {ELLIPSIS} ".join(pieces)
        if not _blank(text, 0, ordered[0][0]):
            result = ELLIPSIS + result
        if not _blank(text, max(end for _, end in ordered), len(text)):
            result = result + ELLIPSIS
        return result


def weight_of(tokens: Iterable[str], weights: Mapping[str, float] | None) -> float:
    """The summed weight of ``tokens`` (1 each without weights), the same in any order: fsum
    is exact. A set's order changes with the process's string hashing, and a plain sum broke
    ties between sentences differently from one run to the next."""
    return math.fsum((weights or {}).get(token, 1.0) for token in tokens)


class _Choice:
    """The sentences chosen for an excerpt (indices, ascending) and ``len(marker.compose(...))``
    of them, counted rather than composed and kept as each is added: sentences are parted by
    blanks alone, so neighbours join with their blank and others with `` … ``, and an ellipsis
    stands first (last) unless the first (last) sentence is chosen. Choosing asks whether one
    more fits four times a UNGDC excerpt: composing each time was a fifth of an excerpt's time,
    and counting all the chosen anew each time (listed, sorted, summed) 6 of its 83 µs."""

    def __init__(self, sentences: Sequence[tuple[int, int]], marker: _Marker) -> None:
        self.sentences, self.marker = sentences, marker
        self.indices: list[int] = []
        self._raw = 0  # their characters alone
        self._joined = 0  # marked and joined, without the ellipses at the edges

    def _join(self, before: int, after: int) -> int:
        if after == before + 1:
            return self.sentences[after][0] - self.sentences[before][1]
        return len(f" {ELLIPSIS} ")

    def add_if_fits(self, i: int, budget: int) -> bool:
        """Add sentence ``i`` if the excerpt still fits ``budget`` with it; whether it was."""
        start, end = self.sentences[i]
        # Marks and gaps only add characters: spans longer than the budget are not marked.
        if self._raw + end - start > budget:
            return False
        indices = self.indices
        at = bisect.bisect_left(indices, i)
        joined = self._joined + len(self.marker.mark(start, end))
        if at:
            joined += self._join(indices[at - 1], i)
        if at < len(indices):
            joined += self._join(i, indices[at])
            if at:
                joined -= self._join(indices[at - 1], indices[at])
        first = indices[0] if at else i
        last = indices[-1] if at < len(indices) else i
        edges = (first > 0) + (last < len(self.sentences) - 1)
        if joined + edges * len(ELLIPSIS) > budget:
            return False
        indices.insert(at, i)
        self._raw += end - start
        self._joined = joined
        return True

    def compose(self) -> str:
        return self.marker.compose([self.sentences[i] for i in self.indices])


def _compose(text: str, spans: Sequence[Span], words: Words) -> str:
    return _Marker(text, words).compose(spans)


def _last_fitting(count: int, fits: Callable[[int], bool]) -> int:
    """The largest ``i`` below ``count`` for which ``fits(i)``, -1 when none, by bisection:
    ``fits`` holds up to some ``i`` and never after (a longer window composes no shorter).
    Trying each length in turn composed a hundred windows for one long sentence (up to 1 ms
    an excerpt)."""
    fitting, over = -1, count
    while over - fitting > 1:
        middle = (fitting + over) // 2
        if fits(middle):
            fitting = middle
        else:
            over = middle
    return fitting


def _trim_sentence(
    text: str, span: Span, words: Sequence[tuple[int, int, frozenset[str]]], budget: int
) -> str:
    """A window of whole words of one too-long sentence, around its first matching word."""
    # Chunks found in place as spans: a sentence longer than the budget has a hundred chunks
    # or more (trimming one took 225 µs when each was a dataclass of a copied slice, now 75).
    # None past the first that ends more than the budget after the window's start: no window
    # reaching it fits (a UNGDC table read as one 20,000-character sentence had all its chunks
    # listed, a tenth of its slowest answers).
    inside = [w for w in words if span[0] <= w[0] < span[1]]
    target = inside[0][0] if inside else span[0]
    chunks: list[Span] = []
    first = lo = -1
    for match in _CHUNK.finditer(text, *span):
        chunks.append(match.span())
        if first < 0 and match.end() > target:
            first = len(chunks) - 1
            lo = max(0, first - 3)  # a little context before the first match
        if first >= 0 and match.end() - chunks[lo][0] > budget:
            break
    marker = _Marker(text, words)

    def window(hi: int) -> str:
        return marker.compose([(chunks[lo][0], chunks[hi][1])])

    # One more chunk adds at least a space and a character while dropping at most the
    # trailing "…", so windows from ``lo`` only grow.
    fitting = lo + _last_fitting(len(chunks) - lo, lambda i: len(window(lo + i)) <= budget)
    if fitting >= lo:
        return window(fitting)
    return _hard_cut(text, chunks[first], words, budget)


def _hard_cut(
    text: str, chunk: Span, words: Sequence[tuple[int, int, frozenset[str]]], budget: int
) -> str:
    """Only for a single run of non-space characters that does not fit, its words marked (not
    a word any language has, or words joined by punctuation): cut at its last punctuation mark
    that fits, else at a character."""
    start = chunk[0]
    room = max(1, budget - 2 * len(ELLIPSIS) - 4)

    def cut(end: int) -> str:
        return _compose(text, [(start, end)], words)

    # The latest mark that fits once its words are marked: taking the last one within
    # ``room``, then a character at a time back from it, cut "0000:0000000:" inside a word.
    marks = [start + m.end() for m in re.finditer(r"[^\w\s]", text[start : start + room])]
    at = _last_fitting(len(marks), lambda i: len(cut(marks[i])) <= budget)
    if at >= 0:
        return cut(marks[at])
    ends = range(start + 1, start + room + 1)
    return cut(ends[max(0, _last_fitting(len(ends), lambda i: len(cut(ends[i])) <= budget))])


def excerpt(
    text: str,
    query_tokens: Collection[str],
    budget: int | None = LIST_BUDGET,
    *,
    tokenize: Tokenizer,
    weights: Mapping[str, float] | None = None,
    lead_end: int | None = None,
) -> str:
    """The best-matching sentences of ``text`` within ``budget`` characters (marks included),
    query words in bold; ``budget=None`` marks the whole paragraph.

    Sentences are ranked by the summed weight (idf when given) of the distinct query tokens
    they contain, ties to the earlier one; chosen greedily while they fit, then the budget is
    filled with their neighbours so the excerpt reads on. A sentence longer than the budget
    alone is cut to whole words around its first match.

    ``lead_end``: ``text`` is a list, its lead ending (with its colon) there; the sentence
    holding that colon is chosen first, when it fits, so the points quoted are introduced.
    """
    words = matching_words(text, query_tokens, tokenize)
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if start == end:
        return ""
    # All its sentences composed are the paragraph marked as one span (its blanks stripped):
    # they are parted by blanks alone, no word or line-start mark spans two of them, and a
    # sentence begins a line exactly when the blanks before it hold a line break. So a
    # paragraph quoted whole is not split into sentences (~12 µs) nor marked a sentence at a
    # time. Marks only add characters: a paragraph longer than the budget cannot fit whole,
    # and is not marked whole to find out.
    marker = _Marker(text, words)
    if budget is None or end - start <= budget:
        whole = marker.mark(start, end)
        if budget is None or len(whole) <= budget:
            return whole
    sentences = sentence_spans(text)

    # A word's sentence is the last one starting at or before it (they cover every non-space
    # character): one bisection a word, not a search of the words for each sentence. Only
    # sentences holding a word are weighed (a set and an fsum for each of the others gave 0.0
    # too), and they are ordered without a (score, index) tuple each: scoring a UNGDC
    # paragraph took 5.3 µs, now 4.2.
    starts = [start for start, _ in sentences]
    tokens_in: dict[int, set[str]] = {}
    for word_start, _, hit in words:
        tokens_in.setdefault(bisect.bisect_right(starts, word_start) - 1, set()).update(hit)
    scores = [0.0] * len(sentences)
    for i, tokens in tokens_in.items():
        scores[i] = weight_of(tokens, weights)
    # Highest first, ties to the earlier sentence: the sort is stable, reversed too.
    order = sorted(range(len(sentences)), key=scores.__getitem__, reverse=True)
    chosen = _Choice(sentences, marker)

    if lead_end is not None:
        colon = lead_end - 1
        # Sentences are disjoint: one holds the colon at most.
        leading = [i for i, (start, end) in enumerate(sentences) if start <= colon < end]
        if leading:
            chosen.add_if_fits(leading[0], budget)
    for i in order:
        if scores[i] > 0 and i not in chosen.indices:
            chosen.add_if_fits(i, budget)
    if not chosen.indices:
        best = order[0]
        if not chosen.add_if_fits(best, budget):
            return _trim_sentence(text, sentences[best], words, budget)
    # Fill with neighbours, following sentences first, so the quote reads on.
    grown = True
    while grown:
        grown = False
        for i in list(chosen.indices):
            for j in (i + 1, i - 1):
                if 0 <= j < len(sentences) and j not in chosen.indices:
                    grown = chosen.add_if_fits(j, budget) or grown
    return chosen.compose()
