"""The class overview with three live groups open to team devices on one address: a
device's submission is pending in its own group's row (and in that group's inbox), the
class clock is put back on reopening, the join slips are one PDF with a page per team,
grouped by group."""

from __future__ import annotations

import http.client
import re
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from conftest import DEFAULT_SCENARIO
from devices.guard import COOKIE
from engine.scenario import load_scenario
from engine.session.class_run import ClassRun, class_team_codes
from engine.session.classes import ClassFile, create_class
from ui import operations as ops
from ui.class_model import PENDING, TO_RULE
from ui.class_overview import ClassOverview

NAMES = ["Red", "Green", "Blue"]


@pytest.fixture(name="made")
def made_fixture(tmp_path: Path) -> ClassFile:
    scenario = load_scenario(DEFAULT_SCENARIO)
    return create_class(scenario, tmp_path / "p3", NAMES, key_indicators=["tension"])


def live(qtbot: Any, made: ClassFile, codes: Any = None) -> ClassOverview:
    window = ClassOverview(ClassRun.open(made), codes=codes)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(name="overview")
def overview_fixture(qtbot: Any, made: ClassFile, isolated_settings: Path) -> ClassOverview:
    with ClassRun.open(made) as run:
        codes = class_team_codes(run)  # as "Start a class" issues them
    window = live(qtbot, made, codes)
    window.devices.open_room("127.0.0.1", 0)
    return window


def cell(overview: ClassOverview, name: str, column: int) -> str:
    model = overview.model
    return str(model.index(model.row_of(name), column).data())


