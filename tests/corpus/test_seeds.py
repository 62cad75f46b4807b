"""The two seed documents, exactly: metadata, paragraph boundaries, who speaks, who is named."""

from __future__ import annotations

import pytest

from corpus.loader import Corpus, load_corpus
from corpus.models import DocDate, Document
from corpus.parse import SourceFields, parse_document

MFA = "000_043514e255436d6d.txt"
CNS = "004_3fff03c6e722727c.txt"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus()


def _document(corpus: Corpus, path: str) -> Document:
    return next(d for d in corpus.documents if d.path == path)


# (first words, last words, speakers, collective, mentions) for every paragraph, in order.
MFA_PARAGRAPHS = [
    (
        "On February 2, 2023, Foreign Minister Qin Gang held talks",
        "General Assembly Csaba Kőrösi in Beijing.",
        (),
        (),
        ("Qin Gang", "Csaba Kőrösi"),
    ),
    (
        "Qin Gang said that the world today is undergoing profound changes",
        "the work of the UN General Assembly and its president.",
        ("Qin Gang",),
        (),
        (),
    ),
    (
        "Qin Gang stressed that China firmly upholds the international system",
        "address new challenges to international security.",
        ("Qin Gang",),
        (),
        (),
    ),
    (
        "Kőrösi noted that China is an important partner of the UN",
        "one-China principle, and will never deviate from it.",
        ("Csaba Kőrösi",),
        (),
        (),
    ),
    (
        "The two sides also exchanged views on international hotspot issues",
        "protect the planet Earth, the only home for mankind.",
        (),
        ("both sides",),
        (),
    ),
]

CNS_PARAGRAPHS = [
    (
        "According to the website of the Ministry of Foreign Affairs, under the initiative",
        'as the Core." System” high-level meeting.',
        (),
        (),
        (),
    ),
    (
        "The meeting was chaired by State Councilor and Minister of Foreign Affairs Wang Yi.",
        "General Assembly Bozkor made a briefing to the meeting.",
        (),
        (),
        ("Wang Yi", "Volkan Bozkır"),
    ),
    (
        "Wang Yi pointed out that in September last year, Chinese President Xi Jinping",
        "we must adhere to the path of multilateralism.",
        ("Wang Yi",),
        (),
        ("Xi Jinping",),
    ),
    (
        "Wang Yi said that the United Nations is the banner of multilateralism. To adhere",
        "it is absolutely incompatible with unilateralism.",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "Wang Yi said that in the face of the epidemic of the century",
        "practice true multilateralism. China advocates:",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "We must cooperate and win-win, not zero-sum games. All countries",
        "achieve universal security and common prosperity.",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "Be fair and just, don't bully. The core is to promote",
        "cannot engage in exceptionalism and double standards.",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "Focus on action, don't just sit and talk. It is necessary",
        "take the lead in providing global public goods.",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "Respect diversity, don't stand alone. Each country has its own",
        "spirit of multilateralism, is a retrogression in history.",
        ("Wang Yi",),
        (),
        (),
    ),
    (
        "Wang Yi said that this year marks the 100th anniversary of the founding",
        "a community with a shared future for mankind.",
        ("Wang Yi",),
        (),
        ("Xi Jinping",),
    ),
    (
        "Participants generally believed that China’s initiative to hold this meeting",
        "Maintain international peace and promote common development.",
        (),
        ("participants",),
        (),
    ),
    (
        "Wang Yi made a concluding speech, saying that the attendance of so many",
        "better safeguard world peace and development.",
        ("Wang Yi",),
        (),
        (),
    ),
]


def test_ministry_release_metadata(seeds: Corpus) -> None:
    document = _document(seeds, MFA)
    assert document.title == (
        "Qin Gang Holds Talks with President of the 77th Session of the United Nations "
        "General Assembly Csaba Kőrösi"
    )
    assert document.date == DocDate(year=2023, month=2, day=2)
    assert document.date.precision == "day" and not document.date.inferred
    assert document.source == "Ministry of Foreign Affairs of the People's Republic of China"
    # The id is the start of the SHA-256 of the file's bytes (the README cites 5554e811-3).
    assert document.id == "5554e811"
    assert document.speakers == ("Qin Gang", "Csaba Kőrösi")


