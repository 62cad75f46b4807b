"""Answers as Discord messages, within Discord's limits.

The text comes from ``retrieval.render`` (so the terminal shows what Discord shows); this module
only decides how much of it fits: fewer hits first, then shorter excerpts, always cut at a space
and never inside a word or a ``**bold**`` marker. Corpus text is escaped by the same
``MARKDOWN`` style (one rule, ``excerpt.escape_markdown``); embed footers are not markdown and
show text as it is. File names are shown relative to their corpus folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

import discord

from corpus.cli import quote_odd
from corpus.dates import citation_label
from corpus.models import CorpusStats, Document, LoadIssue, Paragraph
from retrieval.models import Answer, Citation, Hit
from retrieval.render import (
    MARKDOWN,
    block_quote,
    document_speakers,
    paragraph_label,
    render_answer,
    render_citation,
    render_hit,
)

CONTENT_LIMIT = 2000
DESCRIPTION_LIMIT = 4096
EMBED_TOTAL_LIMIT = 6000
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
TITLE_LIMIT = 256
CHOICE_LIMIT = 100
MAX_CHOICES = 25
ELLIPSIS = "…"
COLOUR = discord.Colour(0x3B6EA5)



def shorten(text: str, limit: int) -> str:
    """``text`` if it fits, else its longest prefix ending at a space, plus "…".

    Bold markers stay balanced, so a cut never leaves a dangling ``**``.
    """
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS) - 2, 0)  # 2 for a closing "**"
    cut = text[:room]
    if not text[room : room + 1].isspace():
        space = max(cut.rfind(" "), cut.rfind("\n"))
        cut = cut[:space] if space > 0 else ""
    cut = cut.rstrip(" \n,;:*")
    # A backslash whose escaped character was cut off would escape our own marks.
    while (len(cut) - len(cut.rstrip("\\"))) % 2:
        cut = cut[:-1].rstrip(" \n,;:*")
    if cut.count("**") % 2:
        cut += "**"
    return cut if cut.endswith(ELLIPSIS) else f"{cut}{ELLIPSIS}"


def shorten_hit(hit: Hit, limit: int) -> Hit:
    return hit.model_copy(update={"excerpt": shorten(hit.excerpt, limit)})


def fit_hit(hit: Hit, limit: int = DESCRIPTION_LIMIT) -> str:
    """``render_hit`` within ``limit`` characters, shortening the excerpt when needed."""
    text = render_hit(hit)
    budget = len(hit.excerpt)
    while len(text) > limit and budget > 0:
        budget = min(budget - (len(text) - limit), budget * 9 // 10)
        text = render_hit(shorten_hit(hit, max(budget, 0)))
    return text


def fit_answer(answer: Answer, limit: int = DESCRIPTION_LIMIT) -> str:
    """``render_answer`` within ``limit``: drop trailing hits, then shorten excerpts."""
    hits = list(answer.hits)
    for count in range(len(hits), 0, -1):
        text = render_answer(answer.model_copy(update={"hits": tuple(hits[:count])}))
        if len(text) <= limit:
            return text
    if not hits:
        return shorten(render_answer(answer), limit)
    best = hits[0]
    budget = len(best.excerpt)
    while budget > 0:
        budget = budget * 3 // 4
        trimmed = answer.model_copy(update={"hits": (shorten_hit(best, budget),)})
        text = render_answer(trimmed)
        if len(text) <= limit:
            return text
    return shorten(render_answer(answer.model_copy(update={"hits": ()})), limit)


def choice_name(*parts: str | None) -> str:
    """Parts joined with " · ", within Discord's 100 characters for a choice name."""
    text = " · ".join(" ".join(part.split()) for part in parts if part)
    return shorten(text, CHOICE_LIMIT) or ELLIPSIS


def base_embed(
    description: str, *, title: str | None = None, url: str | None = None
) -> discord.Embed:
    return discord.Embed(
        title=shorten(title, TITLE_LIMIT) if title else None,
        url=url,
        description=description,
        colour=COLOUR,
    )


def answer_embed(
    answer: Answer, *, page: int = 0, pages: int = 1, limit: int = DESCRIPTION_LIMIT - 200
) -> discord.Embed:
    embed = base_embed(fit_answer(answer, min(limit, DESCRIPTION_LIMIT)))
    if answer.hits:
        embed.set_footer(text=f"page {page + 1}/{max(pages, 1)}")
    return embed


def hit_embed(hit: Hit, *, posted_by: str | None = None) -> discord.Embed:
    embed = base_embed(fit_hit(hit, DESCRIPTION_LIMIT - 200))
    if posted_by:
        embed.set_footer(text=shorten(f"Posted by {posted_by}", FOOTER_LIMIT))
    return embed


def paragraph_quote(paragraph: Paragraph, limit: int) -> str:
    """The paragraph, escaped, as a block quote of at most about ``limit`` characters."""
    return block_quote(shorten(MARKDOWN.paragraph(paragraph.text), limit))


