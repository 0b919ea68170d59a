"""A real browser on a phone-sized screen (Debian's Chromium, driven by Playwright): join with the
code, write an idea (type, Enter, the next), spend a dot, and see the tally appear by itself when
the facilitator reveals the votes from the command line. Skipped, saying why, where Chromium
cannot run, except on CI (CI=true), where that is a failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import playwright_or_skip, started
from serve_helpers import cli, join

from workshop.engine import Engine
from workshop.serve.server import RoomServer


@pytest.fixture(params=[True], ids=["script"])
def phone(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[object, list[str]]]:
    """A phone-sized page of a fresh Chromium profile, and the script errors it reports (with
    the parameter False, a browser that runs no JavaScript at all)."""
    sync_playwright = playwright_or_skip()
    with sync_playwright() as playwright:
        context = started(
            playwright.chromium.launch_persistent_context, user_data_dir=str(tmp_path / "profile"),
            viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True,
            locale="en-GB", java_script_enabled=request.param)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        # A refusal the test provokes is logged by the browser as a failed load: not a problem.
        page.on("console", lambda message: problems.append(message.text)
                if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
        yield page, problems
        context.close()


def test_a_phone_joins_writes_an_idea_votes_and_sees_the_tally_after_the_reveal(
        phone, server: RoomServer, engine: Engine, room: int, db_path) -> None:
    from playwright.sync_api import expect

    page, problems = phone
    page.goto(server.url)
    page.fill("#code", server.code.lower())
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Kari Nordmann").click()
    expect(page.locator("#phase")).to_have_text("What If")
    expect(page.locator("html[data-live=on]")).to_have_count(1)  # the page's script has taken over
    expect(page.locator(".top .me")).to_contain_text("You are Kari Nordmann")

    # Type, Enter, the next, without waiting: the form stays, each entry lands, the field empties
    # and keeps the cursor.
    idea = page.locator("#text")
    idea.fill("Hentekode på SMS <b>nå</b>")
    idea.press("Enter")
    idea.press_sequentially("Pakkeboks ved hytta")
    idea.press("Enter")
    expect(page.locator("#my-ideas .card")).to_have_count(2)
    expect(page.locator("#my-ideas")).to_contain_text("Hentekode på SMS <b>nå</b>")
    expect(idea).to_have_value("")
    expect(idea).to_be_focused()
    expect(page.locator("#notice")).to_have_text("Saved I3.")
    assert [(i.text, i.author) for i in engine.load(room).ideas[1:]] == [
        ("Hentekode på SMS <b>nå</b>", "Kari Nordmann"), ("Pakkeboks ved hytta", "Kari Nordmann")]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    # A refused entry comes back into the form with the reason, as the command line words it.
    idea.fill("T1, T2")
    idea.press("Enter")
    expect(page.locator("form#add .error")).to_contain_text("text: 'T1, T2' is a touchpoint reference")
    expect(idea).to_have_value("T1, T2")
    idea.fill("")

    # The facilitator moves on from the command line; the page follows by itself.
    assert cli(str(db_path), "phase", room, "what-wows")[0] == 0
    expect(page.locator("#phase")).to_have_text("What Wows", timeout=10_000)
    expect(page.locator("html[data-live=on]")).to_have_count(1)
    card = page.locator('#ballot .card[data-ref="I2"]')
    card.get_by_role("button", name="+ dot").click()
    expect(card.locator(".mydots")).to_have_text("your dots: 1")
    expect(page.locator("#dots-left")).to_have_text("2 of 3 dots left")
    bjorn = join(server.url, server.code, "Bjørn Haugen")
    assert bjorn.post("/api/votes", {"idea": "I2"}).status_code == 201
    expect(page.locator("#ranking-section")).to_be_hidden()  # blind: Bjørn's dot shows nowhere
    assert "2 dots" not in page.content()

    assert cli(str(db_path), "reveal", room)[0] == 0
    expect(page.locator("#ranking-section")).to_be_visible(timeout=10_000)
    expect(page.locator("#ranking li").first).to_contain_text("Hentekode på SMS <b>nå</b>")
    expect(page.locator("#ranking li").first).to_contain_text("2 dots")
    assert dict(engine.load(room).dots_of("U2")) == {"I2": 1}
    assert problems == []


@pytest.mark.parametrize("phone", [False], ids=["no script"], indirect=True)
def test_without_javascript_the_forms_do_the_basics(phone, server: RoomServer, engine: Engine, room: int,
                                                   db_path) -> None:
    from playwright.sync_api import expect

    page, problems = phone
    page.goto(server.url)
    page.fill("#code", server.code)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Kari Nordmann").click()
    expect(page.locator("#phase")).to_have_text("What If")
    expect(page.locator("html[data-live=on]")).to_have_count(0)  # nothing of the script ran
    page.fill("#text", "Pakkeboks ved hytta")
    page.locator("details.links summary").click()
    page.get_by_label("T1").check()
    page.get_by_role("button", name="Add").click()
    expect(page.locator("#notice")).to_have_text("Saved I2.")
    expect(page.locator("#my-ideas")).to_contain_text("Pakkeboks ved hytta")
    assert engine.load(room).idea("I2").touchpoints == ("T1",)
    assert cli(str(db_path), "phase", room, "what-wows")[0] == 0
    page.reload()
    page.locator('#ballot .card[data-ref="I2"]').get_by_role("button", name="+ dot").click()
    expect(page.locator("#dots-left")).to_have_text("2 of 3 dots left")
    assert dict(engine.load(room).dots_of("U2")) == {"I2": 1} and problems == []
