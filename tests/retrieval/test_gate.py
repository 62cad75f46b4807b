"""The answerability gate: query terms, their idf weights, the features, the fitted decision on
constructed cases, and on the UNGDC sample (answer what should be answered, show only the
closest passages for what should not)."""

from __future__ import annotations

import math

import pytest

from retrieval import gate
from retrieval.answer import ask
from retrieval.gate import Features, answers, coverage, features, idf_weights, query_terms
from retrieval.index import Index


def test_a_hyphenated_words_joined_form_is_not_counted_twice(seeds: Index) -> None:
    assert "onechina" in seeds.tokens_of("one-China principle")
    assert query_terms("one-China principle") == ["one", "china", "principl"]
    assert query_terms("China china CHINA") == ["china"]
    # Whatever the parts' stems and stopwords: "atoms for peace" never gives "atomsforpeac".
    assert query_terms("Eisenhower's atoms-for-peace agency") == [
        "eisenhow",
        "atom",
        "peac",
        "agenc",
    ]
    assert query_terms("sea-bed well-being") == ["sea", "bed", "well"]


def test_idf_weights_are_the_index_idf_positive_and_top_unknown_ones(seeds: Index) -> None:
    n = seeds.n_paragraphs
    assert seeds.doc_freq("multilater") > n / 2 and seeds.doc_freq("zzzz") == 0
    weights = idf_weights(seeds, ["multilater", "principl", "zzzz", "principl"])
    assert list(weights) == ["multilater", "principl", "zzzz"]
    # A word in most paragraphs still weighs something (it weighed 0.05, a floor, before).
    assert weights["multilater"] == pytest.approx(math.log((n + 1) / seeds.doc_freq("multilater")))
    assert 0 < weights["multilater"] < weights["principl"] < weights["zzzz"]
    assert weights["zzzz"] == pytest.approx(math.log(n + 1))


def test_coverage_is_the_share_of_idf_mass_present(seeds: Index) -> None:
    weights = idf_weights(seeds, query_terms("one-China principle"))
    assert coverage(seeds, "One China Principle", weights) == 1.0
    assert coverage(seeds, "the principle", weights) == pytest.approx(
        weights["principl"] / sum(weights.values())
    )
    assert coverage(seeds, "nothing relevant", weights) == 0.0
    assert coverage(seeds, "anything", {}) == 0.0


def test_features_of_constructed_hits(seeds: Index) -> None:
    question = "one-China principle"
    weights = idf_weights(seeds, query_terms(question))
    whole = features(seeds, "the One China principle holds", weights, [9.0, 3.0], question)
    assert whole.coverage == 1.0 and whole.missing == 0.0 and whole.pairs == 1.0
    assert whole.margin == pytest.approx(6.0 / 9.0)
    apart = features(seeds, "a principle for China, one day", weights, [9.0, 9.0], question)
    assert apart.coverage == 1.0 and apart.pairs == 0.0 and apart.margin == 0.0
    lacking = features(seeds, "the principle", weights, [2.0], question)
    assert lacking.coverage < 1.0 and lacking.missing > 0.0


def test_each_feature_is_its_formula(seeds: Index) -> None:
    question = "one-China principle"
    weights = idf_weights(seeds, query_terms(question))
    most = sum(weights.values()) * (seeds.params.k1 + 1.0)
    highest = math.log(seeds.n_paragraphs + 1.0)
    lacking = features(seeds, "the principle", weights, [2.0], question)
    assert lacking.coverage == pytest.approx(weights["principl"] / sum(weights.values()))
    assert lacking.missing == pytest.approx(max(weights["one"], weights["china"]) / highest)
    assert lacking.reach == pytest.approx(2.0 / most)
    assert lacking.margin == 1.0  # no second hit: the best stands alone
    # A one-term query's pairs are all there; a ranking with no score has no reach or margin.
    alone = idf_weights(seeds, ["principl"])
    one = features(seeds, "the principle", alone, [], "principle")
    assert (one.pairs, one.reach, one.margin) == (1.0, 0.0, 0.0)


def _features(**given: float) -> Features:
    values = {"coverage": 1.0, "missing": 0.0, "reach": 0.5, "margin": 0.2, "pairs": 1.0}
    return Features(**{**values, **given})


