"""The answering core shared by the CLI and the bot: a question in, quoted and cited hits out.

``ask`` understands a free question (speaker, dates, quoted phrases; see ``question``),
``search`` takes a ready ``Query``, ``quote`` fetches one paragraph by its citation id. None of
them raises on what a user types: empty, huge, emoji-only, mention-laden text, unknown speakers
and reversed or impossible dates all come back as an ``Answer`` that says what happened.

This module orchestrates: whether the best hit is good enough to quote is ``gate``'s rule, and
what a reader is told when it is not is ``wording``'s.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corpus.ids import find_citation_id

from . import lists, wording
from .duplicates import Group, SketchTable, group_duplicates, shingles, sketch
from .excerpt import AROUND_WORD, LIST_BUDGET, excerpt
from .gate import (
    Respelling,
    answers,
    features,
    idf_weights,
    names_the_topic,
    query_terms,
    rare_terms,
    respelled,
)
from .index import Index
from .models import Answer, Citation, DateRange, Hit, Query
from .question import Understanding, clean, ordered, understand
from .wording import Failure

log = logging.getLogger(__name__)

BEST_BUDGET = 900  # the first quote of an answer reads on; the next ones are list entries
# Candidates fetched beyond the page so near-duplicates folded away do not leave it short.
EXTRA_CANDIDATES = 10
# Paging stops here: deeper pages would fetch and compare ever more candidates per request.
MAX_DEPTH = 1000
# The closest passages shown when the best is not an answer: enough to judge, one bot page.
CLOSEST = 3
# A word held by more than one paragraph in this many is common: a typo read as it need not
# be in the answer.
COMMON_WORD_SHARE = 100
_WORDS = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
# The failure of an attempt that is not explained (``_run``'s ``explain``).
_UNSAID = Failure("", [])


@dataclass(frozen=True)
class _Attempt:
    query: Query
    phrases: tuple[str, ...]
    understood: tuple[str, ...]
    notes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # index terms every hit holds


@dataclass(frozen=True)
class _Candidate:
    """What one hit quotes: a paragraph, or a list's lead and its points (``lists``)."""

    rank: int  # in the ranking, of the best-ranked of its rows
    rows: range
    document: int  # its document's number: what near-duplicates are told apart by

    def quoted(self, index: Index) -> tuple[Citation, tuple[str, ...]]:
        """Its citation and the names its paragraphs mention; made only for the candidates
        shown (a page's), not for every one ranked."""
        return index.citation_at(self.rows), index.mentions_in(self.rows)

    def text(self, index: Index) -> tuple[str, int | None]:
        """Its text, and for a list where its lead ends in it; read only for the candidates
        shown or compared as near-duplicates: a page fetches ``EXTRA_CANDIDATES`` more than it
        shows: candidates and their texts took 68 µs a page, now 44 (full UNGDC)."""
        if len(self.rows) == 1:
            return index.text_at(self.rows.start), None
        texts = [index.text_at(r) for r in self.rows]
        return lists.joined(texts), len(texts[0].rstrip())

    def shingles(self, index: Index) -> frozenset[int]:
        return shingles(index.tokens_of(self.text(index)[0]))


def _sketches(index: Index, candidates: Sequence[_Candidate]) -> SketchTable:
    """Each candidate's near-duplicate sketch: a paragraph's, made when it was indexed; a
    list's, now."""
    table = index.sketches_at([c.rows.start for c in candidates])
    for i, candidate in enumerate(candidates):
        if len(candidate.rows) > 1:
            table.put(i, sketch(candidate.shingles(index)))
    return table


def _candidates(index: Index, ranked_rows: list[int]) -> list[_Candidate]:
    """The ranked rows as what their hits quote, best first; a list ranked through several
    of its rows is one candidate, at its best rank."""
    found: list[_Candidate] = []
    firsts: set[int] = set()
    quoted, documents = index.quoted_rows(ranked_rows), index.documents_holding(ranked_rows)
    for rank, (rows, document) in enumerate(zip(quoted, documents, strict=True)):
        if rows.start not in firsts:
            firsts.add(rows.start)
            found.append(_Candidate(rank, rows, document))
    return found


