"""The factuality checker's reading of summaries: surface forms (PTB, case, number words, placeholders),
lexical alignment to one source sentence, polarity flips and how a sentence's evidence adds up."""

import pytest

from summarize.embed import get_embedder
from summarize.metrics.alignment import LexicalAligner, polarity_flips
from summarize.metrics.factuality import SourceIndex, Weights, check_summary, sentence_score
from summarize.metrics.surface import CaseTable, detokenize, summary_sentences, tokens
from summarize.text.facts import extract_facts
from summarize.types import Article


@pytest.mark.parametrize(
    "ptb, plain",
    [
        ("he did n't pay # 1m , or $ 10, 000 .", "he didn't pay £1m, or $10,000."),
        ("`` we 're no heroes , '' she said .", '"we\'re no heroes," she said.'),
        ("the uk independence party spent more than £100, 000", "the uk independence party spent more than £100,000"),
        ("44 % of them ( roughly )", "44% of them (roughly)"),
        ("a personal service unit -lrb- psu -rrb- , or -LSB- sic -RSB-", "a personal service unit (psu), or [sic]"),
    ],
)
def test_detokenize_undoes_ptb_spacing(ptb, plain):
    assert detokenize(ptb) == plain
    assert detokenize(plain) == plain  # untokenised text is left alone


def test_tokens_are_one_form_whatever_the_tokenisation():
    assert tokens("He didn't pay $10,000") == tokens("he did n't pay $ 10, 000")
    assert tokens("two stations") == tokens("2 stations")
    assert tokens("a unit -lrb- psu -rrb-") == tokens("a unit (PSU)")
    assert tokens("the second time") == tokens("the 2nd time")
    assert tokens("alexander UNK , [UNK]") == ["alexander", None, None]


def test_summary_sentences_end_at_a_standalone_full_stop_whatever_the_case():
    text = "the golfer 's girlfriend had posted a photo . the photo was shared with ` fans ' . it was n't long ."
    assert summary_sentences(text) == [
        "the golfer 's girlfriend had posted a photo .",
        "the photo was shared with ` fans ' .",
        "it was n't long .",
    ]
    # a splitter's cut at an abbreviation: the rest ("'s", ", ...") is the same sentence
    assert summary_sentences("he dressed as downey jr. 's character . he met robert downey jr. , chris evans .") == [
        "he dressed as downey jr. 's character .", "he met robert downey jr. , chris evans ."]


def test_case_table_restores_the_sources_names_only():
    table = CaseTable(["Liverpool boss Brendan Rodgers said. The Reds won. Rodgers praised the team in May."])
    assert table.restore("brendan rodgers praised the reds") == "Brendan Rodgers praised the Reds"
    assert table.restore("Brendan Rodgers Praised The Team") == "Brendan Rodgers praised the team"


def test_a_copy_scores_one_and_scattered_words_do_not():
    aligner = LexicalAligner([
        "Michelle said she would vote Labour.",
        "June and Andy were undecided.",
        "The three most likely to vote Conservative were Tom, Ann and Bob.",
    ])
    assert aligner.align("june and andy were undecided .").support == 1.0
    joined = aligner.align("the three most likely to vote labour were michelle, june and andy")
    assert joined.support < 0.7  # every word is in the sources, but not together
    assert {"michelle", "june", "andy", "labour"} <= set(joined.missing)


def test_repeats_are_supported_only_as_often_as_the_source_says_them():
    aligner = LexicalAligner(["The WRU's takeover of Newport Gwent Dragons will be put to the vote."])
    once = aligner.align("the wru's takeover of newport gwent dragons")
    thrice = aligner.align("newport gwent dragons take over newport gwent dragons and newport gwent dragons")
    assert once.support == 1.0 and thrice.support < 0.5


@pytest.mark.parametrize(
    "sentence, anchor, flips",
    [
        ("Putin did not arrive on Wednesday.", "Putin arrived on Wednesday.", ["arriv"]),
        ("Putin arrived on Wednesday.", "Putin did not arrive on Wednesday.", ["arriv"]),
        ("She is accused of marrying 10 men.", "She pleaded not guilty to marrying 10 men.", []),
        ("He was not the type to let illness decide.", "He was certainly not the type to let illness decide, "
         "and he did not stop.", []),
        ("rodgers has n't disciplined sterling .", "Rodgers hasn't disciplined Sterling.", []),
    ],
)
def test_polarity_flips_are_about_the_words_the_sentence_repeats(sentence, anchor, flips):
    assert polarity_flips(sentence, anchor) == flips


