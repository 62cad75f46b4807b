"""The answerability gate: is the best hit an answer, or only the closest passage there is?

**Not found.** A weak match is worse than none when it is passed off as an answer: it puts a
quote beside a question it does not answer. So the best hit of a ranking is judged by a tiny
logistic model over five features of the question and that hit (``features``):

- ``coverage``: the share of the question's idf mass the hit contains (the summed idf of the
  distinct query terms it holds over that of all of them; a term in no paragraph weighs the
  corpus' highest idf, a hyphenated word's joined form is not counted twice; a rare one the hit
  writes otherwise, one letter apart, counts as held: ``_written_otherwise``);
- ``missing``: the idf of the most distinctive query term the hit lacks, over the corpus'
  highest idf (0 when it lacks none): "bitcoin" in "bitcoin mining regulation" is what the
  question is about, "say" in "did anyone say" is not;
- ``reach``: the hit's BM25 score over the most the query's terms could add
  (``idf * (k1 + 1)`` each, a term found as often as can be);
- ``margin``: how far the best score stands above the next, relative to the best;
- ``pairs``: the share of the query's adjacent term pairs that are adjacent in the hit too
  ("national security law" as a phrase, not three words scattered; 1 for a one-term query).

``answers(f)`` is ``sigmoid(INTERCEPT + sum(COEFFICIENTS[name] * f.name)) >= THRESHOLD``. The
coefficients were fitted by ``tests/benchmarks/fit_gate.py`` on the **dev** split of the judged
questions of both corpora (seeds + UNGDC sample, and the full UNGDC; tests/quality): label 1 for
an answerable question, 0 for one the corpus cannot answer, each class weighted by the inverse of
its size, L2 0.01, features of the first ranking ``ask`` runs (filters read from the question
applied; for a question with a word no paragraph holds, the respelled retry's ranking, which is
the one ``ask`` decides on). THRESHOLD was then chosen on what ``ask`` does end to end on dev
(``tests/benchmarks/bench_questions.py``, thresholds 0.30-0.39): 0.34 answers 0.93 (sample) /
0.96 (full) of the answerable dev questions and refuses 0.89 / 0.75 of the unanswerable ones;
0.39 answered 0.89 / 0.94 and refused no more. The features separate the two only so far:
"Hong Kong national security law" and "Silicon Valley Bank collapse" have every word, or
nearly, somewhere. The model fitted on first rankings only (misspelt questions included as they
were typed) answered 0.98 / 0.98 and refused 0.72 / 0.50; coverage alone at 0.6 gave
0.80 / 0.92 answered and 0.72 / 0.62 refused. The coefficients predate rare words written
otherwise counting as held (stop 19), which changes a feature only for a hit lacking a rare
query term one letter from its own: kept, since that answered no unanswerable dev question.

It replaced a single threshold (``MIN_COVERAGE = 0.6`` of the idf mass, calibrated on 47 short
questions) that refused 20% of answerable natural questions: they carry words the answer does
not ("who asks", "which meeting", "did anyone say").

A refused best hit is not hidden: ``answer.ask`` returns it and the next ones as the closest
passages, with ``not_found`` saying that they are not an answer. A hit holding every query term
as the query puts them together (coverage and pairs 1) is always an answer (probability
>= 0.90 whatever its score), as is a one-term query's hit; pure filter queries (a speaker or a
date with no words) list paragraphs newest first and are never "not found" while something matches.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from corpus.text import fold, typed_as_acronym

from . import bm25
from .excerpt import AROUND_WORD
from .index import Index
from .tokenize import parts_only, stems, terms_and_parts
from .typos import typos_of

__all__ = [
    "COEFFICIENTS",
    "INTERCEPT",
    "THRESHOLD",
    "Features",
    "Respelling",
    "answers",
    "coverage",
    "features",
    "idf_weights",
    "names_the_topic",
    "probability",
    "query_terms",
    "rare_terms",
    "respelled",
]

# A word no paragraph holds may be read as the closest index term, a retry when the question as
# typed is not answered: one edit away (insertion, deletion, substitution or two letters swapped)
# for a word of 5-7 letters, two for a longer one: "Asembly", "rigths", "Srebenica" are typos
# of words the corpus has; "Motley" is not read as "mother" (two edits, six letters). A
# four-letter word is read only with one letter written for another of the same sound
# ("zica" as "zika"): any one edit turns most of them into others (sample dev: "Bush" became
# "busi", of business, and "What did Bush say about Iraq?" was answered with no Bush there).
RESPELL_MIN_LENGTH = 5
RESPELL_SHORT = 4
RESPELL_LONG = 8
# A word longer than any real one has no spellings worth trying (~54 per letter).
_LONGEST_TYPED = 30
RESPELL_MIN_PARAGRAPHS = 5
# A word a paragraph or two hold may be a typo the corpus made too ("seige", once in the full
# UNGDC): read as a spelling one edit away that a hundred times as many paragraphs hold.
RESPELL_TYPO_HELD = 2
RESPELL_COMMONER = 100
# Words looked at per text: each costs a scan of the vocabulary (~3 ms on the full UNGDC), and a
# text of more unknown words than this is not a question with typos (2,000 characters of them
# took 1.5 s).
RESPELL_MAX_WORDS = 6
# Of a typo's spellings, the one the question's other words fit best is read (``_fitness``):
# how much likelier each other term is among the paragraphs holding the spelling than among
# all (smoothed by this many paragraphs' worth of the average), beside the spelling's own
# commonness taken to this power. Dev, full UNGDC, one typo a question (seeds 1-3): the
# commonest spelling read "Flooyd" (beside George) as flood, "Pame" (beside Olof) as pay; the
# full prior (power 1) read flood and "savery" as save, none (power 0) "sate" as site.
RESPELL_PRIOR_POWER = 0.5
RESPELL_SMOOTHING = 10
# A word of four letters is one edit from many others: it is read only as a word another of
# the question's terms is this many times likelier beside (smoothed, as in ``_fitness``) than
# elsewhere, as a name's other half is. Dev, full UNGDC, one typo a question: "Bown" beside
# Gordon (3,161 times), "Daid" beside Camp (184), "Flyd" beside George (152); sample: "Bush"
# (and "bush") read as busy beside Iraq (0.6) answered an unanswerable question. Or as the
# word with a letter it left out, where another term is likelier at all: few words of five
# letters are one letter from a given four ("Suth" beside Africa, 6.6 times, is south;
# "brng", "vius" were left unread).
RESPELL_SHORT_LIFT = 50
_SAME_SOUND = frozenset(frozenset(pair) for pair in ("ck", "cq", "kq", "sz", "iy", "fv", "vw"))


# A question's rarest term, held by at most this share of paragraphs (19 of the full UNGDC's
# 388,236; none of a corpus under 20,000), names its topic (``names_the_topic``). Dev, full
# UNGDC: answerable questions refused for their other words held "gagarin" (2 paragraphs) and
# "cervant" (4). Under filters as well (stop 15): 2 more answerable dev questions answered,
# and as typed, lower-cased or with one typo, no unanswerable one.
RARE_TOPIC_SHARE = 1 / 20_000

# Fitted by tests/benchmarks/fit_gate.py on the dev split (see the module docstring).
INTERCEPT = -0.626
COEFFICIENTS = {
    "coverage": 1.602,
    "missing": -2.147,
    "reach": 0.721,
    "margin": 0.097,
    "pairs": 1.918,
}
THRESHOLD = 0.340


@dataclass(frozen=True)
class Features:
    """What the gate knows about a best hit; each in [0, 1]."""

    coverage: float
    missing: float
    reach: float
    margin: float
    pairs: float

    def vector(self) -> list[float]:
        return [getattr(self, name) for name in COEFFICIENTS]


def meaning_tokens(text: str) -> list[str]:
    """The terms of ``text`` in order, a hyphenated word's joined form ("onechina" beside "one",
    "china") left out (``tokenize.parts_only``), so "One China Principle" covers "one-China
    principle" as fully as "one-China principle" does, its words in the same order. Dev, full
    UNGDC: "atoms-for-peace" had made "atomsforpeac" the most distinctive word every answer
    writing "atoms for peace" lacked."""
    return parts_only(text)


def query_terms(text: str) -> list[str]:
    """The distinct terms of ``text`` that carry its meaning for coverage (``meaning_tokens``)."""
    return list(dict.fromkeys(meaning_tokens(text)))


def idf_weights(index: Index, terms: Sequence[str]) -> dict[str, float]:
    """The index's idf of each query term (``bm25.idf``: positive however common); a term no
    paragraph contains gets the corpus' highest idf."""
    distinct = list(dict.fromkeys(terms))
    doc_freq = np.array([index.doc_freq(term) for term in distinct], dtype=np.int64)
    weights = bm25.idf(doc_freq, max(index.n_paragraphs, 1))
    return dict(zip(distinct, weights.tolist(), strict=True))


