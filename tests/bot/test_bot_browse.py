"""/quote, /speaker, /date, /document and /corpus, with their autocompletes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.client import VerbatimBot
from bot.cogs import transformers
from retrieval.index import Index
from tests.bot.conftest import QIN, WANG, StartBot, button, labels, private_reply, text_of
from tests.bot.emulator import Emulator


async def test_quote_autocompletes_matching_paragraphs(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    choices = await emulator.autocomplete(
        "quote", {"passage": "banner of multilateralism"}, focused="passage"
    )
    assert choices
    assert len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    best = choices[0]
    assert best["value"].startswith(f"{WANG}-")
    assert "Wang Yi" in best["name"]


async def test_quote_posts_the_whole_paragraph_publicly(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    choices = await emulator.autocomplete(
        "quote", {"passage": "banner of multilateralism"}, focused="passage"
    )
    citation_id = choices[0]["value"]
    rec = await emulator.slash("quote", {"passage": citation_id})
    message = await rec.response()
    assert not rec.ephemeral
    text = text_of(message)
    assert "the United Nations is the banner of multilateralism" in text.replace("**", "")
    assert f"`{citation_id}`" in text
    assert labels(message) == ["Context", "Delete"]


async def test_a_typed_citation_id_autocompletes_and_quotes(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    choices = await emulator.autocomplete("quote", {"passage": f"{QIN}-3"}, focused="passage")
    assert [c["value"] for c in choices] == [f"{QIN}-3"]
    rec = await emulator.slash("quote", {"passage": f"{QIN.upper()}-3"})
    assert f"`{QIN}-3`" in text_of(await rec.response())


async def test_an_unknown_citation_id_is_told_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("quote", {"passage": "deadbeef-99"})
    assert "deadbeef-99" in await private_reply(emulator, rec)


async def test_speaker_autocomplete_ignores_accents_and_counts_paragraphs(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    choices = await emulator.autocomplete("speaker", {"name": "korosi"}, focused="name")
    assert [c["value"] for c in choices] == ["Csaba Kőrösi"]
    assert "paragraph" in choices[0]["name"]
    everyone = await emulator.autocomplete("speaker", {"name": ""}, focused="name")
    assert {"Wang Yi", "Qin Gang"} <= {c["value"] for c in everyone}


async def test_speaker_shows_their_paragraphs_newest_first(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("speaker", {"name": "Qin Gang"})
    text = text_of(await rec.response())
    assert "Qin Gang" in text
    assert f"`{QIN}-" in text


async def test_speaker_with_a_topic_ranks_by_it_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("speaker", {"name": "wang yi", "topic": "banner", "private": True})
    message = await rec.response()
    assert rec.ephemeral
    assert "**banner**" in text_of(message)


async def test_an_unknown_speaker_gets_a_suggestion(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("speaker", {"name": "Wang Yu"})
    # The wording retrieval gives every front end (`verbatim speaker` prints the same line).
    assert await private_reply(emulator, rec) == (
        "No speaker called “Wang Yu” in the corpus. Try one of these speakers: Wang Yi."
    )


async def test_a_failing_speaker_lookup_is_a_failure_not_a_refusal(
    bot: VerbatimBot,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(index: Index, name: str) -> tuple[str | None, list[str]]:
        raise RuntimeError("the registry broke")

    monkeypatch.setattr(transformers, "resolve_speaker", broken)
    rec = await emulator.slash("speaker", {"name": "someone typed"})
    assert "something went wrong on my side" in await private_reply(emulator, rec)
    assert any(
        r.levelno == logging.ERROR and "command failed" in r.getMessage() for r in caplog.records
    )


async def test_an_unreadable_date_is_refused_with_the_forms_that_work(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("date", {"when": "someday"})
    told = await private_reply(emulator, rec)
    assert rec.callback_types == [4]  # refused before anything was deferred
    assert "“someday” for when is not a date: use 2023-02-02" in told


async def test_date_lists_the_documents_of_a_day(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("date", {"when": "2023-02-02"})
    text = text_of(await rec.response())
    assert "1 document" in text
    assert "Qin Gang Holds Talks" in text
    assert f"`{QIN}-" in text


async def test_date_reads_months_years_and_ranges(bot: VerbatimBot, emulator: Emulator) -> None:
    for when in ("2023-02", "February 2023", "2023", "2023-01-15..2023-02-15"):
        rec = await emulator.slash("date", {"when": when})
        assert "Qin Gang Holds Talks" in text_of(await rec.response()), when


async def test_date_with_nothing_on_it_says_so(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("date", {"when": "1999"})
    assert "No documents" in await private_reply(emulator, rec)


async def test_date_autocompletes_existing_dates(bot: VerbatimBot, emulator: Emulator) -> None:
    choices = await emulator.autocomplete("date", {"when": "2023"}, focused="when")
    values = [c["value"] for c in choices]
    assert {"2023-02-02", "2023-02", "2023"} <= set(values)


async def test_document_shows_its_card_and_pages(bot: VerbatimBot, emulator: Emulator) -> None:
    choices = await emulator.autocomplete("document", {"id": "qin gang"}, focused="id")
    assert choices and choices[0]["value"].startswith(f"{QIN}")
    rec = await emulator.slash("document", {"id": choices[0]["value"]})
    message = await rec.response()
    text = text_of(message)
    assert "Qin Gang Holds Talks" in text
    assert "Source" in text and "Speakers" in text
    assert "page 1/" in text
    assert "**¶1**" in text


async def test_document_pages_turn(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("document", {"id": f"{WANG}"})
    message = await rec.response()
    if "page 1/1" in text_of(message):
        return  # the seed fits one page; nothing to turn
    click = await emulator.click(message=message, custom_id=button(message, "▶"))
    assert "page 2/" in text_of(await click.response())


async def test_corpus_says_what_the_bot_knows(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("corpus", {})
    text = text_of(await rec.response())
    assert "Documents: 2" in text
    assert "Wang Yi" in text
    assert "Paragraphs" in text


YEARLESS = """China News Service, June 3rd. According to the website of the Ministry of Foreign \
Affairs, Wang Yi met the press about zebra crossings.

  Wang Yi said that zebra crossings keep pedestrians safe and that cooperation is a zebra \
