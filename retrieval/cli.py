"""``verbatim ask``, ``search``, ``index`` and ``eval``: the answering core on a terminal.

``ask`` prints exactly the markdown the bot sends (``render_answer``). ``search`` is for people
and scripts: ranked hits as text, or ``--json``; with ``-`` as the query it reads one query per
stdin line and writes one JSON line per query.

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

from corpus.cli import EXIT_STATUS_HELP, ExitStatus, add_corpus_argument, corpus_folders
from corpus.errors import VerbatimError

from .answer import ask, search
from .cache import default_cache_dir
from .evaluate import evaluate_beir
from .index import Index, open_index
from .models import MAX_QUERY_CHARS, Answer, DateRange, Hit, Query
from .render import render_answer, render_hit


def _index(args: argparse.Namespace, progress: bool | None = None) -> Index:
    cache_dir = default_cache_dir(args.cache_dir)
    return open_index(corpus_folders(args), cache_dir=cache_dir, progress=progress)


def exit_status(result: object) -> ExitStatus:
    """grep's convention for every lookup: 0 when something was found, 1 when nothing was.

    ``result`` is an :class:`Answer` (found when it has hits), or what a lookup by id or name
    returned (found unless ``None``)."""
    found = bool(result.hits) if isinstance(result, Answer) else result is not None
    return ExitStatus.OK if found else ExitStatus.NOT_FOUND


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _ask(args: argparse.Namespace) -> ExitStatus:
    question = " ".join(args.question)
    answer = ask(_index(args), question)
    _write(render_answer(answer))
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
    return {
        "query": answer.question,
        "understood": list(answer.understood),
        "total": answer.total,
        "not_found": answer.not_found,
        "suggestions": list(answer.suggestions),
        "hits": [hit_json(h) for h in answer.hits],
    }


def _render_search(answer: Answer) -> str:
    if not answer.hits:
        return render_answer(answer)
    return "\n\n".join(render_hit(h) for h in answer.hits) + "\n"


def _search(args: argparse.Namespace) -> ExitStatus:
    index = _index(args)
    dates = _dates(args)

    def run(text: str) -> Answer:
        query = Query(
            text=text[:MAX_QUERY_CHARS],
            speaker=args.speaker,
            dates=dates,
            source=args.source,
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
        _write(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        _write(_render_search(answer))
    return exit_status(answer)


def _stdin_lines() -> Iterator[str]:
    """Standard input's lines without their line ends; input that is not text is an error."""
    try:
        for line in sys.stdin:
            yield line.rstrip("\n")
    except UnicodeDecodeError as error:
        raise VerbatimError(f"standard input is not UTF-8 text: {error.reason}") from None


def _build_index(args: argparse.Namespace) -> ExitStatus:
    index = _index(args, progress=True)
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
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
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


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``ask``, ``search``, ``index`` and ``eval`` to the ``verbatim`` command."""
    p = _command(commands, "ask", "answer a question with quoted, cited excerpts", _ask)
    add_corpus_argument(p)
    p.add_argument("question", nargs="+", help="the question, e.g. 'Qin Gang on the UN's role'")

    p = _command(commands, "search", "ranked hits for a query (text or --json)", _search)
    add_corpus_argument(p)
    p.add_argument("--json", action="store_true", help="JSON instead of text")
    p.add_argument("-k", type=_positive, default=10, help="how many hits (1-100, default 10)")
    p.add_argument("--speaker", help="only paragraphs by this speaker (any alias)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from this date on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date")
    p.add_argument("--source", help="only documents whose source contains this")
    p.add_argument(
        "query", nargs="+", help="the query; '-' reads one query per stdin line (JSON lines out)"
    )

    p = _command(commands, "index", "build the search index ahead of time", _build_index)
    add_corpus_argument(p)

    p = _command(commands, "eval", "nDCG@10, Recall@100, MRR@10 on a BEIR folder", _eval)
    p.add_argument("--json", action="store_true", help="JSON instead of text")
    p.add_argument("folder", metavar="DIR", help="corpus.jsonl, queries.jsonl, qrels/test.tsv")
