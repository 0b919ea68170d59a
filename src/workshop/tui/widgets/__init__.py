"""Provides the widgets the phase screens are built from: board, curve, guide, timer."""