def test_the_decision_on_constructed_cases() -> None:
    # Every word, as the question put them together: an answer.
    assert answers(_features())
    # The question's most distinctive word missing, the rest scattered: only the closest.
    assert not answers(_features(coverage=0.4, missing=1.0, reach=0.2, margin=0.0, pairs=0.0))
    # Each feature pulls the way it was fitted to: more coverage, adjacent pairs, a higher
    # score and margin for; a missing distinctive word against.
    base = _features(coverage=0.6, missing=0.6, reach=0.3, margin=0.1, pairs=0.5)
    for name, step in [("coverage", 0.3), ("reach", 0.3), ("margin", 0.3), ("pairs", 0.5)]:
        better = _features(**{**base.__dict__, name: getattr(base, name) + step})
        assert gate.probability(better) > gate.probability(base), name
    worse = _features(**{**base.__dict__, "missing": 1.0})
    assert gate.probability(worse) < gate.probability(base)


def test_every_term_together_is_an_answer_whatever_the_score() -> None:
    # So is a one-term query's hit that holds the term (pairs is 1 without pairs).
    found = Features(coverage=1.0, missing=0.0, reach=0.0, margin=0.0, pairs=1.0)
    assert gate.probability(found) >= 0.9 and answers(found)


# The fitted decision on the UNGDC sample.
ANSWERED = [
    "climate change",
    "Security Council reform",
    "What did China say about Taiwan?",
    "reform of the Security Council to give Africa permanent seats",
    "debt relief for developing countries and reform of international financial institutions",
    "Japan discharge of nuclear-contaminated water into the ocean",
    "one-China principle",
]
REFUSED = [
    "bitcoin mining regulation",
    "recipe for chocolate cake",
    "smartphone battery life",
    "Taylor Swift concert tickets",
    "best pizza in Naples",
    "iPhone release",
]


@pytest.mark.shared
@pytest.mark.parametrize("question", ANSWERED)
def test_calibrated_questions_are_answered(sample: Index, question: str) -> None:
    answer = ask(sample, question)
    assert answer.not_found is None and answer.hits


@pytest.mark.shared
@pytest.mark.parametrize("question", REFUSED)
def test_calibrated_questions_show_only_the_closest_passages(sample: Index, question: str) -> None:
    answer = ask(sample, question)
    assert answer.not_found and "closest passages" in answer.not_found
    assert 0 < len(answer.hits) <= 3 and answer.total == len(answer.hits)
    assert answer.suggestions


def test_the_fitted_values_are_documented_and_fitted_on_dev() -> None:
    import retrieval.gate

    doc = retrieval.gate.__doc__ or ""
    assert "fit_gate.py" in doc and "dev" in doc
    assert list(gate.COEFFICIENTS) == list(Features.__dataclass_fields__)


@pytest.mark.shared
def test_a_word_a_paragraph_or_two_hold_is_read_only_where_the_other_words_fit_the_reading(
    sample: Index,
) -> None:
    # "nition" is one scan's typo in the sample, "thant" one paragraph's U Thant: beside
    # "United", nations fits better than the spelling typed; beside "U", thank does not.
    assert sample.doc_freq("nition") == sample.doc_freq("thant") == 1
    assert read_as(sample, "What did the United Nitions do for peace?") == [("Nitions", "nation")]
    assert read_as(sample, "What did U Thant say about the Congo?") == []


def read_as(index: Index, text: str) -> list[tuple[str, str]]:
    """How ``gate.respelled`` reads each unknown word of ``text``: (as typed, term searched)."""
    return [(r.typed, r.term) for r in gate.respelled(index, text)[1]]


