"""The answering core shared by the CLI and the bot: a question in, quoted and cited hits out.

``ask`` understands a free question (speaker, dates, quoted phrases; see ``question``),
``search`` takes a ready ``Query``, ``quote`` fetches one paragraph by its citation id. None of
them raises on what a user types: empty, huge, emoji-only, mention-laden text, unknown speakers
and reversed or impossible dates all come back as an ``Answer`` that says what happened.

**Not found.** A weak match is worse than none: it puts a quote beside a question it does not
answer. The top hit must contain at least ``MIN_COVERAGE`` = 0.6 of the question's idf mass:
the summed idf of the distinct query terms it contains over the summed idf of all of them (a
term found in no paragraph counts with the corpus' highest idf; a hyphenated word's joined
form is not counted twice). Calibrated on the seeds + the UNGDC sample (9,138 paragraphs) with
34 questions that should be answered and 13 that should not (``tests/retrieval/
test_answer.py`` keeps a subset): short questions that should be answered ("korosi one-China",
"Qin Gang on the UN's role", "What did China say about carbon neutrality?") have a top-hit
coverage of 1.0, long ones ("reform of the Security Council to give Africa permanent seats",
"debt relief for developing countries and reform of international financial institutions")
0.71 or more; those that should fail ("bitcoin mining regulation", "recipe for chocolate cake",
"smartphone battery life", "iPhone release") stay at or below 0.54. 0.6 sits in that gap
(borderline and refused: "lithium batteries" 0.52, "space exploration and the moon" 0.42). A
one-term query always passes when any paragraph has the term; pure filter queries (a speaker
or a date with no words) list paragraphs newest first and are never "not found" while
something matches.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus.ids import find_citation_id
from corpus.models import Paragraph

from . import bm25
from .duplicates import group_duplicates
from .excerpt import LIST_BUDGET, escape_markdown, excerpt
from .index import Index
from .models import MAX_QUERY_CHARS, Answer, Citation, DateRange, Hit, Query
from .question import Understanding, clean, ordered, understand

log = logging.getLogger(__name__)

MIN_COVERAGE = 0.6
IDF_FLOOR = 0.05  # the least a query term weighs in coverage, however common
BEST_BUDGET = 900  # the first quote of an answer reads on; the next ones are list entries
# Candidates fetched beyond the page so near-duplicates folded away do not leave it short.
EXTRA_CANDIDATES = 10
# Paging stops here: deeper pages would fetch and compare ever more candidates per request.
MAX_DEPTH = 1000
EXAMPLE_QUESTION = "What did Wang Yi say about multilateralism?"


@dataclass(frozen=True)
class _Attempt:
    query: Query
    phrases: tuple[str, ...]
    understood: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _citation(index: Index, row: int, paragraph: Paragraph) -> Citation:
    doc = index.document_of_row(row)
    return Citation(
        id=paragraph.id,
        doc_id=paragraph.doc_id,
        position=paragraph.position,
        speakers=paragraph.speakers,
        collective=paragraph.collective,
        title=doc.title,
        source=doc.source,
        url=doc.url,
        date=doc.date,
        path=doc.path,
    )


def query_terms(index: Index, text: str) -> list[str]:
    """The distinct terms of ``text`` that carry its meaning for coverage: a hyphenated word's
    joined form ("onechina" beside "one", "china") is left out, so "One China Principle"
    covers the question "one-China principle" as fully as "one-China principle" does."""
    terms: list[str] = []
    for word in re.findall(r"\S+", text):
        tokens = index.tokens_of(word)
        parts = [t for t in tokens if len(tokens) < 3 or t != "".join(x for x in tokens if x != t)]
        terms += parts
    return list(dict.fromkeys(terms))


def idf_weights(index: Index, terms: Sequence[str]) -> dict[str, float]:
    """BM25's idf of each query term (never below ``IDF_FLOOR``, so even a common word counts
    a little); a term no paragraph contains gets the corpus' highest idf."""
    distinct = list(dict.fromkeys(terms))
    doc_freq = np.array([index.doc_freq(term) for term in distinct], dtype=np.int64)
    weights = bm25.idf_at_least(doc_freq, max(index.n_paragraphs, 1), IDF_FLOOR)
    return dict(zip(distinct, weights.tolist(), strict=True))


