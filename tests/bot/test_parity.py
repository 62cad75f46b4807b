"""The terminal and the bot give the same hits for the same lookup.

Each case runs a slash command against the emulator and the same lookup as ``verbatim … --json``
in-process, both on the embedded seeds, and compares the citation ids: those the bot's message
shows in order (as code spans) and those of the JSON. A page holds ``PER_PAGE`` hits in the bot,
so the CLI is asked for as many with ``-k``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.cli import main
from bot.client import VerbatimBot
from bot.server_settings import PER_PAGE
from corpus.ids import as_citation_id
from tests.bot.conftest import QIN, WANG, text_of
from tests.bot.emulator import Emulator

K = ["-k", str(PER_PAGE)]


def cited(message: dict[str, Any]) -> list[str]:
    """The citation ids a message shows, in order, each once (a code span holding one)."""
    spans = re.findall(r"`([^`\n]+)`", text_of(message))
    ids = [found for span in spans if (found := as_citation_id(span))]
    return list(dict.fromkeys(ids))


def documents_listed(message: dict[str, Any]) -> list[str]:
    """The document ids a message shows as code spans (a document id has no position)."""
    spans = re.findall(r"`([0-9a-f]{8,64})`", text_of(message))
    return list(dict.fromkeys(spans))


def verbatim_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> Any:
    capsys.readouterr()
    assert main([*arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def hit_ids(answer: dict[str, Any]) -> list[str]:
    return [hit["id"] for hit in answer["hits"]]


async def test_speaker(
    bot: VerbatimBot, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    message = await (await emulator.slash("speaker", {"name": "Korosi"})).response()
    answer = verbatim_json(capsys, "speaker", "Korosi", *K)
    assert cited(message) == hit_ids(answer) == [f"{QIN}-4"]
    message = await (await emulator.slash("speaker", {"name": "wang yi"})).response()
    assert cited(message) == hit_ids(verbatim_json(capsys, "speaker", "wang yi", *K))
    assert len(cited(message)) == PER_PAGE


async def test_date(
    bot: VerbatimBot, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    message = await (await emulator.slash("date", {"when": "May 2021"})).response()
    dated = verbatim_json(capsys, "date", "May 2021", *K)
    assert documents_listed(message) == [d["id"] for d in dated["documents"]] == [WANG]
    assert cited(message) == hit_ids(dated["answer"])
    assert len(cited(message)) == PER_PAGE


async def test_quote(
    bot: VerbatimBot, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    message = await (await emulator.slash("quote", {"passage": f"{QIN}-3"})).response()
    quoted = verbatim_json(capsys, "quote", f"{QIN}-3")
    assert cited(message) == [quoted["id"]] == [f"{QIN}-3"]
    assert quoted["text"] in text_of(message)


async def test_document(
    bot: VerbatimBot, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    message = await (await emulator.slash("document", {"id": QIN})).response()
    document = verbatim_json(capsys, "document", QIN)
    assert f"document {document['id']} · {document['path']}" in text_of(message)
    shown = cited(message)  # the bot's first page of paragraphs
    assert shown and shown == [p["id"] for p in document["shown"]][: len(shown)]


@pytest.mark.parametrize(
    "question",
    ["What did Wang Yi say about multilateralism?", "korosi one-China", "Qin Gang on the UN"],
)
async def test_ask(
    bot: VerbatimBot, emulator: Emulator, capsys: pytest.CaptureFixture[str], question: str
) -> None:
    message = await (await emulator.slash("ask", {"question": question})).response()
    answer = verbatim_json(capsys, "ask", question, *K)
    assert cited(message) == hit_ids(answer)
    assert answer["hits"]
