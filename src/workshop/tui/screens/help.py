"""The `?` help lives in `workshop.tui.help` (dialogs open it too); this name stays for imports."""

from workshop.tui.help import HelpScreen, help_text

__all__ = ["HelpScreen", "help_text"]
