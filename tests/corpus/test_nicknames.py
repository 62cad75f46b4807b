"""Nicknames people ask by ("Dubya", "Bibi") name the person where the corpus has them."""

from __future__ import annotations

from corpus.models import Speaker
from corpus.nicknames import NICKNAMES
from corpus.speakers import SpeakerRegistry
from corpus.text import fold
from retrieval.question import understand
from tests.retrieval.word_counts import Counts

REGISTRY = SpeakerRegistry(
    [
        Speaker(name="George W. Bush", paragraph_count=120),
        Speaker(name="George Bush", paragraph_count=90),
        Speaker(name="Benjamin Netanyahu", paragraph_count=300),
        Speaker(name="Dunya Maumoon", paragraph_count=40),
    ]
)


def test_a_nickname_names_the_person_it_stands_for() -> None:
    assert REGISTRY.people("Dubya") == ("George W. Bush",)
    assert REGISTRY.people("bibi") == ("Benjamin Netanyahu",)
    assert REGISTRY.people("Bush 41") == ("George Bush",)
    assert REGISTRY.describe("Bush 43") == "George W. Bush"
    assert REGISTRY.resolve("Dubya") == ("George W. Bush", [])
    assert [s.name for s in REGISTRY.matching("Bibi")][:1] == ["Benjamin Netanyahu"]


def test_a_nickname_of_someone_the_corpus_lacks_names_no_one() -> None:
    assert REGISTRY.people("AMLO") == ()
    assert "amlo" not in REGISTRY.nicknames()
    assert REGISTRY.find_in_text("What did AMLO say about migration?") == []


def test_a_speaker_filed_under_the_nickname_keeps_it() -> None:
    registry = SpeakerRegistry(
        [Speaker(name="Che", paragraph_count=3), Speaker(name="Guevara", paragraph_count=50)]
    )
    assert registry.people("Che") == ("Che",)


def test_a_question_naming_someone_by_nickname_asks_them() -> None:
    counts = Counts(REGISTRY, {"iraq": 9000, "dunya": 3})
    u = understand("What did Dubya say about Iraq?", counts)
    # Not read as a typo of Dunya, one letter away.
    assert (u.speaker, u.notes) == ("George W. Bush", ())
    assert u.search_text.strip() == "Iraq"
    u = understand("bibi on the iran nuclear deal", Counts(REGISTRY, {"iran": 9000}))
    assert u.speaker == "Benjamin Netanyahu"


def test_every_nickname_is_one_and_names_a_full_name() -> None:
    folded = [fold(nickname) for nickname in NICKNAMES]
    assert len(set(folded)) == len(folded)
    for nickname, full in NICKNAMES.items():
        assert nickname.strip() == nickname and len(fold(nickname).replace(" ", "")) > 2
        assert len(full.split()) >= 2, full
