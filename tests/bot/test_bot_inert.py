"""Hostile text stays inert: what a corpus file or a member writes is shown as written, never as
a live masked link, a heading, a list, a quote, a spoiler, code or a mention (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from retrieval.excerpt import unmark
from tests.bot.conftest import StartBot, button, private_reply
from tests.bot.emulator import Emulator

PHISH = "[signed here](https://evil.example/phish)"
NAME = "a`b [x](evil.example) ||s||.txt"
SKIPPED = "gone`x [y](evil.example).txt"
PARAGRAPHS = [
    f"The peace treaty was {PHISH} by both sides, said the envoy.",
    "# Heading on the peace treaty ||spoiler|| `code` @everyone <@123> <t:1700000000:R>.",
    "-# small print about the peace treaty and its annex.",
    "> quoted peace treaty text with ```triple``` ticks and **bold** claims.",
    "1. first point of the peace treaty, listed.",
]
TITLE = f"Treaty {PHISH} ||t||"
SOURCE = "# Src [s](https://evil.example/s) <@123>"
SPEAKER = "Eve [sp](https://evil.example/sp) `x` @everyone"


def hostile_corpus(folder: Path) -> Path:
    """One document whose file name, title, source, speaker and paragraphs hold markdown, and
    one file that is skipped, its name holding a backtick and a masked link."""
    folder.mkdir()
    (folder / NAME).write_text("Title line\n\n" + "\n\n".join(PARAGRAPHS) + "\n")
    (folder / SKIPPED).write_text("   \n")
    (folder / "metadata.csv").write_text(
        "path,title,source,speakers\n"
        + ",".join('"' + v.replace('"', '""') + '"' for v in (NAME, TITLE, SOURCE, SPEAKER))
        + "\n"
        + f'"{SKIPPED}",Gone,,\n'
    )
    return folder


def markdown_of(message: dict[str, Any]) -> str:
    """The parts of a message Discord renders as markdown (footers are plain text)."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields") or []:
            parts += [field["name"], field["value"]]
    return "\n".join(part for part in parts if part)


def assert_inert(markdown: str, *, own_list: bool = False) -> None:
    """Nothing of the hostile text is live markdown (``own_list``: the bot's own "- " list of
    suggestions is allowed)."""
    # No masked link: every "[" before "](…evil" is escaped.
    assert not re.search(r"(?<!\\)\[[^\]\n]*\]\((https://)?evil", markdown), markdown
    assert not re.search(r"(?<!\\)\|\|", markdown), markdown  # spoilers
    assert "`code`" not in markdown and "```" not in markdown, markdown
    assert not re.search(r"(?<![\\`])`x`", markdown), markdown  # the speaker's code span
    assert not re.search(r"(?<!\\)<", markdown), markdown  # <@id>, <t:…>, <#id>, <url>
    assert not re.search(r"(?<!\\)@everyone", markdown), markdown
    for line in markdown.splitlines():
        body = line[2:] if line.startswith("> ") else line  # our own block quotes
        if own_list and body.startswith("- "):
            body = body[2:]
        assert not re.match(r"(#{1,3}|-#|>|[-*+]|\d+\.) ", body), line


def assert_reads_as_written(markdown: str, *written: str) -> None:
    shown = unmark(markdown)
    for text in written:
        assert text in shown, (text, markdown)


async def ask_answer(emulator: Emulator) -> dict[str, Any]:
    rec = await emulator.slash("ask", {"question": "peace treaty envoy"})
    return await rec.response()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return hostile_corpus(tmp_path / "corpus")


async def test_ask_shows_paragraph_title_source_and_speaker_as_written(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        shown = markdown_of(await ask_answer(emulator))
        assert_inert(shown)
        assert "\\[signed here\\](https://evil.example/phish)" in shown
        assert_reads_as_written(shown, "Treaty [signed here](https://evil.example/phish) ||t||")
        assert_reads_as_written(shown, SOURCE, "Eve [sp](https://evil.example/sp)")


async def test_context_escapes_the_paragraphs_around_a_quote(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        message = await ask_answer(emulator)
        click = await emulator.click(message=message, custom_id=button(message, "Context"))
        shown = markdown_of(await click.response())
        assert "← quoted" in shown
        assert_inert(shown)
        assert_reads_as_written(shown, PHISH, "# Heading on the peace treaty ||spoiler||")


async def test_document_escapes_its_card_and_every_paragraph(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache") as bot:
        (document,) = bot.library.index.documents()
        rec = await emulator.slash("document", {"id": document.id})
        message = await rec.response()
        shown = markdown_of(message)
        assert_inert(shown)
        assert_reads_as_written(shown, TITLE, SOURCE, *PARAGRAPHS)
        # A footer is plain text: the file name is shown as it is, relative to the corpus.
        footer = message["embeds"][0]["footer"]["text"]
        assert footer.endswith(f"· {NAME}")


async def test_document_refuses_an_unknown_id_without_breaking_its_code_span(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        rec = await emulator.slash("document", {"id": "x` [l](https://evil.example/d) `"})
        told = await private_reply(emulator, rec)
        assert_inert(told.replace("https://evil.example/d", "https://evil.example"))
        assert_reads_as_written(told, "x` [l](https://evil.example/d) `")


async def test_corpus_shows_names_escaped_and_paths_relative_to_the_corpus(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        rec = await emulator.slash("corpus", {})
        shown = markdown_of(await rec.response())
        assert_inert(shown)
        assert str(tmp_path) not in shown  # no server path
        assert_reads_as_written(shown, SOURCE, SKIPPED)
        assert f"{SKIPPED}: " in unmark(shown)


async def test_quote_posts_the_paragraph_escaped(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache") as bot:
        (document,) = bot.library.index.documents()
        for position, paragraph in enumerate(PARAGRAPHS, start=2):  # after the title line
            rec = await emulator.slash("quote", {"passage": f"{document.id}-{position}"})
            shown = markdown_of(await rec.response())
            assert_inert(shown)
            assert_reads_as_written(shown, paragraph, TITLE)


async def test_a_members_masked_link_is_not_echoed_live_in_the_public_not_found_reply(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    # No word of the corpus but "https": not an answer (the corpus' own link would be one).
    asked = "[click me](https://bad.invalid/x) xylophone ||boo|| # big"
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        await emulator.post_message(f"<@{emulator.bot_user.id}> {asked}", author=emulator.member)
        reply = await emulator.wait_for_bot_message()
        shown = markdown_of(reply)
        assert "Nothing in the corpus matches" in shown or "No paragraph answers" in shown
        assert_inert(shown, own_list=True)
        assert_reads_as_written(shown, asked)


async def test_passage_choices_show_the_words_plainly(
    start_bot: StartBot, emulator: Emulator, corpus: Path, tmp_path: Path
) -> None:
    # A choice's name is plain text: no markdown to escape, so no backslash to show.
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        choices = await emulator.autocomplete(
            "quote", {"passage": "peace treaty signed"}, focused="passage"
        )
        names = " ".join(choice["name"] for choice in choices)
        assert "Eve [sp](https://evil.example/sp)" in names and "was [signed" in names
        assert "\\" not in names
