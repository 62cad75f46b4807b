"""/ask's country option on the UNGDC sample: the filter, its autocomplete, and a country the
corpus does not have."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.client import VerbatimBot
from tests.bot.conftest import StartBot, text_of
from tests.bot.emulator import Emulator


@pytest.fixture(scope="module")
def ungdc_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample is indexed once for this module's bots."""
    return tmp_path_factory.mktemp("ungdc-index-cache")


@pytest_asyncio.fixture
async def ungdc_bot(
    start_bot: StartBot, shared_dir: Path, ungdc_cache: Path
) -> AsyncIterator[VerbatimBot]:
    sample = shared_dir / "corpora" / "ungdc" / "sample"
    async with start_bot(corpus=(sample,), cache_dir=ungdc_cache) as running:
        yield running


async def test_ask_filters_by_a_country_typed_any_way(
    ungdc_bot: VerbatimBot, emulator: Emulator
) -> None:
    for typed in ("US", "United States"):
        rec = await emulator.slash("ask", {"question": "Ukraine", "country": typed})
        text = text_of(await rec.response())
        assert not rec.ephemeral
        assert "United States of America: statement in the General Debate" in text
        assert "Ukraine" in text
        assert "Lithuania" not in text and "United Kingdom" not in text


async def test_a_question_asked_of_a_country_is_scoped_to_it(
    ungdc_bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "What did the UK say about Ukraine?"})
    text = text_of(await rec.response())
    assert "country: United Kingdom" in text
    assert "United Kingdom: statement in the General Debate" in text


async def test_an_unknown_country_is_refused_privately_with_the_close_ones(
    ungdc_bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "Ukraine", "country": "Untied Kingdom"})
    message = await rec.response()
    assert rec.ephemeral
    assert rec.callback_types[0] == 4  # refused by the transformer, before any deferral
    assert "No country called “Untied Kingdom” in the corpus." in message["content"]
    assert "United Kingdom" in message["content"]


async def test_ask_autocompletes_countries(ungdc_bot: VerbatimBot, emulator: Emulator) -> None:
    choices = await emulator.autocomplete(
        "ask", {"question": "x", "country": "united"}, focused="country"
    )
    assert [c["value"] for c in choices] == [
        "United Arab Emirates",
        "United Kingdom",
        "United States",
    ]
    assert choices[2]["name"] == "United States · USA, 1 document"
    by_short_form = await emulator.autocomplete(
        "ask", {"question": "x", "country": "PRC"}, focused="country"
    )
    assert [c["value"] for c in by_short_form] == ["China"]
    assert "CHN, 78 documents" in by_short_form[0]["name"]
    exact_first = await emulator.autocomplete(
        "ask", {"question": "x", "country": "us"}, focused="country"
    )
    assert exact_first[0]["value"] == "United States"
    assert "Belarus" in [c["value"] for c in exact_first]  # "us" is in its name too
    everyone = await emulator.autocomplete(
        "ask", {"question": "x", "country": ""}, focused="country"
    )
    assert len(everyone) == 25
