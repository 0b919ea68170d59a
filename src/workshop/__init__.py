"""Provides workshop: run design-thinking workshops about a customer journey, in the terminal."""

__version__ = "0.1.0"
