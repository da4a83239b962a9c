"""One list of connectives (summarize.text.lexicon) for every rule that reads a sentence's opening word."""

from __future__ import annotations

import pytest

from summarize.polish.people import pronoun_subject
from summarize.polish.references import CONNECTIVE, VAGUE_OPENER
from summarize.text.fragments import imperative


@pytest.mark.parametrize("word", ["However", "Nevertheless", "Moreover", "Meanwhile", "Also", "Still"])
def test_each_rule_reads_the_same_connectives(word):
    assert CONNECTIVE.match(f"{word}, the visit alarmed Seoul.")  # dropped where it contrasts with nothing
    assert VAGUE_OPENER.match(f"{word}, they left early.")  # still points back after it
    assert pronoun_subject(f"{word}, at 49, he ran again.")  # a pronoun subject after it
    assert imperative(f"{word}, look at the way he ran.")  # and an instruction to the reader


def test_a_connective_word_in_another_use_is_none():
    assert not CONNECTIVE.match("Still unclear is what happened.")
    assert not CONNECTIVE.match("Instead of stopping, he ran.")
    assert not CONNECTIVE.match("Stillwater police said.") and not CONNECTIVE.match("Andrew left.")