class Browser:
    """A team's browser, in a thread of its own (the window's thread owns the sessions)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.statuses: list[int] = []
        self.page = ""

    def request(self, method: str, path: str, fields: dict[str, str] | None = None) -> str:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Host": f"127.0.0.1:{self.port}", "Origin": f"http://127.0.0.1:{self.port}"}
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        found = re.match(rf"{COOKIE}=([^;]+);", response.getheader("Set-Cookie") or "")
        if found:
            self.cookie = found.group(1)
        self.statuses.append(response.status)
        conn.close()
        return text

    def submit_move(self, code: str, text: str) -> None:
        self.request("GET", "/join/" + code.replace("-", ""))
        page = self.page = self.request("GET", "/")
        csrf = re.search(r'data-csrf="([^"]+)"', page)
        assert csrf, page[:300]
        fields = {"move_type": "statement", "tone": "0", "text": text,
                  "visibility": "public", "csrf": csrf.group(1)}  # fmt: skip
        self.request("POST", "/submit/move", fields)


def in_thread(qtbot: Any, work: Any) -> None:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=15000)


def test_a_devices_submission_is_pending_in_its_groups_row(
    qtbot: Any, overview: ClassOverview
) -> None:
    overview.acts["startRoundAll"].trigger()
    port = overview.devices.address[1]  # type: ignore[index]
    code = overview.devices.codes["Green"]["usa"][1]
    browser = Browser(port)
    in_thread(qtbot, lambda: browser.submit_move(code, "FROM-GREEN-USA"))
    assert browser.statuses == [303, 200, 303]
    assert 'class="clock running"' in browser.page  # the class clock, on the team's page
    qtbot.waitUntil(lambda: cell(overview, "Green", PENDING) == "1")
    assert cell(overview, "Red", PENDING) == "0" and cell(overview, "Blue", PENDING) == "0"
    assert overview.run.session("Red").state.submissions == {}
    window = overview.open_group("Green")  # its inbox, on the group's one session
    assert not window.action_set.open_devices.isEnabled()  # the class serves its devices
    inbox = window.devices.build_inbox()
    assert [sub.payload["text"] for _sid, sub in inbox.waiting()] == ["FROM-GREEN-USA"]
    assert cell(overview, "Green", TO_RULE) == "0"  # a submission is not a move yet
    sid = inbox.waiting()[0][0]
    window.run(ops.hold_submission, submission=sid, note="later")
    qtbot.waitUntil(lambda: cell(overview, "Green", PENDING) == "1 (1 held)")
    window.run(ops.accept_submission, submission=sid)
    qtbot.waitUntil(lambda: cell(overview, "Green", PENDING) == "0")
    assert [m.text for m in window.session.state.moves.values()] == ["FROM-GREEN-USA"]
    assert cell(overview, "Green", TO_RULE) == "1"  # accepted: a move to rule on


def test_a_submission_reaches_the_group_while_its_view_is_open_and_after(
    qtbot: Any, overview: ClassOverview
) -> None:
    overview.acts["startRoundAll"].trigger()
    port = overview.devices.address[1]  # type: ignore[index]
    window = overview.open_group("Blue")
    inbox = window.devices.build_inbox()
    browser = Browser(port)
    in_thread(qtbot, lambda: browser.submit_move(overview.devices.codes["Blue"]["rok"][1], "ONE"))
    qtbot.waitUntil(lambda: len(inbox.waiting()) == 1)  # the open view's inbox, live
    window.close()  # its session closes; the class opens the save again and serves it
    in_thread(qtbot, lambda: browser.request("POST", "/submit/move", {
        "move_type": "statement", "tone": "0", "text": "TWO", "visibility": "public",
        "csrf": re.search(r'data-csrf="([^"]+)"', browser.request("GET", "/")).group(1),  # type: ignore[union-attr]
    }))  # fmt: skip
    assert browser.statuses[-1] == 303
    qtbot.waitUntil(lambda: cell(overview, "Blue", PENDING) == "2")
    texts = [s.payload["text"] for s in overview.run.session("Blue").state.submissions.values()]
    assert texts == ["ONE", "TWO"]


def test_the_join_slips_are_a_page_per_team_grouped_by_group(
    overview: ClassOverview, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    pages = overview.devices.write_slips(tmp_path / "slips.pdf")
    teams = overview.run.scenario.teams
    assert pages == len(NAMES) * len(teams)
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "slips.pdf").pages]
    assert len(texts) == pages
    for number, text in enumerate(texts):
        group, team = NAMES[number // len(teams)], teams[number % len(teams)]
        assert text.startswith(f"{group} · p3 · ") and team.name in text, (number, text[:200])
        code = overview.devices.codes[group][team.id][1]
        assert code in text.replace(" ", "")  # (pypdf may split a word)
    assert len({overview.devices.codes[g]["usa"][1] for g in NAMES}) == len(NAMES)


def test_the_class_clock_is_put_back_on_reopening(
    qtbot: Any, made: ClassFile, isolated_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    began = time.time() - 90  # the round began a minute and a half ago
    with ClassRun.open(made) as run:
        monkeypatch.setattr("engine.session.live.time.time", lambda: began)
        run.start_round()
        monkeypatch.undo()
    overview = live(qtbot, made)
    assert overview.clock == (1, 0)
    assert overview.timer.running
    minutes = overview.watches["Red"].status(overview.keys).phase_minutes
    left = overview.timer.remaining_ms()
    assert minutes * 60_000 - 92_000 < left < minutes * 60_000 - 89_000
    assert overview.clock_label.text().startswith("Class clock: round 1 · ")
    assert ":" in cell(overview, "Green", 2) and "off the clock" not in cell(overview, "Green", 2)


def test_groups_on_different_phases_are_said_on_reopening(
    qtbot: Any, made: ClassFile, isolated_settings: Path
) -> None:
    with ClassRun.open(made) as run:
        run.start_round()
        run.next_phase(["Blue"])
    overview = live(qtbot, made)
    assert overview.clock is None and not overview.timer.running
    assert overview.clock_label.text() == "Class clock: groups on different phases"
    assert "Blue: round 1 ·" in overview.clock_label.toolTip()
    assert "Red: round 1 ·" in overview.statusBar().currentMessage()


def test_starting_a_class_issues_a_set_of_codes_per_group_and_hands_them_on(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    from ui.app import ParleyApp
    from ui.class_start import StartClassDialog

    scenario = load_scenario(DEFAULT_SCENARIO)
    dialog = StartClassDialog(scenario, tmp_path)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("\n".join(NAMES))
    dialog.folder.setText(str(tmp_path / "period 3"))
    dialog.make_class()
    assert dialog.made is not None and set(dialog.codes) == set(NAMES)
    with ClassRun.open(dialog.made) as run:  # each group's codes in its own save, hashed
        for name, session in run.sessions.items():
            assert set(dialog.codes[name]) == set(scenario.team_ids)
            ids = {cid for cid, _text in dialog.codes[name].values()}
            assert ids == {c.id for c in session.state.codes.values() if c.active}
    app = ParleyApp(saves_dir=tmp_path)
    start = app.show_start()
    qtbot.addWidget(start)
    start.class_started.emit(dialog.made.folder, dialog.codes)  # as "Start a class" does
    overview = next(w for w in app.replays if isinstance(w, ClassOverview))
    try:
        assert overview.devices.codes == dialog.codes  # the texts, for the slips
    finally:
        overview.close()


def test_the_dialog_opens_the_class_on_the_address_picked(
    qtbot: Any, made: ClassFile, isolated_settings: Path
) -> None:
    overview = live(qtbot, made)
    dialog = overview.devices.show_dialog()
    assert dialog.pages.currentIndex() == 0  # closed: address and port first
    loopback = dialog.address.findData("127.0.0.1")
    assert loopback >= 0
    dialog.address.setCurrentIndex(loopback)
    dialog.port.setValue(0)
    assert dialog.open_room()
    assert dialog.pages.currentIndex() == 1 and overview.devices.is_open
    assert overview.acts["classDevices"].text() == "Team devices: open…"
    groups = [dialog.codes.topLevelItem(i).text(0) for i in range(dialog.codes.topLevelItemCount())]
    assert groups == NAMES  # a class opened without codes in hand issues them now
    first = dialog.codes.topLevelItem(0).child(0)
    assert first.text(2).startswith(f"http://127.0.0.1:{overview.devices.address[1]}/join/")  # type: ignore[index]
    busy = live(qtbot, create_class(load_scenario(DEFAULT_SCENARIO), made.folder.parent / "b",
                                    ["X"]))  # fmt: skip
    other = busy.devices.show_dialog()
    other.address.setCurrentIndex(other.address.findData("127.0.0.1"))
    other.port.setValue(overview.devices.address[1])  # type: ignore[index]
    assert not other.open_room()
    assert "in use" in other.open_error.text() and not busy.devices.is_open
    dialog.findChild(type(dialog.open_button), "classDevicesClose").click()
    assert not overview.devices.is_open and dialog.pages.currentIndex() == 0


def test_closing_the_class_to_devices_leaves_no_hook_on_the_sessions(
    overview: ClassOverview,
) -> None:
    before = {n: len(s.echo) for n, s in overview.run.sessions.items()}
    overview.devices.close_room()
    after = {n: len(s.echo) for n, s in overview.run.sessions.items()}
    assert all(after[n] == before[n] - 1 for n in NAMES)
    overview.devices.open_room("127.0.0.1", 0)  # and opened again, one each
    assert {n: len(s.echo) for n, s in overview.run.sessions.items()} == before
