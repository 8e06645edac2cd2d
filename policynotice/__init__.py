"""policynotice: publish policy changes from a git repository.

The package is a functional core (models, sources, redline, classify, notice,
publish) with two thin shells: the MkDocs plugin and the command line.
"""

__version__ = "0.1.0"
