"""Team devices in the record (issue 15): who sees each new kind ("as seen by"), the
export and import, ``check`` and ``recover``, replay, snapshots, the analysis database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import msgspec
import pytest

from conftest import SCENARIOS
from engine.domain import reducer
from engine.domain.events import CONTROL, Envelope
from engine.domain.state import SessionState
from engine.domain.visibility import PUBLIC, event_visible, view_state, visible_events
from engine.errors import SaveError
from engine.save import chain
from engine.scenario import load_scenario
from engine.session.check import check_save
from engine.session.exchange import export_json_text, import_json
from engine.session.live import Session
from engine.session.replay import ReplayCursor

VIEWERS = ("usa", "dprk", "rok", PUBLIC)


def play(session: Session) -> dict[str, str]:
    """Every new kind, and every accepted kind from a device; the ids, by name."""
    s = session
    usa_code, usa_text = s.issue_code(role="team", team="usa")
    _, dprk_text = s.issue_code(role="team", team="dprk")
    control_code, control_text = s.issue_code(role="control")
    usa, _ = s.join(code_text=usa_text, label="usa phone")
    dprk, _ = s.join(code_text=dprk_text)
    laptop, _ = s.join(code_text=control_text, label="laptop")
    ids = {"usa": usa, "dprk": dprk, "laptop": laptop, "usa_code": usa_code}

    def sent(device: str, what: str, payload: dict[str, object]) -> str:
        return f"s{s.submit(device=device, what=what, payload=payload).seq}"

    ids["move"] = sent(usa, "move", {"move_type": "statement", "tone": 1, "text": "hello",
                                     "visibility": ["usa", "japan"]})  # fmt: skip
    with s.acting_device(laptop):
        s.accept(submission=ids["move"], edits={"tone": 2})
    ids["demand"] = sent(dprk, "demand", {"to_team": "usa", "issue": "sanctions_relief",
                                          "priority": 1, "text": "lift them"})  # fmt: skip
    s.hold(submission=ids["demand"], note="later")
    s.accept(submission=ids["demand"])
    offer = {"givers": ["usa"], "receivers": ["dprk"], "issue": "sanctions_relief", "text": "x"}
    ids["proposal"] = sent(usa, "proposal", offer)
    commitment = f"c{s.accept(submission=ids['proposal']).seq}"
    ids["answer"] = sent(dprk, "answer", {"commitment": commitment, "answer": "agree"})
    s.accept(submission=ids["answer"])
    ids["message"] = sent(usa, "message", {"to": ["dprk"], "text": "between us"})
    ids["message_made"] = f"x{s.accept(submission=ids['message']).seq}"
    ids["rejected"] = sent(dprk, "move", {"move_type": "missile_test", "tone": -3, "text": "boom"})
    s.reject(submission=ids["rejected"], reason="not in this phase")
    s.send_message(sender=CONTROL, to=["rok"], text="for ROK only")
    s.lock_lobby(locked=True)
    s.revoke_device(device=dprk)
    s.revoke_code(code=usa_code)
    del control_code
    return ids


@pytest.fixture(name="played")
def played_fixture(tmp_path: Path) -> Iterator[tuple[Session, dict[str, str]]]:
    session = Session.create(
        load_scenario(SCENARIOS / "after-hanoi-2019.toml"), tmp_path / "p.parley"
    )
    ids = play(session)
    yield session, ids
    session.close()


def digests(state: SessionState) -> list[str]:
    found = [c.digest for c in state.codes.values()] + [d.digest for d in state.devices.values()]
    assert len(found) == 6  # three codes, three devices
    return found


# ---------------------------------------------------------------------- as seen by


def dumped(state: SessionState) -> str:
    """Every record and value of a state as JSON (whatever containers a snapshot gave)."""
    out = {}
    for name in SessionState.__struct_fields__:
        value = getattr(state, name)
        if hasattr(value, "items"):
            value = {str(k): v for k, v in value.items()}
        elif hasattr(value, "__getitem__") and not isinstance(value, str):
            value = list(value)  # a list of records (the logs)
        elif hasattr(value, "__contains__") and not isinstance(value, str):
            value = sorted(value)  # a set of seqs
        out[name] = value
    return msgspec.json.encode(out).decode()


def expected_viewers(env: Envelope, state: SessionState) -> set[str]:
    """Who may see each entry, said plainly (the rule of DEVICES-SPEC.md)."""
    event = env.event
    kind = env.kind
    if kind in ("JoinCodeIssued", "JoinCodeRevoked", "DeviceJoined", "DeviceRevoked",
                "LobbyLocked"):  # fmt: skip
        return set()
    if kind == "SubmissionReceived":
        return {event.team}  # type: ignore[union-attr]
    if kind in ("SubmissionHeld", "SubmissionRejected"):
        return {state.submissions[event.submission].team}  # type: ignore[union-attr]
    if kind == "MessageSent":
        return {event.sender, *event.to} - {CONTROL}  # type: ignore[union-attr]
    if kind == "MoveRecorded":
        return {"usa", "japan"}
    if kind in ("DemandTabled", "CommitmentProposed", "CommitmentAgreed"):
        return set(VIEWERS) | {"japan", "china", "russia"}  # public
    return {"usa", "dprk", "rok", PUBLIC, "japan", "china", "russia"}


def test_every_new_kind_is_seen_by_whom_it_should_be(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, _ = played
    state, sc = session.state, session.scenario
    kinds = set()
    for env in session.events(2):
        kinds.add(env.kind)
        assert event_visible(CONTROL, env, state, sc)
        want = expected_viewers(env, state)
        for viewer in VIEWERS:
            assert event_visible(viewer, env, state, sc) == (viewer in want), (
                env.seq,
                env.kind,
                viewer,
            )
    new = "JoinCodeIssued JoinCodeRevoked DeviceJoined DeviceRevoked LobbyLocked"
    new += " SubmissionReceived SubmissionHeld SubmissionRejected MessageSent"
    assert set(new.split()) <= kinds


def test_a_team_sees_its_own_submissions_and_its_messages_only(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, ids = played
    usa = view_state(session.state, "usa", session.scenario)
    assert usa.codes == {} and usa.devices == {} and not usa.lobby_locked
    assert {s.team for s in usa.submissions.values()} == {"usa"}
    assert ids["move"] in usa.submissions and ids["rejected"] not in usa.submissions
    assert set(usa.messages) == {ids["message_made"]}
    dprk = view_state(session.state, "dprk", session.scenario)
    assert dprk.submissions[ids["rejected"]].reason == "not in this phase"  # it sees why
    assert set(dprk.messages) == {ids["message_made"]}
    rok = view_state(session.state, "rok", session.scenario)
    assert rok.submissions == {} and [m.text for m in rok.messages.values()] == ["for ROK only"]
    room = view_state(session.state, PUBLIC, session.scenario)
    assert room.submissions == {} and room.messages == {} and room.devices == {}
    assert view_state(session.state, CONTROL, session.scenario) is session.state


def test_no_digest_reaches_any_team(played: tuple[Session, dict[str, str]]) -> None:
    session, _ = played
    secret = digests(session.state)
    for viewer in VIEWERS:
        seen = view_state(session.state, viewer, session.scenario)
        shown = list(visible_events(viewer, session.events(), session.state, session.scenario))
        text = dumped(seen) + msgspec.json.encode(shown).decode()
        assert not any(d in text for d in secret), viewer
        cursor = ReplayCursor(session, seq=0, viewer=viewer)
        while cursor.step_forward() is not None:
            assert cursor.view == view_state(session.state_at(cursor.seq), viewer, session.scenario)
        assert not any(d in dumped(cursor.view) for d in secret)


# ---------------------------------------------------------------------- replay and snapshots


def fold(session: Session, seq: int) -> SessionState:
    return reducer.replay(
        reducer.initial_state(session.scenario), session.events(1, seq + 1), session.scenario
    )


def test_state_at_every_event_is_the_fold_across_snapshots(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with patch("engine.session.live.SNAPSHOT_EVERY", 4):
        session = Session.create(scenario, tmp_path / "snap.parley")
        play(session)
        session.undo()  # the last accept-free event, and back
        session.redo()
        assert len(session._snapshots) > 5
        for seq in range(1, session.last_seq + 1):
            assert session.state_at(seq) == fold(session, seq), seq
        live = session.state
        session.close()
        with Session.open(tmp_path / "snap.parley", read_only=True) as again:
            assert again.state == live
            assert again.state.lobby_locked and again.state.submissions == live.submissions


def test_an_undone_accept_is_pending_in_every_replay(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, ids = played
    accepted = session.state.submissions[ids["message"]]
    assert accepted.status == "accepted"
    before = session.state_at(accepted.status_seq - 1)  # type: ignore[operator]
    assert before.submissions[ids["message"]].status == "pending"
    assert (
        session.state_at(accepted.status_seq).submissions[ids["message"]].record
        == ids["message_made"]
    )  # type: ignore[arg-type]


# ---------------------------------------------------------------------- export, import, check


def test_export_import_round_trip_keeps_every_device_event(
    played: tuple[Session, dict[str, str]], tmp_path: Path
) -> None:
    session, _ = played
    text = export_json_text(session)
    doc = json.loads(text)
    assert doc["parley_export"] == 1
    assert any(e["payload"].get("by_device") for e in doc["events"])
    source = tmp_path / "x.json"
    source.write_text(text, encoding="utf-8")
    with import_json(source, tmp_path / "copy.parley") as copy:
        assert copy.state.submissions == session.state.submissions
        assert copy.state.devices == session.state.devices and copy.state.lobby_locked
        assert export_json_text(copy) == text
    assert check_save(tmp_path / "copy.parley") == []


def test_an_export_with_a_forged_submission_is_refused_naming_it(
    played: tuple[Session, dict[str, str]], tmp_path: Path
) -> None:
    session, _ = played
    doc = json.loads(export_json_text(session))
    entry = next(e for e in doc["events"] if e["kind"] == "SubmissionReceived")
    entry["payload"]["team"] = "dprk"  # USA's device speaking for DPRK
    source = tmp_path / "forged.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(
        SaveError, match=rf"event {entry['seq']} \(SubmissionReceived\): its team is 'dprk'"
    ):
        import_json(source, tmp_path / "forged.parley")
    assert not (tmp_path / "forged.parley").exists()


def tamper(path: Path, seq: int, old: str, new: str, *, rechain: bool) -> None:
    conn = sqlite3.connect(path)
    with conn:
        (payload,) = conn.execute("SELECT payload FROM events WHERE seq = ?", (seq,)).fetchone()
        assert old in payload
        conn.execute(
            "UPDATE events SET payload = ? WHERE seq = ?", (payload.replace(old, new), seq)
        )
        if rechain:  # a forger who recomputes the checksums too
            chain.rechain(conn)
    conn.close()


def test_check_names_a_tampered_submission(played: tuple[Session, dict[str, str]]) -> None:
    session, ids = played
    path, seq = session.path, int(ids["move"][1:])
    session.close()
    tamper(path, seq, '"tone":1', '"tone":3', rechain=False)
    problems = check_save(path)
    assert problems and f"event {seq}" in problems[0] and "checksum" in problems[0]


def test_check_names_a_forged_submission_even_when_rechained(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, ids = played
    path, seq = session.path, int(ids["rejected"][1:])
    session.close()
    tamper(path, seq, '"team":"dprk"', '"team":"usa"', rechain=True)
    problems = " ".join(check_save(path))
    assert f"event {seq} (SubmissionReceived)" in problems and "team" in problems


def test_check_names_an_accept_of_a_submission_already_settled(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, ids = played
    path = session.path
    rejected = session.state.submissions[ids["rejected"]]
    session.close()
    seq = rejected.status_seq
    assert seq is not None
    conn = sqlite3.connect(path)
    with conn:  # the rejection now reads as a hold of the accepted move
        conn.execute(
            "UPDATE events SET payload = ? WHERE seq = ?",
            (json.dumps({"kind": "SubmissionHeld", "submission": ids["move"]}), seq),
        )
        conn.execute("UPDATE events SET kind = 'SubmissionHeld' WHERE seq = ?", (seq,))
        chain.rechain(conn)
    conn.close()
    problems = " ".join(check_save(path))
    assert f"event {seq} (SubmissionHeld)" in problems and "accepted" in problems


def test_recover_keeps_the_device_events_before_the_damage(
    played: tuple[Session, dict[str, str]], tmp_path: Path
) -> None:
    from engine.session.salvage import recover_save

    session, _ = played
    path, last = session.path, session.last_seq
    kept = session.state_at(last - 1)
    session.close()
    tamper(path, last, '"code":', '"kode":', rechain=False)  # the last event damaged
    with recover_save(path, tmp_path / "recovered.parley") as recovered:
        assert recovered.last_seq == last - 1
        assert recovered.state.submissions == kept.submissions
        assert recovered.state.devices == kept.devices
    assert check_save(tmp_path / "recovered.parley") == []


# ---------------------------------------------------------------------- analysis database


def test_the_analysis_database_has_submissions_and_messages(
    played: tuple[Session, dict[str, str]], tmp_path: Path
) -> None:
    from engine.session.analysis_db import write_sqlite

    session, ids = played
    out = write_sqlite(session, tmp_path / "a.db")
    conn = sqlite3.connect(out)
    rows = conn.execute(
        "SELECT id, team, team_name, what, status, record, edited, at FROM submissions ORDER BY seq"
    ).fetchall()
    assert [r[0] for r in rows] == [
        ids[k] for k in ("move", "demand", "proposal", "answer", "message", "rejected")
    ]
    first = rows[0]
    assert first[1:6] == (
        "usa",
        "United States",
        "move",
        "accepted",
        f"m{int(ids['move'][1:]) + 1}",
    )
    assert first[6] == "tone" and first[7].startswith("20")
    messages = conn.execute(
        "SELECT sender, sender_name, recipients, text FROM messages ORDER BY seq"
    ).fetchall()
    assert messages == [
        ("usa", "United States", "dprk", "between us"),
        ("control", "Control", "rok", "for ROK only"),
    ]
    events = " ".join(r[0] for r in conn.execute("SELECT payload FROM events"))
    assert not any(d in events for d in digests(session.state)), "digests stay in the save"
    conn.close()


def test_the_report_says_what_was_edited_only_to_whom_may_know(
    played: tuple[Session, dict[str, str]],
) -> None:
    from engine.report.timeline import timeline

    session, ids = played
    move = session.state.submissions[ids["move"]].record

    def said(viewer: str) -> str:
        sections = timeline(session.scenario, session.events(), session.state, viewer)
        entry = next(
            e for s in sections for e in s.entries if e.what.startswith("United States: Statement")
        )
        assert move is not None
        return entry.what

    accepted = "Accepted from United States's device"
    laptop = f"Taken by Control's device {ids['laptop']} (laptop)"
    assert said(CONTROL).endswith(f"{accepted}, edited: tone. {laptop}")
    assert said("usa").endswith(f"{accepted}, edited: tone")  # its own, as Control changed it
    assert said("japan").endswith(accepted)  # it may see the move, not what USA sent


def test_an_entry_described_for_a_team_is_in_its_words_whatever_words_it_is_given(
    played: tuple[Session, dict[str, str]],
) -> None:
    from engine.domain.words import Words
    from engine.report.timeline import describe

    session, ids = played
    seq = session.state.moves[session.state.submissions[ids["move"]].record or ""].seq
    env, words = session.envelope(seq), Words(session.scenario, session.state)
    assert describe(env, session.state, session.scenario, words, "usa").what.endswith(
        "edited: tone"
    )
    shown = describe(env, session.state, session.scenario, words, "japan").what
    assert shown.endswith("Accepted from United States's device") and words.viewer == CONTROL


def test_the_csv_export_has_submissions_and_messages_and_no_digest(
    played: tuple[Session, dict[str, str]], tmp_path: Path
) -> None:
    import csv

    from engine.session.exchange import write_csv

    session, ids = played
    folder = write_csv(session, tmp_path / "csv")
    with (folder / "submissions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows][:2] == [ids["move"], ids["demand"]]
    assert rows[0]["team_name"] == "United States" and rows[0]["edited"] == "tone"
    with (folder / "messages.csv").open(encoding="utf-8") as handle:
        assert [r["text"] for r in csv.DictReader(handle)] == ["between us", "for ROK only"]
    events = (folder / "events.csv").read_text(encoding="utf-8")
    assert "JoinCodeIssued" in events and not any(d in events for d in digests(session.state))


def test_check_names_an_event_claimed_by_a_device_that_could_not_take_it(
    played: tuple[Session, dict[str, str]],
) -> None:
    session, ids = played
    path = session.path
    seq = next(e.seq for e in session.events() if e.by_device is not None)
    session.close()
    tamper(path, seq, f'"by_device":"{ids["laptop"]}"', f'"by_device":"{ids["usa"]}"', rechain=True)
    problems = " ".join(check_save(path))
    assert f"event {seq}" in problems and "only a Control device acts" in problems
