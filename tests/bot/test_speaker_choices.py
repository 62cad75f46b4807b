"""Speaker autocomplete reads a typed name as every speaker filter does
(``SpeakerRegistry.people``): a surname several people share is offered first, standing for
them all, then each of them."""

from __future__ import annotations

from pathlib import Path

from bot.cogs.choices import speaker_choices
from corpus.loader import load_corpus
from retrieval.index import Index
from tests.corpus.test_speakers import UNGDC_LIKE_ROWS, write_ungdc_like


def test_a_shared_surname_is_offered_first_for_everyone_it_names(tmp_path: Path) -> None:
    write_ungdc_like(tmp_path, UNGDC_LIKE_ROWS)
    index = Index.build(load_corpus([tmp_path], progress=False), progress=False)
    choices = speaker_choices(index, "bush")
    assert [choice.value for choice in choices] == ["bush", "George Bush", "George W. Bush"]
    assert choices[0].name == "bush · 2 people: George Bush and George W. Bush"
    biden = speaker_choices(index, "J. Biden")  # no word of it is in "Joseph R. Biden"
    assert [choice.value for choice in biden] == ["Joseph R. Biden"]
