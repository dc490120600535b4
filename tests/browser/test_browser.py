"""The html export as a reader sees it: rendered by headless Chromium through Selenium.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package. Without them the tests
skip and say how to enable them; with TIMELINE_BROWSER_TESTS=1 (set by .ci/run, which installs
Chromium) they are mandatory and fail instead. TIMELINE_UPDATE_SCREENSHOT=1 also writes the
seeded export's screenshot to docs/html-export.png (the picture in the README).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, Cli

REQUIRED = os.environ.get("TIMELINE_BROWSER_TESTS") == "1"
HOW = ("to run them: apt-get install chromium chromium-driver, and pip install -e '.[test]' for selenium "
       "(.ci/run does this and sets TIMELINE_BROWSER_TESTS=1, which makes them mandatory)")
LAPTOP = (1366, 800)


def _chromium() -> tuple[str | None, str | None, str | None]:
    """(browser, driver, what is missing)."""
    browser = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    try:
        import selenium  # noqa: F401
    except ImportError:
        return browser, driver, "the selenium package is not installed"
    if browser is None:
        return browser, driver, "Chromium is not installed"
    if driver is None:
        return browser, driver, "chromedriver is not installed"
    return browser, driver, None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary, driver_path, missing = _chromium()
    if missing:
        if REQUIRED:
            pytest.fail(f"TIMELINE_BROWSER_TESTS=1 but {missing}; {HOW}")
        pytest.skip(f"browser tests skipped: {missing}; {HOW}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
                 f"--window-size={LAPTOP[0]},{LAPTOP[1]}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": LAPTOP[0], "height": LAPTOP[1], "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Cli:
    cli = Cli(tmp_path_factory.mktemp("browser") / "timeline.sqlite")
    cli("seed", str(SEEDS))
    return cli


def open_export(browser, cli: Cli, path: Path, *args: str) -> dict:
    """Export to `path`, open it, and return the data the page was given."""
    cli("export", "--format", "html", "-o", str(path), *args)
    browser.get_log("browser")  # drain what earlier pages logged
    browser.get(path.as_uri())
    return json.loads(browser.execute_script("return document.getElementById('timeline-data').textContent"))


def console_errors(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def css(browser, selector: str):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def test_seeded_export_shows_every_record_in_its_actors_lane(browser, store, tmp_path):
    data = open_export(browser, store, tmp_path / "seeded.html")
    marks = css(browser, "#lanes .mark")
    assert len(marks) == len(data["records"]) == 12
    assert all(mark.is_displayed() for mark in marks)
    labels = {label.get_attribute("data-actor"): label.text for label in css(browser, "#lanes .lane-label")}
    assert list(labels) == [a["name"] for a in data["actors"]]
    assert all(labels[name] == name for name in labels)  # readable, not cut short, at laptop width
    # every mark sits inside the plot, to the right of the labels and within the page
    lanes = css(browser, "#lanes")[0].rect
    label_edge = max(label.rect["x"] + label.rect["width"] for label in css(browser, "#lanes .lane-label"))
    for mark in marks:
        assert label_edge < mark.rect["x"] and mark.rect["x"] + mark.rect["width"] <= lanes["x"] + lanes["width"]
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert css(browser, "#legend .item") and not css(browser, "#empty")[0].is_displayed()
    assert console_errors(browser) == []


def test_hover_and_click_show_the_details(browser, store, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    open_export(browser, store, tmp_path / "seeded.html")
    mark = next(m for m in css(browser, "#lanes .mark") if m.get_attribute("data-id") == "rama-rules-out-hubs")
    ActionChains(browser).move_to_element(mark).perform()
    card = css(browser, "#card")[0]
    assert card.is_displayed() and "Edi Rama" in card.text and "“this was a one-off with Italy”" in card.text
    assert "Source: UK news report published 16 May 2025" in card.text
    mark.click()
    assert "pinned" in card.get_attribute("class")
    browser.find_element("css selector", "body").send_keys("\ue00c")  # Escape closes it
    assert not card.is_displayed()
    assert console_errors(browser) == []


def test_replies_are_drawn_as_links_between_marks(browser, store, tmp_path):
    data = open_export(browser, store, tmp_path / "hubs.html", "--topic", "return-hubs")
    rama = next(r for r in data["records"] if r["id"] == "rama-rules-out-hubs")
    assert rama["responds_to"] == "starmer-return-hubs-tirana" and rama["target"] == "Keir Starmer"
    links = css(browser, "#lanes .reply-link")
    assert [(link.get_attribute("data-from"), link.get_attribute("data-to")) for link in links] == [
        ("starmer-return-hubs-tirana", "rama-rules-out-hubs")]
    assert links[0].is_displayed() and links[0].get_attribute("d").startswith("M")
    # the link runs between the two marks: it starts near the proposal and ends near the refusal
    marks = {m.get_attribute("data-id"): m.rect for m in css(browser, "#lanes .mark")}
    box = links[0].rect
    for rid in ("starmer-return-hubs-tirana", "rama-rules-out-hubs"):
        centre_y = marks[rid]["y"] + marks[rid]["height"] / 2
        assert box["y"] - 16 <= centre_y <= box["y"] + box["height"] + 16
    mark = next(m for m in css(browser, "#lanes .mark") if m.get_attribute("data-id") == "rama-rules-out-hubs")
    mark.click()
    card = css(browser, "#card")[0]
    assert "Responds to Keir Starmer" in card.text and "Addressed to Keir Starmer" in card.text
    browser.find_element("css selector", "body").send_keys("\ue00c")
    proposal = next(m for m in css(browser, "#lanes .mark") if m.get_attribute("data-id") == "starmer-return-hubs-tirana")
    proposal.click()
    assert "Replies: Edi Rama (refusal, oppose)" in card.text
    assert "reply to an earlier record" in css(browser, "#legend")[0].text
    assert console_errors(browser) == []


def test_changes_of_position_are_highlighted(browser, store, tmp_path):
    data = open_export(browser, store, tmp_path / "offshoring.html", "--topic", "offshoring")
    assert len(data["changes"]) == 1  # Starmer's U-turn (Chris Philp's records all back offshoring)
    assert len(css(browser, "#lanes .mark .ring")) == 1
    assert len(css(browser, "#changes-list li button")) == 1
    assert len([c for c in css(browser, "#lanes .connector") if c.is_displayed()]) == 1
    css(browser, "#changes-list li button")[0].click()  # a change in the list opens its record
    card = css(browser, "#card")[0]
    assert "Keir Starmer" in card.text and "Change of position on Offshore processing and removal of asylum seekers: oppose → support (U-turn)" in card.text
    shot = tmp_path / "html-export.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("TIMELINE_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "html-export.png")
    assert console_errors(browser) == []


def test_markup_in_the_data_stays_text(browser, cli, tmp_path):
    name = '<img src=x onerror="document.title=\'pwned\'">Ann'
    cli("add", name, "--new-actor", "--topic", "return-hubs", "--kind", "statement", "--stance", "mixed",
          "--on", "2025-05-16", "--summary", "<script>document.title='pwned'</script> & more",
          "--source", "Evil", "--url", "javascript:document.title='pwned'", "--id", "evil-1")
    open_export(browser, cli, tmp_path / "evil.html", "--title", "<b>Evil</b> title")
    assert browser.title == "<b>Evil</b> title"
    label = next(lbl for lbl in css(browser, "#lanes .lane-label") if lbl.get_attribute("data-actor") == name)
    assert label.text.startswith("<img")  # shown as text (perhaps shortened), not an image
    mark = next(m for m in css(browser, "#lanes .mark") if m.get_attribute("data-id") == "evil-1")
    mark.click()
    card = css(browser, "#card")[0]
    assert "<script>document.title='pwned'</script> & more" in card.text
    assert css(browser, "#card a") == []  # a javascript: address is not made a link
    assert browser.title == "<b>Evil</b> title" and not css(browser, "img")
    assert console_errors(browser) == []


def test_twenty_actors_and_two_thousand_records_stay_usable(browser, tmp_path):
    cli = Cli(tmp_path / "big.sqlite")
    lines = []
    for n in range(2000):
        actor = f"Actor number {n % 20:02d}"
        day = f"{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(json.dumps({"actor": actor, "topic": "tax", "kind": "statement", "date": day,
                                 "stance": ("support", "oppose", "mixed")[n % 7 % 3], "summary": f"Record {n}", "id": f"r{n}"}))
    cli("import", "-", input="\n".join(lines) + "\n")
    data = open_export(browser, cli, tmp_path / "big.html")
    assert len(css(browser, "#lanes .mark")) == len(data["records"]) == 2000
    assert len(css(browser, "#lanes .lane-label")) == 20
    took = browser.execute_script(
        "var t = performance.now(); document.getElementById('zoom-in').click();"
        "return new Promise(function (done) { requestAnimationFrame(function () { done(performance.now() - t); }); });")
    assert took < 1000  # re-laying out 2,000 marks after a zoom is not sluggish
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert console_errors(browser) == []


def test_a_range_is_a_bar_over_its_period_and_an_open_end_runs_to_the_edge(browser, cli, tmp_path):
    for rid, on, stance in [("april-first", "2024-04-01", "support"), ("june-last", "2024-06-30", "oppose"),
                            ("second-quarter", "Q2 2024", "mixed"), ("from-may", "2024-05/..", "neutral")]:
        cli("add", "Kim Lee", "--new-actor", "--new-topic", "--topic", "levy", "--kind", "statement", "--stance", stance,
            "--on", on, "--relative-to", "2025-05-16", "--summary", rid, "--id", rid)
    open_export(browser, cli, tmp_path / "ranges.html")
    marks = {m.get_attribute("data-id"): m for m in css(browser, "#lanes .mark")}
    bands = {b.get_attribute("data-id"): b.rect for b in css(browser, "#lanes .band")}
    assert set(bands) == {"second-quarter", "from-may"}  # days get no bar
    center = {rid: marks[rid].rect["x"] + marks[rid].rect["width"] / 2 for rid in ("april-first", "june-last")}
    per_day = (center["june-last"] - center["april-first"]) / 90  # mark centres are the middle of their day
    quarter = bands["second-quarter"]
    assert abs(quarter["x"] - (center["april-first"] - per_day / 2)) < 1.5
    assert abs(quarter["x"] + quarter["width"] - (center["june-last"] + per_day / 2)) < 1.5
    # The open end is drawn to the plot's right edge, not stopped at the last bound the export holds.
    lanes = css(browser, "#lanes")[0].rect
    assert bands["from-may"]["x"] + bands["from-may"]["width"] >= lanes["x"] + lanes["width"] - 40
    # The mark still says the date is known only roughly: hollow, and in words on its card.
    assert "imprecise" in marks["second-quarter"].get_attribute("class")
    assert "imprecise" not in marks["april-first"].get_attribute("class")
    marks["second-quarter"].click()
    card = css(browser, "#card")[0].text
    assert "(date known only roughly)" in card
    assert "date known only roughly" in css(browser, "#legend")[0].text
    assert console_errors(browser) == []
