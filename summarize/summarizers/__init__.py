"""Summarizers, registered by name in ``summarize.registry.SUMMARIZERS``: abstractive, extractive, lead."""

from summarize.generation.models import load_model
from summarize.summarizers import abstractive, extractive, lead  # noqa: F401  (registration)
from summarize.summarizers.abstractive import AbstractiveSummarizer
from summarize.summarizers.extractive import ExtractiveSummarizer
from summarize.summarizers.lead import LeadSummarizer

__all__ = ["AbstractiveSummarizer", "ExtractiveSummarizer", "LeadSummarizer", "load_model"]
