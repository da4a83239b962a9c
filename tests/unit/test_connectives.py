"""One list of connectives (summarize.text.lexicon) for every rule that reads a sentence's opening word."""

from __future__ import annotations

import pytest

from summarize.polish.references import VAGUE_OPENER
from summarize.polish.subjects import pronoun_subject
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


@pytest.mark.parametrize("word", ["Then", "Therefore", "Consequently", "Secondly", "Lastly", "Thus", "As a result",
                                  "In turn", "Accordingly", "In response"])
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


def test_a_result_is_a_step_only_with_its_comma():
    """"In turn, these policies helped foster the rise of ISIS ..." (NeuS 280) and "Accordingly, the deletion is
    present at the time of conception." (Multi-News 075) stood in extractive summaries after sentences they do
    not follow; 43 of the shared articles' sentences open with such a phrase and its comma."""
    assert continues_a_sequence("In turn, these policies helped foster the rise of ISIS.")
    assert not continues_a_sequence("As a result of the storm, 20 flights were cancelled.")
    assert not continues_a_sequence("In response to the ruling, the firm appealed.")


@pytest.mark.parametrize("sentence, polished", [
    ("For instance, widely used GPS tracking devices do not work indoors.",
     "Widely used GPS tracking devices do not work indoors."),  # Multi-News 129's extract
    ("In fact, the film is really just more of the same.", "The film is really just more of the same."),
    ("Sure, Heath earned a master's degree at age 17.", "Heath earned a master's degree at age 17."),  # Multi-News 003
    ("Plus, GOP lawmakers say that Lerner gave a half-truth.", "GOP lawmakers say that Lerner gave a half-truth."),
    ("By contrast, he said, digging up roads can take weeks.", "He said digging up roads can take weeks."),
    ("Also, said Mr Flynn, Vodafone has cut off ten sellers.", "Mr Flynn said Vodafone has cut off ten sellers."),
    ("But, he said, the Mac mini changed that perception.", "He said the Mac mini changed that perception."),
    ("Indeed, said Mr Makower, credit cards are rare in China.", "Mr Makower said credit cards are rare in China."),
])
def test_a_phrase_that_illustrates_or_compares_goes_and_a_speaker_set_apart_becomes_the_subject(sentence, polished):
    """Out of its article "For instance," illustrates nothing, as "However," contrasts with nothing (245 of the
    shared sentences open with such a phrase: "In fact", "For example", "Indeed", "In contrast", ...); where the
    speaker stood between commas after it ("But, he said, the Mac mini ..."), the speaker is the subject: "He
    said, the Mac mini changed that perception." had been the polished sentence (38 shared sentences)."""
    from summarize.text.fragments import as_polished

    assert as_polished(sentence) == polished
    assert as_polished("He said, the Mac mini changed it.") == "He said, the Mac mini changed it."  # as written