@pytest.mark.shared
def test_a_word_no_paragraph_holds_is_read_as_the_closest_one(sample: Index) -> None:
    text, replaced = gate.respelled(sample, "two permenant seats for africa with veto rigths")
    assert [(r.typed, r.term) for r in replaced] == [("permenant", "perman"), ("rigths", "right")]
    # The search reads a spelling one edit away whose stem the corpus holds.
    assert text == "two permanent seats for africa with veto rights"
    # A typo in a word's ending is three edits from the stem of the word meant.
    assert read_as(sample, "Securtiy Council") == [("Securtiy", "secur")]
    assert read_as(sample, "prooposal") == [("prooposal", "propos")]
    # Among the spellings one edit away, the commonest in the corpus ("reach" before "rich"),
    # the first letter kept ("Zrance" is no "France").
    assert read_as(sample, "riach") == [("riach", "reach")]
    assert read_as(sample, "Frnace") == [("Frnace", "franc")]
    # Each reading says whether it kept every letter typed, two of them swapped.
    assert [r.swapped for r in gate.respelled(sample, "riach Frnace")[1]] == [False, True]
    read = gate.respelled(sample, "Zrance Hrance Grance")[1]
    assert all(r.term[0] == r.typed[0].lower() for r in read)
    # A text of many unknown words is no question with typos: the first few are looked at.
    assert len(gate.respelled(sample, "Irak " * 20)[1]) == gate.RESPELL_MAX_WORDS
    # Never a stopword, which searches nothing ("abovee" is one edit from "above").
    assert all(r.term != "abov" for r in gate.respelled(sample, "abovee")[1])
    # Short words, and words two edits from the closest term under eight letters, stay.
    assert read_as(sample, "Mia Motley") == []
    assert read_as(sample, "vetoo") == [("vetoo", "veto")]
    assert read_as(sample, "vetu") == []
    # Four letters: only one letter written for another of its sound.
    assert read_as(sample, "Irak Gasa") == [("Irak", "iraq"), ("Gasa", "gaza")]
    assert read_as(sample, "Bush Cuva") == []  # not "busi" (business), not "cuba"
    # ... or as a word it is with a letter left out, where another word of the question is
    # (south beside Africa, 6.6 times likelier there than elsewhere on the full UNGDC).
    assert read_as(sample, "Suth Africa apartheid") == [("Suth", "south")]
    assert read_as(sample, "brng peace") == [("brng", "bring")]
    assert read_as(sample, "Suth") == []  # alone, nothing says which word is meant
    # A word read is context for the others: "vius" beside ebola, read after it.
    assert read_as(sample, "vius ebbola") == [("vius", "virus"), ("ebbola", "ebola")]
    # A possessive is read as the word it is of; punctuation around a word is not part of it.
    assert read_as(sample, "Mandella's legacy") == [("Mandella", "mandela")]
    assert read_as(sample, "[Mandella] (Securtiy)") == [
        ("Mandella", "mandela"),
        ("Securtiy", "secur"),
    ]
    assert read_as(sample, "iPhone") == []  # not "phone": the first letter differs
    # Two letters one apart swapped ("tsumani" for tsunami, on the full UNGDC): the other
    # words decide ("clamite" had been read as calamity alone, and not at all beside "change").
    assert read_as(sample, "clamite change") == [("clamite", "climat")]
    # Two letters swapped is read first: "polit" (713 paragraphs) is one edit from "ponit" too.
    assert read_as(sample, "ponit") == [("ponit", "point")]
    # A word two paragraphs hold may be the corpus's own typo: "peacefull" is in two.
    assert sample.doc_freq(sample.tokens_of("peacefull")[0]) == 2
    assert read_as(sample, "peacefull") == [("peacefull", "peac")]
    # Each part of a hyphenated word is looked at; the hyphen stays.
    assert gate.respelled(sample, "non-aligend countries")[0] == "non-aligned countries"
    assert read_as(sample, "taxing the suuper-rich") == [("suuper", "super")]
    # An acronym is meant as written: "LIBOR" is not "liber" (of liberation, liberal).
    assert read_as(sample, "the LIBOR scandal") == []
    # ... but for two letters swapped, every letter typed kept.
    assert read_as(sample, "the CVOID-19 response") == [("CVOID", "covid")]
    assert read_as(sample, "SECURTIY COUNCIL") == [("SECURTIY", "secur")]  # all in capitals


