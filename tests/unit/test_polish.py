"""The polish stage owns the reading order of every extract (issue 27.1): the extractive summarizer and lead
hand over their sentences as chosen, with where each stands, and polish orders them."""

from __future__ import annotations

from summarize.config import ReadabilityConfig, RunConfig
from summarize.polish import Polisher
from summarize.stages import WriteUp, build_summarizer, prepare
from summarize.types import Article, Cluster, Draft, RunInfo

LATER = Article("later", "Kim Jong Un hosted a banquet for the guests on Thursday evening. The two leaders signed a "
                         "treaty that binds both sides.", published_at="2024-06-20")
EARLIER = Article("earlier", "Vladimir Putin landed in Pyongyang early on Wednesday morning local time. He was met at "
                             "the airport by Kim Jong Un.", published_at="2024-06-19")


def test_polish_puts_an_extract_in_reading_order():
    cluster = Cluster("c", [LATER, EARLIER])
    draft = Draft("c", [LATER.text.split(". ")[0] + ".", EARLIER.text.split(". ")[0] + "."], RunInfo("x"),
                  origins=["later", "earlier"], positions=[(0, 0), (1, 0)])
    timeline = Polisher(ReadabilityConfig(resolve_references=False))(draft, cluster)
    assert timeline.origins == ["earlier", "later"]  # by publication time
    source = Polisher(ReadabilityConfig(order="source", resolve_references=False))(draft, cluster)
    assert source.origins == ["later", "earlier"]  # same position: article order


def test_lead_follows_the_reading_order_too():
    """Lead sorted its sentences by position whatever ``readability.order`` said; polish now orders every extract."""
    config = RunConfig(summarizer="lead", max_words=60)
    cleaned = prepare(Cluster("c", [LATER, EARLIER]), config)
    summary, _ = WriteUp(config, build_summarizer(config))([(cleaned, cleaned, [])])[0]
    firsts = [s.sources[0] for s in summary.sentences]
    assert len(set(firsts)) == 2 and firsts == sorted(firsts, key=lambda a: a != "earlier"), firsts  # by time


def test_lead_passes_over_a_repeated_fact_for_the_next_sentence():
    """Polish owns redundancy for every summarizer (issue 27.1): lead dropped only word-for-word repeats, so
    two outlets opening with the same fact put it in the summary twice. Lead now hands polish its round-robin
    list beyond the budget; polish keeps what fits and repeats no kept fact, taking the next sentence instead."""
    from summarize.embed import get_embedder

    a = Article("a", "Kim Jong Un greeted Vladimir Putin at the airport with a hug. The two leaders signed a "
                     "treaty that binds both sides. Trade was on the agenda.")
    b = Article("b", "Kim Jong Un greeted Vladimir Putin at the airport with a long hug. A banquet followed on "
                     "Thursday evening.")
    config = RunConfig(summarizer="lead", max_words=30)
    cleaned = prepare(Cluster("c", [a, b]), config)
    draft = build_summarizer(config).draft(cleaned)
    assert draft.ranked and len(draft.sentences) > 3  # what fits, and spares
    polished = Polisher(config.readability, get_embedder("tfidf"), budget=config.max_words)(draft, cleaned)
    hugs = [t for t in polished.sentences if "hug" in t]
    assert len(hugs) == 1, polished.sentences  # the old code kept both greetings
    assert any("banquet" in t for t in polished.sentences) and sum(len(t.split()) for t in polished.sentences) <= 30
    same = Polisher(config.readability.__class__(redundancy=False), get_embedder("tfidf"), budget=30)(draft, cleaned)
    assert len([t for t in same.sentences if "hug" in t]) == 2  # switched off: the budget rule alone


def test_tfidf_vectors_are_not_handed_on(example_dir):
    """Polish handed its TF-IDF vectors on, fitted on its own call, and then encoded the sentences it rewrote
    in another call's space: lead (or a generated draft) with attribution.embedder=tfidf stopped with a shape
    mismatch. Vectors of an embedder fitted per call (``embed.fitted_per_call``) stay within their call."""
    from summarize.io import load_clusters

    config = RunConfig(summarizer="lead")
    config.attribution.embedder = "tfidf"
    cluster = load_clusters([str(example_dir)], config.load)[0]
    cleaned = prepare(cluster, config)
    summary, _ = WriteUp(config, build_summarizer(config))([(cleaned, cleaned, [])])[0]
    assert summary.sentences and all(s.sources for s in summary.sentences)
    assert any(s.edits for s in summary.sentences)  # a rewritten sentence: the path that re-encoded
