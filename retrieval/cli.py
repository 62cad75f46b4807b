"""``verbatim ask``, ``search``, ``quote``, ``speaker``, ``date``, ``document``, ``index`` and
``eval``: the answering core on a terminal.

Each command calls one function of the core (``answer`` or ``lookups``) and renders what it
returns, nothing more. Text is plain by default (ANSI bold only when ``main()`` says the
terminal takes it), ``--format md`` gives the markdown the bot sends, ``--json`` one JSON object
(``hit_json``, ``answer_json``, ``card_json``, ``document_json``, ``dated_json``). ``search``
and ``ask`` with ``-`` read one query or question per stdin line and write one JSON line each.

Every command returns its exit status; :func:`exit_status` decides it from what a lookup found.
``verbatim``'s ``main()`` puts the configured corpus folders and cache folder on the namespace.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from corpus.cli import (
    EXIT_STATUS_HELP,
    ExitStatus,
    add_corpus_argument,
    corpus_folders,
    export_record,
)
from corpus.errors import VerbatimError
from corpus.models import Document

from . import lookups
from .answer import ask, search
from .cache import default_cache_dir
from .evaluate import evaluate_beir
from .index import Index, open_index
from .models import MAX_K, MAX_QUERY_CHARS, Answer, DatedDocuments, DateRange, Hit, Query
from .render import (
    MARKDOWN,
    Style,
    plain,
    printable,
    render_answer,
    render_dated,
    render_document,
    render_hit,
    render_not_found_line,
)

# One character more than a query keeps, so a longer line is said to be shortened.
STDIN_LINE_CHARS = MAX_QUERY_CHARS + 1


def _index(
    args: argparse.Namespace, progress: bool | None = None, rebuild: bool = False
) -> Index:
    cache_dir = default_cache_dir(args.cache_dir)
    folders = corpus_folders(args)
    return open_index(folders, cache_dir=cache_dir, progress=progress, rebuild=rebuild)


def exit_status(result: object) -> ExitStatus:
    """grep's convention for every lookup: 0 when something was found, 1 when nothing was.

    ``result`` is an :class:`Answer` (found when it has hits that answer: only the closest
    passages, ``not_found`` set, are not found), :class:`DatedDocuments` (found
    when some document is dated in the range), or what a lookup by id or name returned (found
    unless ``None``)."""
    if isinstance(result, Answer):
        found = bool(result.hits) and result.not_found is None
    elif isinstance(result, DatedDocuments):
        found = bool(result.documents)
    else:
        found = result is not None
    return ExitStatus.OK if found else ExitStatus.NOT_FOUND


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _style(args: argparse.Namespace) -> Style:
    """``--format``'s style; plain text is bold only when ``main()`` set ``bold``."""
    if args.format == "md":
        return MARKDOWN
    return plain(bold=getattr(args, "bold", False))


def _show(args: argparse.Namespace, text: str) -> None:
    """Rendered text to the terminal. Markdown holds corpus text as the bot sends it, so its
    control characters are stripped here (the plain style strips them piece by piece, around
    its own ANSI bold)."""
    _write(printable(text) if args.format == "md" else text)


def _echo(typed: str) -> str:
    """What the user typed, inside a one-line message: one line, printable, at most 60
    characters."""
    return "“" + printable(" ".join(typed.split()))[:60] + "”"


def _json(value: object) -> None:
    _write(json.dumps(value, ensure_ascii=False, indent=2))


def _ask(args: argparse.Namespace) -> ExitStatus:
    if args.question == ["-"]:
        index = _index(args)
        for question in _stdin_lines():
            answer = ask(index, question, country=args.country, k=args.k)
            _write(json.dumps(answer_json(answer), ensure_ascii=False))
            sys.stdout.flush()
        # Each line's JSON says what it found; the status only says the input was usable.
        return ExitStatus.OK
    question = " ".join(args.question)
    answer = ask(_index(args), question, country=args.country, k=args.k)
    if args.json:
        _json(answer_json(answer))
    else:
        _show(args, render_answer(answer, _style(args)))
    return exit_status(answer)


def _dates(args: argparse.Namespace) -> DateRange | None:
    return DateRange.between(args.date_from, args.date_to, ("--from", "--to"))