@pytest.mark.shared
def test_of_a_typos_spellings_the_one_its_neighbours_fit_is_read(sample: Index) -> None:
    # Alone, the commonest spelling one edit away; beside other words, the one they fit.
    assert read_as(sample, "amrica") == [("amrica", "africa")]
    assert read_as(sample, "Latin amrica") == [("amrica", "america")]
    assert read_as(sample, "enery") == [("enery", "everi")]
    assert read_as(sample, "renewable enery") == [("enery", "energi")]
    assert read_as(sample, "armed foces") == [("foces", "forc")]
    # Two letters swapped still comes first, whatever the other words.
    assert read_as(sample, "foreign ponit") == [("ponit", "point")]
    # The spelling's own commonness counts, as its square root: without it "sates" beside
    # "member" is seats and "pople" beside "million" population; in full, "econoy" beside
    # "digital" is the commoner economic.
    assert read_as(sample, "member sates") == [("sates", "state")]
    assert read_as(sample, "million pople") == [("pople", "peopl")]
    assert read_as(sample, "digital econoy") == [("econoy", "economi")]
    # Shares among a rare spelling's few paragraphs are smoothed: unsmoothed, "behin" beside
    # "force" is begin.
    assert read_as(sample, "force behin") == [("behin", "behind")]
    # Other words no paragraph of a spelling holds say little against it: Chernobyl's one
    # paragraph says neither Africa nor America, and the commonest is read.
    assert read_as(sample, "chernobyl amrica") == [("amrica", "africa")]
    # But a reading fewer than five paragraphs hold is none unless another word is beside
    # it: "afterthought" (three or four paragraphs) never is beside "nuclear".
    assert 0 < sample.doc_freq("afterthought") < gate.RESPELL_MIN_PARAGRAPHS
    assert read_as(sample, "aftrethought") == [("aftrethought", "afterthought")]
    assert read_as(sample, "nuclear aftrethought") == []
    # Beside another word, such a spelling is weighed with the commoner ones: "Martin" (three
    # paragraphs, all beside Luther and King), not marin (of marine, 45).
    assert 0 < sample.doc_freq("martin") < gate.RESPELL_MIN_PARAGRAPHS < sample.doc_freq("marin")
    assert read_as(sample, "Maritn Luther King") == [("Maritn", "martin")]
    # But not read first for being a swap: "counli" is stem "coun" (four paragraphs, scans'
    # "coun- cil"), one beside "security", where "Counil" is Council with a letter left out.
    assert 0 < sample.doc_freq("coun") < gate.RESPELL_MIN_PARAGRAPHS
    assert read_as(sample, "Security Counil reform") == [("Counil", "council")]
    # A word no paragraph holds is no other word.
    assert read_as(sample, "Xylophone amrica") == [("amrica", "africa")]
    # A word a paragraph or two hold stays unless the other words fit a spelling better:
    # alone, "consulate" (one paragraph) is read as consult, 104 paragraphs.
    assert read_as(sample, "consulate") == [("consulate", "consult")]
    assert read_as(sample, "communist consulate") == []


@pytest.mark.shared
def test_a_typo_is_read_beside_the_names_the_question_is_scoped_to(sample: Index) -> None:
    # Antarctica's one paragraph is Chile's, and says nothing of a "future": "what has Chile
    # said about the future of antartica" searches the last four words, scoped to Chile.
    assert 0 < sample.doc_freq("antarctica") < gate.RESPELL_MIN_PARAGRAPHS
    assert gate.respelled(sample, "the future of antartica")[1] == []
    text, read = gate.respelled(sample, "the future of antartica", "Chile")
    assert text == "the future of antarctica"
    assert [(r.typed, r.term) for r in read] == [("antartica", "antarctica")]
    assert gate.respelled(sample, "the future of antartica", "Nepal")[1] == []
    answer = ask(sample, "What has Chile said about the future of antartica?")
    assert answer.not_found is None
    assert "antarctica" in answer.hits[0].text.lower()


@pytest.mark.shared
def test_a_word_of_four_letters_is_read_only_beside_its_other_half(sample: Index) -> None:
    # "sace" is one edit from say, safe, space...: "outer" is hundreds of times likelier
    # beside space than elsewhere.
    assert read_as(sample, "outer sace") == [("sace", "space")]
    assert read_as(sample, "sace") == [("sace", "sake")]  # alone, by a letter of its sound
    # ... and so beside other words when no spelling is beside its other half.
    assert read_as(sample, "the Irak war") == [("Irak", "iraq")]
    # "Bush" (no paragraph of the sample) is not busy, which Iraq is no likelier beside.
    for question in ("What did Bush say about Iraq?", "what did bush say about iraq?"):
        assert read_as(sample, question) == []
        assert ask(sample, question).not_found


