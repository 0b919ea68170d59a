"""Provides the README's pictures of the participant page on a phone: the demo workshop served by
`workshop serve`, joined in Debian's Chromium at 360 px wide, in What If and in blind What Wows,
saved as PNG in docs/screenshots/.

Run from the repository root:  python scripts/participant_screenshots.py  [--out FOLDER]
Needs Chromium at /usr/bin/chromium (apt-get install chromium) and Playwright (the test extra).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from workshop.demo import build_demo
from workshop.engine import open_engine
from workshop.files import write_file
from workshop.serve.server import RoomServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 760}
DEMO_DAY = dt.date(2026, 3, 2)
WHO = "Håkon Lien"
"""The participant on the phone: one of the demo's room with ideas of his own."""


def _shoot(page: Page, out: Path, name: str) -> Path:
    expect(page.locator("html[data-live=on]")).to_have_count(1)
    page.wait_for_timeout(300)  # the live view has replaced the first render
    target = out / f"{name}.png"
    write_file(target, page.screenshot(), "out")
    return target


def main(argv: list[str] | None = None, say: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.db")
        engine = open_engine(db)
        wid = build_demo(engine, today=DEMO_DAY)
        engine.set_phase(wid, "what-if")
        engine.start_timer(wid, minutes=12)
        server = RoomServer(db, wid, host="127.0.0.1", port=0)
        server.start()
        try:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    str(Path(folder) / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True,
                    viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nb-NO")
                page = context.new_page()
                page.goto(server.url)
                page.fill("#code", server.code)
                page.get_by_role("button", name="Neste").click()
                page.get_by_role("button", name=WHO).click()
                expect(page.locator("#phase")).to_have_text("Hva om")
                say(str(_shoot(page, args.out, "participant-what-if")))
                engine.reveal_votes(wid, hide=True)  # the blind round, before the reveal
                state = engine.load(wid)
                mine = next(p.ref for p in state.participants if p.name == WHO)
                voted = sorted(state.dots_of(mine))
                if voted:  # a dot still to spend, so the page shows both buttons at work
                    engine.withdraw_vote(wid, mine, voted[-1], dots=1)
                engine.set_phase(wid, "what-wows")
                engine.start_timer(wid, minutes=20)
                expect(page.locator("#phase")).to_have_text("Hva begeistrer", timeout=10_000)
                say(str(_shoot(page, args.out, "participant-what-wows")))
                context.close()
        finally:
            server.stop()
            engine.store.close()


if __name__ == "__main__":
    main()
