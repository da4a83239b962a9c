"""Facts, the offline checker's labels, corruptions and the SummaC-ZS scorer."""

import random

import pytest

from summarize.embed import get_embedder
from summarize.metrics.corruptions import CORRUPTIONS, corrupt_date, corrupt_entity, corrupt_negation, is_alias
from summarize.metrics.factuality import SourceIndex, check_summary
from summarize.text.facts import extract_facts
from summarize.types import Article

SOURCES = [
    Article(
        "a",
        "Pyongyang has shipped approximately 6,700 containers of munitions to Russia between August and "
        "February, the defense minister said. Putin arrived in Pyongyang on Wednesday, June 19.",
    ),
    Article(
        "b",
        "North Korea sent over 11,000 containers of munitions to Russia. The delegation includes Deputy "
        "Prime Minister Alexander Novak. Kim Jong Un greeted Putin at the airport.",
    ),
    Article("c", "The delegation includes Deputy Prime Minister Denis Manturov and Defense Minister Andrei Belousov."),
]


@pytest.fixture(scope="module")
def index():
    return SourceIndex.build(SOURCES, get_embedder("tfidf"))


def keys(text, kind):
    return [f.key for f in extract_facts(text) if f.kind == kind]


@pytest.mark.parametrize("text", ["6,700 shells", "6700 shells", "6.7 thousand shells", "about 6.7 thousand shells"])
def test_numbers_are_unit_aware(text):
    assert keys(text, "number") == ["6700"]


def test_dates_entities_pronouns():
    facts = extract_facts(
        "On Wednesday, June 19, 2024, Russian President Vladimir Putin met Kim in Pyongyang; he did not stay."
    )
    assert [f.key for f in facts if f.kind == "date"] == ["wednesday", "june 19", "2024"]
    assert [f.key for f in facts if f.kind == "entity"] == ["russian", "vladimir putin", "kim", "pyongyang"]
    assert [f.key for f in facts if f.kind == "pronoun"] == ["m"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The boy fell at around 3pm on Saturday.", [("date", "15:00"), ("date", "saturday")]),
        ("Shots were fired about 11.50 p.m. Friday.", [("date", "23:50"), ("date", "friday")]),
        ("It began at 5 a.m, police said, and ended at 12 pm.", [("date", "05:00"), ("date", "12:00")]),
        ("United beat Villa 3-1 and drew 2–2.", [("number", "3-1"), ("number", "2-2")]),
        ("The 10-year-old fell 10-12ft.", [("number", "10"), ("number", "10"), ("number", "12")]),
    ],
)
def test_times_of_day_and_scorelines_are_single_facts(text, expected):
    # An 11.50pm shooting is no "about 11" (a number), and a 3-1 win is one fact, not a 3 and a 1.
    assert sorted((f.kind, f.key) for f in extract_facts(text) if f.kind in ("number", "date")) == sorted(expected)


def test_changed_time_or_scoreline_is_not_supported_by_its_parts():
    idx = SourceIndex.build(
        [Article("a", "The toddler fell into the pit on Saturday around 3pm. United beat Villa 3-1 in April.")],
        get_embedder("tfidf"),
    )
    result = check_summary("The toddler fell into the pit around 11pm. United beat Villa 3-3 in April.", idx)
    assert [s.label for s in result.sentences] == ["conflicting", "conflicting"]
    # the rival of a time of day is the source's time, not its weekday
    assert result.sentences[0].reasons[0].endswith("says 3pm") and "says 3-1" in result.sentences[1].reasons[0]
    assert check_summary("The toddler fell into the pit around 3 p.m. United beat Villa 3-1 in April.", idx).score > 0.8
    assert corrupt_date("He fell at 11.50 p.m. on the day.", random.Random(0)) == "He fell at 3.50 p.m. on the day."


def test_supported_sentence_cites_its_source(index):
    result = check_summary("Kim Jong Un greeted Putin at the airport.", index)
    s = result.sentences[0]
    assert s.label == "supported" and s.evidence[0]["article_id"] == "b"
    assert all(f.status == "supported" for f in s.facts) and result.score > 0.8


def test_rewritten_number_still_supported(index):
    s = check_summary("Pyongyang shipped about 6.7 thousand containers of munitions to Russia.", index).sentences[0]
    number = [f for f in s.facts if f.kind == "number"][0]
    assert number.status == "supported" and number.evidence["article_id"] == "a"


