"""Benchmarks of the engine's side of team devices (figures, not pass/fail tests).

* join: ``Session.join`` in a session with a code for every team of the scenario, a
  Control code and as many revoked ones (the worst case tries every code): median
  <= 20 ms, for it runs on the thread that owns the session (the window's).
* device_of: finding a device by its token among 40: median <= 0.2 ms.
* submit: a move submitted from a device (checked by the command it becomes, run dry,
  then committed) against the same move recorded at the window: median ratio <= 1.5.
* accept: accepting that submission against recording the move: median ratio <= 1.5.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from engine.scenario import load_scenario
from engine.session.live import Session

Row = tuple[str, float, str, bool]
ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml"
MOVE = {"move_type": "statement", "tone": 1, "text": "a move from a phone"}
ROUNDS = 40


def _median_ms(call: Callable[[], object], times: int) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent) * 1000


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.create(load_scenario(SCENARIO), Path(tmp) / "d.parley")
        try:
            return _run(session)
        finally:
            session.close()


def _run(session: Session) -> list[Row]:
    teams = session.scenario.team_ids
    texts = [session.issue_code(role="team", team=t)[1] for t in teams]
    texts.append(session.issue_code(role="control")[1])
    for team in teams:  # revoked codes are tried last: a join may try them all
        session.revoke_code(code=session.issue_code(role="team", team=team)[0])
    last = texts[-1]  # the last active code tried
    join = _median_ms(lambda: session.join(code_text=last), ROUNDS)
    tokens = [session.join(code_text=texts[i % len(teams)])[1] for i in range(40)]
    found = _median_ms(lambda: session.device_of(tokens[-1]), 200)
    device = session.device_of(tokens[0])
    assert device is not None

    def record() -> object:
        return session.record_move(team=device.team or "", **MOVE)  # type: ignore[arg-type]

    submitted: list[str] = []

    def submit() -> object:
        changes = session.submit(device=device.id, what="move", payload=MOVE)
        submitted.append(f"s{changes.seq}")
        return changes

    window = _median_ms(record, ROUNDS)
    sent = _median_ms(submit, ROUNDS)
    accept = _median_ms(lambda: session.accept(submission=submitted.pop()), ROUNDS)
    return [
        ("devices: join (ms, every code tried)", join, "<= 20", join <= 20),
        ("devices: device_of among 40 (ms)", found, "<= 0.2", found <= 0.2),
        ("devices: submit / record_move", sent / window, "<= 1.5", sent / window <= 1.5),
        ("devices: accept / record_move", accept / window, "<= 1.5", accept / window <= 1.5),
    ]
