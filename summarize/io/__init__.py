"""Input and output: loading articles/clusters and writing summaries atomically."""

from summarize.io.atomic import atomic_write_text
from summarize.io.load import load_articles, load_clusters
from summarize.io.render import render
from summarize.io.write import ResumableJsonl

__all__ = ["load_articles", "load_clusters", "ResumableJsonl", "atomic_write_text", "render"]