def coverage(index: Index, text: str, weights: dict[str, float]) -> float:
    """The share of the query's idf mass that ``text`` contains."""
    return _share_held(set(index.tokens_of(text)), weights)


def _share_held(present: set[str], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in present) / total


def _written_otherwise(rare: Iterable[str], held: set[str]) -> set[str]:
    """The ``rare`` query terms (``rare_terms``) that a passage holding ``held`` has written
    otherwise: a typo of a term it holds (``typos_of``, one edit), or its letters in another
    order, the first kept. A rare word is most often a name, and names are spelt many ways by
    the corpus and by those asking. Dev, full UNGDC: "Ester Sunday" (ester, 2 paragraphs; Sri
    Lanka's answer says Easter), "steve bikko" (steve, 5; Norway's says Steven Biko), "Columbia"
    (12; Colombia's own speech), with typos, and
    "Mahatma Ghandi" (4; India's "Mahatma Gandhi's birth") in all five forms are answered, and
    no unanswerable question more. Not a common word: with any term the corpus holds, "police"
    (polic, 1,352 paragraphs) counted as held by "political"; nor a word no paragraph holds,
    which a retry reads as another (``respelled``): "quemoi" counted as held by "quemoy", so
    the question as typed was answered before the one as read, which ranked better."""

    # A passage holds hundreds of terms, some as long as the corpus makes them: letters are
    # compared only between terms of one length, not sorted for every term held.
    def reordered(term: str) -> bool:
        return any(
            len(other) == len(term) and other[:1] == term[:1] and sorted(other) == sorted(term)
            for other in held
        )

    return {
        term
        for term in rare
        if len(term) >= RESPELL_MIN_LENGTH and (bool(typos_of(term, held, 1)) or reordered(term))
    }