def coverage(index: Index, text: str, weights: dict[str, float]) -> float:
    """The share of the query's idf mass that ``text`` contains."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    present = set(index.tokens_of(text))
    return sum(w for t, w in weights.items() if t in present) / total


def _hits(
    index: Index, query: Query, phrases: Sequence[str], weights: dict[str, float]
) -> tuple[list[Hit], int, bool]:
    """The page of hits for ``query``, near-duplicates folded into ``also_in``; how many
    paragraphs match, and whether that count is exact or a lower bound."""
    wanted = query.offset + query.k
    # model_copy does not validate: deep pages may fetch past Query's k limit of 100.
    fetch = query.model_copy(update={"k": wanted + EXTRA_CANDIDATES, "offset": 0})
    ranking = index.search(fetch, required_phrases=phrases)
    paragraphs = [index.paragraph_at(row) for row in ranking.rows]
    groups = group_duplicates([p.text for p in paragraphs], [p.doc_id for p in paragraphs])
    page = groups[query.offset : wanted]
    tokens = set(weights)
    hits = []
    for rank, group in enumerate(page):
        row, paragraph = ranking.rows[group.first], paragraphs[group.first]
        budget = BEST_BUDGET if rank == 0 and query.offset == 0 else LIST_BUDGET
        hits.append(
            Hit(
                citation=_citation(index, row, paragraph),
                score=float(ranking.scores[group.first]),
                text=paragraph.text,
                excerpt=excerpt(
                    paragraph.text, tokens, budget, tokenize=index.tokens_of, weights=weights
                ),
                mentions=paragraph.mentions,
                also_in=tuple(
                    _citation(index, ranking.rows[o], paragraphs[o]) for o in group.others
                ),
            )
        )
    folded = sum(len(g.others) for g in groups)
    return hits, max(ranking.total - folded, len(hits)), ranking.exact


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


def _not_found(
    question: str,
    attempt: _Attempt,
    message: str,
    suggestions: Sequence[str],
) -> Answer:
    return Answer(
        question=question,
        query=attempt.query,
        understood=attempt.understood + attempt.notes,
        not_found=message,
        suggestions=tuple(dict.fromkeys(s for s in suggestions if s)),
    )


def _quoted(text: str, limit: int = 80) -> str:
    """User text inside a message: one line, at most ``limit`` characters (cut at a space when
    there is one), markdown shown as typed."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > 0 else limit] + " …"
    return "“" + escape_markdown(text) + "”"


def unknown_words(index: Index, text: str) -> list[str]:
    """The words of ``text`` that no paragraph contains (as the user typed them)."""
    unknown = []
    for word in re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", text):
        terms = index.tokens_of(word)
        if terms and all(index.doc_freq(t) == 0 for t in terms):
            unknown.append(word)
    return list(dict.fromkeys(unknown))


def _weak_suggestions(
    index: Index, attempt: _Attempt, weights: dict[str, float], understanding: Understanding | None
) -> list[str]:
    suggestions: list[str] = []
    if understanding is not None and understanding.unknown_name:
        names = index.speakers.suggest(understanding.unknown_name)
        if names:
            suggestions.append("a speaker the corpus knows: " + ", ".join(names))
    unknown = unknown_words(index, attempt.query.text)
    if unknown:
        listed = ", ".join(f"“{w}”" for w in unknown[:5])
        suggestions.append(f"other words or another spelling: no paragraph contains {listed}")
    else:
        if attempt.query.speaker:
            suggestions.append(f"without the speaker ({attempt.query.speaker})")
        if attempt.query.source:
            sources = ", ".join(list(index.stats().sources)[:5])
            suggestions.append(f"another source or none (the corpus has: {sources})")
        if attempt.query.dates:
            stats = index.stats()
            span = (
                f" (the corpus runs from {stats.date_from} to {stats.date_to})"
                if stats.date_from and stats.date_to
                else ""
            )
            suggestions.append(f"a broader date range, or no date at all{span}")
    if attempt.phrases:
        suggestions.append("without the double quotes, so the words need not appear together")
    if len(weights) > 3:
        known = sorted((t for t in weights if index.doc_freq(t) > 0), key=lambda t: -weights[t])
        words = [
            w
            for w in re.findall(r"\S+", attempt.query.text)
            if set(index.tokens_of(w)) & set(known[:2])
        ]
        suggestions.append("fewer words" + (f", e.g. “{' '.join(words[:3])}”" if words else ""))
    if not suggestions:
        # Every word is in the corpus, yet no paragraph holds enough of them: say what works.
        suggestions.append(f"other or more specific words, e.g. “{EXAMPLE_QUESTION}”")
    return suggestions


