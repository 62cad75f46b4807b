"""The one pager: which buttons each message gets, page bounds, who may turn, expiry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.client import VerbatimBot
from tests.bot.conftest import (
    StartBot,
    button,
    components_of,
    eventually,
    labels,
    private_reply,
    text_of,
)
from tests.bot.emulator import Emulator


def disabled(message: dict[str, Any], label: str) -> bool:
    return any(
        c.get("label") == label and bool(c.get("disabled")) for c in components_of(message)
    )


def page_of(message: dict[str, Any]) -> tuple[int, int]:
    found = re.search(r"page (\d+)/(\d+)", text_of(message))
    assert found, text_of(message)
    return int(found[1]), int(found[2])


def long_statement(paragraphs: int) -> str:
    """A ministry release whose paragraphs fill several pages of a document."""
    body = "\n\n".join(
        f"On March 1, 2023, Wang Yi said that principle {n} of the zebra crossing keeps "
        + "pedestrians and nations safe, and that cooperation is a shared road. " * 8
        for n in range(1, paragraphs + 1)
    )
    return f"Home > Crossings\nA long statement on zebra crossings\n\n2023-03-01 10:00\n\n{body}\n"


async def test_an_answer_turns_within_its_pages(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism United Nations"})
    message = await rec.response()
    page, pages = page_of(message)
    assert page == 1 and pages >= 2
    assert disabled(message, "◀") and not disabled(message, "▶")
    for expected in range(2, pages + 1):
        click = await emulator.click(message=message, custom_id=button(message, "▶"))
        message = await click.response()
        assert page_of(message) == (expected, pages)
    assert disabled(message, "▶") and not disabled(message, "◀")


async def test_a_document_pager_belongs_to_its_asker_and_expires(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(long_statement(12))
    async with start_bot(
        corpus=(corpus,), cache_dir=tmp_path / "cache", options={"view_timeout": 2.0}
    ):
        choices = await emulator.autocomplete("document", {"id": "zebra"}, focused="id")
        rec = await emulator.slash("document", {"id": choices[0]["value"]}, user=emulator.member)
        message = await rec.response()
        assert labels(message) == ["◀", "▶", "Delete"]
        assert page_of(message)[0] == 1 and page_of(message)[1] >= 2

        refused = await emulator.click(
            message=message, custom_id=button(message, "▶"), user=emulator.other
        )
        assert "Only the person who asked" in await private_reply(emulator, refused)
        assert page_of(emulator.messages[int(message["id"])])[0] == 1

        turned = await emulator.click(
            message=message, custom_id=button(message, "▶"), user=emulator.member
        )
        assert page_of(await turned.response())[0] == 2
        assert turned.callback_types == [7]  # rendered beforehand: edited in the callback

        await eventually(lambda: not labels(rec.original or {}), timeout=5)


async def test_a_posted_quote_has_context_and_delete_only(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism", "private": True})
    message = await rec.response()
    assert labels(message) == ["◀", "▶", "Context", "Post"]
    click = await emulator.click(message=message, custom_id=button(message, "Post"))
    posted = await click.response()
    assert labels(posted) == ["Context", "Delete"]
