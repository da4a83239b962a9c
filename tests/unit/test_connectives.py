"""One list of connectives (summarize.text.lexicon) for every rule that reads a sentence's opening word."""

from __future__ import annotations

import pytest

from summarize.polish.people import pronoun_subject
from summarize.polish.references import CONNECTIVE, VAGUE_OPENER
from summarize.text.fragments import continues_a_sequence, imperative


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


@pytest.mark.parametrize("word", ["Then", "Therefore", "Consequently", "Secondly", "Lastly", "Thus"])
def test_a_step_reads_as_one_for_every_rule(word):
    """The steps of a sequence ("Then", "Therefore,") are connectives for the rules that read past one, and a
    sentence opening with one is none an extract can take (``continues_a_sequence``)."""
    assert VAGUE_OPENER.match(f"{word}, they left early.")
    assert pronoun_subject(f"{word}, at 49, he ran again.")
    assert imperative(f"{word}, look at the way he ran.")
    assert continues_a_sequence(f"{word}, the visit alarmed Seoul.")
    assert not CONNECTIVE.match(f"{word}, the visit alarmed Seoul.")  # no contrast to drop: the sentence goes
