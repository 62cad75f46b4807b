"""Retrieval's text work is linear: excerpting a long paragraph and every pattern run on
paragraph text. Timed in a child interpreter killed after a timeout; bounds are generous."""

from __future__ import annotations

from tests.linear import pattern_seconds, statement_seconds


def test_excerpt_of_a_one_megabyte_paragraph_is_quick() -> None:
    # Scanning the paragraph once per candidate sentence took 9 s at 200 KB (minutes at 1 MB);
    # the linear version takes under a second at 1 MB.
    seconds = statement_seconds(
        "from retrieval.excerpt import excerpt\n"
        "from retrieval.tokenize import tokenize\n"
        "text = ' '.join(f'Sentence {n} says that peace matters.' for n in range(27_000))",
        "assert excerpt(text, ['peac', 'sentenc'], tokenize=tokenize)",
        timeout=60,
    )
    assert seconds < 10


def test_every_retrieval_pattern_is_linear_on_adversarial_text() -> None:
    modules = ["retrieval.excerpt", "retrieval.tokenize", "retrieval.duplicates"]
    seconds = pattern_seconds(modules, 20_000, timeout=60)
    assert "retrieval.excerpt._SENTENCE_END" in seconds
    slow = {label: s for label, s in seconds.items() if s > 5}
    assert not slow