crossing between nations.
"""


async def test_a_document_without_a_year_matches_on_month_and_day(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "yearless.txt").write_text(YEARLESS)
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        choices = await emulator.autocomplete("date", {"when": "june"}, focused="when")
        assert [(c["name"], c["value"]) for c in choices] == [("3 June (year unknown)", "3 June")]
        for when in ("3 June", "2022-06", "2019-06-01..2019-06-30", "2024"):
            rec = await emulator.slash("date", {"when": when})
            text = text_of(await rec.response())
            assert "1 document" in text, when
            assert "year unknown" in text, when
            assert "**¶" not in text or "zebra" in text
        rec = await emulator.slash("date", {"when": "2022-07"})
        assert "No documents" in await private_reply(emulator, rec)


async def test_names_and_titles_match_on_every_typed_word(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("speaker", {"name": "korosi csaba"})  # words in another order
    assert f"`{QIN}-4`" in text_of(await rec.response())
    choices = await emulator.autocomplete("document", {"id": "kőrösi qin talks"}, focused="id")
    assert [c["value"] for c in choices] == [QIN]


# Late December and early January, with a year and without (metadata "--12-30"), and June.
SEASONS = [
    ("dec-2021.txt", "2021-12-28", "Wintry talks"),
    ("dec-yearless.txt", "--12-30", "Yearless December"),
    ("jan-2022.txt", "2022-01-05", "New year statement"),
    ("jan-yearless.txt", "--01-03", "Yearless January"),
    ("june-2021.txt", "2021-06-15", "Summer statement"),
]


async def test_a_year_less_range_across_the_new_year_lists_december_and_january(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = ["path,title,date"]
    for name, date, title in SEASONS:
        (corpus / name).write_text(f"A statement on winter cooperation: {title}.\n")
        rows.append(f"{name},{title},{date}")
    (corpus / "metadata.csv").write_text("\n".join(rows) + "\n")
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        for when in ("December..January", "November..February"):
            rec = await emulator.slash("date", {"when": when})
            text = text_of(await rec.response())
            assert "4 documents" in text, when
            for _, _, title in SEASONS[:4]:
                assert title in text, when
            assert "Summer statement" not in text, when