@dataclass(frozen=True)
class _Page:
    """A page of ranked candidates, near-duplicates folded, not yet quoted: the gate reads its
    best text and scores, and hits (excerpts, citations) are made only for what is shown. A
    page the gate refuses shows its first ``CLOSEST``: quoting all of it first made a refused
    ten-hit page's excerpts 10 (bench_retrieval's questions, full UNGDC)."""

    candidates: list[_Candidate]
    groups: list[Group]  # the page's, best first
    scores: list[float]  # each group's
    total: int  # paragraphs that match, near-duplicates and list points counted once
    exact: bool  # whether ``total`` is exact or a lower bound
    first_on_page: bool  # the page is a ranking's first: its best hit reads on

    def best_text(self, index: Index) -> str:
        return self.candidates[self.groups[0].first].text(index)[0]

    def hits(self, index: Index, weights: dict[str, float], count: int | None = None) -> list[Hit]:
        """The first ``count`` groups (all without) quoted: cited, excerpted, ``also_in``."""
        tokens = set(weights)
        hits = []
        for rank, group in enumerate(self.groups[:count]):
            candidate = self.candidates[group.first]
            citation, mentions = candidate.quoted(index)
            text, lead_end = candidate.text(index)
            budget = BEST_BUDGET if rank == 0 and self.first_on_page else LIST_BUDGET
            hits.append(
                Hit(
                    citation=citation,
                    score=self.scores[rank],
                    text=text,
                    excerpt=excerpt(
                        text,
                        tokens,
                        budget,
                        tokenize=index.tokens_of,
                        weights=weights,
                        lead_end=lead_end,
                    ),
                    mentions=mentions,
                    also_in=tuple(self.candidates[o].quoted(index)[0] for o in group.others),
                )
            )
        return hits


def _page(index: Index, attempt: _Attempt) -> _Page:
    """The page for ``attempt``'s query (its phrases and terms required), a list's lead and
    points as one candidate, near-duplicates folded into ``also_in``."""
    query = attempt.query
    wanted = query.offset + query.k
    # model_copy does not validate: deep pages may fetch past Query's k limit of 100.
    fetch = query.model_copy(update={"k": wanted + EXTRA_CANDIDATES, "offset": 0})
    ranking = index.search(fetch, required_phrases=attempt.phrases, required_terms=attempt.terms)
    first_on_page = query.offset == 0
    if not ranking.rows:
        # Nothing to quote or fold (a quotation looked for first and not found, most often):
        # candidates, sketches and groups of none took ~120 µs.
        return _Page([], [], [], ranking.total, ranking.exact, first_on_page)
    candidates = _candidates(index, ranking.rows)
    groups = group_duplicates(
        _sketches(index, candidates),
        [c.document for c in candidates],
        lambda i: candidates[i].shingles(index),
    )
    page = groups[query.offset : wanted]
    scores = [float(ranking.scores[candidates[g.first].rank]) for g in page]
    # A row quoted in another's list, like a near-duplicate, is not counted twice.
    folded = len(ranking.rows) - len(candidates) + sum(len(g.others) for g in groups)
    total = max(ranking.total - folded, len(page))
    return _Page(candidates, page, scores, total, ranking.exact, first_on_page)


def _answer(
    question: str, attempt: _Attempt, hits: list[Hit], total: int, total_exact: bool
) -> Answer:
    return Answer(
        question=question,
        query=attempt.query,
        understood=attempt.understood + attempt.notes,
        hits=tuple(hits),
        total=total,
        total_exact=total_exact,
    )


def _not_found(question: str, attempt: _Attempt, failure: Failure) -> Answer:
    return Answer(
        question=question,
        query=attempt.query,
        understood=attempt.understood + attempt.notes,
        not_found=failure.message,
        suggestions=tuple(dict.fromkeys(s for s in failure.suggestions if s)),
    )


