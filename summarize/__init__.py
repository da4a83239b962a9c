"""summarize: multi-document abstractive summarization of news, from raw articles to traced summaries.

Example:
    >>> import summarize as sm
    >>> articles = sm.load_articles(["examples/putin-north-korea"])  # doctest: +SKIP
    >>> summary = sm.summarize(articles, sm.load_config(overrides=["summarizer=extractive"]))  # doctest: +SKIP
    >>> summary.sentences[0].sources  # doctest: +SKIP
    ['001_b0dfe862c0761fca', '003_2f75ad98d5781bb4']
"""

from summarize.config import RunConfig, load_config
from summarize.errors import ConfigError, InputError, ModelUnavailableError, SummarizeError, SummarizeWarning
from summarize.io import load_articles, load_clusters
from summarize.pipeline import run, summarize, summarize_clusters
from summarize.types import Article, Cluster, Summary, SummarySentence

Config = RunConfig

__all__ = [
    "Article", "Cluster", "Config", "ConfigError", "InputError", "ModelUnavailableError", "RunConfig",
    "Summary", "SummarySentence", "SummarizeError", "SummarizeWarning", "load_articles", "load_clusters",
    "load_config", "run", "summarize", "summarize_clusters",
]