def context_embed(paragraphs: Sequence[Paragraph], focus: Hit) -> discord.Embed:
    """The paragraphs around a quote, the quoted one marked, then the citation."""
    citation = render_citation(focus.citation)
    room = DESCRIPTION_LIMIT - len(citation) - 200
    each = max(room // max(len(paragraphs), 1) - 40, 80)
    blocks = []
    quoted = focus.citation
    last = quoted.last_position if quoted.last_position is not None else quoted.position
    for paragraph in paragraphs:
        # A list is quoted with its lead: each of its paragraphs is marked.
        inside = paragraph.doc_id == quoted.doc_id and quoted.position <= paragraph.position <= last
        marker = " ← quoted" if inside else ""
        label = paragraph_label(paragraph.position)
        blocks.append(f"**{label}**{marker}\n{paragraph_quote(paragraph, each)}")
    return base_embed("\n".join(blocks) + "\n" + citation, title="Context")


def document_card(document: Document, paragraph_count: int) -> discord.Embed:
    embed = base_embed("", title=MARKDOWN.escaped(document.title), url=document.url)
    embed.description = None
    source = MARKDOWN.escaped(document.source) if document.source else "unknown"
    embed.add_field(name="Source", value=shorten(source, FIELD_VALUE_LIMIT))
    embed.add_field(name="Date", value=citation_label(document.date))
    embed.add_field(name="Paragraphs", value=str(paragraph_count))
    speakers = MARKDOWN.escaped(", ".join(document_speakers(document))) or "none identified"
    embed.add_field(name="Speakers", value=shorten(speakers, FIELD_VALUE_LIMIT), inline=False)
    # A footer is not markdown: the file name needs no escaping, only its odd characters quoted.
    embed.set_footer(text=f"document {document.id} · {quote_odd(document.path)}"[:FOOTER_LIMIT])
    return embed


def paragraph_pages(paragraphs: Sequence[Paragraph], limit: int = 3000) -> list[str]:
    """Paragraphs packed into pages of at most ``limit`` characters, in order."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        block = (
            f"**{paragraph_label(paragraph.position)}** `{paragraph.id}`\n"
            f"{paragraph_quote(paragraph, limit - 80)}"
        )
        if current and size + len(block) + 1 > limit:
            pages.append("\n".join(current))
            current, size = [], 0
        current.append(block)
        size += len(block) + 1
    if current:
        pages.append("\n".join(current))
    return pages or ["*This document has no paragraphs.*"]


def relative_path(path: str, roots: Sequence[Path]) -> str:
    """``path`` relative to the corpus folder holding it: a server's own folders stay private.
    A path under none of ``roots`` is shown by its file name only."""
    given = PurePath(path)
    for root in roots:
        for form in (root, root.expanduser(), root.expanduser().absolute()):
            if given.is_relative_to(form):
                return given.relative_to(form).as_posix()
    return given.name


def issue_line(path: str, reason: str) -> str:
    """``path: reason`` for a skipped file, each shown as written."""
    return f"{MARKDOWN.code(quote_odd(path))}: {MARKDOWN.escaped(reason)}"


def corpus_embed(
    stats: CorpusStats, *, top: int = 10, roots: Sequence[Path] = ()
) -> discord.Embed:
    embed = base_embed("", title="What I know")
    embed.description = None
    embed.add_field(name="Documents", value=str(stats.documents))
    embed.add_field(name="Paragraphs", value=str(stats.paragraphs))
    span = f"{stats.date_from or '?'} – {stats.date_to or '?'}"
    notes = []
    if stats.undated_documents:
        notes.append(f"{stats.undated_documents} undated")
    if stats.yearless_documents:
        notes.append(f"{stats.yearless_documents} without a known year")
    embed.add_field(name="Dates", value=span + (f" ({', '.join(notes)})" if notes else ""))
    speakers = [f"{MARKDOWN.escaped(s.name)} ({s.paragraph_count})" for s in stats.speakers[:top]]
    embed.add_field(
        name="Top speakers", value=list_value(speakers) or "none identified", inline=False
    )
    sources = [
        f"{MARKDOWN.escaped(name)} ({count})" for name, count in list(stats.sources.items())[:top]
    ]
    embed.add_field(name="Sources", value=list_value(sources) or "unknown", inline=False)
    if stats.skipped:
        embed.add_field(
            name="Skipped files",
            value=issues_text(stats.skipped, roots, FIELD_VALUE_LIMIT),
            inline=False,
        )
    return embed


def list_value(items: Iterable[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """As many whole items as fit a field, then how many were left out."""
    items = list(items)
    kept: list[str] = []
    size = 0
    for position, item in enumerate(items):
        line = shorten(item, 200)
        rest = len(items) - position
        if size + len(line) + 1 > limit - 20:
            kept.append(f"… and {rest} more")
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)


def issues_text(issues: Iterable[LoadIssue], roots: Sequence[Path], limit: int = 1500) -> str:
    """Load issues, one a line, each file named relative to its corpus folder."""
    lines = (issue_line(relative_path(issue.path, roots), issue.reason) for issue in issues)
    return list_value(lines, limit)


def citation_line(citation: Citation) -> str:
    return render_citation(citation)


def embed_fits(embeds: Sequence[discord.Embed]) -> bool:
    """Discord's total: at most 10 embeds and 6000 characters across them."""
    return len(embeds) <= 10 and sum(len(embed) for embed in embeds) <= EMBED_TOTAL_LIMIT