def adjacent_pairs(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def features(
    index: Index, text: str, weights: dict[str, float], scores: Sequence[float], query: str = ""
) -> Features:
    """The gate's features of the best hit (its ``text``, ``scores[0]``) for a query whose terms
    weigh ``weights``; ``scores`` are the ranking's, best first."""
    terms, meaning = terms_and_parts(text)
    present = set(terms)
    present |= _written_otherwise(rare_terms(index, weights), present)
    wanted = adjacent_pairs(meaning_tokens(query))
    together = adjacent_pairs(meaning)
    found_pairs = len(wanted & together) / len(wanted) if wanted else 1.0
    highest = math.log(max(index.n_paragraphs, 1) + 1.0)
    lacking = [w for t, w in weights.items() if t not in present]
    most = sum(weights.values()) * (index.params.k1 + 1.0)
    best = scores[0] if scores else 0.0
    second = scores[1] if len(scores) > 1 else 0.0
    return Features(
        coverage=_share_held(present, weights),
        missing=max(lacking, default=0.0) / highest if highest > 0 else 0.0,
        reach=min(best / most, 1.0) if most > 0 else 0.0,
        margin=(best - second) / best if best > 0 else 0.0,
        pairs=found_pairs,
    )


def probability(found: Features) -> float:
    """The model's probability that the best hit answers the question."""
    z = INTERCEPT + sum(c * x for c, x in zip(COEFFICIENTS.values(), found.vector(), strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def answers(found: Features) -> bool:
    """Whether the best hit is an answer (else only the closest passage)."""
    return probability(found) >= THRESHOLD


def names_the_topic(index: Index, text: str, weights: dict[str, float]) -> bool:
    """Whether ``text`` holds the query's rarest term, a word so rare in the corpus
    (``RARE_TOPIC_SHARE``) that a passage holding it is about what was asked, whatever the
    question's other words: "Yuri Gagarin's flight into space", "Which speakers brought up Don
    Quixote, the knight from Cervantes' novel?" (dev, full UNGDC: both were refused for the
    words around the name). Under a filter too: ``text`` is then a passage the filter kept, so
    what was asked of that speaker, country or year (dev, full UNGDC: "what did bojo say about
    alexa and smart gadgets spying on us", Zelensky's bullet and opera singer, both refused
    for the words around the rare one). A rare word held only outside the filter is in no
    passage it keeps, and the model alone decides ("What did the Soviets say about Sputnik in
    1957?", unanswerable, the word held by a later speech)."""
    if not weights:
        return False
    rarest = max(weights, key=weights.__getitem__)
    return rarest in rare_terms(index, weights) and rarest in index.tokens_of(text)


def rare_terms(index: Index, weights: dict[str, float]) -> list[str]:
    """The query's terms that some paragraphs hold, but at most ``RARE_TOPIC_SHARE`` of them:
    the words a passage about what was asked is likeliest to say ("thalidomide", "Bhopal")."""
    most = RARE_TOPIC_SHARE * index.n_paragraphs
    return [term for term in weights if 0 < index.doc_freq(term) <= most]


def _same_sound(typed: str, term: str) -> bool:
    """Whether ``term`` is ``typed`` with one letter written as another of its sound."""
    if len(typed) != len(term):
        return False
    differing = [frozenset((a, b)) for a, b in zip(typed, term, strict=True) if a != b]
    return len(differing) == 1 and differing[0] in _SAME_SOUND


class Respelling(NamedTuple):
    """A word no paragraph (or hardly one) holds, read as another: as typed, as said back,
    as searched."""

    typed: str
    written: str  # a spelling ("anniversary"), or the index term when none was found
    term: str  # the index term searched ("anniversari")
    swapped: bool = False  # read as two letters swapped: every letter typed is kept


def respelled(index: Index, text: str, country: str | None = None) -> tuple[str, list[Respelling]]:
    """``text`` with each word no paragraph holds replaced by the word it is a typo of: of
    the spellings one edit away whose stem the index holds (``_spellings``), else the closest
    index terms (``_closest_terms``), the one the text's other words fit best
    (``_likeliest``); and how each was read. A word one or two paragraphs hold
    (``RESPELL_TYPO_HELD``) is read too, only as a spelling ``RESPELL_COMMONER`` times as
    common that the other words fit better; a word of four letters only as a word beside
    another of them (``RESPELL_SHORT_LIFT``). Each part of a hyphenated word is a word, and a
    possessive's "'s" is not part of it; a word read is context for a second look at those
    not read. Words too short, holding digits, typed as an acronym ("LIBOR" is not "liber",
    of liberation: dev, full UNGDC), past the first ``RESPELL_MAX_WORDS`` unknown ones, or
    with nothing so close stay.

    ``country``: the country the question is scoped to, whose name the other words are read
    beside too, the search text having lost it to the filter (dev, full UNGDC: "what has the
    philippines said about the battle for marrawi" read "marrawi" as nothing, Marawi's 4
    paragraphs, all the Philippines', holding no "battle"). A country names itself in 24% of
    its paragraphs on the full UNGDC (20,000 drawn); a speaker's surname is in 0.2% of their
    own, and beside others' names ("Manuilsky" read "peersons" as Pearson), so a speaker's
    name is not read beside."""
    pieces = _WORDS_AND_BREAKS.split(text)
    scope_terms = index.tokens_of(country) if country else []
    read: dict[int, Respelling] = {}
    looked: set[int] = set()
    # A word read is context for those not read yet: a second look reads "vius" beside zika
    # in "zica vius outbreak" (dev, full UNGDC, one typo a question), where "zica" was no
    # context, being held by no paragraph.
    for _ in range(2):
        terms = [*query_terms("".join(pieces)), *scope_terms]
        context = [term for term in dict.fromkeys(terms) if index.doc_freq(term) > 0]
        newly = False
        # The parts of a hyphenated word are looked at one by one ("five-ponit",
        # "atoms-for-pecae": dev, full UNGDC, one typo a question, such words were never read).
        for at, word in enumerate(pieces):
            if at in read or not word or _WORDS_AND_BREAKS.fullmatch(word):
                continue
            tokens = index.tokens_of(word)
            bare = _POSSESSIVE.sub("", word.strip(AROUND_WORD))
            held = index.doc_freq(tokens[0]) if len(tokens) == 1 else 0
            if (
                len(tokens) != 1
                or held > RESPELL_TYPO_HELD
                or len(bare) < RESPELL_SHORT
                or not bare.isalpha()
                or (at not in looked and len(looked) >= RESPELL_MAX_WORDS)
            ):
                continue
            looked.add(at)
            others = [t for t in context if t != tokens[0]]
            acronym = typed_as_acronym(bare, text)
            reading = _reading(index, bare, tokens[0], held, others, acronym=acronym)
            if reading is not None:
                read[at] = Respelling(bare, reading.written, reading.term, reading.swapped)
                pieces[at] = reading.written
                newly = True
        if not newly:
            break
    return "".join(pieces), [read[at] for at in sorted(read)]


def _reading(
    index: Index, bare: str, token: str, held: int, others: list[str], *, acronym: bool = False
) -> _Reading | None:
    """What the word ``bare`` (its term ``token``, held by ``held`` paragraphs) is read as
    beside the question's ``others`` terms, if anything (``respelled``). An ``acronym`` is
    meant as written ("LIBOR" is not liber), but for two of its letters swapped, every letter
    typed kept ("CVOID-19" is COVID-19): no other reading, nor the closest terms, which are
    never swaps (a scan of the vocabulary: "the ZQXWV plan" 4.9 → 0.4 ms, full UNGDC)."""
    # A spelling fewer than RESPELL_MIN_PARAGRAPHS hold is read only beside another of the
    # question's words (``_likeliest``), so with none it is not looked at: "Maritn" beside
    # Luther King is Martin, three paragraphs of the sample, not marin, of marine's 45 (dev,
    # one typo a question; they had been left out before the others were looked at).
    at_least = max(1 if others else RESPELL_MIN_PARAGRAPHS, held * RESPELL_COMMONER)
    unknown = held == 0
    short = len(bare) < RESPELL_MIN_LENGTH
    spellings = _spellings(index, fold(bare), at_least) if others or not short else []
    reading = _likeliest(index, spellings, others, None if unknown else token, short=short)
    if acronym:
        return reading if reading is not None and reading.swapped else None
    if reading is None and unknown:
        reading = _likeliest(index, _closest_terms(index, token, len(bare)), others, None)
    return reading


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORDS_AND_BREAKS = re.compile(r"(\s+|[-\u2010])")
# "Gaagarin's flight" is a typo of Gagarin's (dev, full UNGDC: left unread for its apostrophe).
_POSSESSIVE = re.compile(r"['’]s$")


def _left_out_or_changed(word: str) -> set[str]:
    """Every spelling of ``word`` with a letter left out or changed (a to z), its first kept:
    with ``_swapped`` and ``_letter_added``, every spelling one edit away."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word))]
    return {
        *(a + b[1:] for a, b in splits),
        *(a + c + b[1:] for a, b in splits for c in _LETTERS),
    }


def _letter_added(word: str) -> set[str]:
    """Every spelling of ``word`` with one more letter (the one a typist left out), its first
    kept."""
    return {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in _LETTERS}


def _swapped(word: str) -> set[str]:
    """Every spelling of ``word`` with two neighbouring letters swapped, its first kept."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}


def _swapped_apart(word: str) -> set[str]:
    """Every spelling of ``word`` with two letters one apart swapped, its first kept: "tsumani"
    is tsunami (dev, full UNGDC: read as Toumani, a name one letter away). Not preferred as a
    neighbours' swap is (``_likeliest``): the question's other words decide."""
    return {
        word[:i] + word[i + 2] + word[i + 1] + word[i] + word[i + 3 :]
        for i in range(1, len(word) - 2)
    }


class _Reading(NamedTuple):
    """A word a typo may be read as: as written, its index term, and whether it is the typo
    with two letters swapped, or with a letter it left out."""

    written: str
    term: str
    swapped: bool = False
    added: bool = False


def _spellings(index: Index, word: str, at_least: int) -> list[_Reading]:
    """The spellings one edit from the folded ``word`` whose stem at least ``at_least``
    paragraphs hold, one per stem, commonest first: the index holds stems, so a typo in a
    word's ending is found this way ("Securtiy" as "security", stem "secur", three edits from
    the typo's own stem "securtiy"); a stem few paragraphs hold is as likely another word's
    ("Motley" one edit from "motely", stem "mote", held by three paragraphs of the sample)."""
    if len(word) > _LONGEST_TYPED or not word.isalpha():
        return []
    swaps, added = _swapped(word), _letter_added(word)
    spellings = sorted(swaps | added | _left_out_or_changed(word) | _swapped_apart(word))
    held = sorted(
        (
            (paragraphs, spelling, stem)
            for spelling, stem in zip(spellings, stems(spellings), strict=True)
            if (paragraphs := index.doc_freq(stem)) >= at_least
            # Searched as written, a spelling must give its stem: not a stopword ("abovee" is
            # one edit from "above", whose stem "abov" is held by "aboves").
            and index.tokens_of(spelling) == [stem]
        ),
        reverse=True,
    )
    found: dict[str, _Reading] = {}
    for _, spelling, stem in held:
        found.setdefault(stem, _Reading(spelling, stem, spelling in swaps, spelling in added))
    return list(found.values())


def _likeliest(
    index: Index,
    readings: Sequence[_Reading],
    others: Sequence[str],
    own: str | None,
    *,
    short: bool = False,
) -> _Reading | None:
    """Which of ``readings`` (commonest first) the typo is read as: two letters swapped first,
    which keeps every letter typed ("seige" is siege, not the commoner seize; "ponit" point,
    not polit), when ``RESPELL_MIN_PARAGRAPHS`` hold it (fewer, it is often a scan's own typo:
    "Counil" was read as "counli", stem "coun" of four paragraphs of the sample, one beside
    "Security"); else the one the question's ``others`` terms fit best (``_fitness``), the
    commonest when there are none. A reading fewer than ``RESPELL_MIN_PARAGRAPHS`` hold is
    none unless one of the others is beside it ("Kiwis" beside "Rainbow Warrior" is not kiwa,
    of one paragraph); a ``short`` word is read only as a word beside its other half
    (``RESPELL_SHORT_LIFT``) or as itself with a letter added; a word some paragraphs hold
    (``own``, its term) stays unless a reading fits the others better than it does."""
    swapped = [
        reading
        for reading in readings
        if reading.swapped and index.doc_freq(reading.term) >= RESPELL_MIN_PARAGRAPHS
    ]
    if swapped:
        return swapped[0]
    if not others:
        return readings[0] if readings else None
    together = {reading.term: index.held_with(reading.term, others) for reading in readings}
    trusted = [
        reading
        for reading in readings
        if index.doc_freq(reading.term) >= RESPELL_MIN_PARAGRAPHS or any(together[reading.term])
    ]
    lifts = {r.term: _lifts(index, r.term, others, together[r.term]) for r in trusted}
    usable = [
        reading
        for reading in trusted
        if not short or reading.added or max(lifts[reading.term]) >= RESPELL_SHORT_LIFT
    ]
    if not usable:
        return None
    best = max(usable, key=lambda reading: _fitness(index, reading.term, lifts[reading.term]))
    if own is None:
        return best
    # Against the word as typed, only the other words count: a spelling a hundred times as
    # common always has the likelier prior.
    own_lifts = _lifts(index, own, others, index.held_with(own, others))
    fits_better = _fitness(index, best.term, lifts[best.term], prior=False) > _fitness(
        index, own, own_lifts, prior=False
    )
    return best if fits_better else None


def _fitness(index: Index, term: str, lifts: Sequence[float], *, prior: bool = True) -> float:
    """log P(term)^``RESPELL_PRIOR_POWER`` (with ``prior``) + Σ log of each other term's
    ``lifts`` beside ``term`` (``_lifts``) where above 1: an other term seldom beside a common
    word says little against it ("Brexit", in 8 paragraphs, in none saying "General")."""
    held = index.doc_freq(term)
    fitness = RESPELL_PRIOR_POWER * math.log(held / max(index.n_paragraphs, 1)) if prior else 0.0
    return fitness + sum(math.log(lift) for lift in lifts if lift > 1)


def _lifts(index: Index, term: str, others: Sequence[str], held_with: Sequence[int]) -> list[float]:
    """For each of ``others``, its share among the paragraphs holding ``term`` (``held_with``
    of them hold it), smoothed toward its share of all (``RESPELL_SMOOTHING`` paragraphs'
    worth), over its share of all: how many times likelier it is beside ``term``."""
    paragraphs = max(index.n_paragraphs, 1)
    held = index.doc_freq(term)
    lifts = []
    for other, together in zip(others, held_with, strict=True):
        share = index.doc_freq(other) / paragraphs
        lifts.append((together + RESPELL_SMOOTHING * share) / (held + RESPELL_SMOOTHING) / share)
    return lifts


def _closest_terms(index: Index, token: str, length: int) -> list[_Reading]:
    """The index terms closest to the stem ``token`` of a word of ``length`` letters (one
    edit, two from ``RESPELL_LONG`` letters, a letter of the same sound for a word of four;
    the same first letter), commonest first."""
    close = typos_of(token, index.terms(), 2 if length >= RESPELL_LONG else 1, limit=20)
    usable = [
        (term, distance)
        for term, distance in close
        if index.tokens_of(term) == [term]
        and (length >= RESPELL_MIN_LENGTH or _same_sound(token, term))
    ]
    if not usable:
        return []
    nearest = min(distance for _, distance in usable)
    closest = sorted((t for t, d in usable if d == nearest), key=index.doc_freq)
    return [_Reading(term, term) for term in reversed(closest)]
