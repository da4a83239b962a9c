"""Text rules in one place, imported by the stages and by the metrics alike (never the other way):

- ``normalize``: Unicode, spaces, line breaks and fused sentences, before any rule reads a text;
- ``sentences``: pysbd sentence splitting and word counts; ``fragments``: sentences that cannot stand alone
  by their shape (broken quotations, transcript lines, cut ends); ``speech``: where quotations run and the
  verbs of saying, for every rule that asks whose words a sentence gives;
- ``lexicon``: the one stop-word list, the titles written before a name, content stems (``porter``: NLTK's
  Porter stemmer, vendored);
- ``facts``: the checkable facts of a sentence (numbers, dates, names, pronouns);
- ``conflicts``: where the articles of one event state different quantities or office holders, and
  ``dates``: the days they give differently.

Modules here import nothing from the stages or the metrics.
"""
