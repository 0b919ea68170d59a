"""Domain, store, engine, export, playbook, replay and file reading never import Textual or the
web server; the participant server never imports Textual, and its QR code module not even the web
server (checked here by what a fresh interpreter loads). The import-linter contracts in
pyproject.toml hold, and no module imports one that imports it back."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp

import workshop

ROOT = Path(__file__).resolve().parent.parent

CORE = ("domain", "store", "engine", "export", "playbook", "replay", "compare", "paths", "files", "demo")
TEXTUAL = ("textual",)
WEB = ("starlette", "uvicorn", "jinja2")


def _modules(parts: tuple[str, ...]) -> list[str]:
    names = []
    for info in pkgutil.walk_packages(workshop.__path__, "workshop."):
        part = info.name.split(".")[1]
        if part in parts:
            names.append(info.name)
    return names


def _loaded(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    """What importing `modules` in a fresh interpreter loads of the packages `roots`."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {roots!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_core_modules_import_neither_textual_nor_the_web_server() -> None:
    modules = _modules(CORE)
    assert "workshop.engine" in modules and "workshop.domain.model" in modules
    assert _loaded(modules, TEXTUAL + WEB) == [], "the core imports Textual or the web server"


def test_the_participant_server_never_imports_textual() -> None:
    modules = _modules(("serve",))
    assert "workshop.serve.server" in modules and "workshop.serve.views" in modules
    assert _loaded(modules, TEXTUAL) == []


def test_the_qr_code_of_the_join_address_loads_no_web_server() -> None:
    assert _loaded(["workshop.serve.qr"], TEXTUAL + WEB) == []


def test_the_printable_map_loads_its_template_engine_but_no_web_server() -> None:
    code = (
        "import sys\n"
        "from workshop.domain.model import WorkshopState, Stage\n"
        "from workshop.export import render\n"
        "state = WorkshopState(id=1, uid='u', slug='s', title='t', stages=(Stage('S1', 'Bruk', 1),))\n"
        "render('journey', state); render('csv', state, tracker='jira')\n"
        "before = 'jinja2' in sys.modules\n"
        "render('map', state); render('curve', state)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'starlette', 'uvicorn'))\n"
        "print(before, 'jinja2' in sys.modules, ','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split(" ") == ["False", "True", "\n"]


def test_the_import_contracts_in_pyproject_hold() -> None:
    code = ("import sys\n"
            "from importlinter.cli import lint_imports\n"
            "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert " 0 broken." in out.stdout, out.stdout


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = grimp.build_graph("workshop", cache_dir=None)
    circles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:  # each imports the next, the last imports the first
                i = back.index(min(back))  # one line per circle, whichever module finds it
                circles.add(" -> ".join((*back[i:], *back[:i], back[i])))
    assert not circles, "import circles:\n" + "\n".join(sorted(circles))
