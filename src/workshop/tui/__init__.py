"""Provides the facilitation TUI (Textual): the only package of workshop that imports Textual."""
