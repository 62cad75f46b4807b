"""The one tokenizer of Verbatim: the same for paragraphs, queries and evaluation documents.

Text is folded (NFKC, case, accents: ``corpus.text.fold``), cut into words, stripped of English
stopwords and stemmed with the Snowball English stemmer (PyStemmer).

- Hyphenated words give their parts and the parts joined: "one-China" -> ``one``, ``china``,
  ``onechina``, so "one China" still finds "one-China" while the hyphenated form scores a
  little higher, and "COVID-19" meets "COVID19" (measured on SciFact: +0.005 nDCG@10).
- Possessives and contractions lose their ending: "China's" -> ``china``, "don't" -> ``don``
  (a stopword), so single letters stay ordinary words ("T cells", "vitamin D").
- Numbers are kept whole, with their decimals: "2030", "1.5"; thousands separators are dropped
  ("2,000" -> ``2000``) so both spellings meet.

Speed matters: a cold build tokenizes about a million paragraphs. One compiled regex finds the
words; every distinct word is analysed once and remembered as a space-separated string of its
terms (empty for a stopword), so a paragraph costs one ``findall``, one dictionary lookup per
word, and a ``join``/``split`` in C.
"""

from __future__ import annotations

import re
import threading

import Stemmer

from corpus.text import fold

# Bump whenever tokenize() gives other terms for the same text: the index cache is keyed on it.
TOKENIZER_VERSION = "1"

HYPHENS = "-\u2010"  # NFKC turns the non-breaking hyphen U+2011 into U+2010
_APOSTROPHES = "'\u2019"
# A number with decimals or thousands separators; else letters and digits (no "_"), possibly
# hyphenated, possibly with an apostrophe ending ('s 't 'll 've 're 'd 'm).
_WORD = re.compile(
    rf"\d+(?:[.,]\d+)+"
    rf"|[^\W_]+(?:[{HYPHENS}][^\W_]+)*(?:[{_APOSTROPHES}](?:s|t|ll|ve|re|d|m)\b)?"
)
_HYPHEN_SPLIT = re.compile(f"[{HYPHENS}]")