def _closest(question: str, attempt: _Attempt, failure: Failure, hits: list[Hit]) -> Answer:
    """Not an answer, but the closest passages there are: ``not_found`` says so and ``hits``
    holds the first ``CLOSEST`` (one page, never paged further: they are not a ranking of
    answers)."""
    closest = tuple(hits[:CLOSEST])
    answer = _not_found(question, attempt, failure)
    return answer.model_copy(update={"hits": closest, "total": len(closest)})


def _run(
    index: Index,
    question: str,
    attempt: _Attempt,
    understanding: Understanding | None,
    *,
    strict: bool = True,
    explain: bool = True,
) -> tuple[Answer, bool]:
    """One attempt; the bool says whether it found something good enough to quote (``strict``
    False skips the coverage threshold). ``explain`` False: what found nothing good enough is
    not worded (``_UNSAID``), for an attempt whose failure is never shown (a quotation looked
    for first, a retry): its suggestions were looked for in vain, 0.22 ms of the 1.75 ms of a
    quotation not found (the bench's twelve-word questions, full UNGDC)."""
    query = attempt.query
    tokens = index.tokens_of(query.text)
    weights = idf_weights(index, query_terms(query.text))
    unknown_name = understanding.unknown_name if understanding is not None else None

    def fail(failure: Failure) -> tuple[Answer, bool]:
        return _not_found(question, attempt, failure), False

    def worded(why: Callable[..., Failure]) -> Failure:
        return why(index, query, attempt.phrases, weights, unknown_name) if explain else _UNSAID

    has_filter = bool(
        query.speaker or query.dates or query.source or query.document or attempt.phrases
    ) or bool(query.country)
    if not tokens and not has_filter:
        return fail(wording.no_words(question))
    if query.offset + query.k > MAX_DEPTH:
        return fail(wording.too_deep(MAX_DEPTH))
    page = _page(index, attempt)
    if not page.groups and query.offset > 0 and page.total > 0:
        answer = _not_found(question, attempt, wording.past_the_end(page.total))
        return answer.model_copy(update={"total": page.total}), False
    if not page.groups:
        return fail(worded(wording.nothing_matches))
    if strict and tokens and query.offset == 0:
        best = page.best_text(index)
        found = features(index, best, weights, page.scores, query.text)
        log.debug("gate features %s", found)
        if not answers(found) and not names_the_topic(index, best, weights):
            closest = page.hits(index, weights, CLOSEST)
            return _closest(question, attempt, worded(wording.not_close_enough), closest), False
    hits = page.hits(index, weights)
    return _answer(question, attempt, hits, page.total, page.exact), True


def _explicit_filters(
    index: Index, speaker: str | None, country: str | None
) -> tuple[str | None, str | None, Failure | None]:
    """The canonical speaker and the country label that filters given explicitly name (None
    where none is given), or the failure saying which names nobody, with the close names."""
    canonical: str | None = None
    if speaker:
        canonical, names = index.speakers.resolve(speaker)
        if canonical is None:
            return None, None, wording.unknown_speaker(speaker, names)
    label: str | None = None
    if country:
        found, close = index.countries.resolve(country)
        if found is None:
            return canonical, None, wording.unknown_country(country, close)
        label = found.label
    return canonical, label, None


def _fix_dates(dates: DateRange | None) -> tuple[DateRange | None, tuple[str, ...]]:
    """Reversed ends are swapped, with a note."""
    if dates is None or dates.start is None or dates.end is None:
        return dates, ()
    first, last, swapped = ordered(dates.start, dates.end)
    if not swapped:
        return dates, ()
    fixed = DateRange(start=first, end=last)
    return fixed, (f"the dates were reversed, so {fixed.label} was searched",)


