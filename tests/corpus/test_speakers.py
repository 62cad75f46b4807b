"""Reported speech, collective speakers, mentions, and the speaker registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.attribution import DocumentNames, attribute
from corpus.clean import BadInput
from corpus.models import Speaker
from corpus.names import strip_honorifics
from corpus.parse import SourceFields, parse_document
from corpus.speakers import SpeakerRegistry, read_speakers_yaml


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Qin Gang said that the world is changing.", "Qin Gang"),
        (
            "State Councilor and Minister of Foreign Affairs Wang Yi said that peace matters.",
            "Wang Yi",
        ),
        ("Chinese Foreign Minister Qin Gang stressed the point.", "Qin Gang"),
        ("Wang Yi pointed out that the UN is central.", "Wang Yi"),
        ("Wang Yi also added that cooperation is key.", "Wang Yi"),
        ("Wang Yi made a concluding speech, saying that all went well.", "Wang Yi"),
        (
            "Noting that the Assembly is universal, Qin Gang said that China supports it.",
            "Qin Gang",
        ),
        ('"We will keep going," said Antonio Guterres.', "Antonio Guterres"),
        ("Secretary-General Antonio Guterres warned that time is short.", "Antonio Guterres"),
        ("Ursula von der Leyen noted the progress.", "Ursula von der Leyen"),
    ],
)
def test_reported_speech(text: str, speaker: str) -> None:
    assert attribute(text, DocumentNames()).speakers == (speaker,)


@pytest.mark.parametrize(
    "text",
    [
        "China believes that multilateralism is the way.",  # a country, not a person
        "The UN should uphold inclusiveness.",
        "Chinese President Xi Jinping attended the meeting.",
        "Wang Yi said that President Xi Jinping stressed it.",
        "Saudi Arabia said it would attend.",
    ],
)
def test_not_a_new_speaker(text: str) -> None:
    speakers = attribute(text, DocumentNames()).speakers
    assert "Xi Jinping" not in speakers and "China" not in speakers
    assert "Saudi Arabia" not in speakers


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Participants generally believed that the meeting was timely.", "participants"),
        ("On the water plan, both sides stressed the need to act.", "both sides"),
        ("The two sides agreed to meet again.", "both sides"),
        ("Both leaders expressed satisfaction.", "both leaders"),
    ],
)
def test_collective_speakers(text: str, label: str) -> None:
    found = attribute(text, DocumentNames())
    assert found.collective == (label,)
    assert found.speakers == ()


def test_mentions_are_not_speakers() -> None:
    found = attribute(
        "Wang Yi pointed out that Chinese President Xi Jinping attended the meetings.",
        DocumentNames(),
    )
    assert found.speakers == ("Wang Yi",)
    assert found.mentions == ("Xi Jinping",)


def test_bare_surname_resolves_to_the_full_name_seen_in_the_document() -> None:
    names = DocumentNames()
    first = attribute(
        "Foreign Minister Qin Gang met President of the Assembly Csaba Kőrösi.", names
    )
    assert first.mentions == ("Qin Gang", "Csaba Kőrösi")
    assert attribute("Kőrösi noted that China matters.", names).speakers == ("Csaba Kőrösi",)
    assert names.short_forms == {"Csaba Kőrösi": {"Kőrösi"}}
    # Unknown one-word names are not speakers.
    assert attribute("Smith said so.", DocumentNames()).speakers == ()


def test_continuations_inherit_and_narration_does_not() -> None:
    text = (
        "Wang Yi said that the world is changing. China advocates:\n\n"
        "We must cooperate, not play zero-sum games.\n\n"
        "He added that the UN is central.\n\n"
        "The two sides also held talks on trade.\n\n"
        "Trade grew fast last year."
    )
    parsed = parse_document(text, SourceFields(), aliases={})
    assert [p.speakers for p in parsed.paragraphs] == [
        ("Wang Yi",),
        ("Wang Yi",),
        ("Wang Yi",),
        (),
        (),
    ]
    assert parsed.paragraphs[3].collective == ()  # "held talks": narration, not speech


def test_metadata_speakers_speak_every_paragraph() -> None:
    text = "Mr. President,\n\nWe thank the Secretary-General Antonio Guterres.\n\nIt is done.\n"
    parsed = parse_document(text, SourceFields(speakers=("Luis Arce",)), aliases={})
    assert all(p.speakers == ("Luis Arce",) for p in parsed.paragraphs)
    assert parsed.paragraphs[1].mentions == ("Antonio Guterres",)


def test_aliases_from_speakers_yaml_apply_in_text() -> None:
    aliases = {"bozkor": "Volkan Bozkır", "volkan bozkır": "Volkan Bozkır"}
    parsed = parse_document(
        "Bozkor said that the Assembly will meet.\n\nThe Assembly met.",
        SourceFields(),
        aliases=aliases,
    )
    assert parsed.paragraphs[0].speakers == ("Volkan Bozkır",)


def test_strip_honorifics() -> None:
    assert strip_honorifics("Mr. Arce") == "Arce"
    assert strip_honorifics("H.E. Mr. Wang Yi") == "Wang Yi"
    assert strip_honorifics("His Excellency Luis Arce") == "Luis Arce"
    assert strip_honorifics("Mr.") == "Mr."


@pytest.fixture
def registry() -> SpeakerRegistry:
    return SpeakerRegistry(
        [
            Speaker(name="Csaba Kőrösi", aliases=("Kőrösi",), paragraph_count=1),
            Speaker(name="Wang Yi", paragraph_count=9),
            Speaker(name="Volkan Bozkır", aliases=("Bozkor",), role="PGA 75"),
            Speaker(name="Arce", aliases=("Mr. Arce",), paragraph_count=3),
            Speaker(name="participants", kind="collective", paragraph_count=1),
        ]
    )


def test_registry_lookups(registry: SpeakerRegistry) -> None:
    assert registry.canonical("korosi") == "Csaba Kőrösi"
    assert registry.canonical("CSABA KOROSI") == "Csaba Kőrösi"
    assert registry.canonical("bozkor") == "Volkan Bozkır"
    assert registry.canonical("Mr. Arce") == "Arce"
    assert registry.canonical("Mr.  Arce") == "Arce"
    assert registry.canonical("nobody") is None
    assert registry.get("bozkor").role == "PGA 75"  # type: ignore[union-attr]
    assert [s.name for s in registry.all()][:3] == ["Wang Yi", "Arce", "Csaba Kőrösi"]
    assert registry.suggest("Wang Yii") == ["Wang Yi"]
    assert registry.suggest("Korosy")[0] == "Csaba Kőrösi"


def test_registry_rebuilds_from_json(registry: SpeakerRegistry) -> None:
    dumped = [s.model_dump(mode="json") for s in registry.all()]
    rebuilt = SpeakerRegistry(Speaker.model_validate(s) for s in dumped)
    assert rebuilt.all() == registry.all()
    assert rebuilt.canonical("korosi") == "Csaba Kőrösi"


def test_find_in_text(registry: SpeakerRegistry) -> None:
    text = "What did Kőrösi and wang yi say, and did Csaba Korosi agree with participants?"
    spans = registry.find_in_text(text)
    assert [(text[s:e], name) for s, e, name in spans] == [
        ("Kőrösi", "Csaba Kőrösi"),
        ("wang yi", "Wang Yi"),
        ("Csaba Korosi", "Csaba Kőrösi"),
    ]
    assert registry.find_in_text("wangyi Arcева") == []
    assert registry.find_in_text("Straße Arce") == [(7, 11, "Arce")]


def test_read_speakers_yaml(tmp_path: Path) -> None:
    good = tmp_path / "speakers.yaml"
    good.write_text(
        "Volkan Bozkır:\n  aliases: [Bozkor, Bozkir]\n  role: President of the 75th Session\n"
        "Wang Yi: [Wang]\n",
        encoding="utf-8",
    )
    speakers = read_speakers_yaml(good)
    assert speakers[0] == Speaker(
        name="Volkan Bozkır", aliases=("Bozkor", "Bozkir"), role="President of the 75th Session"
    )
    assert speakers[1].aliases == ("Wang",)
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"unreadable speakers\.yaml"):
        read_speakers_yaml(bad)
