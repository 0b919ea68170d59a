"""Domain, store, engine, export, playbook and replay never import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import workshop

TEXTUAL_FREE = ("domain", "store", "engine", "export", "playbook", "replay", "compare", "paths", "demo")


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(workshop.__path__, "workshop."):
        part = info.name.split(".")[1]
        if part in TEXTUAL_FREE:
            names.append(info.name)
    return names


def test_core_modules_do_not_import_textual() -> None:
    modules = _modules()
    assert "workshop.engine" in modules and "workshop.domain.model" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Textual imported by the core: {out.stdout}"
