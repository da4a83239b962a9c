"""The evaluation report: one HTML page (corpus table with intervals, per-example table, each summary
sentence labelled with its evidence, the sources' discrepancies) and PNG score-distribution plots."""

from summarize.report.html import write_report
from summarize.report.plots import write_plots

__all__ = ["write_plots", "write_report"]