def ask(
    index: Index,
    question: str,
    *,
    speaker: str | None = None,
    dates: DateRange | None = None,
    source: str | None = None,
    country: str | None = None,
    k: int = 5,
    offset: int = 0,
) -> Answer:
    """Answer a free question; explicit ``speaker``/``dates``/``source``/``country`` override
    what the question says. A speaker read from the question gives way, saying so, when nothing
    by them is an answer; a date or a country never: a date's closest passages (or, when nothing
    dated so matches, those of other dates, saying so) are shown, labelled as not an answer."""
    # An explicit country replaces the question's reading of one: its words are then searched.
    understanding = understand(question, index, countries=country is None)
    notes = list(understanding.notes)

    if speaker is not None and not speaker.strip():
        speaker = None
    if country is not None and not country.strip():
        country = None
    named_speaker, named_country, unknown = _explicit_filters(index, speaker, country)
    if unknown is not None:
        attempt = _Attempt(Query.lenient(understanding.search_text, k=k), (), ())
        return _not_found(question, attempt, unknown)
    speaker_filter = named_speaker or understanding.speaker
    country_filter = named_country or understanding.country
    fixed, date_notes = _fix_dates(dates)
    notes += date_notes
    date_filter = fixed if fixed is not None else understanding.dates
    wanted_source = source.strip() if source and source.strip() else None

    def attempt_with(
        with_speaker: bool,
        with_dates: bool,
        *extra: str,
        text: str | None = None,
        phrases: tuple[str, ...] = understanding.phrases,
        speaker_as: str | None = None,
    ) -> _Attempt:
        who = (speaker_as or speaker_filter) if with_speaker else None
        when = date_filter if with_dates else None
        understood = [f"showing {index.speakers.describe(who)}"] if who else []
        understood += understanding.scope
        if when is not None:
            understood.append(when.label)
        if country_filter:
            understood.append(f"country: {country_filter}")
        understood += [f"containing “{p}”" for p in phrases]
        query = Query.lenient(
            understanding.search_text if text is None else text,
            speaker=who,
            dates=when,
            source=wanted_source,
            involving=understanding.involving,
            country=country_filter,
            k=k,
            offset=offset,
        )
        return _Attempt(query, phrases, tuple(understood), (*notes, *extra))

    # Words that may be a quotation ("Who said the world is bigger than five?") are first
    # looked for as written: a paragraph holding them in that order answers, whatever their
    # idf (dev: "I have a dream", "ask not what your country can do for you" ranked no
    # judged paragraph in the top 3 on their words alone).
    quotation = understanding.quotation
    if quotation and not understanding.phrases:
        # A typo in it is read first (``gate.respelled``): "the world is bigoer than five".
        quotation, read = respelled(index, quotation)
        verbatim = attempt_with(True, True, text=quotation, phrases=(quotation,))
        answer, good = _run(index, question, verbatim, understanding, explain=False)
        if good or (offset > 0 and answer.total > 0):
            return _saying_how_read(index, answer, read)

    answer, good = _run(index, question, attempt_with(True, True), understanding)
    if good or (offset > 0 and answer.total > 0):  # a page past the end keeps the filters
        return answer
    # Words no paragraph holds, read as the closest words the corpus has (``gate.respelled``),
    # saying so: a typo otherwise counts as a distinctive word missing from every hit. Only an
    # answer holding every distinctive word so read counts (dev, full UNGDC: "Grenfell" read
    # as Grenoble and "Hubble" as humble were answered by passages holding neither, 2 of 8
    # unanswerable); a common one need not be there, as it need not be when typed right
    # ("the Genneral Assembly": the answer about Brexit does not say "General").
    text, replaced = respelled(index, understanding.search_text, country_filter)
    if replaced:
        typo = attempt_with(True, True, text=text)
        answer_typo, good_typo = _run(index, question, typo, understanding)
        if good_typo and _holds_reading(index, replaced, answer_typo, typo):
            return _saying_how_read(index, answer_typo, replaced)
        closest_read = not good_typo and bool(answer_typo.hits)
        if closest_read and (not answer.hits or _holds_reading(index, replaced, answer_typo, typo)):
            # Neither is an answer, but passages hold the words as read: those are the closest
            # there are, saying how they were read, rather than passages that cannot hold a
            # word as typed. "What did Gromyko say about disarmamnet and the seige of Berlni in
            # 1961?" said nothing matched, while typed right it showed Gromyko's 1961 passages
            # on disarmament as the closest; "what did norway want done about steve bikko dying
            # in police detention in 1977?" (dev, full UNGDC) showed Norway's 1977 paragraphs
            # on the Secretary-General and a white paper, not the one on Steven Biko. When the
            # typed words match something, the passages as read must hold what was read
            # (``_holds_reading``): else they are no closer.
            answer = _saying_how_read(index, answer_typo, replaced)
    # A person named in full, read from the question, with nothing of theirs dated as asked:
    # the corpus may file that speech by their surname alone (dev, full UNGDC: "What did Indira
    # Gandhi say about nuclear war in 1983?", her 1983 speech filed as "Mrs. GANDHI").
    if speaker is None and speaker_filter and date_filter is not None and not answer.hits:
        surname = index.speakers.filed_by_surname_too(speaker_filter)
        if surname is not None:
            said = wording.widened_to_surname(speaker_filter, date_filter.label, surname)
            wider = attempt_with(True, True, said, speaker_as=surname)
            answer_wider, good_wider = _run(index, question, wider, understanding)
            if good_wider:
                return answer_wider
            if answer_wider.hits:
                answer = answer_wider
    # Filters read from the question, not chosen explicitly, may give way, always saying so in
    # ``understood``. A speaker found elsewhere in the question, when nothing by them is an
    # answer: such a name is sometimes the wrong person ("Lake Chad", "the Arab Spring"). A
    # person named as the one speaking ("What did X say", "X said", "X on …") is what was
    # asked: when nothing by them answers, their own passages that match are the closest, and
    # only when none matches, others' (never as an answer: dev, "What did Xi Jinping say about
    # Taiwan?" and "What did Biden say about Iraq in 2003?" were answered by others; the cost,
    # one answerable question whose speaker is filed under two names, "Chiao Kuan-hua" and
    # "Kuan-hua Chiao"). Others' closest had replaced the speaker's own: on dev, 3 answerable
    # questions so refused (5 forms: as typed, in lower case, with a typo) have a judged
    # paragraph first among the speaker's own, 8th or lower or none among others' ("What did
    # Fumio Kishida say about Russia's nuclear threats … in 2022?": his ¶14). A date never gives
    # way: when nothing dated so answers, that date's closest passages are shown, and when
    # nothing dated so matches at all, the closest passages of other dates, each labelled as
    # not an answer (dev: dropping the year found no answerable question and answered one
    # unanswerable). But a year read without a preposition ("Skopje earthquake 1963") may be
    # the event's, recalled in a later speech: it gives way to an answer of any date.
    # Each retry searches the words as read first, then as typed: a typo still counts against
    # every passage once a filter gives way (dev, full UNGDC, one typo a question: "Skoopje
    # earthquake 1963", read as Skopje, was answered only by a speech of another year).
    relax_speaker = (
        speaker_filter is not None
        and speaker is None
        and not (understanding.speaker_said and answer.hits)
    )
    loose_dates = understanding.dates_loose and date_filter is not None and dates is None
    relax_dates = date_filter is not None and dates is None and (loose_dates or not answer.hits)
    retries: list[tuple[bool, bool, str, bool]] = []  # filters kept, why, only the closest
    if relax_speaker and speaker_filter is not None:
        firm = understanding.speaker_said
        say = wording.others_closest if firm else wording.relaxed_speaker
        retries.append((False, True, say(speaker_filter), firm))
    if relax_dates and date_filter is not None:
        say_dates = wording.relaxed_loose_dates if loose_dates else wording.relaxed_dates
        retries.append((True, False, say_dates(date_filter.label), not loose_dates))
    if relax_speaker and relax_dates:
        retries.append((False, False, wording.relaxed_both(), True))
    for with_speaker, with_dates, why, only_closest in retries:
        for read in (replaced, []) if replaced else ([],):
            retry = attempt_with(with_speaker, with_dates, why, text=text if read else None)
            relaxed, relaxed_good = _run(index, question, retry, understanding, explain=False)
            if not relaxed_good or not _holds_reading(index, read, relaxed, retry):
                continue
            if only_closest:
                closest = list(relaxed.hits)
                failure = Failure(answer.not_found or "", list(answer.suggestions))
                return _closest(question, retry, failure, closest)
            return _saying_how_read(index, relaxed, read)
    return _rare_words_closest(index, question, answer, attempt_with(True, True), understanding)


