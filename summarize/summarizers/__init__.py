"""Summarizers, registered by name in ``summarize.registry.SUMMARIZERS``: abstractive, extractive, lead."""

from summarize.summarizers import abstractive, extractive, lead  # noqa: F401  (registration)
from summarize.summarizers.abstractive import AbstractiveSummarizer
from summarize.summarizers.extractive import ExtractiveSummarizer
from summarize.summarizers.lead import LeadSummarizer
from summarize.generation.models import load_model

__all__ = ["AbstractiveSummarizer", "ExtractiveSummarizer", "LeadSummarizer", "load_model"]