def test_missing_entity_is_unsupported(index):
    s = check_summary("Kim Jong Un greeted Xi Jinping at the airport.", index).sentences[0]
    assert s.label == "unsupported" and any("xi jinping" in r.lower() for r in s.reasons)


def test_wrong_date_conflicts_with_the_source_sentence(index):
    s = check_summary("Putin arrived in Pyongyang on Tuesday, June 18.", index).sentences[0]
    assert s.label == "conflicting"
    assert any("Tuesday" in r and "Wednesday" in r for r in s.reasons)


@pytest.mark.parametrize(
    "sentence, side",
    [
        ("North Korea has shipped 11,000 containers of munitions to Russia.", "11,000"),
        ("The delegation includes Deputy Prime Minister Alexander Novak.", "Alexander Novak"),
    ],
)
def test_one_side_of_a_discrepancy_as_settled_fact_conflicts(index, sentence, side):
    s = check_summary(sentence, index).sentences[0]
    assert s.label == "conflicting"
    assert any(f"states {side}" in r and "sources differ" in r for r in s.reasons)


def test_attributed_side_is_not_settled(index):
    s = check_summary(
        "North Korea sent over 11,000 containers of munitions to Russia, according to one report.", index
    ).sentences[0]
    assert s.label == "supported"


def test_example_cluster_discrepancies_and_labels(example_dir):
    from summarize.evaluation import read_sources

    articles = read_sources([example_dir])["putin-north-korea"]
    idx = SourceIndex.build(articles, get_embedder("tfidf"))
    kinds = {d.key: d for d in idx.discrepancies}
    assert [s.value for s in kinds["containers"].sides] == ["6,700", "11,000"]
    assert "approximately" in kinds["containers"].sides[0].qualifiers
    assert "between august and february" in [t.lower() for t in kinds["containers"].sides[0].time_frames]
    assert "over" in kinds["containers"].sides[1].qualifiers
    assert {"Alexander Novak"} == {s.value for s in kinds["deputy prime minister"].sides if "Novak" in s.value}
    result = check_summary(
        "Russia's President Vladimir Putin visits North Korea for the first time in 24 years. "
        "The delegation includes Deputy Prime Minister Alexander Novak.",
        idx,
    )
    assert [s.label for s in result.sentences] == ["supported", "conflicting"]


def test_corruptions_change_what_they_say():
    rng = random.Random(1)
    text = "Putin arrived in Pyongyang on Wednesday. Kim Jong Un has greeted him."
    assert corrupt_date(text, rng) != text and "Wednesday" not in corrupt_date(text, random.Random(2))
    assert "has not greeted" in corrupt_negation("Kim Jong Un has greeted him.", rng)
    swapped = corrupt_entity(text, random.Random(0), pool=["Moon Jae-in", "Seoul"], sources="in Seoul")
    assert swapped != text and ("Moon Jae-in" in swapped or "Seoul" in swapped)
    assert is_alias("TSA", "Transportation Security Administration") and not is_alias("Kim", "Putin")
    assert set(CORRUPTIONS) == {"entity", "number", "date", "negation", "pronoun"}


@pytest.mark.parametrize("kind", ["number", "date", "entity"])
def test_checker_ranks_original_above_corruption(index, kind):
    original = "Kim Jong Un greeted Putin at the airport. Putin arrived in Pyongyang on Wednesday, June 19."
    original += " Pyongyang shipped approximately 6,700 containers of munitions to Russia between August and February."
    pool = ["Andrei Belousov", "Denis Manturov", "Alexander Novak"]
    kwargs = {"pool": pool, "sources": "Defense Minister Andrei Belousov"} if kind == "entity" else {}
    supported = lambda fact, sentence: index.grounded(fact, sentence)  # noqa: E731
    corrupted = CORRUPTIONS[kind](original, random.Random(3), supported=supported, **kwargs)
    assert corrupted and corrupted != original
    assert check_summary(original, index).score > check_summary(corrupted, index).score


def test_nli_scorer_loads_a_local_classifier_and_scores_batched(tiny_nli_dir):
    from summarize.metrics.nli import NLIScorer

    one = NLIScorer(str(tiny_nli_dir), batch_size=1, device="cpu")
    many = NLIScorer(str(tiny_nli_dir), batch_size=64, device="cpu")
    sources = [a.text for a in SOURCES]
    summary = "Putin arrived in Pyongyang. Kim greeted him."
    a, b = one.score(sources, summary, chunk_words=20), many.score(sources, summary, chunk_words=20)
    assert a.matrix.shape == (2, b.matrix.shape[1]) and a.matrix.shape[1] >= 3
    assert a.matrix == pytest.approx(b.matrix, abs=1e-5)
    assert (a.matrix >= -1).all() and (a.matrix <= 1).all()
    assert a.score == pytest.approx(a.matrix.max(axis=1).mean())
    assert set(a.labels()) <= {"supported", "unsupported", "conflicting"}