def _rare_words_closest(
    index: Index,
    question: str,
    answer: Answer,
    attempt: _Attempt,
    understanding: Understanding,
) -> Answer:
    """``answer``, not an answer, with the best passage holding the question's rare words
    (``gate.rare_terms``) first among its closest passages, when its best lacks one. Dev, full
    UNGDC: "Was the thalidomide birth defects scandal ever raised in the general debate?"
    showed two passages on birth and scandal before the one paragraph saying "thalidomide",
    and "Did anyone bring up the Bhopal gas leak …?" none saying "Bhopal". First, not instead:
    "Who talked about the Tsar Bomba …?" was ranked its judged paragraph first, which says
    "hydrogen bomb" and no "Tsar". Never an answer: answering with such passages answered 5
    more of the 51 unanswerable dev questions ("Rana Plaza garment factory collapse" with a
    speaker called Rana) and 4 answerable ones with no judged paragraph, beside 3 right. Every
    rare word is required: "Sergei Skripal", two words one paragraph each, would put a Sergei
    who is not Skripal first."""
    words = attempt.query.text
    rare = rare_terms(index, idf_weights(index, query_terms(words)))
    best = answer.hits[0].text if answer.hits else ""
    if not rare or set(rare) <= set(index.tokens_of(best)):
        return answer
    holding = dataclasses.replace(attempt, terms=tuple(rare))
    found, _ = _run(index, question, holding, understanding, strict=False, explain=False)
    if not found.hits:
        return answer
    first = found.hits[0]
    closest = (first, *(h for h in answer.hits if h.citation.id != first.citation.id))
    # As typed, numbers too ("1,000,000": _WORDS holds letters only), so the note names them.
    typed = dict.fromkeys(word.strip(AROUND_WORD) for word in words.split())
    said = [word for word in typed if set(index.tokens_of(word)) & set(rare)]
    understood = (*answer.understood, wording.rare_words_first(said))
    shown = closest[:CLOSEST]
    return answer.model_copy(update={"hits": shown, "total": len(shown), "understood": understood})


