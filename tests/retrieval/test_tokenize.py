"""The tokenizer: folding, stopwords, stemming, numbers, hyphens and possessives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.text import fold
from retrieval import tokenize as tokenizer
from retrieval.tokenize import STOPWORDS, parts_only, terms_and_parts, tokenize


def test_folds_case_and_accents() -> None:
    assert tokenize("Kőrösi") == tokenize("korosi") == tokenize("KOROSI") == ["korosi"]
    assert tokenize("Ｆｕｌｌ-width ﬁnance") == tokenize("full-width finance")


def test_drops_stopwords_and_stems() -> None:
    assert tokenize("The principles of the Charter") == ["principl", "charter"]
    assert tokenize("negotiations negotiating negotiated") == ["negoti"] * 3


@pytest.mark.parametrize("text", ["", "   ", "the of and to", "!!! … 🙂 🌍", "** __ ~~ @"])
def test_nothing_to_index(text: str) -> None:
    assert tokenize(text) == []


def test_parts_only_leaves_out_the_compound_its_parts_give() -> None:
    assert parts_only("one-China atoms-for-peace") == ["one", "china", "atom", "peac"]
    assert parts_only("well-being") == ["well"]
    assert parts_only("for-the") == ["forth"]  # no part gives a term: the compound stays
    assert parts_only("peace and security") == tokenize("peace and security")
    for text in ("one-China atoms-for-peace", "well-being", "for-the", "COVID-19 in 2,000 cases"):
        assert terms_and_parts(text) == (tokenize(text), parts_only(text))
    assert terms_and_parts("one-China") == (["one", "china", "onechina"], ["one", "china"])
    # A hyphen written as the non-breaking one is a hyphen too (NFKC makes it U+2010).
    assert parts_only("non‑aligned States") == ["non", "align", "state"]
    assert parts_only("The non‑aligned and well-being") == ["non", "align", "well"]


# Letters, digits (of other scripts too), joiners, ligatures, full-width forms and spaces.
ONE_WORD_PIECES = [*"aZ1_-'’,. ", "Peace", "ﬁ", "٣", "ß", "É", "Ｗ", "s"]


@given(st.lists(st.sampled_from(ONE_WORD_PIECES)).map("".join))
def test_one_word_is_read_as_the_word_rule_reads_it(text: str) -> None:
    # A text that folds to one word of letters and digits is looked up without the regex.
    words = tokenizer._WORD.findall(fold(text))
    assert tokenize(text) == " ".join(map(tokenizer._TERMS.__getitem__, words)).split()


def test_hyphenated_forms_give_their_words_and_the_compound() -> None:
    assert tokenize("one-China policy") == ["one", "china", "onechina", "polici"]
    assert set(tokenize("one China")) < set(tokenize("one-China"))
    assert tokenize("COVID-19") == ["covid", "19", "covid19"]
    assert tokenize("non‑aligned") == tokenize("non-aligned")  # a non-breaking hyphen
    assert tokenize("state-of-the-art") == ["state", "art", "stateoftheart"]
    assert tokenize("2010–2020") == ["2010", "2020"]  # an en dash separates, it does not join


@pytest.mark.parametrize("text", ["China's", "China’s", "Chinas'"])
def test_possessives_reduce_to_the_noun(text: str) -> None:
    assert tokenize(text) == ["china"]


def test_contractions_leave_no_fragments() -> None:
    assert tokenize("we don't, we'll, it's, they’re") == []


def test_single_letters_are_words() -> None:
    assert tokenize("T cells and vitamin D") == ["t", "cell", "vitamin", "d"]


def test_numbers_are_kept_whole() -> None:
    assert tokenize("the 2030 Agenda") == ["2030", "agenda"]
    assert tokenize("1.5°C") == ["1.5", "c"]
    assert tokenize("2,000 troops") == tokenize("2000 troops") == ["2000", "troop"]
    assert tokenize("the 77th session") == ["77th", "session"]
    assert tokenize("Resolution 2231.") == ["resolut", "2231"]


def test_repeats_are_kept_in_order() -> None:
    assert tokenize("peace, peace and development") == ["peac", "peac", "develop"]


def test_stopwords_are_folded_words() -> None:
    assert all(word == word.lower() and word.isalpha() for word in STOPWORDS)
    # Contraction pieces are handled by the apostrophe rule, not as stopwords.
    assert not STOPWORDS & {"s", "t", "d", "m", "ll", "ve", "re"}


def test_queries_and_paragraphs_share_the_tokenizer() -> None:
    paragraph = "Kőrösi noted that China is an important partner of the UN"
    assert set(tokenize("korosi partner")) <= set(tokenize(paragraph))


def test_the_memo_is_bounded_by_size_not_by_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from retrieval import tokenize as module

    long_word = "x" * 100_000
    assert tokenize(long_word) == [long_word]
    assert long_word not in module._TERMS  # analysed, never remembered
    monkeypatch.setattr(module, "_MEMO_BYTES", 10_000)
    module._TERMS.clear()
    module._TERMS.bytes = 0
    for number in range(1_000):
        tokenize(f"word{number}x" * 1 + " " + "y" * 60 + str(number))
        assert module._TERMS.bytes <= 10_000
    assert 0 < len(module._TERMS) < 100
    assert tokenize("word7x") == ["word7x"]  # forgetting changes nothing but speed
