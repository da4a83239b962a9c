"""One list of connectives (summarize.text.lexicon) for every rule that reads a sentence's opening word."""

from __future__ import annotations

import pytest

from summarize.polish.people import pronoun_subject
from summarize.polish.references import VAGUE_OPENER
from summarize.text.fragments import CONNECTIVE, continues_a_sequence, imperative


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


@pytest.mark.parametrize("sentence", ["But then something happened.", "And so to France.",
                                      "And of course ask your parents permission first.",
                                      "And finally, you will save money and space."])
def test_a_step_or_an_instruction_behind_a_dropped_connective_is_still_one(sentence):
    """Out of its article the polish stage drops the connective ("But then something happened." read "Then
    something happened." in lead's Multi-News 169, "Of course ask your parents permission first." in 063):
    the rules read the sentence as it will stand. 28 of the shared data's sentences more are none an extract
    can take, all such openers ("And then", "But then", "And so", "And finally")."""
    from summarize.polish.standing import extractable

    assert continues_a_sequence(sentence) or imperative(sentence)
    assert not extractable(sentence, voice=False)


def test_a_dropped_connective_leaves_no_step_where_there_was_none():
    assert not continues_a_sequence("But so far none did.")
    assert not continues_a_sequence("And later this week, he spoke.")
    assert not continues_a_sequence("But Then-President Bush spoke.") and not imperative("And Read wrote the song.")
