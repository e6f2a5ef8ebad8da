"""Replaying a log through the rules names the first event no command would have written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import ROOT
from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.errors import SaveError
from engine.save.chain import rechain
from engine.session.audit import first_breach
from engine.session.exchange import export_document, import_json
from engine.session.live import Session


def _played(session: Session) -> list[Envelope]:
    """A short log of every common kind: moves, a demand, commitments, an undo and redo."""
    session.start_round()
    session.record_move(team="usa", move_type="statement", tone=1, text="We are ready.")
    session.table_demand(
        from_team="usa", to_team="dprk", issue="sanctions_relief", priority=1, text="Freeze."
    )
    session.propose_commitment(giver="usa", receiver="dprk", issue="sanctions_relief", text="A")
    session.propose_commitment(giver="dprk", receiver="usa", issue="sanctions_relief", text="B")
    session.agree_commitment(commitment="c5")
    session.add_note(text="a note")
    session.undo()
    session.redo()
    session.undo()
    return list(session.events())


def _edited(log: list[Envelope], seq: int, **fields: Any) -> list[Envelope]:
    """``log`` with the event at ``seq`` changed (its payload fields, or envelope fields)."""
    env = log[seq - 1]
    envelope = {k: fields.pop(k) for k in ("round", "actor") if k in fields}
    event = msgspec.structs.replace(env.event, **fields) if fields else env.event
    out = list(log)
    out[seq - 1] = msgspec.structs.replace(env, event=event, **envelope)
    return out


def _inserted(log: list[Envelope], after: int, event: ev.Event, actor: str) -> list[Envelope]:
    env = log[after - 1]
    out = [*log[:after], Envelope(after + 1, env.at, env.round, actor, event)]
    return out + [msgspec.structs.replace(e, seq=e.seq + 1) for e in log[after:]]


def test_a_log_written_by_the_commands_breaks_no_rule(session: Session) -> None:
    assert first_breach(session.scenario, _played(session)) is None


@pytest.mark.parametrize(
    ("seq", "fields", "rule"),
    [
        (3, {"tone": 99}, "tone 99 is outside -3 (hostile) .. +3"),
        (3, {"team": "atlantis"}, "no team 'atlantis' in scenario after_hanoi_2019"),
        (4, {"issue": "moon_base"}, "no issue 'moon_base'"),
        (7, {"commitment": "c99"}, "no commitment 'c99' in this session"),
        (3, {"actor": "dprk"}, "recorded as 'dprk''s, but it is 'usa''s to make"),
        (3, {"round": 7}, "recorded in round 7, but the session is in 1"),
        (2, {"round": 99}, "recorded in round 99, but the session is in 1"),
        (9, {"target": 3}, "it voids event 3, but Undo would void event 8"),
    ],
)
def test_the_first_breach_names_the_event_and_the_rule(
    session: Session, seq: int, fields: dict[str, Any], rule: str
) -> None:
    log = _edited(_played(session), seq, **fields)
    breach = first_breach(session.scenario, log)
    assert breach is not None
    assert (breach.seq, breach.kind) == (seq, log[seq - 1].kind)
    assert rule in breach.rule
    assert str(breach).startswith(f"event {seq} ({log[seq - 1].kind}): ")


def test_fulfilling_a_commitment_only_proposed_breaks_the_lifecycle(session: Session) -> None:
    log = _inserted(_played(session), 5, ev.CommitmentFulfilled("c5"), "usa")
    breach = first_breach(session.scenario, log)
    assert breach is not None and breach.seq == 6
    assert "commitment c5 is proposed and cannot become fulfilled" in breach.rule


def test_a_condition_added_to_an_agreed_commitment_without_a_reason_is_a_breach(
    session: Session,
) -> None:
    condition = ev.Condition("commitment", "c6")
    log = _inserted(_played(session), 7, ev.ConditionAdded("c5", condition), "control")
    breach = first_breach(session.scenario, log)
    assert breach is not None and breach.seq == 8
    assert "the reason for renegotiating an agreed commitment must not be empty" in breach.rule


def test_a_round_beyond_the_plan_is_a_breach(session: Session) -> None:
    for _ in range(len(session.scenario.rounds)):
        session.start_round()
    log = list(session.events())
    extra = Envelope(len(log) + 1, log[-1].at, 99, "control", ev.RoundStarted(99))
    breach = first_breach(session.scenario, [*log, extra])
    assert breach is not None and breach.seq == extra.seq
    assert "is the last of scenario after_hanoi_2019" in breach.rule


def test_check_names_the_breach(session: Session, tmp_path: Path) -> None:
    _played(session)
    session.close()
    payload = '{"kind":"MoveRecorded","team":"usa","move_type":"statement","tone":99,"text":"x"}'
    with Session.open(session.path) as writer:
        writer.store.conn.execute("UPDATE events SET payload = ? WHERE seq = 3", (payload,))
        rechain(writer.store.conn)  # the chain rewritten too: the rules must still catch it
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(session.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, "damage found: an event no command would have written"
    assert "event 3 (MoveRecorded): tone 99 is outside" in done.stderr


def test_a_refused_import_names_the_event_and_the_rule_and_leaves_no_file(
    session: Session, tmp_path: Path
) -> None:
    _played(session)
    doc = export_document(session)
    doc["events"][2]["payload"]["tone"] = 99
    source, save = tmp_path / "bad.json", tmp_path / "bad.parley"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SaveError, match=r"bad.json: event 3 \(MoveRecorded\): tone 99 is outside"):
        import_json(source, save)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("bad.parley")]


@pytest.mark.parametrize("nesting", [1000, 100_000])
def test_an_import_nested_too_deep_is_refused_with_a_message(
    session: Session, tmp_path: Path, nesting: int
) -> None:
    text = json.dumps(export_document(session))
    text = text.replace(
        '"title": ', '"title": ' + "[" * nesting + '"x"' + "]" * nesting + ', "t": ', 1
    )
    source = tmp_path / "deep.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError, match=r"deep\.json is not a Parley JSON export"):
        import_json(source, tmp_path / "deep.parley")
    assert not (tmp_path / "deep.parley").exists()
