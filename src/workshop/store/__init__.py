"""Provides storage: SQLite (or PostgreSQL) through SQLModel, with pragmas, schema version and checks."""