def _run(
    index: Index,
    question: str,
    attempt: _Attempt,
    understanding: Understanding | None,
    strict: bool = True,
) -> tuple[Answer, bool]:
    """One attempt; the bool says whether it found something good enough to quote (``strict``
    False skips the coverage threshold)."""
    query = attempt.query
    tokens = index.tokens_of(query.text)
    weights = idf_weights(index, query_terms(index, query.text))

    def fail(message: str, suggestions: Sequence[str]) -> tuple[Answer, bool]:
        return _not_found(question, attempt, message, suggestions), False

    has_filter = bool(
        query.speaker or query.dates or query.source or query.document or attempt.phrases
    )
    if not tokens and not has_filter:
        if question.strip():
            message = (
                f"{_quoted(question)} has no words to search for, only common ones or symbols."
            )
        else:
            message = "There was no question to answer."
        return fail(message, [f"a question with words that matter, e.g. “{EXAMPLE_QUESTION}”"])
    if query.offset + query.k > MAX_DEPTH:
        message = f"Pages stop at the best {MAX_DEPTH:,} paragraphs."
        return fail(message, ["more words, a speaker or a date, to narrow the question"])
    hits, total, total_exact = _hits(index, query, attempt.phrases, weights)
    what = f"{_quoted(query.text)}" if tokens else "anything"
    if not hits and query.offset > 0 and total > 0:
        message = f"No more quotes: {total:,} paragraphs match and this page starts after them."
        answer = _not_found(question, attempt, message, ["the first page"])
        return answer.model_copy(update={"total": total}), False
    if not hits:
        message = f"Nothing in the corpus matches {what}{_describe_filters(attempt)}."
        return fail(message, _weak_suggestions(index, attempt, weights, understanding))
    if strict and tokens and query.offset == 0:
        best = coverage(index, hits[0].text, weights)
        log.debug("top-hit coverage %.2f for %r", best, query.text)
        if best < MIN_COVERAGE:
            message = (
                f"No paragraph matches {what}{_describe_filters(attempt)} well enough to quote: "
                "the closest ones share only some of its words."
            )
            return fail(message, _weak_suggestions(index, attempt, weights, understanding))
    return _answer(question, attempt, hits, total, total_exact), True


def _describe_filters(attempt: _Attempt) -> str:
    parts = []
    if attempt.query.speaker:
        parts.append(f"by {attempt.query.speaker}")
    if attempt.query.dates:
        parts.append(f"dated {attempt.query.dates.label}")
    if attempt.query.source:
        parts.append(f"from {attempt.query.source}")
    if attempt.phrases:
        parts.append("containing " + ", ".join(_quoted(p) for p in attempt.phrases))
    return (" " + " ".join(parts)) if parts else ""


def _fix_dates(dates: DateRange | None) -> tuple[DateRange | None, tuple[str, ...]]:
    """Reversed ends are swapped, with a note."""
    if dates is None or dates.start is None or dates.end is None:
        return dates, ()
    first, last, swapped = ordered(dates.start, dates.end)
    if not swapped:
        return dates, ()
    fixed = DateRange(start=first, end=last)
    return fixed, (f"the dates were reversed, so {fixed.label} was searched",)


def _safe_query(**fields: object) -> Query:
    fields["text"] = str(fields.get("text") or "")[:MAX_QUERY_CHARS]
    return Query.model_validate(fields)