def _saying_how_read(index: Index, answer: Answer, read: Sequence[Respelling]) -> Answer:
    """``answer`` saying how each typo was read, as its best hit writes the word read
    ("anniversery" as "anniversary", where the index searched the stem "anniversari")."""
    if not read:
        return answer
    written: dict[str, str] = {}
    wanted = {r.term for r in read}
    for word in _WORDS.findall(answer.hits[0].text if answer.hits else ""):
        tokens = index.tokens_of(word)
        if len(tokens) == 1 and tokens[0] in wanted:
            written.setdefault(tokens[0], word)
    said = [(r.typed, _in_case_of(r.typed, written.get(r.term, r.written))) for r in read]
    note = wording.respelled(said)
    return answer.model_copy(update={"understood": (*answer.understood, note)})


def _in_case_of(typed: str, word: str) -> str:
    """``word`` in the case ``typed`` was written in: "PERMANENT" for "permenant" is
    "permanent", "france" for "Frnace" is "France"."""
    if typed.isupper():
        return word.upper()
    if typed.islower():
        return word.lower()
    return word.capitalize() if typed[:1].isupper() else word


def _holds_reading(
    index: Index, read: Sequence[Respelling], found: Answer, attempt: _Attempt
) -> bool:
    """Whether ``found``, the answer of ``attempt`` searching words as ``read``, is about what
    was asked (``holds_what_was_read``). A quoted phrase is a filter every hit holds, and
    anchors the answer whatever was read (dev, full UNGDC: "Who recaleld the 'war to end all
    wars'?" was refused, its answers saying "the war to end all wars", not "recalled")."""
    best = found.hits[0].text if found.hits else ""
    return bool(attempt.phrases) or holds_what_was_read(index, read, best, attempt.query.text)


