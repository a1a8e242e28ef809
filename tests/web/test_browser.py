"""End to end in a real browser: Debian's headless Chromium, driven by Selenium, on the demo corpus.

The store is built from demo/demo_corpus.jsonl with the real pipeline (it needs the spaCy
model; a minute or so), its alerts computed as `tacitus alerts` does, and served by
`tacitus serve` on loopback. The browser opens the overview, opens the RUS–UKR dyad from the
search box, clicks the alert marker of February 2022 on the chart, and must see an evidence
sentence with its source and target highlighted. A screenshot is saved to $TMPDIR
(and to docs/img/dyad.png when TACITUS_UPDATE_SCREENSHOT=1).

Run: `make test-browser` (pytest -m browser); TACITUS_BROWSER_DB=demo.duckdb reuses a store that
`make demo` built instead of building one. Skips, with the reason, without chromium and
chromedriver (apt-get install chromium chromium-driver) or without the model.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo" / "demo_corpus.jsonl"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _executable(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _executable("chromium", "chromium-browser")
    driver_path = _executable("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1300", "--hide-scrollbars"):  # fmt: skip
        options.add_argument(argument)
    # an explicit driver path: Selenium Manager never looks for (or downloads) one
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tacitus.config import DEFAULT_SPACY_MODEL
    from tacitus.nlp import model_installed

    if not model_installed(DEFAULT_SPACY_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_SPACY_MODEL} is not installed")
    if importlib.util.find_spec("tacitus.analysis.alerts") is None:
        pytest.skip("this build has no alerts")
    from tacitus.analysis.alerts import find_alerts
    from tacitus.jobs.ingest import ingest
    from tacitus.store import Store

    prebuilt = os.environ.get("TACITUS_BROWSER_DB")  # a store `make demo` (and `tacitus alerts`) already built
    if prebuilt:
        return Path(prebuilt)
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    # the whole corpus: alerts weigh a dyad's events against the news volume of each week
    ingest([DEMO], db=db)
    with Store(db) as store:
        find_alerts(store, by="week")
    return db


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(demo_db), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said, found, deadline = "", None, time.monotonic() + 90
        while found is None and time.monotonic() < deadline and process.poll() is None:
            said += process.stderr.readline() if process.stderr else ""
            found = re.search(r"http://127\.0\.0\.1:\d+", said)
        assert found, f"the server did not start: {said}"
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


def _wait(condition: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the page")


def test_a_spike_leads_to_the_sentences_behind_it(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert "Latest alerts" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "svg.volume-chart")

    box = browser.find_element(By.CSS_SELECTOR, "form.dyad-form input[name=dyad]")
    # the demo's dyad alert of the invasion weeks: the US sanctions on Russia (docs/analysis.md, "The demo's alert")
    box.send_keys("RUS-USA")
    box.submit()
    _wait(lambda: browser.current_url.endswith("/dyad/RUS-USA"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "RUS – USA"

    rows = [row for row in browser.find_elements(By.CSS_SELECTOR, "table.alerts a.alert-link")
            if row.text.startswith("2022-02-")]  # fmt: skip
    assert rows, "no RUS-USA alert in February 2022"
    alert_id = re.search(r"alert=([0-9a-f]+)", rows[0].get_attribute("href")).group(1)
    marker = browser.find_element(By.CSS_SELECTOR, f"svg.dyad-chart a#alert-{alert_id}")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", marker)
    marker.click()
    _wait(lambda: f"alert={alert_id}" in browser.current_url)

    section = browser.find_element(By.ID, "events")
    assert section.find_element(By.TAG_NAME, "h2").text.startswith("Alert 2022-02-")
    sentences = section.find_elements(By.CSS_SELECTOR, "blockquote.evidence")
    assert sentences
    highlighted = [
        s for s in sentences
        if s.find_elements(By.CSS_SELECTOR, "mark.source") and s.find_elements(By.CSS_SELECTOR, "mark.target")
    ]  # fmt: skip
    assert highlighted, [s.text for s in sentences]
    actors = {m.text for s in highlighted for m in s.find_elements(By.CSS_SELECTOR, "mark.source, mark.target")}
    assert any(re.search(r"Russia|Putin|Kremlin|Moscow", a) for a in actors), actors

    shot = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "tacitus-dyad.png"
    browser.execute_script("window.scrollTo(0, 0);")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("TACITUS_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs" / "img").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, REPO / "docs" / "img" / "dyad.png")

    # the event page of the first highlighted sentence: its evidence and article
    link = highlighted[0].find_element(By.XPATH, "./preceding-sibling::div[@class='meta']/a[1]")
    link.click()
    _wait(lambda: "/events/" in browser.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "mark.sentence")
    assert "Other reports of the same happening" in browser.page_source


def test_actor_search_updates_as_you_type(browser, server):
    """The one script of the dashboard (served by the server itself, allowed by its CSP) fills the table."""
    from selenium.webdriver.common.by import By

    def first_code() -> str:
        cells = browser.find_elements(By.CSS_SELECTOR, "#actor-results tbody tr td a")
        return cells[0].text if cells else ""

    browser.get(server + "/actors")
    assert not first_code().startswith("UKR")  # the most frequent actor first, before any typing
    box = browser.find_element(By.CSS_SELECTOR, "#actor-search input[name=q]")
    box.send_keys("ukr")
    assert _wait(lambda: first_code().startswith("UKR"))
    assert browser.current_url.endswith("/actors")  # no page load: the script did it