def test_nli_model_without_entailment_label_is_refused(tmp_path, tiny_nli_dir):
    import json
    import shutil

    from summarize.errors import ConfigError
    from summarize.metrics.nli import NLIScorer

    bad = tmp_path / "bad"
    shutil.copytree(tiny_nli_dir, bad)
    cfg = json.loads((bad / "config.json").read_text())
    cfg["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    cfg["label2id"] = {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2}
    (bad / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ConfigError, match="needs 'entailment' and 'contradiction'"):
        NLIScorer(str(bad), device="cpu")


def test_missing_nli_model_names_the_download(tmp_path):
    from summarize.errors import ModelUnavailableError
    from summarize.metrics.nli import NLIScorer

    with pytest.raises(ModelUnavailableError, match="hf download"):
        NLIScorer(str(tmp_path / "no-such-model"), device="cpu")


def test_copied_sentences_with_apostrophes_and_negations_are_supported():
    src = [
        Article(
            "a",
            "Good Country Index Is Released, US Not In The Top 20\nThe index doesn’t measure what countries "
            "do at home. “He needs a lawyer,” Ms. O’Sullivan said of Julia Louis-Drefyus’ speech.",
        )
    ]
    index = SourceIndex.build(src, get_embedder("tfidf"))
    summary = (
        "Good Country Index Is Released, US Not In The Top 20 The index doesn’t measure what countries do at "
        "home. “He needs a lawyer,” Ms. O’Sullivan said of Julia Louis-Drefyus’ speech."
    )
    assert [s.label for s in check_summary(summary, index).sentences] == ["supported", "supported"]


def test_a_figure_with_another_time_frame_is_not_a_settled_side(shared_data):
    # Multi-News example 019: the Dow's Monday close (1,175 points) against Friday's close (just under
    # 666), Monday's "more than 1,100" and intraday lows: reported as a discrepancy with the time frames,
    # but a sentence stating Monday's close is not `conflicting`.
    import json

    from summarize.clean import normalize_text

    row = next(json.loads(line) for line in (shared_data / "multinews_validation.jsonl").open()
               if json.loads(line)["id"].endswith("-019"))
    articles = [Article(f"doc{k}", normalize_text(d)) for k, d in enumerate(row["documents"])]
    idx = SourceIndex.build(articles, get_embedder("tfidf"))
    points = next(d for d in idx.discrepancies if d.key == "points")
    sides = {s.value: s for s in points.sides}
    assert "1,500" not in sides  # stated beside the close in the same articles: another measurement
    assert sides["666"].time_frames == ["from Friday"] and "Monday" in sides["1,175"].time_frames
    s = check_summary("On Monday the Dow shed 1,175 points, its largest point drop in history.", idx).sentences[0]
    assert s.label != "conflicting" and not any("sources differ" in r for r in s.reasons)
    from summarize.report.html import _reconciling

    note = _reconciling(points.to_dict())
    assert "666 / 1,175: different time frames" in note and "admits 1,175" in note


def test_capitalised_opener_the_sources_write_in_lower_case_is_no_name():
    source = Article("a", "Yellow and orange are the most popular colours, the study found.")
    idx = SourceIndex.build([source], get_embedder("tfidf"))
    facts = check_summary("Orange and yellow have always been the most popular colours.", idx).sentences[0].facts
    assert [f.text for f in facts if f.kind == "entity"] == []
    # nor is a word the sources write only as an opener: the case-free reading cannot tell it is a name
    # (its words still count in the word support)
    sentence = check_summary("Yellow is popular.", idx).sentences[0]
    assert [f.text for f in sentence.facts if f.kind == "entity"] == [] and sentence.label == "supported"


def test_a_punctuation_only_piece_is_no_supported_sentence(index):
    """29.6: a fragment such as "'...?'" (a generated summary's sentence list) was labelled supported."""
    result = check_summary(["'...?'", "Kim Jong Un greeted Putin at the airport.", "...", "?!"], index)
    assert [s.text for s in result.sentences] == ["Kim Jong Un greeted Putin at the airport. ... ?!"]
    assert result.sentences[0].label == "supported"