def holds_what_was_read(
    index: Index, replaced: Sequence[Respelling], text: str, query_text: str = ""
) -> bool:
    """Whether ``text`` holds every distinctive term a typo was read as (``replaced``, from
    ``gate.respelled``). A common term (``COMMON_WORD_SHARE``) need not be there, nor one
    commoner than a term of ``query_text`` that ``text`` holds: that word anchors the answer
    to what was asked (dev, full UNGDC, one typo a question: "the French dfeeat at Dien Bien
    Phu" was refused, its answers naming Dien Bien Phu without "defeat"; "Grenfell" read as
    Grenoble is still needed, "tower" and "fire" being commoner), whether typed right or read
    ("chernobil aftemrath": Belarus's answer says Chernobyl, not "aftermath"), unless typed
    capitalised."""
    held = set(index.tokens_of(text))
    anchors = [index.doc_freq(t) for t in query_terms(query_text) if t in held]
    rarest_anchor = min((df for df in anchors if df > 0), default=None)

    def needed(reading: Respelling) -> bool:
        if index.doc_freq(reading.term) * COMMON_WORD_SHARE > index.n_paragraphs:
            return False
        # A capitalised word read as another is a name misread ("Hubble" as humble): no
        # other word stands in for it. Unless read with two letters swapped, every letter
        # typed kept: that is the name meant (dev, full UNGDC, one typo a question:
        # "chikungunya outbreak Carbibean" was refused, its answer saying no "Caribbean").
        if reading.typed[:1].isupper() and not reading.swapped:
            return True
        return rarest_anchor is None or rarest_anchor >= index.doc_freq(reading.term)

    return all(reading.term in held for reading in replaced if needed(reading))


def search(index: Index, query: Query, *, strict: bool = True) -> Answer:
    """Hits for a ready ``Query`` (no question understanding); never raises on its content.

    ``strict=False`` returns whatever ranks, however weak (autocomplete, scripts that rank
    on their own); by default a weak best match is "not found", as for ``ask``."""
    text, notes = clean(query.text)
    fixed, date_notes = _fix_dates(query.dates)
    speaker, country, unknown = _explicit_filters(index, query.speaker, query.country)
    update = {"text": text, "dates": fixed, "speaker": speaker, "country": country}
    query = query.model_copy(update=update)
    # A name standing for several people (a surname) says whom it shows.
    several = speaker is not None and len(index.speakers.people(speaker)) > 1
    said = (f"showing {index.speakers.describe(speaker)}",) if speaker and several else ()
    attempt = _Attempt(query, (), said, notes + date_notes)
    if unknown is not None:
        return _not_found(query.text, attempt, unknown)
    answer, _ = _run(index, query.text, attempt, None, strict=strict)
    return answer


def quote(index: Index, citation_id: str) -> Hit | None:
    """One paragraph, whole, by its citation id (``043514e2-3``; backticks and spaces are
    forgiven). None when no paragraph has that id."""
    found = find_citation_id(citation_id)
    if found is None:
        return None
    row = index.row_of(found)
    if row is None:
        return None
    rows = range(row, row + 1)
    text = index.text_at(row)
    return Hit(
        citation=index.citation_at(rows),
        score=0.0,
        text=text,
        excerpt=excerpt(text, set(), None, tokenize=index.tokens_of),
        mentions=index.mentions_in(rows),
    )


__all__ = ["ask", "holds_what_was_read", "quote", "search"]
