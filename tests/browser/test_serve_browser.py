"""`timeline serve` as a newsroom reader uses it: headless Chromium against a real server.

Home page → search → an actor's timeline (the html export's page in a frame) → a position on
two days, with no console error on the way. TIMELINE_UPDATE_SCREENSHOT=1 also writes the
position page's screenshot to docs/serve.png (the picture in docs/serve.md).
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.test_browser import browser, console_errors, css  # noqa: F401 (the fixture)
from tests.conftest import ROOT, SEEDS, Cli
from tests.serving import serving


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-browser")
    cli = Cli(folder / "timeline.sqlite")
    cli("seed", str(SEEDS))
    with serving(cli.db, cwd=folder) as running:
        yield running


def settled(driver, selector: str, count: int | None = None, seconds: float = 15) -> list:
    """The elements once the page has drawn them (a loaded machine draws late): at least one, or `count`."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    def ready(_):
        found = css(driver, selector)
        return found if (len(found) == count if count is not None else found) else False

    try:
        return WebDriverWait(driver, seconds).until(ready)
    except TimeoutException:
        return css(driver, selector)


def ask_position(browser, actor: str, topic: str, on: str) -> str:  # noqa: F811
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    field = css(browser, "input[name=actor]")[0]
    field.clear()
    field.send_keys(actor)
    Select(css(browser, "select[name=topic]")[0]).select_by_value(topic)
    day = css(browser, "input[name=on]")[0]
    day.clear()
    day.send_keys(on)
    button = css(browser, ".tl-form button[type=submit]")[0]
    button.click()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(button))  # the answer's page loaded
    answers = settled(browser, ".tl-position h3")
    assert answers, css(browser, "section.content")[0].text
    return answers[0].text


def test_search_follow_an_actor_and_ask_a_position(browser, server, tmp_path):  # noqa: F811
    browser.get_log("browser")
    browser.get(server.base + "/")
    assert browser.title.startswith("timeline")
    assert {a.text for a in css(browser, ".tl-actors a")} >= {"Keir Starmer", "Edi Rama"}
    assert [a.text for a in css(browser, ".tl-tree > li > a:first-child")] == ["migration"]  # the tree's root
    box = css(browser, ".tl-search input[name=q]")[0]
    box.send_keys("Tirana")
    box.submit()
    hits = settled(browser, ".tl-results li")
    assert hits and all("Tirana" in hit.text or "tirana" in hit.text.lower() for hit in hits)
    next(a for a in css(browser, ".tl-results a") if a.text == "Keir Starmer").click()
    assert css(browser, "h1")[0].text == "Keir Starmer"
    frame = css(browser, "iframe.tl-frame")[0]
    browser.switch_to.frame(frame)
    assert len(settled(browser, "#lanes .mark", count=6)) == 6  # the html export's swim lane, drawn
    browser.switch_to.default_content()
    next(a for a in css(browser, ".tl-nav a") if a.text == "Position on a day").click()
    assert ask_position(browser, "Keir Starmer", "return-hubs", "14 May 2025") == "return-hubs: no position on record"
    assert ask_position(browser, "Keir Starmer", "return-hubs", "16 May 2025") == "return-hubs: support"
    assert css(browser, ".tl-position .tl-record")  # the deciding record, linked to its history
    assert "'16 May 2025' read as 2025-05-16" in css(browser, ".tl-note")[0].text
    shot = tmp_path / "serve.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("TIMELINE_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "serve.png")
    css(browser, ".tl-position .tl-record")[0].click()
    assert css(browser, "h1")[0].text.startswith("Record ")
    assert console_errors(browser) == []
