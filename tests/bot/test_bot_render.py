"""Fitting answers into Discord's limits: fewer hits, shorter excerpts, never half a word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot import discord_render as dr
from corpus.models import DocDate
from retrieval.models import Answer, Citation, Hit, Query


def make_hit(number: int, excerpt: str) -> Hit:
    citation = Citation(
        id=f"0123abcd-{number}",
        doc_id="0123abcd",
        position=number,
        speakers=("Wang Yi",),
        title="Wang Yi on multilateralism",
        source="Ministry of Foreign Affairs",
        url="https://example.org/statement",
        date=DocDate(year=2021, month=5, day=8),
        path="statement.txt",
    )
    return Hit(citation=citation, score=1.0, text=excerpt.replace("**", ""), excerpt=excerpt)


WORDS = [
    "the",
    "**United",
    "Nations**",
    "is",
    "the",
    "banner",
    "of",
    "**multilateralism**",
    "and",
    "all",
    "countries",
]


def long_excerpt(words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(words))


def test_shorten_cuts_at_a_space_and_balances_bold() -> None:
    text = "alpha **beta gamma** delta epsilon"
    for limit in range(1, len(text) + 1):
        short = dr.shorten(text, limit)
        assert len(short) <= limit
        assert short.count("**") % 2 == 0
        plain = short.removesuffix(dr.ELLIPSIS).replace("**", "")
        assert all(word in text.replace("**", "").split() for word in plain.split())


@given(st.text(alphabet=st.sampled_from("ab *\n"), max_size=300), st.integers(1, 300))
def test_shorten_never_exceeds_its_limit(text: str, limit: int) -> None:
    short = dr.shorten(text, limit)
    assert len(short) <= max(limit, 1)
    if short != text:
        assert short.endswith(dr.ELLIPSIS)


def test_an_answer_too_long_for_an_embed_drops_hits_then_shortens_excerpts() -> None:
    hits = tuple(make_hit(n, long_excerpt(400)) for n in range(1, 6))
    answer = Answer(
        question="multilateralism", query=Query(text="multilateralism"), hits=hits, total=5
    )
    text = dr.fit_answer(answer, dr.DESCRIPTION_LIMIT)
    assert len(text) <= dr.DESCRIPTION_LIMIT
    assert "0123abcd-1" in text  # the best hit is kept
    quoted = " ".join(line[2:] for line in text.splitlines() if line.startswith("> "))
    for word in quoted.replace("**", "").replace(dr.ELLIPSIS, " ").split():
        assert word in {w.replace("**", "") for w in WORDS}, word


def test_the_embeds_of_an_answer_page_fit_discord_totals() -> None:
    hits = tuple(make_hit(n, long_excerpt(120)) for n in range(1, 5))
    answer = Answer(question="q", query=Query(text="q"), hits=hits, total=40)
    embed = dr.answer_embed(answer, page=0, pages=10)
    assert len(embed.description or "") <= dr.DESCRIPTION_LIMIT
    assert dr.embed_fits([embed])


def test_choice_names_fit_100_characters() -> None:
    name = dr.choice_name("Wang Yi", "2021-05-08", long_excerpt(80))
    assert len(name) <= dr.CHOICE_LIMIT
    assert name.startswith("Wang Yi · 2021-05-08 · the")


def test_paths_are_shown_relative_to_their_corpus_folder(tmp_path: Path) -> None:
    roots = [Path("corpus"), tmp_path / "other"]
    assert dr.relative_path("corpus/sub/a.txt", roots) == "sub/a.txt"
    assert dr.relative_path((Path.cwd() / "corpus/b.txt").as_posix(), roots) == "b.txt"
    assert dr.relative_path((tmp_path / "other/c.txt").as_posix(), roots) == "c.txt"
    assert dr.relative_path("/srv/secret/d.txt", roots) == "d.txt"  # under no root: name only
    home = Path("~/corpus").expanduser() / "e.txt"
    assert dr.relative_path(home.as_posix(), [Path("~/corpus")]) == "e.txt"


def test_an_issue_line_keeps_its_code_span_closed() -> None:
    line = dr.issue_line("a`b [x](evil).txt", "bad [y](https://evil.example)")
    assert line == "a\\`b \\[x\\](evil).txt: bad \\[y\\](https://evil.example)"
    assert dr.issue_line("plain.txt", "empty file") == "`plain.txt`: empty file"


def test_shorten_never_leaves_a_backslash_to_escape_its_own_marks() -> None:
    # "\*" at the cut: rstrip takes the star, and the lone backslash would escape the "…".
    escaped = "alpha **beta \\* gamma** delta"
    assert dr.shorten(escaped, 18) == "alpha **beta**…"
    assert dr.shorten("one \\*\\* two", 8) == "one…"
    assert dr.shorten("one \\\\ two", 9) == "one \\\\…"  # an escaped backslash stays
