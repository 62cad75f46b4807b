"""The one tokenizer of Verbatim: the same for paragraphs, queries and evaluation documents.

Text is folded (NFKC, case, accents: ``corpus.text.fold``), cut into runs of letters and digits,
stripped of English stopwords and stemmed with the Snowball English stemmer (PyStemmer).

- Hyphenated forms fall apart into their words: "one-China" -> ``one``, ``china``, so the query
  "one China" finds "one-China" and the other way round.
- Possessives lose their "s": "China's" -> ``china`` (the apostrophe splits off an ``s``, which is
  a stopword, as are the ``t`` of "don't" and the ``ll`` of "we'll").
- Numbers are kept whole, with their decimals: "2030", "1.5"; thousands separators are dropped
  ("2,000" -> ``2000``) so both spellings meet.

Speed matters: a cold build tokenizes about a million paragraphs. The regex is compiled once
and every distinct word is stemmed once and remembered.
"""

from __future__ import annotations

import re
import threading

import Stemmer

from corpus.text import fold

# A number with decimals or thousands separators, else a run of letters and digits (no "_").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")

# English stopwords: the NLTK list (what a reader would call function words), folded, plus the
# pieces that apostrophes leave behind. Measured on SciFact against Lucene's 33-word list; see
# retrieval/evaluate.py and the engine note.
_STOPWORD_TEXT = """
    a about above after again against all am an and any are aren as at be because been before
    being below between both but by can couldn d did didn do does doesn doing don down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself
    his how i if in into is isn it its itself just ll m ma me mightn more most mustn my myself
    needn no nor not now o of off on once only or other our ours ourselves out over own re s same
    shan she should shouldn so some such t than that the their theirs them themselves then there
    these they this those through to too under until up ve very was wasn we were weren what when
    where which while who whom why will with won wouldn y you your yours yourself yourselves
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

# Distinct words seen in a long-running bot are bounded by what users type; past this size the
# memo starts afresh rather than growing without end.
_MAX_MEMO = 2_000_000


class _Stems(dict[str, str]):
    """word -> stem ("" for a stopword), filled on first sight of each word."""

    def __init__(self) -> None:
        super().__init__()
        # Stemmer objects are not thread-safe and the bot tokenizes in worker threads.
        self._lock = threading.Lock()
        self._stemmer = Stemmer.Stemmer("english")

    def __missing__(self, word: str) -> str:
        if word in STOPWORDS:
            stem = ""
        elif word[0].isdigit() and "," in word:
            stem = word.replace(",", "")
        else:
            with self._lock:
                stem = self._stemmer.stemWord(word)
        if len(self) >= _MAX_MEMO:
            self.clear()
        self[word] = stem
        return stem


_STEMS = _Stems()


def tokenize(text: str) -> list[str]:
    """Index terms of ``text``, in order, repeats kept (BM25 counts them)."""
    stems = _STEMS
    return [stem for stem in map(stems.__getitem__, _TOKEN.findall(fold(text))) if stem]