def test_the_anchor_is_drawn_from_by_the_whole_sentence_among_the_contexts_best_sources():
    text = ("Mike Tindall and his wife Zara Phillips were at Aintree for the Grand National on Saturday. "
            "Thousands of fans were at the course to watch the race. Many Clouds won the race.")
    index = SourceIndex.build([Article("a", text)], get_embedder("tfidf"))
    summary = "mike tindall and his wife zara phillips were at the grand national to watch the race ."
    # Its words outside the names ("and his wife were at the to watch the race") are most drawn from the
    # fans' sentence; the whole sentence, from the first one, which is among the context's three best.
    only_context = check_summary(summary, index, anchor_candidates=1).sentences[0]
    assert only_context.evidence[0]["sentence_index"] == 1 and only_context.words < 0.4
    checked = check_summary(summary, index).sentences[0]
    assert checked.evidence[0]["sentence_index"] == 0 and checked.words > 0.6
    # the context still decides which sentences may be the anchor: a swapped name scores lower
    swapped = check_summary(summary.replace("mike tindall", "many clouds"), index).sentences[0]
    assert swapped.score < checked.score - 0.1


def test_ordinals_and_number_words_are_not_counts():
    assert [(f.kind, f.key) for f in extract_facts("an 18th century museum")] == [("number", "18th")]
    assert [f.key for f in extract_facts("the eighteenth century")] == ["18th"]
    assert [f.key for f in extract_facts("two London Underground stations") if f.kind == "number"] == ["2"]


def test_one_fact_not_found_lowers_a_sentence_it_does_not_zero_it():
    w = Weights(facts=0.5, meaning=0.0)
    alone = sentence_score(0.9, 0.9, [], False, w)
    one_missing = sentence_score(0.9, 0.9, [1.0, 1.0, 1.0, 0.0], False, w)
    assert alone == 0.9 and 0.75 < one_missing < alone
    assert sentence_score(0.9, 0.9, [0.0], False, w) == pytest.approx(0.45)
    assert sentence_score(0.4, 0.9, [], True, w) == 1.0


@pytest.fixture(scope="module")
def index():
    text = ("The museum, built in the 18th century, will reopen. Two London Underground stations closed on "
            "Monday. The council funded the repairs with £10,000, officials said. He did not attend.")
    return SourceIndex.build([Article("a", text)], get_embedder("tfidf"))


@pytest.mark.parametrize(
    "summary",
    [
        "an 18th century museum will reopen .",
        "two london underground stations closed on monday .",
        "the council funded the repairs with # 10, 000 .",
        "the council funded UNK repairs with £ 10,000 .",
    ],
)
def test_benchmark_forms_raise_no_false_alarm(index, summary):
    s = check_summary(summary, index).sentences[0]
    assert s.label == "supported", s.reasons
    assert not any(f.status != "supported" for f in s.facts), s.facts
    assert all(f.support > 0.5 for f in s.facts), s.facts  # found where the sentence is drawn from


def test_wrong_facts_still_found_in_lower_case(index):
    date = check_summary("two london underground stations closed on tuesday .", index).sentences[0]
    assert date.label == "conflicting" and "tuesday" in date.reasons[0].lower()
    flip = check_summary("the council did not fund the repairs with £10,000 .", index).sentences[0]
    assert flip.label == "conflicting" and any("negation" in r for r in flip.reasons)
    for bad in (date, flip):
        good = check_summary("two london underground stations closed on monday .", index).sentences[0]
        assert bad.score < good.score


def test_a_name_the_sources_never_write_labels_the_cased_sentence_only(index):
    cased = check_summary("Boris Johnson said the museum will reopen.", index).sentences[0]
    lower = check_summary("boris johnson said the museum will reopen .", index).sentences[0]
    assert cased.label == "unsupported" and any("Boris Johnson" in r for r in cased.reasons)
    assert cased.score == pytest.approx(lower.score)  # the words' support already misses the name


def test_a_name_for_the_sources_pronoun_is_supported_by_the_pronouns_sentence():
    # the polish stage writes "Putin emphasized" where the article wrote "He emphasized" of Putin
    text = ("Russian President Vladimir Putin arrived in Pyongyang. He emphasized the countries' joint opposition "
            "to Western sanctions. Kim Jong Un met him.")
    index = SourceIndex.build([Article("a", text)], get_embedder("tfidf"))
    named = check_summary("Putin emphasized the countries' joint opposition to Western sanctions.", index).sentences[0]
    putin = next(f for f in named.facts if f.text == "Putin")
    assert putin.evidence["sentence_index"] == 1 and putin.support > 0.8
    # a name the article gave only after the pronoun's sentence, or in another article, is not its referent
    other = SourceIndex.build([Article("a", "He emphasized the joint opposition to Western sanctions. Then Putin left."),
                               Article("b", "On Tuesday Putin arrived.")], get_embedder("tfidf"))
    swapped = check_summary("Putin emphasized the joint opposition to Western sanctions.", other).sentences[0]
    assert next(f for f in swapped.facts if f.text == "Putin").support < 0.8
