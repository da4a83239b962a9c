"""``python -m summarize.cli``."""

from summarize.cli import main

main()
