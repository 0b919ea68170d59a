"""The app's garbage collection: what is in use is kept out of the collector's walks while the app
runs, and what became garbage since is still freed once nobody types."""

from __future__ import annotations

import gc
import weakref

import pytest

from workshop.tui import collector
from workshop.tui.collector import QuietCollector


class Node:
    """An object in a reference cycle, as Textual's widgets are."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def quiet():
    running = QuietCollector()
    running.start()
    yield running
    running.stop()


def test_what_survives_a_full_collection_is_moved_out_of_the_walks(quiet: QuietCollector) -> None:
    kept = Node()
    gc.collect()
    assert gc.get_freeze_count() > 0
    assert kept.me is kept


def test_garbage_among_what_was_moved_out_is_freed_when_nobody_types(quiet: QuietCollector,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    node = Node()
    gone = weakref.ref(node)
    gc.collect()  # the node survives (in use) and is moved out of the collector's reach
    del node
    gc.collect()
    assert gone() is not None  # out of reach: not freed by the collections while keys come in
    quiet.touched()
    quiet.tidy()
    assert gone() is not None  # someone just typed: the tidying waits
    monkeypatch.setattr(collector, "IDLE_SECONDS", 0.0)
    quiet.tidy()
    assert gone() is None


def test_everything_is_handed_back_when_the_app_ends() -> None:
    running = QuietCollector()
    running.start()
    gc.collect()
    running.stop()
    assert gc.get_freeze_count() == 0
    assert running._collected not in gc.callbacks  # noqa: SLF001