@pytest.mark.shared
def test_a_misspelt_question_is_answered_saying_how_it_was_read(sample: Index) -> None:
    answer = ask(sample, "two permenant seats for africa with veto rigths")
    assert answer.not_found is None and answer.hits
    # Said back as the answer writes the word read, never as the stem searched ("perman").
    said = "“permenant” as “permanent”, “rigths” as “rights” was searched"
    assert any(said in note for note in answer.understood)
    assert "permanent" in answer.hits[0].text.lower()


def test_a_rare_word_written_otherwise_counts_as_held(
    seeds: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Korosi on the UN"
    weights = idf_weights(seeds, query_terms(question))
    assert 0 < seeds.doc_freq("korosi") < seeds.n_paragraphs / 2

    def held(text: str) -> float:
        return features(seeds, text, weights, [5.0], question).coverage

    assert held("Kőrösi and the UN") == 1.0
    # Not rare (in over one paragraph in 20,000, as every word of the seeds is):
    assert held("Korossi and the UN") == held("the UN") < 1.0
    monkeypatch.setattr(gate, "RARE_TOPIC_SHARE", 0.5)  # rare: in under half the paragraphs
    assert held("Korossi and the UN") == 1.0  # a letter added
    assert held("Kroosi and the UN") == 1.0  # two swapped
    assert held("Korosy and the UN") == 1.0  # one changed
    assert held("Kosori and the UN") == 1.0  # its letters in another order ("Ghandi")
    assert held("Korrossi and the UN") == held("Xorosi and the UN") == held("the UN")
    five = idf_weights(seeds, query_terms("Csaba on the UN"))  # five letters are enough
    assert features(seeds, "Csabo and the UN", five, [5.0], "Csaba on the UN").coverage == 1.0
    # A short word is one edit from too many others: "Gang" is not held by "Gong".
    short = idf_weights(seeds, query_terms("Qin Gang"))
    assert 0 < seeds.doc_freq("gang") < seeds.n_paragraphs / 2
    assert features(seeds, "Qin Gong", short, [5.0], "Qin Gang").coverage < 1.0


@pytest.mark.shared
def test_rare_terms_are_held_by_a_few_paragraphs_and_some(
    sample: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = gate.idf_weights(sample, gate.query_terms("Chernobyl zzyzzx children"))
    assert gate.rare_terms(sample, weights) == []  # one paragraph is over 1/20,000 here
    monkeypatch.setattr(gate, "RARE_TOPIC_SHARE", 1 / 1_000)
    # "zzyzzx" weighs the most, held by none; "children" is in 220 of 14,372 paragraphs.
    assert gate.rare_terms(sample, weights) == ["chernobyl"]
    monkeypatch.setattr(gate, "RARE_TOPIC_SHARE", 1 / sample.n_paragraphs)  # one, and no more
    assert gate.rare_terms(sample, weights) == ["chernobyl"]


@pytest.mark.shared
def test_a_passage_holding_the_questions_rarest_word_names_its_topic(
    sample: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = (
        "Which speakers brought up Chernobyl, the place everyone remembers from the old days?"
    )
    # "chernobyl" is in one of the sample's 14,372 paragraphs: rare only past one in 14,372.
    assert sample.doc_freq("chernobyl") == 1
    assert ask(sample, question).not_found  # the default share: under one paragraph here
    monkeypatch.setattr(gate, "RARE_TOPIC_SHARE", 1 / 1_000)
    answer = ask(sample, question)
    assert answer.not_found is None and "Chernobyl" in answer.hits[0].text
    # Under a filter, a passage it keeps holding the rare word is an answer too (Ukraine's,
    # 2024); where it keeps none, the model alone decides.
    answer = ask(sample, f"{question} in 2024")
    assert answer.not_found is None and "Chernobyl" in answer.hits[0].text
    assert ask(sample, f"{question} in 2023").not_found
    # A query of no terms has no topic to name.
    assert not gate.names_the_topic(sample, "the Chernobyl disaster", {})