# English stopwords: the NLTK list without the one- and two-letter pieces of contractions,
# which the apostrophe rule above already removes. Chosen on SciFact over Lucene's 33 words.
_STOPWORD_TEXT = """
    a about above after again against all am an and any are aren as at be because been before
    being below between both but by can couldn did didn do does doesn doing don down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself
    his how i if in into is isn it its itself just me mightn more most mustn my myself needn no
    nor not now of off on once only or other our ours ourselves out over own same shan she should
    shouldn so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was wasn we were weren what when where which while
    who whom why will with won wouldn you your yours yourself yourselves
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

# The memo is bounded by its size, not its entry count: words are as long as the corpus
# makes them (one 1 MB "word" of letters is a valid token), and 2 million entries of long
# words came to about 10 GB. A word longer than _MEMO_WORD is analysed every time it is met
# and never remembered (real words are shorter: the longest of 150,000 UNGDC paragraphs has
# 38 characters); past _MEMO_BYTES (characters plus a fixed cost per entry) the memo starts
# afresh. Measured on those paragraphs: 24,826 distinct words, 4.2 MB by this estimate and
# 7.0 MB by tracemalloc (dict growth included), so the cap is about 100 MB of real memory.
_MEMO_WORD = 64
_MEMO_BYTES = 64 * 2**20
# Two str headers and a dict slot, as sys.getsizeof and dict growth measure them on CPython.
_ENTRY_BYTES = 160


class _Terms(dict[str, str]):
    """word -> its index terms joined by spaces ("" for a stopword), made on first sight."""

    def __init__(self) -> None:
        super().__init__()
        # Stemmer objects are not thread-safe and the bot tokenizes in worker threads.
        self._lock = threading.Lock()
        # Without PyStemmer's own cache (size 0): this memo asks it for each word once, and
        # its cache, useless then, made stemming a new word 3.0 µs, not 1.1 (UNGDC words).
        self._stemmer = Stemmer.Stemmer("english", 0)
        self.bytes = 0  # the estimated size of what the memo holds

    def __missing__(self, word: str) -> str:
        terms = " ".join(self._analyse(word))
        if len(word) > _MEMO_WORD:
            return terms
        size = len(word) + len(terms) + _ENTRY_BYTES
        if self.bytes + size > _MEMO_BYTES:
            self.clear()
            self.bytes = 0
        self[word] = terms
        self.bytes += size
        return terms

    def stems(self, words: list[str]) -> list[str]:
        with self._lock:
            stemmed: list[str] = self._stemmer.stemWords(words)
        return stemmed

    def _analyse(self, word: str) -> list[str]:
        if word.isalnum():
            # Letters and digits alone, as most words are: no separator, apostrophe or hyphen
            # to read (a new word analysed in 2.8 µs, not 4.4).
            return [] if word in STOPWORDS else self.stems([word])
        if word[0].isdigit() and "," in word:
            return [word.replace(",", "")]
        for apostrophe in _APOSTROPHES:
            word = word.split(apostrophe, 1)[0]
        parts = _HYPHEN_SPLIT.split(word)
        words = [p for p in parts if p not in STOPWORDS]
        if len(parts) > 1:
            words.append("".join(parts))
        return self.stems(words)


_TERMS = _Terms()


def stems(words: list[str]) -> list[str]:
    """The stems of plain folded words, one each, none remembered (the memo keeps the words
    of text): for candidate spellings of a typo, asked once each."""
    return _TERMS.stems(words)


def same_apostrophes(text: str) -> str:
    """``text`` with each apostrophe the tokenizer reads as one written "'": a phrase typed
    "there's" is a text's "there’s"."""
    for apostrophe in _APOSTROPHES[1:]:
        text = text.replace(apostrophe, _APOSTROPHES[0])
    return text


def tokenize(text: str) -> list[str]:
    """Index terms of ``text``, in order, repeats kept (BM25 counts them)."""
    folded = fold(text)
    if folded.isalnum():
        # One word of letters and digits ([^\W_] is exactly isalnum), which _WORD finds
        # whole: the excerpts' memo tokenizes the new words of every quoted paragraph one at
        # a time (1.8 µs a word with the regex, join and split; 1.3 without).
        return _TERMS[folded].split()
    return " ".join(map(_TERMS.__getitem__, _WORD.findall(folded))).split()


def parts_only(text: str) -> list[str]:
    """``tokenize``'s terms without a hyphenated word's joined form when its parts give terms:
    "atoms-for-peace" -> ``atom``, ``peac`` (not ``atomsforpeac``, which "atoms for peace"
    never gives); the joined form is what a hyphenated word's terms end with."""
    return terms_and_parts(text)[1]


def terms_and_parts(text: str) -> tuple[list[str], list[str]]:
    """``tokenize(text)`` and ``parts_only(text)`` from one reading of its words: the gate
    wants both of a best hit (read twice, 170 µs for a UNGDC paragraph; once, 130-145). The
    two differ only at a hyphenated word, so the terms are joined and split in C as
    ``tokenize`` does, and the parts the same way, a word at a time only when the text holds a
    hyphen (42% of best hits): 119 → 104 µs mean, 101 → 80 median (256 UNGDC best hits)."""
    folded = fold(text)
    words = _WORD.findall(folded)
    terms = " ".join(map(_TERMS.__getitem__, words)).split()
    if not any(hyphen in folded for hyphen in HYPHENS):
        return terms, list(terms)
    parts = (_parts_of(word) if _HYPHEN_SPLIT.search(word) else _TERMS[word] for word in words)
    return terms, " ".join(parts).split()


def _parts_of(hyphenated: str) -> str:
    """A hyphenated word's terms without the joined form they end with, when there are more
    than one (``_TERMS``'s form: joined by spaces)."""
    return _TERMS[hyphenated].rsplit(" ", 1)[0]
