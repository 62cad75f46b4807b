"""The excerpt's word memo and its located matches: the same words bold as a plain scan, and a
memo that stays within its bounds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import excerpt as excerpt_module
from retrieval.excerpt import matching_words, word_terms
from retrieval.tokenize import tokenize

# Pieces that meet at every edge the word rule has: hyphens and apostrophes inside and between
# words, underscores (not letters), accents, ligatures and digits of other scripts.
PIECES = [*"abAB1_-'’ .\n,éß", "peace", "Peace", "un", "UN", "one-China", "China’s", "ﬁ", "٣"]
TOKENS = ["peac", "un", "a", "b", "china", "onechina", "ab", "1", "fi"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=4),
)
def test_located_matches_are_those_of_a_word_by_word_scan(text: str, tokens: list[str]) -> None:
    scanned = excerpt_module._scan_words(text, frozenset(tokens), word_terms(tokenize))
    assert matching_words(text, tokens, tokenize) == scanned


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, *'()[]"“”‘’;:!?']), min_size=1, max_size=12))
def test_a_chunk_is_learned_with_the_words_the_word_rule_finds(pieces: list[str]) -> None:
    # Most chunks are a word in punctuation, learned without the regex: the same words.
    chunk = "".join("".join(pieces).split()) or "x"  # a chunk holds no whitespace
    assert word_terms(tokenize).learn(chunk) == tuple(excerpt_module._WORD.findall(chunk))


def test_a_word_inside_another_is_not_a_match() -> None:
    # "peace" and "UN" are found as text first; the words they begin are not theirs.
    text = "Peacekeeping, peace-loving and peace. UNESCO, the UN and X-UN"
    found = [text[s:e] for s, e, _ in matching_words(text, ["peac", "un"], tokenize)]
    assert found == ["peace-loving", "peace", "UN", "X-UN"]


def test_many_matching_words_are_scanned_word_by_word(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = excerpt_module._scan_words

    def spy(*args: object) -> object:
        calls.append("scan")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(excerpt_module, "_scan_words", spy)
    few = " ".join(f"peace-x{n}" for n in range(excerpt_module._LOCATED_WORDS))
    assert len(matching_words(few, ["peac"], tokenize)) == excerpt_module._LOCATED_WORDS
    assert calls == []
    many = few + " peace-extra"
    assert len(matching_words(many, ["peac"], tokenize)) == excerpt_module._LOCATED_WORDS + 1
    assert calls == ["scan"]


def test_the_memo_gives_the_tokenizers_terms_and_one_memo_per_tokenizer() -> None:
    def shout(text: str) -> list[str]:
        return [text.upper()]

    assert word_terms(tokenize)("Peacekeeping") == tuple(tokenize("Peacekeeping"))
    assert word_terms(shout)("peace") == ("PEACE",)
    assert word_terms(tokenize)("peace") == ("peac",)


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excerpt_module, "_MEMO_WORDS", 50)
    monkeypatch.setattr(excerpt_module, "_word_terms", {})
    memo = word_terms(tokenize)
    for n in range(500):
        memo(f"word{n}")
        assert len(memo.terms) <= 50
    long_word = "a" * (excerpt_module._MEMO_WORD_CHARS + 1)
    assert memo(long_word) == tuple(tokenize(long_word))
    assert long_word not in memo.terms


def test_the_memo_keeps_few_tokenizers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excerpt_module, "_word_terms", {})
    for n in range(20):

        def tokenizer(text: str, n: int = n) -> list[str]:
            return [text, str(n)]

        word_terms(tokenizer)
        assert len(excerpt_module._word_terms) <= excerpt_module._MEMO_TOKENIZERS


def test_a_paragraphs_chunks_are_remembered_and_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Words are found chunk by chunk: a chunk seen once is not read again, and its words are
    # found through the memo's chunks by term.
    monkeypatch.setattr(excerpt_module, "_word_terms", {})
    text = "Peace, and peace-loving nations; (peace) for the UN."
    first = matching_words(text, ["peac", "un"], tokenize)
    assert [text[s:e] for s, e, _ in first] == ["Peace", "peace-loving", "peace", "UN"]
    read: list[str] = []
    real = excerpt_module._WordTerms.learn

    def spy(self: excerpt_module._WordTerms, chunk: str) -> tuple[str, ...]:
        read.append(chunk)
        return real(self, chunk)

    monkeypatch.setattr(excerpt_module._WordTerms, "learn", spy)
    assert matching_words(text, ["peac", "un"], tokenize) == first
    assert matching_words(text + " Peace,", ["peac"], tokenize) == [
        (s, e, frozenset({"peac"})) for s, e, _ in first[:3]
    ] + [(len(text) + 1, len(text) + 6, frozenset({"peac"}))]
    assert read == []


def test_long_chunks_are_read_every_time_and_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excerpt_module, "_word_terms", {})
    long_chunk = "x" * excerpt_module._MEMO_WORD_CHARS + "/peace/un"
    text = f"{long_chunk} and peace"
    for _ in range(2):
        found = [text[s:e] for s, e, _ in matching_words(text, ["peac", "un"], tokenize)]
        assert found == ["peace", "un", "peace"]
    memo = word_terms(tokenize)
    assert long_chunk not in memo.chunk_words
    assert all(long_chunk not in chunks for chunks in memo.chunks_with.values())


def test_the_chunk_memo_is_bounded_and_starts_afresh_mid_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Past _MEMO_CHUNKS the memo starts afresh, even while a paragraph is read: the chunks
    # remembered before are gone, and the paragraph's words are still all found.
    monkeypatch.setattr(excerpt_module, "_MEMO_CHUNKS", 5)
    monkeypatch.setattr(excerpt_module, "_word_terms", {})
    known = "peace and the UN."
    assert len(matching_words(known, ["peac", "un"], tokenize)) == 2
    text = known + " " + " ".join(f"peace{n}" for n in range(8))
    scanned = excerpt_module._scan_words(text, frozenset(["peac", "un"]), word_terms(tokenize))
    assert matching_words(text, ["peac", "un"], tokenize) == scanned
    assert len(word_terms(tokenize).chunk_words) <= 5