def test_news_report_metadata(seeds: Corpus) -> None:
    document = _document(seeds, CNS)
    # No title line: the opening words stand in.
    assert document.title == (
        "According to the website of the Ministry of Foreign Affairs, under the initiative of…"
    )
    # "China News Service, May 8th." gives month and day; the year comes from the text's
    # anchors (100th anniversary of the CPC's founding: 1921 + 100; the UN's 75th "last
    # year": 1945 + 75 + 1) and is marked inferred.
    assert document.date == DocDate(year=2021, month=5, day=8, inferred=True)
    assert document.date.precision == "day"
    assert document.source == "China News Service"
    assert document.speakers == ("Wang Yi",)


@pytest.mark.parametrize(("path", "expected"), [(MFA, MFA_PARAGRAPHS), (CNS, CNS_PARAGRAPHS)])
def test_paragraphs_speakers_and_mentions(
    seeds: Corpus,
    path: str,
    expected: list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]],
) -> None:
    document = _document(seeds, path)
    assert len(document.paragraphs) == len(expected)
    for position, (paragraph, (start, end, speakers, collective, mentions)) in enumerate(
        zip(document.paragraphs, expected, strict=True), 1
    ):
        assert paragraph.position == position
        assert paragraph.id == f"{document.id}-{position}"
        assert paragraph.text.startswith(start), position
        assert paragraph.text.endswith(end), position
        assert (paragraph.speakers, paragraph.collective, paragraph.mentions) == (
            speakers,
            collective,
            mentions,
        ), position


def test_title_date_line_dateline_and_chrome_are_not_paragraphs(seeds: Corpus) -> None:
    texts = [p.text for p in seeds.paragraphs()]
    assert not any("Home" in t and ">" in t for t in texts)
    assert not any("Suggest To A Friend" in t for t in texts)
    assert not any(t.startswith("2023-02-02") for t in texts)
    assert not any("China News Service, May 8th" in t for t in texts)
    assert not any(t.startswith("Qin Gang Holds Talks") for t in texts)


def test_indented_continuation_lines_join_their_paragraph(seeds: Corpus) -> None:
    paragraph = _document(seeds, CNS).paragraphs[3]
    assert paragraph.text == (
        "Wang Yi said that the United Nations is the banner of multilateralism. To adhere to "
        "multilateralism, we must maintain the basic norms of international relations based "
        "on the purposes and principles of the UN Charter, maintain the authority and status "
        "of the United Nations, and maintain the core role of the United Nations in "
        "international affairs. This is what the contemporary practice of multilateralism "
        "should be, and it is absolutely incompatible with unilateralism."
    )


def test_paragraph_text_is_verbatim(seeds: Corpus) -> None:
    with open(seeds.folders[0] / MFA, encoding="utf-8") as handle:
        raw = handle.read()
    for paragraph in _document(seeds, MFA).paragraphs:
        assert paragraph.text in raw


def test_speakers_across_the_seeds(seeds: Corpus) -> None:
    registry = seeds.speakers
    counts = {s.name: s.paragraph_count for s in registry.all()}
    assert counts["Wang Yi"] == 9
    assert counts["Qin Gang"] == 2
    assert counts["Csaba Kőrösi"] == 1
    assert registry.canonical("korosi") == "Csaba Kőrösi"
    assert registry.canonical("KŐRÖSI") == "Csaba Kőrösi"
    assert registry.canonical("Bozkor") == "Volkan Bozkır"
    assert registry.get("participants") is not None
    assert registry.get("participants").kind == "collective"  # type: ignore[union-attr]
    assert "Xi Jinping" not in counts  # mentioned, never speaking


def test_dateline_gives_source_without_metadata() -> None:
    from corpus.loader import embedded_corpus_folder

    text = (embedded_corpus_folder() / CNS).read_text(encoding="utf-8")
    parsed = parse_document(text, SourceFields(), aliases={})
    assert parsed.source == "China News Service"
    assert parsed.date == DocDate(year=2021, month=5, day=8, inferred=True)
    # Without speakers.yaml the mistranslated name stays as written.
    assert parsed.paragraphs[1].mentions == ("Wang Yi", "Bozkor")
