"""Wegwijs: a multilingual chat assistant for newcomers in Dutch municipalities."""

__version__ = "0.1.0"
