"""Provides the reusable dialogs: confirmation and the forms for every kind of item."""
