"""Real browsers on a real server: three team devices in Debian's chromium, driven by
selenium through the system's chromedriver (never a downloaded one). One private message,
one proposal answered, a reload. Skipped, naming the apt line, where they are missing."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from device_room import TEAMS, Room, open_room

DRIVER = Path("/usr/bin/chromedriver")
APT = "sudo apt-get install -y chromium chromium-driver"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    BROWSER is None or not DRIVER.exists(),
    reason=f"needs Debian's chromium and its driver: {APT}",
)


def _browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(BROWSER)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=360,800", "--disable-extensions", "--no-first-run"):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    made = open_room(tmp_path / "room.parley")
    yield made
    made.close()
    made.session.close()


@pytest.fixture
def browsers() -> Iterator[dict[str, Any]]:
    made: dict[str, Any] = {}
    try:
        for team in TEAMS:
            made[team] = _browser()
        yield made
    finally:
        for browser in made.values():
            browser.quit()


def wait(test: Callable[[], object], seconds: float = 20.0) -> None:
    """Until ``test()`` is true; a live panel swapped under it is looked up again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(
        None, seconds, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
    ).until(lambda _: test())


def click(browser: Any, css: str) -> None:
    """Click the element, found again if a live update replaced it meanwhile."""
    from selenium.webdriver.common.by import By

    def done() -> bool:
        browser.find_element(By.CSS_SELECTOR, css).click()
        return True

    wait(done)


def accept_pending(room: Room, what: str) -> None:
    """Control accepts the one pending submission of this kind (as the app's inbox would)."""

    def accept(s: Any) -> None:
        (sid,) = [k for k, x in s.state.submissions.items()
                  if x.status == "pending" and x.what == what]  # fmt: skip
        s.accept(submission=sid)

    room.call(accept)


def test_three_team_browsers_a_private_message_an_answered_proposal_and_a_reload(
    room: Room, browsers: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    base = f"http://127.0.0.1:{room.port}"
    names = {"usa": "United States", "dprk": "North Korea", "rok": "South Korea"}
    for team, browser in browsers.items():
        browser.get(room.server.join_url(room.codes[team]))
        assert browser.current_url == base + "/"  # the code is out of the address bar
        assert browser.find_element(By.TAG_NAME, "h1").text == names[team]
        wait(lambda b=browser: b.execute_script("return document.body.dataset.stream"))
    usa, dprk, rok = browsers["usa"], browsers["dprk"], browsers["rok"]

    # a private message from USA to ROK: ROK sees it live, DPRK never
    form = usa.find_element(By.ID, "form-message")
    form.find_element(By.CSS_SELECTOR, 'input[name="to"][value="rok"]').click()
    form.find_element(By.NAME, "text").send_keys("Meet at the DMZ, quietly.")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(lambda: "waiting for Control" in usa.find_element(By.ID, "p-mine").text)
    accept_pending(room, "message")
    wait(lambda: "Meet at the DMZ, quietly." in rok.find_element(By.ID, "feed").text)

    # a proposal from USA to DPRK, answered by DPRK from its page
    form = usa.find_element(By.ID, "form-proposal")
    form.find_element(By.CSS_SELECTOR, 'input[name="receivers"][value="dprk"]').click()
    form.find_element(By.NAME, "text").send_keys("Lift one sanction for a freeze.")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(lambda: "proposal" in usa.find_element(By.ID, "p-mine").text)
    accept_pending(room, "proposal")
    wait(lambda: "Lift one sanction" in dprk.find_element(By.ID, "p-answers").text)
    click(dprk, '#p-answers button[value="agree"]')
    wait(lambda: "waiting for Control" in dprk.find_element(By.ID, "p-answers").text)
    accept_pending(room, "answer")
    statuses = room.call(lambda s: [c.status for c in s.state.commitments.values()])
    assert statuses == ["agreed"]
    wait(lambda: "agreed" in usa.find_element(By.ID, "feed").text.lower())

    # a reload shows everything again, from the server alone
    rok.refresh()
    assert "Meet at the DMZ, quietly." in rok.find_element(By.ID, "feed").text
    dprk.refresh()
    assert "Meet at the DMZ" not in dprk.page_source
    assert "No proposal awaits your answer" in dprk.find_element(By.ID, "p-answers").text
    room.server.stop("The facilitator closed the room.")  # every page is told
    for browser in browsers.values():
        wait(lambda b=browser: "closed the room" in b.find_element(By.ID, "banner").text)
    for browser in browsers.values():  # no script refused by the page's own policy
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not [e for e in errors if "Content Security Policy" in e["message"]], errors