def hit_json(hit: Hit) -> dict[str, Any]:
    """The JSON a script gets for one hit (the README's documented fields, and more)."""
    c = hit.citation
    return {
        "id": c.id,
        "score": round(hit.score, 6),
        "path": c.path,
        "position": c.position,
        "text": hit.text,
        "excerpt": hit.excerpt,
        "speakers": list(c.speakers),
        "collective": list(c.collective),
        "date": c.date.iso if c.date else None,
        "title": c.title,
        "source": c.source,
        "url": c.url,
        "doc_id": c.doc_id,
        "also_in": [a.id for a in hit.also_in],
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """An answer: ``not_found`` None when ``hits`` answer, else the message (and ``hits`` the
    closest passages, if any, which are not an answer)."""
    return {
        "query": answer.question,
        "understood": list(answer.understood),
        "total": answer.total,
        "not_found": answer.not_found,
        "suggestions": list(answer.suggestions),
        "hits": [hit_json(h) for h in answer.hits],
    }


def card_json(document: Document) -> dict[str, Any]:
    """A document's card: what a listing of documents shows (no paragraphs)."""
    date = document.date
    return {
        "id": document.id,
        "path": document.path,
        "title": document.title,
        "date": date.iso if date else None,
        "source": document.source,
        "url": document.url,
        "speakers": list(document.speakers),
        "paragraphs": len(document.paragraphs),
    }


def document_json(document: Document, paragraphs: int | None = None) -> dict[str, Any]:
    """A document's card, ``paragraphs`` counting all its paragraphs, and the first
    ``paragraphs`` of them (all when None) as ``shown``, each a ``corpus export`` line."""
    shown = document.paragraphs[:paragraphs]
    return {**card_json(document), "shown": [export_record(document, p) for p in shown]}


def dated_json(dated: DatedDocuments) -> dict[str, Any]:
    """The range searched, every document dated in it, and one page of their paragraphs."""
    dates = dated.dates
    return {
        "dates": {
            "label": dates.label,
            "from": dates.start.iso if dates.start else None,
            "to": dates.end.iso if dates.end else None,
        },
        "documents": [card_json(d) for d in dated.documents],
        "answer": answer_json(dated.answer),
    }


def _render_search(answer: Answer, style: Style) -> str:
    if not answer.hits or answer.not_found:  # the closest passages come with their label
        return render_answer(answer, style)
    return "\n\n".join(render_hit(h, style) for h in answer.hits) + "\n"


def _search(args: argparse.Namespace) -> ExitStatus:
    index = _index(args)
    dates = _dates(args)
    def run(text: str) -> Answer:
        query = Query.lenient(
            text,
            speaker=args.speaker,
            dates=dates,
            source=args.source,
            country=args.country,
            k=args.k,
        )
        return search(index, query)

    if args.query == ["-"]:
        for text in _stdin_lines():
            _write(json.dumps(answer_json(run(text)), ensure_ascii=False))
            sys.stdout.flush()
        # Each line's JSON says what it found; the status only says the input was usable.
        return ExitStatus.OK
    answer = run(" ".join(args.query))
    if args.json:
        _json(answer_json(answer))
    else:
        _show(args, _render_search(answer, _style(args)))
    return exit_status(answer)


def _quote(args: argparse.Namespace) -> ExitStatus:
    hit = lookups.quote(_index(args), args.id)
    if args.json:
        _json(hit_json(hit) if hit else None)
    elif hit is None:
        _write(f"No passage has the citation id {_echo(args.id)}.")
    else:
        _show(args, render_hit(hit, _style(args)))
    return exit_status(hit)


def _speaker(args: argparse.Namespace) -> ExitStatus:
    answer = lookups.speaker_paragraphs(_index(args), args.name, " ".join(args.topic), k=args.k)
    if args.json:
        _json(answer_json(answer))
    elif answer.query.speaker is None:  # nobody by that name: one line, as for an unknown id
        _show(args, render_not_found_line(answer, _style(args)))
    else:
        _show(args, render_answer(answer, _style(args)))
    return exit_status(answer)


def _date(args: argparse.Namespace) -> ExitStatus:
    dates = DateRange.typed(args.when, "WHEN")
    dated = lookups.documents_dated(_index(args), dates, " ".join(args.topic), k=args.k)
    if args.json:
        _json(dated_json(dated))
    elif not dated.documents:
        _write(f"No documents are dated {_echo(args.when)}.")
    else:
        _show(args, render_dated(dated, " ".join(args.when.split()), _style(args)))
    return exit_status(dated)


def _document(args: argparse.Namespace) -> ExitStatus:
    document = lookups.document(_index(args), args.id)
    if args.json:
        _json(document_json(document, args.k) if document else None)
    elif document is None:
        _write(f"No document has the id {_echo(args.id)}.")
    else:
        _show(args, render_document(document, _style(args), paragraphs=args.k))
    return exit_status(document)


def _stdin_lines() -> Iterator[str]:
    """Standard input's lines without their line ends, each read to at most
    ``STDIN_LINE_CHARS`` (the rest of a longer line is skipped unread into memory, and the
    question says it was shortened); input that is not text is an error."""
    try:
        while line := sys.stdin.readline(STDIN_LINE_CHARS):
            rest = line
            while rest and not rest.endswith("\n"):
                rest = sys.stdin.readline(STDIN_LINE_CHARS)
            yield line.rstrip("\n")
    except UnicodeDecodeError as error:
        raise VerbatimError(f"standard input is not UTF-8 text: {error.reason}") from None


def _build_index(args: argparse.Namespace) -> ExitStatus:
    index = _index(args, progress=True, rebuild=args.rebuild)
    stats = index.stats()
    _write(
        f"Index ready: {stats.paragraphs:,} paragraphs from {stats.documents:,} documents"
        + (f" ({len(index.skipped)} files skipped)" if index.skipped else "")
    )
    return ExitStatus.OK


def _eval(args: argparse.Namespace) -> ExitStatus:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise VerbatimError(f"{folder} is not a folder (a BEIR folder has corpus.jsonl)")
    report = evaluate_beir(folder, progress=None)
    if args.json:
        _write(report.model_dump_json(indent=2))
    else:
        _write(
            f"nDCG@10    {report.ndcg_at_10:.4f}\n"
            f"Recall@100 {report.recall_at_100:.4f}\n"
            f"MRR@10     {report.mrr_at_10:.4f}\n"
            f"{report.queries} queries, {report.documents} documents, {report.seconds:.1f} s"
        )
    return ExitStatus.OK


def _positive(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_K:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_K}")
    return value


def _command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    handler: Callable[[argparse.Namespace], ExitStatus],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, epilog=EXIT_STATUS_HELP
    )
    parser.set_defaults(handler=handler)
    return parser


