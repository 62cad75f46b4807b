"""Plain markdown for answers, shared by the terminal and the bot: the terminal shows what
Discord shows. Pure functions of the boundary models, composable piece by piece (the bot
builds its embeds from ``render_citation`` and ``render_hit``).

Nothing here escapes mentions: the bot sends with ``AllowedMentions.none()``, so an
``@everyone`` in a quote is shown, never a ping. Corpus-provided titles are markdown-escaped
like excerpts so they read as written.
"""

from __future__ import annotations

from corpus.dates import citation_label

from .excerpt import escape_markdown
from .models import Answer, Citation, Hit

SEPARATOR = " · "


def _link_target(url: str) -> str:
    # Spaces and parentheses would end a markdown link early.
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def render_title(c: Citation) -> str:
    title = escape_markdown(c.title).replace("[", "\\[").replace("]", "\\]")
    if c.url:
        return f"[*{title}*]({_link_target(c.url)})"
    return f"*{title}*"


def render_speakers(c: Citation) -> str:
    return ", ".join(c.speakers or c.collective)


def render_citation(c: Citation) -> str:
    """``— Qin Gang · *Title* · Source · 2023-02-02 · ¶3 · `043514e2-3```."""
    parts = [render_speakers(c), render_title(c)]
    if c.source:
        parts.append(escape_markdown(c.source))
    parts += [citation_label(c.date), f"¶{c.position}", f"`{c.id}`"]
    return "— " + SEPARATOR.join(p for p in parts if p)


def render_also_in(c: Citation) -> str:
    """A short line for a near-duplicate: where else the same words were published."""
    parts = [render_title(c)]
    if c.source:
        parts.append(escape_markdown(c.source))
    parts += [citation_label(c.date), f"`{c.id}`"]
    return "also in " + SEPARATOR.join(parts)


def block_quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines() or [""])


def render_hit(hit: Hit) -> str:
    """The excerpt as a block quote, then its citation (and any near-duplicates)."""
    lines = [block_quote(hit.excerpt), render_citation(hit.citation)]
    lines += [render_also_in(c) for c in hit.also_in]
    return "\n".join(lines)


def render_understood(answer: Answer) -> str:
    return "*" + escape_markdown(", ".join(answer.understood)) + "*" if answer.understood else ""


def render_not_found(answer: Answer) -> str:
    lines = [answer.not_found or "Nothing in the corpus matches."]
    if answer.suggestions:
        lines.append("Try:")
        lines += [f"- {s}" for s in answer.suggestions]
    return "\n".join(lines)


def render_paging(answer: Answer) -> str:
    if not answer.hits:
        return ""
    first = answer.query.offset + 1
    last = answer.query.offset + len(answer.hits)
    noun = "paragraph" if answer.total == 1 else "paragraphs"
    # A pruned search knows only that at least this many paragraphs match.
    at_least = "" if answer.total_exact else "+"
    return f"*{first}–{last} of {answer.total:,}{at_least} matching {noun}*"


def render_answer(answer: Answer) -> str:
    """The understood line, the best quote, the next hits; or what was not found and what to
    try instead."""
    blocks = [render_understood(answer)]
    if answer.not_found or not answer.hits:
        blocks.append(render_not_found(answer))
    else:
        blocks += [render_hit(hit) for hit in answer.hits]
        blocks.append(render_paging(answer))
    return "\n\n".join(b for b in blocks if b) + "\n"
