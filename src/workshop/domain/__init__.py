"""Provides the facilitation domain: value types, rules and derived views, with no I/O."""