def ask(
    index: Index,
    question: str,
    *,
    speaker: str | None = None,
    dates: DateRange | None = None,
    source: str | None = None,
    k: int = 5,
    offset: int = 0,
) -> Answer:
    """Answer a free question; explicit ``speaker``/``dates``/``source`` override what the
    question says. Filters read from the question give way, saying so, when they leave
    nothing good enough: a strong boost rather than a wall."""
    understanding = understand(question, index.speakers)
    k, offset = min(max(k, 1), 100), max(offset, 0)
    notes = list(understanding.notes)

    speaker_filter = understanding.speaker
    if speaker is not None and speaker.strip():
        canonical = index.speakers.canonical(speaker.strip())
        if canonical is None:
            attempt = _Attempt(_safe_query(text=understanding.search_text, k=k), (), ())
            return _not_found(
                question,
                attempt,
                f"No speaker called {_quoted(speaker, 60)} in the corpus.",
                _speaker_suggestions(index, speaker),
            )
        speaker_filter = canonical
    fixed, date_notes = _fix_dates(dates)
    notes += date_notes
    date_filter = fixed if fixed is not None else understanding.dates
    wanted_source = source.strip() if source and source.strip() else None

    def attempt_with(with_speaker: bool, with_dates: bool, *extra: str) -> _Attempt:
        who = speaker_filter if with_speaker else None
        when = date_filter if with_dates else None
        understood = [f"showing {who}"] if who else []
        if when is not None:
            label = understanding.date_label if dates is None else None
            understood.append(label or when.label)
        understood += [f"containing “{p}”" for p in understanding.phrases]
        query = _safe_query(
            text=understanding.search_text,
            speaker=who,
            dates=when,
            source=wanted_source,
            k=k,
            offset=offset,
        )
        return _Attempt(query, understanding.phrases, tuple(understood), (*notes, *extra))

    answer, good = _run(index, question, attempt_with(True, True), understanding)
    if good or answer.total > 0:  # a page past the end is not a reason to drop filters
        return answer
    # Filters read from the question, not chosen explicitly, give way before "not found".
    relax_speaker = speaker_filter is not None and not (speaker and speaker.strip())
    relax_dates = date_filter is not None and dates is None
    retries: list[_Attempt] = []
    if relax_speaker:
        note = f"nothing by {speaker_filter} matches, so all speakers are shown"
        retries.append(attempt_with(False, True, note))
    if relax_dates and date_filter is not None:
        note = f"nothing dated {date_filter.label} matches, so all dates are shown"
        retries.append(attempt_with(True, False, note))
    if relax_speaker and relax_dates:
        note = "nothing matches that speaker and date, so neither is applied"
        retries.append(attempt_with(False, False, note))
    for retry in retries:
        relaxed, relaxed_good = _run(index, question, retry, understanding)
        if relaxed_good:
            return relaxed
    return answer


def _speaker_suggestions(index: Index, name: str) -> list[str]:
    names = index.speakers.suggest(name)
    if names:
        return ["one of these speakers: " + ", ".join(names)]
    return ["the speaker's name as the corpus spells it (see `/corpus` or `verbatim corpus stats`)"]


def search(index: Index, query: Query, *, strict: bool = True) -> Answer:
    """Hits for a ready ``Query`` (no question understanding); never raises on its content.

    ``strict=False`` returns whatever ranks, however weak (autocomplete, scripts that rank
    on their own); by default a weak best match is "not found", as for ``ask``."""
    text, notes = clean(query.text)
    fixed, date_notes = _fix_dates(query.dates)
    query = query.model_copy(update={"text": text, "dates": fixed})
    attempt = _Attempt(query, (), (), notes + date_notes)
    if query.speaker and index.speakers.canonical(query.speaker) is None:
        return _not_found(
            query.text,
            attempt,
            f"No speaker called {_quoted(query.speaker, 60)} in the corpus.",
            _speaker_suggestions(index, query.speaker),
        )
    answer, _ = _run(index, query.text, attempt, None, strict)
    return answer


def quote(index: Index, citation_id: str, highlight: str = "") -> Hit | None:
    """One paragraph, whole, by its citation id (``043514e2-3``; backticks and spaces are
    forgiven); ``highlight`` words are bolded. None when no paragraph has that id."""
    found = find_citation_id(citation_id)
    if found is None:
        return None
    paragraph = index.paragraph(found)
    row = index.row_of(found)
    if paragraph is None or row is None:
        return None
    tokens = set(index.tokens_of(highlight[:2000])) if highlight else set()
    return Hit(
        citation=_citation(index, row, paragraph),
        score=0.0,
        text=paragraph.text,
        excerpt=excerpt(paragraph.text, tokens, None, tokenize=index.tokens_of),
        mentions=paragraph.mentions,
    )


__all__ = ["MIN_COVERAGE", "ask", "coverage", "quote", "search"]