def _output_options(parser: argparse.ArgumentParser, *, paged: bool = True) -> None:
    """``--corpus``, ``--json``, ``--format`` and (for a paged lookup) ``-k``."""
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="JSON instead of text")
    parser.add_argument(
        "--format",
        choices=["plain", "md"],
        default="plain",
        help="plain text (default) or the markdown the bot sends",
    )
    if paged:
        parser.add_argument(
            "-k", type=_positive, default=5, help="how many paragraphs (1-100, default 5)"
        )


_COUNTRY_HELP = "only documents of this country or delegation (name, ISO code, US, UK, PRC…)"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``ask``, ``search``, the lookups, ``index`` and ``eval`` to ``verbatim``."""
    p = _command(commands, "ask", "answer a question with quoted, cited excerpts", _ask)
    _output_options(p)
    p.add_argument("--country", help=_COUNTRY_HELP)
    p.add_argument(
        "question",
        nargs="+",
        help="the question, e.g. 'Qin Gang on the UN's role'; '-' reads one question per stdin "
        "line (JSON lines out)",
    )

    p = _command(commands, "search", "ranked hits for a query (text or --json)", _search)
    _output_options(p, paged=False)
    p.add_argument("-k", type=_positive, default=10, help="how many hits (1-100, default 10)")
    p.add_argument("--speaker", help="only paragraphs by this speaker (any spelling)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from this date on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date")
    p.add_argument("--source", help="only documents whose source contains this")
    p.add_argument("--country", help=_COUNTRY_HELP)
    p.add_argument(
        "query", nargs="+", help="the query; '-' reads one query per stdin line (JSON lines out)"
    )

    p = _command(commands, "quote", "one paragraph, whole, by its citation id", _quote)
    _output_options(p, paged=False)
    p.add_argument("id", help="a citation id, e.g. 5554e811-3")

    p = _command(commands, "speaker", "what one speaker said, newest first or by topic", _speaker)
    _output_options(p)
    p.add_argument("name", help="the speaker (any spelling or alias, e.g. Korosi)")
    p.add_argument("topic", nargs="*", help="rank their paragraphs by this topic")

    p = _command(commands, "date", "the documents of a day, month, year or range", _date)
    _output_options(p)
    p.add_argument("when", help="2023-02-02, 2021-05, 'May 2021', 2021 or 'December..January'")
    p.add_argument("topic", nargs="*", help="rank their paragraphs by this topic")

    p = _command(commands, "document", "one document: its card and its paragraphs", _document)
    _output_options(p, paged=False)
    p.add_argument(
        "-k", type=_positive, default=None, help="show only its first K paragraphs (default all)"
    )
    p.add_argument("id", help="a document id, e.g. 5554e811")

    p = _command(commands, "index", "build the search index ahead of time", _build_index)
    add_corpus_argument(p)
    p.add_argument(
        "--rebuild", action="store_true", help="build it even if a current one is cached"
    )

    p = _command(commands, "eval", "nDCG@10, Recall@100, MRR@10 on a BEIR folder", _eval)
    p.add_argument("--json", action="store_true", help="JSON instead of text")
    p.add_argument("folder", metavar="DIR", help="corpus.jsonl, queries.jsonl, qrels/test.tsv")
